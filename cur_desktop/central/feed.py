"""The change feed: positions that readers can never skip, even when writers commit out of order.

Why a naive feed skips changes: if a transaction takes position 7 from a
sequence, then works for a while, a second transaction may take 8 and commit
first. A reader that sees 8 stores cursor 8, and 7, committed later, is never
read again. Timestamps fail the same way (and clocks skew).

How this feed avoids it (``docs/sync-protocol.md``, Change feed): positions come
from a one-row counter, ``feed_counter``, updated as the *last* statement of each
writing transaction (``UPDATE … SET value = value + n RETURNING value``), followed
only by the inserts that record the change. The UPDATE takes the row lock, which
PostgreSQL keeps until the transaction ends, so a second writer's UPDATE waits
until the first has committed (or rolled back) and then reads the new value.
Positions are therefore handed out in commit order, and PostgreSQL makes a
commit visible before it releases the locks: whoever sees position N sees every
position below N. SQLite serialises whole writing transactions anyway
(``BEGIN IMMEDIATE``). All work that can be slow (reading, checks, the SLA
engine, the appeal's own UPDATE) happens before the counter is touched, so the
lock is held only for a few inserts. ``tests/central/test_feed_postgres.py``
proves the property with concurrent writers on real PostgreSQL.

**Identity** (``docs/sync-protocol.md``, Change feed): a restore from a backup takes
the feed back to an older head, and new writes then hand out positions a workstation
believes it has read. Two things make that visible. The feed has an *epoch*, a random
value stored beside the counter and rotated by ``cur-central restore``; and every
position has a *mark*, a digest of the epoch and the feed row at that position
(appeal, version, operation, time). The service sends the mark of the position a page
ends at (``X-Feed-Mark``); the workstation sends it back with ``after=`` and the
service refuses with ``409 feed_changed`` when the row it holds there is not the one
the workstation read (restored, replaced, or rotated), so the workstation takes the
service's state afresh instead of reading on past positions it never saw.

On PostgreSQL each transaction that appends also sends ``NOTIFY cur_feed,
'<last seq>'``; PostgreSQL delivers it on commit, to every process listening
(:mod:`cur_desktop.central.notify`).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Row, insert, select, text, update

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx
from cur_desktop.central.errors import ServiceError
from cur_desktop.central.scope import Scope

CHANNEL = "cur_feed"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One change to record: the appeal, its new version, and its scope keys around it."""

    appeal_id: int
    version: int
    op: str  # create, update, import, delete, or the lifecycle action's code
    municipality_before: str | None
    theme_before: str | None
    municipality_after: str | None
    theme_after: str | None


def allocate(conn: Connection, count: int) -> range:
    """Reserve ``count`` consecutive positions. Call it last in the writing transaction."""
    if count <= 0:
        return range(0)
    last = conn.execute(
        update(s.feed_counter)
        .where(s.feed_counter.c.id == 1)
        .values(value=s.feed_counter.c.value + count)
        .returning(s.feed_counter.c.value)
    ).scalar_one()
    return range(last - count + 1, last + 1)


def append(conn: Connection, entries: Sequence[FeedEntry], at: float) -> range:
    """Allocate positions for ``entries`` and record them; returns the positions, in order.

    This must be the end of the writing transaction: only inserts that carry the
    returned positions (history lines, the idempotency record) may follow before
    the commit.
    """
    positions = allocate(conn, len(entries))
    if not positions:
        return positions
    conn.execute(
        insert(s.feed),
        [
            {
                "seq": seq,
                "appeal_id": e.appeal_id,
                "version": e.version,
                "op": e.op,
                "municipality_before": e.municipality_before,
                "theme_before": e.theme_before,
                "municipality_after": e.municipality_after,
                "theme_after": e.theme_after,
                "at": at,
            }
            for seq, e in zip(positions, entries, strict=True)
        ],
    )
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {
                "channel": CHANNEL,
                "payload": str(positions[-1]),
            },
        )
    return positions


def head(conn: Connection) -> int:
    """The newest committed position (every position up to it is committed too)."""
    return int(
        conn.execute(select(s.feed_counter.c.value).where(s.feed_counter.c.id == 1)).scalar_one()
    )


def read(conn: Connection, *, after: int, upto: int, limit: int, scope: Scope) -> list[Row[Any]]:
    """Feed rows in ``(after, upto]`` that concern ``scope``, in order, at most ``limit``.

    ``upto`` must be a :func:`head` read before this call: every position up to
    it is committed, so nothing below the returned rows can still appear.
    """
    f = s.feed.c
    query = (
        select(s.feed)
        .where(f.seq > after, f.seq <= upto)
        .where(
            scope.either_clause(
                f.municipality_before, f.theme_before, f.municipality_after, f.theme_after
            )
        )
        .order_by(f.seq)
        .limit(limit)
    )
    return list(conn.execute(query).all())


#: Length of a mark in hex digits (80 bits: a collision by chance is out of reach).
MARK_CHARS = 20


def new_epoch() -> str:
    return secrets.token_hex(8)


def epoch_of(conn: Connection) -> str:
    """The feed's epoch ("" on a database that never had one)."""
    value = conn.execute(
        select(s.feed_counter.c.epoch).where(s.feed_counter.c.id == 1)
    ).scalar_one_or_none()
    return str(value or "")


def rotate_epoch(conn: Connection) -> str:
    """A new epoch: every mark a workstation holds stops matching (after a restore)."""
    value = new_epoch()
    conn.execute(update(s.feed_counter).where(s.feed_counter.c.id == 1).values(epoch=value))
    return value


def mark(epoch: str, seq: int, appeal_id: int, version: int, op: str, at: float) -> str:
    """The digest that names feed position ``seq`` as this database holds it."""
    text_ = f"{epoch}|{seq}|{appeal_id}|{version}|{op}|{at!r}"
    return hashlib.sha256(text_.encode()).hexdigest()[:MARK_CHARS]


def mark_at(conn: Connection, seq: int) -> str | None:
    """The mark of position ``seq``; "" for 0 (the start), None when there is no such row."""
    if seq <= 0:
        return ""
    f = s.feed.c
    row = conn.execute(select(f.appeal_id, f.version, f.op, f.at).where(f.seq == seq)).first()
    if row is None:
        return None
    return mark(epoch_of(conn), seq, row.appeal_id, row.version, row.op, row.at)


def check_mark(engine: Engine, after: int, sent: str | None) -> None:
    """Refuse ``after`` with ``409 feed_changed`` when ``sent`` is not its mark here.

    ``sent`` None (a client that keeps no mark, or a first read after a snapshot)
    checks nothing; the head check of the client still catches a feed that ends
    before its cursor.
    """
    if not sent or after <= 0:
        return
    with read_tx(engine) as conn:
        held = mark_at(conn, after)
    if held != sent:
        raise ServiceError(
            "feed_changed",
            409,
            "the feed at this position is not the one the client read",
            reason="the service's data was restored or replaced: take a new snapshot",
        )


def mark_for(engine: Engine, seq: int) -> str:
    """The mark to hand a client whose cursor is now ``seq`` ("" if the row is gone)."""
    with read_tx(engine) as conn:
        return mark_at(conn, seq) or ""
