"""Every write the sync engine makes to the cache, each with its resume point.

Resumability rests on one rule: **the rows a page brings and the cursor that says
"this page is done" commit in the same SQLite transaction.** A crash or a lost
connection at any moment leaves either both or neither; the restart reads the
cursor and asks for exactly what is missing. The cache's own writers
(:class:`~cur_desktop.cache.AppealStore`) open a transaction per call, so this module
issues the same Core statements on one connection per page instead.

History entries have no id on the wire. An entry may reach us twice only in the
overlap of a snapshot (which carries each appeal's whole history) with the feed
read from the snapshot's cursor; a feed page's entries are therefore matched on
(appeal, time, action, actor) against what the cache holds, counted, and only the
ones beyond it are inserted (:func:`_not_held`).

Threading: call from the engine's worker thread only (the cache has one writer).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, bindparam, delete, func, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from cur_desktop.cache import schema
from cur_desktop.cache.codec import appeal_to_row, history_to_row
from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.domain.enums import Action
from cur_desktop.sync.status import BACKFILL

A = schema.appeals
H = schema.history
S = schema.sync_state
CREATE = Action.CREATE.value

# Bulk statements go to the driver as they are (``exec_driver_sql``): SQLAlchemy's
# per-row parameter processing cost a third of the write time of a snapshot page,
# and these rows are plain dicts of the codec already. Column names come from the
# schema, never from input.
_COLUMNS = [c.name for c in A.columns]
_INSERT = (
    f"INSERT INTO appeals ({', '.join(_COLUMNS)})"  # noqa: S608 - schema names only
    f" VALUES ({', '.join(':' + c for c in _COLUMNS)})"
)
_SET = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c != "id")
_NEWER = f"{_INSERT} ON CONFLICT (id) DO UPDATE SET {_SET} WHERE excluded.version > appeals.version"
# Snapshot pages are live reads, never older than the cache: any other version is
# taken as it is (a service restored from a backup has lower versions, not newer).
_DIFFERENT = (
    f"{_INSERT} ON CONFLICT (id) DO UPDATE SET {_SET} WHERE excluded.version IS NOT appeals.version"
)
_H_COLUMNS = [c.name for c in H.columns if c.name != "id"]
_INSERT_HISTORY = (
    f"INSERT INTO appeal_history ({', '.join(_H_COLUMNS)})"  # noqa: S608 - schema names only
    f" VALUES ({', '.join(':' + c for c in _H_COLUMNS)})"
)
# Rows of (lo, hi] the snapshot did not send: out of scope, out of window or deleted.
_SWEPT = (
    "SELECT id FROM appeals WHERE id > :lo AND id <= :hi"
    " AND id NOT IN (SELECT value FROM json_each(:keep))"
)


@dataclass(slots=True)
class Written:
    """What one transaction changed (for progress, reports and screen refreshes)."""

    appeals: int = 0
    removed: int = 0
    history: int = 0
    changed_ids: list[int] = field(default_factory=list)
    removed_ids: list[int] = field(default_factory=list)
    backfill: list[int] = field(default_factory=list)

    def add(self, other: Written) -> None:
        self.appeals += other.appeals
        self.removed += other.removed
        self.history += other.history
        self.changed_ids.extend(other.changed_ids)
        self.removed_ids.extend(other.removed_ids)
        self.backfill.extend(other.backfill)


@dataclass(frozen=True, slots=True)
class PageRows:
    """A snapshot page as cache rows, built off the writing thread (see snapshot.py)."""

    appeals: list[dict[str, Any]]
    history: list[dict[str, Any]]

    @classmethod
    def of(cls, items: Iterable[tuple[Appeal, Sequence[HistoryEntry]]]) -> PageRows:
        appeals: list[dict[str, Any]] = []
        history: list[dict[str, Any]] = []
        for appeal, entries in items:
            appeals.append(appeal_to_row(appeal))
            history.extend(history_to_row(h) for h in entries)
        return cls(appeals, history)


@dataclass(slots=True)
class Change:
    """One decoded feed change."""

    seq: int
    op: str  # "upsert" | "remove"
    appeal_id: int
    appeal: Appeal | None
    history: list[HistoryEntry]


def _get_state(conn: Connection, key: str) -> str | None:
    value = conn.execute(select(S.c.value).where(S.c.key == key)).scalar()
    return None if value is None else str(value)


def _put_state(conn: Connection, values: Mapping[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            conn.execute(delete(S).where(S.c.key == key))
            continue
        stmt = sqlite_insert(S).values(key=key, value=value)
        conn.execute(stmt.on_conflict_do_update(index_elements=[S.c.key], set_={"value": value}))


def _delete_appeals(conn: Connection, ids: Sequence[int]) -> int:
    removed = 0
    for start in range(0, len(ids), 900):
        chunk = list(ids[start : start + 900])
        conn.execute(delete(H).where(H.c.appeal_id.in_(chunk)))
        removed += conn.execute(delete(A).where(A.c.id.in_(chunk))).rowcount
    return removed


def _not_held(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The feed's history lines the cache does not hold yet.

    Lines have no id on the wire and are matched on (appeal, time, action, actor). A
    line already held can only come from a snapshot page of the overlap; a feed page
    never carries one line twice. Matches are counted, not merely looked up: one
    change may add several lines alike in those four (an import listing one appeal
    twice writes two lines at one moment), and each is a line of its own.
    """
    if not rows:
        return rows
    held: Counter[tuple[Any, ...]] = Counter()
    ids = sorted({int(r["appeal_id"]) for r in rows})
    since = min(float(r["at"]) for r in rows)
    for start in range(0, len(ids), 900):
        query = (
            select(H.c.appeal_id, H.c.at, H.c.action, H.c.actor, func.count())
            .where(H.c.appeal_id.in_(ids[start : start + 900]), H.c.at >= since)
            .group_by(H.c.appeal_id, H.c.at, H.c.action, H.c.actor)
        )
        for appeal_id, at, action, actor, count in conn.execute(query):
            held[(appeal_id, at, action, actor)] = int(count)
    new: list[dict[str, Any]] = []
    for row in rows:
        key = (row["appeal_id"], row["at"], row["action"], row["actor"])
        if held[key] > 0:
            held[key] -= 1
        else:
            new.append(row)
    return new


