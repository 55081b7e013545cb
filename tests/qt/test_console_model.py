"""The console's queue table: ids in memory, lazy pages, live deadlines, place kept on refresh.

Runs on a small generated demo cache (made once for the module, copied per test that
writes to it) and the real cache, SLA engine and Qt views.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache, QueueFilter
from cur_desktop.cache.queries import queue as q
from cur_desktop.domain.appeal import evolve
from cur_desktop.domain.enums import Status
from cur_desktop.sla import SlaStatus
from cur_desktop.sync.writer import CacheWriter
from tests.support.caches import generated_cache, private_copy
from ui.console.console_context import ConsoleContext
from ui.console.queue_pane import QueuePane
from ui.tasks import TaskRunner
from widgets.queue_model import DEADLINE_ROLE, Column, QueueTableModel
from widgets.queue_rows import QueueRow
from widgets.queue_view import QueueTableView
from widgets.sla_format import sla_colours

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
APPEALS = 1500


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "console-model", APPEALS, 11, NOW)


@pytest.fixture
def cache(demo_cache: Path, tmp_path: Path) -> Iterator[Cache]:
    """A private copy of the demo cache: tests may write to it."""
    with private_copy(demo_cache, tmp_path) as opened:
        yield opened


@pytest.fixture
def context(cache: Cache) -> ConsoleContext:
    return ConsoleContext(cache, clock=lambda: NOW)


class CountingFetch:
    """The model's row source over the real cache, counting the pages it is asked for."""

    def __init__(self, context: ConsoleContext) -> None:
        self.context = context
        self.calls: list[list[int]] = []

    def __call__(self, ids: Sequence[int]) -> list[QueueRow]:
        self.calls.append(list(ids))
        return [self.context.rows.build(a) for a in self.context.cache.appeals.get_many(ids)]


def all_ids(cache: Cache) -> list[int]:
    return [
        int(i) for i in q.load_ids(cache.engine, q.QueueQuery(flt=QueueFilter(open_only=False)))
    ]


def test_queue_model_passes_the_model_tester(qtmodeltester: ModelTester, context: ConsoleContext):
    model = QueueTableModel(
        CountingFetch(context), deadline_of=context.deadline_of, clock=context.clock
    )
    model.set_ids(all_ids(context.cache))
    qtmodeltester.check(model)
    assert model.rowCount() == APPEALS
    assert model.columnCount() == len(Column)


def test_empty_queue_passes_the_model_tester(qtmodeltester: ModelTester, context: ConsoleContext):
    model = QueueTableModel(CountingFetch(context))
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_rows_are_fetched_a_page_at_a_time_when_shown(qtbot: QtBot, context: ConsoleContext):
    fetch = CountingFetch(context)
    model = QueueTableModel(fetch, deadline_of=context.deadline_of, clock=context.clock)
    ids = all_ids(context.cache)
    model.set_ids(ids)
    assert fetch.calls == []  # nothing is read until a row is shown
    view = QueueTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: model.cached_pages() == [0])  # painted: the first page is read
    assert fetch.calls == [ids[:256]]
    view.scrollTo(model.index(1300, 0), QueueTableView.ScrollHint.PositionAtTop)
    view.grab()  # paint now
    first, last = view.visible_rows()
    assert 1300 in range(first, last + 1)
    assert set(model.cached_pages()) <= {0, 5, 6}
    assert 5 in model.cached_pages()
    assert len(fetch.calls) <= 3
    assert model.data(model.index(1300, Column.NUMBER)) == model.row(1300).number  # type: ignore[union-attr]


def test_cached_pages_are_bounded(context: ConsoleContext) -> None:
    fetch = CountingFetch(context)
    model = QueueTableModel(fetch, page_size=100, max_pages=3)
    ids = all_ids(context.cache)
    model.set_ids(ids)
    for row in range(0, APPEALS, 100):
        item = model.row(row)
        assert item is not None
        assert item.appeal_id == ids[row]
    assert len(model.cached_pages()) == 3
    assert len(fetch.calls) == APPEALS // 100
    model.row(0)  # evicted long ago: read again
    assert len(fetch.calls) == APPEALS // 100 + 1


