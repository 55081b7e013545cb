"""What workstations read: changes after a cursor, snapshot pages, single and older appeals.

Every read is filtered by the caller's scope in SQL and passed through
:mod:`cur_desktop.central.privacy` for the wall; nothing leaves this module that
the caller may not see.

Changes carry the appeal as it is *now* (its version is at least the change's),
with the history lines that change added. When the appeal is no longer in the
caller's scope (or was deleted) the change is a ``remove``, so an appeal that
moved to another municipality is never sent to its old municipality's operators
again, not even in its newer state.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, insert, or_, select

from cur_desktop.central import feed, reads_wire
from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx, write_tx
from cur_desktop.central.errors import ServiceError, bad_request, not_found, out_of_scope
from cur_desktop.central.privacy import appeal_from_row, history_for
from cur_desktop.central.scope import User
from cur_desktop.chunks import chunks
from cur_desktop.clock import Clock, epoch, system_clock
from cur_desktop.domain.appeal import Appeal
from cur_desktop.protocol.changes import REMOVE, UPSERT, Change, HistoryItem
from cur_desktop.protocol.columns import columns_to_history
from cur_desktop.protocol.wire import appeal_to_wire

MAX_CHANGES = 5000
MAX_PAGE = 50_000
MAX_CLOSED_PAGE = 5000
SNAPSHOT_TTL_S = 3600


@dataclass(frozen=True, slots=True)
class ChangesPage:
    changes: tuple[Change, ...]
    last: int
    head: int
    has_more: bool

    def to_wire(self) -> dict[str, Any]:
        return {
            "changes": [c.to_wire() for c in self.changes],
            "last": self.last,
            "head": self.head,
            "has_more": self.has_more,
        }


@dataclass(frozen=True, slots=True)
class Item:
    appeal: Appeal
    history: tuple[HistoryItem, ...]

    def to_wire(self) -> dict[str, Any]:
        return {
            "appeal": appeal_to_wire(self.appeal),
            "history": [h.to_wire() for h in self.history],
        }


@dataclass(frozen=True, slots=True)
class Page:
    items: tuple[Item, ...]
    last_id: int
    has_more: bool

    def to_wire(self) -> dict[str, Any]:
        return {
            "items": [i.to_wire() for i in self.items],
            "last_id": self.last_id,
            "has_more": self.has_more,
        }


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    snapshot: str
    cursor: int
    count: int
    expires: float

    def to_wire(self) -> dict[str, Any]:
        return {
            "snapshot": self.snapshot,
            "cursor": self.cursor,
            "count": self.count,
            "expires": self.expires,
        }


@dataclass
class _Loaded:
    appeals: dict[int, Appeal] = field(default_factory=dict)
    history: dict[int, list[HistoryItem]] = field(default_factory=dict)


def _limit(value: int, maximum: int) -> int:
    if value <= 0:
        raise bad_request("limit must be positive")
    return min(value, maximum)


def _load_appeals(conn: Connection, user: User, ids: Iterable[int]) -> dict[int, Appeal]:
    """The appeals as ``user`` may see them (stored masked texts for the wall)."""
    out: dict[int, Appeal] = {}
    for part in chunks(sorted(set(ids))):
        for row in conn.execute(select(s.appeals).where(s.appeals.c.id.in_(part))).mappings():
            out[row["id"]] = appeal_from_row(user, row)
    return out


def _history(conn: Connection, user: User, where: Any) -> dict[int, list[HistoryItem]]:
    """History lines matching ``where``, per appeal (or per seq), in order."""
    h = s.history.c
    out: dict[int, list[HistoryItem]] = {}
    strip = not user.sees_personal_data
    for row in conn.execute(select(s.history).where(where).order_by(h.id)).mappings():
        entry = columns_to_history(row)
        if strip:
            entry = history_for(user, entry)
        item = HistoryItem(entry, row["id"], row["seq"])
        appeal_id = row["appeal_id"]
        found = out.get(appeal_id)
        if found is None:
            out[appeal_id] = [item]
        else:
            found.append(item)
    return out


def history_by_appeal(conn: Connection, user: User, ids: list[int]) -> dict[int, list[HistoryItem]]:
    out: dict[int, list[HistoryItem]] = {}
    for part in chunks(ids):
        out.update(_history(conn, user, s.history.c.appeal_id.in_(part)))
    return out


def changes(engine: Engine, user: User, after: int, limit: int) -> ChangesPage:
    """The caller's changes after position ``after`` (``GET /changes``)."""
    if after < 0:
        raise bad_request("after must not be negative")
    limit = _limit(limit, MAX_CHANGES)
    with read_tx(engine) as conn:
        head = feed.head(conn)
        rows = feed.read(conn, after=after, upto=head, limit=limit + 1, scope=user.scope)
        has_more = len(rows) > limit
        rows = rows[:limit]
        current = _load_appeals(conn, user, (r.appeal_id for r in rows))
        wanted = [
            r.seq
            for r in rows
            if r.appeal_id in current
            and user.scope.contains(current[r.appeal_id].municipality, current[r.appeal_id].theme)
        ]
        by_seq: dict[int, list[HistoryItem]] = {}
        for part in chunks(wanted):
            for items in _history(conn, user, s.history.c.seq.in_(part)).values():
                for item in items:
                    by_seq.setdefault(item.seq, []).append(item)
    out = []
    for r in rows:
        appeal = current.get(r.appeal_id)
        if appeal is not None and user.scope.contains(appeal.municipality, appeal.theme):
            out.append(
                Change(
                    r.seq,
                    UPSERT,
                    r.appeal_id,
                    appeal,
                    tuple(by_seq.get(r.seq, ())),
                )
            )
        else:
            out.append(Change(r.seq, REMOVE, r.appeal_id, None))
    last = rows[-1].seq if has_more else max(head, after)
    return ChangesPage(tuple(out), last, head, has_more)