class CacheWriter:
    """Transactions of the sync engine on one cache engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def reset(self, state: Mapping[str, str | None], *, wipe: bool) -> None:
        """Start afresh: (``wipe``) every appeal and history entry gone, and ``state``
        set, in one transaction. The outbox stays."""
        with self._engine.begin() as conn:
            if wipe:
                conn.execute(delete(H))
                conn.execute(delete(A))
            _put_state(conn, state)

    def put_state(self, values: Mapping[str, str | None]) -> None:
        """Set (or, for None, delete) sync-state keys in one transaction."""
        with self._engine.begin() as conn:
            _put_state(conn, values)

    def snapshot_page(
        self,
        page: PageRows,
        *,
        bulk: bool,
        sweep: tuple[int, int | None] | None,
        state: Mapping[str, str | None],
    ) -> Written:
        """One snapshot page and its resume point.

        ``bulk``: the cache was empty when the snapshot began, so plain inserts (the
        fast path, PERFORMANCE.md). Otherwise rows are replaced when their version
        differs, their history replaced whole, and ``sweep=(lo, hi)`` deletes cached
        appeals with ids in ``(lo, hi]`` the page did not carry (``hi=None``: no bound).
        """
        out = Written()
        rows, history = page.appeals, page.history
        with self._engine.begin() as conn:
            if sweep is not None:
                lo, hi = sweep
                keep = orjson.dumps([r["id"] for r in rows]).decode()
                gone = conn.execute(
                    text(_SWEPT), {"lo": lo, "hi": hi if hi is not None else 2**62, "keep": keep}
                ).scalars()
                out.removed_ids = [int(i) for i in gone]
                out.removed = _delete_appeals(conn, out.removed_ids)
            if rows:
                if bulk:
                    conn.exec_driver_sql(_INSERT, rows)
                    out.appeals = len(rows)
                else:
                    out.appeals = conn.exec_driver_sql(_DIFFERENT, rows).rowcount
                    ids = [r["id"] for r in rows]
                    for start in range(0, len(ids), 900):
                        conn.execute(delete(H).where(H.c.appeal_id.in_(ids[start : start + 900])))
                out.changed_ids = [r["id"] for r in rows]
            if history:
                conn.exec_driver_sql(_INSERT_HISTORY, history)
                out.history = len(history)
            _put_state(conn, state)
        return out

    def changes_page(self, changes: Iterable[Change], state: Mapping[str, str | None]) -> Written:
        """Apply feed changes in order, with the new feed cursor, in one transaction.

        The page is folded per appeal first (its last remove, its newest version, the
        history added after that remove) so a batch keeps the order's meaning.
        """
        removed_first: set[int] = set()
        newest: dict[int, Appeal] = {}
        added: dict[int, list[HistoryEntry]] = {}
        for change in changes:
            i = change.appeal_id
            if change.op == "remove":
                removed_first.add(i)
                newest.pop(i, None)
                added.pop(i, None)
            elif change.appeal is not None:
                known = newest.get(i)
                if known is None or change.appeal.version > known.version:
                    newest[i] = change.appeal
                added.setdefault(i, []).extend(change.history)
        out = Written()
        with self._engine.begin() as conn:
            if removed_first:
                out.removed_ids = sorted(removed_first - newest.keys())
                out.removed = _delete_appeals(conn, out.removed_ids)
                # removed, then back (left the scope and returned): start it afresh
                _delete_appeals(conn, sorted(removed_first & newest.keys()))
            if newest:
                out.backfill = self._needs_backfill(conn, newest, added, removed_first)
                rows = [appeal_to_row(a) for a in newest.values()]
                out.appeals = conn.exec_driver_sql(_NEWER, rows).rowcount
                out.changed_ids = list(newest)
            entries = _not_held(conn, [history_to_row(h) for i in newest for h in added.get(i, ())])
            if entries:
                conn.exec_driver_sql(_INSERT_HISTORY, entries)
                out.history = len(entries)
            if out.backfill:
                waiting = _get_state(conn, BACKFILL)
                ids = sorted(set(orjson.loads(waiting) if waiting else []) | set(out.backfill))
                _put_state(conn, {BACKFILL: orjson.dumps(ids).decode()})
            _put_state(conn, state)
        return out

    @staticmethod
    def _needs_backfill(
        conn: Connection,
        newest: Mapping[int, Appeal],
        added: Mapping[int, Sequence[HistoryEntry]],
        removed_first: set[int],
    ) -> list[int]:
        """Appeals new to the cache whose earlier history the feed will not bring.

        An appeal that entered our scope (categorised into our theme, moved to our
        municipality) or left the window arrives with only the entries its latest
        change added; unless those start with its creation, the whole history is
        fetched afterwards (:meth:`backfilled`).
        """
        ids = list(newest)
        present: set[int] = set()
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            present.update(
                int(i) for i in conn.execute(select(A.c.id).where(A.c.id.in_(chunk))).scalars()
            )
        present -= removed_first
        return [
            i
            for i in ids
            if i not in present and not any(h.action == CREATE for h in added.get(i, ()))
        ]

    def pending_backfill(self) -> list[int]:
        with self._engine.connect() as conn:
            waiting = _get_state(conn, BACKFILL)
        return [int(i) for i in orjson.loads(waiting)] if waiting else []

    def backfilled(
        self, appeal_id: int, found: tuple[Appeal, Sequence[HistoryEntry]] | None
    ) -> Written:
        """Store one backfilled appeal (None: no longer ours) and take it off the list."""
        remaining = [i for i in self.pending_backfill() if i != appeal_id]
        state = {BACKFILL: orjson.dumps(remaining).decode() if remaining else None}
        if found is None:
            self.put_state(state)
            return Written()
        return self.replace_appeal(found[0], found[1], state)

    def replace_appeal(
        self, appeal: Appeal, history: Sequence[HistoryEntry], state: Mapping[str, str | None]
    ) -> Written:
        """An appeal fetched on demand: newer version wins, history replaced whole."""
        out = Written(changed_ids=[appeal.id])
        with self._engine.begin() as conn:
            current = conn.execute(select(A.c.version).where(A.c.id == appeal.id)).scalar()
            if current is None or int(current) <= appeal.version:
                out.appeals = conn.exec_driver_sql(_DIFFERENT, [appeal_to_row(appeal)]).rowcount
                conn.execute(delete(H).where(H.c.appeal_id == appeal.id))
                if history:
                    conn.exec_driver_sql(_INSERT_HISTORY, [history_to_row(h) for h in history])
                out.history = len(history)
            _put_state(conn, state)
        return out

    def upsert_newer(self, appeals: Sequence[Appeal]) -> int:
        """Appeals the service returned for an action: kept only if newer."""
        if not appeals:
            return 0
        with self._engine.begin() as conn:
            return int(conn.exec_driver_sql(_NEWER, [appeal_to_row(a) for a in appeals]).rowcount)

    def prune_closed(self, cutoff: float) -> list[int]:
        """Delete closed appeals closed before ``cutoff`` (epoch), unless an outbox item
        still waits on them; their history goes with them, the outbox is not touched."""
        closed = text(
            "SELECT id FROM appeals WHERE is_open = 0"
            " AND coalesce(closed_at, answered_at, updated_at, created_at) < :cutoff"
            " AND id NOT IN (SELECT appeal_id FROM outbox WHERE state IN ('pending', 'conflict'))"
        ).bindparams(bindparam("cutoff"))
        with self._engine.begin() as conn:
            ids = [int(i) for i in conn.execute(closed, {"cutoff": cutoff}).scalars()]
            _delete_appeals(conn, ids)
        return ids