def test_deadline_column_shows_the_sla_state(context: ConsoleContext) -> None:
    model = QueueTableModel(
        CountingFetch(context), deadline_of=context.deadline_of, clock=context.clock
    )
    open_ids = q.load_ids(context.cache.engine, q.QueueQuery())
    model.set_ids(open_ids)
    seen = set()
    for row in range(model.rowCount()):
        deadline = model.data(model.index(row, Column.DEADLINE), DEADLINE_ROLE)
        assert deadline is not None
        status = deadline.state.status
        seen.add(status)
        text = model.data(model.index(row, Column.DEADLINE))
        background = model.data(model.index(row, Column.DEADLINE), Qt.ItemDataRole.BackgroundRole)
        assert background == sla_colours(status).background
        if status is SlaStatus.OVERDUE:
            assert text.startswith("−")
        if status is SlaStatus.PAUSED:
            assert text.startswith("пауза")
    # The queue is ordered by deadline, so the overdue come first.
    first = model.data(model.index(0, Column.DEADLINE), DEADLINE_ROLE)
    assert first.state.status is SlaStatus.OVERDUE
    assert {SlaStatus.OVERDUE, SlaStatus.NORMAL} <= seen


def test_tick_repaints_only_the_rows_asked_for(context: ConsoleContext) -> None:
    clock = [NOW]
    model = QueueTableModel(
        CountingFetch(context), deadline_of=context.deadline_of, clock=lambda: clock[0]
    )
    model.set_ids(q.load_ids(context.cache.engine, q.QueueQuery()))
    before = model.data(model.index(3, Column.DEADLINE), DEADLINE_ROLE)
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda tl, br, _roles=(): changed.append((tl.row(), br.row(), tl.column(), br.column()))
    )
    clock[0] = NOW + timedelta(hours=2)
    model.tick(0, 9)
    assert changed == [(0, 9, Column.DEADLINE, Column.DEADLINE)]
    after = model.data(model.index(3, Column.DEADLINE), DEADLINE_ROLE)
    assert after.state.remaining <= before.state.remaining


def test_header_click_asks_for_an_sql_sort(context: ConsoleContext) -> None:
    model = QueueTableModel(CountingFetch(context))
    ids = all_ids(context.cache)
    model.set_ids(ids)
    asked: list[tuple[int, Qt.SortOrder]] = []
    model.sort_requested.connect(lambda column, order: asked.append((column, order)))
    model.sort(Column.MUNICIPALITY, Qt.SortOrder.DescendingOrder)
    assert asked == [(Column.MUNICIPALITY, Qt.SortOrder.DescendingOrder)]
    assert [int(i) for i in model.ids()] == ids  # the model itself never reorders


# -- the pane: SQL queries in the background, place kept on refresh ------------------------


@pytest.fixture
def pane(qtbot: QtBot, context: ConsoleContext) -> Iterator[QueuePane]:
    reader = TaskRunner()
    pane = QueuePane(context, reader)
    qtbot.addWidget(pane)
    pane.resize(1200, 700)
    pane.show()
    qtbot.waitExposed(pane)
    yield pane
    reader.shutdown()
    reader.deleteLater()


def wait_loaded(qtbot: QtBot, pane: QueuePane) -> None:
    qtbot.waitUntil(lambda: pane.total() is not None and not pane._reader.busy(), timeout=15_000)


def test_queue_shows_sql_order_and_count(qtbot: QtBot, pane: QueuePane, cache: Cache) -> None:
    pane.show_queue("open", "open", q.QueueQuery())
    wait_loaded(qtbot, pane)
    expected = [i for i, _due in cache.appeals.queue_page(QueueFilter(), limit=10_000)]
    assert [int(i) for i in pane.model.ids()] == expected
    assert pane.total() == cache.appeals.count(QueueFilter())
    assert pane.table.current_appeal_id() == expected[0]


def test_sorting_by_a_column_requeries(qtbot: QtBot, pane: QueuePane, context: ConsoleContext):
    pane.show_queue("open", "open", q.QueueQuery())
    wait_loaded(qtbot, pane)
    header = pane.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.MUNICIPALITY) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    wait_loaded(qtbot, pane)
    names = [
        context.rows.municipality_name(a.municipality)
        for a in context.cache.appeals.get_many([int(i) for i in pane.model.ids()])
    ]
    assert names == sorted(names, key=str.casefold) or names == sorted(
        names, key=str.casefold, reverse=True
    )
    assert header.sortIndicatorSection() == Column.MUNICIPALITY
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    wait_loaded(qtbot, pane)  # a second click: the other direction
    again = [
        context.rows.municipality_name(a.municipality)
        for a in context.cache.appeals.get_many([int(i) for i in pane.model.ids()])
    ]
    assert again[0] == names[-1]
    assert again[-1] == names[0]


