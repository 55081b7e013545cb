"""From an action and the selected appeals to the dialog that asks for its parameters.

:class:`Asker` builds the right dialog for a :class:`~ui.console.actions_specs.Spec`
with the choices worked out from the cache's dictionaries (bodies that serve every
selected appeal's theme and municipality; templates of the appeal's theme with the
placeholders filled from it; possible duplicates the detail pane found) and turns
the confirmed dialog into a :class:`~cur_desktop.domain.lifecycle.Command`.
:func:`describe` puts a stored command back into words (conflicts, refusals).

Personal data: the author's name fills ``{author_name}`` only for roles that may
see it (the context's ``masked``); otherwise the gap stays visible.

An answer the operator wrote and then cancelled is kept as a draft for the window's
lifetime (:attr:`Asker.drafts`) and is what the editor opens on next time.

GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QTimeZone
from PySide6.QtWidgets import QDialog, QWidget

from cur_desktop.cache.queries.related import RelatedAppeal
from cur_desktop.domain.appeal import Appeal, JsonScalar
from cur_desktop.domain.dictionaries import AnswerTemplate, template_values
from cur_desktop.domain.enums import Action
from cur_desktop.domain.lifecycle import Command
from cur_desktop.domain.numbers import display_number, shown_number
from ui.console.actions import ActionSubmitter
from ui.console.actions_specs import BY_KEY, FLAG_PARAM, Ask, Spec, ui_text
from ui.console.console_context import ConsoleContext
from widgets.action_dialogs import (
    ActionDialog,
    MergeDialog,
    PostponeDialog,
    RejectDialog,
    RouteDialog,
    TextDialog,
)
from widgets.action_dialogs_categorise import CategoriseDialog, path_code
from widgets.action_dialogs_choice import Choice
from widgets.action_dialogs_outcome import RateDialog, RedirectDialog
from widgets.answer_editor import AnswerEditor
from widgets.labels import flag_label, reaction_label, status_label

MAX_ORGANISATIONS = 300  # a region redirects to dozens of organisations, not thousands


def plain(text: str) -> str:
    """A menu text without its mnemonic and ellipsis."""
    return text.replace("&", "").rstrip("…")


class Asker:
    """Dialogs for one console context; ``dialog()`` returns an unopened dialog or None."""

    def __init__(
        self, context: ConsoleContext, submitter: ActionSubmitter, parent: QWidget
    ) -> None:
        self._ctx = context
        self._submitter = submitter
        self._parent = parent
        # answers written and then cancelled (Esc, Cancel), by appeal and action: the
        # editor opens on them again, so a stray Esc never throws a long answer away
        self.drafts: dict[tuple[int, Action], str] = {}

    def summary(self, appeals: Sequence[Appeal]) -> str:
        if len(appeals) == 1:
            a = appeals[0]
            title = a.title or a.text[:80]
            return f"№ {shown_number(a.id, a.external_id)} — {title}"
        return QCoreApplication.translate(
            CONTEXT_DIALOGS, "%n appeal(s) selected", "", len(appeals)
        )

    def dialog(
        self, spec: Spec, appeals: Sequence[Appeal], related: Sequence[RelatedAppeal] = ()
    ) -> QDialog | None:
        """The dialog asking for ``spec``'s parameters; None when it asks nothing."""
        d = self._ctx.dictionaries
        summary = self.summary(appeals)
        first = appeals[0]
        parent = self._parent
        ask = spec.ask
        if ask is Ask.CATEGORISE and d is not None:
            same = len({a.municipality for a in appeals}) == 1
            return CategoriseDialog(
                d,
                summary,
                current_path=path_code(first.theme, first.category, first.subcategory)
                if len(appeals) == 1
                else "",
                current_municipality=first.municipality if same else None,
                parent=parent,
            )
        if ask is Ask.ROUTE:
            return RouteDialog(self.bodies(appeals), summary, first.body, parent)
        if ask is Ask.REJECT:
            reasons = [Choice(r.code, r.name) for r in d.rejection_reasons] if d else []
            return RejectDialog(reasons, summary, parent)
        if ask is Ask.POSTPONE:
            zone = QTimeZone(self._ctx.sla.time_zone.encode())
            deadline = self._ctx.deadline_of(first, self._ctx.clock())
            current = deadline.state.due_at if deadline is not None else first.postponed_to
            return PostponeDialog(
                summary, current=current, now=self._ctx.clock(), time_zone=zone, parent=parent
            )
        if ask is Ask.REDIRECT:
            return RedirectDialog(self.organisations(), summary, parent)
        if ask is Ask.RATE:
            same = len(appeals) == 1
            return RateDialog(
                summary,
                rating=first.satisfaction_rating if same else None,
                reaction=first.satisfaction_reaction if same else None,
                parent=parent,
            )
        if ask is Ask.MERGE:
            choices = [
                Choice(
                    str(r.appeal_id),
                    f"№ {display_number(r.appeal_id)} — {r.title} ({status_label(r.status)})",
                    keywords=f"{display_number(r.appeal_id)} {r.number}",
                )
                for r in related
                if r.appeal_id != first.id
            ]
            return MergeDialog(choices, summary, parent)
        if ask in (Ask.ANSWER, Ask.INTERIM):
            interim = ask is Ask.INTERIM
            text = self._submitter.unsent_text(first.id, spec.action) or (
                first.interim_answer if interim else first.answer
            )
            key = (first.id, spec.action)
            editor = AnswerEditor(
                self.templates(first, interim=interim),
                self.values(first),
                interim=interim,
                summary=summary,
                text=self.drafts.get(key) or text,
                parent=parent,
            )
            editor.finished.connect(lambda result: self._keep_draft(key, editor, text, result))
            return editor
        texts = {
            Ask.NOTE: ("Note", "Add", "Note for colleagues:", "text", "Write the note"),
            Ask.REASON: ("Reason", "OK", "Reason:", "reason", "Give the reason"),
            Ask.QUESTION: (
                "Request information",
                "Send the request",
                "What the author should add:",
                "text",
                "Write what is needed",
            ),
        }
        if ask in texts:
            title, ok, label, param, missing = texts[ask]
            return TextDialog(
                plain(ui_text(spec.text)) if ask is Ask.REASON else _td(title),
                _td(ok),
                summary,
                label=_td(label),
                param=param,
                missing=_td(missing),
                parent=parent,
            )
        return None

    def _keep_draft(
        self, key: tuple[int, Action], editor: AnswerEditor, start: str, result: int
    ) -> None:
        written = editor.editor.toPlainText()
        if result == QDialog.DialogCode.Accepted or written.strip() == start.strip():
            self.drafts.pop(key, None)  # sent, or nothing of the operator's own to keep
        else:
            self.drafts[key] = written

    # -- choices ----------------------------------------------------------------------------

    def bodies(self, appeals: Sequence[Appeal]) -> list[Choice]:
        """Bodies serving every selected appeal's theme and municipality."""
        d = self._ctx.dictionaries
        if d is None:
            return []
        out = []
        for body in d.bodies:
            if all(body.serves(a.theme, a.municipality) for a in appeals):
                name = f"{body.short_name} — {body.name}" if body.short_name else body.name
                out.append(Choice(body.code, name))
        return out

    def organisations(self) -> list[str]:
        """Organisations appeals were redirected to before, the most used first."""
        return self._ctx.cache.appeals.redirect_targets(MAX_ORGANISATIONS)

    def templates(self, appeal: Appeal, *, interim: bool) -> list[AnswerTemplate]:
        d = self._ctx.dictionaries
        if d is None:
            return []
        fit = d.templates_for(appeal.theme)
        same_kind = [t for t in fit if t.interim == interim]
        return list(same_kind or fit)

    def values(self, appeal: Appeal) -> dict[str, str]:
        """Placeholder values of one appeal, in the region's time zone."""
        rows = self._ctx.rows
        zone = ZoneInfo(self._ctx.sla.time_zone)
        deadline = self._ctx.deadline_of(appeal, self._ctx.clock())
        due = deadline.state.due_at if deadline is not None else appeal.due_at
        address = "" if (self._ctx.masked and appeal.address_is_private) else appeal.address
        return template_values(
            number=appeal.external_id or str(appeal.id),
            created_at=appeal.created_at.astimezone(zone),
            address=address,
            municipality=rows.municipality_name(appeal.municipality) if appeal.municipality else "",
            body=rows.body_name(appeal.body),
            category=rows.category_name(appeal.subcategory or appeal.category),
            deadline=due.astimezone(zone) if due else None,
            author_name="" if self._ctx.masked else appeal.author.name,
        )

    def command(self, spec: Spec, dialog: QDialog | None) -> Command:
        """The command of a confirmed dialog (or of an action that asks nothing)."""
        if isinstance(dialog, AnswerEditor):
            params: dict[str, JsonScalar] = {"text": dialog.text()}
            if dialog.template_code():
                params["template"] = dialog.template_code()
            return Command(spec.action, params)
        if isinstance(dialog, ActionDialog):
            return Command(spec.action, dialog.params())
        return Command(spec.action, {})

    def describe(self, command: Command) -> str:
        """A stored command in words: «Направить в орган: Минтранс»."""
        rows = self._ctx.rows
        d = self._ctx.dictionaries
        p = command.params
        spec = next((s for s in BY_KEY.values() if s.action is command.action), None)
        name = plain(ui_text(spec.text)) if spec is not None else command.action.value
        if command.action is Action.CREATE:  # not a menu action: the registration form's
            name = ui_text("Registration")
        elif command.action is Action.ME_TOO:
            name = ui_text("The caller too («я тоже»)")
        detail = ""
        a = command.action
        if a is Action.CATEGORISE:
            parts = [rows.theme_name(_s(p.get("theme")))]
            category = _s(p.get("subcategory")) or _s(p.get("category"))
            if category:
                parts.append(rows.category_name(category))
            detail = " › ".join(parts)
        elif a is Action.ROUTE:
            detail = rows.body_name(_s(p.get("body")))
        elif a is Action.REJECT:
            found = d.rejection_reason(_s(p.get("reason"))) if d else None
            detail = found.name if found else _s(p.get("reason"))
        elif a in (Action.FLAG, Action.UNFLAG):
            flag = {v: k for k, v in FLAG_PARAM.items()}.get(_s(p.get("flag")))
            detail = flag_label(flag) if flag is not None else _s(p.get("flag"))
            if a is Action.UNFLAG:
                name = ui_text("Remove the flag")
        elif a is Action.RATE:
            rating, reaction = p.get("rating"), p.get("reaction")
            parts = [f"{rating}/5"] if rating is not None else []
            if reaction is not None:
                parts.append(reaction_label(_s(reaction)))
            detail = ", ".join(parts)
        elif a is Action.MERGE:
            detail = ui_text("into appeal %1").replace("%1", _s(p.get("into")))
        elif a is Action.POSTPONE and p.get("until"):
            zone = ZoneInfo(self._ctx.sla.time_zone)
            until = datetime.fromisoformat(_s(p.get("until"))).astimezone(zone)
            detail = until.strftime("%d.%m.%Y %H:%M") + " — " + _s(p.get("reason"))
        else:
            for key in ("text", "reason", "to", "importance"):
                if p.get(key):
                    detail = _s(p.get(key))
                    break
        if len(detail) > 160:
            detail = detail[:159] + "…"
        return f"{name}: {detail}" if detail else name


CONTEXT_DIALOGS = "ActionDialogs"


def _td(text: str) -> str:
    return QCoreApplication.translate(CONTEXT_DIALOGS, text)


def _s(value: object) -> str:
    return "" if value is None else str(value)


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("ActionDialogs", "Note")
    QCoreApplication.translate("ActionDialogs", "Add")
    QCoreApplication.translate("ActionDialogs", "Note for colleagues:")
    QCoreApplication.translate("ActionDialogs", "Write the note")
    QCoreApplication.translate("ActionDialogs", "Reason")
    QCoreApplication.translate("ActionDialogs", "OK")
    QCoreApplication.translate("ActionDialogs", "Reason:")
    QCoreApplication.translate("ActionDialogs", "Give the reason")
    QCoreApplication.translate("ActionDialogs", "Request information")
    QCoreApplication.translate("ActionDialogs", "Send the request")
    QCoreApplication.translate("ActionDialogs", "What the author should add:")
    QCoreApplication.translate("ActionDialogs", "Write what is needed")
    QCoreApplication.translate("ActionDialogs", "%n appeal(s) selected", "", 1)
