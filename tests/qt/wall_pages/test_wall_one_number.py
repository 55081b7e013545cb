"""One number: an appeal the wall names is the appeal the console shows and finds by it.

A situation room reads «№ 19998» off the feed, the risk list or an alarm banner and an
operator types it into the console: the console's queue row shows the same number and
the console's search finds that appeal by it. Over a generated demo cache (real
channels' numbers, which differ from the appeal number), with the real pages and the
console's own row builder and search.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cur_desktop.analytics import Alarm, WallData, compute_wall_data, load_wall_frame
from cur_desktop.cache import Cache
from tests.support.caches import generated_cache
from widgets.queue_rows import RowBuilder
from widgets.wall.page import apply_wall_theme
from widgets.wall.pages import create_page

NOW = datetime(2026, 11, 20, 11, 0, tzinfo=UTC)
NUMBER = re.compile(r"№\s*(\d+)")


@pytest.fixture(scope="module")
def wall(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any, WallData]:
    from ui.wall.app import load_context

    path: Path = generated_cache(tmp_path_factory, "wall-one-number", 1500, 5, NOW)
    context = load_context(None)
    with Cache.open(path) as cache:
        frame = load_wall_frame(cache, now=NOW, ticker_size=context.ticker_size)
        data = compute_wall_data(frame, context=context, now=NOW)
    return path, context, data


def _numbers_on(page: Any) -> list[str]:
    from PySide6.QtWidgets import QLabel

    found = []
    for label in page.findChildren(QLabel):
        found += NUMBER.findall(label.text())
    return found


def _console_agrees(path: Path, context: Any, numbers: list[str]) -> None:
    builder = RowBuilder(context.dictionaries)
    with Cache.open(path) as cache:
        for number in numbers:
            (appeal,) = cache.appeals.get_many([int(number)])
            row = builder.build(appeal)
            assert row.number == number, (row.number, number)
            # a channel's own number differs, and the wall never shows it for the appeal
            assert appeal.external_id != number
            assert appeal.id in cache.appeals.search(number), number
            assert appeal.id in cache.appeals.search(f"№ {number}"), number


@pytest.mark.parametrize("key", ["feed", "risk"])
def test_the_pages_name_appeals_by_the_consoles_number(
    qapp: Any, wall: tuple[Path, Any, WallData], key: str
) -> None:
    path, context, data = wall
    page = create_page(key, context)
    try:
        page.resize(1920, 1080)
        apply_wall_theme(page, 1080)
        page.update_data(data)
        numbers = _numbers_on(page)
        assert len(numbers) >= 5, numbers
        _console_agrees(path, context, numbers)
    finally:
        page.close()
        page.deleteLater()


def test_the_alarm_banner_names_the_consoles_number(
    qapp: Any, wall: tuple[Path, Any, WallData]
) -> None:
    path, context, data = wall
    newest = data.ticker[0]
    alarm = Alarm(
        "high_importance", "feed", f"high:{newest.appeal_id}", "", NOW, str(newest.appeal_id)
    )
    page = create_page("feed", context)
    try:
        banner = page.names.alarm_banner(alarm)
        numbers = NUMBER.findall(banner)
        assert numbers == [str(newest.appeal_id)], banner
        _console_agrees(path, context, numbers)
    finally:
        page.close()
        page.deleteLater()
