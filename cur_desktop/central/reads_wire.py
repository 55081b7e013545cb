"""Snapshot pages rendered straight from the driver's rows into their wire form.

A snapshot page is the service's biggest answer (5,000 appeals and ~30,000 history
lines by default). Building a domain :class:`~cur_desktop.domain.appeal.Appeal` for
each row and encoding it again (``columns_to_appeal`` → ``appeal_to_wire``) cost
most of the first sync on the service side (issue 19: ~52 % reading rows and
history one domain object at a time, 27–29 % building the wire form). Here a row
becomes its wire dict directly: the stores keep an appeal in the wire's own
representation already (epoch seconds, JSON text for pauses, attachments,
suggestions and details; :mod:`cur_desktop.protocol.columns`), so only the
column-to-field renames and the "empty text is ``""``" rules remain.

The history of a page is read in **one** query: the page's own condition joined to
the history table, in (appeal, line) order.

Only for callers who see personal data: the wall and other masked roles go through
the domain path (:func:`cur_desktop.central.reads.snapshot_page`), whose masking is
the privacy module's. ``tests/central/test_reads_wire.py`` checks that both paths
give the same JSON for the same rows.
"""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Connection, select

from cur_desktop.central import schema as s

__all__ = ["APPEAL_COLUMNS", "HISTORY_COLUMNS", "appeal_row_to_wire", "page_history"]

_loads = orjson.loads

#: The ``appeals`` columns a wire appeal is made of, in the order the renderer reads.
APPEAL_COLUMNS = (
    "id", "source", "external_id", "kind", "created_at", "text", "status", "version",
    "title", "theme", "category", "subcategory", "municipality", "address",
    "address_is_private", "lat", "lon", "body", "executor", "author_name",
    "author_phone", "author_email", "author_profile", "url", "registered_at",
    "importance", "flags", "me_too", "taken_by", "taken_at", "due_at", "postponed_to",
    "pauses", "first_reaction_at", "interim_answer", "interim_answer_at", "answer",
    "answered_at", "closed_at", "reopened_at", "rework_count", "rejection_reason",
    "redirected_to", "satisfaction_rating", "satisfaction_reaction", "merged_into",
    "attachments", "updated_at", "suggestions",
)  # fmt: skip

HISTORY_COLUMNS = (
    "appeal_id", "at", "actor", "role", "action", "from_status", "to_status", "details",
    "id", "seq",
)  # fmt: skip


def appeal_select() -> Any:
    """``SELECT`` of the columns :func:`appeal_row_to_wire` reads, in its order."""
    return select(*(s.appeals.c[name] for name in APPEAL_COLUMNS))


def appeal_row_to_wire(r: tuple[Any, ...]) -> dict[str, Any]:
    """One row of :func:`appeal_select` as the protocol's ``Appeal`` object.

    The same JSON as ``appeal_to_wire(columns_to_appeal(row))`` for a row the service
    wrote (the codec's epoch seconds are stored as they are sent).
    """
    (
        id_, source, external_id, kind, created_at, text, status, version,
        title, theme, category, subcategory, municipality, address,
        address_is_private, lat, lon, body, executor, author_name,
        author_phone, author_email, author_profile, url, registered_at,
        importance, flags, me_too, taken_by, taken_at, due_at, postponed_to,
        pauses, first_reaction_at, interim_answer, interim_answer_at, answer,
        answered_at, closed_at, reopened_at, rework_count, rejection_reason,
        redirected_to, satisfaction_rating, satisfaction_reaction, merged_into,
        attachments, updated_at, suggestions,
    ) = r  # fmt: skip
    return {
        "id": id_,
        "source": source,
        "external_id": external_id,
        "kind": kind,
        "created_at": created_at,
        "text": text or "",
        "status": status,
        "version": version,
        "title": title or "",
        "theme": theme,
        "category": category,
        "subcategory": subcategory,
        "municipality": municipality,
        "address": address or "",
        "address_is_private": bool(address_is_private),
        "lat": lat,
        "lon": lon,
        "body": body,
        "executor": executor or "",
        "author": {
            "name": author_name or "",
            "phone": author_phone or "",
            "email": author_email or "",
            "profile_url": author_profile or "",
        },
        "url": url or "",
        "registered_at": registered_at,
        "importance": importance,
        "flags": flags,
        "me_too": me_too,
        "taken_by": taken_by or "",
        "taken_at": taken_at,
        "due_at": due_at,
        "postponed_to": postponed_to,
        "pauses": _loads(pauses) if pauses else [],
        "first_reaction_at": first_reaction_at,
        "interim_answer": interim_answer or "",
        "interim_answer_at": interim_answer_at,
        "answer": answer or "",
        "answered_at": answered_at,
        "closed_at": closed_at,
        "reopened_at": reopened_at,
        "rework_count": rework_count,
        "rejection_reason": rejection_reason,
        "redirected_to": redirected_to or "",
        "satisfaction_rating": satisfaction_rating,
        "satisfaction_reaction": satisfaction_reaction or None,
        "merged_into": merged_into,
        "attachments": _loads(attachments) if attachments else [],
        "updated_at": updated_at,
        "suggestions": _loads(suggestions) if suggestions else None,
    }


def page_history(conn: Connection, where: Any) -> dict[int, list[dict[str, Any]]]:
    """The wire history lines of the appeals ``where`` selects, per appeal, in order.

    One query: ``where`` is the page's own condition on ``appeals`` (its id range,
    scope and window), joined to the history lines.
    """
    h = s.history.c
    query = (
        select(*(h[name] for name in HISTORY_COLUMNS))
        .select_from(s.history.join(s.appeals, s.appeals.c.id == h.appeal_id))
        .where(where)
        .order_by(h.appeal_id, h.id)
    )
    out: dict[int, list[dict[str, Any]]] = {}
    current = -1
    lines: list[dict[str, Any]] = []
    for (
        appeal_id,
        at,
        actor,
        role,
        action,
        from_status,
        to_status,
        details,
        id_,
        seq,
    ) in conn.execute(query):
        if appeal_id != current:
            current = appeal_id
            lines = out[appeal_id] = []
        lines.append(
            {
                "appeal_id": appeal_id,
                "at": at,
                "actor": actor,
                "role": role,
                "action": action,
                "from_status": from_status or None,
                "to_status": to_status or None,
                "details": _loads(details) if details else {},
                "id": id_,
                "seq": seq,
            }
        )
    return out
