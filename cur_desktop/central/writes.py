"""The one path by which appeals are written: rows, deadlines, feed positions, history.

Every writer (operator actions, the bulk import, demo seeding, the demo activity
generator) builds :class:`Write` objects and hands them to :func:`commit_writes`
inside its own transaction. Here the deadline is recomputed by the SLA engine
(``due_at`` is stored on every write), the appeal rows are inserted or updated
with an optimistic version guard, and then, last, the feed positions are taken
and the history lines recorded with the position that added them
(:mod:`cur_desktop.central.feed` explains why the order matters).

Appeal ids are handed out by :func:`allocate_ids` rather than by the database,
so that demo data and imports that already carry ids keep them: a PostgreSQL
sequence (never rolled back, never reused) or, on SQLite, the current maximum
under the exclusive write lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Update, bindparam, func, insert, select, text, update

from cur_desktop.central import feed
from cur_desktop.central import schema as s
from cur_desktop.central.privacy import (
    FULL_MASK_BATCH,
    MASKED_COLUMNS,
    masked_columns,
    needs_masking,
)
from cur_desktop.central.region import Region
from cur_desktop.central.rows import appeal_to_row, history_to_row
from cur_desktop.central.suggest import annotate_new
from cur_desktop.domain.appeal import Appeal, HistoryEntry, evolve


class WriteConflictError(Exception):
    """An appeal changed under a writer that did not hold its row: retry the transaction."""


@dataclass(frozen=True, slots=True)
class Write:
    """One appeal's change: its state before (None: new), after, the history it adds."""

    before: Appeal | None
    after: Appeal
    history: tuple[HistoryEntry, ...]
    op: str


@dataclass(frozen=True, slots=True)
class Written:
    appeal: Appeal  # as stored, with the recomputed deadline
    seq: int


def allocate_ids(conn: Connection, count: int) -> list[int]:
    """``count`` fresh appeal ids (inside a writing transaction)."""
    if count <= 0:
        return []
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text("SELECT nextval('appeal_id_seq') FROM generate_series(1, :n)"), {"n": count}
        )
        return sorted(int(r[0]) for r in rows)
    start = int(conn.execute(select(func.coalesce(func.max(s.appeals.c.id), 0))).scalar_one())
    return list(range(start + 1, start + 1 + count))


def keep_ids_above(conn: Connection, max_id: int) -> None:
    """After inserting appeals with ids of their own: never hand those ids out again."""
    if conn.dialect.name == "postgresql" and max_id > 0:
        conn.execute(
            text(
                "SELECT setval('appeal_id_seq',"
                " GREATEST(:m, (SELECT last_value FROM appeal_id_seq)))"
            ),
            {"m": max_id},
        )


# the masked texts change only with what they are masked from (_REMASK below)
_UPDATE_COLUMNS = [
    c.name for c in s.appeals.columns if c.name != "id" and c.name not in MASKED_COLUMNS
]


def _update_statement() -> Update:
    a = s.appeals.c
    return (
        update(s.appeals)
        .where(a.id == bindparam("b_id"), a.version == bindparam("b_version"))
        .values({name: bindparam(name) for name in _UPDATE_COLUMNS})
    )


_UPDATE = _update_statement()
_REMASK = (
    update(s.appeals)
    .where(s.appeals.c.id == bindparam("b_id"))
    .values({name: bindparam(name) for name in MASKED_COLUMNS})
)


def commit_writes(
    conn: Connection, writes: Sequence[Write], region: Region, now: datetime
) -> list[Written]:
    """Store ``writes`` (in one transaction the caller owns); returns them with positions."""
    if not writes:
        return []
    stored = [evolve(w.after, {"due_at": region.due_at(w.after, now)}) for w in writes]
    stored = annotate_new(conn, stored, [w.before is None for w in writes])  # new: suggestions
    # masked once, here, for roles without personal data (central.privacy): never per read;
    # a bulk write by the rules only, the name model added by the background re-mask
    model = len(writes) <= FULL_MASK_BATCH
    new_rows = [
        {**appeal_to_row(a), **masked_columns(a, model=model)}
        for w, a in zip(writes, stored, strict=True)
        if w.before is None
    ]
    remask = [
        {"b_id": a.id, **masked_columns(a, model=model)}
        for w, a in zip(writes, stored, strict=True)
        if w.before is not None and needs_masking(w.before, a)
    ]
    changed = [
        (w.before, appeal_to_row(a))
        for w, a in zip(writes, stored, strict=True)
        if w.before is not None
    ]
    if new_rows:
        conn.execute(insert(s.appeals), new_rows)
    if changed:
        params = []
        for before, row in changed:
            assert before is not None
            params.append({"b_id": before.id, "b_version": before.version, **row})
        result = conn.execute(_UPDATE, params)
        if conn.dialect.supports_sane_multi_rowcount and result.rowcount != len(params):
            raise WriteConflictError("an appeal changed while it was being written")
    if remask:
        conn.execute(_REMASK, remask)
    entries = [
        feed.FeedEntry(
            appeal_id=a.id,
            version=a.version,
            op=w.op,
            municipality_before=w.before.municipality if w.before else a.municipality,
            theme_before=w.before.theme if w.before else a.theme,
            municipality_after=a.municipality,
            theme_after=a.theme,
        )
        for w, a in zip(writes, stored, strict=True)
    ]
    positions = feed.append(conn, entries, now.timestamp())
    history_rows = [
        history_to_row(h, seq) for w, seq in zip(writes, positions, strict=True) for h in w.history
    ]
    if history_rows:
        conn.execute(insert(s.history), history_rows)
    return [Written(a, seq) for a, seq in zip(stored, positions, strict=True)]
