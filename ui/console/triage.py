"""«Triage…» (F2): take, categorise and route the selected appeal in one dialog.

The dialog (:class:`~widgets.triage_dialog.TriageDialog`) opens pre-filled with the
suggestions the appeal carries (computed by the central service from the region's
history and synced with it), so an appeal whose suggestions are right takes F2 and
Enter. What the operator accepts becomes the same commands the separate actions
store — take, categorise, route and, for a macro, the answer from its template — in
that order, through :meth:`~ui.console.actions_menu.AppealActions.submit` into the
outbox (chained on one another's versions, offline too).

The region's macros are read from its pack (``macros.json``, validated against the
dictionaries; a broken file is said in the status bar and leaves the dialog without
macros). GUI thread only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog

from cur_desktop.domain.appeal import Appeal, evolve
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Action, Status
from cur_desktop.domain.lifecycle import Command, allowed_actions
from cur_desktop.suggest.category_search import path_code
from cur_desktop.suggest.macros import Macro, MacroError, load_macros
from ui.console.action_host import ActionHost
from ui.console.actions import projected
from ui.console.actions_menu import MESSAGE_MS, AppealActions
from widgets.triage_dialog import TriageChoice, TriageDialog, TriageSetup

log = logging.getLogger(__name__)

CONTEXT = "TriageAction"
SHORTCUT = "F2"
_PLACEHOLDER_OPEN = "{"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def region_macros(dicts: Dictionaries) -> tuple[Macro, ...]:
    """The macros of the region's pack (for now the built-in one, as the SLA rules)."""
    from cur_desktop.regions.pack import builtin_pack_dir

    return load_macros(builtin_pack_dir(), dicts)


class TriageAction(QObject):
    """The «Triage…» entry of the «Обращение» menu and what its dialog submits."""

    def __init__(self, window: ActionHost, actions: AppealActions) -> None:
        super().__init__(window.window())
        self._w = window
        self._ctx = window.context
        self._actions = actions
        self.dialog: TriageDialog | None = None  # the open dialog (tests, screenshots)
        self.qaction = window.menus.add(
            "appeal", "triage", _t("T&riage: take, categorise, route…"), SHORTCUT, self.open
        )
        self.macro_problem = ""
        self._macros: tuple[Dictionaries | None, tuple[Macro, ...]] = (None, ())

    def macros(self) -> tuple[Macro, ...]:
        dicts = self._ctx.dictionaries
        if dicts is None:
            return ()
        if self._macros[0] is not dicts:
            try:
                self._macros = (dicts, region_macros(dicts))
                self.macro_problem = ""
            except MacroError as exc:
                self._macros = (dicts, ())
                self.macro_problem = str(exc)
                log.warning("triage macros not loaded: %s", exc)
        return self._macros[1]

    def _appeal(self) -> Appeal | None:
        """The one appeal shown (as it will be once this operator's commands apply)."""
        ids = self._actions.targets()
        if len(ids) != 1:
            return None
        cached = self._ctx.cache.appeals.get(ids[0])
        if cached is None:
            return None
        ctx = self._ctx
        return projected(
            cached,
            self._actions.submitter.waiting_for(cached.id),
            actor=ctx.identity.login,
            role=ctx.identity.role,
            now=ctx.clock(),
            dicts=ctx.dictionaries,
        )

    def open(self) -> None:
        dicts = self._ctx.dictionaries
        appeal = self._appeal()
        if dicts is None or appeal is None:
            self._say(_t("Select one appeal to triage"))
            return
        me, role = self._ctx.identity.login, self._ctx.identity.role
        allowed = set(allowed_actions(appeal, role, me))
        if Action.CATEGORISE not in allowed or Action.ROUTE not in allowed:
            self._say(_t("This appeal cannot be categorised and routed now"))
            return
        other = appeal.taken_by if appeal.taken_by and appeal.taken_by != me else ""
        setup = TriageSetup(
            summary=self._actions.asker.summary([appeal]),
            suggestions=appeal.suggestions,
            current_path=path_code(appeal.theme, appeal.category, appeal.subcategory),
            municipality=appeal.municipality,
            body=appeal.body,
            take=not appeal.taken_by,
            take_note=_t("Taken by %1").replace("%1", other) if other else "",
            macros=self.macros(),
        )
        dialog = TriageDialog(
            dicts,
            setup,
            macro_answer=lambda macro, choice: self._answer(appeal, macro, choice),
            parent=self._w.window(),
        )
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._submit(appeal, dialog))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()
        if self.macro_problem:
            self._say(self.macro_problem)

    def _answer(self, appeal: Appeal, macro: Macro, choice: TriageChoice) -> tuple[str, list[str]]:
        """The macro's template filled for the appeal as the triage leaves it."""
        dicts = self._ctx.dictionaries
        template = dicts.template(macro.template or "") if dicts is not None else None
        if template is None:
            return "", [macro.template or "template"]
        after = evolve(
            appeal,
            {
                "theme": choice.theme,
                "category": choice.category,
                "subcategory": choice.subcategory,
                "municipality": choice.municipality,
                "body": choice.body,
            },
        )
        text = template.render(self._actions.asker.values(after))
        gaps = [p for p in template.placeholders if _PLACEHOLDER_OPEN + p + "}" in text]
        return text, gaps

    def commands(self, appeal: Appeal, choice: TriageChoice, answer: str) -> list[Command]:
        """Take, categorise, route, answer: only what changes the appeal, in that order."""
        out: list[Command] = []
        if choice.take and not appeal.taken_by:
            out.append(Command.of(Action.TAKE))
        path = (choice.theme, choice.category, choice.subcategory, choice.municipality)
        if path != (appeal.theme, appeal.category, appeal.subcategory, appeal.municipality):
            params: dict[str, str] = {"theme": choice.theme}
            if choice.category:
                params["category"] = choice.category
            if choice.subcategory:
                params["subcategory"] = choice.subcategory
            if choice.municipality:
                params["municipality"] = choice.municipality
            out.append(Command(Action.CATEGORISE, dict(params)))
        if choice.body and (choice.body != appeal.body or appeal.status is Status.NEW):
            out.append(Command.of(Action.ROUTE, body=choice.body))
        macro = choice.macro
        if macro is not None and macro.template and answer:
            dicts = self._ctx.dictionaries
            template = dicts.template(macro.template) if dicts is not None else None
            action = Action.INTERIM_ANSWER if template and template.interim else Action.ANSWER
            out.append(Command.of(action, text=answer, template=macro.template))
        return out

    def _submit(self, appeal: Appeal, dialog: TriageDialog) -> None:
        for command in self.commands(appeal, dialog.choice(), dialog.answer_text):
            self._actions.submit([appeal], command)

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self._w.activateWindow()
        self._actions.update()

    def _say(self, text: str) -> None:
        self._w.status.showMessage(text, MESSAGE_MS)


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("TriageAction", "T&riage: take, categorise, route…")
    QCoreApplication.translate("TriageAction", "Select one appeal to triage")
    QCoreApplication.translate("TriageAction", "This appeal cannot be categorised and routed now")
    QCoreApplication.translate("TriageAction", "Taken by %1")
