"""Russian names of the core's closed vocabularies, through Qt's translation system.

The core speaks in codes (``Status.IN_PROGRESS``, ``Action.ROUTE``, ``SlaStatus.AT_RISK``);
every screen shows them through these functions so one translation serves the console,
the wall and exported screenshots. Each vocabulary has its own translation context, so
the same English word may be translated differently in two vocabularies ("Closed" the
status, "Close" the action).

Unknown codes (a newer service sending a value this build does not know) come back as
the code itself rather than raising: a screen must keep working.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from cur_desktop.domain.enums import Action, Flag, Importance, Kind, Reaction, Role, Source, Status
from cur_desktop.sla import SlaStatus

_E = TypeVar("_E", bound=StrEnum)

_STATUS = {
    Status.NEW: "New",
    Status.ROUTED: "Under review",
    Status.IN_PROGRESS: "In progress",
    Status.INTERIM_ANSWER: "Interim answer",
    Status.ANSWERED: "Answered",
    Status.CLOSED: "Closed",
    Status.REJECTED: "Rejected",
    Status.REDIRECTED: "Redirected",
    Status.REOPENED: "Reopened",
}

_IMPORTANCE = {
    Importance.NORMAL: "Normal",
    Importance.HIGH: "High",
    Importance.PRIVATE: "Private message",
}

# Short names: they fill a narrow table column; the detail pane shows the region's
# full channel names from its dictionaries.
_SOURCE = {
    Source.POS: "POS",
    Source.IM: "IM",
    Source.PORTAL: "Portal",
    Source.HOTLINE: "Hotline",
    Source.GOSPUBLIC: "Official pages",
    Source.OPEN311: "Open311",
    Source.RECEPTION: "Reception",
    Source.LETTER: "Letter",
    Source.EMAIL: "E-mail",
    Source.OTHER: "Other channel",
}

_KIND = {
    Kind.APPEAL: "Appeal (59-FZ)",
    Kind.MESSAGE: "Message",
    Kind.INCIDENT: "Social media incident",
}

_SLA = {
    SlaStatus.NORMAL: "On time",
    SlaStatus.AT_RISK: "At risk",
    SlaStatus.OVERDUE: "Overdue",
    SlaStatus.PAUSED: "Paused",
    SlaStatus.DONE: "Done on time",
    SlaStatus.DONE_LATE: "Done late",
}

_FLAG = {
    Flag.IMPORTANT: "Important",
    Flag.CONFLICT: "Conflict",
    Flag.DISINFORMATION: "Disinformation",
    Flag.REPEAT: "Repeat",
    Flag.RESONANCE: "Resonance",
    Flag.NEEDS_CATEGORY: "Needs categorisation",
    Flag.SOURCE_OVERDUE: "Overdue at the platform",  # ПОС «Просрочено» (issue 16)
    Flag.FAST_TRACK: "Fast track",  # ПОС «Фаст-трек» (issue 16)
}

_REACTION = {
    Reaction.SATISFIED: "Author satisfied",
    Reaction.NEUTRAL: "Author neutral",
    Reaction.DISSATISFIED: "Author dissatisfied",
}

_ROLE = {
    Role.OPERATOR: "Operator",
    Role.THEME_HEAD: "Theme block head",
    Role.CUR_HEAD: "Head of the centre",
    Role.CURATOR: "Curator",
    Role.MUNICIPAL_OPERATOR: "Municipal centre operator",
    Role.WALL: "Situation room wall",
    Role.SYSTEM: "System",
}

# History entries name what was done, in the past tense («Направлено»).
_ACTION = {
    Action.CREATE: "Received",
    Action.TAKE: "Taken",
    Action.RELEASE: "Released",
    Action.TAKE_INTO_WORK: "Taken into work",
    Action.TAKE_OVER: "Taken over from a colleague",
    Action.CATEGORISE: "Categorised",
    Action.ROUTE: "Routed",
    Action.POSTPONE: "Deadline postponed",
    Action.REQUEST_INFO: "Information requested",
    Action.INFO_RECEIVED: "Information received",
    Action.INTERIM_ANSWER: "Interim answer given",
    Action.ANSWER: "Answer given",
    Action.RETURN_FOR_REWORK: "Returned for rework",
    Action.CLOSE: "Closed",
    Action.RATE: "Rated by the author",
    Action.REOPEN: "Reopened",
    Action.REJECT: "Rejected",
    Action.REDIRECT: "Redirected",
    Action.FLAG: "Flag set",
    Action.UNFLAG: "Flag removed",
    Action.SET_IMPORTANCE: "Importance changed",
    Action.MERGE: "Merged as a duplicate",
    Action.ADD_NOTE: "Note added",
    Action.ME_TOO: "Reported again («я тоже»)",
    Action.RESOLVE_CONFLICT: "Conflict resolution recorded",
    Action.DISINFO_CASE: "Disinformation case updated",
    Action.MEASURE: "Linked to a measure",
}


def status_label(status: Status) -> str:
    """The status as operators call it («В работе», «Ответ дан», …)."""
    return QCoreApplication.translate("Status", _STATUS[status])


def importance_label(importance: Importance | str) -> str:
    """«Обычная», «Высокая», «ЛС»."""
    return _lookup("Importance", _IMPORTANCE, importance, Importance)


def source_label(source: Source | str) -> str:
    """The channel's short name for a table column («ПОС», «ИМ», …)."""
    return _lookup("Source", _SOURCE, source, Source)


def kind_label(kind: Kind | str) -> str:
    return _lookup("Kind", _KIND, kind, Kind)


