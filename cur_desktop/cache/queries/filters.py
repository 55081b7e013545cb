"""The filter bar's values as a plain value, and the SQL conditions they mean.

:class:`FilterValues` is what an operator has typed and picked in the filter bar,
kept apart from the widget so that a saved queue (a row of the cache's
``saved_queries`` table, see :mod:`.saved`) stores exactly this, as JSON, and the
core turns it into SQL without touching Qt. Every field is optional; set fields
are ANDed onto the queue being shown.

Dates are the region's calendar dates: "received from 01.11" means from midnight in
the region's zone, whatever the workstation's zone. "Overdue" means the stored
deadline has passed and the appeal is still open (the SLA engine's own verdict is
what the deadline column shows).

Qt-free; any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement

from cur_desktop.cache import QueueFilter, schema
from cur_desktop.cache.queries.queue import QueueQuery, category_clause
from cur_desktop.domain.enums import Flag, Status

A = schema.appeals
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class FilterValues:
    text: str = ""  # full-text terms (Russian morphology)
    theme: str | None = None  # Theme.code
    category: str | None = None  # Category.code (a category or a subcategory)
    municipality: str | None = None  # OKTMO
    body: str | None = None  # Body.code
    source: str | None = None  # Source value
    status: str | None = None  # Status value
    importance: str | None = None  # Importance value
    flag: int = 0  # one Flag bit (0: any)
    overdue: bool = False  # only appeals past their deadline
    date_from: date | None = None  # created on or after (region's local date)
    date_to: date | None = None  # created on or before (inclusive)

    def is_empty(self) -> bool:
        return self == FilterValues()

    def has_structure(self) -> bool:
        """Whether anything beyond the search text is set."""
        return FilterValues(text=self.text) != self

    def to_json(self) -> dict[str, Any]:
        """Only the fields that are set, dates as ISO strings."""
        out: dict[str, Any] = {}
        for name, value in asdict(self).items():
            if value in (None, "", 0, False):
                continue
            out[name] = value.isoformat() if isinstance(value, date) else value
        return out

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> FilterValues:
        """Read :meth:`to_json` output; unknown keys are ignored (newer builds)."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, value in doc.items():
            if name not in known or value is None:
                continue
            if name in ("date_from", "date_to"):
                values[name] = date.fromisoformat(str(value))
            elif name == "flag":
                values[name] = int(value)
            elif name == "overdue":
                values[name] = bool(value)
            else:
                values[name] = str(value)
        return cls(**values)


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
        clauses.append(schema.IS_OPEN)
    if values.category:
        clauses.append(category_clause([values.category]))
    return clauses


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone)
