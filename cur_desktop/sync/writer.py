"""Every write of appeals to the cache: the sync engine's, each with its resume point.

This is the cache's one writer of appeals and their history (STYLE.md §1): the
sync engine, and the tools, the ``generate`` command, tests and benchmarks that
load a cache without a service (:meth:`CacheWriter.bulk_load`,
:meth:`CacheWriter.upsert_newer`, :meth:`CacheWriter.remove`); the screens' store
(:class:`~cur_desktop.cache.AppealStore`) only reads.

Resumability rests on one rule: **the rows a page brings and the cursor that says
"this page is done" commit in the same SQLite transaction.** A crash or a lost
connection at any moment leaves either both or neither; the restart reads the
cursor and asks for exactly what is missing. The statements themselves are in
:mod:`cur_desktop.sync.statements`; each method here runs them on one connection.

History entries have no id on the wire. An entry may reach us twice only in the
overlap of a snapshot (which carries each appeal's whole history) with the feed
read from the snapshot's cursor; a feed page's entries are therefore matched on
(appeal, time, action, actor) against what the cache holds, counted, and only the
ones beyond it are inserted (:func:`~cur_desktop.sync.statements.not_held`).

Threading: call from the engine's worker thread only (the cache has one writer).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, bindparam, delete, select, text

from cur_desktop.cache import deferred_index
from cur_desktop.chunks import BATCH, chunks
from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.domain.enums import Action
from cur_desktop.protocol.changes import REMOVE, Change
from cur_desktop.protocol.columns import appeal_to_columns, history_to_columns
from cur_desktop.sync.statements import (
    DIFFERENT,
    INSERT,
    INSERT_HISTORY,
    NEWER,
    SWEPT,
    A,
    H,
    delete_appeals,
    get_state,
    not_held,
    put_state,
)
from cur_desktop.sync.status import BACKFILL, SNAP_ID, SNAP_LAST_ID

__all__ = ["CacheWriter", "PageRows", "Written"]

CREATE = Action.CREATE.value


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
            appeals.append(appeal_to_columns(appeal))
            history.extend(history_to_columns(h) for h in entries)
        return cls(appeals, history)

    @classmethod
    def of_rows(cls, items: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]]) -> PageRows:
        """A page from items decoded straight into rows (:mod:`cur_desktop.sync.page_rows`)."""
        appeals: list[dict[str, Any]] = []
        history: list[dict[str, Any]] = []
        for appeal, lines in items:
            appeals.append(appeal)
            history.extend(lines)
        return cls(appeals, history)


#: Rows ANALYZE samples per index (SQLite's approximate statistics, PRAGMA analysis_limit).
ANALYSIS_LIMIT = 400


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
            deferred_index.restore(conn)  # an abandoned first load's index
            put_state(conn, state)

    def put_state(self, values: Mapping[str, str | None]) -> None:
        """Set (or, for None, delete) sync-state keys in one transaction."""
        with self._engine.begin() as conn:
            put_state(conn, values)

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
        last = SNAP_ID in state and state[SNAP_ID] is None
        with self._engine.begin() as conn:
            if not bulk:
                deferred_index.restore(conn)  # switched to replacing rows: index as they come
            elif not last and SNAP_LAST_ID in state:  # a snapshot's page, not a tool's load
                deferred_index.defer(conn)  # indexed after the rows (cache/deferred_index.py)
            if sweep is not None:
                lo, hi = sweep
                keep = orjson.dumps([r["id"] for r in rows]).decode()
                gone = conn.execute(
                    text(SWEPT), {"lo": lo, "hi": hi if hi is not None else 2**62, "keep": keep}
                ).scalars()
                out.removed_ids = [int(i) for i in gone]
                out.removed = delete_appeals(conn, out.removed_ids)
            if rows:
                if bulk:
                    conn.exec_driver_sql(INSERT, rows)
                    out.appeals = len(rows)
                else:
                    out.appeals = conn.exec_driver_sql(DIFFERENT, rows).rowcount
                    for chunk in chunks([r["id"] for r in rows]):
                        conn.execute(delete(H).where(H.c.appeal_id.in_(chunk)))
                out.changed_ids = [r["id"] for r in rows]
            if history:
                conn.exec_driver_sql(INSERT_HISTORY, history)
                out.history = len(history)
            if last:
                deferred_index.restore(conn)  # the cursor and a whole index: one commit
            put_state(conn, state)
        if last:
            # the snapshot's last page: the cache's rows are (nearly) all there
            self.analyze()
        return out

    def analyze(self) -> None:
        """Refresh the query planner's statistics (``sqlite_stat1``).

        Without them SQLite cannot tell that the open appeals are a few per cent of
        the cache and picks, for a municipality's open queue, the index of all its
        appeals (390 ms instead of 1 ms at 200,000 appeals). A sampled ANALYZE
        (``analysis_limit``) takes well under a second at a million appeals.
        """
        with self._engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            conn.exec_driver_sql("ANALYZE")

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
            if change.op == REMOVE:
                removed_first.add(i)
                newest.pop(i, None)
                added.pop(i, None)
            elif change.appeal is not None:
                known = newest.get(i)
                if known is None or change.appeal.version > known.version:
                    newest[i] = change.appeal
                added.setdefault(i, []).extend(h.entry for h in change.history)
        out = Written()
        with self._engine.begin() as conn:
            if removed_first:
                out.removed_ids = sorted(removed_first - newest.keys())
                out.removed = delete_appeals(conn, out.removed_ids)
                # removed, then back (left the scope and returned): start it afresh
                delete_appeals(conn, sorted(removed_first & newest.keys()))
            if newest:
                out.backfill = self._needs_backfill(conn, newest, added, removed_first)
                rows = [appeal_to_columns(a) for a in newest.values()]
                out.appeals = conn.exec_driver_sql(NEWER, rows).rowcount
                out.changed_ids = list(newest)
            entries = not_held(
                conn, [history_to_columns(h) for i in newest for h in added.get(i, ())]
            )
            if entries:
                conn.exec_driver_sql(INSERT_HISTORY, entries)
                out.history = len(entries)
            if out.backfill:
                waiting = get_state(conn, BACKFILL)
                ids = sorted(set(orjson.loads(waiting) if waiting else []) | set(out.backfill))
                put_state(conn, {BACKFILL: orjson.dumps(ids).decode()})
            put_state(conn, state)
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
        for chunk in chunks(ids):
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
            waiting = get_state(conn, BACKFILL)
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
                out.appeals = conn.exec_driver_sql(DIFFERENT, [appeal_to_columns(appeal)]).rowcount
                conn.execute(delete(H).where(H.c.appeal_id == appeal.id))
                if history:
                    conn.exec_driver_sql(INSERT_HISTORY, [history_to_columns(h) for h in history])
                out.history = len(history)
            put_state(conn, state)
        return out

    def upsert_newer(self, appeals: Iterable[Appeal]) -> int:
        """Insert new appeals, replace older versions, skip the same or newer ones.

        The appeals the service returned for an action, and any load on top of a
        cache (tests, benchmarks). One transaction; the number of rows inserted or
        changed (sqlite3 sums an executemany's direct changes: neither the FTS
        trigger's rows nor upserts the WHERE skipped are counted).
        """
        changed = 0
        with self._engine.begin() as conn:
            for rows in chunks((appeal_to_columns(a) for a in appeals), BATCH):
                changed += int(conn.exec_driver_sql(NEWER, rows).rowcount)
        return changed

    def bulk_load(self, appeals: Iterable[Appeal], history: Iterable[HistoryEntry] = ()) -> int:
        """First load into an empty cache (``generate``, benchmarks, fixtures): plain
        inserts of appeals and their history in one transaction; the appeals written."""
        count = 0
        with self._engine.begin() as conn:
            for rows in chunks((appeal_to_columns(a) for a in appeals), BATCH):
                conn.exec_driver_sql(INSERT, rows)
                count += len(rows)
            for lines in chunks((history_to_columns(h) for h in history), BATCH):
                conn.exec_driver_sql(INSERT_HISTORY, lines)
        return count

    def add_history(self, entries: Iterable[HistoryEntry]) -> int:
        """Append history lines as they are (no de-duplication: a load, not a feed page)."""
        count = 0
        with self._engine.begin() as conn:
            for lines in chunks((history_to_columns(h) for h in entries), BATCH):
                conn.exec_driver_sql(INSERT_HISTORY, lines)
                count += len(lines)
        return count

    def remove(self, ids: Sequence[int]) -> int:
        """Delete appeals and their history in one transaction; the appeals deleted."""
        with self._engine.begin() as conn:
            return delete_appeals(conn, list(ids))

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
            delete_appeals(conn, ids)
        return ids
