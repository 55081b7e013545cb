"""The filter bar's values as SQL conditions, ANDed onto the queue being shown.

Dates are the region's calendar dates: "received from 01.11" means from midnight in
the region's zone, whatever the workstation's zone. "Overdue" means the stored
deadline has passed and the appeal is still open (the SLA engine's own verdict is
what the deadline column shows).

Qt-free.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement

from cur_desktop.cache import QueueFilter, schema
from cur_desktop.domain.enums import Flag, Status
from ui.console.query import QueueQuery, category_clause
from widgets.filter_values import FilterValues

A = schema.appeals


def narrow(query: QueueQuery, values: FilterValues, *, time_zone: str, now: datetime) -> QueueQuery:
    """``query`` with the filter bar's values ANDed on, search words included."""
    text = " ".join(t for t in (query.text, values.text) if t)
    return query.narrowed(*filter_clauses(values, time_zone=time_zone, now=now), text=text)


def filter_clauses(
    values: FilterValues, *, time_zone: str, now: datetime
) -> list[ColumnElement[bool]]:
    zone = ZoneInfo(time_zone)
    structured = QueueFilter(
        open_only=False,
        statuses=(Status(values.status),) if values.status else (),
        themes=(values.theme,) if values.theme else (),
        municipalities=(values.municipality,) if values.municipality else (),
        bodies=(values.body,) if values.body else (),
        sources=(values.source,) if values.source else (),
        importance=(values.importance,) if values.importance else (),
        flags=Flag(values.flag),
        overdue_at=now if values.overdue else None,
        created_from=_midnight(values.date_from, zone) if values.date_from else None,
        created_to=(
            _midnight(values.date_to, zone) + timedelta(days=1) if values.date_to else None
        ),
    )
    clauses = structured.where()
    if values.overdue:
        clauses.append(A.c.is_open == 1)
    if values.category:
        clauses.append(category_clause([values.category]))
    return clauses


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone)
