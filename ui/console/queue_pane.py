"""The middle of the console: the filter bar over the queue table, fed from SQL.

Showing a queue takes two reads on the reader thread: its first page (256 ids,
milliseconds on an index) so the table fills at once, then every id of the queue
so the scroll bar is true. A refresh after a sync reads the ids again and swaps
them in while the operator's current row, selection and scroll position are kept
by appeal id; if nothing in the order changed, only the cached rows are dropped.
Either way the current appeal is announced again, so the detail pane shows what
the sync brought for it.

The table's header asks for other orders; each is a new SQL query (never a sort in
Qt). A search without a chosen order shows the newest hits first.

GUI thread; reads go through the window's :class:`~ui.tasks.TaskRunner`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, QSignalBlocker, Qt, QTimeZone, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cur_desktop.cache.queries import queue as q
from cur_desktop.cache.queries.filters import FilterValues, narrow
from cur_desktop.domain.appeal import Appeal
from ui.console.console_context import ConsoleContext
from ui.tasks import TaskRunner
from widgets.filter_bar import FilterBar
from widgets.queue_model import Column, QueueTableModel
from widgets.queue_rows import QueueRow
from widgets.queue_view import QueueTableView

log = logging.getLogger(__name__)

_COLUMN_ORDER = {
    Column.DEADLINE: q.Order.DEADLINE,
    Column.NUMBER: q.Order.OLDEST,
    Column.CHANNEL: q.Order.CHANNEL,
    Column.THEME: q.Order.THEME,
    Column.MUNICIPALITY: q.Order.MUNICIPALITY,
    Column.STATUS: q.Order.STATUS,
    Column.MARKS: q.Order.IMPORTANCE,
    Column.TAKEN_BY: q.Order.TAKEN_BY,
}
_ORDER_COLUMN = {order: column for column, order in _COLUMN_ORDER.items()}
_ORDER_COLUMN[q.Order.NEWEST] = Column.NUMBER
MAX_HELD = 1000  # a larger selection is not kept row by row when its appeals leave
_WIDTHS = {  # the designed widths; on a narrower table they shrink (see fit_columns)
    Column.DEADLINE: 104,
    Column.NUMBER: 84,
    Column.CHANNEL: 82,
    Column.THEME: 165,
    Column.MUNICIPALITY: 125,
    Column.STATUS: 110,
    Column.MARKS: 92,
    Column.TAKEN_BY: 130,  # a colleague's name, not a login
}
_NARROWEST = {  # what each still needs to be read (longer texts elide; tooltips hold them)
    Column.DEADLINE: 90,
    Column.NUMBER: 56,
    Column.CHANNEL: 48,
    Column.THEME: 80,
    Column.MUNICIPALITY: 76,
    Column.STATUS: 72,
    Column.MARKS: 48,
    Column.TAKEN_BY: 80,
}
_FIRST_HIDDEN = (Column.CHANNEL, Column.MARKS)  # when even the narrowest widths do not fit


def _needs(room: int, hiding: tuple[Column, ...]) -> bool:
    """Whether the columns but the last of ``hiding`` at their narrowest overflow ``room``."""
    keep = [c for c in _NARROWEST if c not in hiding[:-1]]
    return sum(_NARROWEST[c] for c in keep) > room


def _share(wanted: dict[Column, int], room: int) -> dict[Column, int]:
    """Widths that fit ``room``: the designed ones shrunk alike, none below its narrowest.

    A column that would shrink below its narrowest keeps that and the others share
    what is left, so the sum never overflows into the summary's room.
    """
    out: dict[Column, int] = {}
    left = dict(wanted)
    budget = max(room, 0)
    while left:
        scale = min(1.0, budget / sum(left.values()))
        pinned = [c for c, base in left.items() if base * scale < _NARROWEST[c]]
        if not pinned:
            out.update({c: int(base * scale) for c, base in left.items()})
            break
        for column in pinned:
            out[column] = _NARROWEST[column]
            budget -= _NARROWEST[column]
            del left[column]
    return out


SUMMARY_SHARE = 0.3  # «Суть» gets at least this share of the table's width…
SUMMARY_MIN = 180  # …and at least this many pixels: the gist, not «Догазиф…»


class QueuePane(QWidget):
    """Filter bar, queue title and count, and the table of one queue."""

    current_changed = Signal(object)
    """The current appeal's id (None when the queue is empty)."""
    loaded = Signal(int)
    """Every id of the shown queue is in memory; the number of appeals."""
    _moved = Signal()  # the operator moved the current row (queued to drop_gone)

    def __init__(self, context: ConsoleContext, reader: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = context
        self._reader = reader
        self._base: q.QueueQuery | None = None
        self._values = FilterValues()
        self._order: tuple[q.Order, bool] | None = None  # chosen in the header
        self._total: int | None = None
        self._queue_key = ""
        self._quiet = False  # True while ids are swapped under the operator

        self.filter_bar = FilterBar()
        self.filter_bar.set_dictionaries(context.dictionaries)
        self.title = QLabel()
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.model = QueueTableModel(
            self._fetch_rows,
            deadline_of=context.deadline_of,
            clock=context.clock,
            time_zone=QTimeZone(context.sla.time_zone.encode()),
            parent=self,
        )
        self.model.set_viewer(lambda: context.identity.login)  # a colleague's lock is marked
        self.table = QueueTableView()
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(Column.TITLE, header.ResizeMode.Stretch)
        header.setMinimumSectionSize(56)
        self.auto_widths = True  # the columns follow the table's width until the operator drags one
        self._fitting = False
        header.sectionResized.connect(self._section_resized)

        heading = QHBoxLayout()
        heading.addWidget(self.title, stretch=1)
        heading.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.setSpacing(8)
        layout.addWidget(self.filter_bar)
        layout.addLayout(heading)
        layout.addWidget(self.table, stretch=1)

        self.filter_bar.values_changed.connect(self._filters_changed)
        self.model.sort_requested.connect(self._sort_requested)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._moved.connect(self.drop_gone, Qt.ConnectionType.QueuedConnection)

    # -- public API --------------------------------------------------------------------

    def show_queue(self, key: str, title: str, base: q.QueueQuery) -> None:
        """Show a queue from its top (the filters stay as they are)."""
        self._queue_key = key
        self._base = base
        self._order = None
        self.title.setText(title)
        self._load(fresh=True)

    def queue_key(self) -> str:
        return self._queue_key

    def effective_query(self) -> q.QueueQuery | None:
        """The SQL query of what the table shows: queue, filters, search text, order."""
        if self._base is None:
            return None
        query = narrow(
            self._base, self._values, time_zone=self._ctx.sla.time_zone, now=self._ctx.clock()
        )
        if self._order is not None:
            return query.ordered(self._order[0], descending=self._order[1])
        if query.text:
            return query.ordered(q.Order.NEWEST)
        return query

    def filters(self) -> FilterValues:
        return self._values

    def refresh(self) -> None:
        """The cache changed: read the queue's ids again, keeping the operator's place."""
        self._load(fresh=False)

    def total(self) -> int | None:
        """The number of appeals in the queue, None while it is being counted."""
        return self._total

    def tick(self) -> None:
        """Count the visible deadlines on (called by the window's one timer)."""
        first, last = self.table.visible_rows()
        self.model.tick(first, last)

    def fit_columns(self, width: int | None = None) -> None:
        """Share ``width`` (the table's viewport) so that «Суть» can be read.

        The summary gets :data:`SUMMARY_SHARE` of it (at least :data:`SUMMARY_MIN`
        pixels); the other columns their designed widths, shrunk alike when that does
        not fit, never below what each needs (:data:`_NARROWEST`).
        """
        width = width if width is not None else self.table.viewport().width()
        if width <= 0:
            return
        summary = max(int(width * SUMMARY_SHARE), SUMMARY_MIN)
        room = width - summary
        # on a laptop's table the least needed columns step aside (the detail pane
        # shows the channel and the flags) rather than squeeze the summary
        hidden = [c for n, c in enumerate(_FIRST_HIDDEN) if _needs(room, _FIRST_HIDDEN[: n + 1])]
        widths = _share({c: w for c, w in _WIDTHS.items() if c not in hidden}, room)
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            for column in _WIDTHS:
                header.setSectionHidden(column, column in hidden)
            for column, width in widths.items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _section_resized(self, section: int, _old: int, _new: int) -> None:
        if not self._fitting and section != Column.TITLE and self.table.isVisible():
            self.auto_widths = False  # the operator chose a width: keep theirs

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.auto_widths:
            self.fit_columns()

    def set_base(self, base: q.QueueQuery) -> None:
        """The same queue with a rebuilt query (e.g. "at risk" at a later time)."""
        self._base = base

    # -- loading -------------------------------------------------------------------------

    def _load(self, *, fresh: bool) -> None:
        query = self.effective_query()
        if query is None:
            return
        engine = self._ctx.cache.engine
        ranks = self._ctx.ranks()
        self._update_sort_indicator(query)
        if fresh:
            self._total = None
            self._show_count()
            appeals = self._ctx.cache.appeals

            def first() -> tuple[list[int], list[Appeal]]:
                ids = q.first_page(engine, query, ranks)
                return ids, appeals.get_many(ids)  # the rows too: no second read to paint

            self._reader.submit("queue-first", first, self._apply_first, self._failed)
        self._reader.submit(
            "queue-ids",
            lambda: q.load_ids(engine, query, ranks),
            lambda ids: self._apply_all(ids, changed=not fresh),
            self._failed,
        )

    def _apply_first(self, page: tuple[list[int], list[Appeal]]) -> None:
        ids, appeals = page
        build = self._ctx.rows.build
        self._apply_ids(ids, keep_place=False, rows=[build(a) for a in appeals])

    def _apply_all(self, ids: Any, *, changed: bool) -> None:
        self._total = len(ids)
        self._apply_ids(ids, keep_place=True, changed=changed)
        self._show_count()
        self.loaded.emit(len(ids))

    def _apply_ids(
        self,
        ids: Sequence[int] | Any,
        *,
        keep_place: bool,
        changed: bool = True,
        rows: Sequence[QueueRow] = (),
    ) -> None:
        import numpy as np

        array = np.asarray(ids, dtype=np.int64)
        gone: frozenset[int] = frozenset()
        if keep_place:
            array, gone = self._keep_held(array)
        if keep_place and np.array_equal(array, self.model.ids()):
            self.model.mark_gone(gone)
            if changed:  # same rows in the same order after a sync: only their data changed
                self.model.invalidate()
                self._current_row_changed(self.table.currentIndex(), QModelIndex())
            return
        position = self.table.capture_position() if keep_place else None
        before = self.table.current_appeal_id()
        # The reset and the restore move the current row several times; the detail
        # pane hears once, and only if the appeal under the cursor really changed.
        self._quiet = True
        try:
            self.model.set_ids(array, rows=rows, keep_rows=not changed, gone=gone)
            if position is not None:
                self.table.restore_position(position)
            if self.model.rowCount() and not self.table.currentIndex().isValid():
                self.table.select_row(0)
        finally:
            self._quiet = False
        # After a sync (changed) the appeal under the cursor may itself have changed
        # even when it is the same one: the detail pane reads it again either way.
        if changed or self.table.current_appeal_id() != before or not keep_place:
            self._current_row_changed(self.table.currentIndex(), QModelIndex())

    def _keep_held(self, array: Any) -> tuple[Any, frozenset[int]]:
        """The new ids with the appeals the operator holds put back where they were.

        An appeal that left the queue (the operator's own action, or a colleague's,
        arriving with the sync) while it was current or selected stays in the table
        at its row, marked gone, until the operator moves on: the selection never
        jumps to an appeal the operator did not choose.
        """
        import numpy as np

        table = self.table
        held_rows = table.selected_rows()
        if len(held_rows) > MAX_HELD:
            held_rows = held_rows[:0]
        current = table.currentIndex()
        if current.isValid():
            held_rows = np.union1d(held_rows, [current.row()])
        old = self.model.ids()
        held = [(int(r), int(old[r])) for r in held_rows if 0 <= r < len(old)]
        if not held:
            return array, frozenset()
        missing = ~np.isin([i for _, i in held], array)
        if not missing.any():
            return array, frozenset()
        out = np.asarray(array, dtype=np.int64)
        gone: list[int] = []
        for (row, appeal_id), left in zip(held, missing, strict=True):
            if left:
                out = np.insert(out, min(row, len(out)), appeal_id)
                gone.append(appeal_id)
        return out, frozenset(gone)

    def drop_gone(self) -> None:
        """The operator moved: rows of appeals that left the queue go, but for those
        still selected."""
        if not self.model.gone():
            return
        keep = {int(i) for i in self.table.selected_ids()}
        current = self.table.current_appeal_id()
        if current is not None:
            keep.add(current)
        self.model.drop_gone(frozenset(keep))

    def _failed(self, _error: Exception) -> None:  # logged by the runner
        self.count_label.setText(self.tr("The queue could not be read from the cache"))

    def _fetch_rows(self, ids: Sequence[int]) -> list[QueueRow]:
        build = self._ctx.rows.build
        return [build(a) for a in self._ctx.cache.appeals.get_many(ids)]

    # -- reactions -----------------------------------------------------------------------

    def _filters_changed(self, values: FilterValues) -> None:
        self._values = values
        self._load(fresh=True)

    def _sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        chosen = _COLUMN_ORDER.get(Column(column))
        if chosen is None:  # summary: no meaningful order; keep the current one
            query = self.effective_query()
            if query is not None:
                self._update_sort_indicator(query)
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if chosen is q.Order.OLDEST and descending:
            chosen, descending = q.Order.NEWEST, False
        self._order = (chosen, descending)
        self._load(fresh=True)

    def _update_sort_indicator(self, query: q.QueueQuery) -> None:
        header = self.table.horizontalHeader()
        column = _ORDER_COLUMN.get(query.order, Column.DEADLINE)
        descending = query.descending or query.order is q.Order.NEWEST
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        with QSignalBlocker(header):
            header.setSortIndicator(column, order)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        if self.model.gone():
            self._moved.emit()  # queued: not under the view's own current-changed handling
        if current.isValid() and current.row() < self.model.rowCount():
            self.current_changed.emit(self.model.appeal_id(current.row()))
        else:
            self.current_changed.emit(None)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_count()

    def _show_count(self) -> None:
        if self._total is None:
            self.count_label.setText(self.tr("counting…"))
            return
        text = self.tr("%Ln appeal(s)", "", self._total)
        selected = len(self.table.selected_rows())
        if selected > 1:
            text += " · " + self.tr("%Ln selected", "", selected)
        self.count_label.setText(text)