def _window(closed_since: float) -> Any:
    a = s.appeals.c
    return or_(a.window_at.is_(None), a.window_at >= closed_since)


def start_snapshot(
    engine: Engine, user: User, closed_window_days: float, *, clock: Clock = system_clock
) -> SnapshotInfo:
    """Open a snapshot of the caller's scope (``POST /snapshot``)."""
    if not 0 <= closed_window_days <= 3660:
        raise bad_request("closed_window_days must be between 0 and 3660")
    now = epoch(clock)
    closed_since = now - closed_window_days * 86400
    a = s.appeals.c
    ident = secrets.token_urlsafe(18)
    with read_tx(engine) as conn:
        cursor = feed.head(conn)
        count = conn.execute(
            select(func.count())
            .select_from(s.appeals)
            .where(user.scope.clause(a.municipality, a.theme), _window(closed_since))
        ).scalar_one()
    with write_tx(engine) as conn:
        conn.execute(
            insert(s.snapshots).values(
                id=ident,
                user_id=user.id,
                cursor=cursor,
                closed_since=closed_since,
                created_at=now,
                expires_at=now + SNAPSHOT_TTL_S,
            )
        )
    return SnapshotInfo(ident, cursor, int(count), now + SNAPSHOT_TTL_S)


def _items(conn: Connection, user: User, rows: list[Any]) -> tuple[Item, ...]:
    appeals = [appeal_from_row(user, r) for r in rows]
    history = history_by_appeal(conn, user, [a.id for a in appeals])
    return tuple(Item(a, tuple(history.get(a.id, ()))) for a in appeals)


def _snapshot_where(conn: Connection, user: User, snapshot: str, clock: Clock) -> Any:
    """The condition on ``appeals`` of the caller's snapshot (404 or 410 when it is gone)."""
    snap = conn.execute(select(s.snapshots).where(s.snapshots.c.id == snapshot)).first()
    if snap is None or snap.user_id != user.id:
        raise not_found()
    if snap.expires_at < epoch(clock):
        raise ServiceError("snapshot_expired", 410)
    a = s.appeals.c
    return and_(user.scope.clause(a.municipality, a.theme), _window(snap.closed_since))


