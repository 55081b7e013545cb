"""The queue table's model: row ids in memory, rows fetched from the cache when shown.

As Anki's browser table (STYLE.md §3), the model holds only the ordered appeal ids of
the queue (a numpy int64 array: 8 MB for a million rows) and asks a ``fetch_rows``
callable for a page of ~256 rows the first time one of them is painted. Pages are
kept in a small LRU, so scrolling back is free and memory stays flat however long the
queue. Sorting and filtering are never done here: the owner re-queries SQL and hands
a new id array to :meth:`QueueTableModel.set_ids` (a header click only emits
:attr:`~QueueTableModel.sort_requested`).

The deadline column counts live: :meth:`~QueueTableModel.tick` moves the model's clock
and repaints only the rows the caller says are visible; other rows are recomputed
lazily when they are next painted. New ids (:meth:`~QueueTableModel.set_ids`) move the
clock too, so a queue is never shown as of an older moment than the one it was read at.

Appeals that left the queue while the operator had them selected are kept as rows
("gone", :meth:`~QueueTableModel.is_gone`): greyed, italic, «left the queue» before the gist,
until the operator moves on and :meth:`~QueueTableModel.drop_gone` takes them out. The
selection never moves to an appeal the operator did not choose.

GUI thread only; ``fetch_rows`` runs on the GUI thread and should take milliseconds.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from cur_desktop.clock import Clock, system_clock
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.numbers import source_number
from widgets.lock_icon import LOCK_BACKGROUND, LOCK_FOREGROUND, lock_icon
from widgets.queue_rows import QueueRow
from widgets.sla_format import Deadline, deadline_text, deadline_tooltip, sla_colours

if TYPE_CHECKING:
    import numpy.typing as npt

_ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

PAGE_SIZE = 256
MAX_PAGES = 24

APPEAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The appeal id of a row (any column)."""
DEADLINE_ROLE = Qt.ItemDataRole.UserRole + 2
"""The :class:`~widgets.sla_format.Deadline` of a row (deadline column), or None."""

FetchRows = Callable[[Sequence[int]], Sequence[QueueRow]]
DeadlineOf = Callable[[Appeal, datetime], Deadline | None]


class Column(IntEnum):
    DEADLINE = 0
    NUMBER = 1
    CHANNEL = 2
    THEME = 3
    MUNICIPALITY = 4
    TITLE = 5
    STATUS = 6
    MARKS = 7
    TAKEN_BY = 8


_HEADERS = {
    Column.DEADLINE: "Time left",
    Column.NUMBER: "Number",
    Column.CHANNEL: "Channel",
    Column.THEME: "Theme and category",
    Column.MUNICIPALITY: "Municipality",
    Column.TITLE: "Summary",
    Column.STATUS: "Status",
    Column.MARKS: "Importance, flags",
    Column.TAKEN_BY: "Taken by",
}


