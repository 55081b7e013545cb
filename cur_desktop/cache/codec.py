"""Conversion between :class:`~cur_desktop.domain.Appeal` and cache rows.

Rows are plain dicts of column values (epoch seconds, JSON text); queries turn
them back into frozen domain objects, so no ORM object or SQL row ever reaches
a widget. Kept free of SQLAlchemy so the sync engine and the benchmark can
build rows without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import orjson

from cur_desktop.domain.appeal import Appeal, Attachment, Author, HistoryEntry, Pause
from cur_desktop.domain.enums import Flag, Importance, Kind, Reaction, Source, Status


def epoch(dt: datetime | None) -> float | None:
    return None if dt is None else dt.timestamp()


def from_epoch(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, tz=UTC)


def _pauses_json(pauses: tuple[Pause, ...]) -> str | None:
    if not pauses:
        return None
    return orjson.dumps([[p.start.timestamp(), epoch(p.end)] for p in pauses]).decode()


def _pauses(raw: str | None) -> tuple[Pause, ...]:
    if not raw:
        return ()
    out = []
    for start, end in orjson.loads(raw):
        begin = from_epoch(start)
        assert begin is not None
        out.append(Pause(begin, from_epoch(end)))
    return tuple(out)


def _attachments_json(items: tuple[Attachment, ...]) -> str | None:
    if not items:
        return None
    return orjson.dumps([{"name": a.name, "url": a.url, "size": a.size} for a in items]).decode()


def _attachments(raw: str | None) -> tuple[Attachment, ...]:
    if not raw:
        return ()
    return tuple(Attachment(d["name"], d["url"], d.get("size")) for d in orjson.loads(raw))


def appeal_to_row(a: Appeal) -> dict[str, Any]:
    return {
        "id": a.id,
        "version": a.version,
        "source": a.source.value,
        "external_id": a.external_id,
        "kind": a.kind.value,
        "status": a.status.value,
        "is_open": 1 if a.status.is_open else 0,
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
        "address_is_private": 1 if a.address_is_private else 0,
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
        "pauses": _pauses_json(a.pauses),
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
            a.satisfaction_reaction.value if a.satisfaction_reaction else None
        ),
        "merged_into": a.merged_into,
        "attachments": _attachments_json(a.attachments),
    }


def row_to_appeal(r: Mapping[Any, Any]) -> Appeal:
    created = from_epoch(r["created_at"])
    assert created is not None
    reaction = r["satisfaction_reaction"]
    return Appeal(
        id=r["id"],
        version=r["version"],
        source=Source(r["source"]),
        external_id=r["external_id"],
        kind=Kind(r["kind"]),
        status=Status(r["status"]),
        theme=r["theme"],
        category=r["category"],
        subcategory=r["subcategory"],
        municipality=r["municipality"],
        body=r["body"],
        executor=r["executor"] or "",
        importance=Importance(r["importance"]),
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
        created_at=created,
        registered_at=from_epoch(r["registered_at"]),
        updated_at=from_epoch(r["updated_at"]),
        due_at=from_epoch(r["due_at"]),
        postponed_to=from_epoch(r["postponed_to"]),
        pauses=_pauses(r["pauses"]),
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
        satisfaction_reaction=Reaction(reaction) if reaction else None,
        merged_into=r["merged_into"],
        attachments=_attachments(r["attachments"]),
    )


def history_to_row(h: HistoryEntry) -> dict[str, Any]:
    return {
        "appeal_id": h.appeal_id,
        "at": h.at.timestamp(),
        "actor": h.actor,
        "role": h.role,
        "action": h.action,
        "from_status": h.from_status.value if h.from_status else None,
        "to_status": h.to_status.value if h.to_status else None,
        "details": orjson.dumps(dict(h.details)).decode() if h.details else None,
    }


def row_to_history(r: Mapping[Any, Any]) -> HistoryEntry:
    at = from_epoch(r["at"])
    assert at is not None
    return HistoryEntry(
        appeal_id=r["appeal_id"],
        at=at,
        actor=r["actor"],
        role=r["role"],
        action=r["action"],
        from_status=Status(r["from_status"]) if r["from_status"] else None,
        to_status=Status(r["to_status"]) if r["to_status"] else None,
        details=orjson.loads(r["details"]) if r["details"] else {},
    )