def snapshot_page(
    engine: Engine,
    user: User,
    snapshot: str,
    after_id: int,
    limit: int,
    *,
    clock: Clock = system_clock,
) -> Page:
    """The next page of a snapshot, by increasing id, read live (``GET /snapshot/{id}/pages``)."""
    limit = _limit(limit, MAX_PAGE)
    a = s.appeals.c
    with read_tx(engine) as conn:
        where = _snapshot_where(conn, user, snapshot, clock)
        rows = list(
            conn.execute(
                select(s.appeals).where(a.id > after_id, where).order_by(a.id).limit(limit + 1)
            ).mappings()
        )
        has_more = len(rows) > limit
        items = _items(conn, user, rows[:limit])
    last_id = items[-1].appeal.id if items else after_id
    return Page(items, last_id, has_more)


def snapshot_page_wire(
    engine: Engine,
    user: User,
    snapshot: str,
    after_id: int,
    limit: int,
    *,
    clock: Clock = system_clock,
) -> dict[str, Any]:
    """:func:`snapshot_page` in its wire form, rendered straight from the rows.

    For callers who see personal data the rows become wire dicts without domain
    objects and the page's history is one query (:mod:`cur_desktop.central.reads_wire`);
    masked callers (the wall) take the domain path, whose masking is privacy's.
    """
    if not user.sees_personal_data:
        return snapshot_page(engine, user, snapshot, after_id, limit, clock=clock).to_wire()
    limit = _limit(limit, MAX_PAGE)
    a = s.appeals.c
    with read_tx(engine) as conn:
        where = _snapshot_where(conn, user, snapshot, clock)
        rows = list(
            conn.execute(
                reads_wire.appeal_select()
                .where(a.id > after_id, where)
                .order_by(a.id)
                .limit(limit + 1)
            )
        )
        has_more = len(rows) > limit
        del rows[limit:]
        last_id = int(rows[-1][0]) if rows else after_id
        history = reads_wire.page_history(conn, and_(a.id > after_id, a.id <= last_id, where))
    render = reads_wire.appeal_row_to_wire
    empty: list[dict[str, Any]] = []
    items = [{"appeal": render(r), "history": history.get(r[0], empty)} for r in rows]
    return {"items": items, "last_id": last_id, "has_more": has_more}


def get_appeal(engine: Engine, user: User, appeal_id: int) -> Item:
    """One appeal with its full history (``GET /appeals/{id}``)."""
    with read_tx(engine) as conn:
        row = conn.execute(select(s.appeals).where(s.appeals.c.id == appeal_id)).mappings().first()
        if row is None:
            raise not_found()
        if not user.scope.contains(row["municipality"], row["theme"]):
            raise out_of_scope()
        (item,) = _items(conn, user, [row])
    return item


def closed_appeals(
    engine: Engine, user: User, closed_before: float, after_id: int, limit: int
) -> Page:
    """Older closed appeals, by id (``GET /appeals?closed_before=…``)."""
    limit = _limit(limit, MAX_CLOSED_PAGE)
    a = s.appeals.c
    with read_tx(engine) as conn:
        rows = list(
            conn.execute(
                select(s.appeals)
                .where(a.id > after_id, user.scope.clause(a.municipality, a.theme))
                .where(and_(a.window_at.is_not(None), a.window_at < closed_before))
                .order_by(a.id)
                .limit(limit + 1)
            ).mappings()
        )
        has_more = len(rows) > limit
        items = _items(conn, user, rows[:limit])
    last_id = items[-1].appeal.id if items else after_id
    return Page(items, last_id, has_more)


def purge_snapshots(engine: Engine, *, clock: Clock = system_clock) -> int:
    with write_tx(engine) as conn:
        result = conn.execute(delete(s.snapshots).where(s.snapshots.c.expires_at < epoch(clock)))
    return result.rowcount


def people(engine: Engine) -> dict[str, str]:
    """Every user's login and the name people know them by (``users.name``).

    Sent with the region (``GET /region``, ``people``) so that a workstation shows
    «Анна Смирнова» where the data says ``operator11``: names of staff, not of citizens.
    """
    with read_tx(engine) as conn:
        rows = conn.execute(select(s.users.c.login, s.users.c.name)).all()
    return {str(login): str(name).strip() or str(login) for login, name in rows}
