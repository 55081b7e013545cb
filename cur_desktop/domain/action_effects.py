"""One handler per lifecycle action: the field changes it makes and what history records.

Called only by :func:`cur_desktop.domain.lifecycle.apply`, after the transition
table has allowed the action for the appeal's status and the actor's role; a
handler checks its parameters (and, with dictionaries given, their codes) and
raises :class:`~cur_desktop.domain.refusal.TransitionRefused` when they are wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cur_desktop.domain.appeal import Appeal, JsonScalar, Pause, utc
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Action, Flag, Importance, Reaction, Role, Status
from cur_desktop.domain.holding import TakeOverRule, may_take_over_at_once, take_over_forbidden
from cur_desktop.domain.refusal import TransitionRefused

HEADS = frozenset({Role.THEME_HEAD, Role.CUR_HEAD})
DEFAULT_RULE = TakeOverRule()
#: Longest text a command may carry (an answer, a note, a reason), in characters: an
#: official answer with its legal references runs to a few thousand; anything longer is
#: a paste gone wrong, refused here rather than stored and sent to every workstation.
MAX_TEXT = 30_000

FLAG_NAMES: Mapping[str, Flag] = {
    "conflict": Flag.CONFLICT,
    "disinformation": Flag.DISINFORMATION,
    "repeat": Flag.REPEAT,
    "resonance": Flag.RESONANCE,
    "important": Flag.IMPORTANT,
}


def may_release(appeal: Appeal, role: Role, actor: str) -> bool:
    return bool(appeal.taken_by) and (appeal.taken_by == actor or role in HEADS)


# --- handlers: one per action, (context) -> (field changes, history details)

Changes = tuple[dict[str, Any], dict[str, JsonScalar]]


@dataclass(frozen=True, slots=True)
class Ctx:
    """What a handler may read: the appeal, the command's parameters, who and when."""

    appeal: Appeal
    params: Mapping[str, JsonScalar]
    actor: str
    role: Role
    now: datetime
    dicts: Dictionaries | None
    #: for ``take_over``: the region's rule, and how long the holder has left the appeal
    #: alone in working time (None: the wall-clock time since they took it)
    take_over: TakeOverRule = DEFAULT_RULE
    holder_idle: timedelta | None = None


def no_change(c: Ctx) -> Changes:
    return {}, {}


def _str(params: Mapping[str, JsonScalar], name: str) -> str:
    value = params.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TransitionRefused("invalid_param", f"{name} must be text", param=name)
    if len(value) > MAX_TEXT:
        raise TransitionRefused(
            "too_long", f"{name} is longer than {MAX_TEXT} characters", param=name, limit=MAX_TEXT
        )
    return value.strip()


def _known(dicts: Dictionaries | None, kind: str, code: str) -> None:
    if dicts is None or not code:
        return
    lookup = {
        "theme": dicts.theme,
        "category": dicts.category,
        "municipality": dicts.municipality,
        "body": dicts.body,
        "reason": dicts.rejection_reason,
    }[kind]
    if lookup(code) is None:
        raise TransitionRefused(
            "unknown_code", f"unknown {kind} code {code!r}", kind=kind, code=code
        )


def _take(c: Ctx) -> Changes:
    if c.appeal.taken_by and c.appeal.taken_by != c.actor:
        raise TransitionRefused(
            "taken_by_other", f"already taken by {c.appeal.taken_by}", taken_by=c.appeal.taken_by
        )
    return {"taken_by": c.actor, "taken_at": c.now}, {}


