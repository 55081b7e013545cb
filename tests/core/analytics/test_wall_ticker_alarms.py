"""The wall ticker leaks no personal data; alarms fire once each."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from cur_desktop.analytics import (
    WallData,
    compute_wall_data,
    load_alarm_thresholds,
    load_methodology,
    load_wall_frame,
)
from cur_desktop.analytics.ticker import mask_ticker_row
from cur_desktop.cache import Cache
from cur_desktop.domain import Importance
from cur_desktop.paths import resources_dir
from cur_desktop.sync.writer import CacheWriter
from tests.core.analytics.small_dataset import AUTHOR, NOW, C, H, S, make

SECRETS = ("Иванов", "Пётр", "912", "345-67-89", "ivanov", "example.ru", "Ленина", "кв. 3")


def test_ticker_masks_author_contacts_and_private_address(small_frame) -> None:
    ticker = {item.appeal_id: item for item in small_frame.ticker}
    assert 10 not in ticker  # merged duplicates are not news
    assert list(ticker) == [11, 9, 8, 7, 6, 5, 4, 3, 2, 1]  # newest (highest id) first
    leaky = ticker[9]
    for secret in SECRETS:
        assert secret not in leaky.text, secret
    # the author's own name (and its parts), phone, e-mail and private address
    assert leaky.text == (
        "Снег не убирают. Звоните [ФИО]: [телефон], пишите [e-mail]. [ФИО], [адрес]"
    )
    # the item carries codes, never an author field
    assert not any("author" in name for name in type(leaky).__dataclass_fields__)
    assert ticker[1].text == "Яма на дороге. Обращение 1"
    assert ticker[1].title == "Яма на дороге"


def test_masking_catches_a_phone_that_is_not_the_authors() -> None:
    row = {
        "id": 5,
        "created_at": NOW.timestamp(),
        "title": "",
        "text": "Сосед оставил номер 8 (900) 123-45-67 и почту a.b@mail.ru",
        "address": "ул. Мира, 1",
        "address_is_private": 0,
        "author_name": None,
    }
    item = mask_ticker_row(row)
    assert item.text == "Сосед оставил номер [телефон] и почту [e-mail]"


def test_masking_catches_kin_neighbours_plates_and_accounts() -> None:
    """Everyone's personal data, not only the author's: the wall may show an operator's cache."""
    row = {
        "id": 6,
        "created_at": NOW.timestamp(),
        "title": "Шумят соседи",
        "text": "Сосед Петров из 45-й квартиры, машина А123ВС 71, лицевой счёт 8226067937",
    }
    item = mask_ticker_row(row)
    assert item.text == (
        "Шумят соседи. Сосед [ФИО] из [кв.], машина [госномер], лицевой счёт [лиц. счёт]"
    )
    # a summary the service masked already comes back unchanged
    assert mask_ticker_row({**row, "title": "", "text": item.text}).text == item.text


def test_masking_is_done_before_the_text_is_shortened() -> None:
    text = "x" * 150 + " звоните +7 912 345-67-89"
    item = mask_ticker_row({"id": 1, "created_at": NOW.timestamp(), "text": text})
    assert "345" not in item.text
    assert "912" not in item.text


def _data(cache: Cache, context, previous: WallData | None = None, now=NOW) -> WallData:
    return compute_wall_data(
        load_wall_frame(cache, now=now), context=context, now=now, previous=previous
    )


def test_a_high_importance_appeal_raises_one_alarm(small_cache, tiny_context) -> None:
    context = replace(
        tiny_context,
        alarm_thresholds=replace(tiny_context.alarm_thresholds, high_importance_recent_minutes=180),
    )
    first = _data(small_cache, context)
    high = [a for a in first.alarms if a.kind == "high_importance"]
    assert [(a.key, a.page, a.target) for a in high] == [("high_importance:1", "feed", "1")]
    again = _data(small_cache, context, previous=first)
    assert [a for a in again.alarms if a.kind == "high_importance"] == []
    assert "high_importance:1" in again.alarm_keys
    # a new one arriving later fires, the old one does not
    CacheWriter(small_cache.engine).upsert_newer(
        [make(12, NOW - 0.5 * H, importance=Importance.HIGH, theme="roads", municipality=S)]
    )
    third = _data(small_cache, context, previous=again)
    assert [a.key for a in third.alarms if a.kind == "high_importance"] == ["high_importance:12"]


