"""The columns the wall needs, read from the local cache once: :class:`WallFrame`.

One query reads the narrow columns every aggregate uses (codes, statuses, times,
ratings) into a pandas DataFrame; text bodies are never read, except the newest
``ticker_size`` appeals' title and text for the ticker, which are masked here,
before anything else sees them (:mod:`cur_desktop.analytics.ticker`). Merged
duplicates (``merged_into`` set) are left out: they are one problem counted once.

After that, :func:`refresh_wall_frame` reads only the rows added or changed since
(a sync batch), so the wall never reloads a million rows per change.

Rows come through the driver's own cursor (plain tuples) rather than SQLAlchemy
rows: at a million appeals that is the difference between ~2 s and ~6 s.

Threading: call from a worker thread; the cache's engine hands each thread its
own connection. The frame is not modified afterwards and may be read from any
thread. Qt-free; pandas and numpy are imported inside functions (start-up time).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, or_, select

from cur_desktop.analytics.ticker import mask_ticker_rows
from cur_desktop.analytics.wall_data import TickerItem
from cur_desktop.cache import schema
from cur_desktop.chunks import chunks

if TYPE_CHECKING:
    import pandas as pd

    from cur_desktop.cache import Cache

A = schema.appeals
log = logging.getLogger(__name__)

#: Category-like columns (few distinct values): stored as pandas categoricals.
CODE_COLUMNS = (
    "source",
    "kind",
    "status",
    "theme",
    "category",
    "municipality",
    "body",
    "importance",
)
#: Times, as UTC epoch seconds (NaN when unset).
TIME_COLUMNS = (
    "created_at",
    "registered_at",
    "due_at",
    "first_reaction_at",
    "interim_answer_at",
    "answered_at",
    "closed_at",
    "reopened_at",
    "updated_at",
)
NUMBER_COLUMNS = ("id", "is_open", "satisfaction_rating")
REACTION_COLUMN = "satisfaction_reaction"
FRAME_COLUMNS = (*NUMBER_COLUMNS, *CODE_COLUMNS, *TIME_COLUMNS, REACTION_COLUMN)

#: Columns the ticker reads for its last items (and masks at once).
TICKER_COLUMNS = (
    "id",
    "created_at",
    "source",
    "importance",
    "theme",
    "category",
    "municipality",
    "title",
    "text",
    "address",
    "address_is_private",
    "author_name",
    "author_phone",
    "author_email",
    "author_profile",
)

SYNC_LAST_SUCCESS = "sync.last_success"  # cur_desktop.sync.status.LAST_SUCCESS


@dataclass(frozen=True)
class WallFrame:
    """The wall's columns at one moment, and the masked newest appeals."""

    appeals: pd.DataFrame  # one row per appeal; columns FRAME_COLUMNS
    ticker: tuple[TickerItem, ...]  # newest first, masked
    data_as_of: datetime | None
    loaded_at: datetime
    max_id: int = 0  # highest appeal id in the cache when read (merged ones included)
    row_count: int = 0  # rows in the cache's appeals table when read (merged ones included)
    max_updated: float = 0.0  # newest ``updated_at`` read, epoch seconds

    def __len__(self) -> int:
        return len(self.appeals)


def _frame_sql() -> str:
    query = select(*(A.c[name] for name in FRAME_COLUMNS)).where(A.c.merged_into.is_(None))
    return str(query.compile(compile_kwargs={"literal_binds": True}))


def _changes_sql(max_id: int, since: float) -> str:
    """Rows added or changed since a frame was read (merged ones too: they must leave it)."""
    columns = [*(A.c[name] for name in FRAME_COLUMNS), A.c.merged_into]
    # ">=": a change stamped in the same second as the newest one read must not be missed
    query = select(*columns).where(or_(A.c.id > max_id, A.c.updated_at >= since))
    return str(query.compile(compile_kwargs={"literal_binds": True}))


@contextmanager
def _driver_cursor(conn: Connection) -> Iterator[Any]:
    """The driver's own cursor, in ``conn``'s transaction (begun by a read)."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def _fetch(conn: Connection, sql: str) -> list[tuple[Any, ...]]:
    """Rows as plain tuples through the driver's cursor."""
    with _driver_cursor(conn) as cursor:
        return list(cursor.execute(sql).fetchall())


