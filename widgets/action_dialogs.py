"""Dialogs that ask for an action's parameters: keyboard first, nothing sent without them.

Every dialog opens with the cursor in its first field; lists filter as the operator
types (:class:`~widgets.action_dialogs_choice.ChoicePicker`), Enter confirms and Esc
cancels. A dialog refuses to close while a required parameter is missing and says
which (:meth:`ActionDialog.problem`): a rejection or a postponement without a reason
never reaches the outbox. What the dialog returns is the command's parameters
(:meth:`ActionDialog.params`), ready for :class:`~cur_desktop.domain.lifecycle.Command`.

The choices themselves (which bodies serve this theme, which appeals may be
duplicates) are worked out by the console and handed in: no cache or service here.

GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QObject, Qt, QTimeZone
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.domain.appeal import JsonScalar
from widgets.action_dialogs_choice import Choice, ChoicePicker

PROBLEM_STYLE = "color: #b3261e; font-weight: bold"


class ActionDialog(QDialog):
    """Title, what it acts on, the fields, a problem line and OK / Cancel."""

    def __init__(self, title: str, ok_text: str, summary: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet(PROBLEM_STYLE)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setDefault(True)
        cancel = QCoreApplication.translate("ActionDialog", "Cancel")  # same for every subclass
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
        for button in self.buttons.buttons():  # Enter confirms, Esc cancels: Tab skips them,
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # so a stray Space presses nothing
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.body, stretch=1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

    def problem(self) -> str | None:
        """Why the dialog cannot be confirmed yet (None: it can)."""
        return None

    def params(self) -> dict[str, JsonScalar]:
        return {}

    def try_accept(self) -> None:
        """Enter or OK: close with the parameters, or say what is missing."""
        problem = self.problem()
        if problem:
            self.problem_label.setText(problem)
            self.problem_label.show()
            return
        self.accept()

    def picker(self, choices: Sequence[Choice], placeholder: str, *, auto: bool) -> ChoicePicker:
        """A choice list whose Enter confirms the dialog."""
        picker = ChoicePicker(choices, placeholder=placeholder, auto_select=auto)
        picker.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the next field
        picker.activated.connect(lambda _code: self.try_accept())
        picker.current_changed.connect(lambda _code: self.problem_label.hide())
        return picker


class RouteDialog(ActionDialog):
    """Choose the responsible body (only those serving the appeals' theme and place)."""

    def __init__(
        self, bodies: Sequence[Choice], summary: str, current: str | None, parent: QWidget | None
    ) -> None:
        super().__init__(self.tr("Route to a body"), self.tr("Route"), summary, parent)
        self.bodies = self.picker(bodies, self.tr("Type part of the body's name"), auto=True)
        if current:
            self.bodies.set_current(current)
        self.executor = QLineEdit()
        self.executor.setPlaceholderText(self.tr("Optional: a department or a person"))
        self.body.addWidget(QLabel(self.tr("Responsible body:")))
        self.body.addWidget(self.bodies, stretch=1)
        form = QFormLayout()
        form.addRow(self.tr("Executor:"), self.executor)
        self.body.addLayout(form)
        self.bodies.setFocus()
        self.resize(640, 520)

    def problem(self) -> str | None:
        if not self.bodies.model.rowCount() and not self.bodies.search.text():
            return self.tr("No body serves this theme and municipality")
        if self.bodies.current_code() is None:
            return self.tr("Choose a body")
        return None

    def params(self) -> dict[str, JsonScalar]:
        return {"body": self.bodies.current_code(), "executor": self.executor.text().strip()}


class RejectDialog(ActionDialog):
    """Reject with a reason from the region's list (required) and a comment."""

    def __init__(self, reasons: Sequence[Choice], summary: str, parent: QWidget | None) -> None:
        super().__init__(self.tr("Reject the appeal"), self.tr("Reject"), summary, parent)
        self.reasons = self.picker(reasons, self.tr("Type part of the reason"), auto=False)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Optional comment"))
        self.body.addWidget(QLabel(self.tr("Reason for the rejection:")))
        self.body.addWidget(self.reasons, stretch=1)
        form = QFormLayout()
        form.addRow(self.tr("Comment:"), self.comment)
        self.body.addLayout(form)
        self.reasons.setFocus()
        self.resize(600, 460)

    def problem(self) -> str | None:
        if self.reasons.current_code() is None:
            return self.tr("Choose a reason for the rejection")
        return None

    def params(self) -> dict[str, JsonScalar]:
        out: dict[str, JsonScalar] = {"reason": self.reasons.current_code()}
        if self.comment.text().strip():
            out["comment"] = self.comment.text().strip()
        return out


class MergeDialog(ActionDialog):
    """Merge into one of the possible duplicates the detail pane found."""

    def __init__(self, candidates: Sequence[Choice], summary: str, parent: QWidget | None) -> None:
        super().__init__(self.tr("Merge duplicates"), self.tr("Merge"), summary, parent)
        self.targets = self.picker(candidates, self.tr("Type a number or words"), auto=False)
        self.body.addWidget(QLabel(self.tr("The appeal to keep (this one is closed into it):")))
        self.body.addWidget(self.targets, stretch=1)
        self.targets.setFocus()
        self.resize(640, 420)

    def problem(self) -> str | None:
        if not self.targets.model.rowCount() and not self.targets.search.text():
            return self.tr("No possible duplicates were found for this appeal")
        if self.targets.current_code() is None:
            return self.tr("Choose the appeal to merge into")
        return None

    def params(self) -> dict[str, JsonScalar]:
        code = self.targets.current_code()
        return {"into": int(code) if code else None}


class PostponeDialog(ActionDialog):
    """A later deadline and the reason for it (both required)."""

    def __init__(
        self,
        summary: str,
        *,
        current: datetime | None,
        now: datetime,
        time_zone: QTimeZone,
        parent: QWidget | None,
    ) -> None:
        super().__init__(self.tr("Postpone the deadline"), self.tr("Postpone"), summary, parent)
        self._earliest = max(current or now, now)
        proposed = self._earliest + timedelta(days=3)
        self.until = QDateTimeEdit()
        self.until.setTimeZone(time_zone)
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.until.setDateTime(QDateTime.fromSecsSinceEpoch(int(proposed.timestamp()), time_zone))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the deadline moves (required)"))
        form = QFormLayout()
        if current is not None:
            shown = QDateTime.fromSecsSinceEpoch(int(current.timestamp()), time_zone)
            form.addRow(self.tr("Current deadline:"), QLabel(shown.toString("dd.MM.yyyy HH:mm")))
        form.addRow(self.tr("New deadline:"), self.until)
        form.addRow(self.tr("Reason:"), self.reason)
        self.body.addLayout(form)
        self.reason.setFocus()
        self.resize(520, 220)

    def chosen(self) -> datetime:
        return datetime.fromtimestamp(self.until.dateTime().toSecsSinceEpoch(), tz=UTC)

    def problem(self) -> str | None:
        if not self.reason.text().strip():
            return self.tr("Give the reason for the postponement")
        if self.chosen() <= self._earliest:
            return self.tr("The new deadline must be later than the current one")
        return None

    def params(self) -> dict[str, JsonScalar]:
        return {"until": self.chosen().isoformat(), "reason": self.reason.text().strip()}


class TextDialog(ActionDialog):
    """One text (a note, a reason, where to): Enter confirms, Shift+Enter starts a new line."""

    def __init__(
        self,
        title: str,
        ok_text: str,
        summary: str,
        *,
        label: str,
        param: str,
        missing: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(title, ok_text, summary, parent)
        self._param = param
        self._missing = missing
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.installEventFilter(self)
        self.body.addWidget(QLabel(label))
        self.body.addWidget(self.text, stretch=1)
        self.text.setFocus()
        self.resize(560, 300)

    def problem(self) -> str | None:
        return self._missing if not self.text.toPlainText().strip() else None

    def params(self) -> dict[str, JsonScalar]:
        return {self._param: self.text.toPlainText().strip()}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.text and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.try_accept()
                return True
        return super().eventFilter(watched, event)
