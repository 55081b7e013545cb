"""What the room reads off the wall: trend arrows, units, the map's credits and intensities.

Real pages, themed for real screen sizes, fed snapshots computed from a real cache file
(the small dataset of tests/core/analytics); Russian translators and locale as in
production (tests/qt/conftest.py).
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFontMetrics

from cur_desktop.analytics import (
    Kpi,
    WallContext,
    WallData,
    compute_wall_data,
    context_from_pack,
    load_wall_frame,
)
from cur_desktop.analytics.wall_context import load_methodology
from cur_desktop.analytics.wall_data import RiskItem
from cur_desktop.cache import Cache
from cur_desktop.regions import load_pack
from cur_desktop.sync.writer import CacheWriter
from tests.core.analytics.small_dataset import METHOD, NOW, TINY, C, S, dataset, tiny_wall_context
from widgets.wall.page import WallPage, apply_wall_theme
from widgets.wall.pages import create_page
from widgets.wall.rating_page import criteria_named

NBSP = "\u00a0"


def _snapshot(path: Path, context: WallContext) -> WallData:
    with Cache.open(path) as cache:
        CacheWriter(cache.engine).bulk_load(dataset())
        return compute_wall_data(load_wall_frame(cache, now=NOW), context=context, now=NOW)


@pytest.fixture(scope="module")
def context() -> WallContext:
    return tiny_wall_context()


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory, context: WallContext) -> WallData:
    return _snapshot(tmp_path_factory.mktemp("wall") / "wall.sqlite", context)


@pytest.fixture
def make_page(qapp) -> Iterator[Any]:
    made: list[WallPage] = []

    def make(key: str, ctx: WallContext, size: tuple[int, int] = (1920, 1080)) -> WallPage:
        page = create_page(key, ctx)
        page.resize(*size)
        apply_wall_theme(page, size[1])
        made.append(page)
        return page

    yield make
    for page in made:
        with contextlib.suppress(RuntimeError):
            page.close()
            page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# --- KPI board: the arrow agrees with the two figures as printed ---------------------------


def _with_kpi(data: WallData, key: str, value: float, previous: float) -> WallData:
    kpis = tuple(
        replace(k, value=value, previous=previous) if k.key == key else k for k in data.kpis
    )
    return replace(data, kpis=kpis)


def _tile_texts(page: Any, key: str) -> tuple[str, str]:
    tile = page.tiles[key]
    return tile.value.text(), tile.trend.text()


def test_kpi_arrow_is_level_when_both_figures_print_the_same(make_page, context, snapshot) -> None:
    page = make_page("kpi", context)
    # 92.49 % and 91.96 %: both print "92 %"; a rise of 0.53 points the room cannot see
    page.update_data(_with_kpi(snapshot, "within_norm", 0.9249, 0.9196))
    value, trend = _tile_texts(page, "within_norm")
    assert value == "92\u202f%"
    assert trend.endswith("92\u202f%")
    assert trend.startswith("=")


def test_kpi_arrow_shows_a_change_the_figures_print(make_page, context, snapshot) -> None:
    page = make_page("kpi", context)
    # 92.4 % against 92.6 %: printed "92 %" against "93 %", so the figure went down
    page.update_data(_with_kpi(snapshot, "within_norm", 0.924, 0.926))
    value, trend = _tile_texts(page, "within_norm")
    assert value == "92\u202f%"
    assert trend.endswith("93\u202f%")
    assert trend.startswith("▼")


def test_kpi_reaction_arrow_follows_the_printed_minutes(make_page, context, snapshot) -> None:
    page = make_page("kpi", context)
    # 30 and 31 minutes (0.5 h and 0.52 h): printed apart, so not level (the tiny region's
    # hour norms count working time)
    page.update_data(_with_kpi(snapshot, "reaction_median", 0.52, 0.5))
    value, trend = _tile_texts(page, "reaction_median")
    assert value == f"31{NBSP}раб.{NBSP}мин"
    assert trend.startswith("▲")


def test_kpi_reaction_in_working_time_says_so_for_the_figure_and_the_norm(
    make_page, context, snapshot
) -> None:
    """8 working hours are not 8 hours: the figure, its norm and the week before all
    read «раб.» when the norms behind them count working time."""
    page = make_page("kpi", context)
    kpi = Kpi(
        "reaction_median", 1.4, 1.3, "working_hours", higher_is_better=False, norm=8.0, period="7d"
    )
    page.update_data(
        replace(snapshot, kpis=tuple(kpi if k.key == kpi.key else k for k in snapshot.kpis))
    )
    tile = page.tiles["reaction_median"]
    assert tile.value.text() == f"1,4{NBSP}раб.{NBSP}ч"
    assert tile.norm.text().endswith(f"8,0{NBSP}раб.{NBSP}ч")
    assert tile.trend.text().endswith(f"1,3{NBSP}раб.{NBSP}ч")


# --- numbers keep their units on the same line ----------------------------------------------


def test_hours_never_wrap_away_from_their_number(make_page, context, snapshot) -> None:
    page = make_page("kpi", context, (3840, 2160))
    kpi = Kpi("reaction_median", 1.5, 1.3, "hours", higher_is_better=False, norm=8.0, period="7d")
    data = replace(snapshot, kpis=tuple(kpi if k.key == kpi.key else k for k in snapshot.kpis))
    page.update_data(data)
    page.grab()
    trend = page.tiles["reaction_median"].trend
    # the text as the tile shows it, "▲ предыдущие 7 дней: 1,3 ч": number and unit joined
    assert trend.text().endswith(f"1,3{NBSP}ч")
    assert page.names.hours(0.25) == f"15{NBSP}мин"
    # and the label, laid out at its real width, does not end a line between them
    metrics = QFontMetrics(trend.font())
    lines = _wrapped_lines(trend.text(), metrics, trend.contentsRect().width())
    assert all(line.strip() not in {"ч", "мин"} for line in lines), lines


def _wrapped_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """Greedy word wrap at plain spaces, as QLabel's word wrap breaks a line."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


