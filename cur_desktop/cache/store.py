"""Appeals and their history in the cache, read for screens: the store writes nothing.

The cache has one writer of appeals, :class:`~cur_desktop.sync.writer.CacheWriter`
(the sync engine, and the tools and tests that load a cache through it). Reads
return ids (for lazy table models) or frozen :class:`~cur_desktop.domain.Appeal`
objects. Queue pages use keyset paging on ``(due_at, id)`` with the partial
"open" indexes; full-text search reads FTS hits newest first and stops at the
limit instead of sorting every hit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    func,
    select,
    text,
    tuple_,
)

from cur_desktop.cache import schema
from cur_desktop.cache.search import fts_query
from cur_desktop.chunks import chunks
from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.domain.enums import Flag, Status
from cur_desktop.protocol.columns import columns_to_appeal, columns_to_history

A = schema.appeals


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """A structured filter over appeals; empty tuples mean "any"."""

    open_only: bool = True
    statuses: tuple[Status, ...] = ()
    themes: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    importance: tuple[str, ...] = ()
    flags: Flag = Flag.NONE  # every flag given must be set
    overdue_at: datetime | None = None  # only appeals whose deadline passed before this time
    created_from: datetime | None = None
    created_to: datetime | None = None
    ids: tuple[int, ...] | None = field(default=None)

    def where(self) -> list[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.open_only:
            clauses.append(schema.IS_OPEN)
        if self.statuses:
            clauses.append(A.c.status.in_([s.value for s in self.statuses]))
        for column, values in (
            (A.c.theme, self.themes),
            (A.c.municipality, self.municipalities),
            (A.c.body, self.bodies),
            (A.c.source, self.sources),
            (A.c.importance, self.importance),
        ):
            if values:
                clauses.append(column.in_(values))
        if self.flags:
            clauses.append(A.c.flags.op("&")(int(self.flags)) == int(self.flags))
        if self.overdue_at is not None:
            clauses.append(A.c.due_at < self.overdue_at.timestamp())
        if self.created_from is not None:
            clauses.append(A.c.created_at >= self.created_from.timestamp())
        if self.created_to is not None:
            clauses.append(A.c.created_at < self.created_to.timestamp())
        if self.ids is not None:
            clauses.append(A.c.id.in_(self.ids))
        return clauses


class AppealStore:
    """Reads of one cache's appeals. Thread-safe as far as the engine is (one connection
    per call)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get(self, appeal_id: int) -> Appeal | None:
        found = self.get_many([appeal_id])
        return found[0] if found else None

    def get_many(self, ids: Sequence[int]) -> list[Appeal]:
        """Appeals by id, in the order of ``ids`` (missing ones left out)."""
        by_id: dict[int, Appeal] = {}
        with self._engine.connect() as conn:
            for chunk in chunks(ids):
                for row in conn.execute(select(A).where(A.c.id.in_(chunk))).mappings():
                    by_id[row["id"]] = columns_to_appeal(row)
        return [by_id[i] for i in ids if i in by_id]

    def history(self, appeal_id: int) -> list[HistoryEntry]:
        h = schema.history
        query = select(h).where(h.c.appeal_id == appeal_id).order_by(h.c.at, h.c.id)
        with self._engine.connect() as conn:
            return [columns_to_history(r) for r in conn.execute(query).mappings()]

    def count(self, flt: QueueFilter | None = None) -> int:
        query = select(func.count()).select_from(A)
        if flt is not None:
            query = query.where(*flt.where())
        with self._engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def counts_by(self, *columns: str, flt: QueueFilter | None = None) -> dict[Any, int]:
        """Counts grouped by one or more columns (navigator badges, overview tables).

        Keys are the column's value for one column, a tuple of values for several.
        """
        cols = [A.c[name] for name in columns]
        query: Select[Any] = select(*cols, func.count()).group_by(*cols)
        if flt is not None:
            query = query.where(*flt.where())
        with self._engine.connect() as conn:
            if len(cols) == 1:
                return {row[0]: int(row[1]) for row in conn.execute(query)}
            return {tuple(row[:-1]): int(row[-1]) for row in conn.execute(query)}

    def queue_page(
        self,
        flt: QueueFilter,
        *,
        after: tuple[float, int] | None = None,
        limit: int = 256,
    ) -> list[tuple[int, float]]:
        """One page of (id, due_at) ordered by deadline, then id; keyset-paged.

        Appeals without a deadline sort last (their key is +infinity).
        """
        due = func.coalesce(A.c.due_at, float("inf"))
        query = select(A.c.id, due).where(*flt.where())
        if after is not None:
            query = query.where(tuple_(due, A.c.id) > tuple_(after[0], after[1]))
        query = query.order_by(due, A.c.id).limit(limit)
        with self._engine.connect() as conn:
            return [(int(i), float(d)) for i, d in conn.execute(query)]

    def search(
        self,
        user_text: str,
        *,
        flt: QueueFilter | None = None,
        before_id: int | None = None,
        limit: int = 200,
    ) -> list[int]:
        """Ids matching a full-text query, newest first (ids follow time)."""
        match = fts_query(user_text)
        if match is None:
            return []
        fts = schema.appeals_fts
        query = (
            select(A.c.id)
            .select_from(fts.join(A, A.c.id == fts.c.rowid))
            .where(text("appeals_fts MATCH :match").bindparams(match=match))
        )
        if flt is not None:
            query = query.where(*flt.where())
        if before_id is not None:
            query = query.where(fts.c.rowid < before_id)
        query = query.order_by(fts.c.rowid.desc()).limit(limit)
        with self._engine.connect() as conn:
            return [int(r[0]) for r in conn.execute(query)]

    def search_count(self, user_text: str) -> int:
        match = fts_query(user_text)
        if match is None:
            return 0
        with self._engine.connect() as conn:
            return int(
                conn.execute(
                    text("SELECT count(*) FROM appeals_fts WHERE appeals_fts MATCH :m"),
                    {"m": match},
                ).scalar_one()
            )

    def redirect_targets(self, limit: int) -> list[str]:
        """Organisations appeals were redirected to, the most used first (then by name).

        Read through the status index (a redirected appeal stays «redirected»): ~30 ms
        at 200,000 appeals where a scan of the table takes ten times as long.
        """
        query = (
            select(A.c.redirected_to)
            .where(
                A.c.status == Status.REDIRECTED.value,
                A.c.redirected_to.is_not(None),
                A.c.redirected_to != "",
            )
            .group_by(A.c.redirected_to)
            .order_by(func.count().desc(), A.c.redirected_to)
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [str(name) for name in conn.execute(query).scalars()]

    def max_id(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.coalesce(func.max(A.c.id), 0))).scalar_one())
