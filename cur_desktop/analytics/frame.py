"""The columns the wall needs, read from the local cache once: :class:`WallFrame`.

One query reads the narrow columns every aggregate uses (codes, statuses, times,
ratings) into a pandas DataFrame; text bodies are never read, except the newest
``feed_size`` appeals' title and text for the live feed, which are masked here,
before anything else sees them (:mod:`cur_desktop.analytics.feed`). Merged
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

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select

from cur_desktop.analytics.feed import mask_feed_rows
from cur_desktop.analytics.wall_data import FeedItem
from cur_desktop.cache import schema

if TYPE_CHECKING:
    import pandas as pd

    from cur_desktop.cache import Cache

A = schema.appeals

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

#: Columns the feed reads for its last items (and masks at once).
FEED_COLUMNS = (
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
    feed: tuple[FeedItem, ...]  # newest first, masked
    data_as_of: datetime | None
    loaded_at: datetime

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


def _fetch(cache: Cache, sql: str) -> list[tuple[Any, ...]]:
    with cache.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        try:
            return list(cursor.execute(sql).fetchall())
        finally:
            cursor.close()


def _feed(cache: Cache, feed_size: int) -> tuple[FeedItem, ...]:
    query = (
        select(*(A.c[name] for name in FEED_COLUMNS))
        .where(A.c.merged_into.is_(None))
        .order_by(A.c.id.desc())
        .limit(feed_size)
    )
    with cache.engine.connect() as conn:
        return mask_feed_rows(dict(r) for r in conn.execute(query).mappings())


def _data_as_of(cache: Cache) -> datetime | None:
    last = cache.get_state(SYNC_LAST_SUCCESS)
    return datetime.fromtimestamp(float(last), tz=UTC) if last else None


def rows_to_frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
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


def load_wall_frame(cache: Cache, *, now: datetime, feed_size: int = 30) -> WallFrame:
    """Read the wall's columns and the masked newest ``feed_size`` appeals."""
    frame = rows_to_frame(_fetch(cache, _frame_sql()))
    return WallFrame(
        appeals=frame,
        feed=_feed(cache, feed_size),
        data_as_of=_data_as_of(cache),
        loaded_at=now,
    )


def refresh_wall_frame(
    cache: Cache, frame: WallFrame, *, now: datetime, feed_size: int = 30
) -> WallFrame:
    """``frame`` brought up to date by reading only the rows added or changed since.

    New appeals follow the highest id read and changes carry a newer ``updated_at``
    (the central service stamps every write), so one query with those two bounds
    finds them; their rows replace the old ones, and appeals merged meanwhile
    leave. If the cache lost rows (pruned, or a snapshot replaced it), the
    counts disagree and the whole frame is read again. At a million appeals
    this is the difference between a full reload (seconds) and a refresh
    (a scan of one column plus the changed rows).
    """
    import numpy as np
    import pandas as pd

    old = frame.appeals
    if len(old) == 0:
        return load_wall_frame(cache, now=now, feed_size=feed_size)
    max_id = int(old["id"].max())
    updated = old["updated_at"].to_numpy(dtype=np.float64)
    since = float(np.nanmax(updated)) if np.isfinite(updated).any() else 0.0
    changed = _fetch(cache, _changes_sql(max_id, since))
    if changed:
        ids = [row[0] for row in changed]
        kept = old[~old["id"].isin(ids)]
        fresh = rows_to_frame([row[:-1] for row in changed if row[-1] is None])
        merged = pd.concat([kept, fresh], ignore_index=True)
        for name in (*CODE_COLUMNS, REACTION_COLUMN):
            merged[name] = pd.Categorical(merged[name].astype(object))
    else:
        merged = old
    with cache.engine.connect() as conn:
        count = conn.execute(
            select(func.count()).select_from(A).where(A.c.merged_into.is_(None))
        ).scalar_one()
    if int(count) != len(merged):
        return load_wall_frame(cache, now=now, feed_size=feed_size)
    return WallFrame(
        appeals=merged,
        feed=_feed(cache, feed_size),
        data_as_of=_data_as_of(cache),
        loaded_at=now,
    )
