"""Bulk import: records from the importers (ПОС, ИМ, Open311, CSV) into appeals, all or nothing.

``import_appeals(records, *, actor)`` matches each record on ``(source,
external_id)``: unknown ones become new appeals, known ones are updated only when
the source says something new — then they get a new version, a feed change and a
history line ``import`` naming the changed fields. The whole batch is one
transaction: a record the service refuses (an unknown dictionary code, an
impossible value) rejects the batch with :class:`ImportRejected` naming its row,
and nothing is half-imported.

What a re-import may overwrite. Sources cannot say "unknown", so a neutral value
means "the source says nothing" and keeps what ЦУР has: an empty text, a missing
code (an operator may have categorised the appeal), status ``new``, importance
``normal``; flags are added, never removed (but «требует категоризации» is not added
to an appeal that has a category by now); ``created_at`` is kept when the source
gave none (``created_at_known``). A status from the source is taken as it is, not
replayed through the lifecycle: the source processed the appeal outside ЦУР and
its state is a fact to record, which the history line does.

A deadline the source reports (``due_at``) is kept as a postponement when it is
later than the one our SLA rules give, so the SLA engine honours it; an earlier
one is ignored (our rules are the floor).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from cur_desktop.central import schema as s
from cur_desktop.central.db import write_tx
from cur_desktop.central.errors import ImportRejected
from cur_desktop.central.region import Region
from cur_desktop.central.writes import Write, WriteConflictError, allocate_ids, commit_writes
from cur_desktop.chunks import chunks
from cur_desktop.domain.appeal import Appeal, Author, HistoryEntry, evolve
from cur_desktop.domain.enums import Flag, Importance, Role, Source, Status
from cur_desktop.domain.lifecycle import creation_entry
from cur_desktop.protocol.columns import columns_to_appeal

if TYPE_CHECKING:
    from cur_desktop.central.importers.records import ImportedAppeal

log = logging.getLogger(__name__)

Key = tuple[Source, str]

_NEUTRAL: dict[str, Any] = {"status": Status.NEW, "importance": Importance.NORMAL}
_NOT_OVERLAID = frozenset({"source", "external_id", "due_at", "updated_at"})
_CODES = (
    ("theme", "theme"),
    ("category", "category"),
    ("subcategory", "category"),
    ("municipality", "municipality"),
    ("body", "body"),
    ("rejection_reason", "rejection_reason"),
)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int
    head: int | None  # the last feed position the import took, None if it wrote nothing

    def to_dict(self) -> dict[str, int | None]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "head": self.head,
        }


@dataclass
class _Pending:
    before: Appeal | None
    current: Appeal
    history: list[HistoryEntry]


def _check_codes(region: Region, record: ImportedAppeal) -> None:
    d = region.dicts
    lookups: dict[str, Callable[[str], object]] = {
        "theme": d.theme,
        "category": d.category,
        "municipality": d.municipality,
        "body": d.body,
        "rejection_reason": d.rejection_reason,
    }
    for name, kind in _CODES:
        code = getattr(record, name)
        if code is not None and lookups[kind](code) is None:
            raise ImportRejected(record.row, f"unknown {name.replace('_', ' ')} code {code!r}")


def _says_nothing(name: str, value: Any) -> bool:
    if value is None or value in ("", ()):
        return True
    return name in _NEUTRAL and value == _NEUTRAL[name]


def _overlay(existing: Appeal, record: ImportedAppeal) -> dict[str, Any]:
    """The fields the record changes on ``existing`` (see the module docstring)."""
    changes: dict[str, Any] = {}
    for name, given in record.appeal_fields().items():
        if name in _NOT_OVERLAID or (name == "created_at" and not record.created_at_known):
            continue
        value = given
        if name == "author":
            old = existing.author
            value = Author(
                name=given.name or old.name,
                phone=given.phone or old.phone,
                email=given.email or old.email,
                profile_url=given.profile_url or old.profile_url,
            )
        elif name == "flags":
            flags = Flag(given)
            if existing.category is not None:
                # categorised in ЦУР (or since): the import's doubt is settled
                flags &= ~Flag.NEEDS_CATEGORY
            value = existing.flags | flags
        elif _says_nothing(name, given):
            continue
        if getattr(existing, name) != value:
            changes[name] = value
    return changes


def _with_source_deadline(
    appeal: Appeal, record: ImportedAppeal, region: Region, now: datetime
) -> Appeal:
    due = record.due_at
    if due is None or (appeal.postponed_to is not None and due <= appeal.postponed_to):
        return appeal
    if due > region.due_at(appeal, now):
        return evolve(appeal, {"postponed_to": due})
    return appeal


def _existing(conn: Connection, keys: set[Key]) -> dict[Key, Appeal]:
    a = s.appeals.c
    out: dict[Key, Appeal] = {}
    by_source: dict[Source, list[str]] = {}
    for source, external_id in keys:
        by_source.setdefault(source, []).append(external_id)
    for source, ids in by_source.items():
        for part in chunks(sorted(ids)):
            query = (
                select(s.appeals)
                .where(a.source == source.value, a.external_id.in_(part))
                .order_by(a.id)
            )
            if conn.dialect.name == "postgresql":
                query = query.with_for_update()
            for row in conn.execute(query).mappings():
                appeal = columns_to_appeal(row)
                out[(appeal.source, appeal.external_id)] = appeal
    return out


def _new_appeal(
    appeal_id: int, record: ImportedAppeal, actor: str, region: Region, now: datetime
) -> _Pending:
    fields = record.appeal_fields()
    fields.pop("due_at", None)
    fields["updated_at"] = now
    try:
        appeal = Appeal(id=appeal_id, version=1, **fields)
    except (TypeError, ValueError) as exc:
        raise ImportRejected(record.row, str(exc)) from exc
    appeal = _with_source_deadline(appeal, record, region, now)
    return _Pending(None, appeal, [creation_entry(appeal, actor, Role.SYSTEM)])


def _keep_originals(
    conn: Connection, batch: list[ImportedAppeal], pending: dict[Key, _Pending]
) -> None:
    """The sources' own texts of converted fields, for the appeals this import wrote."""
    rows = {
        (pending[r.key].current.id, name): original
        for r in batch
        if r.key in pending
        for name, original in r.originals
    }
    updated = sorted(p.current.id for p in pending.values() if p.before is not None)
    t = s.import_originals.c
    for part in chunks(updated):  # the written version's originals replace the old ones
        conn.execute(delete(s.import_originals).where(t.appeal_id.in_(part)))
    if not rows:
        return
    conn.execute(
        insert(s.import_originals),
        [{"appeal_id": a, "field": f, "original": o} for (a, f), o in rows.items()],
    )


