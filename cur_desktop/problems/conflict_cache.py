"""Conflict situations in the local cache: the «Конфликтные» queue and its counts.

:func:`find_conflicts` reads the facts the rules need from the cache (open appeals,
appeals changed within :data:`RECENT_DAYS` — a low rating arrives on a closed one —
and, as the other side of a repeat, anything created within the rules' look-back),
detects with :func:`cur_desktop.problems.conflicts.detect` and attaches each
appeal's newest ``resolve_conflict`` from its history.

:func:`conflict_query` is the console's queue of the open ones; :func:`conflict_counts`
the figures for the desk, the reports and the wall (no personal data in them).

Qt-free; any thread (a few statements and one pass in Python: about a second for
the demo's 5,000 appeals the first time, the lemmas are cached after that).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Engine, select

from cur_desktop.bulk import collector_paused
from cur_desktop.cache import QueueFilter, schema
from cur_desktop.cache.db import fetch_tuples
from cur_desktop.cache.queries.queue import Order, QueueQuery
from cur_desktop.domain.enums import Action, Status
from cur_desktop.domain.numbers import display_number
from cur_desktop.problems.conflict_rules import ConflictRules
from cur_desktop.problems.conflicts import (
    DAY,
    AppealFacts,
    Conflict,
    Resolution,
    address_key,
    author_key,
    detect,
)

A = schema.appeals
H = schema.history
#: A closed appeal stays a candidate this long after its last change (a rating, a reopening).
RECENT_DAYS = 30
_CHUNK = 900


@dataclass(frozen=True, slots=True)
class ConflictCounts:
    """How many conflict situations there are; no appeal or person named."""

    open: int
    resolved: int
    not_resolved: int  # a resolution was tried and recorded as not settled
    by_reason: dict[str, int]  # open conflicts per reason code (one appeal may count twice)


def _text_of(title: str | None, text: str | None) -> str:
    return " ".join(p for p in (title, text) if p)


#: what the rules read of an appeal: the candidates (open, or changed since ``:recent``)
#: first, then anything created within the look-back as the earlier side of a repeat
_FACTS_SQL = (
    "SELECT is_open = 1 OR coalesce(updated_at, created_at) >= :recent, id, created_at, "
    "title, text, source, coalesce(nullif(subcategory, ''), category), municipality, "
    "author_name, author_phone, author_email, author_profile, address, "
    "satisfaction_rating, satisfaction_reaction, "
    "reopened_at IS NOT NULL OR status = :reopened, flags, me_too "
    "FROM appeals WHERE is_open = 1 OR updated_at >= :recent OR created_at >= :look_back"
)


def _read_facts(
    engine: Engine, now: float, look_back_days: float
) -> tuple[list[AppealFacts], list[int]]:
    """The facts of every appeal the rules may read, and the ids that may be conflicts.

    Candidates: the open appeals and those changed within :data:`RECENT_DAYS`; the
    others (created within the look-back) are read as the earlier side of a repeat.
    A million-appeal cache has ~300 k such rows: they are read as plain tuples
    (:func:`~cur_desktop.cache.db.fetch_tuples`), and the folded keys of an address
    or an author seen before are not folded again. Only the earlier appeals a
    candidate can point at (by author or address) are kept.
    """
    params = {
        "recent": now - RECENT_DAYS * DAY,
        "look_back": now - (RECENT_DAYS + look_back_days) * DAY,
        "reopened": Status.REOPENED.value,
    }
    rows = fetch_tuples(engine, _FACTS_SQL, params)
    # the folded keys first: an earlier appeal is only ever looked up by a candidate's
    # author or address, so one that shares neither with any candidate is left out
    addresses: dict[str | None, str] = {}
    authors: dict[tuple[str | None, ...], str] = {}
    author_of: list[str] = []
    address_of: list[str] = []
    wanted_authors: set[str] = set()
    wanted_addresses: set[str] = set()
    for row in rows:
        address = row[12]
        folded = addresses.get(address)
        if folded is None:
            folded = addresses[address] = address_key(address)
        contact = row[8:12]
        author = authors.get(contact)
        if author is None:
            author = authors[contact] = author_key(*contact)
        author_of.append(author)
        address_of.append(folded)
        if row[0]:
            wanted_authors.add(author)
            wanted_addresses.add(folded)
    wanted_authors.discard("")
    wanted_addresses.discard("")
    facts: list[AppealFacts] = []
    candidates: list[int] = []
    for (
        is_candidate,
        id_,
        created_at,
        title,
        text,
        source,
        category,
        municipality,
        *_contact,
        _address,
        rating,
        reaction,
        reopened,
        flags,
        me_too,
    ), author, folded in zip(rows, author_of, address_of, strict=True):
        if not is_candidate and author not in wanted_authors and folded not in wanted_addresses:
            continue
        facts.append(
            AppealFacts(
                id_,
                float(created_at),
                _text_of(title, text),
                source or "",
                category,
                municipality,
                author,
                folded,
                rating,
                reaction,
                bool(reopened),
                flags or 0,
                me_too or 0,
            )
        )
        if is_candidate:
            candidates.append(id_)
    return facts, candidates


def resolutions(engine: Engine, appeal_ids: list[int]) -> dict[int, Resolution]:
    """The newest ``resolve_conflict`` of each of these appeals that has one."""
    found: dict[int, Resolution] = {}
    with engine.connect() as conn:
        for start in range(0, len(appeal_ids), _CHUNK):
            chunk = appeal_ids[start : start + _CHUNK]
            rows = conn.execute(
                select(H.c.appeal_id, H.c.at, H.c.actor, H.c.details)
                .where(H.c.action == Action.RESOLVE_CONFLICT.value, H.c.appeal_id.in_(chunk))
                .order_by(H.c.at, H.c.id)
            )
            for row in rows:
                details = orjson.loads(row.details) if row.details else {}
                reasons = str(details.get("reasons") or "")
                found[int(row.appeal_id)] = Resolution(
                    resolved=bool(details.get("resolved", True)),
                    how=str(details.get("how") or ""),
                    reasons=frozenset(r for r in reasons.split(",") if r),
                    at=float(row.at),
                    actor=str(row.actor),
                )
    return found


@collector_paused()
def find_conflicts(engine: Engine, rules: ConflictRules, now: datetime) -> list[Conflict]:
    """Every conflict situation among the open and recently changed appeals, newest first."""
    if not rules.enabled:
        return []
    facts, candidates = _read_facts(engine, now.timestamp(), rules.look_back_days)
    found = detect(facts, rules, only=candidates)
    settled = resolutions(engine, sorted(found))
    created = {f.id: f.created_at for f in facts}
    return [
        Conflict(appeal_id, reasons, settled.get(appeal_id))
        for appeal_id, reasons in sorted(found.items(), key=lambda kv: (-created[kv[0]], -kv[0]))
    ]


def open_conflicts(engine: Engine, rules: ConflictRules, now: datetime) -> list[Conflict]:
    """The conflict situations not settled yet (the «Конфликтные» queue)."""
    return [c for c in find_conflicts(engine, rules, now) if c.open]


def conflict_query(conflicts: list[Conflict]) -> QueueQuery:
    """The queue of these conflicts' appeals (closed ones too: a low rating closes)."""
    ids = tuple(c.appeal_id for c in conflicts if c.open)
    return QueueQuery(flt=QueueFilter(open_only=False, ids=ids), order=Order.NEWEST)