def sla_label(status: SlaStatus | str) -> str:
    """Where an appeal stands against its deadline («Под угрозой», «Просрочено», …)."""
    return _lookup("SlaStatus", _SLA, status, SlaStatus)


def reaction_label(reaction: Reaction | str) -> str:
    return _lookup("Reaction", _REACTION, reaction, Reaction)


def role_label(role: Role | str) -> str:
    return _lookup("Role", _ROLE, role, Role)


def action_label(action: Action | str) -> str:
    """A history entry's action in the past tense («Направлено исполнителю», …)."""
    return _lookup("Action", _ACTION, action, Action)


def flag_labels(flags: Flag | int) -> list[str]:
    """Names of the flags set in ``flags``, important first."""
    value = Flag(int(flags))
    return [
        QCoreApplication.translate("Flag", text) for flag, text in _FLAG.items() if flag in value
    ]


def flag_label(flag: Flag) -> str:
    """One flag's name."""
    return QCoreApplication.translate("Flag", _FLAG[flag])


def all_flags() -> tuple[Flag, ...]:
    """The flags an operator can set or filter by, in display order."""
    return tuple(_FLAG)


def _lookup(context: str, table: dict[_E, str], value: _E | str, enum: type[_E]) -> str:
    try:
        key = enum(value)
    except ValueError:
        return str(value)
    return QCoreApplication.translate(context, table[key])


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("Flag", "Overdue at the platform")
    QCoreApplication.translate("Flag", "Fast track")
    QCoreApplication.translate("Status", "New")
    QCoreApplication.translate("Status", "Under review")
    QCoreApplication.translate("Status", "In progress")
    QCoreApplication.translate("Status", "Interim answer")
    QCoreApplication.translate("Status", "Answered")
    QCoreApplication.translate("Status", "Closed")
    QCoreApplication.translate("Status", "Rejected")
    QCoreApplication.translate("Status", "Redirected")
    QCoreApplication.translate("Status", "Reopened")
    QCoreApplication.translate("Importance", "Normal")
    QCoreApplication.translate("Importance", "High")
    QCoreApplication.translate("Importance", "Private message")
    QCoreApplication.translate("Source", "POS")
    QCoreApplication.translate("Source", "IM")
    QCoreApplication.translate("Source", "Portal")
    QCoreApplication.translate("Source", "Hotline")
    QCoreApplication.translate("Source", "Official pages")
    QCoreApplication.translate("Source", "Open311")
    QCoreApplication.translate("Source", "Reception")
    QCoreApplication.translate("Source", "Letter")
    QCoreApplication.translate("Source", "E-mail")
    QCoreApplication.translate("Source", "Other channel")
    QCoreApplication.translate("Kind", "Appeal (59-FZ)")
    QCoreApplication.translate("Kind", "Message")
    QCoreApplication.translate("Kind", "Social media incident")
    QCoreApplication.translate("SlaStatus", "On time")
    QCoreApplication.translate("SlaStatus", "At risk")
    QCoreApplication.translate("SlaStatus", "Overdue")
    QCoreApplication.translate("SlaStatus", "Paused")
    QCoreApplication.translate("SlaStatus", "Done on time")
    QCoreApplication.translate("SlaStatus", "Done late")
    QCoreApplication.translate("Flag", "Important")
    QCoreApplication.translate("Flag", "Conflict")
    QCoreApplication.translate("Flag", "Disinformation")
    QCoreApplication.translate("Flag", "Repeat")
    QCoreApplication.translate("Flag", "Resonance")
    QCoreApplication.translate("Flag", "Needs categorisation")
    QCoreApplication.translate("Reaction", "Author satisfied")
    QCoreApplication.translate("Reaction", "Author neutral")
    QCoreApplication.translate("Reaction", "Author dissatisfied")
    QCoreApplication.translate("Role", "Operator")
    QCoreApplication.translate("Role", "Theme block head")
    QCoreApplication.translate("Role", "Head of the centre")
    QCoreApplication.translate("Role", "Curator")
    QCoreApplication.translate("Role", "Municipal centre operator")
    QCoreApplication.translate("Role", "Situation room wall")
    QCoreApplication.translate("Role", "System")
    QCoreApplication.translate("Action", "Received")
    QCoreApplication.translate("Action", "Taken")
    QCoreApplication.translate("Action", "Released")
    QCoreApplication.translate("Action", "Taken into work")
    QCoreApplication.translate("Action", "Taken over from a colleague")
    QCoreApplication.translate("Action", "Categorised")
    QCoreApplication.translate("Action", "Routed")
    QCoreApplication.translate("Action", "Deadline postponed")
    QCoreApplication.translate("Action", "Information requested")
    QCoreApplication.translate("Action", "Information received")
    QCoreApplication.translate("Action", "Interim answer given")
    QCoreApplication.translate("Action", "Answer given")
    QCoreApplication.translate("Action", "Returned for rework")
    QCoreApplication.translate("Action", "Closed")
    QCoreApplication.translate("Action", "Rated by the author")
    QCoreApplication.translate("Action", "Reopened")
    QCoreApplication.translate("Action", "Rejected")
    QCoreApplication.translate("Action", "Redirected")
    QCoreApplication.translate("Action", "Flag set")
    QCoreApplication.translate("Action", "Flag removed")
    QCoreApplication.translate("Action", "Importance changed")
    QCoreApplication.translate("Action", "Merged as a duplicate")
    QCoreApplication.translate("Action", "Note added")
    QCoreApplication.translate("Action", "Reported again («я тоже»)")
    QCoreApplication.translate("Action", "Conflict resolution recorded")
    QCoreApplication.translate("Action", "Disinformation case updated")
    QCoreApplication.translate("Action", "Linked to a measure")
