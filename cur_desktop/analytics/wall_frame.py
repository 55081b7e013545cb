"""The columns the wall needs, read from the local cache once: :class:`WallFrame`.

One query reads the narrow columns every aggregate uses (codes, statuses, times,
ratings) into a pandas DataFrame; text bodies are never read, except the newest
``ticker_size`` appeals' title and text for the ticker, which are masked here,
before anything else sees them (:mod:`cur_desktop.analytics.ticker`). Merged
duplicates (``merged_into`` set) are left out: they are one problem counted once.

After that, :func:`refresh_wall_frame` reads only the rows added or changed since
(a sync batch), so the wall never reloads a million rows per change, and writes
them into the frame's columns in place (:mod:`cur_desktop.analytics.frame_store`):
a batch costs its own size, not the frame's.

Rows come through the driver's own cursor (plain tuples) rather than SQLAlchemy
rows: at a million appeals that is the difference between ~2 s and ~6 s.

Threading: call from a worker thread; the cache's engine hands each thread its
own connection. A frame is read-only and may be read from any thread until it is
refreshed: the refresh takes its columns over (the frame passed in must not be
read afterwards; refreshed a second time, it is read again whole). Qt-free;
pandas and numpy are imported inside functions (start-up time).
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection, func, or_, select

from cur_desktop.analytics.frame_store import FrameStore
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
#: Answers returned for rework (the rating's quality criterion, issue 16).
REWORK_COLUMN = "rework_count"
FRAME_COLUMNS = (*NUMBER_COLUMNS, *CODE_COLUMNS, *TIME_COLUMNS, REACTION_COLUMN, REWORK_COLUMN)
#: Columns held as categoricals, and as int64 (the rest are float64).
CATEGORICAL = frozenset((*CODE_COLUMNS, REACTION_COLUMN))
INTEGERS = frozenset(("id", "is_open", REWORK_COLUMN))

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

#: The cache's covering index of every frame column (cache migration 0007).
WALL_INDEX = "ix_appeals_wall"
#: Beside the cache file: the frame's columns as last read, for a fast start.
COLUMNS_FILE_SUFFIX = ".wall-columns.npz"
#: How often a refreshed frame is written to the columns file again.
COLUMNS_SAVE_EVERY = timedelta(minutes=10)
_COLUMNS_FORMAT = 2  # 2: rework_count


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
    saved_at: datetime | None = None  # when these columns were last written to the file
    ticker_stamps: tuple[str, ...] = ()  # digests of the ticker rows' masked columns
    #: The arrays ``appeals`` views (None: a frame of its own, copied into a store at
    #: its first refresh), and the store's version when this frame was made.
    store: FrameStore | None = field(default=None, compare=False, repr=False)
    store_version: int = 0
    #: Merged appeals a refresh read, stamped at ``max_updated``: in the table, not in the
    #: frame, and found again by the next scan (``>=``), which must not count them as new.
    merged_recent: frozenset[int] = frozenset()

    def stamped_ticker(self) -> tuple[Stamped, ...]:
        return tuple(zip(self.ticker, self.ticker_stamps, strict=False))

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
    sql = str(query.compile(compile_kwargs={"literal_binds": True}))
    # the OR defeats every index, so SQLite would scan the wide rows (3 GB at a million
    # appeals); the wall's covering index holds every column read and is ~20x narrower
    return sql.replace("FROM appeals", f"FROM appeals INDEXED BY {WALL_INDEX}", 1)


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


Stamped = tuple[TickerItem, str]
"""A masked ticker item and the digest of the columns it was masked from."""


def _ticker(
    conn: Connection, ticker_size: int, known: Sequence[Stamped] = ()
) -> tuple[Stamped, ...]:
    """The newest ``ticker_size`` appeals, masked; an item of ``known`` masked from the
    same columns is kept as it is (a status change re-masks nothing, and a restart
    runs the name model only for appeals new or edited since)."""
    query = (
        select(*(A.c[name] for name in TICKER_COLUMNS))
        .where(A.c.merged_into.is_(None))
        .order_by(A.c.id.desc())
        .limit(ticker_size)
    )
    kept = {(item.appeal_id, stamp): item for item, stamp in known}
    out: list[Stamped] = []
    for row in conn.execute(query).mappings():
        stamp = hashlib.blake2b(orjson.dumps(list(row.values())), digest_size=16).hexdigest()
        item = kept.get((int(row["id"]), stamp))
        out.append((item or mask_ticker_rows([dict(row)])[0], stamp))
    return tuple(out)


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


def load_wall_frame(
    cache: Cache, *, now: datetime, ticker_size: int = 30, keep_columns: bool = True
) -> WallFrame:
    """Read the wall's columns and the masked newest ``ticker_size`` appeals.

    ``keep_columns``: start from the columns file beside the cache (written by the
    last run, :func:`columns_path`) and read only what changed since, verified
    against the cache (every unmerged id present, nothing newer than the file
    missing); without a usable file, read every row and write the file for the
    next start. A wall restarted after a power cut so shows its first picture in
    the time of a file read, not of a million-row read.
    """
    if keep_columns:
        started = _start_from_file(cache, now=now, ticker_size=ticker_size)
        if started is not None:
            return started
    frame = _load_all(cache, now=now, ticker_size=ticker_size)
    if keep_columns:
        frame = _saved(frame, columns_path(cache), now)
    return frame


def _load_all(cache: Cache, *, now: datetime, ticker_size: int) -> WallFrame:
    # one read transaction: the totals, rows and ticker of the same moment (a commit of
    # the sync thread in between made the next refresh's counts disagree: a reload of
    # every row every few seconds, found by the soak run)
    with cache.engine.connect() as conn:
        max_id, count = _table_totals(conn)
        frame = _read_frame(conn, _frame_sql())
        ticker = _ticker(conn, ticker_size)
        as_of = _data_as_of(conn)
    store = _store_of(frame)
    del frame  # the store holds the rows now
    appeals = store.frame()
    return WallFrame(
        appeals=appeals,
        store=store,
        store_version=store.version,
        ticker=tuple(item for item, _ in ticker),
        ticker_stamps=tuple(stamp for _, stamp in ticker),
        data_as_of=as_of,
        loaded_at=now,
        max_id=max_id,
        row_count=count,
        max_updated=_max_updated(appeals),
    )


def _store_of(df: pd.DataFrame) -> FrameStore:
    return FrameStore.from_frame(df, categorical=CATEGORICAL, integers=INTEGERS)


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
    Appeals merged meanwhile leave the frame.

    Found by the scan, the table's rows are counted: if the count disagrees with
    the frame's (rows pruned or replaced without being reported), the whole frame
    is read again, so the scan is never less correct than a reload. Told by ids
    (the wall's own sync, then the cache's only writer), the count is the frame's
    plus the rows added less those removed: counting a million rows (10 ms) per
    batch would cost more than the batch itself; the wall's periodic pass scans.
    """
    store = frame.store
    if store is not None and store.version != frame.store_version:
        log.info("wall frame: refreshed twice (its columns moved on): reloading")
        return load_wall_frame(cache, now=now, ticker_size=ticker_size, keep_columns=False)
    removed = set(removed_ids)
    with cache.engine.connect() as conn:  # one read transaction, as in load_wall_frame
        max_id, count = _table_totals(conn) if changed_ids is None else (_max_id(conn), -1)
        if changed_ids is None:
            changed = _fetch(conn, _changes_sql(frame.max_id, frame.max_updated))
        else:
            changed = _rows_by_id(conn, sorted(set(changed_ids) - removed), frame.max_id)
        ticker = _ticker(conn, ticker_size, frame.stamped_ticker())
        as_of = _data_as_of(conn)
    changed = [row for row in changed if row[0] not in removed]
    if store is None:  # read from the columns file: copied into a store once
        store = _store_of(frame.appeals)
    # new to the table: not in the frame before. Not only ids above the highest one read:
    # an older appeal re-entering the wall's window (reopened) arrives with a low id, and
    # counting it as known made every such sync reload every row (the soak run)
    changed_ids_read = sorted({int(row[0]) for row in changed})
    held = store.rows_of(changed_ids_read) >= 0
    known = sum(1 for k, i in enumerate(changed_ids_read) if held[k] or i in frame.merged_recent)
    added = len(changed_ids_read) - known
    expected = frame.row_count + added - len(removed)
    if count < 0:  # told by ids: trusted (the docstring)
        count = expected
    elif count != expected:
        log.info("wall frame: %d rows in the cache, expected otherwise: reloading", count)
        return load_wall_frame(cache, now=now, ticker_size=ticker_size, keep_columns=False)
    fresh = [row[:-1] for row in changed if row[-1] is None]
    merged = [int(row[0]) for row in changed if row[-1] is not None]
    store.apply(fresh, [*merged, *sorted(removed)])
    appeals = store.frame()
    max_updated = _batch_max_updated(fresh, frame.max_updated)
    at = FRAME_COLUMNS.index("updated_at")
    kept = frame.merged_recent - removed if max_updated == frame.max_updated else set()
    stamped = {
        int(row[0])
        for row in changed
        if row[-1] is not None and row[at] is not None and row[at] >= max_updated
    }
    merged_recent = frozenset((kept | stamped) - {int(row[0]) for row in fresh})
    fresh_frame = WallFrame(
        appeals=appeals,
        ticker=tuple(item for item, _ in ticker),
        ticker_stamps=tuple(stamp for _, stamp in ticker),
        data_as_of=as_of,
        loaded_at=now,
        max_id=max(max_id, frame.max_id),
        row_count=count,
        max_updated=max_updated,
        merged_recent=merged_recent,
        saved_at=frame.saved_at,
        store=store,
        store_version=store.version,
    )
    if frame.saved_at is not None and now - frame.saved_at >= COLUMNS_SAVE_EVERY:
        fresh_frame = _saved(fresh_frame, columns_path(cache), now)
    return fresh_frame


