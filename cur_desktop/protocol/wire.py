"""The JSON form of appeals and history entries, shared by the service and the sync client.

One codec for both sides of ``docs/sync-protocol.md`` so that the two can never
disagree about a field. Dicts produced here are JSON-able as they are (orjson
encodes them); every timestamp is UTC epoch seconds as a float, because parsing
ISO strings costs as much as decoding the JSON itself (PERFORMANCE.md). The epoch
pair here (:func:`epoch`, :func:`from_epoch`) is the product's only one: the
column codec of both stores (:mod:`cur_desktop.protocol.columns`) uses it too.

Decoding is lenient about what it does not know (a newer service may add fields;
they are ignored) and strict about what it does: a wrong type or an unknown enum
value is a :class:`WireError`, never a half-built appeal.

Qt-free and SQLAlchemy-free: the service, the sync client and the outbox import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cur_desktop.domain.appeal import Appeal, Attachment, Author, HistoryEntry, JsonScalar, Pause
from cur_desktop.domain.enums import Flag, Importance, Kind, Reaction, Source, Status
from cur_desktop.domain.suggestions import Suggestions

WireDict = dict[str, Any]


class WireError(ValueError):
    """A wire document that does not describe an appeal or a history entry."""


_fromtimestamp = datetime.fromtimestamp


def epoch(dt: datetime | None) -> float | None:
    """A moment as UTC epoch seconds (None stays None)."""
    return None if dt is None else dt.timestamp()


def from_epoch(value: object) -> datetime | None:
    """Epoch seconds back to an aware UTC datetime; anything but a number is a WireError.

    On the hot path of snapshot pages and queue fetches (every time column of every
    row): the exact-type tests come first, so a store's floats pay one comparison.
    """
    if value is None:
        return None
    if type(value) is float or type(value) is int:
        return _fromtimestamp(value, UTC)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WireError(f"expected epoch seconds, got {value!r}")
    return _fromtimestamp(value, UTC)


def required_time(value: object, name: str = "time") -> datetime:
    """:func:`from_epoch` of a moment that must be there."""
    moment = from_epoch(value)
    if moment is None:
        raise WireError(f"{name} is required")
    return moment


def author_to_wire(author: Author) -> WireDict:
    return {
        "name": author.name,
        "phone": author.phone,
        "email": author.email,
        "profile_url": author.profile_url,
    }


def pauses_to_wire(pauses: tuple[Pause, ...]) -> list[list[float | None]]:
    return [[p.start.timestamp(), epoch(p.end)] for p in pauses]


def pauses_from_wire(raw: object) -> tuple[Pause, ...]:
    if not raw:
        return ()
    if not isinstance(raw, list):
        raise WireError("pauses must be a list")
    out = []
    for item in raw:
        if not isinstance(item, list) or len(item) != 2:
            raise WireError(f"a pause is [start, end|null], got {item!r}")
        out.append(Pause(required_time(item[0], "pause start"), from_epoch(item[1])))
    return tuple(out)


def attachments_to_wire(items: tuple[Attachment, ...]) -> list[WireDict]:
    return [{"name": a.name, "url": a.url, "size": a.size} for a in items]


def attachments_from_wire(raw: object) -> tuple[Attachment, ...]:
    if not raw:
        return ()
    if not isinstance(raw, list):
        raise WireError("attachments must be a list")
    try:
        return tuple(Attachment(str(d["name"]), str(d["url"]), d.get("size")) for d in raw)
    except (KeyError, TypeError, AttributeError) as exc:
        raise WireError(f"malformed attachment: {exc}") from exc


def appeal_to_wire(a: Appeal) -> WireDict:
    """The protocol's ``Appeal`` object."""
    return {
        "id": a.id,
        "source": a.source.value,
        "external_id": a.external_id,
        "kind": a.kind.value,
        "created_at": a.created_at.timestamp(),
        "text": a.text,
        "status": a.status.value,
        "version": a.version,
        "title": a.title,
        "theme": a.theme,
        "category": a.category,
        "subcategory": a.subcategory,
        "municipality": a.municipality,
        "address": a.address,
        "address_is_private": a.address_is_private,
        "lat": a.lat,
        "lon": a.lon,
        "body": a.body,
        "executor": a.executor,
        "author": author_to_wire(a.author),
        "url": a.url,
        "registered_at": epoch(a.registered_at),
        "importance": a.importance.value,
        "flags": int(a.flags),
        "me_too": a.me_too,
        "taken_by": a.taken_by,
        "taken_at": epoch(a.taken_at),
        "due_at": epoch(a.due_at),
        "postponed_to": epoch(a.postponed_to),
        "pauses": pauses_to_wire(a.pauses),
        "first_reaction_at": epoch(a.first_reaction_at),
        "interim_answer": a.interim_answer,
        "interim_answer_at": epoch(a.interim_answer_at),
        "answer": a.answer,
        "answered_at": epoch(a.answered_at),
        "closed_at": epoch(a.closed_at),
        "reopened_at": epoch(a.reopened_at),
        "rework_count": a.rework_count,
        "rejection_reason": a.rejection_reason,
        "redirected_to": a.redirected_to,
        "satisfaction_rating": a.satisfaction_rating,
        "satisfaction_reaction": (
            a.satisfaction_reaction.value if a.satisfaction_reaction is not None else None
        ),
        "merged_into": a.merged_into,
        "attachments": attachments_to_wire(a.attachments),
        "updated_at": epoch(a.updated_at),
        "suggestions": a.suggestions.to_json() if a.suggestions is not None else None,
    }


