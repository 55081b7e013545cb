"""The desk's «Category targets» tab: each category with a target (region data) against
it for the picked period, the broken ones marked, Enter opens the appeals behind it."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cur_desktop.analytics import context_from_pack
from cur_desktop.cache import Cache
from cur_desktop.cache.queries.queue import load_ids
from cur_desktop.desk.categories import appeal_ids, category_lines, category_table
from cur_desktop.desk.methodology import for_cache
from cur_desktop.regions import builtin_pack_dir, load_pack
from tests.core.desk.test_desk_category_targets import with_targets
from tests.support.caches import generated_cache, private_copy
from ui.desk.desk_window import CATEGORY_COLUMNS, DeskWindow

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SHOTS = Path(os.environ.get("DESK_SHOTS", "/tmp/shots/desk"))


@pytest.fixture(scope="module")
def cache_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "desk-categories", 1500, 16, NOW)


@pytest.fixture
def cache(cache_file: Path, tmp_path: Path) -> Iterator[Cache]:
    with private_copy(cache_file, tmp_path) as c:
        yield c


def test_categories_against_their_targets(qtbot: QtBot, cache: Cache) -> None:
    context = context_from_pack(load_pack(builtin_pack_dir()))
    d = context.dictionaries
    # targets like a head sets them: the housing and roads categories, some broken
    chosen = [c for c in d.categories if c.parent is None and c.theme in ("housing", "roads")]
    targets = {
        c.code: {"monthly_max": float(20 + 15 * (i % 4)), "within_norm": (0.9, 0.95, 0.98)[i % 3]}
        for i, c in enumerate(chosen[:10])
    }
    context = dataclasses.replace(context, dictionaries=with_targets(d, targets))
    desk = DeskWindow(cache, context, lambda: NOW, for_cache(cache))
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitExposed(desk)
    qtbot.waitUntil(lambda: desk.desk is not None, timeout=30_000)
    with qtbot.waitSignal(desk.computed, timeout=30_000):
        desk.picker.set_period("2026-11")
    assert desk.desk is not None
    assert desk.desk.current.period.label == "2026-11"
    desk.tabs.setCurrentIndex(2)
    lines = desk.category_lines
    assert lines == category_lines(desk.desk, context.dictionaries)
    assert {x.code for x in lines} == set(targets)
    assert desk.categories.rowCount() == len(lines)
    table = category_table(desk.desk.current, context.dictionaries)
    broken = CATEGORY_COLUMNS.index("broken")
    for i, x in enumerate(lines):
        received = desk.categories.item(i, CATEGORY_COLUMNS.index("received"))
        assert received is not None
        assert received.text() == f"{table.get(x.code, {}).get('received') or 0:.0f}"
        item = desk.categories.item(i, broken)
        assert item is not None
        mark = item.text()
        assert mark.startswith("✗") is x.broken
    assert any(x.broken for x in lines)
    assert any(not x.broken for x in lines)
    # Enter on a category: its appeals received in the period, in the console's queue
    opened: list[tuple[object, str]] = []
    desk.open_appeals.connect(lambda q, t: opened.append((q, t)))
    row = next(i for i, x in enumerate(lines) if x.received)
    desk.categories.setCurrentCell(row, CATEGORY_COLUMNS.index("received"))
    qtbot.keyClick(desk.categories, Qt.Key.Key_Return)
    assert len(opened) == 1
    expected = set(appeal_ids(desk.desk, context.dictionaries, lines[row].code))
    assert len(expected) == lines[row].received
    assert set(load_ids(cache.engine, opened[0][0]).tolist()) == expected  # type: ignore[arg-type]
    assert lines[row].name in opened[0][1]
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk.grab().save(str(SHOTS / "desk-categories-2026-11.png"))


def test_no_targets_says_where_they_are_set(qtbot: QtBot, cache: Cache) -> None:
    context = context_from_pack(load_pack(builtin_pack_dir()))
    desk = DeskWindow(cache, context, lambda: NOW, for_cache(cache))
    qtbot.addWidget(desk)
    qtbot.waitUntil(lambda: desk.desk is not None, timeout=30_000)
    assert desk.categories.rowCount() == 0
    text = desk.category_rule.text()
    assert "«Categories»" in text or "«Категории»" in text  # the dock that sets them