def _select(view: QueueTableView, rows: range, current: int) -> None:
    model = view.queue_model()
    selection = QItemSelection(
        model.index(rows.start, 0), model.index(rows.stop - 1, len(Column) - 1)
    )
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.selectionModel().setCurrentIndex(
        model.index(current, 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )


def test_refresh_after_a_sync_keeps_selection_and_scroll(
    qtbot: QtBot, pane: QueuePane, cache: Cache
) -> None:
    pane.show_queue("open", "open", q.QueueQuery())
    wait_loaded(qtbot, pane)
    view = pane.table
    _select(view, range(60, 66), current=63)
    view.verticalScrollBar().setValue(50)
    QApplication.processEvents()
    top_before = view.queue_model().appeal_id(view.visible_rows()[0])
    selected_before = [int(i) for i in view.selected_ids()]
    current_before = view.current_appeal_id()
    rows_before = pane.model.rowCount()

    # A sync: 25 new appeals with the earliest deadlines (they sort above the operator's
    # place), and one appeal above it is closed (it leaves the queue).
    ids = [int(i) for i in pane.model.ids()]
    template = cache.appeals.get(ids[0])
    assert template is not None
    first_new = cache.appeals.max_id() + 1
    new = [
        evolve(
            template,
            {
                "id": first_new + n,
                "external_id": f"test-{n}",
                "due_at": NOW - timedelta(days=400 - n),
                "version": 1,
            },
        )
        for n in range(25)
    ]
    closing = cache.appeals.get(ids[10])
    assert closing is not None
    closed = replace(closing, status=Status.CLOSED, version=closing.version + 1, closed_at=NOW)
    assert CacheWriter(cache.engine).upsert_newer([*new, closed]) == 26

    pane.refresh()
    wait_loaded(qtbot, pane)
    assert pane.model.rowCount() == rows_before + 25 - 1
    assert [int(i) for i in pane.model.ids()[:25]] == [a.id for a in new]
    assert view.current_appeal_id() == current_before
    assert sorted(int(i) for i in view.selected_ids()) == sorted(selected_before)
    assert view.queue_model().appeal_id(view.visible_rows()[0]) == top_before
    assert view.queue_model().row_of(closed.id) == -1


def test_refresh_without_changes_keeps_everything(qtbot: QtBot, pane: QueuePane) -> None:
    pane.show_queue("open", "open", q.QueueQuery())
    wait_loaded(qtbot, pane)
    _select(pane.table, range(5, 8), current=6)
    resets: list[int] = []
    pane.model.modelReset.connect(lambda: resets.append(1))
    pane.refresh()
    wait_loaded(qtbot, pane)
    assert resets == []  # same ids in the same order: rows are re-read, not reset
    assert [int(i) for i in pane.table.selected_rows()] == [5, 6, 7]
    assert pane.table.currentIndex().row() == 6


def test_switching_queues_quickly_shows_the_last_one(qtbot: QtBot, pane: QueuePane, cache: Cache):
    mun = next(iter(cache.appeals.counts_by("municipality", flt=QueueFilter())))
    pane.show_queue("open", "open", q.QueueQuery())
    pane.show_queue(
        "all", "all", q.QueueQuery(flt=QueueFilter(open_only=False), order=q.Order.NEWEST)
    )
    pane.show_queue("mun", "mun", q.QueueQuery(flt=QueueFilter(municipalities=(mun,))))
    wait_loaded(qtbot, pane)
    assert pane.total() == cache.appeals.count(QueueFilter(municipalities=(mun,)))
    assert pane.queue_key() == "mun"


@pytest.mark.parametrize(
    ("amount", "working", "expected"),
    [
        (timedelta(minutes=45), True, "45 мин"),
        (timedelta(hours=5, minutes=20), True, "5 ч 20 мин"),
        (timedelta(hours=8), True, "8 ч"),  # an ИМ norm reads in hours, not «1 раб. дн.»
        (timedelta(hours=16), True, "2 раб. дн."),
        (timedelta(hours=20), True, "2 раб. дн. 4 ч"),
        (timedelta(hours=56), True, "7 раб. дн."),
        (timedelta(hours=36), False, "36 ч"),
        (timedelta(hours=50), False, "2 дн. 2 ч"),
        (timedelta(days=30, hours=5), False, "30 дн."),
    ],
)
def test_remaining_time_reads_the_russian_way(
    qapp: QApplication, amount: timedelta, working: bool, expected: str
) -> None:
    from widgets.sla_format import format_duration

    assert format_duration(amount, working=working) == expected


def test_rows_read_with_the_first_page_are_not_read_again(context: ConsoleContext) -> None:
    fetch = CountingFetch(context)
    model = QueueTableModel(fetch)
    ids = all_ids(context.cache)
    first = [context.rows.build(a) for a in context.cache.appeals.get_many(ids[:256])]
    model.set_ids(ids[:256], rows=first)
    assert model.row(5) is first[5]
    model.set_ids(ids, keep_rows=True)  # the whole queue arrives: same first page
    assert model.row(200) is first[200]
    assert fetch.calls == []
    model.set_ids(ids[1:], keep_rows=True)  # the order moved: that page is stale
    assert model.row(0) is not None
    assert fetch.calls == [ids[1:257]]