#: Rows converted to columns at a time by :func:`_read_frame`.
CHUNK_ROWS = 10_000


def _read_frame(conn: Connection, sql: str) -> pd.DataFrame:
    """The frame of ``sql``'s rows, converted to columns ``CHUNK_ROWS`` rows at a time.

    Holding every row as Python tuples first (``fetchall``) peaked at ~3 KB per appeal,
    most of it strings and floats freed right after and never given back to the
    system: 616 MB of RSS for 200,000 appeals. A chunk's objects are freed before the
    next is fetched, so the allocator reuses the same memory for each.
    """
    import numpy as np
    import pandas as pd
    from pandas.api.types import union_categoricals

    parts: list[pd.DataFrame] = []
    with _driver_cursor(conn) as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(CHUNK_ROWS):
            parts.append(rows_to_frame(rows))
            del rows
    if len(parts) <= 1:
        return parts[0] if parts else rows_to_frame([])
    data: dict[str, Any] = {}
    for name in FRAME_COLUMNS:
        columns = [part[name] for part in parts]
        if name in CODE_COLUMNS or name == REACTION_COLUMN:
            # a chunk with no value in a column has categories of another dtype (float)
            seen = [c.cat.categories.dtype for c in columns if len(c.cat.categories)]
            empty = pd.Index([], dtype=seen[0] if seen else object)
            columns = [c if len(c.cat.categories) else c.cat.set_categories(empty) for c in columns]
            data[name] = union_categoricals(columns, ignore_order=True)
        else:
            data[name] = np.concatenate([c.to_numpy() for c in columns])
    return pd.DataFrame(data, columns=list(FRAME_COLUMNS))


def _ticker(conn: Connection, ticker_size: int) -> tuple[TickerItem, ...]:
    query = (
        select(*(A.c[name] for name in TICKER_COLUMNS))
        .where(A.c.merged_into.is_(None))
        .order_by(A.c.id.desc())
        .limit(ticker_size)
    )
    return mask_ticker_rows(dict(r) for r in conn.execute(query).mappings())


def _data_as_of(conn: Connection) -> datetime | None:
    state = schema.sync_state
    last = conn.execute(
        select(state.c.value).where(state.c.key == SYNC_LAST_SUCCESS)
    ).scalar_one_or_none()
    try:
        return datetime.fromtimestamp(float(last), tz=UTC) if last else None
    except ValueError:
        return None


def rows_to_frame(rows: Sequence[tuple[Any, ...]]) -> pd.DataFrame:
    """A DataFrame with the wall's dtypes from tuples in ``FRAME_COLUMNS`` order."""
    import numpy as np
    import pandas as pd

    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [()] * len(FRAME_COLUMNS)
    data: dict[str, Any] = {}
    for name, values in zip(FRAME_COLUMNS, columns, strict=True):
        if name in CODE_COLUMNS or name == REACTION_COLUMN:
            data[name] = pd.Categorical(values)
        elif name in TIME_COLUMNS or name == "satisfaction_rating":
            data[name] = np.array(values, dtype=np.float64)  # None -> NaN
        else:
            data[name] = np.array(values, dtype=np.int64)
    return pd.DataFrame(data, columns=list(FRAME_COLUMNS))


def load_wall_frame(cache: Cache, *, now: datetime, ticker_size: int = 30) -> WallFrame:
    """Read the wall's columns and the masked newest ``ticker_size`` appeals."""
    # one read transaction: the totals, rows and ticker of the same moment (a commit of
    # the sync thread in between made the next refresh's counts disagree: a reload of
    # every row every few seconds, found by the soak run)
    with cache.engine.connect() as conn:
        max_id, count = _table_totals(conn)
        frame = _read_frame(conn, _frame_sql())
        ticker = _ticker(conn, ticker_size)
        as_of = _data_as_of(conn)
    return WallFrame(
        appeals=frame,
        ticker=ticker,
        data_as_of=as_of,
        loaded_at=now,
        max_id=max_id,
        row_count=count,
        max_updated=_max_updated(frame),
    )


