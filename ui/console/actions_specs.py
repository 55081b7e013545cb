"""The console's operator actions: menu text, shortcut, lifecycle action, what it asks for.

One table, :data:`SPECS`, lists every command of the lifecycle an operator gives
from the console, in the order of the «Обращение» menu (groups separated by None).
Whether an entry is enabled is never decided here: the controller asks
:func:`cur_desktop.domain.lifecycle.allowed_actions` for each selected appeal. The
``ask`` field names the dialog that collects the parameters; ``bulk`` says whether
the command may act on a multi-selection at once (answers and merges are written
for one appeal).

Also here: the refusal codes of the lifecycle and the service in the operator's
words (:func:`refusal_text`). GUI thread (translation).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication

from cur_desktop.domain.enums import Action, Flag

CONTEXT = "AppealActions"


def ui_text(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class Ask(StrEnum):
    NOTHING = "nothing"
    CATEGORISE = "categorise"
    ROUTE = "route"
    REJECT = "reject"
    POSTPONE = "postpone"
    MERGE = "merge"
    ANSWER = "answer"
    INTERIM = "interim"
    NOTE = "note"
    REASON = "reason"  # return for rework, reopen
    QUESTION = "question"  # request information from the citizen
    REDIRECT = "redirect"
    FLAG = "flag"  # toggles a flag: flag or unflag
    IMPORTANCE = "importance"  # toggles high importance
    RATE = "rate"  # the citizen's rating and reaction


@dataclass(frozen=True, slots=True)
class Spec:
    key: str  # the menu action's key
    action: Action
    text: str  # English source text, translated in the AppealActions context
    shortcut: str
    ask: Ask = Ask.NOTHING
    bulk: bool = True
    flag: Flag | None = None


SPECS: tuple[Spec | None, ...] = (
    Spec("take", Action.TAKE, "&Take (mark as mine)", "Ctrl+T"),
    Spec("take_over", Action.TAKE_OVER, "Take o&ver from a colleague", "Ctrl+Shift+G"),
    Spec("release", Action.RELEASE, "Re&lease", "Ctrl+Shift+T"),
    Spec("take_into_work", Action.TAKE_INTO_WORK, "Take &into work", "Ctrl+I"),
    None,
    Spec("categorise", Action.CATEGORISE, "&Categorise…", "Ctrl+K", Ask.CATEGORISE),
    Spec("route", Action.ROUTE, "&Route to a body…", "Ctrl+R", Ask.ROUTE),
    Spec("redirect", Action.REDIRECT, "Re&direct to another organisation…", "Ctrl+Shift+D",
         Ask.REDIRECT),
    None,
    Spec("interim_answer", Action.INTERIM_ANSWER, "I&nterim answer…", "Ctrl+Shift+E", Ask.INTERIM,
         bulk=False),
    Spec("answer", Action.ANSWER, "&Answer…", "Ctrl+E", Ask.ANSWER, bulk=False),
    Spec("request_info", Action.REQUEST_INFO, "Request information from the author…",
         "Ctrl+Shift+I", Ask.QUESTION, bulk=False),
    Spec("info_received", Action.INFO_RECEIVED, "Information received", "Ctrl+Shift+O"),
    Spec("postpone", Action.POSTPONE, "&Postpone the deadline…", "Ctrl+P", Ask.POSTPONE),
    None,
    Spec("return_for_rework", Action.RETURN_FOR_REWORK, "Return for re&work…", "Ctrl+B",
         Ask.REASON, bulk=False),
    Spec("close", Action.CLOSE, "C&lose", "Ctrl+L"),
    Spec("rate", Action.RATE, "Record the citizen's ratin&g…", "Ctrl+G", Ask.RATE, bulk=False),
    Spec("reopen", Action.REOPEN, "Reo&pen…", "Ctrl+Shift+U", Ask.REASON, bulk=False),
    Spec("reject", Action.REJECT, "Re&ject…", "Ctrl+J", Ask.REJECT),
    None,
    Spec("flag_important", Action.FLAG, "Important", "F6", Ask.FLAG, flag=Flag.IMPORTANT),
    Spec("flag_conflict", Action.FLAG, "Conflict situation", "F7", Ask.FLAG, flag=Flag.CONFLICT),
    Spec("flag_disinformation", Action.FLAG, "Disinformation", "F8", Ask.FLAG,
         flag=Flag.DISINFORMATION),
    Spec("flag_resonance", Action.FLAG, "Resonance", "F9", Ask.FLAG, flag=Flag.RESONANCE),
    Spec("flag_repeat", Action.FLAG, "Repeat appeal", "Shift+F9", Ask.FLAG, flag=Flag.REPEAT),
    Spec("importance", Action.SET_IMPORTANCE, "&High importance", "Ctrl+H", Ask.IMPORTANCE),
    None,
    Spec("merge", Action.MERGE, "&Merge into a duplicate…", "Ctrl+M", Ask.MERGE, bulk=False),
    Spec("note", Action.ADD_NOTE, "Add a &note…", "Ctrl+N", Ask.NOTE),
)  # fmt: skip

BY_KEY: Mapping[str, Spec] = {s.key: s for s in SPECS if s is not None}

#: The flag names of the lifecycle (handlers.FLAG_NAMES) by flag.
FLAG_PARAM: Mapping[Flag, str] = {
    Flag.CONFLICT: "conflict",
    Flag.DISINFORMATION: "disinformation",
    Flag.REPEAT: "repeat",
    Flag.RESONANCE: "resonance",
    Flag.IMPORTANT: "important",
}

_REFUSALS = {
    "forbidden_role": "your role may not do this",
    "wrong_status": "not possible in the appeal's current status",
    "missing_param": "something required was not given",
    "invalid_param": "a value was not accepted",
    "too_long": "a text is longer than %1 characters",
    "unknown_code": "a code is not in the region's dictionaries",
    "taken_by_other": "the appeal is taken by %1",
    "holder_active": "%1 has worked on it within the last %2 working hours",
    "heads_only": "the appeal is taken by %1; only a head may take it over",
    "not_taken": "the appeal is not taken by anyone",
    "already_paused": "the deadline is already paused",
    "not_paused": "the deadline is not paused",
    "needs_theme": "categorise the appeal first",
    "out_of_scope": "the appeal is outside your scope",
    "leaves_scope": "the appeal would leave your scope: ask someone whose scope covers both",
    "not_found": "the appeal no longer exists on the service",
    "stale_version": "the appeal was changed by someone else",
    # an unknown action or a malformed request: the workstation and the service disagree
    # about the protocol (an older application), never something the operator can fix
    "bad_request": "the service could not read the request: the application may be outdated",
}


def refusal_text(code: str, params: Mapping[str, Any] | None = None) -> str:
    """Why the service refused a command, in the operator's words."""
    text = _REFUSALS.get(code)
    if text is None:
        return ui_text("refused by the service (%1)").replace("%1", code)
    if code == "too_long":
        limit = (params or {}).get("limit")
        return ui_text(text).replace(
            "%1", f"{limit:,}".replace(",", "\u00a0") if isinstance(limit, int) else "?"
        )
    # the holder by the name people know them by (the service adds it), else the login
    taken_by = str((params or {}).get("taken_by_name") or (params or {}).get("taken_by") or "")
    hours = (params or {}).get("idle_hours")
    text = ui_text(text).replace("%2", f"{hours:g}" if isinstance(hours, (int, float)) else "?")
    return text.replace("%1", taken_by or ui_text("someone else"))


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("AppealActions", "&Take (mark as mine)")
    QCoreApplication.translate("AppealActions", "Re&lease")
    QCoreApplication.translate("AppealActions", "Take o&ver from a colleague")
    QCoreApplication.translate(
        "AppealActions", "%1 has worked on it within the last %2 working hours"
    )
    QCoreApplication.translate(
        "AppealActions", "the appeal is taken by %1; only a head may take it over"
    )
    QCoreApplication.translate("AppealActions", "Take &into work")
    QCoreApplication.translate("AppealActions", "&Categorise…")
    QCoreApplication.translate("AppealActions", "&Route to a body…")
    QCoreApplication.translate("AppealActions", "Re&direct to another organisation…")
    QCoreApplication.translate("AppealActions", "I&nterim answer…")
    QCoreApplication.translate("AppealActions", "&Answer…")
    QCoreApplication.translate("AppealActions", "Request information from the author…")
    QCoreApplication.translate("AppealActions", "Information received")
    QCoreApplication.translate("AppealActions", "&Postpone the deadline…")
    QCoreApplication.translate("AppealActions", "Return for re&work…")
    QCoreApplication.translate("AppealActions", "C&lose")
    QCoreApplication.translate("AppealActions", "Record the citizen's ratin&g…")
    QCoreApplication.translate("AppealActions", "Reo&pen…")
    QCoreApplication.translate("AppealActions", "Re&ject…")
    QCoreApplication.translate("AppealActions", "Important")
    QCoreApplication.translate("AppealActions", "Conflict situation")
    QCoreApplication.translate("AppealActions", "Disinformation")
    QCoreApplication.translate("AppealActions", "Resonance")
    QCoreApplication.translate("AppealActions", "Repeat appeal")
    QCoreApplication.translate("AppealActions", "&High importance")
    QCoreApplication.translate("AppealActions", "&Merge into a duplicate…")
    QCoreApplication.translate("AppealActions", "Add a &note…")
    QCoreApplication.translate("AppealActions", "your role may not do this")
    QCoreApplication.translate("AppealActions", "not possible in the appeal's current status")
    QCoreApplication.translate("AppealActions", "something required was not given")
    QCoreApplication.translate("AppealActions", "a value was not accepted")
    QCoreApplication.translate("AppealActions", "a text is longer than %1 characters")
    QCoreApplication.translate("AppealActions", "a code is not in the region's dictionaries")
    QCoreApplication.translate("AppealActions", "the appeal is taken by %1")
    QCoreApplication.translate("AppealActions", "the appeal is not taken by anyone")
    QCoreApplication.translate("AppealActions", "the deadline is already paused")
    QCoreApplication.translate("AppealActions", "the deadline is not paused")
    QCoreApplication.translate("AppealActions", "categorise the appeal first")
    QCoreApplication.translate("AppealActions", "the appeal is outside your scope")
    QCoreApplication.translate(
        "AppealActions", "the appeal would leave your scope: ask someone whose scope covers both"
    )
    QCoreApplication.translate("AppealActions", "the appeal no longer exists on the service")
    QCoreApplication.translate("AppealActions", "the appeal was changed by someone else")
    QCoreApplication.translate(
        "AppealActions", "the service could not read the request: the application may be outdated"
    )
    QCoreApplication.translate("AppealActions", "refused by the service (%1)")
    QCoreApplication.translate("AppealActions", "someone else")
    QCoreApplication.translate("AppealActions", "Registration")
    QCoreApplication.translate("AppealActions", "The caller too («я тоже»)")
    QCoreApplication.translate("AppealActions", "Take — taken by %1")
    QCoreApplication.translate("AppealActions", "Select at most %1 appeals for one action")
    QCoreApplication.translate("AppealActions", "%1: stored, sending to the service…")
    QCoreApplication.translate(
        "AppealActions", "%1: stored; it will be sent when the service is back"
    )
    QCoreApplication.translate("AppealActions", "Already taken by a colleague, left alone: %1")
    QCoreApplication.translate("AppealActions", "№ %1: «%2» was not done: %3")
    QCoreApplication.translate("AppealActions", "Waiting for the service to confirm: %1")
    QCoreApplication.translate("AppealActions", "Taken by %1: they are working on it")
    QCoreApplication.translate("AppealActions", "Remove the flag")
    QCoreApplication.translate("AppealActions", "into appeal %1")
    QCoreApplication.translate("AppealActions", "Status")
    QCoreApplication.translate("AppealActions", "Theme")
    QCoreApplication.translate("AppealActions", "Category")
    QCoreApplication.translate("AppealActions", "Municipality")
    QCoreApplication.translate("AppealActions", "Responsible body")
    QCoreApplication.translate("AppealActions", "Taken by")
    QCoreApplication.translate("AppealActions", "Importance, flags")
    QCoreApplication.translate("AppealActions", "Interim answer")
    QCoreApplication.translate("AppealActions", "Final answer")
    QCoreApplication.translate(
        "AppealActions", "Changed on the service while your action waited: choose a version"
    )
    QCoreApplication.translate("AppealActions", "Resolve &conflicts…")
    QCoreApplication.translate(
        "AppealActions", "Still looking for possible duplicates: try again in a moment"
    )
