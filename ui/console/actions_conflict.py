"""Conflicts from the sync, shown to the operator: both versions and a choice.

The sync engine settles an outbox item as a conflict when the service answered
``409 stale_version``, storing the service's current record in the item's result.
:class:`ConflictPresenter` turns such an item into a
:class:`~widgets.action_dialogs_conflict.ConflictView` — the command in words, the
appeal as the operator saw it (kept by the submitter for actions of this session)
beside the current record, names instead of codes — and opens one non-blocking
dialog per item. The choice leaves through ``window.conflict_resolved(key,
reapply)``; the sync worker resolves it in its own thread. A dialog the sync brings
appears without taking the keyboard (the operator may be typing); one the operator
asks for (Ctrl+Shift+K) is activated.

GUI thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cur_desktop.cache import OutboxItem, OutboxState
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Importance
from cur_desktop.domain.numbers import shown_number
from cur_desktop.protocol.wire import WireError
from ui.console.action_host import ActionHost
from ui.console.actions_ask import Asker
from ui.console.actions_specs import ui_text
from widgets.action_dialogs_conflict import ConflictDialog, ConflictField, ConflictView
from widgets.labels import flag_labels, importance_label, status_label

log = logging.getLogger(__name__)


class ConflictPresenter:
    """One conflict dialog per outbox item; a decided item is never shown again."""

    def __init__(self, window: ActionHost, asker: Asker) -> None:
        self._w = window
        self._asker = asker
        self.dialogs: dict[str, ConflictDialog] = {}
        self._decided: set[str] = set()

    def show(self, item: OutboxItem, *, again: bool = False) -> ConflictDialog | None:
        """Open (or raise) the item's dialog; ``again`` also for one decided before but
        still in conflict (the sync has not applied the choice yet: shown again only
        when the operator asks)."""
        key = item.idempotency_key
        if item.state is not OutboxState.CONFLICT or (key in self._decided and not again):
            return None
        open_ = self.dialogs.get(key)
        if open_ is not None:
            open_.raise_()
            if again:
                open_.activateWindow()
            return open_
        view = self.view(item)
        if view is None:
            return None
        dialog = ConflictDialog(view, self._w.window())
        dialog.decided.connect(self._decided_now)
        dialog.finished.connect(lambda _result: self.dialogs.pop(key, None))
        self.dialogs[key] = dialog
        if again:  # the operator asked for it: the keyboard goes there
            dialog.show()
            dialog.raise_()
            dialog.activateWindow()
        else:
            _show_quietly(dialog)
        return dialog

    def close_all(self) -> None:
        for dialog in list(self.dialogs.values()):
            dialog.close()
        self.dialogs.clear()

    def _decided_now(self, key: str, reapply: bool) -> None:
        self._decided.add(key)
        self._w.conflict_resolved.emit(key, reapply)

    # -- the view ----------------------------------------------------------------------------

    def view(self, item: OutboxItem) -> ConflictView | None:
        try:
            current = item.current_appeal()
        except WireError:
            log.exception("outbox item %s: unreadable current record", item.idempotency_key)
            current = None
        if current is None:
            current = self._w.context.cache.appeals.get(item.appeal_id)
        if current is None:
            return None
        seen = self._w.actions.seen(item.idempotency_key)
        before = seen.appeal if seen is not None else None
        fields = [
            ConflictField(label, value(before) if before is not None else None, value(current))
            for label, value in self._fields()
        ]
        return ConflictView(
            key=item.idempotency_key,
            number=shown_number(current.id, current.external_id),
            action=self._asker.describe(item.command),
            seen_version=item.base_version,
            current_version=current.version,
            fields=fields,
        )

    def _fields(self) -> list[tuple[str, Callable[[Appeal], str]]]:
        rows = self._w.context.rows

        def category(a: Appeal) -> str:
            return rows.category_name(a.subcategory or a.category)

        def marks(a: Appeal) -> str:
            parts = [] if a.importance is Importance.NORMAL else [importance_label(a.importance)]
            parts.extend(flag_labels(a.flags))
            return ", ".join(parts)

        return [
            (ui_text("Status"), lambda a: status_label(a.status)),
            (ui_text("Theme"), lambda a: rows.theme_name(a.theme)),
            (ui_text("Category"), category),
            (ui_text("Municipality"), lambda a: rows.municipality_name(a.municipality)),
            (ui_text("Responsible body"), lambda a: rows.body_name(a.body)),
            (ui_text("Taken by"), lambda a: rows.person(a.taken_by)),
            (ui_text("Importance, flags"), marks),
            (ui_text("Interim answer"), lambda a: a.interim_answer),
            (ui_text("Final answer"), lambda a: a.answer),
        ]


def _show_quietly(dialog: ConflictDialog) -> None:
    """Show a dialog the sync brought without taking the keyboard from the operator.

    The operator may be typing a search or a note when the conflict arrives: keys
    meant for that must not land in the dialog, where Enter would choose «keep mine»
    unseen. The dialog appears above the window; Ctrl+Shift+K or a click goes to it.
    """
    active = QApplication.activeWindow()
    focus = QApplication.focusWidget()
    dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    dialog.show()
    dialog.raise_()
    if active is not None and active is not dialog:  # platforms that activate anyway
        active.activateWindow()
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
