"""«Проблемы»: the planted problems of a demo cache are listed, growing first, one key away.

The cache is generated with the known problems planted (cur_desktop/demo/problems.py)
and the ground truth kept in it; the view must list the «нет воды» burst with all its
appeals and the growing «Прочие» problem with its growth, and Enter on a problem shows
exactly its appeals as the queue.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache
from cur_desktop.demo.problems import generate_with_problems
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
SHOTS = Path(os.environ.get("CUR_SHOTS", "/tmp/shots/problems"))


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("problems") / "cache.sqlite"
    generate_with_problems(path, 3000, 11, NOW)
    return path


@pytest.fixture
def window(qtbot: QtBot, demo_cache: Path, tmp_path: Path) -> Iterator[ConsoleWindow]:
    with Cache.open(demo_cache) as cache:
        settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
        shown = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
        shown.resize(1600, 1000)
        shown.show()
        qtbot.waitExposed(shown)
        qtbot.waitUntil(shown.idle, timeout=15_000)
        yield shown
        shown.close()
        shown.deleteLater()


def test_the_planted_problems_are_listed_and_open_as_a_queue(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    truth = {
        label: set(ids)
        for label, ids in orjson.loads(
            window.context.cache.get_state("demo.problems") or "{}"
        ).items()
    }
    view = window.problems_view
    assert view.isHidden()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)  # fmt: skip
    # the first run lemmatises two months of texts and imports scikit-learn: slow on a busy machine
    qtbot.waitUntil(lambda: view.isVisible() and bool(view.problems()), timeout=180_000)
    problems = {frozenset(p.appeal_ids): p for p in view.problems()}
    (water,) = [ids for label, ids in truth.items() if label.startswith("water")]
    assert frozenset(water) in problems  # the burst, exactly
    scooters = next(p for p in view.problems() if set(p.appeal_ids) == truth["other:scooters"])
    assert scooters.growth > 0
    assert scooters.municipalities == ("70701000",)
    assert "самокат" in scooters.terms
    growing = view.problems()[0]
    assert growing.growth == max(p.growth for p in view.problems())

    row = next(i for i, p in enumerate(view.problems()) if p.key == scooters.key)
    view.table.setFocus()
    view.table.selectRow(row)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(window.idle, timeout=15_000)
    model = window.queue.model
    assert model.rowCount() == scooters.size
    assert {model.appeal_id(i) for i in range(model.rowCount())} == set(scooters.appeal_ids)
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "problems_view.png"))