def columns_path(cache: Cache) -> Path:
    """The columns file of ``cache``: beside it, named after it."""
    path = cache.path
    return path.with_name(path.name + COLUMNS_FILE_SUFFIX)


def save_wall_columns(frame: WallFrame, path: Path) -> None:
    """Write the frame's columns to ``path`` whole or not at all (a temp file renamed).

    Code columns are stored as their integer codes and categories, numbers as they
    are: numpy's own format, read back without parsing a value.
    """
    import numpy as np

    arrays: dict[str, Any] = {
        "_meta": np.array(
            [_COLUMNS_FORMAT, frame.max_id, frame.row_count, frame.max_updated], dtype=np.float64
        ),
        "_columns": np.array(FRAME_COLUMNS),
        "_ticker": np.frombuffer(_ticker_json(frame.stamped_ticker()), dtype=np.uint8),
    }
    for name in FRAME_COLUMNS:
        column = frame.appeals[name]
        if name in CODE_COLUMNS or name == REACTION_COLUMN:
            arrays[f"{name}.codes"] = column.cat.codes.to_numpy()
            categories = [str(c) for c in column.cat.categories]
            arrays[f"{name}.categories"] = np.array(categories, dtype=np.str_)
        else:
            arrays[name] = column.to_numpy()
    temp = path.with_name(path.name + ".tmp")
    with temp.open("wb") as out:
        np.savez(out, **arrays)
        out.flush()
        os.fsync(out.fileno())
    temp.replace(path)