# --- the map credits what its data came from ----------------------------------------------


def test_tile_map_of_the_demo_region_credits_rosstat_not_osm(make_page) -> None:
    """Credits stand under what they credit: the tile cartogram draws no OpenStreetMap
    boundaries, so the pack's OpenStreetMap line is left out; the population behind
    the intensities (Rosstat) is still credited."""
    from cur_desktop.regions.pack import builtin_pack_dir

    pack = load_pack(builtin_pack_dir())
    assert any("OpenStreetMap" in line for line in pack.attribution)
    page = make_page("map", context_from_pack(pack))
    assert not page.uses_boundaries
    assert not page.attribution.isHidden()
    assert "OpenStreetMap" not in page.attribution.text()
    assert "Росстат" in page.attribution.text()


def test_boundary_map_credits_the_packs_sources(make_page, context) -> None:
    page = make_page("map", context)
    assert page.uses_boundaries
    # the tiny pack's boundaries are hand-made: it credits them, not OpenStreetMap
    assert page.attribution.text() == "Тестовые данные, придуманные для проверок"
    assert not page.attribution.isHidden()
    uncredited = make_page("map", replace(context, attribution=()))
    assert "OpenStreetMap" in uncredited.attribution.text()
    assert not uncredited.attribution.isHidden()


# --- intensity per 10,000 residents needs the population --------------------------------


@pytest.fixture
def no_city_population(tmp_path: Path) -> WallContext:
    """The tiny pack with Тиниград's population left out (the field is optional)."""
    pack_dir = tmp_path / "tiny"
    shutil.copytree(TINY, pack_dir)
    path = pack_dir / "dictionaries.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for mun in doc["municipalities"]:
        if mun["oktmo"] == C:
            del mun["population"]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return context_from_pack(load_pack(pack_dir), methodology=METHOD)


def test_map_does_not_rank_a_count_among_intensities(
    make_page, no_city_population: WallContext, tmp_path: Path
) -> None:
    data = _snapshot(tmp_path / "wall.sqlite", no_city_population)
    city = next(m for m in data.municipalities if m.oktmo == C)
    assert (city.received, city.per_10k) == (3, None)  # appeals 1, 3 and 7; no population
    page = make_page("map", no_city_population)
    page.update_data(data)
    assert page.labels[C].textItem.toPlainText() == "—"
    ranked = [name.text() for name, _ in page.side_rows if name.text()]
    city_name = page.names.municipality(C)
    assert not any(city_name in row for row in ranked), ranked
    # Южный: 2 appeals per 5,000 residents = 4.0 per 10,000, the top of the scale
    assert ranked[0].endswith(page.names.municipality(S))
    assert page.legend_high.text() == "4,0 на 10 000 жителей"  # the legend has its unit


# --- the top problems beside the heat map are never cut in half -------------------------

TOP_CATEGORIES = (
    "roads.snow",
    "housing.heating",
    "improvement.yards",
    "roads.potholes",
    "improvement.playgrounds",
    "waste.collection",
    "energy.outages",
    "transport.schedule",
)


