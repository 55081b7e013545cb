"""Snapshot items decoded straight into cache rows, without domain objects.

A first sync decoded each item into an :class:`~cur_desktop.domain.appeal.Appeal`
and its history entries (``item_from_wire``: enum constructors, a datetime per
time field, 1.2 M ``HistoryEntry`` at 200 k appeals) only to turn them back into
column dicts (``appeal_to_columns``): 47 % of the client's time (issue 19). The
wire and the cache keep an appeal in the same representation (epoch seconds, JSON
text for pauses, attachments, suggestions and details;
:mod:`cur_desktop.protocol.columns`), so an item maps to its rows directly.

Validation stays as strict as :func:`cur_desktop.protocol.wire.appeal_from_wire`'s:
a wrong type, an unknown enum value, a rating outside 1..5 or a municipality that
is no OKTMO code is a :class:`~cur_desktop.protocol.wire.WireError` and nothing of
the page is written. ``tests/sync/test_page_rows.py`` checks that the rows equal
the domain path's for the same items, and that every bad field is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from cur_desktop.domain.enums import Importance, Kind, Reaction, Source, Status
from cur_desktop.domain.suggestions import Suggestions
from cur_desktop.protocol.wire import WireError

__all__ = ["item_to_rows"]

_SOURCES = frozenset(s.value for s in Source)
_KINDS = frozenset(k.value for k in Kind)
_IMPORTANCES = frozenset(i.value for i in Importance)
_REACTIONS = frozenset(r.value for r in Reaction)
_OPEN = {s.value: s.is_open for s in Status}
_dumps = orjson.dumps

_TIMES = (
    "registered_at", "updated_at", "due_at", "postponed_to", "taken_at",
    "first_reaction_at", "interim_answer_at", "answered_at", "closed_at", "reopened_at",
)  # fmt: skip
# text fields stored as NULL when empty
_TEXTS_OR_NULL = (
    "executor", "title", "address", "url", "taken_by", "interim_answer", "answer",
    "redirected_to",
)  # fmt: skip
_OPT_TEXTS = ("theme", "category", "subcategory", "body", "rejection_reason")


def _time(value: object, name: str) -> float | None:
    t = type(value)
    if t is float or t is int or value is None:
        return value  # type: ignore[return-value]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WireError(f"{name}: expected epoch seconds, got {value!r}")
    return float(value)


def _text(value: object, name: str) -> str | None:
    """A text field's column value: None for a missing or empty text."""
    if value is None or type(value) is str:
        return value or None
    raise WireError(f"{name} must be text, got {type(value).__name__}")


def _opt_text(value: object, name: str) -> str | None:
    if value is None or type(value) is str:
        return value
    raise WireError(f"{name} must be text or null, got {type(value).__name__}")


def _int(value: object, name: str, default: int) -> int:
    if value is None:
        return default
    if type(value) is not int:
        raise WireError(f"{name} must be an integer, got {value!r}")
    return value


def _opt_int(value: object, name: str) -> int | None:
    return None if value is None else _int(value, name, 0)


def _opt_float(value: object, name: str) -> float | None:
    if value is None or type(value) is float:
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WireError(f"{name} must be a number, got {value!r}")
    return float(value)


def _enum(value: object, known: frozenset[str], name: str) -> str:
    if value not in known:
        raise WireError(f"unknown {name} {value!r}")
    return value


def _pauses(raw: object) -> str | None:
    if not raw:
        return None
    if not isinstance(raw, list):
        raise WireError("pauses must be a list")
    out = []
    for item in raw:
        if not isinstance(item, list) or len(item) != 2 or item[0] is None:
            raise WireError(f"a pause is [start, end|null], got {item!r}")
        start, end = _time(item[0], "pause start"), _time(item[1], "pause end")
        out.append([float(start or 0), None if end is None else float(end)])
    return _dumps(out).decode()


def _attachments(raw: object) -> str | None:
    if not raw:
        return None
    if not isinstance(raw, list):
        raise WireError("attachments must be a list")
    try:
        items = [{"name": str(d["name"]), "url": str(d["url"]), "size": d.get("size")} for d in raw]
    except (KeyError, TypeError, AttributeError) as exc:
        raise WireError(f"malformed attachment: {exc}") from exc
    return _dumps(items).decode()


def _suggestions(raw: object) -> str | None:
    if raw is None:
        return None
    try:
        decoded = Suggestions.from_json(raw)
    except ValueError as exc:
        raise WireError(str(exc)) from exc
    return _dumps(decoded.to_json()).decode()


def _author(raw: object) -> tuple[str | None, str | None, str | None, str | None]:
    if not raw:
        return None, None, None, None
    if not isinstance(raw, Mapping):
        raise WireError("author must be an object")
    get = raw.get
    return (
        _text(get("name"), "author.name"),
        _text(get("phone"), "author.phone"),
        _text(get("email"), "author.email"),
        _text(get("profile_url"), "author.profile_url"),
    )


