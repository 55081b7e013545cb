"""Conversion between domain objects and rows of the central tables.

Rows are plain dicts of column values (epoch seconds, JSON text); everything
above the storage layer works with frozen :class:`~cur_desktop.domain.Appeal`
objects. ``window_at`` is derived here, in one place: NULL while an appeal is
open, otherwise the moment it left the queue (closed, answered, rejected…),
which is what the snapshot's "closed within N days" window compares.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import orjson

from cur_desktop.central.wire import (
    attachments_from_wire,
    attachments_to_wire,
    epoch,
    pauses_from_wire,
    pauses_to_wire,
)
from cur_desktop.domain.appeal import Appeal, Author, HistoryEntry
from cur_desktop.domain.enums import Flag, Importance, Kind, Reaction, Source, Status

# Reading rows is the hot path of snapshot pages: plain dict lookups, no validation
# (the database holds only what appeal_to_row wrote).
_STATUS = {s.value: s for s in Status}
_SOURCE = {s.value: s for s in Source}
_KIND = {k.value: k for k in Kind}
_IMPORTANCE = {i.value: i for i in Importance}
_fromtimestamp = datetime.fromtimestamp


def from_epoch(value: float | None) -> datetime | None:
    return None if value is None else _fromtimestamp(value, UTC)


def window_at(a: Appeal) -> float | None:
    if a.status.is_open:
        return None
    finished = a.closed_at or a.answered_at or a.updated_at or a.created_at
    return finished.timestamp()


def appeal_to_row(a: Appeal) -> dict[str, Any]:
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
        "pauses": orjson.dumps(pauses_to_wire(a.pauses)).decode() if a.pauses else None,
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
        "attachments": (
            orjson.dumps(attachments_to_wire(a.attachments)).decode() if a.attachments else None
        ),
        "window_at": window_at(a),
    }


def row_to_appeal(r: Mapping[Any, Any]) -> Appeal:
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
        created_at=_fromtimestamp(r["created_at"], UTC),
        registered_at=from_epoch(r["registered_at"]),
        updated_at=from_epoch(r["updated_at"]),
        due_at=from_epoch(r["due_at"]),
        postponed_to=from_epoch(r["postponed_to"]),
        pauses=pauses_from_wire(orjson.loads(r["pauses"])) if r["pauses"] else (),
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
        attachments=attachments_from_wire(orjson.loads(r["attachments"]))
        if r["attachments"]
        else (),
    )


def history_to_row(h: HistoryEntry, seq: int) -> dict[str, Any]:
    return {
        "appeal_id": h.appeal_id,
        "seq": seq,
        "at": h.at.timestamp(),
        "actor": h.actor,
        "role": h.role,
        "action": h.action,
        "from_status": h.from_status.value if h.from_status is not None else None,
        "to_status": h.to_status.value if h.to_status is not None else None,
        "details": orjson.dumps(dict(h.details)).decode() if h.details else None,
    }


def row_to_history(r: Mapping[Any, Any]) -> HistoryEntry:
    from_status, to_status, details = r["from_status"], r["to_status"], r["details"]
    return HistoryEntry(
        r["appeal_id"],
        _fromtimestamp(r["at"], UTC),
        r["actor"],
        r["role"],
        r["action"],
        _STATUS[from_status] if from_status else None,
        _STATUS[to_status] if to_status else None,
        orjson.loads(details) if details else {},
    )
