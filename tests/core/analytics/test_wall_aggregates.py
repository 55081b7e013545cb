"""Every aggregate of the wall against values worked out by hand (see conftest's table)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cur_desktop.analytics import WallData, compute_wall_data
from tests.core.analytics.small_dataset import NOW, C, E, N, S

approx = pytest.approx


@pytest.fixture
def data(small_frame, tiny_context) -> WallData:
    return compute_wall_data(small_frame, context=tiny_context, now=NOW)


def test_the_frame_leaves_out_merged_duplicates_and_reads_no_text(small_frame) -> None:
    frame = small_frame.appeals
    assert sorted(frame["id"]) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]
    assert not {"text", "title", "address", "author_name", "author_phone"} & set(frame.columns)


def test_kpis(data: WallData) -> None:
    k = {kpi.key: kpi for kpi in data.kpis}
    # today (local Feb 4 from 00:00 = Feb 3 19:00 UTC): 1, 2, 9; yesterday to 12:00: 3, 4
    assert (k["received_today"].value, k["received_today"].previous) == (3, 2)
    # this week (from Monday Feb 2, local): 1, 2, 3, 4, 9; last week to Wed 12:00: 6, 7
    assert (k["received_week"].value, k["received_week"].previous) == (5, 2)
    # open now: 1, 2, 7, 9; a week ago: 7 (open), 6 (finished after that moment)
    assert (k["in_work"].value, k["in_work"].previous) == (4, 2)
    # overdue now: 2, 7; a week ago: 7 (6 was due only at now-6.5d)
    assert (k["overdue_now"].value, k["overdue_now"].previous) == (2, 1)
    # finished in the last 7 days: 3 late, 4 on time, 5 on time, 6 late; before: none judged
    assert k["within_norm"].value == approx(0.5)
    assert k["within_norm"].previous is None
    # hour norms, reacted in the last 7 days: 1 (0.5 wh, im-high 4 h), 3 (1 wh, tiny-roads 4 h)
    assert k["reaction_median"].value == approx(0.75)
    assert k["reaction_median"].norm == approx(4.0)
    # both norms count working hours: the room reads «раб. ч»
    assert k["reaction_median"].unit == "working_hours"
    # the 7 days before: 6 (1 working hour, tiny-roads)
    assert k["reaction_median"].previous == approx(1.0)
    # ratings finished in 30 days: 4 (5), 5 (2): one of two; before: 8 (4)
    assert k["satisfied_rating"].value == approx(0.5)
    assert k["satisfied_rating"].previous == approx(1.0)
    # reactions: 6 «доволен»
    assert k["satisfied_reaction"].value == approx(1.0)
    assert k["satisfied_reaction"].previous is None


def test_heat_map_counts_and_rates_per_10000(data: WallData) -> None:
    heat = data.heatmap
    assert heat.columns == (N, E, S, C)
    cell = {
        (theme, mun): (heat.absolute[i][j], heat.per_10k[i][j])
        for i, theme in enumerate(heat.rows)
        for j, mun in enumerate(heat.columns)
    }
    # 30 days: roads 1, 3, 7 in C, 6 in N, 9 in S; housing 2 in N; waste 4 in E; health 5 in S
    assert cell["roads", C] == (3, approx(3 * 10_000 / 75_000))
    assert cell["roads", N] == (1, approx(10_000 / 12_000))
    assert cell["roads", S] == (1, approx(2.0))
    assert cell["housing", N] == (1, approx(10_000 / 12_000))
    assert cell["housing", C] == (0, 0.0)  # 8 is older than 30 days
    assert cell["waste", E] == (1, approx(1.25))
    assert cell["health", S] == (1, approx(2.0))
    assert sum(map(sum, heat.absolute)) == 8  # 11 has no theme, 10 is merged, 8 is old
    roads = data.category_heatmaps["roads"]
    potholes = roads.absolute[roads.rows.index("roads.potholes")]
    snow = roads.absolute[roads.rows.index("roads.snow")]
    assert potholes == (0, 0, 0, 3)
    assert snow == (1, 0, 1, 0)


def test_top_problems(data: WallData) -> None:
    top = [(p.category, p.count, p.previous, p.top_municipality) for p in data.top_problems]
    assert top[0] == ("roads.potholes", 3, 0, C)
    assert top[1] == ("roads.snow", 2, 0, N)  # N and S tie: the pack's order decides
    assert ("housing.heating", 1, 1, N) in top  # 8 counted in the window before
    assert len(top) == 5


def test_municipality_loads(data: WallData) -> None:
    loads = {m.oktmo: (m.received, m.open, m.overdue) for m in data.municipalities}
    assert loads == {N: (2, 1, 1), E: (1, 0, 0), S: (2, 1, 0), C: (3, 2, 1)}
    by_code = {m.oktmo: m for m in data.municipalities}
    assert by_code[C].per_10k == approx(0.4)
    assert by_code[C].overdue_share == approx(0.5)
    assert by_code[E].overdue_share is None


def test_trends_by_day_hour_and_forecast(data: WallData) -> None:
    t = data.trends
    assert len(t.days) == 14
    assert t.by_day[-1] == 3  # today: 1, 2, 9
    assert t.by_day[-2] == 2  # yesterday: 3, 4
    assert t.by_day[-4] == 1  # Feb 1: 5
    assert t.by_day[-9] == 1  # Jan 27: 6
    assert t.by_day[-10] == 1  # Jan 26: 7
    assert sum(t.by_day) == 9  # and 11 on Jan 22
    # seven days earlier: yesterday's is Jan 27 (6), the day before's Jan 26 (7)
    assert t.last_week_by_day[-2] == 1
    assert t.last_week_by_day[-3] == 1
    assert t.last_week_by_day[-1] == 0
    # today by local hour: 2 at 07:00, 1 at 10:00, 9 at 11:00
    assert t.today_by_hour[7] == 1
    assert t.today_by_hour[10] == 1
    assert t.today_by_hour[11] == 1
    assert sum(t.today_by_hour) == 3
    assert t.current_hour == 12
    assert sum(t.last_week_by_hour) == 0
    # Thursday Feb 5: the last four Thursdays held 0 (Jan 29), 1 (Jan 22: 11), 0, 0
    assert t.forecast[0] == approx(0.0)
    assert t.forecast_low[0] == approx(0.0)
    assert t.forecast_high[0] == approx(0.7)  # linear 90th percentile of [0, 0, 0, 1]
    assert len(t.forecast_days) == 7
    assert t.forecast_days[0] - t.days[-1] == timedelta(days=1)


def test_ratings_follow_the_methodology(data: WallData) -> None:
    bodies = {r.code: r for r in data.body_rating.rows}
    transport = bodies["min-transport"]
    # 1, 3, 6, 7: reacted 1, 3, 6; finished 3 and 6, both late; reactions 0.5, 1, 1 h
    assert transport.received == 4
    assert transport.quantity == approx(75.0)
    assert transport.timeliness == approx(0.0)
    assert transport.median_reaction_hours == approx(1.0)
    assert transport.speed == approx(100 * (1 - 1 / 48))
    assert transport.satisfaction == approx(100.0)
    assert transport.score == approx(0.2 * 75 + 0.4 * 0 + 0.2 * 100 * (1 - 1 / 48) + 0.2 * 100)
    assert transport.zone == "yellow"  # 54.58: below 55, not below 45
    # one appeal each (or none in the period): below the minimum volume of 2
    for code in ("tko-operator", "min-health", "adm-99701000"):
        assert bodies[code].zone == "unrated"
        assert bodies[code].score is None
    assert bodies["adm-99701000"].received == 0

    muns = [(r.code, r.zone) for r in data.municipality_rating.rows]
    scores = {r.code: r.score for r in data.municipality_rating.rows}
    # S: 5 and 9: quantity 50, on time 100, speed 50 (24 h), satisfaction 0
    assert scores[S] == approx(0.2 * 50 + 0.4 * 100 + 0.2 * 50 + 0.2 * 0)
    # N: 2 and 6: quantity 50, on time 0, speed (1 h), satisfaction 100
    assert scores[N] == approx(0.2 * 50 + 0.2 * 100 * (1 - 1 / 48) + 0.2 * 100)
    # C: 1, 3, 7: quantity 2/3, on time 0, speed (median 0.75 h), no rating: weights renormalised
    expected_c = (0.2 * 200 / 3 + 0.4 * 0 + 0.2 * 100 * (1 - 0.75 / 48)) / 0.8
    assert scores[C] == approx(expected_c)
    assert muns == [(S, "green"), (N, "yellow"), (C, "red"), (E, "unrated")]


def test_red_zone_takes_the_bottom_share(small_frame, tiny_context) -> None:
    from dataclasses import replace

    context = replace(
        tiny_context, methodology=replace(tiny_context.methodology, red_bottom_share=0.34)
    )
    data = compute_wall_data(small_frame, context=context, now=NOW)
    zones = [(r.code, r.zone) for r in data.municipality_rating.rows]
    # three rated: ceil(3 × 0.34) = 2 from the bottom are red whatever their score
    assert zones == [(S, "green"), (N, "red"), (C, "red"), (E, "unrated")]
    assert [r.code for r in data.municipality_rating.red_zone] == [N, C]


def test_deadline_risk_by_body(data: WallData) -> None:
    risk = [
        (r.body, r.within_4h, r.within_day, r.within_3days, r.overdue) for r in data.risk_by_body
    ]
    # 1: 30 working minutes left (im-high, working hours); 9: Wed 12-13 and 14-18, Thu 9-13
    # and 14-18 = 13 working hours (more than a working day, within three); overdue: 7 and 2
    assert risk == [("min-transport", 1, 0, 0, 1), ("", 0, 0, 1, 1)]
    items = [(i.appeal_id, i.remaining_hours) for i in data.risk_items]
    assert items == [(1, approx(0.5)), (9, approx(13.0))]
