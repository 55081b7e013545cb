"""Custom queues an operator saved: rows of the cache's ``saved_queries`` table.

A saved queue is the queue it was made from (its navigator key) plus the filter
bar's values, as JSON::

    {"version": 1, "base": "open", "filters": {"text": "яма", "municipality": "70701000"}}

Each belongs to one owner (the signed-in login, ``local`` without one), so operators
sharing a workstation keep their own. They are local settings of the workstation,
not appeals: the console writes them itself, through :func:`save_queue` and
:func:`delete_saved` (the one table outside the sync engine's that a screen
changes, so that write lives here beside the read rather than in the screen).

Qt-free; any thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError

from cur_desktop.cache import schema
from cur_desktop.cache.queries.filters import FORMAT_VERSION, FilterValues
from cur_desktop.clock import epoch

log = logging.getLogger(__name__)

S = schema.saved_queries


@dataclass(frozen=True, slots=True)
class SavedQueue:
    id: int
    owner: str
    name: str
    base: str  # the navigator key it narrows
    filters: FilterValues
    position: int

    @property
    def key(self) -> str:
        return f"saved:{self.id}"


class DuplicateNameError(ValueError):
    """The owner already has a saved queue of that name."""


def list_saved(engine: Engine, owner: str) -> list[SavedQueue]:
    query = select(S).where(S.c.owner == owner).order_by(S.c.position, S.c.id)
    out = []
    with engine.connect() as conn:
        for row in conn.execute(query).mappings():
            parsed = _parse(row["query"])
            if parsed is None:
                log.warning("saved queue %s has an unreadable query: skipped", row["id"])
                continue
            base, filters = parsed
            out.append(
                SavedQueue(row["id"], row["owner"], row["name"], base, filters, row["position"])
            )
    return out


def save_queue(engine: Engine, owner: str, name: str, base: str, filters: FilterValues) -> int:
    """Store a new saved queue at the end of the owner's list; return its id."""
    doc = {"version": FORMAT_VERSION, "base": base, "filters": filters.to_json()}
    payload = orjson.dumps(doc).decode()
    try:
        with engine.begin() as conn:
            position = conn.execute(
                select(func.coalesce(func.max(S.c.position), -1) + 1).where(S.c.owner == owner)
            ).scalar_one()
            result = conn.execute(
                S.insert().values(
                    owner=owner,
                    name=name,
                    query=payload,
                    position=int(position),
                    created_at=epoch(),
                )
            )
    except IntegrityError as exc:
        raise DuplicateNameError(name) from exc
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def delete_saved(engine: Engine, saved_id: int) -> None:
    with engine.begin() as conn:
        conn.execute(delete(S).where(S.c.id == saved_id))


def _parse(raw: str) -> tuple[str, FilterValues] | None:
    try:
        doc: Any = orjson.loads(raw)
        if not isinstance(doc, dict):
            return None
        filters = doc.get("filters") or {}
        if not isinstance(filters, dict):
            return None
        return str(doc.get("base") or "open"), FilterValues.from_json(filters)
    except (orjson.JSONDecodeError, ValueError, TypeError):
        return None
