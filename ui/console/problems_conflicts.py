"""The console's conflict situations: each open one with its reasons, and its resolution.

A dock under the queue (View → «Конфликтные ситуации», Ctrl+Shift+F7), shown by
itself when the operator opens the «Конфликтные» queue. Each row is an appeal the
region's rules found (``cur_desktop.problems``): its number, when it came, every
reason in words («Оценка 2», «Повторно от того же автора (после № 20015)») and the
last resolution tried. Enter or a double-click shows the appeal; «Записать
урегулирование…» (Ctrl+Shift+F8) records whether it was settled and how — a
``resolve_conflict`` command through the outbox like every other action.

Rows are read by the window's reader (a ``conflicts`` job); nothing personal is shown.
GUI thread.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTimeZone, SignalInstance
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.domain.enums import Action
from cur_desktop.domain.lifecycle import Command
from cur_desktop.problems.conflict_cache import ConflictRow, conflict_rows, open_conflicts
from cur_desktop.problems.conflicts import Reason, ReasonCode
from ui.console.actions import ActionSubmitter
from ui.console.console_context import ConsoleContext
from ui.console.menus import ConsoleMenus
from ui.console.queues import QueueCatalog
from ui.tasks import TaskRunner

CONTEXT = "ConflictPanel"
QUEUE_KEY = "conflict"
_ID_ROLE = Qt.ItemDataRole.UserRole


class ConflictHost(Protocol):
    """The console window, as the conflict panel sees it (no import of the window)."""

    @property
    def context(self) -> ConsoleContext: ...

    @property
    def catalog(self) -> QueueCatalog: ...

    @property
    def reader(self) -> TaskRunner: ...

    @property
    def menus(self) -> ConsoleMenus: ...

    @property
    def actions(self) -> ActionSubmitter: ...

    @property
    def queue_opened(self) -> SignalInstance: ...

    def show_appeal(self, appeal_id: int) -> None: ...

    def selected_ids(self) -> list[int]: ...


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def reason_text(reason: Reason, earlier: dict[int, str]) -> str:
    """One reason in the operator's words."""
    after = earlier.get(reason.earlier_id) if reason.earlier_id is not None else None
    code = reason.code
    if code is ReasonCode.LOW_RATING:
        return _t("Rated %1").replace("%1", str(reason.value))
    if code is ReasonCode.DISSATISFIED:
        return _t("«Dissatisfied»")
    if code is ReasonCode.REOPENED:
        return _t("Reopened")
    if code is ReasonCode.HIGH_REACH:
        return _t("Public post with high reach (%1 «me too»)").replace("%1", str(reason.value or 0))
    texts = {
        ReasonCode.REPEAT_AUTHOR: (
            _t("Again from the same author"),
            _t("Again from the same author (after № %1)"),
        ),
        ReasonCode.REPEAT_ADDRESS: (
            _t("Again at the same address"),
            _t("Again at the same address (after № %1)"),
        ),
        ReasonCode.HIGHER_BODY: (
            _t("To a higher body about an earlier appeal"),
            _t("To a higher body (after № %1)"),
        ),
    }
    plain, with_number = texts[code]
    return with_number.replace("%1", after) if after else plain


class ResolutionDialog(QDialog):
    """Settled or not, and how: what a ``resolve_conflict`` carries."""

    def __init__(self, number: str, reasons: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Conflict situation № %1").replace("%1", number))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(reasons))
        self.settled = QRadioButton(_t("&Settled"))
        self.not_settled = QRadioButton(_t("&Not settled"))
        self.settled.setChecked(True)
        layout.addWidget(self.settled)
        layout.addWidget(self.not_settled)
        label = QLabel(_t("&How (what was done, with whom):"))
        self.how = QPlainTextEdit()
        self.how.setTabChangesFocus(True)
        label.setBuddy(self.how)
        layout.addWidget(label)
        layout.addWidget(self.how)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.how.textChanged.connect(self._check)
        layout.addWidget(self.buttons)
        self._check()
        self.how.setFocus()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.how.toPlainText().strip()))