def test_alarms_raised_before_a_restart_are_not_raised_again(small_cache, tiny_context) -> None:
    context = replace(
        tiny_context,
        alarm_thresholds=replace(tiny_context.alarm_thresholds, high_importance_recent_minutes=180),
    )
    before_restart = _data(small_cache, context)
    assert "high_importance:1" in before_restart.alarm_keys
    # the restarted wall has no previous snapshot, only the keys it kept
    restarted = compute_wall_data(
        load_wall_frame(small_cache, now=NOW),
        context=context,
        now=NOW,
        raised=before_restart.alarm_keys,
    )
    assert restarted.alarms == ()
    assert restarted.alarm_keys == before_restart.alarm_keys
    # without the kept keys the same picture would raise them all again: the control
    assert _data(small_cache, context).alarms == before_restart.alarms != ()


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("surge", "window_hours", 0, "surge.window_hours must be at least 1"),
        ("surge", "baseline_days", 0, "surge.baseline_days must be at least 1"),
        ("surge", "min_count", 0, "surge.min_count must be at least 1"),
        ("overdue_spike", "min_ratio", 0.5, "overdue_spike.min_ratio must be at least 1"),
        ("high_importance", "recent_minutes", -5, "high_importance.recent_minutes"),
    ],
)
def test_alarm_thresholds_that_cannot_work_are_refused_naming_the_file(
    tmp_path: Path, section: str, key: str, value: float, message: str
) -> None:
    doc = orjson.loads((resources_dir() / "wall" / "alarms.json").read_bytes())
    doc[section][key] = value
    path = tmp_path / "alarms.json"
    path.write_bytes(orjson.dumps(doc))
    with pytest.raises(ValueError, match="alarms.json: .*" + re.escape(message)):
        load_alarm_thresholds(path)


def test_the_shipped_thresholds_and_methodology_load() -> None:
    assert load_alarm_thresholds().surge_window_hours >= 1
    assert load_methodology().period_days >= 1


def test_a_rating_methodology_with_crossed_zones_is_refused(tmp_path: Path) -> None:
    doc = orjson.loads((resources_dir() / "wall" / "rating_methodology.json").read_bytes())
    doc["zones"] = {"red_below": 90, "yellow_below": 80}
    path = tmp_path / "rating.json"
    path.write_bytes(orjson.dumps(doc))
    with pytest.raises(ValueError, match=r"rating.json: zones: 0 <= red_below <= yellow_below"):
        load_methodology(path)


def test_an_overdue_spike_raises_one_alarm(small_cache, tiny_context) -> None:
    context = replace(
        tiny_context,
        alarm_thresholds=replace(
            tiny_context.alarm_thresholds, overdue_spike_min_increase=2, overdue_spike_min_ratio=1.5
        ),
    )
    first = _data(small_cache, context)
    assert [a for a in first.alarms if a.kind == "overdue_spike"] == []  # nothing to compare
    calm = replace(
        first,
        kpis=tuple(replace(k, value=0.0) if k.key == "overdue_now" else k for k in first.kpis),
    )
    spike = _data(small_cache, context, previous=calm)  # 0 -> 2 overdue
    alarms = [a for a in spike.alarms if a.kind == "overdue_spike"]
    assert [(a.page, a.key) for a in alarms] == [("risk", "overdue_spike:2026-02-04T12")]
    # the same picture again: no new alarm, even against the calm snapshot's numbers
    again = _data(small_cache, context, previous=replace(calm, alarm_keys=spike.alarm_keys))
    assert [a for a in again.alarms if a.kind == "overdue_spike"] == []


def test_a_surge_in_one_municipality_and_category_raises_one_alarm_each(
    tmp_path: Path, tiny_context
) -> None:
    context = replace(
        tiny_context,
        alarm_thresholds=replace(
            tiny_context.alarm_thresholds, surge_window_hours=3, surge_min_count=4, surge_factor=3.0
        ),
    )
    # a quiet week: one pothole a day in C; then five in the last three hours
    quiet = [
        make(i, NOW - (i + 1) * 24 * H, theme="roads", category="roads.potholes", municipality=C)
        for i in range(1, 7)
    ]
    burst = [
        make(100 + i, NOW - (0.5 * i) * H, theme="roads", category="roads.potholes", municipality=C)
        for i in range(5)
    ]
    with Cache.open(tmp_path / "surge.sqlite") as cache:
        CacheWriter(cache.engine).bulk_load([*quiet, *burst])
        first = _data(cache, context)
        surges = sorted((a.page, a.key, a.target) for a in first.alarms if a.kind == "surge")
        assert surges == [
            ("heatmap", "surge:category:roads.potholes:2026-02-04", "roads.potholes"),
            ("map", f"surge:municipality:{C}:2026-02-04", C),
        ]
        second = _data(cache, context, previous=first, now=NOW + 0.25 * H)
        assert [a for a in second.alarms if a.kind == "surge"] == []


