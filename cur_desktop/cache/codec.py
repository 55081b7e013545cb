"""Conversion between :class:`~cur_desktop.domain.Appeal` and cache rows.

Rows are plain dicts of column values (epoch seconds, JSON text); queries turn
them back into frozen domain objects, so no ORM object or SQL row ever reaches
a widget. Kept free of SQLAlchemy so the sync engine and the benchmark can
build rows without it. The cache keeps an appeal in the same columns as the
central service does: the codec is :mod:`cur_desktop.domain.columns`, named here
as the cache calls it.
"""

from __future__ import annotations

from cur_desktop.domain.columns import (
    appeal_to_columns as appeal_to_row,
)
from cur_desktop.domain.columns import (
    columns_to_appeal as row_to_appeal,
)
from cur_desktop.domain.columns import (
    columns_to_history as row_to_history,
)
from cur_desktop.domain.columns import (
    epoch,
    from_epoch,
)
from cur_desktop.domain.columns import (
    history_to_columns as history_to_row,
)

__all__ = [
    "appeal_to_row",
    "epoch",
    "from_epoch",
    "history_to_row",
    "row_to_appeal",
    "row_to_history",
]