def refresh_wall_frame(
    cache: Cache,
    frame: WallFrame,
    *,
    now: datetime,
    changed_ids: Iterable[int] | None = None,
    removed_ids: Iterable[int] = (),
    ticker_size: int = 30,
) -> WallFrame:
    """``frame`` brought up to date by reading only the rows added or changed since.

    Best with the ids a sync batch reports (the sync engine's ``on_changes``
    callback): those rows and any newer than the frame are read by primary key,
    ``removed_ids`` leave. Without ids, rows are found by the highest id read and
    by ``updated_at`` (the central service stamps every write): one scan of the
    table, still far cheaper than reading every column of every row again.
    Appeals merged meanwhile leave the frame. If the table's row count then
    disagrees with the frame's (rows pruned or replaced without being reported),
    the whole frame is read again: a refresh is never less correct than a reload.
    """
    old = frame.appeals
    removed = set(removed_ids)
    with cache.engine.connect() as conn:  # one read transaction, as in load_wall_frame
        max_id, count = _table_totals(conn)
        if changed_ids is None:
            changed = _fetch(conn, _changes_sql(frame.max_id, frame.max_updated))
        else:
            changed = _rows_by_id(conn, sorted(set(changed_ids) - removed), frame.max_id)
        ticker = _ticker(conn, ticker_size)
        as_of = _data_as_of(conn)
    changed = [row for row in changed if row[0] not in removed]
    drop = {int(row[0]) for row in changed} | removed
    kept = old[~old["id"].isin(list(drop))] if drop else old
    fresh = [row[:-1] for row in changed if row[-1] is None]
    appeals = _concat(kept, rows_to_frame(fresh)) if fresh else kept
    # new to the table: not in the frame before. Not only ids above the highest one read:
    # an older appeal re-entering the wall's window (reopened) arrives with a low id, and
    # counting it as known made every such sync reload every row (the soak run)
    changed_ids_read = {int(row[0]) for row in changed}
    known = int(old["id"].isin(list(changed_ids_read)).sum()) if changed_ids_read else 0
    added = len(changed_ids_read) - known
    if count != frame.row_count + added - len(removed):
        log.info("wall frame: %d rows in the cache, expected otherwise: reloading", count)
        return load_wall_frame(cache, now=now, ticker_size=ticker_size)
    return WallFrame(
        appeals=appeals,
        ticker=ticker,
        data_as_of=as_of,
        loaded_at=now,
        max_id=max(max_id, frame.max_id),
        row_count=count,
        max_updated=_max_updated(appeals, frame.max_updated),
    )


def _rows_by_id(conn: Connection, ids: list[int], after: int) -> list[tuple[Any, ...]]:
    columns = [*(A.c[name] for name in FRAME_COLUMNS), A.c.merged_into]
    out: list[tuple[Any, ...]] = []
    for chunk in chunks(ids):
        out.extend(tuple(r) for r in conn.execute(select(*columns).where(A.c.id.in_(chunk))))
    seen = set(ids)
    newer = conn.execute(select(*columns).where(A.c.id > after))
    out.extend(tuple(r) for r in newer if r[0] not in seen)
    return out


def _concat(kept: pd.DataFrame, fresh: pd.DataFrame) -> pd.DataFrame:
    """Rows of both, code columns kept categorical (over the union of their codes).

    Codes are a closed set (themes, municipalities, statuses), so the new rows'
    codes are nearly always known already: then only the few new rows are
    re-encoded, and the big frame is left as it is.
    """
    import pandas as pd

    copied = False
    for name in (*CODE_COLUMNS, REACTION_COLUMN):
        known = kept[name].cat.categories
        new = fresh[name].cat.categories
        if not new.isin(known).all():
            known = known.union(new)
            if not copied:
                kept, copied = kept.copy(), True
            kept[name] = kept[name].cat.set_categories(known)
        fresh[name] = fresh[name].cat.set_categories(known)
    return pd.concat([kept, fresh], ignore_index=True)


def _table_totals(conn: Connection) -> tuple[int, int]:
    """(highest id, number of rows) of the appeals table, merged ones included."""
    top, count = conn.execute(select(func.max(A.c.id), func.count()).select_from(A)).one()
    return int(top or 0), int(count)


def _max_updated(appeals: pd.DataFrame, floor: float = 0.0) -> float:
    import numpy as np

    values = appeals["updated_at"].to_numpy(dtype=np.float64)
    finite = values[np.isfinite(values)]
    return max(floor, float(finite.max())) if finite.size else floor
