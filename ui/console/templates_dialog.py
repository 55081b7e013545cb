"""Answer templates edited by block heads (seed 004 §3.6), saved as region data.

A list of the region's templates (a block head sees those of their themes and the
general ones) and an editor: title, themes, interim or final, the text. The text's
placeholders are checked as it is typed (``check_placeholders``: only those an
appeal fills in, no brace without its pair) and Save stays off until they are right;
the service checks them again and stores the dictionaries as a new version.
GUI thread.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.domain.dictionaries import (
    PLACEHOLDERS,
    AnswerTemplate,
    Dictionaries,
    check_placeholders,
)

_CODE = re.compile(r"[a-z0-9_.]+")


def _t(text: str) -> str:
    return QCoreApplication.translate("TemplatesDialog", text)


def placeholder_problems(text: str) -> list[str]:
    """Translated problems of a template text's placeholders (empty: none)."""
    out = []
    for problem in check_placeholders(text):
        if problem.startswith("unknown placeholder "):
            name = problem.removeprefix("unknown placeholder ")
            out.append(_t("Unknown placeholder %1").replace("%1", name))
        else:
            out.append(_t("A brace without its pair"))
    return out


class TemplatesDialog(QDialog):
    """The templates a head may edit; Save asks the view to send ``put_template``."""

    save_requested = Signal(list)  # the operations

    def __init__(
        self, dictionaries: Dictionaries, themes: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Answer templates"))
        self._dicts = dictionaries
        self._themes = themes  # the head's themes; empty: every theme (the ЦУР head)
        self._templates = {
            t.code: t
            for t in dictionaries.templates
            if not themes or (t.themes and all(x in themes for x in t.themes))
        }
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setMinimumWidth(280)
        self.list.currentItemChanged.connect(lambda *_: self._load())
        left.addWidget(self.list, stretch=1)
        self.new_button = QPushButton(_t("&New template"))
        self.new_button.clicked.connect(self.new_template)
        left.addWidget(self.new_button)
        layout.addLayout(left)
        right = QVBoxLayout()
        form = QFormLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText(_t("latin letters, digits, dots"))
        form.addRow(_t("&Code:"), self.code)
        self.title = QLineEdit()
        form.addRow(_t("&Title:"), self.title)
        self.theme_list = QListWidget()
        self.theme_list.setMaximumHeight(120)
        for theme in dictionaries.themes:
            if themes and theme.code not in themes:
                continue
            item = QListWidgetItem(theme.name)
            item.setData(Qt.ItemDataRole.UserRole, theme.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.theme_list.addItem(item)
        form.addRow(_t("T&hemes:"), self.theme_list)
        self.interim = QCheckBox(_t("&Interim answer (work planned, not done yet)"))
        form.addRow("", self.interim)
        right.addLayout(form)
        self.text = QPlainTextEdit()
        self.text.setMinimumSize(560, 200)
        right.addWidget(self.text, stretch=1)
        allowed = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
        self.allowed = QLabel(_t("Placeholders: %1").replace("%1", allowed))
        self.allowed.setWordWrap(True)
        right.addWidget(self.allowed)
        self.check = QLabel()
        self.check.setWordWrap(True)
        right.addWidget(self.check)
        self.status = QLabel()
        self.status.setWordWrap(True)
        right.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(_t("&Save"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        right.addWidget(buttons)
        layout.addLayout(right, stretch=1)
        for widget in (self.code, self.title):
            widget.textChanged.connect(lambda _text: self._validate())
        self.text.textChanged.connect(self._validate)
        self.theme_list.itemChanged.connect(lambda _item: self._validate())
        self._fill()

    def _fill(self, current: str = "") -> None:
        self.list.clear()
        for t in sorted(self._templates.values(), key=lambda t: t.title.casefold()):
            item = QListWidgetItem(t.title)
            item.setData(Qt.ItemDataRole.UserRole, t.code)
            self.list.addItem(item)
            if t.code == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        if not self.list.count():
            self.new_template()

    def _load(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        t = self._templates.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if t is None:
            return
        self._show(t)

    def _show(self, t: AnswerTemplate) -> None:
        self.code.setText(t.code)
        self.code.setReadOnly(bool(t.code in self._templates))
        self.title.setText(t.title)
        self.interim.setChecked(t.interim)
        for i in range(self.theme_list.count()):
            item = self.theme_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in t.themes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.text.setPlainText(t.text)
        self.status.clear()
        self._validate()

    def new_template(self) -> None:
        self.list.clearSelection()
        themes = self._themes[:1]
        self._show(AnswerTemplate(code="", title="", text="", themes=themes))
        self.code.setReadOnly(False)
        self.code.setFocus()

    def chosen_themes(self) -> list[str]:
        return [
            str(self.theme_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.theme_list.count())
            if self.theme_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def problems(self) -> list[str]:
        """Everything that keeps Save off, translated."""
        out = placeholder_problems(self.text.toPlainText())
        code = self.code.text().strip()
        if not _CODE.fullmatch(code):
            out.append(_t("The code: latin letters, digits and dots"))
        if not self.title.text().strip():
            out.append(_t("The title is empty"))
        if not self.text.toPlainText().strip():
            out.append(_t("The text is empty"))
        if self._themes and not self.chosen_themes():
            out.append(_t("Choose the themes it is for"))
        return out

    def _validate(self) -> None:
        problems = self.problems()
        self.check.setText("\n".join("• " + p for p in problems))
        self.check.setStyleSheet("color: #a00000;" if problems else "")
        self.save_button.setEnabled(not problems)

    def operation(self) -> dict[str, Any]:
        return {
            "op": "put_template",
            "code": self.code.text().strip(),
            "title": self.title.text().strip(),
            "text": self.text.toPlainText().strip(),
            "themes": self.chosen_themes(),
            "interim": self.interim.isChecked(),
        }

    def save(self) -> None:
        if self.problems():
            return
        self.save_button.setEnabled(False)
        self.status.setText(_t("Saving…"))
        self.save_requested.emit([self.operation()])

    def saved(self, answer: Any) -> None:
        op = self.operation()
        self._templates[op["code"]] = AnswerTemplate(
            op["code"], op["title"], op["text"], tuple(op["themes"]), (), op["interim"]
        )
        self._fill(op["code"])
        version = str(answer.get("version")) if isinstance(answer, dict) else ""
        self.status.setText(
            _t("Saved as version %1 of the region's dictionaries").replace("%1", version)
        )
        self._validate()

    def failed(self, text: str) -> None:
        self.status.setText(text)
        self._validate()


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("TemplatesDialog", "Answer templates")
    QCoreApplication.translate("TemplatesDialog", "&New template")
    QCoreApplication.translate("TemplatesDialog", "latin letters, digits, dots")
    QCoreApplication.translate("TemplatesDialog", "&Code:")
    QCoreApplication.translate("TemplatesDialog", "&Title:")
    QCoreApplication.translate("TemplatesDialog", "T&hemes:")
    QCoreApplication.translate("TemplatesDialog", "&Interim answer (work planned, not done yet)")
    QCoreApplication.translate("TemplatesDialog", "&Save")
    QCoreApplication.translate("TemplatesDialog", "Saving…")
    QCoreApplication.translate("TemplatesDialog", "A brace without its pair")
    QCoreApplication.translate("TemplatesDialog", "The code: latin letters, digits and dots")
    QCoreApplication.translate("TemplatesDialog", "The title is empty")
    QCoreApplication.translate("TemplatesDialog", "The text is empty")
    QCoreApplication.translate("TemplatesDialog", "Choose the themes it is for")
    QCoreApplication.translate("TemplatesDialog", "Placeholders: %1")
    QCoreApplication.translate(
        "TemplatesDialog", "Saved as version %1 of the region's dictionaries"
    )
    QCoreApplication.translate("TemplatesDialog", "Unknown placeholder %1")
