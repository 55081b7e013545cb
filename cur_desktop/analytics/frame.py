"""The columns the wall needs, read from the local cache once: :class:`WallFrame`.

One query reads the narrow columns every aggregate uses (codes, statuses, times,
ratings) into a pandas DataFrame; text bodies are never read, except the newest
``feed_size`` appeals' title and text for the live feed, which are masked here,
before anything else sees them (:mod:`cur_desktop.analytics.feed`). Merged
duplicates (``merged_into`` set) are left out: they are one problem counted once.

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

from sqlalchemy import select

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
    sql = _frame_sql()
    feed_query = (
        select(*(A.c[name] for name in FEED_COLUMNS))
        .where(A.c.merged_into.is_(None))
        .order_by(A.c.id.desc())
        .limit(feed_size)
    )
    with cache.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        try:
            rows = cursor.execute(sql).fetchall()
        finally:
            cursor.close()
        feed_rows = [dict(r) for r in conn.execute(feed_query).mappings()]
    frame = rows_to_frame(rows)
    last = cache.get_state(SYNC_LAST_SUCCESS)
    as_of = datetime.fromtimestamp(float(last), tz=UTC) if last else None
    return WallFrame(
        appeals=frame,
        feed=mask_feed_rows(feed_rows),
        data_as_of=as_of,
        loaded_at=now,
    )