def count_conflicts(conflicts: list[Conflict]) -> ConflictCounts:
    open_ = [c for c in conflicts if c.open]
    reasons: Counter[str] = Counter(code for c in open_ for code in c.codes)
    not_resolved = sum(1 for c in open_ if c.resolution is not None)
    return ConflictCounts(
        open=len(open_),
        resolved=len(conflicts) - len(open_),
        not_resolved=not_resolved,
        by_reason=dict(sorted(reasons.items())),
    )


def conflict_counts(engine: Engine, rules: ConflictRules, now: datetime) -> ConflictCounts:
    """The conflict figures for the desk, the reports and the wall (Qt-free, any thread)."""
    return count_conflicts(find_conflicts(engine, rules, now))


@dataclass(frozen=True, slots=True)
class ConflictRow:
    """One open conflict as the console lists it: numbers, not names."""

    conflict: Conflict
    number: str
    received: float  # seconds since the epoch, UTC
    status: str
    earlier: dict[int, str]  # the earlier appeals its reasons point at: id → number


def conflict_rows(engine: Engine, conflicts: list[Conflict]) -> list[ConflictRow]:
    """The rows of these conflicts with their numbers and their earlier appeals' numbers."""
    ids = {c.appeal_id for c in conflicts}
    ids |= {r.earlier_id for c in conflicts for r in c.reasons if r.earlier_id is not None}
    found: dict[int, Any] = {}
    ordered = sorted(ids)
    with engine.connect() as conn:
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            for hit in conn.execute(
                select(A.c.id, A.c.created_at, A.c.status).where(A.c.id.in_(chunk))
            ):
                found[int(hit.id)] = hit
    rows: list[ConflictRow] = []
    for c in conflicts:
        row = found.get(c.appeal_id)
        if row is None:
            continue
        earlier = {
            r.earlier_id: display_number(r.earlier_id)
            for r in c.reasons
            if r.earlier_id is not None and r.earlier_id in found
        }
        rows.append(
            ConflictRow(c, display_number(c.appeal_id), float(row.created_at), row.status, earlier)
        )
    return rows