def appeal_row(d: object) -> dict[str, Any]:
    """The protocol's ``Appeal`` object as the cache's ``appeals`` row."""
    if not isinstance(d, Mapping):
        raise WireError("an appeal must be an object")
    get = d.get
    status = get("status")
    status = "new" if status is None else status
    is_open = _OPEN.get(status) if type(status) is str else None
    if is_open is None:
        raise WireError(f"unknown status {status!r}")
    importance = get("importance")
    municipality = _opt_text(get("municipality"), "municipality")
    if municipality is not None and not (len(municipality) in (8, 11) and municipality.isdigit()):
        raise WireError(f"OKTMO code {municipality!r} is not 8 or 11 digits")
    rating = _opt_int(get("satisfaction_rating"), "satisfaction_rating")
    if rating is not None and not 1 <= rating <= 5:
        raise WireError(f"satisfaction rating {rating} outside 1..5")
    reaction = get("satisfaction_reaction")
    created_at = _time(get("created_at"), "created_at")
    if created_at is None:
        raise WireError("created_at is required")
    text = get("text")
    if text is not None and type(text) is not str:
        raise WireError(f"text must be text, got {type(text).__name__}")
    external_id = get("external_id")
    if external_id is not None and type(external_id) is not str:
        raise WireError(f"external_id must be text, got {type(external_id).__name__}")
    name, phone, email, profile = _author(get("author"))
    row: dict[str, Any] = {
        "id": _int(get("id"), "id", 0),
        "version": _int(get("version"), "version", 1),
        "source": _enum(get("source") or "", _SOURCES, "source"),
        "external_id": external_id or "",
        "kind": _enum(get("kind") or "", _KINDS, "kind"),
        "status": status,
        "is_open": is_open,
        "municipality": municipality,
        "importance": (
            "normal" if importance is None else _enum(importance, _IMPORTANCES, "importance")
        ),
        "flags": _int(get("flags"), "flags", 0),
        "me_too": _int(get("me_too"), "me_too", 0),
        "text": text or "",
        "address_is_private": bool(get("address_is_private", False)),
        "lat": _opt_float(get("lat"), "lat"),
        "lon": _opt_float(get("lon"), "lon"),
        "author_name": name,
        "author_phone": phone,
        "author_email": email,
        "author_profile": profile,
        "created_at": created_at,
        "pauses": _pauses(get("pauses")),
        "rework_count": _int(get("rework_count"), "rework_count", 0),
        "satisfaction_rating": rating,
        "satisfaction_reaction": (
            None if reaction is None else _enum(reaction, _REACTIONS, "satisfaction_reaction")
        ),
        "merged_into": _opt_int(get("merged_into"), "merged_into"),
        "attachments": _attachments(get("attachments")),
        "suggestions": _suggestions(get("suggestions")),
    }
    for key in _TIMES:
        row[key] = _time(get(key), key)
    for key in _TEXTS_OR_NULL:
        row[key] = _text(get(key), key)
    for key in _OPT_TEXTS:
        row[key] = _opt_text(get(key), key)
    return row


def _status_or_none(value: object, name: str) -> str | None:
    if value is None:
        return None
    if type(value) is not str or value not in _OPEN:
        raise WireError(f"unknown {name} {value!r}")
    return value


def _details(raw: object) -> str | None:
    if not raw:
        return None
    if not isinstance(raw, Mapping):
        raise WireError("history details must be an object")
    for key, value in raw.items():
        if value is not None and not isinstance(value, str | int | float | bool):
            raise WireError(f"history detail {key!r} must be a scalar")
    return _dumps(raw).decode()


def history_row(d: object) -> dict[str, Any]:
    """The protocol's ``History`` object as the cache's ``appeal_history`` row."""
    if not isinstance(d, Mapping):
        raise WireError("a history entry must be an object")
    get = d.get
    at = _time(get("at"), "at")
    if at is None:
        raise WireError("at is required")
    return {
        "appeal_id": _int(get("appeal_id"), "appeal_id", 0),
        "at": at,
        "actor": _text(get("actor"), "actor") or "",
        "role": _text(get("role"), "role") or "",
        "action": _text(get("action"), "action") or "",
        "from_status": _status_or_none(get("from_status"), "from_status"),
        "to_status": _status_or_none(get("to_status"), "to_status"),
        "details": _details(get("details")),
    }


def item_to_rows(raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """``{"appeal", "history"}`` of a snapshot page as its appeal row and history rows."""
    return appeal_row(raw["appeal"]), [history_row(h) for h in raw.get("history") or ()]
