"""The «Обращение» menu's operator actions: enabled by the lifecycle, submitted to the outbox.

:class:`AppealActions` puts every :data:`~ui.console.actions_specs.SPECS` entry into
the window's appeal menu with its shortcut, and keeps each one enabled only when
:func:`~cur_desktop.domain.lifecycle.allowed_actions` allows it for every selected
appeal and the operator's role — on the appeal as it will be once the operator's
own unconfirmed commands are applied (:func:`ui.console.actions.projected`), so a
route follows a categorise without waiting for the service.

Triggering an action opens its dialog (window-modal, non-blocking: ``open()``), and
the confirmed command goes to :class:`~ui.console.actions.ActionSubmitter`. What the
service makes of it is read back from the outbox whenever the cache changes
(:meth:`AppealActions.refresh`): pending appeals are marked in the table and the
detail pane, refusals are said in the status bar and the detail pane, conflicts
open :class:`~widgets.action_dialogs_conflict.ConflictDialog`.

GUI thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from cur_desktop.cache import OutboxItem, OutboxState
from cur_desktop.cache.queries.related import RelatedAppeal
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Action, Importance
from cur_desktop.domain.lifecycle import Command, TransitionRefused, allowed_actions, check
from cur_desktop.domain.numbers import shown_number
from ui.console.action_host import ActionHost
from ui.console.actions import pending_ids, projected
from ui.console.actions_ask import Asker
from ui.console.actions_conflict import ConflictPresenter
from ui.console.actions_specs import BY_KEY, FLAG_PARAM, SPECS, Ask, Spec, refusal_text, ui_text
from ui.shortcuts_dialog import SHORTCUT_NAME

log = logging.getLogger(__name__)

MAX_BULK = 1000  # a multi-selection larger than this is refused with a message
MESSAGE_MS = 15_000


class AppealActions(QObject):
    """Operator actions of one console window."""

    def __init__(self, window: ActionHost) -> None:
        super().__init__(window.window())
        self._w = window
        self._ctx = window.context
        self.submitter = window.actions
        self.asker = Asker(self._ctx, self.submitter, window.window())
        self.conflicts = ConflictPresenter(window, self.asker)
        self.qactions: dict[str, QAction] = {}
        self.dialog: QDialog | None = None  # the open parameter dialog (tests, screenshots)
        self._watching: dict[str, None] = {}  # pending outbox keys, until settled
        self._notices: dict[int, str] = {}  # appeal id -> what went wrong with its command
        self._pending: frozenset[int] = frozenset()
        self._conflicted: frozenset[int] = frozenset()  # appeals with a conflict undecided
        self._appeals: list[Appeal] = []  # the selection as it will be (projected)

        menus = window.menus
        menus.separator("appeal")
        for spec in SPECS:
            if spec is None:
                menus.separator("appeal")
                continue
            action = menus.add(
                "appeal",
                spec.key,
                ui_text(spec.text),
                spec.shortcut,
                partial(self.trigger, spec.key),
            )
            action.setCheckable(spec.ask in (Ask.FLAG, Ask.IMPORTANCE))
            # the list of shortcuts (F1) names it so, whatever the selection makes its text
            action.setProperty(SHORTCUT_NAME, ui_text(spec.text))
            self.qactions[spec.key] = action
        menus.separator("appeal")
        self.qactions["conflicts"] = menus.add(
            "appeal",
            "conflicts",
            ui_text("Resolve &conflicts…"),
            "Ctrl+Shift+K",
            self.show_conflicts,
        )
        window.queue.table.selectionModel().selectionChanged.connect(lambda *_: self.update())
        self.submitter.submitted.connect(self._submitted)
        self.refresh()

    # -- state of the menu ---------------------------------------------------------------

    def targets(self) -> list[int]:
        """The selected appeals; the detail pane's alone when it shows one not selected
        (opened from a link, or gone from the queue after the last action)."""
        ids = self._w.selected_ids()
        record = self._w.detail.record()
        if record is not None and record.appeal.id not in ids:
            return [record.appeal.id]
        return ids

    def update(self) -> None:
        """Enable, check and name the actions for the current selection."""
        ids = self.targets()[: MAX_BULK + 1]
        ctx = self._ctx
        login, role = ctx.identity.login, ctx.identity.role
        now = ctx.clock()
        waiting = self.submitter.waiting(ids) if ids else {}
        cached = ctx.cache.appeals.get_many(ids) if ids else []
        self._appeals = [
            projected(a, waiting.get(a.id, []), actor=login, role=role, now=now,
                      dicts=ctx.dictionaries)
            for a in cached
        ]  # fmt: skip
        allowed = [set(allowed_actions(a, role, login)) for a in self._appeals]
        many = len(self._appeals) > 1
        self.qactions["conflicts"].setEnabled(bool(self._conflicted))
        for key, action in self.qactions.items():
            spec = BY_KEY.get(key)
            if spec is None:
                continue
            ok = bool(allowed) and len(ids) <= MAX_BULK and (spec.bulk or not many)
            ok = ok and all(spec.action in a for a in allowed)
            action.setEnabled(ok)
            if spec.flag is not None:
                action.setChecked(
                    bool(self._appeals) and all(spec.flag in a.flags for a in self._appeals)
                )
            elif spec.ask is Ask.IMPORTANCE:
                action.setChecked(
                    bool(self._appeals)
                    and all(a.importance is Importance.HIGH for a in self._appeals)
                )
        take = self.qactions["take"]
        other = self._taken_by_other()
        take.setText(
            ui_text("Take — taken by %1").replace("%1", other)
            if other
            else ui_text(BY_KEY["take"].text)
        )
        if other and not take.isEnabled() and self._may_take_but_for_colleagues():
            take.setEnabled(True)  # pressing it says who has the appeal (and takes the rest)
        self._show_notice()

    def _may_take_but_for_colleagues(self) -> bool:
        """The lifecycle would allow "take" on every selected appeal, were it not taken."""
        role = self._ctx.identity.role
        try:
            for appeal in self._appeals:
                check(appeal, Action.TAKE, role)
        except TransitionRefused:
            return False
        return bool(self._appeals)

    def _taken_by_other(self) -> str:
        me = self._ctx.identity.login
        others = sorted(
            {self._ctx.person(a.taken_by) for a in self._appeals if a.taken_by and a.taken_by != me}
        )
        return ", ".join(others)

    # -- triggering ------------------------------------------------------------------------

    def trigger(self, key: str) -> None:
        """Run the action ``key`` on the selection (asking for parameters first)."""
        spec = BY_KEY[key]
        self.update()
        if not self.qactions[key].isEnabled() or not self._appeals:
            if len(self.targets()) > MAX_BULK:
                self._say(
                    ui_text("Select at most %1 appeals for one action").replace("%1", str(MAX_BULK))
                )
            return
        appeals = list(self._appeals)
        if spec.action in (Action.TAKE, Action.TAKE_INTO_WORK):
            appeals = self._skip_taken(appeals)
            if not appeals:
                return
        if spec.ask is Ask.FLAG:
            self._toggle_flag(spec, appeals)
            return
        if spec.ask is Ask.IMPORTANCE:
            high = all(a.importance is Importance.HIGH for a in appeals)
            value = Importance.NORMAL if high else Importance.HIGH
            self.submit(appeals, Command.of(spec.action, importance=value.value))
            return
        related = self._related(appeals[0])
        if spec.ask is Ask.MERGE and related is None:
            self._say(ui_text("Still looking for possible duplicates: try again in a moment"))
            return
        dialog = self.asker.dialog(spec, appeals, related or ())
        if dialog is None:
            self.submit(appeals, self.asker.command(spec, None))
            return
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.submit(appeals, self.asker.command(spec, dialog)))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def submit(self, appeals: Sequence[Appeal], command: Command) -> list[str]:
        for appeal in appeals:
            self._notices.pop(appeal.id, None)
        keys = self.submitter.submit([a.id for a in appeals], command)
        said = (
            "%1: stored, sending to the service…"
            if self._w.status.is_online()
            else "%1: stored; it will be sent when the service is back"
        )
        self._w.status.showMessage(
            ui_text(said).replace("%1", self.asker.describe(command)), MESSAGE_MS
        )
        return keys

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self._w.activateWindow()  # back to the queue, where the shortcuts work
        self.update()

    def _toggle_flag(self, spec: Spec, appeals: list[Appeal]) -> None:
        assert spec.flag is not None
        name = FLAG_PARAM[spec.flag]
        if all(spec.flag in a.flags for a in appeals):
            self.submit(appeals, Command.of(Action.UNFLAG, flag=name))
        else:
            lacking = [a for a in appeals if spec.flag not in a.flags]
            self.submit(lacking, Command.of(Action.FLAG, flag=name))

    def _skip_taken(self, appeals: list[Appeal]) -> list[Appeal]:
        """Appeals someone else has taken are left alone, and the operator is told."""
        me = self._ctx.identity.login
        taken = [a for a in appeals if a.taken_by and a.taken_by != me]
        if taken:
            names = ", ".join(
                f"№ {shown_number(a.id, a.external_id)} — {self._ctx.person(a.taken_by)}"
                for a in taken[:5]
            )
            self._say(ui_text("Already taken by a colleague, left alone: %1").replace("%1", names))
        return [a for a in appeals if a not in taken]

    def _related(self, appeal: Appeal) -> list[RelatedAppeal] | None:
        """Possible duplicates the detail pane found (None: still looking)."""
        record = self._w.detail.record()
        if record is None or record.appeal.id != appeal.id:
            return []
        return None if record.related is None else list(record.related)

    def show_conflicts(self) -> None:
        """Open the dialog of every conflict still undecided (also those put off)."""
        for item in self.submitter.waiting().values():
            for conflict in item:
                if conflict.state is OutboxState.CONFLICT:
                    self.conflicts.show(conflict, again=True)

    # -- what the service made of it -------------------------------------------------------

    def _submitted(self, keys: list[str]) -> None:
        """Whoever stored them (this menu or another part of the console), follow them."""
        self._watching.update(dict.fromkeys(keys))
        self.refresh()

    def refresh(self) -> None:
        """Read the outbox again: pending marks, refusals, conflicts; then the menu."""
        # a first sync may only now have told the cache who is signed in
        self.submitter.actor = self._ctx.identity.login or self.submitter.actor
        waiting = self.submitter.waiting()
        # follow every pending command of this operator, not only those stored in this
        # window: one stored before a restart is refused or conflicts after it
        self._watching.update(
            (item.idempotency_key, None)
            for items in waiting.values()
            for item in items
            if item.state is OutboxState.PENDING
        )
        pending = pending_ids(waiting)
        self._conflicted = pending_ids(waiting, OutboxState.CONFLICT)
        if pending != self._pending:
            self._pending = pending
            self._w.queue.model.set_pending(pending)
        settled = self.submitter.states(self._watching)
        for key, item in settled.items():
            if item.state is OutboxState.PENDING:
                continue
            self._watching.pop(key, None)
            if item.state is OutboxState.REFUSED:
                self._refused(item)
            elif item.state is OutboxState.CONFLICT:
                self.conflicts.show(item)
        self.update()

    def _refused(self, item: OutboxItem) -> None:
        result = item.result or {}
        reason = refusal_text(str(result.get("error") or ""), result.get("params"))
        appeal = self._ctx.cache.appeals.get(item.appeal_id)
        number = (
            shown_number(appeal.id, appeal.external_id)
            if appeal is not None
            else str(item.appeal_id)
        )
        text = (
            ui_text("№ %1: «%2» was not done: %3")
            .replace("%1", number)
            .replace("%2", self.asker.describe(item.command))
            .replace("%3", reason)
        )
        self._notices[item.appeal_id] = text
        self._say(text)

    def _say(self, text: str) -> None:
        self._w.status.showMessage(text, MESSAGE_MS)

    def _show_notice(self) -> None:
        record = self._w.detail.record()
        if record is None:
            self._w.detail.set_notice("")
            return
        appeal_id = record.appeal.id
        if appeal_id in self._notices:
            self._w.detail.set_notice(self._notices[appeal_id], warning=True)
        elif appeal_id in self._conflicted:
            text = ui_text("Changed on the service while your action waited: choose a version")
            self._w.detail.set_notice(text, warning=True)
        elif appeal_id in self._pending:
            waiting = self.submitter.waiting_for(appeal_id)
            what = "; ".join(self.asker.describe(i.command) for i in waiting[:3])
            self._w.detail.set_notice(
                ui_text("Waiting for the service to confirm: %1").replace("%1", what)
            )
        else:
            other = record.appeal.taken_by
            if other and other != self._ctx.identity.login:
                self._w.detail.set_notice(
                    ui_text("Taken by %1: they are working on it").replace(
                        "%1", self._ctx.person(other)
                    )
                )
            else:
                self._w.detail.set_notice("")

    def close_dialogs(self) -> None:
        """Close the open parameter and conflict dialogs (the window is closing)."""
        if self.dialog is not None:
            self.dialog.reject()
        self.conflicts.close_all()
