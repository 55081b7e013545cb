"""The console's error window: an unexpected error, or the previous run's crash.

Operators cannot act on a traceback; they can tell their IT that something broke and
hand over the details. So the window says in Russian what happened and what to do,
and «Копировать сведения» puts the details (version, platform, the scrubbed
traceback or fault dump: :func:`ui.crash.crash_details`) on the clipboard. Further
errors while the window is open are added to it rather than opening more windows
(Anki's ``errors.py`` does the same).

The wall never uses this module: it runs unattended and only logs.

GUI thread only. Non-modal; deletes itself when closed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

#: The two occasions the window is shown for.
UNEXPECTED_ERROR = "error"
PREVIOUS_CRASH = "previous-crash"


class CrashDialog(QDialog):
    """What happened, what to do, and the details to copy."""

    details_copied = Signal()

    def __init__(self, occasion: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.occasion = occasion
        self.errors = 1
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        layout.addWidget(self.advice)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setPlainText(details)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setObjectName("copyDetails")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        layout.addWidget(buttons)
        self._set_texts()
        self.resize(640, 420)

    def _set_texts(self) -> None:
        if self.occasion == PREVIOUS_CRASH:
            self.setWindowTitle(self.tr("The program closed unexpectedly"))
            self.headline.setText(self.tr("Last time the program closed unexpectedly."))
            self.advice.setText(
                self.tr(
                    "Your work is kept: actions wait in the outbox until the service "
                    "receives them. If this happens again, copy the details and send "
                    "them to your IT support."
                )
            )
            return
        self.setWindowTitle(self.tr("Program error"))
        if self.errors == 1:
            self.headline.setText(self.tr("Something went wrong."))
        else:
            self.headline.setText(self.tr("Something went wrong (%n errors).", "", self.errors))
        self.advice.setText(
            self.tr(
                "The program keeps working, but the last action may not have been "
                "completed: check it. If this happens again, copy the details and send "
                "them to your IT support."
            )
        )

    def add_error(self, details: str) -> None:
        """Another error while the window is open: its details go below the first."""
        self.errors += 1
        self.details.appendPlainText("\n" + details)
        self._set_texts()

    def details_text(self) -> str:
        return self.details.toPlainText()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText(self.tr("Copied"))
        self.details_copied.emit()
