"""Batches of rows and ids: the one place that knows how big a statement may get.

SQLite allows at most 999 bound variables per statement on the oldest builds we
meet (PyInstaller bundles, Debian's libsqlite3), so an ``IN (…)`` list of ids is
cut into slices of :data:`IN_LIST` — small enough for PostgreSQL too, which the
central service shares this helper with. Bulk inserts are cut into
:data:`BATCH` rows so a million-appeal load never holds every row dict at once.

Before this module the slicing was written out in eight places, each with its own
900; a new query now has one name to reach for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

__all__ = ["BATCH", "IN_LIST", "chunks"]

IN_LIST = 900
"""Most values one ``IN (…)`` list binds (below SQLite's historic 999 variables)."""

BATCH = 5_000
"""Rows per ``executemany`` of a bulk load (memory, not a database limit)."""

T = TypeVar("T")


def chunks(items: Iterable[T], size: int = IN_LIST) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items of ``items``, in order.

    Takes any iterable (a generator of rows is consumed lazily, one list at a time);
    a list or tuple is sliced without copying it first.
    """
    if size <= 0:
        msg = "a chunk holds at least one item"
        raise ValueError(msg)
    if isinstance(items, list | tuple):
        for start in range(0, len(items), size):
            yield list(items[start : start + size])
        return
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