def _eight_problems(data: WallData) -> WallData:
    from cur_desktop.analytics import TopProblem

    top = tuple(
        TopProblem(code.split(".")[0], code, 500 - 40 * i, 300, C)
        for i, code in enumerate(TOP_CATEGORIES)
    )
    return replace(data, top_problems=top)


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), (3840, 2160)])
def test_top_problems_are_not_clipped_under_an_alarm_banner(
    make_page, context, snapshot, size
) -> None:
    from cur_desktop.analytics import Alarm

    page = make_page("heatmap", context, size)
    page.update_data(_eight_problems(snapshot))
    page.mark_alarm(Alarm("surge", "heatmap", "k", "x", NOW, "roads.snow"))
    page.grab()
    side = page.top_title.parentWidget()
    shown = [row for row in page.top_rows if not row[0].isHidden() and row[0].text()]
    assert len(shown) >= 5  # most of the list still fits
    for name, _count, where in shown:
        for label in (name, where):
            need = (
                label.heightForWidth(label.width())
                if label.wordWrap()
                else label.sizeHint().height()
            )
            assert label.height() >= need, (label.text(), label.height(), need)
            assert label.geometry().bottom() < side.height(), label.text()
    # the rows shown are the first ones, in order
    names = [name.text() for name, _, _ in shown]
    assert names == [name.text() for name, _, _ in page.top_rows[: len(shown)]]
    # without the banner there is room for more again
    page.mark_alarm(None)
    page.grab()
    assert sum(1 for row in page.top_rows if not row[0].isHidden() and row[0].text()) >= len(shown)


# --- every chart says what its axis counts ----------------------------------------------


def test_trend_charts_name_the_unit_of_their_vertical_axis(make_page, context, snapshot) -> None:
    page = make_page("trends", context)
    page.update_data(snapshot)
    page.grab()
    for legend, plot in ((page.hour_legend, page.hour_plot), (page.day_legend, page.day_plot)):
        row, labels = legend
        unit = labels[0]
        assert row.itemAt(0).widget() is unit  # first in the row, above the axis
        assert unit.text() in {page.hour_unit, page.day_unit}
        assert unit.text()
        assert not unit.isHidden()
        assert unit.font().pixelSize() >= 0.022 * 1080
        # the row sits right above its chart's vertical axis
        assert unit.geometry().bottom() <= plot.geometry().top()
        assert unit.geometry().left() <= plot.getAxis("left").width()
    assert page.hour_unit != page.day_unit


# --- Deadline risk: the time left is working time, so the deadline is said too -------------


def test_an_appeal_close_to_its_deadline_shows_when_it_is_due(make_page, context, snapshot) -> None:
    """19:30 on a Thursday, 20 working minutes left: due Friday 09:20, not in 20 minutes."""
    due = datetime(2026, 12, 4, 6, 20, tzinfo=UTC)  # Friday 09:20 in Moscow
    item = RiskItem(1, None, None, None, remaining_hours=1 / 3, due_at=due)
    moscow = replace(context, time_zone=ZoneInfo("Europe/Moscow"))
    page = make_page("risk", moscow)
    page.update_data(replace(snapshot, risk_items=(item,)))
    _what, left, where = page.items[0]
    assert left.text() == f"20{NBSP}мин"
    assert where.text().endswith(f"срок пт{NBSP}09:20"), where.text()


# --- Rating: every criterion behind a score is on the table --------------------------------


def test_the_rating_row_reads_from_afar_and_the_legend_names_every_criterion(
    make_page, context, snapshot
) -> None:
    """Read from six metres, a row carries the appeals, the share on time and the score
    in large type (issue 18: fewer, larger things); the legend names every criterion the
    methodology weighs, reaction included, and its red-zone rule."""
    page = make_page("rating", context)
    page.update_data(snapshot)
    table = page.bodies
    assert [label.text() for label in table.head][2:] == ["Обращ.", "В срок", "Итог"]
    rated = [r for r in snapshot.body_rating.rows if r.score is not None and r.zone != "red"]
    first = rated[0]
    cells = table.best[0]
    assert cells[2].text() == page.names.count(first.received)
    assert cells[3].text() == page.names.score(first.timeliness)
    assert cells[-1].text() == page.names.score(first.score)
    legend = page.legend.text()
    for word in ("реакция", "своевременность", "скорость", "удовлетворённость"):
        assert word in legend
    # quality (answers not returned for rework) is named only where the methodology weighs
    # it: this context's does not, the bundled one does
    assert context.methodology.weights.get("quality", 0) == 0
    assert "качество" not in legend
    bundled = load_methodology()
    assert bundled.weights["quality"] > 0
    assert criteria_named(bundled.weights).endswith("качество ответов")
    red_below = f"{context.methodology.red_below:.0f}"
    assert f"итог ниже {red_below}" in legend
