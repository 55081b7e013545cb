"""The conflict dialog: my action on the version I saw, beside the service's current record.

A command stored against version N came back ``409 stale_version``: someone changed
the appeal meanwhile. The operator sees both sides — what they did and the record as
they saw it, and the record as the service has it now, with the fields that differ
marked in both — and chooses: keep mine (the same command applied again on the
current version) or take theirs (drop mine). "Decide later" just closes the dialog;
the action stays in the outbox as a conflict. The dialog is not modal: the operator
may look at the queue before deciding.

The console resolves codes to names and builds the :class:`ConflictView`; the
dialog only lays it out and reports the choice. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

_CHANGED = "#fff1c2"
_MUTED = "#6b7580"


@dataclass(frozen=True, slots=True)
class ConflictField:
    label: str
    seen: str | None  # None: not known (stored by a version that did not keep it)
    current: str

    @property
    def changed(self) -> bool:
        return self.seen is not None and self.seen != self.current


@dataclass(frozen=True, slots=True)
class ConflictView:
    key: str  # the outbox item's idempotency key
    number: str
    action: str  # what the operator did, in words
    seen_version: int
    current_version: int
    fields: Sequence[ConflictField]


class ConflictDialog(QDialog):
    """Both versions side by side and the choice; emits :attr:`decided`."""

    decided = Signal(str, bool)
    """(outbox key, reapply): True keeps mine, False takes theirs."""

    def __init__(self, view: ConflictView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Conflict: appeal № %1").replace("%1", view.number))
        intro = QLabel(
            self.tr(
                "Appeal № %1 was changed on the service while your action was waiting to be "
                "sent. Compare the versions and choose which one stays."
            ).replace("%1", view.number)
        )
        intro.setWordWrap(True)
        self.mine = QTextBrowser()
        self.theirs = QTextBrowser()
        self.mine.setHtml(self._side(mine=True))
        self.theirs.setHtml(self._side(mine=False))
        sides = QHBoxLayout()
        sides.addWidget(self.mine)
        sides.addWidget(self.theirs)

        buttons = QDialogButtonBox()
        self.keep_button = buttons.addButton(
            self.tr("&Keep mine: apply it to the current version"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.take_button = buttons.addButton(
            self.tr("&Take theirs: drop my action"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        later = buttons.addButton(self.tr("Decide &later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(lambda: self._decide(reapply=True))
        self.take_button.clicked.connect(lambda: self._decide(reapply=False))
        later.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(sides, stretch=1)
        layout.addWidget(buttons)
        self.resize(1100, 480)

    def _decide(self, *, reapply: bool) -> None:
        self.decided.emit(self.view.key, reapply)
        self.accept()

    def _side(self, *, mine: bool) -> str:
        v = self.view
        if mine:
            title = self.tr("What I did (on version %1)").replace("%1", str(v.seen_version))
            head = (
                f"<p style='background:#e3eefc; padding:6px'><b>{escape(self.tr('Action:'))}"
                f"</b> {escape(v.action)}</p>"
                f"<p style='color:{_MUTED}'>{escape(self.tr('The appeal as I saw it:'))}</p>"
            )
        else:
            title = self.tr("Now on the service (version %1)").replace("%1", str(v.current_version))
            head = (
                f"<p style='color:{_MUTED}'>{escape(self.tr('Fields that differ are marked.'))}</p>"
            )
        rows = []
        for f in v.fields:
            value = f.seen if mine else f.current
            shown = escape(value) if value else "—"
            if mine and f.seen is None:
                shown = f"<span style='color:{_MUTED}'>{escape(self.tr('not known'))}</span>"
            style = f" style='background:{_CHANGED}'" if f.changed else ""
            rows.append(
                f"<tr{style}><td style='color:{_MUTED}; padding:3px 12px 3px 4px' valign='top'>"
                f"{escape(f.label)}</td><td style='padding:3px 4px'>{shown}</td></tr>"
            )
        table = f"<table width='100%' cellspacing='0'>{''.join(rows)}</table>"
        return f"<h3>{escape(title)}</h3>{head}{table}"

    def _mark_for_lupdate(self) -> None:  # pragma: no cover - strings inside f-strings
        self.tr("Action:")
        self.tr("The appeal as I saw it:")
        self.tr("Fields that differ are marked.")
        self.tr("not known")
