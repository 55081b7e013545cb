"""The console's disinformation cases: the claim, its posts and appeals, and its fate.

A dock (View → «Дела о недостоверной информации», Ctrl+Shift+F9) lists the cases of
the cache (``cur_desktop.problems.disinfo``): the claim, the status (на проверке,
недостоверно, опровергнуто, не подтвердилось), how many appeals spread it, when the
first came, who decided and when, and the hours from the first post to the
refutation. The selected case shows its refutation, link and members.

«Открыть дело…» (Ctrl+Alt+F8) starts a case from the current appeal: the texts that
say the same within two weeks are proposed (TF-IDF over lemmas, a reader job), the
operator keeps or drops each and names the claim. «Решение по делу…» sets the
status, the refutation and its link. Both are ``disinfo_case`` commands through the
outbox, one per member appeal. GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTimeZone
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.cache.queries.people import name_of
from cur_desktop.problems.disinfo import (
    CaseStatus,
    DisinfoCase,
    Similar,
    case_commands,
    case_id_for,
    case_of,
    read_cases,
    similar_texts,
)
from ui.console.problems_conflicts import ConflictHost

CONTEXT = "DisinfoPanel"
_ID_ROLE = Qt.ItemDataRole.UserRole


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def status_text(status: CaseStatus) -> str:
    return {
        CaseStatus.CHECKING: _t("Being checked"),
        CaseStatus.FALSE: _t("False"),
        CaseStatus.REFUTED: _t("Refuted"),
        CaseStatus.NOT_CONFIRMED: _t("Not confirmed"),
    }[status]


class OpenCaseDialog(QDialog):
    """The claim, and which of the similar texts spread it."""

    def __init__(self, number: str, claim: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Disinformation case from № %1").replace("%1", number))
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.claim = QLineEdit(claim)
        form.addRow(_t("&Claim:"), self.claim)
        layout.addLayout(form)
        self.note = QLabel(_t("Looking for texts that say the same…"))
        layout.addWidget(self.note)
        self.members = QListWidget()
        layout.addWidget(self.members, stretch=1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.claim.textChanged.connect(self._check)
        self._check()

    def show_similar(self, found: list[tuple[Similar, str]]) -> None:
        self.members.clear()
        for similar, title in found:
            item = QListWidgetItem(f"№ {similar.appeal_id} · {similar.score:.2f} · {title}")
            item.setData(_ID_ROLE, similar.appeal_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.members.addItem(item)
        self.note.setText(
            _t("Texts that say the same within two weeks: %1").replace("%1", str(len(found)))
        )
        self._check()

    def chosen(self) -> list[int]:
        items = (self.members.item(i) for i in range(self.members.count()))
        return [
            int(item.data(_ID_ROLE)) for item in items if item.checkState() == Qt.CheckState.Checked
        ]

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.claim.text().strip()) and self.members.count() > 0)


class DecideDialog(QDialog):
    """A case's status, refutation and its link."""

    def __init__(self, case: DisinfoCase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Decision on case %1").replace("%1", case.case_id))
        layout = QFormLayout(self)
        layout.addRow(QLabel(case.claim))
        self.status = QComboBox()
        for status in CaseStatus:
            self.status.addItem(status_text(status), status.value)
        self.status.setCurrentIndex(self.status.findData(case.status.value))
        layout.addRow(_t("&Status:"), self.status)
        self.refutation = QPlainTextEdit(case.refutation)
        self.refutation.setTabChangesFocus(True)
        layout.addRow(_t("&Refutation:"), self.refutation)
        self.link = QLineEdit(case.link)
        layout.addRow(_t("&Link to the refutation:"), self.link)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.buttons = buttons

    def chosen_status(self) -> CaseStatus:
        return CaseStatus(str(self.status.currentData()))


class DisinfoPanel(QDockWidget):
    """The disinformation cases of the cache."""

    def __init__(self, window: ConflictHost, main: QMainWindow) -> None:
        super().__init__(_t("Disinformation cases"), main)
        self.setObjectName("disinfo_panel")
        self._window = window
        self._cases: list[DisinfoCase] = []
        self._zone = QTimeZone(window.context.sla.time_zone.encode())
        self.open_dialog: OpenCaseDialog | None = None
        self.decide_dialog: DecideDialog | None = None
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.summary = QLabel()
        top.addWidget(self.summary, stretch=1)
        self.open_button = QPushButton(_t("&Open a case…"))
        self.open_button.clicked.connect(self.open_case)
        self.decide_button = QPushButton(_t("&Decision…"))
        self.decide_button.clicked.connect(self.decide)
        top.addWidget(self.open_button)
        top.addWidget(self.decide_button)
        column.addLayout(top)
        headers = [
            _t("Case"),
            _t("Claim"),
            _t("Status"),
            _t("Appeals"),
            _t("First seen"),
            _t("Decided"),
            _t("Hours to refutation"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in range(len(headers)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._show_case())
        self.table.activated.connect(lambda _index: self.show_first())
        column.addWidget(self.table, stretch=1)
        self.case_text = QLabel()
        self.case_text.setWordWrap(True)
        self.case_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.case_text.setOpenExternalLinks(False)
        column.addWidget(self.case_text)
        self.setWidget(body)
        main.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        toggle = self.toggleViewAction()
        toggle.setText(_t("Disinformation cases"))
        toggle.setShortcut(QKeySequence("Ctrl+Shift+F9"))
        window.menus.menu("view").addAction(toggle)
        window.menus.actions["disinfo_cases"] = toggle
        window.menus.add(
            "appeal", "disinfo_open", _t("Open a disinformation case…"), "Ctrl+Alt+F8",
            self.open_case,
        )  # fmt: skip
        self.visibilityChanged.connect(lambda shown: self.refresh() if shown else None)

    # -- reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.isHidden():
            return
        engine = self._window.context.cache.engine
        self._window.reader.submit("disinfo", lambda: read_cases(engine), self._show_cases)

    def cases(self) -> list[DisinfoCase]:
        return list(self._cases)

    def _show_cases(self, cases: object) -> None:
        assert isinstance(cases, list)
        current = self.current_case()
        self._cases = cases
        self.table.setRowCount(len(cases))
        for i, case in enumerate(cases):
            hours = case.hours_to_refutation
            decided = ""
            if case.decided_at is not None:
                who = name_of(self._window.context.people, case.decided_by)
                decided = f"{self._when(case.decided_at)} · {who}"
            cells = (
                case.case_id,
                case.claim,
                status_text(case.status),
                str(len(case.members)),
                self._when(case.first_seen),
                decided,
                "" if hours is None else f"{hours:.1f}",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID_ROLE, case.case_id)
                self.table.setItem(i, col, item)
            if current is not None and case.case_id == current.case_id:
                self.table.selectRow(i)
        open_ = sum(1 for c in cases if c.open)
        self.summary.setText(
            _t("Cases: %1, being checked: %2")
            .replace("%1", str(len(cases)))
            .replace("%2", str(open_))
        )
        if self.table.currentRow() < 0 and cases:
            self.table.selectRow(0)
        self._show_case()

    def _when(self, at: float) -> str:
        shown = QDateTime.fromSecsSinceEpoch(int(at), self._zone)
        return shown.toString("dd.MM.yyyy HH:mm")

    def current_case(self) -> DisinfoCase | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        wanted = item.data(_ID_ROLE) if item is not None else None
        return next((c for c in self._cases if c.case_id == wanted), None)

    def _show_case(self) -> None:
        case = self.current_case()
        self.decide_button.setEnabled(case is not None)
        if case is None:
            self.case_text.setText("")
            return
        numbers = ", ".join(f"№ {i}" for i in case.members)
        lines = [f"<b>{_t('Appeals and posts')}:</b> {numbers}"]
        if case.refutation:
            lines.append(f"<b>{_t('Refutation')}:</b> {_escape(case.refutation)}")
        if case.link:
            lines.append(f"<b>{_t('Link')}:</b> {_escape(case.link)}")
        self.case_text.setText("<br>".join(lines))

    def show_first(self) -> None:
        case = self.current_case()
        if case is not None and case.members:
            self._window.show_appeal(case.members[0])

    # -- acting --------------------------------------------------------------------------

    def open_case(self) -> None:
        """A case from the queue's current appeal (or its existing case, to decide)."""
        selected = self._window.selected_ids()
        if not selected:
            return
        first = selected[0]
        existing = case_of(self._cases, first)
        if existing is not None:
            self.show()
            self.decide(existing)
            return
        appeal = self._window.context.cache.appeals.get(first)
        if appeal is None:
            return
        self.open_dialog = dialog = OpenCaseDialog(str(first), appeal.title, self.window())
        dialog.finished.connect(lambda result: self._opened(first, result))
        dialog.open()
        engine = self._window.context.cache.engine
        appeals = self._window.context.cache.appeals

        def job() -> list[tuple[Similar, str]]:
            found = similar_texts(engine, first)
            titles = {a.id: a.title or a.text[:80] for a in appeals.get_many(
                [s.appeal_id for s in found])}  # fmt: skip
            return [(s, titles.get(s.appeal_id, "")) for s in found]

        def done(result: object) -> None:
            if self.open_dialog is dialog:
                assert isinstance(result, list)
                dialog.show_similar(result)

        self._window.reader.submit("disinfo-similar", job, done)

    def _opened(self, first: int, result: int) -> None:
        dialog, self.open_dialog = self.open_dialog, None
        if dialog is None or result != QDialog.DialogCode.Accepted:
            return
        members = dialog.chosen()
        if not members:
            return
        command = case_commands(case_id_for(first), CaseStatus.CHECKING, claim=dialog.claim.text())
        self._window.actions.submit(members, command)
        self.show()

    def decide(self, case: DisinfoCase | None = None) -> None:
        case = case or self.current_case()
        if case is None:
            return
        self.decide_dialog = dialog = DecideDialog(case, self.window())
        dialog.finished.connect(lambda result: self._decided(case, result))
        dialog.open()

    def _decided(self, case: DisinfoCase, result: int) -> None:
        dialog, self.decide_dialog = self.decide_dialog, None
        if dialog is None or result != QDialog.DialogCode.Accepted:
            return
        command = case_commands(
            case.case_id,
            dialog.chosen_status(),
            claim=case.claim,
            refutation=dialog.refutation.toPlainText(),
            link=dialog.link.text(),
        )
        self._window.actions.submit(list(case.members), command)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("DisinfoPanel", "Being checked")
    QCoreApplication.translate("DisinfoPanel", "False")
    QCoreApplication.translate("DisinfoPanel", "Refuted")
    QCoreApplication.translate("DisinfoPanel", "Not confirmed")
    QCoreApplication.translate("DisinfoPanel", "Disinformation case from № %1")
    QCoreApplication.translate("DisinfoPanel", "&Claim:")
    QCoreApplication.translate("DisinfoPanel", "Looking for texts that say the same…")
    QCoreApplication.translate("DisinfoPanel", "Texts that say the same within two weeks: %1")
    QCoreApplication.translate("DisinfoPanel", "Decision on case %1")
    QCoreApplication.translate("DisinfoPanel", "&Status:")
    QCoreApplication.translate("DisinfoPanel", "&Refutation:")
    QCoreApplication.translate("DisinfoPanel", "&Link to the refutation:")
    QCoreApplication.translate("DisinfoPanel", "Disinformation cases")
    QCoreApplication.translate("DisinfoPanel", "&Open a case…")
    QCoreApplication.translate("DisinfoPanel", "&Decision…")
    QCoreApplication.translate("DisinfoPanel", "Case")
    QCoreApplication.translate("DisinfoPanel", "Claim")
    QCoreApplication.translate("DisinfoPanel", "Status")
    QCoreApplication.translate("DisinfoPanel", "Appeals")
    QCoreApplication.translate("DisinfoPanel", "First seen")
    QCoreApplication.translate("DisinfoPanel", "Decided")
    QCoreApplication.translate("DisinfoPanel", "Hours to refutation")
    QCoreApplication.translate("DisinfoPanel", "Open a disinformation case…")
    QCoreApplication.translate("DisinfoPanel", "Cases: %1, being checked: %2")
    QCoreApplication.translate("DisinfoPanel", "Appeals and posts")
    QCoreApplication.translate("DisinfoPanel", "Refutation")
    QCoreApplication.translate("DisinfoPanel", "Link")