def read_wall_columns(
    path: Path,
) -> tuple[pd.DataFrame, int, int, float, tuple[Stamped, ...]] | None:
    """(frame, max id, row count, max updated, ticker) from a columns file; None if unusable."""
    import numpy as np
    import pandas as pd

    try:
        with path.open("rb") as file, np.load(file, allow_pickle=False) as stored:
            meta = stored["_meta"]
            if int(meta[0]) != _COLUMNS_FORMAT or tuple(stored["_columns"]) != FRAME_COLUMNS:
                return None
            data: dict[str, Any] = {}
            for name in FRAME_COLUMNS:
                if name in CODE_COLUMNS or name == REACTION_COLUMN:
                    categories = stored[f"{name}.categories"]
                    data[name] = pd.Categorical.from_codes(stored[f"{name}.codes"], categories)
                else:
                    data[name] = stored[name]
            ticker = _ticker_from_json(stored["_ticker"].tobytes())
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
        log.info("wall columns file %s not usable (%s): reading the cache", path, error)
        return None
    frame = pd.DataFrame(data, columns=list(FRAME_COLUMNS))
    return frame, int(meta[1]), int(meta[2]), float(meta[3]), ticker


def _ticker_json(items: Sequence[Stamped]) -> bytes:
    """The masked ticker items (nothing personal: they are what the wall shows)."""
    docs = []
    for item, stamp in items:
        doc = {f: getattr(item, f) for f in TickerItem.__dataclass_fields__}
        doc["created_at"] = item.created_at.timestamp()
        docs.append([doc, stamp])
    return orjson.dumps(docs)


def _ticker_from_json(raw: bytes) -> tuple[Stamped, ...]:
    out: list[Stamped] = []
    for doc, stamp in orjson.loads(raw):
        doc["created_at"] = datetime.fromtimestamp(float(doc["created_at"]), tz=UTC)
        out.append((TickerItem(**doc), str(stamp)))
    return tuple(out)


