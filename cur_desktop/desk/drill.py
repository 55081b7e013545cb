"""The appeals behind a desk figure as a queue the console can show.

A figure's appeals are a list of ids (:meth:`Desk.appeal_ids`); the console's queue
view takes a :class:`~cur_desktop.cache.queries.queue.QueueQuery`. The ids travel as
one JSON array read by SQLite's ``json_each`` (a month's received appeals can be tens
of thousands: too many for bound parameters), so the queue's filters, search and
orders all work on them as on any queue. Qt-free.
"""

from __future__ import annotations

from collections.abc import Sequence

import orjson
from sqlalchemy import func, select

from cur_desktop.cache import schema
from cur_desktop.cache.queries.queue import Order, QueueQuery
from cur_desktop.cache.store import QueueFilter


def drill_query(ids: Sequence[int]) -> QueueQuery:
    """A queue of exactly ``ids``, open or not, newest first."""
    values = func.json_each(orjson.dumps([int(i) for i in ids]).decode()).table_valued("value")
    return QueueQuery(
        flt=QueueFilter(open_only=False),
        extra=(schema.appeals.c.id.in_(select(values.c.value)),),
        order=Order.NEWEST,
    )
