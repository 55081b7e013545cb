""" "At risk and overdue" as one SQL condition, from the region's SLA rules.

Which appeal is at risk is decided per appeal by :func:`cur_desktop.sla.compute_sla`
(its rule, its phase, the share of its norm left). Running that over every open
appeal of a big cache to fill one queue would take seconds, so the queue uses the
same rules turned inside out: for each rule and phase, the latest deadline that is
already at risk *now* (``now`` plus the at-risk window, counted in the norm's own
kind of time). An appeal belongs to the queue when its stored deadline is not later
than the moment of its rule; rules are tried in the engine's order (most specific
first, then file order), so each appeal meets exactly the rule the engine gives it.

Windows measured in working days of a share-based rule depend on each appeal's
span; they are taken as that many standard working days (an approximation the
deadline column corrects, since it shows the engine's exact state).

Qt-free; the condition is valid for the ``now`` it was built for (rebuild it when
the queue is refreshed).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, literal, or_, true

from cur_desktop.cache import schema
from cur_desktop.sla import Norm, ProductionCalendar, SlaRule, SlaRules, Unit

A = schema.appeals
_WORKING_DAY = timedelta(hours=8)
_MATCH_COLUMNS = {
    "source": A.c.source,
    "kind": A.c.kind,
    "theme": A.c.theme,
    "importance": A.c.importance,
}


def at_risk_clause(
    rules: SlaRules, calendar: ProductionCalendar, now: datetime
) -> ColumnElement[bool]:
    """Open appeals whose deadline is passed or within their at-risk window at ``now``."""
    ordered = sorted(enumerate(rules.rules), key=lambda item: (-item[1].specificity, item[0]))
    whens: list[tuple[ColumnElement[bool], Any]] = []
    latest = now.timestamp()
    final_phase = and_(
        A.c.interim_answer_at.is_not(None),
        or_(A.c.reopened_at.is_(None), A.c.interim_answer_at >= A.c.reopened_at),
    )
    for _, rule in ordered:
        first = risk_horizon(rule, rule.first_answer, calendar, now).timestamp()
        matches = _matches(rule)
        if rule.final_answer is not None:
            final = risk_horizon(rule, rule.final_answer, calendar, now).timestamp()
            whens.append((and_(matches, final_phase), literal(final)))
            latest = max(latest, final)
        whens.append((matches, literal(first)))
        latest = max(latest, first)
    threshold = case(*whens, else_=literal(now.timestamp()))
    # The plain bound lets SQLite range-scan the deadline index before the CASE.
    return and_(
        schema.IS_OPEN,
        A.c.due_at.is_not(None),
        A.c.due_at <= latest,
        A.c.due_at <= threshold,
    )


def risk_horizon(
    rule: SlaRule, norm: Norm, calendar: ProductionCalendar, now: datetime
) -> datetime:
    """The latest deadline that is at risk at ``now`` under ``rule`` for ``norm``."""
    within = rule.at_risk.within
    if within is not None:
        if within.unit is Unit.WORKING_DAYS:
            return calendar.add_working_days(now, int(within.value))
        return _after(calendar, within.unit, now, within.amount())
    share = rule.at_risk.share or 0.0
    span = _WORKING_DAY * norm.value if norm.unit is Unit.WORKING_DAYS else norm.amount()
    return _after(calendar, norm.unit, now, span * share)


def _after(calendar: ProductionCalendar, unit: Unit, now: datetime, amount: timedelta) -> datetime:
    if amount <= timedelta(0):
        return now
    if unit.is_working:
        return calendar.add_working_time(now, amount)
    return now + amount


def _matches(rule: SlaRule) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = []
    for name, allowed in rule.match.items():
        conditions.append(_MATCH_COLUMNS[name].in_(sorted(allowed)))
    return and_(*conditions) if conditions else true()
