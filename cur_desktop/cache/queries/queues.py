"""The built-in work queues as SQL, and the navigator's counts of them in one pass.

The console's navigator offers work queues («Новые и неразобранные», «Под угрозой и
просроченные», «Важные», …) under stable keys (``open``, ``new``, ``mine``, ``risk``,
``important``, ``rework``, ``all``), a queue per theme block and per municipality,
and the operator's saved queues. The screen owns their titles and order; what each
key *selects* lives here, so the same condition fills the queue and counts it.

Counts of the work queues come from one pass over the open appeals (one SQL
aggregate with a ``CASE`` per queue) plus one count of the whole cache; blocks and
municipalities are one ``GROUP BY`` each (:meth:`AppealStore.counts_by`): a
navigator refresh costs a few statements, not one per queue.

Qt-free; any thread. A condition is valid for the ``now`` it was built for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, case, func, or_, select

from cur_desktop.cache import QueueFilter, schema
from cur_desktop.cache.queries.queue import Order, QueueQuery
from cur_desktop.cache.queries.risk import at_risk_clause
from cur_desktop.domain.enums import Flag, Importance, Status
from cur_desktop.sla import ProductionCalendar, SlaRules

A = schema.appeals
WORK_KEYS = ("open", "new", "mine", "risk", "important", "rework")
"""Work queues counted over the open appeals, in the navigator's order."""


@dataclass(frozen=True, slots=True)
class WorkQueues:
    """The work queues of one operator: whose "mine" it is, which SLA rules say "risk"."""

    login: str  # "" when nobody signed in: there is no "mine" queue
    rules: SlaRules
    calendar: ProductionCalendar

    def offered(self) -> tuple[str, ...]:
        """The work queue keys this operator has (no "mine" without a login)."""
        return tuple(k for k in WORK_KEYS if k != "mine" or self.login)

    def clause(self, key: str, now: datetime) -> ColumnElement[bool] | None:
        """The condition of work queue ``key`` at ``now``; None for "open" and unknown keys."""
        if key == "new":
            return or_(A.c.status == Status.NEW.value, A.c.theme.is_(None))
        if key == "mine":
            return A.c.taken_by == self.login
        if key == "risk":
            return at_risk_clause(self.rules, self.calendar, now)
        if key == "important":
            important = int(Flag.IMPORTANT)
            return or_(
                A.c.flags.op("&")(important) == important,
                A.c.importance == Importance.HIGH.value,
            )
        if key == "rework":
            return A.c.rework_count > 0
        return None

    def query(self, key: str, now: datetime) -> QueueQuery | None:
        """The open appeals of work queue ``key`` at ``now``; None for an unknown key."""
        clause = self.clause(key, now)
        if key != "open" and clause is None:
            return None
        return QueueQuery(extra=(clause,) if clause is not None else ())

    def counts(self, engine: Engine, now: datetime) -> dict[str, int]:
        """Every work queue's count at ``now``, and ``all`` (closed appeals too)."""
        sums: list[Any] = []
        keys = self.offered()
        for key in keys:
            clause = self.clause(key, now)
            sums.append(func.count() if clause is None else func.sum(case((clause, 1), else_=0)))
        counts: dict[str, int] = {}
        with engine.connect() as conn:
            row = conn.execute(select(*sums).where(schema.IS_OPEN)).one()
            counts.update({k: int(v or 0) for k, v in zip(keys, row, strict=True)})
            counts["all"] = int(conn.execute(select(func.count()).select_from(A)).scalar_one())
        return counts


def all_appeals() -> QueueQuery:
    """Every appeal, closed ones too, newest first."""
    return QueueQuery(flt=QueueFilter(open_only=False), order=Order.NEWEST)


def of_themes(codes: tuple[str, ...]) -> QueueQuery:
    """The open appeals of these themes (a theme block)."""
    return QueueQuery(flt=QueueFilter(themes=codes))


def of_municipality(oktmo: str) -> QueueQuery:
    """The open appeals of one municipality."""
    return QueueQuery(flt=QueueFilter(municipalities=(oktmo,)))