def _saved(frame: WallFrame, path: Path, now: datetime) -> WallFrame:
    try:
        save_wall_columns(frame, path)
    except OSError as error:  # a read-only or full disk: the wall works without the file
        log.warning("wall columns not saved to %s: %s", path, error)
        return frame
    return replace(frame, saved_at=now)


def _start_from_file(cache: Cache, *, now: datetime, ticker_size: int) -> WallFrame | None:
    """The file's frame brought up to date, or None when it cannot be trusted."""
    import numpy as np

    path = columns_path(cache)
    if not path.is_file():
        return None
    stored = read_wall_columns(path)
    if stored is None:
        return None
    appeals, max_id, row_count, max_updated, ticker = stored
    frame = WallFrame(
        appeals=appeals,
        ticker=tuple(item for item, _ in ticker),
        ticker_stamps=tuple(stamp for _, stamp in ticker),
        data_as_of=None,
        loaded_at=now,
        max_id=max_id,
        row_count=row_count,
        max_updated=max_updated,
        saved_at=now,
    )
    frame = refresh_wall_frame(cache, frame, now=now, ticker_size=ticker_size)
    if frame.saved_at is None:  # the refresh found it wrong and read everything
        return _saved(frame, path, now)
    # The file belongs to this cache's current content: every unmerged appeal is in
    # it (no prune or replacement went unseen) and none is older than the file
    # claims (a cache restored from an older backup would be).
    with cache.engine.connect() as conn, _driver_cursor(conn) as cursor:
        ids_text, newest = cursor.execute(
            f"SELECT group_concat(id), max(updated_at) FROM appeals INDEXED BY {WALL_INDEX}"  # noqa: S608
            " WHERE merged_into IS NULL"
        ).fetchone()
    ids = np.fromstring(ids_text or "", dtype=np.int64, sep=",")
    held = np.sort(frame.appeals["id"].to_numpy())
    if not np.array_equal(np.sort(ids), held) or float(newest or 0.0) < max_updated:
        log.info("wall columns file %s does not match the cache: reading every row", path)
        return None
    return frame


#: The columns a refresh reads per appeal: the frame's, and whether it was merged.
_ROW_SQL = "SELECT {} FROM appeals WHERE ".format(  # noqa: S608 - column names, no values
    ", ".join((*FRAME_COLUMNS, "merged_into"))
)


def _rows_by_id(conn: Connection, ids: list[int], after: int) -> list[tuple[Any, ...]]:
    """Rows of ``ids`` and of every id above ``after``, through the driver's cursor
    (plain tuples: SQLAlchemy's rows cost a third of a 300-row batch's refresh)."""
    out: list[tuple[Any, ...]] = []
    with _driver_cursor(conn) as cursor:
        for chunk in chunks(ids):
            marks = ", ".join("?" * len(chunk))
            out.extend(cursor.execute(f"{_ROW_SQL}id IN ({marks})", chunk).fetchall())
        seen = set(ids)
        newer = cursor.execute(f"{_ROW_SQL}id > ?", (after,)).fetchall()
    out.extend(row for row in newer if row[0] not in seen)
    return out


def _table_totals(conn: Connection) -> tuple[int, int]:
    """(highest id, number of rows) of the appeals table, merged ones included.

    Two statements: asked together, SQLite scans every row for both (92 ms at a
    million appeals); a bare ``count(*)`` counts the smallest index's pages (10 ms) and
    ``max(id)`` is one step down the primary key."""
    return _max_id(conn), int(conn.execute(select(func.count()).select_from(A)).scalar_one())


def _max_id(conn: Connection) -> int:
    return int(conn.execute(select(func.max(A.c.id))).scalar_one() or 0)


def _max_updated(appeals: pd.DataFrame, floor: float = 0.0) -> float:
    import numpy as np

    values = appeals["updated_at"].to_numpy(dtype=np.float64)
    finite = values[np.isfinite(values)]
    return max(floor, float(finite.max())) if finite.size else floor


def _batch_max_updated(rows: Sequence[tuple[Any, ...]], floor: float) -> float:
    """The newest ``updated_at`` of a frame whose rows before were at most ``floor``
    and which now holds ``rows`` as well (the rows kept were at most ``floor``)."""
    at = FRAME_COLUMNS.index("updated_at")
    stamps = [float(row[at]) for row in rows if row[at] is not None]
    finite = [x for x in stamps if math.isfinite(x)]
    return max(floor, *finite) if finite else floor
