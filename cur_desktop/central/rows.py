"""Conversion between domain objects and rows of the central tables.

Rows are plain dicts of column values (epoch seconds, JSON text); everything
above the storage layer works with frozen :class:`~cur_desktop.domain.Appeal`
objects. ``window_at`` is derived here, in one place: NULL while an appeal is
open, otherwise the moment it left the queue (closed, answered, rejected…),
which is what the snapshot's "closed within N days" window compares.
"""

from __future__ import annotations

from typing import Any

from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.domain.columns import (
    appeal_to_columns,
    from_epoch,
    history_to_columns,
)
from cur_desktop.domain.columns import (
    columns_to_appeal as row_to_appeal,
)
from cur_desktop.domain.columns import (
    columns_to_history as row_to_history,
)

__all__ = [
    "appeal_to_row",
    "from_epoch",
    "history_to_row",
    "row_to_appeal",
    "row_to_history",
    "window_at",
]


def window_at(a: Appeal) -> float | None:
    if a.status.is_open:
        return None
    finished = a.closed_at or a.answered_at or a.updated_at or a.created_at
    return finished.timestamp()


def appeal_to_row(a: Appeal) -> dict[str, Any]:
    row = appeal_to_columns(a)
    row["window_at"] = window_at(a)
    return row


def history_to_row(h: HistoryEntry, seq: int) -> dict[str, Any]:
    row = history_to_columns(h)
    row["seq"] = seq
    return row