def _text(d: Mapping[str, Any], key: str) -> str:
    value = d.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise WireError(f"{key} must be text, got {type(value).__name__}")
    return value


def _opt_text(d: Mapping[str, Any], key: str) -> str | None:
    value = d.get(key)
    if value is not None and not isinstance(value, str):
        raise WireError(f"{key} must be text or null, got {type(value).__name__}")
    return value


def _int(d: Mapping[str, Any], key: str, default: int) -> int:
    value = d.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise WireError(f"{key} must be an integer, got {value!r}")
    return value


def _opt_int(d: Mapping[str, Any], key: str) -> int | None:
    value = d.get(key)
    return None if value is None else _int(d, key, 0)


def _opt_float(d: Mapping[str, Any], key: str) -> float | None:
    value = d.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WireError(f"{key} must be a number, got {value!r}")
    return float(value)


def _author(raw: object) -> Author:
    if not raw:
        return Author()
    if not isinstance(raw, Mapping):
        raise WireError("author must be an object")
    return Author(
        name=_text(raw, "name"),
        phone=_text(raw, "phone"),
        email=_text(raw, "email"),
        profile_url=_text(raw, "profile_url"),
    )


def _suggestions(raw: object) -> Suggestions | None:
    return None if raw is None else Suggestions.from_json(raw)


