"""What a queue shows, as SQL over the local cache: filter, full-text terms and order.

The console never sorts or filters rows in Qt (PERFORMANCE.md: a sort proxy over a
million rows took 195 s); each queue, filter and column sort is one SQL statement
whose result is a list of ids. :class:`QueueQuery` extends the cache's
:class:`~cur_desktop.cache.QueueFilter` with what a console needs beyond it:
category codes, extra conditions that OR several columns (the "important" lane),
full-text terms (Russian lemmas, appeal numbers) and an order.

Ids come back as one numpy int64 array (8 MB for a million), concatenated by SQLite
itself so the scan never builds Python objects. Full-text results read FTS hits in
rowid order (ids follow time), so "newest first" needs no sort of all hits.

Screens hold a :class:`QueueQuery` without looking inside: its extra conditions
come from this package (:mod:`.queues`, :mod:`.filters`, :mod:`.risk`), never from
the UI. Qt-free; functions take the cache's engine and are safe on any thread (each
call takes its own pooled connection).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    TextClause,
    case,
    func,
    literal_column,
    or_,
    select,
    text,
)

from cur_desktop.cache import QueueFilter, schema
from cur_desktop.cache.search import fts_query
from cur_desktop.domain.enums import Importance, Status

if TYPE_CHECKING:
    import numpy.typing as npt

A = schema.appeals
FTS = schema.appeals_fts
FIRST_PAGE = 256

Ranks = Mapping[str, Mapping[str, int]]
"""Display order of codes per column (``{"theme": {"roads": 0, …}}``): names, not codes."""


class Order(StrEnum):
    """Orders a queue can be shown in; every one ends in a unique tie-breaker."""

    DEADLINE = "deadline"
    NEWEST = "newest"
    OLDEST = "oldest"
    CHANNEL = "channel"
    THEME = "theme"
    MUNICIPALITY = "municipality"
    STATUS = "status"
    IMPORTANCE = "importance"
    TAKEN_BY = "taken_by"


_STATUS_RANK = {status.value: i for i, status in enumerate(Status)}
_IMPORTANCE_RANK = {Importance.HIGH.value: 0, Importance.PRIVATE.value: 1}


@dataclass(frozen=True)
class QueueQuery:
    """One queue: a structured filter, extra conditions, text terms and an order."""

    flt: QueueFilter = field(default_factory=QueueFilter)
    extra: tuple[ColumnElement[bool], ...] = ()
    text: str = ""
    order: Order = Order.DEADLINE
    descending: bool = False

    def narrowed(self, *clauses: ColumnElement[bool], text: str | None = None) -> QueueQuery:
        """This queue with more conditions ANDed (and the search text replaced)."""
        return replace(
            self,
            extra=(*self.extra, *clauses),
            text=self.text if text is None else text,
        )

    def ordered(self, order: Order, *, descending: bool = False) -> QueueQuery:
        return replace(self, order=order, descending=descending)

    def clauses(self) -> list[ColumnElement[bool]]:
        return [*self.flt.where(), *self.extra]

    def match(self) -> str | None:
        """The FTS5 MATCH expression of the text (lemmas, numbers), None without text."""
        return fts_query(self.text) if self.text.strip() else None


def category_clause(codes: Sequence[str]) -> ColumnElement[bool]:
    """An appeal of one of these categories, as its category or its subcategory."""
    return or_(A.c.category.in_(codes), A.c.subcategory.in_(codes))


def ids_statement(query: QueueQuery, ranks: Ranks | None = None) -> Select[Any]:
    """``SELECT id`` of the queue in its order (no limit).

    A search is read one of two ways, so that neither sorts nor joins every hit:

    * newest or oldest first: the index's hits stream in rowid (= time) order and
      each is checked against the queue's conditions, stopping at the page's end;
    * any other order: the queue's rows are read by their own index (the open
      appeals are a few per cent of the cache) and each is looked up among the
      hits (``+id IN (hits)``: the ``+`` keeps SQLite from driving the read by the
      hit list, which would fetch every hit's wide row).
    """
    match = query.match()
    clauses = query.clauses()
    if match is not None and query.order in (Order.NEWEST, Order.OLDEST):
        rowid = FTS.c.rowid.desc() if query.order is Order.NEWEST else FTS.c.rowid.asc()
        if not clauses:
            # Only the index, no table lookups.
            return select(FTS.c.rowid.label("id")).where(_matches(match)).order_by(rowid)
        joined = FTS.join(A, A.c.id == FTS.c.rowid)
        return select(A.c.id).select_from(joined).where(_matches(match), *clauses).order_by(rowid)
    stmt = select(A.c.id)
    if match is not None:
        stmt = stmt.where(_among_hits(match))
    return stmt.where(*clauses).order_by(*_order_by(query, ranks or {}))


def count_statement(query: QueueQuery, cap: int | None = None) -> Select[Any]:
    """``SELECT count`` of the queue; with ``cap``, counting stops past ``cap`` rows.

    A capped count is at most ``cap + 1``: more than ``cap`` («более 10 000»).
    """
    match = query.match()
    clauses = query.clauses()
    if match is not None and not clauses:
        rows: Select[Any] = select(FTS.c.rowid).where(_matches(match))
    else:
        rows = select(A.c.id).where(*clauses)
        if match is not None:
            rows = rows.where(_among_hits(match))
    if cap is not None:
        rows = rows.limit(cap + 1)
    return select(func.count()).select_from(rows.subquery())


def first_page(
    engine: Engine, query: QueueQuery, ranks: Ranks | None = None, limit: int = FIRST_PAGE
) -> list[int]:
    """The first ``limit`` ids of the queue (what a table shows before the rest loads)."""
    stmt = ids_statement(query, ranks).limit(limit)
    with engine.connect() as conn:
        return [int(row[0]) for row in conn.execute(stmt)]


def load_ids(engine: Engine, query: QueueQuery, ranks: Ranks | None = None) -> npt.NDArray[Any]:
    """Every id of the queue in order, as an int64 numpy array.

    SQLite concatenates the ids itself and numpy parses the text: the whole scan runs
    in C with the GIL released, so loading a million ids neither takes the GUI
    thread's turn nor builds a million Python objects (4x faster than fetching rows).
    The ``LIMIT -1`` keeps the ordered subquery from being flattened or reordered.
    """
    import numpy as np

    inner, params = _compile(engine, ids_statement(query, ranks).limit(-1))
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        try:
            cursor.execute(f"SELECT group_concat(id) FROM ({inner})", params)  # noqa: S608
            row = cursor.fetchone()
            text_ids = row[0] if row else None
        finally:
            cursor.close()
    finally:
        raw.close()
    if not text_ids:
        return np.empty(0, dtype=np.int64)
    ids: npt.NDArray[Any] = np.fromstring(text_ids, dtype=np.int64, sep=",")
    return ids


COUNT_CAP = 10_000
"""Past this many rows a capped count says «более 10 000» instead of counting on."""


def count(engine: Engine, query: QueueQuery, cap: int | None = None) -> int:
    """Rows in the queue; with ``cap``, at most ``cap + 1`` (more than ``cap``)."""
    with engine.connect() as conn:
        return int(conn.execute(count_statement(query, cap)).scalar_one())


def _compile(engine: Engine, stmt: Select[Any]) -> tuple[str, tuple[Any, ...]]:
    compiled = stmt.compile(dialect=engine.dialect, compile_kwargs={"render_postcompile": True})
    names = compiled.positiontup or ()
    return str(compiled), tuple(compiled.params[name] for name in names)


def _matches(match: str) -> TextClause:
    return text("appeals_fts MATCH :match").bindparams(match=match)


def _among_hits(match: str) -> ColumnElement[bool]:
    """The appeal is a hit of ``match``, checked per row (``+``: not an index to drive by)."""
    hits = select(FTS.c.rowid).where(_matches(match))
    return literal_column("+appeals.id").in_(hits)


def _rank(column: Any, ranks: Mapping[str, int]) -> Any:
    if not ranks:
        return func.coalesce(column, "")
    return case(dict(ranks), value=column, else_=len(ranks))


def _order_by(query: QueueQuery, ranks: Ranks) -> list[Any]:
    due = func.coalesce(A.c.due_at, float("inf"))
    desc = query.descending
    # By creation time, not bare id: the created_at index holds the rowid, so a queue
    # of the whole cache is read from that index alone instead of every wide row.
    if query.order is Order.NEWEST:
        return [A.c.created_at.desc(), A.c.id.desc()]
    if query.order is Order.OLDEST:
        return [A.c.created_at.asc(), A.c.id.asc()]
    if query.order is Order.DEADLINE:
        return [due.desc(), A.c.id.desc()] if desc else [due, A.c.id]
    primary = {
        Order.CHANNEL: A.c.source,
        Order.THEME: _rank(A.c.theme, ranks.get("theme", {})),
        Order.MUNICIPALITY: _rank(A.c.municipality, ranks.get("municipality", {})),
        Order.STATUS: _rank(A.c.status, _STATUS_RANK),
        Order.IMPORTANCE: _rank(A.c.importance, _IMPORTANCE_RANK),
        Order.TAKEN_BY: func.coalesce(A.c.taken_by, ""),
    }[query.order]
    return [primary.desc() if desc else primary, due, A.c.id]