class QueueTableModel(QAbstractTableModel):
    """Appeals of one queue, in the order of the ids it was given."""

    sort_requested = Signal(int, Qt.SortOrder)
    """A header was clicked: the owner re-queries in that order and calls set_ids."""

    def __init__(
        self,
        fetch_rows: FetchRows,
        *,
        deadline_of: DeadlineOf | None = None,
        clock: Clock | None = None,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
        time_zone: QTimeZone | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._time_zone = time_zone  # deadlines in tooltips are the region's times
        import numpy as np

        self._fetch_rows = fetch_rows
        self._deadline_of = deadline_of
        self._clock: Clock = clock or system_clock
        self._page_size = page_size
        self._max_pages = max_pages
        self._ids: npt.NDArray[Any] = np.empty(0, dtype=np.int64)
        self._pages: OrderedDict[int, list[QueueRow | None]] = OrderedDict()
        self._now = self._clock()
        self._deadlines: dict[int, tuple[datetime, Deadline | None]] = {}
        self.fetch_count = 0  # pages read from the cache since the model was made
        self._pending: frozenset[int] = frozenset()  # appeals with unconfirmed actions
        self._gone: frozenset[int] = frozenset()  # kept rows of appeals that left the queue
        self._viewer: Callable[[], str] = str  # the signed-in login: a colleague's lock is shown

    # -- the ids ---------------------------------------------------------------------------

    def set_ids(
        self,
        ids: npt.ArrayLike,
        *,
        rows: Sequence[QueueRow] = (),
        keep_rows: bool = False,
        gone: frozenset[int] = frozenset(),
    ) -> None:
        """Show these appeals in this order.

        ``gone`` are ids among them that are no longer in the queue but still in the
        operator's hands (shown greyed until :meth:`drop_gone`).

        Cached rows are dropped, except with ``keep_rows`` the pages whose ids did not
        change (the rows themselves did not change either: the same queue, more of it).
        ``rows`` are rows already read (a first page read with its ids): they seed
        the cache, so showing them costs no second read.
        """
        import numpy as np

        array = np.asarray(ids, dtype=np.int64)
        kept: OrderedDict[int, list[QueueRow | None]] = OrderedDict()
        if keep_rows:
            size = self._page_size
            for page_no, page in self._pages.items():
                start = page_no * size
                old, new = self._ids[start : start + size], array[start : start + size]
                if len(old) == len(new) and np.array_equal(old, new):
                    kept[page_no] = page
        self.beginResetModel()
        # Rows read now are counted at now: a queue just read (e.g. "overdue only")
        # must not be coloured by the clock of the last tick, up to a minute old.
        self._now = self._clock()
        self._ids = array.copy() if array.base is not None else array
        self._pages = kept
        self._gone = gone
        if not keep_rows:
            self._deadlines.clear()
        if rows:
            self._seed(rows)
        self.endResetModel()

    def _seed(self, rows: Sequence[QueueRow]) -> None:
        by_id = {r.appeal_id: r for r in rows}
        size = self._page_size
        for page_no in range(-(-len(self._ids) // size)):
            ids = self._ids[page_no * size : (page_no + 1) * size]
            if page_no not in self._pages and all(int(i) in by_id for i in ids):
                self._pages[page_no] = [by_id[int(i)] for i in ids]
            elif int(ids[0]) not in by_id:
                break

    def ids(self) -> npt.NDArray[Any]:
        """The ids in row order (read-only view)."""
        view = self._ids.view()
        view.flags.writeable = False
        return view

    def appeal_id(self, row: int) -> int:
        return int(self._ids[row])

    def row_of(self, appeal_id: int) -> int:
        """The row of an appeal, -1 when it is not in the queue."""
        import numpy as np

        found = np.flatnonzero(self._ids == appeal_id)
        return int(found[0]) if found.size else -1

    def rows_of(self, appeal_ids: Sequence[int] | npt.NDArray[Any]) -> npt.NDArray[Any]:
        """Rows of those appeals that are in the queue, ascending."""
        import numpy as np

        if not len(appeal_ids):
            return np.empty(0, dtype=np.int64)
        wanted = np.asarray(appeal_ids, dtype=np.int64)
        return np.flatnonzero(np.isin(self._ids, wanted))

    def is_gone(self, appeal_id: int) -> bool:
        """The appeal left the queue and is only kept for the operator who holds it."""
        return appeal_id in self._gone

    def gone(self) -> frozenset[int]:
        return self._gone

    def mark_gone(self, appeal_ids: frozenset[int]) -> None:
        """Mark rows already shown as gone from the queue (the ids did not change)."""
        changed = appeal_ids ^ self._gone
        self._gone = appeal_ids
        for row in self.rows_of(sorted(changed)):
            self.dataChanged.emit(self.index(int(row), 0), self.index(int(row), len(Column) - 1))

    def drop_gone(self, keep: frozenset[int] = frozenset()) -> None:
        """Take the rows of appeals that left the queue out, except those in ``keep``.

        Rows are removed (not reset): the view's current row and selection stay on
        the same appeals.
        """
        import numpy as np

        dropping = self._gone - keep
        if not dropping:
            return
        for row in sorted((int(r) for r in self.rows_of(sorted(dropping))), reverse=True):
            self.beginRemoveRows(_ROOT, row, row)
            self._ids = np.delete(self._ids, row)
            self._pages.clear()  # rows after it moved up: pages are read again when painted
            self.endRemoveRows()
        self._gone = self._gone & keep

    def set_pending(self, appeal_ids: frozenset[int]) -> None:
        """Mark appeals whose operator actions the service has not confirmed yet."""
        changed = appeal_ids ^ self._pending
        self._pending = appeal_ids
        for row in self.rows_of(sorted(changed)):
            index = self.index(int(row), Column.MARKS)
            self.dataChanged.emit(index, index)

    def set_viewer(self, login: Callable[[], str]) -> None:
        """Who looks at the queue (their login, read at paint time): appeals a colleague
        holds get the padlock and the amber of a colleague's lock (holding.py)."""
        self._viewer = login

    def held_by_colleague(self, item: QueueRow) -> bool:
        holder = item.appeal.taken_by
        return bool(holder) and holder != self._viewer()

    def is_pending(self, appeal_id: int) -> bool:
        return appeal_id in self._pending

    # -- cached rows ---------------------------------------------------------------------

    def row(self, row: int) -> QueueRow | None:
        """The display data of a row, fetching its page if needed (None: gone from cache)."""
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // self._page_size
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch_page(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[row - page_no * self._page_size]

    def cached_pages(self) -> list[int]:
        """Numbers of the pages held in memory (what lazy fetching has loaded)."""
        return sorted(self._pages)

    def invalidate(self) -> None:
        """Forget cached rows (the cache changed); visible rows are fetched again."""
        self._pages.clear()
        self._deadlines.clear()
        if len(self._ids):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(Column) - 1))

    def _fetch_page(self, page_no: int) -> list[QueueRow | None]:
        start = page_no * self._page_size
        ids = [int(i) for i in self._ids[start : start + self._page_size]]
        by_id = {r.appeal_id: r for r in self._fetch_rows(ids)}
        page: list[QueueRow | None] = [by_id.get(i) for i in ids]
        self._pages[page_no] = page
        self.fetch_count += 1
        while len(self._pages) > self._max_pages:
            _, dropped = self._pages.popitem(last=False)
            for item in dropped:
                if item is not None:
                    self._deadlines.pop(item.appeal_id, None)
        return page

    # -- live deadlines --------------------------------------------------------------------

    def tick(self, first_row: int, last_row: int) -> None:
        """Move the clock on and repaint the deadline cells of rows first..last."""
        self._now = self._clock()
        last_row = min(last_row, len(self._ids) - 1)
        if first_row <= last_row:
            top = self.index(first_row, Column.DEADLINE)
            bottom = self.index(last_row, Column.DEADLINE)
            self.dataChanged.emit(top, bottom)

    def now(self) -> datetime:
        return self._now

    def deadline(self, row: int) -> Deadline | None:
        item = self.row(row)
        if item is None or self._deadline_of is None:
            return None
        known = self._deadlines.get(item.appeal_id)
        if known is not None and known[0] == self._now:
            return known[1]
        value = self._deadline_of(item.appeal, self._now)
        self._deadlines[item.appeal_id] = (self._now, value)
        return value

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _ModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == APPEAL_ID_ROLE:
            return int(self._ids[index.row()])
        if role not in _ROLES:
            return None
        column = Column(index.column())
        if column is Column.DEADLINE:
            return self._deadline_data(index.row(), role)
        item = self.row(index.row())
        if item is None:
            if role == Qt.ItemDataRole.DisplayRole and column is Column.TITLE:
                return self.tr("(no longer in the cache)")
            return None
        if item.appeal_id in self._gone:
            gone = self._gone_data(item, column, role)
            if gone is not None or role != Qt.ItemDataRole.DisplayRole:
                return gone
        if column is Column.MARKS and item.appeal_id in self._pending:
            return self._pending_data(item, role)
        if column in (Column.NUMBER, Column.TAKEN_BY) and self.held_by_colleague(item):
            locked = self._locked_data(item, column, role)
            if locked is not None:
                return locked
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(item, column)
        if role == Qt.ItemDataRole.FontRole and item.urgent:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _locked_data(self, item: QueueRow, column: Column, role: int) -> Any:
        """A colleague's lock: a padlock before the number and the holder, in amber."""
        if role == Qt.ItemDataRole.DecorationRole:
            return lock_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.tr("Taken by %1: only they may act on it (or take it over)")
            return text.replace("%1", item.taken_by)
        if column is not Column.TAKEN_BY:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(LOCK_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(LOCK_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _gone_data(self, item: QueueRow, column: Column, role: int) -> Any:
        """A row kept after its appeal left the queue: greyed, italic, said so."""
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#8a8a8a")
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("This appeal has left the queue; it stays here until you move on")
        if role == Qt.ItemDataRole.DisplayRole and column is Column.TITLE:
            return self.tr("left the queue") + " — " + item.title  # the widest column says it
        return None

    def _deadline_data(self, row: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            return None
        if self.appeal_id(row) in self._gone:
            if role == DEADLINE_ROLE:
                return None  # no coloured chip: the deadline is no longer this queue's
            if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
                return QColor("#8a8a8a") if role == Qt.ItemDataRole.ForegroundRole else None
        deadline = self.deadline(row)
        if role == DEADLINE_ROLE:
            return deadline
        if role == Qt.ItemDataRole.DisplayRole:
            return deadline_text(deadline)
        if role == Qt.ItemDataRole.ToolTipRole:
            return deadline_tooltip(deadline, self._time_zone)
        if deadline is None:
            return None
        colours = sla_colours(deadline.state.status)
        if role == Qt.ItemDataRole.BackgroundRole:
            return colours.background
        if role == Qt.ItemDataRole.ForegroundRole:
            return colours.foreground
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _pending_data(self, item: QueueRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            sending = self.tr("sending…")
            return f"{sending} · {item.marks}" if item.marks else sending
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Your action is waiting for the central service to confirm it")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#1f5fa8")
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_HEADERS[Column(section)])
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_requested.emit(column, order)

    def _mark_for_lupdate(self) -> None:  # pragma: no cover - lupdate reads these literals
        self.tr("Time left")
        self.tr("Number")
        self.tr("Channel")
        self.tr("Theme and category")
        self.tr("Municipality")
        self.tr("Summary")
        self.tr("Status")
        self.tr("Importance, flags")
        self.tr("Taken by")


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.DecorationRole,
        DEADLINE_ROLE,
    }
)


def _text(item: QueueRow, column: Column) -> str:
    if column is Column.NUMBER:
        return item.number
    if column is Column.CHANNEL:
        return item.channel
    if column is Column.THEME:
        return f"{item.theme} · {item.category}" if item.category else item.theme
    if column is Column.MUNICIPALITY:
        return item.municipality
    if column is Column.TITLE:
        return item.title
    if column is Column.STATUS:
        return item.status
    if column is Column.MARKS:
        return item.marks
    return item.taken_by


def _tooltip(item: QueueRow, column: Column) -> str | None:
    if column is Column.NUMBER:  # the channel's own number, beside the appeal number
        number = source_number(item.appeal.external_id)
        return f"{item.channel} № {number}" if number else None
    if column is Column.TITLE:
        return item.excerpt
    if column is Column.THEME:
        return _text(item, column)
    return None