def appeal_from_wire(d: Mapping[str, Any]) -> Appeal:
    """Decode the protocol's ``Appeal`` object; raise :class:`WireError` if it is not one."""
    if not isinstance(d, Mapping):
        raise WireError("an appeal must be an object")
    try:
        reaction = d.get("satisfaction_reaction")
        status = d.get("status")
        importance = d.get("importance")
        return Appeal(
            id=_int(d, "id", 0),
            source=Source(_text(d, "source")),
            external_id=_text(d, "external_id"),
            kind=Kind(_text(d, "kind")),
            created_at=required_time(d.get("created_at"), "created_at"),
            text=_text(d, "text"),
            status=Status(status) if status is not None else Status.NEW,
            version=_int(d, "version", 1),
            title=_text(d, "title"),
            theme=_opt_text(d, "theme"),
            category=_opt_text(d, "category"),
            subcategory=_opt_text(d, "subcategory"),
            municipality=_opt_text(d, "municipality"),
            address=_text(d, "address"),
            address_is_private=bool(d.get("address_is_private", False)),
            lat=_opt_float(d, "lat"),
            lon=_opt_float(d, "lon"),
            body=_opt_text(d, "body"),
            executor=_text(d, "executor"),
            author=_author(d.get("author")),
            url=_text(d, "url"),
            registered_at=from_epoch(d.get("registered_at")),
            importance=Importance(importance) if importance is not None else Importance.NORMAL,
            flags=Flag(_int(d, "flags", 0)),
            me_too=_int(d, "me_too", 0),
            taken_by=_text(d, "taken_by"),
            taken_at=from_epoch(d.get("taken_at")),
            due_at=from_epoch(d.get("due_at")),
            postponed_to=from_epoch(d.get("postponed_to")),
            pauses=pauses_from_wire(d.get("pauses")),
            first_reaction_at=from_epoch(d.get("first_reaction_at")),
            interim_answer=_text(d, "interim_answer"),
            interim_answer_at=from_epoch(d.get("interim_answer_at")),
            answer=_text(d, "answer"),
            answered_at=from_epoch(d.get("answered_at")),
            closed_at=from_epoch(d.get("closed_at")),
            reopened_at=from_epoch(d.get("reopened_at")),
            rework_count=_int(d, "rework_count", 0),
            rejection_reason=_opt_text(d, "rejection_reason"),
            redirected_to=_text(d, "redirected_to"),
            satisfaction_rating=_opt_int(d, "satisfaction_rating"),
            satisfaction_reaction=Reaction(reaction) if reaction is not None else None,
            merged_into=_opt_int(d, "merged_into"),
            attachments=attachments_from_wire(d.get("attachments")),
            updated_at=from_epoch(d.get("updated_at")),
            suggestions=_suggestions(d.get("suggestions")),
        )
    except WireError:
        raise
    except ValueError as exc:  # unknown enum value, bad OKTMO, rating outside 1..5
        raise WireError(str(exc)) from exc


def history_to_wire(
    h: HistoryEntry, *, entry_id: int | None = None, seq: int | None = None
) -> WireDict:
    """The protocol's ``History`` object; the service adds its row ``id`` and feed ``seq``."""
    out: WireDict = {
        "appeal_id": h.appeal_id,
        "at": h.at.timestamp(),
        "actor": h.actor,
        "role": h.role,
        "action": h.action,
        "from_status": h.from_status.value if h.from_status is not None else None,
        "to_status": h.to_status.value if h.to_status is not None else None,
        "details": dict(h.details),
    }
    if entry_id is not None:
        out["id"] = entry_id
    if seq is not None:
        out["seq"] = seq
    return out


def _details(raw: object) -> dict[str, JsonScalar]:
    if not raw:
        return {}
    if not isinstance(raw, Mapping):
        raise WireError("history details must be an object")
    for key, value in raw.items():
        if value is not None and not isinstance(value, str | int | float | bool):
            raise WireError(f"history detail {key!r} must be a scalar")
    return dict(raw)


def history_from_wire(d: Mapping[str, Any]) -> HistoryEntry:
    """Decode the protocol's ``History`` object (``id`` and ``seq`` are the caller's to read)."""
    if not isinstance(d, Mapping):
        raise WireError("a history entry must be an object")
    try:
        from_status = d.get("from_status")
        to_status = d.get("to_status")
        return HistoryEntry(
            appeal_id=_int(d, "appeal_id", 0),
            at=required_time(d.get("at"), "at"),
            actor=_text(d, "actor"),
            role=_text(d, "role"),
            action=_text(d, "action"),
            from_status=Status(from_status) if from_status is not None else None,
            to_status=Status(to_status) if to_status is not None else None,
            details=_details(d.get("details")),
        )
    except WireError:
        raise
    except ValueError as exc:
        raise WireError(str(exc)) from exc
