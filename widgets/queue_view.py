"""The queue table view: keeps the operator's place when the rows under it change.

A sync in the background changes the queue (new appeals, closed ones leave it); the
model is then given a new id array and resets. Resetting would throw away the current
row, the selection and the scroll position, so the view captures them *by appeal id*
before (:meth:`QueueTableView.capture_position`) and puts them back after
(:meth:`QueueTableView.restore_position`). When the current appeal itself has left the
queue (closed by a colleague, or moved out by the operator's own action), the console
keeps it as a greyed row (:meth:`~widgets.queue_model.QueueTableModel.is_gone`) so the
selection never moves by itself; only when no row of it is given back does the
nearest appeal still there become current. The view stays where it was: the operator
is never thrown back to the top of the queue.
Selections are read and written as row ranges, never one index per row: selecting
all of a million-row queue stays cheap.

GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from widgets.queue_model import Column, QueueTableModel
from widgets.sla_delegate import SlaDelegate

if TYPE_CHECKING:
    import numpy.typing as npt

_ANCHORS = 64  # visible rows remembered as scroll anchors


@dataclass(frozen=True)
class ViewPosition:
    """Where the operator is, in appeal ids rather than row numbers."""

    current_id: int | None = None
    selected_ids: Sequence[int] | npt.NDArray[Any] = ()
    anchor_ids: tuple[int, ...] = ()  # rows from the top of the viewport down
    anchor_row: int = 0
    column: int = 0
    current_row: int = -1
    # the current row's neighbours, nearest first: those after it, then those before it
    neighbour_ids: tuple[int, ...] = ()


class QueueTableView(QTableView):
    """A table of one queue; rows of equal height, selection by whole rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.setSortingEnabled(False)  # sorting is SQL's job: see set_sort_indicator
        self.setItemDelegateForColumn(Column.DEADLINE, SlaDelegate(self))
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        # Fixed heights: Qt then never measures a million rows to lay them out.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # A click flips the indicator; the model turns that into a new SQL query.
        header.sortIndicatorChanged.connect(self._sort_clicked)

    def _sort_clicked(self, section: int, order: Qt.SortOrder) -> None:
        model = self.model()
        if model is not None:
            model.sort(section, order)

    def queue_model(self) -> QueueTableModel:
        model = self.model()
        assert isinstance(model, QueueTableModel)
        return model

    # -- what is on screen ---------------------------------------------------------------

    def visible_rows(self) -> tuple[int, int]:
        """First and last row at least partly visible; (0, -1) when empty."""
        rows = self.queue_model().rowCount()
        if rows == 0:
            return 0, -1
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        first = max(first, 0)
        last = rows - 1 if last < 0 else last
        return first, last

    def current_appeal_id(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.queue_model().appeal_id(index.row())

    def selected_rows(self) -> npt.NDArray[Any]:
        """Selected row numbers, ascending (read from ranges, not from one index per row)."""
        import numpy as np

        selection = self.selectionModel().selection()
        ranges = [selection.at(i) for i in range(selection.count())]
        spans = [np.arange(r.top(), r.bottom() + 1) for r in ranges if r.isValid()]
        if not spans:
            return np.empty(0, dtype=np.int64)
        rows: npt.NDArray[Any] = np.unique(np.concatenate(spans))
        return rows

    def selected_ids(self) -> npt.NDArray[Any]:
        """Ids of the selected rows, in row order."""
        ids: npt.NDArray[Any] = self.queue_model().ids()[self.selected_rows()]
        return ids

    # -- keeping the place ---------------------------------------------------------------

    def capture_position(self) -> ViewPosition:
        model = self.queue_model()
        first, last = self.visible_rows()
        ids = model.ids()
        anchors = tuple(int(i) for i in ids[first : min(last + 1, first + _ANCHORS)])
        current = self.currentIndex()
        row = current.row() if current.isValid() else -1
        neighbours: tuple[int, ...] = ()
        if row >= 0:
            after = ids[row + 1 : row + 1 + _ANCHORS]
            before = ids[max(row - _ANCHORS, 0) : row][::-1]
            neighbours = tuple(int(i) for i in after) + tuple(int(i) for i in before)
        return ViewPosition(
            current_id=self.current_appeal_id(),
            selected_ids=self.selected_ids(),
            anchor_ids=anchors,
            anchor_row=first,
            column=current.column() if current.isValid() else 0,
            current_row=row,
            neighbour_ids=neighbours,
        )

    def restore_position(self, position: ViewPosition) -> None:
        """Put current row, selection and scroll back onto the same appeals."""
        model = self.queue_model()
        rows = model.rowCount()
        selection_model = self.selectionModel()
        selection_model.clearSelection()
        if rows == 0:
            return
        selected = model.rows_of(position.selected_ids)
        selection = QItemSelection()
        last_column = model.columnCount() - 1
        for top, bottom in _runs(selected):
            selection.select(model.index(top, 0), model.index(bottom, last_column))
        if position.current_id is not None:
            row = model.row_of(position.current_id)
            if row < 0:  # gone from the queue: the nearest appeal left takes its place
                row = self._replacement_row(position, selected)
                if not selected.size:
                    selection.select(model.index(row, 0), model.index(row, last_column))
            selection_model.setCurrentIndex(
                model.index(row, position.column), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._scroll_to_anchor(position)

    def _replacement_row(self, position: ViewPosition, selected: npt.NDArray[Any]) -> int:
        """The row to make current when the current appeal has left the queue.

        Its nearest neighbour still in the queue (the next one first); among the
        selected rows when some of the selection is left, so that what the actions
        act on and what the detail pane shows stay the same appeals.
        """
        model = self.queue_model()
        remaining = {int(r) for r in selected}
        for appeal_id in position.neighbour_ids:
            row = model.row_of(appeal_id)
            if row >= 0 and (not remaining or row in remaining):
                return row
        if remaining:
            return min(remaining)
        return min(max(position.current_row, 0), model.rowCount() - 1)

    def _scroll_to_anchor(self, position: ViewPosition) -> None:
        model = self.queue_model()
        target = -1
        for appeal_id in position.anchor_ids:
            target = model.row_of(appeal_id)
            if target >= 0:
                # Keep the same offset from the top as that anchor had.
                target -= position.anchor_ids.index(appeal_id)
                break
        if target < 0:
            target = min(position.anchor_row, model.rowCount() - 1)
        self.verticalScrollBar().setValue(max(target, 0))

    def select_row(self, row: int, *, centre: bool = False) -> None:
        """Make ``row`` current and the only selection, scrolled into view (or centred)."""
        model = self.queue_model()
        if not 0 <= row < model.rowCount():
            return
        index = model.index(row, max(self.currentIndex().column(), 0))
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        hint = QAbstractItemView.ScrollHint
        self.scrollTo(index, hint.PositionAtCenter if centre else hint.EnsureVisible)

    def index_of(self, appeal_id: int) -> QModelIndex:
        row = self.queue_model().row_of(appeal_id)
        return self.queue_model().index(row, 0) if row >= 0 else QModelIndex()


def _runs(rows: npt.NDArray[Any]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    import numpy as np

    if rows.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) != 1)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [rows.size - 1]))
    return [(int(rows[s]), int(rows[e])) for s, e in zip(starts, ends, strict=True)]
