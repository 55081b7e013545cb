"""The appeal and its history as flat column values: the storage form of both stores.

The central service's tables and the workstation's cache keep an appeal in the
same columns (epoch seconds for times, JSON text for pauses and attachments,
booleans and flag bits as numbers), so one codec serves both; each store adds
only its own columns (the service its ``window_at``, its history ``seq``).

Reading rows is the hot path of snapshot pages and queue fetches: plain dict
lookups and no validation here beyond the epoch codec's type test (a store holds
only what these functions wrote; what comes over the wire is validated in
:mod:`cur_desktop.protocol.wire`, whose epoch pair this module shares).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from cur_desktop.domain.appeal import Appeal, Attachment, Author, HistoryEntry, Pause
from cur_desktop.domain.enums import Flag, Importance, Kind, Reaction, Source, Status
from cur_desktop.domain.suggestions import Suggestions
from cur_desktop.protocol.wire import epoch, from_epoch, history_to_wire, required_time

__all__ = [
    "appeal_to_columns",
    "attachments_from_json",
    "attachments_json",
    "columns_to_appeal",
    "columns_to_history",
    "history_to_columns",
    "pauses_from_json",
    "pauses_json",
    "suggestions_from_json",
    "suggestions_json",
]

_STATUS = {s.value: s for s in Status}
_SOURCE = {s.value: s for s in Source}
_KIND = {k.value: k for k in Kind}
_IMPORTANCE = {i.value: i for i in Importance}
_REACTION = {r.value: r for r in Reaction}
_required = required_time


def pauses_json(pauses: tuple[Pause, ...]) -> str | None:
    if not pauses:
        return None
    return orjson.dumps([[p.start.timestamp(), epoch(p.end)] for p in pauses]).decode()


def pauses_from_json(raw: str | None) -> tuple[Pause, ...]:
    if not raw:
        return ()
    return tuple(Pause(_required(start), from_epoch(end)) for start, end in orjson.loads(raw))


def attachments_json(items: tuple[Attachment, ...]) -> str | None:
    if not items:
        return None
    return orjson.dumps([{"name": a.name, "url": a.url, "size": a.size} for a in items]).decode()


def attachments_from_json(raw: str | None) -> tuple[Attachment, ...]:
    if not raw:
        return ()
    return tuple(Attachment(d["name"], d["url"], d.get("size")) for d in orjson.loads(raw))


def suggestions_json(suggestions: Suggestions | None) -> str | None:
    if suggestions is None:
        return None
    return orjson.dumps(suggestions.to_json()).decode()


def suggestions_from_json(raw: str | None) -> Suggestions | None:
    return Suggestions.from_json(orjson.loads(raw)) if raw else None


def appeal_to_columns(a: Appeal) -> dict[str, Any]:
    return {
        "id": a.id,
        "version": a.version,
        "source": a.source.value,
        "external_id": a.external_id,
        "kind": a.kind.value,
        "status": a.status.value,
        "is_open": a.status.is_open,
        "theme": a.theme,
        "category": a.category,
        "subcategory": a.subcategory,
        "municipality": a.municipality,
        "body": a.body,
        "executor": a.executor or None,
        "importance": a.importance.value,
        "flags": int(a.flags),
        "me_too": a.me_too,
        "title": a.title or None,
        "text": a.text,
        "address": a.address or None,
        "address_is_private": a.address_is_private,
        "lat": a.lat,
        "lon": a.lon,
        "author_name": a.author.name or None,
        "author_phone": a.author.phone or None,
        "author_email": a.author.email or None,
        "author_profile": a.author.profile_url or None,
        "url": a.url or None,
        "created_at": a.created_at.timestamp(),
        "registered_at": epoch(a.registered_at),
        "updated_at": epoch(a.updated_at),
        "due_at": epoch(a.due_at),
        "postponed_to": epoch(a.postponed_to),
        "pauses": pauses_json(a.pauses),
        "taken_by": a.taken_by or None,
        "taken_at": epoch(a.taken_at),
        "first_reaction_at": epoch(a.first_reaction_at),
        "interim_answer": a.interim_answer or None,
        "interim_answer_at": epoch(a.interim_answer_at),
        "answer": a.answer or None,
        "answered_at": epoch(a.answered_at),
        "closed_at": epoch(a.closed_at),
        "reopened_at": epoch(a.reopened_at),
        "rework_count": a.rework_count,
        "rejection_reason": a.rejection_reason,
        "redirected_to": a.redirected_to or None,
        "satisfaction_rating": a.satisfaction_rating,
        "satisfaction_reaction": (
            a.satisfaction_reaction.value if a.satisfaction_reaction is not None else None
        ),
        "merged_into": a.merged_into,
        "attachments": attachments_json(a.attachments),
        "suggestions": suggestions_json(a.suggestions),
    }


def columns_to_appeal(r: Mapping[Any, Any]) -> Appeal:
    reaction = r["satisfaction_reaction"]
    return Appeal(
        id=r["id"],
        version=r["version"],
        source=_SOURCE[r["source"]],
        external_id=r["external_id"],
        kind=_KIND[r["kind"]],
        status=_STATUS[r["status"]],
        theme=r["theme"],
        category=r["category"],
        subcategory=r["subcategory"],
        municipality=r["municipality"],
        body=r["body"],
        executor=r["executor"] or "",
        importance=_IMPORTANCE[r["importance"]],
        flags=Flag(r["flags"]),
        me_too=r["me_too"],
        title=r["title"] or "",
        text=r["text"] or "",
        address=r["address"] or "",
        address_is_private=bool(r["address_is_private"]),
        lat=r["lat"],
        lon=r["lon"],
        author=Author(
            name=r["author_name"] or "",
            phone=r["author_phone"] or "",
            email=r["author_email"] or "",
            profile_url=r["author_profile"] or "",
        ),
        url=r["url"] or "",
        created_at=_required(r["created_at"]),
        registered_at=from_epoch(r["registered_at"]),
        updated_at=from_epoch(r["updated_at"]),
        due_at=from_epoch(r["due_at"]),
        postponed_to=from_epoch(r["postponed_to"]),
        pauses=pauses_from_json(r["pauses"]),
        taken_by=r["taken_by"] or "",
        taken_at=from_epoch(r["taken_at"]),
        first_reaction_at=from_epoch(r["first_reaction_at"]),
        interim_answer=r["interim_answer"] or "",
        interim_answer_at=from_epoch(r["interim_answer_at"]),
        answer=r["answer"] or "",
        answered_at=from_epoch(r["answered_at"]),
        closed_at=from_epoch(r["closed_at"]),
        reopened_at=from_epoch(r["reopened_at"]),
        rework_count=r["rework_count"],
        rejection_reason=r["rejection_reason"],
        redirected_to=r["redirected_to"] or "",
        satisfaction_rating=r["satisfaction_rating"],
        satisfaction_reaction=_REACTION[reaction] if reaction else None,
        merged_into=r["merged_into"],
        attachments=attachments_from_json(r["attachments"]),
        suggestions=suggestions_from_json(r.get("suggestions")),
    )


def history_to_columns(h: HistoryEntry) -> dict[str, Any]:
    """The wire's ``History`` object with its details as JSON text (one column)."""
    columns: dict[str, Any] = history_to_wire(h)
    columns["details"] = orjson.dumps(dict(h.details)).decode() if h.details else None
    return columns


def columns_to_history(r: Mapping[Any, Any]) -> HistoryEntry:
    from_status, to_status, details = r["from_status"], r["to_status"], r["details"]
    return HistoryEntry(
        r["appeal_id"],
        _required(r["at"]),
        r["actor"],
        r["role"],
        r["action"],
        _STATUS[from_status] if from_status else None,
        _STATUS[to_status] if to_status else None,
        orjson.loads(details) if details else {},
    )
