"""The desk's ratings (weekly and monthly, history, red zone and why, the appeals behind
a cell), who may do what at the desk, and a head loading the methodology from it into
the real service."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cur_desktop.analytics import context_from_pack
from cur_desktop.cache import Cache
from cur_desktop.cache.queries.queue import load_ids
from cur_desktop.desk import Methodology
from cur_desktop.desk.methodology import for_cache
from cur_desktop.desk.rights import desk_rights
from cur_desktop.domain.enums import Role
from cur_desktop.regions import builtin_pack_dir, load_pack
from tests.support.caches import generated_cache, private_copy
from tests.support.central import central_thread
from ui.desk.desk_window import DeskWindow
from widgets.desk.ratings_model import FIXED

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SHOTS = Path(os.environ.get("DESK_SHOTS", "/tmp/shots/desk"))


@pytest.fixture(scope="module")
def cache_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "desk-ratings", 1500, 16, NOW)


@pytest.fixture
def cache(cache_file: Path, tmp_path: Path) -> Iterator[Cache]:
    with private_copy(cache_file, tmp_path) as c:
        yield c


def _desk(qtbot: QtBot, cache: Cache, role: Role, **kw: object) -> DeskWindow:
    context = context_from_pack(load_pack(builtin_pack_dir()))
    rights = desk_rights(role)
    desk = DeskWindow(cache, context, lambda: NOW, for_cache(cache), rights=rights, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitExposed(desk)
    qtbot.waitUntil(
        lambda: desk.desk is not None and desk.ratings.board is not None, timeout=30_000
    )
    return desk


def test_monthly_and_weekly_ratings_with_history_and_the_red_zones_appeals(
    qtbot: QtBot, cache: Cache
) -> None:
    desk = _desk(qtbot, cache, Role.CUR_HEAD)
    with qtbot.waitSignal(desk.ratings_shown, timeout=30_000):
        desk.picker.set_period("2026-11")
    desk.tabs.setCurrentIndex(1)
    board = desk.ratings.board
    assert board is not None
    assert board.cadence == "month"
    assert board.labels[-1] == "2026-11"
    columns = desk.ratings.columns()
    assert columns[len(FIXED) : -1] == tuple(f"h:{x}" for x in board.labels[:-1])
    red = [i for i, r in enumerate(desk.ratings.rows) if r.zone == "red"]
    assert red
    why = desk.ratings.index(red[0], columns.index("why")).data()
    assert why  # the rule it broke, in words
    # a red body's timeliness cell: its appeals finished late, in the console's queue
    opened: list[tuple[object, str]] = []
    desk.open_appeals.connect(lambda q, t: opened.append((q, t)))
    source = desk.ratings.index(red[0], columns.index("timeliness"))
    cell = desk.ratings_proxy.mapFromSource(source)
    desk.ratings_view.setCurrentIndex(cell)
    qtbot.keyClick(desk.ratings_view, Qt.Key.Key_Return)
    assert len(opened) == 1
    code = desk.ratings.rows[red[0]].code
    expected = set(board.appeal_ids(code, "timeliness"))
    assert set(load_ids(cache.engine, opened[0][0]).tolist()) == expected  # type: ignore[arg-type]
    assert "2026-11" in opened[0][1]
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk.grab().save(str(SHOTS / "desk-ratings-2026-11.png"))
    # weekly, municipalities
    with qtbot.waitSignal(desk.ratings_shown, timeout=30_000):
        desk.rating_cadence.setCurrentIndex(desk.rating_cadence.findData("week"))
    with qtbot.waitSignal(desk.ratings_shown, timeout=30_000):
        desk.rating_subject.setCurrentIndex(desk.rating_subject.findData("municipalities"))
    board = desk.ratings.board
    assert board is not None
    assert (board.cadence, board.rating.subject) == ("week", "municipalities")
    assert board.labels[-1] == "2026-W48"
    desk.grab().save(str(SHOTS / "desk-ratings-weekly-municipalities.png"))


def test_operators_read_heads_report_and_load(qtbot: QtBot, cache: Cache) -> None:
    operator = _desk(qtbot, cache, Role.OPERATOR)
    assert not operator.report_button.isVisibleTo(operator)
    assert not operator.methodology_button.isVisibleTo(operator)
    assert operator.groups.rowCount() > 0  # reads everything
    curator = _desk(qtbot, cache, Role.CURATOR, send_methodology=lambda doc: 1)
    assert curator.report_button.isVisibleTo(curator)
    assert not curator.methodology_button.isVisibleTo(curator)


def test_a_head_loads_the_methodology_from_the_desk(
    qtbot: QtBot, cache: Cache, tmp_path: Path
) -> None:
    from cur_desktop.sync.client import CentralClient

    with central_thread(tmp_path, appeals=20) as central:
        token = central.login("cur_head")

        def send(doc: dict[str, object]) -> int:
            with CentralClient(central.url, token=token) as client:
                return client.load_methodology(doc)

        desk = _desk(qtbot, cache, Role.CUR_HEAD, send_methodology=send)
        assert desk.methodology_button.isVisibleTo(desk)
        doc = dict(Methodology.bundled().doc)
        doc["rating"] = {**doc["rating"], "min_volume": 9}
        good = tmp_path / "methodology.json"
        good.write_bytes(orjson.dumps(doc))
        results: list[tuple[int | None, str]] = []
        desk.load_methodology(good, lambda v, e: results.append((v, e)))
        qtbot.waitUntil(lambda: bool(results), timeout=20_000)
        assert results == [(1, "")]
        assert desk.methodology.rating.min_volume == 9
        assert for_cache(cache).rating.min_volume == 9  # kept in the cache at once
        region = central.client("operator").get("/region").json()
        assert region["methodology"]["rating"]["min_volume"] == 9
        # a bad file: a clear message naming the file and the field, nothing sent
        bad = tmp_path / "bad.json"
        bad.write_bytes(orjson.dumps({**doc, "rating": {**doc["rating"], "weights": {"x": 1}}}))
        results.clear()
        desk.load_methodology(bad, lambda v, e: results.append((v, e)))
        assert results[0][0] is None
        assert str(bad) in results[0][1]
        assert "x" in results[0][1]