class ConflictPanel(QDockWidget):
    """The open conflict situations of the cache, with reasons and resolutions."""

    def __init__(self, window: ConflictHost, main: QMainWindow) -> None:
        super().__init__(_t("Conflict situations"), main)
        self.setObjectName("conflict_panel")
        self._window = window
        self._rows: list[ConflictRow] = []
        self._zone = QTimeZone(window.context.sla.time_zone.encode())
        self.dialog: ResolutionDialog | None = None
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.summary, stretch=1)
        self.resolve_button = QPushButton(_t("Record the &resolution…"))
        self.resolve_button.clicked.connect(self.resolve_current)
        top.addWidget(self.resolve_button)
        column.addLayout(top)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_t("Number"), _t("Received"), _t("Reasons"), _t("Last resolution")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda _index: self.show_current())
        self.table.doubleClicked.connect(lambda _index: self.show_current())
        column.addWidget(self.table)
        self.setWidget(body)
        main.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        menus = window.menus
        toggle = self.toggleViewAction()
        toggle.setText(_t("Conflict situations"))
        toggle.setShortcut(QKeySequence("Ctrl+Shift+F7"))
        menus.menu("view").addAction(toggle)
        menus.actions["conflicts"] = toggle
        menus.add(
            "appeal",
            "resolve_conflict",
            _t("Record the conflict's resolution…"),
            "Ctrl+Shift+F8",
            self.resolve_current,
        )
        self.visibilityChanged.connect(lambda shown: self.refresh() if shown else None)
        window.queue_opened.connect(self._queue_opened)

    # -- reading -------------------------------------------------------------------------

    def _queue_opened(self, key: str) -> None:
        if key == QUEUE_KEY:
            self.show()
            self.refresh()

    def refresh(self) -> None:
        """Read the open conflicts again (a reader job); nothing while hidden."""
        if self.isHidden():
            return
        engine = self._window.context.cache.engine
        rules = self._window.catalog.conflict_rules
        now = self._window.context.clock()

        def job() -> list[ConflictRow]:
            return conflict_rows(engine, open_conflicts(engine, rules, now))

        self._window.reader.submit("conflicts", job, self._show_rows)

    def _show_rows(self, rows: object) -> None:
        assert isinstance(rows, list)
        current = self.current_id()
        self._rows = rows
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            reasons = "; ".join(reason_text(r, row.earlier) for r in row.conflict.reasons)
            resolution = row.conflict.resolution
            last = ""
            if resolution is not None:
                state = _t("settled") if resolution.resolved else _t("not settled")
                last = f"{state}: {resolution.how}"
            received = datetime.fromtimestamp(row.received, UTC)
            cells = (f"№ {row.number}", self._when(received), reasons, last)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID_ROLE, row.conflict.appeal_id)
                if col == 2:
                    item.setToolTip(reasons)
                self.table.setItem(i, col, item)
            if row.conflict.appeal_id == current:
                self.table.selectRow(i)
        self.summary.setText(_t("Open conflict situations: %1").replace("%1", str(len(rows))))
        if self.table.currentRow() < 0 and rows:
            self.table.selectRow(0)

    def _when(self, at: datetime) -> str:
        shown = QDateTime.fromSecsSinceEpoch(int(at.timestamp()), self._zone)
        return shown.toString("dd.MM.yyyy HH:mm")

    # -- acting --------------------------------------------------------------------------

    def current_id(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        value = item.data(_ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def rows(self) -> list[ConflictRow]:
        return list(self._rows)

    def show_current(self) -> None:
        appeal_id = self.current_id()
        if appeal_id is not None:
            self._window.show_appeal(appeal_id)

    def _target(self) -> ConflictRow | None:
        """The panel's current conflict, else the queue's selected appeal if it is one."""
        wanted = self.current_id() if self.isVisible() else None
        if wanted is None:
            selected = self._window.selected_ids()
            wanted = selected[0] if selected else None
        return next((r for r in self._rows if r.conflict.appeal_id == wanted), None)

    def resolve_current(self) -> None:
        row = self._target()
        if row is None:
            return
        reasons = "; ".join(reason_text(r, row.earlier) for r in row.conflict.reasons)
        self.dialog = ResolutionDialog(row.number, reasons, self.window())
        self.dialog.finished.connect(lambda result: self._resolved(row, result))
        self.dialog.open()

    def _resolved(self, row: ConflictRow, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None or result != QDialog.DialogCode.Accepted:
            return
        command = Command.of(
            Action.RESOLVE_CONFLICT,
            resolved=dialog.settled.isChecked(),
            how=dialog.how.toPlainText().strip(),
            reasons=",".join(row.conflict.codes),
        )
        self._window.actions.submit([row.conflict.appeal_id], command)


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("ConflictPanel", "Rated %1")
    QCoreApplication.translate("ConflictPanel", "«Dissatisfied»")
    QCoreApplication.translate("ConflictPanel", "Reopened")
    QCoreApplication.translate("ConflictPanel", "Public post with high reach (%1 «me too»)")
    QCoreApplication.translate("ConflictPanel", "Again from the same author")
    QCoreApplication.translate("ConflictPanel", "Again from the same author (after № %1)")
    QCoreApplication.translate("ConflictPanel", "Again at the same address")
    QCoreApplication.translate("ConflictPanel", "Again at the same address (after № %1)")
    QCoreApplication.translate("ConflictPanel", "To a higher body about an earlier appeal")
    QCoreApplication.translate("ConflictPanel", "To a higher body (after № %1)")
    QCoreApplication.translate("ConflictPanel", "Conflict situation № %1")
    QCoreApplication.translate("ConflictPanel", "&Settled")
    QCoreApplication.translate("ConflictPanel", "&Not settled")
    QCoreApplication.translate("ConflictPanel", "&How (what was done, with whom):")
    QCoreApplication.translate("ConflictPanel", "Conflict situations")
    QCoreApplication.translate("ConflictPanel", "Record the &resolution…")
    QCoreApplication.translate("ConflictPanel", "Number")
    QCoreApplication.translate("ConflictPanel", "Received")
    QCoreApplication.translate("ConflictPanel", "Reasons")
    QCoreApplication.translate("ConflictPanel", "Last resolution")
    QCoreApplication.translate("ConflictPanel", "Record the conflict's resolution…")
    QCoreApplication.translate("ConflictPanel", "settled")
    QCoreApplication.translate("ConflictPanel", "not settled")
    QCoreApplication.translate("ConflictPanel", "Open conflict situations: %1")