def test_no_surge_below_the_minimum_count(small_cache, tiny_context) -> None:
    data = _data(small_cache, tiny_context)
    assert [a for a in data.alarms if a.kind == "surge"] == []
    assert AUTHOR.name not in repr(data)


@pytest.mark.parametrize("by_ids", [False, True], ids=["by-updated-at", "by-sync-ids"])
def test_refresh_reads_changes_and_matches_a_full_reload(
    small_cache, tiny_context, by_ids: bool
) -> None:
    from cur_desktop.analytics import refresh_wall_frame
    from cur_desktop.domain import Status

    frame = load_wall_frame(small_cache, now=NOW)
    stamp = NOW + H
    two = small_cache.appeals.get(2)
    assert two is not None
    closed = replace(
        two, version=2, status=Status.CLOSED, answered_at=stamp, closed_at=stamp, updated_at=stamp
    )
    merged = replace(small_cache.appeals.get(7), version=2, merged_into=1, updated_at=stamp)
    new = make(20, NOW + 0.5 * H, theme="roads", municipality=C, updated_at=stamp)
    CacheWriter(small_cache.engine).upsert_newer([closed, merged, new])

    later = NOW + 2 * H
    # the sync engine reports the ids it wrote (20 is new: found above the highest id anyway)
    ids = [2, 7] if by_ids else None
    refreshed = refresh_wall_frame(small_cache, frame, now=later, changed_ids=ids)
    reloaded = load_wall_frame(small_cache, now=later)
    assert sorted(refreshed.appeals["id"]) == sorted(reloaded.appeals["id"])
    assert 7 not in set(refreshed.appeals["id"])
    assert [i.appeal_id for i in refreshed.ticker][:2] == [20, 11]
    a = compute_wall_data(refreshed, context=tiny_context, now=later)
    b = compute_wall_data(reloaded, context=tiny_context, now=later)
    assert a.kpis == b.kpis
    assert a.heatmap == b.heatmap
    assert a.municipalities == b.municipalities
    assert a.body_rating == b.body_rating
    assert a.risk_by_body == b.risk_by_body
    assert {k.key: k.value for k in a.kpis}["in_work"] == 3  # 1, 9 and the new 20


def test_refresh_drops_removed_rows_or_reloads_when_not_told(small_cache, tiny_context) -> None:
    from cur_desktop.analytics import refresh_wall_frame

    frame = load_wall_frame(small_cache, now=NOW)
    CacheWriter(small_cache.engine).remove([3, 4])
    told = refresh_wall_frame(small_cache, frame, now=NOW, changed_ids=[], removed_ids=[3, 4])
    assert sorted(told.appeals["id"]) == [1, 2, 5, 6, 7, 8, 9, 11]
    untold = refresh_wall_frame(small_cache, frame, now=NOW)  # counts disagree: full reload
    assert sorted(untold.appeals["id"]) == [1, 2, 5, 6, 7, 8, 9, 11]
    assert untold.row_count == 9  # 11 rows less 2, the merged 10 included


def test_a_malformed_section_is_reported_with_the_file(tmp_path: Path) -> None:
    doc = orjson.loads((resources_dir() / "wall" / "alarms.json").read_bytes())
    doc["surge"] = 5  # not an object
    path = tmp_path / "alarms.json"
    path.write_bytes(orjson.dumps(doc))
    with pytest.raises(ValueError, match=r"alarms\.json: "):
        load_alarm_thresholds(path)


def test_an_older_appeal_re_entering_the_cache_is_read_without_a_full_reload(
    small_cache, caplog: pytest.LogCaptureFixture
) -> None:
    """A reopened appeal comes back into the wall's window with a low id: read by id,
    the frame must not be reloaded whole (the soak run saw one every few seconds)."""
    from cur_desktop.analytics import refresh_wall_frame

    three = small_cache.appeals.get(3)
    assert three is not None
    CacheWriter(small_cache.engine).remove([3])  # outside the window when the wall first read
    frame = load_wall_frame(small_cache, now=NOW)
    assert 3 not in set(frame.appeals["id"])
    CacheWriter(small_cache.engine).upsert_newer([replace(three, version=three.version + 1)])
    with caplog.at_level("INFO", logger="cur_desktop.analytics.wall_frame"):
        refreshed = refresh_wall_frame(small_cache, frame, now=NOW, changed_ids=[3])
    assert "reloading" not in caplog.text
    assert sorted(refreshed.appeals["id"]) == sorted(
        load_wall_frame(small_cache, now=NOW).appeals["id"]
    )
    assert refreshed.row_count == frame.row_count + 1
