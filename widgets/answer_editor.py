"""The answer editor: an interim or final answer from a template, filled from the appeal.

Left, the region's templates fit for the appeal's theme, searched by keyword as the
operator types (title, keywords and text); Enter puts the chosen template into the
editor with its placeholders filled (number, date, address, body, deadline, and the
author's name only when the role may see it — the console decides the values).
Right, the text itself, a length counter and a warning about any ``{placeholder}``
still unfilled: :meth:`AnswerTemplate.render` leaves a gap visible on purpose, and
the editor will not send an answer with a gap in it. No spell-checker. Only
Ctrl+Enter sends: the buttons take no focus, so Tab never lands on «Send» for a
stray Space or Enter to press. Esc cancels — on a text the operator changed it asks
first (:attr:`AnswerEditor.confirm`), and «keep writing» is its default. Opened
with a text (one the service refused, or an answer returned for rework) the cursor
starts in it, and putting a template in its place
is one step Ctrl+Z takes back.

GUI thread only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.domain.dictionaries import AnswerTemplate
from widgets.action_dialogs import PROBLEM_STYLE
from widgets.action_dialogs_choice import Choice, ChoicePicker

_GAP = re.compile(r"\{[a-z_]+\}")
_MUTED = "color: #6b7580"


def template_choices(templates: Sequence[AnswerTemplate]) -> list[Choice]:
    return [
        Choice(t.code, t.title, detail=t.text, keywords=" ".join(t.keywords)) for t in templates
    ]


class AnswerEditor(QDialog):
    """Write an answer; ``text()`` and ``template_code()`` after it is accepted."""

    def __init__(
        self,
        templates: Sequence[AnswerTemplate],
        values: Mapping[str, str],
        *,
        interim: bool,
        summary: str,
        text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setWindowTitle(self.tr("Interim answer") if interim else self.tr("Answer"))
        self._templates = {t.code: t for t in templates}
        self._values = dict(values)
        self._applied: str | None = None
        self._opened_with = text
        self._closing = False  # the operator confirmed closing a changed text
        self.confirm: QMessageBox | None = None  # the open "close without sending?" question

        self.templates = ChoicePicker(
            template_choices(templates), placeholder=self.tr("Search templates by keyword")
        )
        self.templates.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.templates.activated.connect(self.apply_template)
        self.templates.search.installEventFilter(self)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(_MUTED)
        self.templates.current_changed.connect(self._preview)

        self.editor = QPlainTextEdit(text)
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._count)
        self.editor.installEventFilter(self)
        self.counter = QLabel()
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet(PROBLEM_STYLE)
        self.problem_label.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton(
            self.tr("Send (Ctrl+Enter)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.send_button, cancel):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click, or Ctrl+Enter / Esc
        buttons.accepted.connect(self.try_send)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.try_send)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Templates (Enter puts one into the text):")))
        left.addWidget(self.templates, stretch=3)
        left.addWidget(self.preview, stretch=1)
        right = QVBoxLayout()
        heading = QLabel(summary)
        heading.setWordWrap(True)
        right.addWidget(heading)
        right.addWidget(self.editor, stretch=1)
        status = QHBoxLayout()
        status.addWidget(self.problem_label, stretch=1)
        status.addWidget(self.counter)
        right.addLayout(status)
        right.addWidget(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, stretch=2)
        layout.addLayout(right, stretch=3)
        self._count()
        self._preview(self.templates.current_code() or "")
        if text.strip():
            # an answer to carry on with (the service refused it, or it came back for
            # rework): the cursor waits at its end; the templates are a Shift+Tab away
            self.editor.setFocus()
            self.editor.moveCursor(QTextCursor.MoveOperation.End)
        else:
            self.templates.setFocus()
        self.resize(1200, 640)

    # -- public API ----------------------------------------------------------------------

    def text(self) -> str:
        return self.editor.toPlainText().strip()

    def template_code(self) -> str | None:
        """The template last put into the text, if any."""
        return self._applied

    def apply_template(self, code: str) -> None:
        """Replace the text with the template, placeholders filled; the cursor goes there."""
        template = self._templates.get(code)
        if template is None:
            return
        self._applied = code
        # one undoable edit (setPlainText would clear the undo history): Ctrl+Z brings
        # back what the operator had written
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(template.render(self._values))
        cursor.endEditBlock()
        self.editor.setFocus()
        gap = _GAP.search(self.editor.toPlainText())
        cursor = self.editor.textCursor()
        if gap is not None:  # straight to the first gap the operator must fill
            cursor.setPosition(gap.start())
            cursor.setPosition(gap.end(), cursor.MoveMode.KeepAnchor)
        else:
            cursor.movePosition(cursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)

    def changed(self) -> bool:
        """The text is not what the editor opened with (the operator wrote something)."""
        return self.editor.toPlainText().strip() != self._opened_with.strip()

    def reject(self) -> None:
        """Esc or Cancel: close at once when nothing was written, else ask first."""
        if self._closing or not self.changed():
            super().reject()
            return
        if self.confirm is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.windowTitle(),
            self.tr("Close the editor without sending?"),
            parent=self,
        )
        box.setInformativeText(
            self.tr("Your text is kept as a draft and comes back when you open the answer again.")
        )
        close = box.addButton(self.tr("Close, keep the draft"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep writing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.confirm = box

        def decided(_result: int) -> None:
            self.confirm = None
            box.deleteLater()
            if box.clickedButton() is close:
                self._closing = True
                self.reject()
            else:
                self.editor.setFocus()

        box.finished.connect(decided)
        box.open()

    def gaps(self) -> list[str]:
        """Placeholders still unfilled in the text."""
        return list(dict.fromkeys(_GAP.findall(self.editor.toPlainText())))

    def try_send(self) -> None:
        if not self.text():
            self._problem(self.tr("The answer is empty"))
            return
        gaps = self.gaps()
        if gaps:
            self._problem(self.tr("Fill in the gaps first: %1").replace("%1", ", ".join(gaps)))
            return
        self.accept()

    # -- internals -----------------------------------------------------------------------

    def _problem(self, text: str) -> None:
        self.problem_label.setText(text)

    def _count(self) -> None:
        length = len(self.editor.toPlainText())
        self.counter.setText(self.tr("%n character(s)", "", length))
        self.problem_label.clear()

    def _preview(self, code: str) -> None:
        template = self._templates.get(code)
        self.preview.setText(template.render(self._values) if template else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        plain = not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if watched is self.editor and enter and not plain:
            self.try_send()  # also when the window is not active (the shortcut waits for it)
            return True
        if watched is self.templates.search and enter and plain:
            code = self.templates.current_code()
            if code:
                self.apply_template(code)
            else:
                self.editor.setFocus()
            return True
        return super().eventFilter(watched, event)