def _take_over(c: Ctx) -> Changes:
    """«Забрать себе»: a colleague's appeal becomes the actor's (holding.py says when)."""
    holder = c.appeal.taken_by
    if not holder or holder == c.actor:  # nobody else holds it: an ordinary take
        return {"taken_by": c.actor, "taken_at": c.now}, {"previous_taken_by": holder or None}
    if take_over_forbidden(c.role, c.take_over):
        raise TransitionRefused(
            "heads_only", "in this region only heads take over a colleague's appeal",
            taken_by=holder,
        )  # fmt: skip
    idle = c.holder_idle
    if idle is None:
        idle = c.now - c.appeal.taken_at if c.appeal.taken_at else c.take_over.idle
    if not may_take_over_at_once(c.role) and idle < c.take_over.idle:
        raise TransitionRefused(
            "holder_active",
            f"{holder} worked on it {int(idle.total_seconds() // 60)} working minutes ago",
            taken_by=holder,
            idle_minutes=int(idle.total_seconds() // 60),
            idle_hours=c.take_over.idle_working_hours,
        )
    taken_at = c.appeal.taken_at
    return {"taken_by": c.actor, "taken_at": c.now}, {
        "previous_taken_by": holder,
        "previous_taken_at": taken_at.isoformat() if taken_at else None,
        "idle_minutes": int(idle.total_seconds() // 60),
    }


def _release(c: Ctx) -> Changes:
    if not c.appeal.taken_by:
        raise TransitionRefused("not_taken", "the c.appeal is not taken")
    if not may_release(c.appeal, c.role, c.actor):
        raise TransitionRefused(
            "taken_by_other", f"taken by {c.appeal.taken_by}", taken_by=c.appeal.taken_by
        )
    return {"taken_by": "", "taken_at": None}, {"was_taken_by": c.appeal.taken_by}


def _take_into_work(c: Ctx) -> Changes:
    if c.role is Role.SYSTEM:
        return {}, {}
    return _take(c)


def _categorise(c: Ctx) -> Changes:
    theme = _str(c.params, "theme")
    category = _str(c.params, "category") or None
    subcategory = _str(c.params, "subcategory") or None
    municipality = _str(c.params, "municipality") or c.appeal.municipality
    _known(c.dicts, "theme", theme)
    _known(c.dicts, "category", category or "")
    _known(c.dicts, "category", subcategory or "")
    _known(c.dicts, "municipality", municipality or "")
    if c.dicts is not None:
        cat = c.dicts.category(category) if category else None
        if cat is not None and (cat.theme != theme or cat.parent is not None):
            raise TransitionRefused(
                "invalid_param", f"category {category} is not a category of theme {theme}"
            )
        sub = c.dicts.category(subcategory) if subcategory else None
        if sub is not None and sub.parent != category:
            raise TransitionRefused(
                "invalid_param", f"subcategory {subcategory} is not under {category}"
            )
    changes: dict[str, Any] = {
        "theme": theme,
        "category": category,
        "subcategory": subcategory,
        "municipality": municipality,
    }
    if category is not None and c.appeal.flags & Flag.NEEDS_CATEGORY:
        # an operator's category settles what an import could not name
        changes["flags"] = c.appeal.flags & ~Flag.NEEDS_CATEGORY
    details: dict[str, JsonScalar] = {
        k: v for k, v in changes.items() if v is not None and k != "flags"
    }
    details["previous_theme"] = c.appeal.theme
    details["previous_category"] = c.appeal.category
    return changes, details


def _route(c: Ctx) -> Changes:
    if c.appeal.theme is None:
        raise TransitionRefused("needs_theme", "categorise the c.appeal before routing it")
    body = _str(c.params, "body")
    _known(c.dicts, "body", body)
    if c.dicts is not None:
        found = c.dicts.body(body)
        if found is not None and not found.serves(c.appeal.theme, c.appeal.municipality):
            raise TransitionRefused(
                "invalid_param",
                f"body {body} does not serve this theme or municipality",
                param="body",
            )
    executor = _str(c.params, "executor")
    return {"body": body, "executor": executor}, {
        "body": body,
        "previous_body": c.appeal.body,
        "executor": executor,
    }


def _parse_time(params: Mapping[str, JsonScalar], name: str) -> datetime:
    value = params.get(name)
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return datetime.fromtimestamp(float(value), tz=UTC)
        if isinstance(value, str):
            return utc(datetime.fromisoformat(value))
    except (ValueError, OverflowError, OSError) as exc:
        raise TransitionRefused("invalid_param", f"{name}: {exc}", param=name) from exc
    raise TransitionRefused("invalid_param", f"{name} must be a time", param=name)


def _postpone(c: Ctx) -> Changes:
    until = _parse_time(c.params, "until")
    current = c.appeal.postponed_to or c.appeal.due_at
    if until <= c.now or (current is not None and until <= current):
        raise TransitionRefused(
            "invalid_param", "a postponement must move the deadline later", param="until"
        )
    return {"postponed_to": until}, {
        "until": until.isoformat(),
        "previous_due": current.isoformat() if current else None,
        "reason": _str(c.params, "reason"),
    }


def _request_info(c: Ctx) -> Changes:
    if c.appeal.is_paused:
        raise TransitionRefused("already_paused", "the SLA clock is already paused")
    return {"pauses": (*c.appeal.pauses, Pause(c.now))}, {"text": _str(c.params, "text")}


def _closed_pauses(appeal: Appeal, now: datetime) -> tuple[Pause, ...]:
    if not appeal.is_paused:
        return appeal.pauses
    return (*appeal.pauses[:-1], Pause(appeal.pauses[-1].start, now))


def _info_received(c: Ctx) -> Changes:
    if not c.appeal.is_paused:
        raise TransitionRefused("not_paused", "the SLA clock is not paused")
    paused_for = (c.now - c.appeal.pauses[-1].start).total_seconds()
    return {"pauses": _closed_pauses(c.appeal, c.now)}, {"paused_seconds": int(paused_for)}


def _interim_answer(c: Ctx) -> Changes:
    text = _str(c.params, "text")
    return {
        "interim_answer": text,
        "interim_answer_at": c.now,
        "first_reaction_at": c.appeal.first_reaction_at or c.now,
        "pauses": _closed_pauses(c.appeal, c.now),
    }, {"length": len(text), "template": _str(c.params, "template") or None}


def _answer(c: Ctx) -> Changes:
    text = _str(c.params, "text")
    return {
        "answer": text,
        "answered_at": c.now,
        "first_reaction_at": c.appeal.first_reaction_at or c.now,
        "pauses": _closed_pauses(c.appeal, c.now),
        "taken_by": "",
        "taken_at": None,
    }, {"length": len(text), "template": _str(c.params, "template") or None}


def _return_for_rework(c: Ctx) -> Changes:
    details: dict[str, JsonScalar] = {"reason": _str(c.params, "reason")}
    changes: dict[str, Any] = {"rework_count": c.appeal.rework_count + 1}
    if c.appeal.status is Status.ANSWERED:
        details["returned_answer"] = c.appeal.answer
        changes.update(answer="", answered_at=None)
    else:
        details["returned_answer"] = c.appeal.interim_answer
        changes.update(interim_answer="", interim_answer_at=None)
    return changes, details


def _satisfaction(params: Mapping[str, JsonScalar]) -> tuple[dict[str, Any], dict[str, JsonScalar]]:
    changes: dict[str, Any] = {}
    rating = params.get("rating")
    if rating is not None:
        if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
            raise TransitionRefused("invalid_param", "rating must be 1..5", param="rating")
        changes["satisfaction_rating"] = rating
    reaction = params.get("reaction")
    if reaction is not None:
        try:
            changes["satisfaction_reaction"] = Reaction(str(reaction))
        except ValueError as exc:
            raise TransitionRefused(
                "invalid_param", f"unknown reaction {reaction!r}", param="reaction"
            ) from exc
    details: dict[str, JsonScalar] = {"rating": rating, "reaction": reaction}
    return changes, details


def _close(c: Ctx) -> Changes:
    changes, details = _satisfaction(c.params)
    changes["closed_at"] = c.now
    return changes, details


def _rate(c: Ctx) -> Changes:
    changes, details = _satisfaction(c.params)
    if not changes:
        raise TransitionRefused("missing_param", "rate needs rating or reaction", param="rating")
    changes["closed_at"] = c.appeal.closed_at or c.now
    return changes, details


def _reopen(c: Ctx) -> Changes:
    return {
        "reopened_at": c.now,
        "closed_at": None,
        "postponed_to": None,
        "pauses": (),
        "flags": c.appeal.flags | Flag.REPEAT,
    }, {"reason": _str(c.params, "reason")}


def _reject(c: Ctx) -> Changes:
    reason = _str(c.params, "reason")
    _known(c.dicts, "reason", reason)
    return {
        "rejection_reason": reason,
        "closed_at": c.now,
        "taken_by": "",
        "taken_at": None,
    }, {"reason": reason, "comment": _str(c.params, "comment") or None}


def _redirect(c: Ctx) -> Changes:
    to = _str(c.params, "to")
    return {"redirected_to": to, "closed_at": c.now, "taken_by": "", "taken_at": None}, {"to": to}


def _flag_value(params: Mapping[str, JsonScalar]) -> Flag:
    name = _str(params, "flag")
    flag = FLAG_NAMES.get(name)
    if flag is None:
        raise TransitionRefused("invalid_param", f"unknown flag {name!r}", param="flag")
    return flag


def _flag(c: Ctx) -> Changes:
    flag = _flag_value(c.params)
    return {"flags": c.appeal.flags | flag}, {"flag": _str(c.params, "flag")}


def _unflag(c: Ctx) -> Changes:
    flag = _flag_value(c.params)
    return {"flags": c.appeal.flags & ~flag}, {"flag": _str(c.params, "flag")}


def _set_importance(c: Ctx) -> Changes:
    try:
        importance = Importance(_str(c.params, "importance"))
    except ValueError as exc:
        raise TransitionRefused("invalid_param", "unknown importance", param="importance") from exc
    return {"importance": importance}, {
        "importance": importance.value,
        "previous": c.appeal.importance.value,
    }


def _merge(c: Ctx) -> Changes:
    into = c.params.get("into")
    if not isinstance(into, int) or isinstance(into, bool) or into == c.appeal.id or into <= 0:
        raise TransitionRefused("invalid_param", "merge needs another appeal's id", param="into")
    return {
        "merged_into": into,
        "closed_at": c.now,
        "taken_by": "",
        "taken_at": None,
        "pauses": _closed_pauses(c.appeal, c.now),
    }, {"into": into}


def _add_note(c: Ctx) -> Changes:
    return {}, {"text": _str(c.params, "text")}


#: The co-author's fields a «я тоже» records (personal data: kept in the history line,
#: which the wall and public exports receive without them, central/privacy.py).
CO_AUTHOR_FIELDS = ("co_author_name", "co_author_phone", "co_author_email")


def _me_too(c: Ctx) -> Changes:
    """One more citizen reports this problem: «я тоже» + 1, the caller as a co-author."""
    details: dict[str, JsonScalar] = {"me_too": c.appeal.me_too + 1}
    for name in CO_AUTHOR_FIELDS:
        value = _str(c.params, name)
        if value:
            details[name] = value
    channel = _str(c.params, "channel")
    if channel:
        details["channel"] = channel
    return {"me_too": c.appeal.me_too + 1}, details


def _resolve_conflict(c: Ctx) -> Changes:
    """A conflict situation settled (or not) and how: the flag follows the outcome.

    ``reasons`` names the detected reasons the operator dealt with (comma-separated
    codes of ``cur_desktop.problems.conflicts``); a later reason reopens the conflict.
    """
    resolved = c.params.get("resolved", True)
    if not isinstance(resolved, bool):
        raise TransitionRefused("invalid_param", "resolved must be true or false", param="resolved")
    flags = c.appeal.flags & ~Flag.CONFLICT if resolved else c.appeal.flags | Flag.CONFLICT
    details: dict[str, JsonScalar] = {"resolved": resolved, "how": _str(c.params, "how")}
    reasons = _str(c.params, "reasons")
    if reasons:
        details["reasons"] = reasons
    return {"flags": flags}, details


#: A disinformation case's statuses (seed 000 §2.2л): на проверке, недостоверно,
#: опровергнуто, не подтвердилось.
DISINFO_STATUSES = ("checking", "false", "refuted", "not_confirmed")


def _disinfo_case(c: Ctx) -> Changes:
    """The appeal is one of a disinformation case's: the case's id, status and refutation.

    The case lives in its appeals' history (``cur_desktop.problems.disinfo``): the
    newest line of any of them is the case's state. The disinformation flag follows:
    set while the claim is checked or found false, cleared when it was not confirmed.
    """
    case = _str(c.params, "case")
    status = _str(c.params, "status")
    if status not in DISINFO_STATUSES:
        raise TransitionRefused("invalid_param", f"unknown case status {status!r}", param="status")
    if len(case) > 64:
        raise TransitionRefused("invalid_param", "a case id is at most 64 characters", param="case")
    if status == "not_confirmed":
        flags = c.appeal.flags & ~Flag.DISINFORMATION
    else:
        flags = c.appeal.flags | Flag.DISINFORMATION
    details: dict[str, JsonScalar] = {"case": case, "status": status}
    for name in ("claim", "refutation", "link"):
        value = _str(c.params, name)
        if value:
            details[name] = value
    return {"flags": flags}, details


#: A measure's statuses: planned, under way, done, cancelled.
MEASURE_STATUSES = ("planned", "in_progress", "done", "cancelled")


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _measure(c: Ctx) -> Changes:
    """The appeal's problem is linked to a measure (``cur_desktop.problems.measures``)."""
    status = _str(c.params, "status")
    if status not in MEASURE_STATUSES:
        raise TransitionRefused("invalid_param", f"unknown status {status!r}", param="status")
    due = _str(c.params, "due")
    if due and not _is_date(due):
        raise TransitionRefused(
            "invalid_param", f"due must be a date (YYYY-MM-DD), not {due!r}", param="due"
        )
    details: dict[str, JsonScalar] = {"measure": _str(c.params, "measure"), "status": status}
    for name in ("what", "who", "due", "problem", "category", "municipality"):
        value = _str(c.params, name)
        if value:
            details[name] = value
    return {}, details


HANDLERS = {
    Action.TAKE: _take,
    Action.TAKE_OVER: _take_over,
    Action.RELEASE: _release,
    Action.TAKE_INTO_WORK: _take_into_work,
    Action.CATEGORISE: _categorise,
    Action.ROUTE: _route,
    Action.POSTPONE: _postpone,
    Action.REQUEST_INFO: _request_info,
    Action.INFO_RECEIVED: _info_received,
    Action.INTERIM_ANSWER: _interim_answer,
    Action.ANSWER: _answer,
    Action.RETURN_FOR_REWORK: _return_for_rework,
    Action.CLOSE: _close,
    Action.RATE: _rate,
    Action.REOPEN: _reopen,
    Action.REJECT: _reject,
    Action.REDIRECT: _redirect,
    Action.FLAG: _flag,
    Action.UNFLAG: _unflag,
    Action.SET_IMPORTANCE: _set_importance,
    Action.MERGE: _merge,
    Action.ADD_NOTE: _add_note,
    Action.ME_TOO: _me_too,
    Action.RESOLVE_CONFLICT: _resolve_conflict,
    Action.DISINFO_CASE: _disinfo_case,
    Action.MEASURE: _measure,
}