#: Times a batch is tried when a concurrent import of the same records wins the race.
RACE_ATTEMPTS = 5


def import_appeals(
    engine: Engine,
    region: Region,
    now: datetime,
    records: Iterable[ImportedAppeal],
    *,
    actor: str,
) -> ImportSummary:
    """Create or update appeals from ``records`` in one transaction (module docstring).

    Two imports of the same new records at once (PostgreSQL, several processes) both
    try to create them; the one that commits second fails on ``(source,
    external_id)``, or on a version another import moved. Its transaction has rolled
    back whole, so the batch is simply tried again: the records are now known and are
    matched, so the result is the same as one import.
    """
    batch = list(records)
    for record in batch:
        _check_codes(region, record)
    for attempt in range(1, RACE_ATTEMPTS + 1):
        try:
            return _import_batch(engine, region, now, batch, actor=actor)
        except (IntegrityError, WriteConflictError) as exc:
            if attempt == RACE_ATTEMPTS or not _lost_a_race(exc):
                raise
            log.info("import batch met a concurrent import (attempt %d): trying again", attempt)
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def _lost_a_race(exc: Exception) -> bool:
    """A concurrent writer created the same record or moved its version first."""
    if isinstance(exc, WriteConflictError):
        return True
    constraint = getattr(getattr(getattr(exc, "orig", None), "diag", None), "constraint_name", "")
    text = f"{constraint} {exc.orig}" if isinstance(exc, IntegrityError) else ""
    return "uq_appeals_source_external" in text or "appeals.source, appeals.external_id" in text


def _import_batch(
    engine: Engine,
    region: Region,
    now: datetime,
    batch: list[ImportedAppeal],
    *,
    actor: str,
) -> ImportSummary:
    created = updated = unchanged = 0
    with write_tx(engine) as conn:
        existing = _existing(conn, {r.key for r in batch})
        fresh_keys = list(dict.fromkeys(r.key for r in batch if r.key not in existing))
        ids = dict(zip(fresh_keys, allocate_ids(conn, len(fresh_keys)), strict=True))
        pending: dict[Key, _Pending] = {}
        for record in batch:
            state = pending.get(record.key)
            if state is None and record.key in ids:
                pending[record.key] = _new_appeal(ids[record.key], record, actor, region, now)
                created += 1
                continue
            if state is None:
                base = existing[record.key]
                state = _Pending(base, base, [])
            changes = _overlay(state.current, record)
            try:
                candidate = evolve(state.current, {**changes, "updated_at": now})
            except (TypeError, ValueError) as exc:
                raise ImportRejected(record.row, str(exc)) from exc
            candidate = _with_source_deadline(candidate, record, region, now)
            if candidate.postponed_to != state.current.postponed_to:
                changes["postponed_to"] = candidate.postponed_to
            if not changes:
                unchanged += 1
                continue
            updated += 1
            state.history.append(
                HistoryEntry(
                    appeal_id=candidate.id,
                    at=now,
                    actor=actor,
                    role=Role.SYSTEM.value,
                    action="import",
                    from_status=state.current.status,
                    to_status=candidate.status,
                    details={
                        "source": record.source.value,
                        "external_id": record.external_id,
                        "changed": ",".join(sorted(changes)),
                    },
                )
            )
            state.current = candidate
            pending[record.key] = state
        writes = []
        for state in pending.values():
            if state.before is None:
                writes.append(Write(None, state.current, tuple(state.history), "create"))
            else:
                after = evolve(state.current, {"version": state.before.version + 1})
                writes.append(Write(state.before, after, tuple(state.history), "import"))
        written = commit_writes(conn, writes, region, now)
        _keep_originals(conn, batch, pending)
    head = written[-1].seq if written else None
    return ImportSummary(created, updated, unchanged, head)
