"""The central tables' own columns on top of the shared column codec.

Rows are plain dicts of column values (epoch seconds, JSON text), written and read
by :mod:`cur_desktop.protocol.columns` (the cache uses the same codec; rows are
read back with its ``columns_to_appeal``/``columns_to_history``). What only the
service stores is added here: ``window_at``, derived in one place — NULL while an
appeal is open, otherwise the moment it left the queue (closed, answered,
rejected…), which is what the snapshot's "closed within N days" window compares —
and a history line's feed position ``seq``.
"""

from __future__ import annotations

from typing import Any

from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.protocol.columns import appeal_to_columns, history_to_columns

__all__ = ["appeal_to_row", "history_to_row", "window_at"]


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
