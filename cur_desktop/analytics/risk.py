"""Deadline risk: open appeals about to become overdue, by body.

For each open appeal whose stored deadline (``due_at``, kept current by the
central service's SLA engine) is still ahead, the time left is measured the way
its norm counts time (:mod:`cur_desktop.sla`): working hours through the
production calendar for working-time norms (ИМ: 8 working hours), elapsed hours
otherwise (59-ФЗ: 30 calendar days). The phase decides the norm: after an interim
answer the rule's final-answer norm applies. Appeals are then put in buckets:
up to 4 hours left, up to one day (8 working hours or 24 hours), up to three
days (24 working hours or 72 hours). Only appeals due within ``PREFILTER_DAYS``
calendar days are measured, so the calendar walk stays small at a million
appeals. Qt-free.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cur_desktop.analytics.columns import DAY, HOUR, Clock, codes, floats, rule_index
from cur_desktop.analytics.wall_data import BodyRisk, RiskItem

if TYPE_CHECKING:
    import pandas as pd

    from cur_desktop.analytics.wall_context import WallContext

PREFILTER_DAYS = 12  # three working days can span the New Year holidays
RISK_ITEMS = 12


def compute_risk(
    df: pd.DataFrame, context: WallContext, clock: Clock
) -> tuple[tuple[BodyRisk, ...], tuple[RiskItem, ...]]:
    import numpy as np
    import pandas as pd

    now = clock.now
    open_now = df["is_open"].to_numpy() == 1
    due = floats(df, "due_at")
    body = codes(df, "body")
    overdue = open_now & (due < now)
    soon = open_now & (due >= now) & (due < now + PREFILTER_DAYS * DAY)
    part = df[soon]
    rules, index = rule_index(part, context.rules)
    interim = floats(part, "interim_answer_at")
    reopened = floats(part, "reopened_at")
    part_due = due[soon]
    now_dt = datetime.fromtimestamp(now, tz=UTC)
    remaining = np.empty(len(part), dtype=np.float64)
    working = np.empty(len(part), dtype=bool)
    for i in range(len(part)):
        rule = rules[index[i]]
        final_phase = not np.isnan(interim[i]) and (
            np.isnan(reopened[i]) or interim[i] >= reopened[i]
        )
        norm = rule.final_answer if final_phase and rule.final_answer else rule.first_answer
        working[i] = norm.unit.is_working
        if working[i]:
            left = context.calendar.working_time_between(
                now_dt, datetime.fromtimestamp(part_due[i], tz=UTC)
            )
            remaining[i] = left.total_seconds() / HOUR
        else:
            remaining[i] = (part_due[i] - now) / HOUR
    day = np.where(working, 8.0, 24.0)
    b4 = remaining <= 4.0
    b_day = ~b4 & (remaining <= day)
    b3 = ~b4 & ~b_day & (remaining <= 3 * day)

    buckets = pd.DataFrame(
        {
            "body": pd.Series(body[soon], dtype=object).fillna(""),
            "within_4h": b4,
            "within_day": b_day,
            "within_3days": b3,
        }
    )
    sums = buckets.groupby("body", sort=True).sum()
    late = pd.Series(body[overdue], dtype=object).fillna("").value_counts()
    keys = sorted(set(sums.index[sums.sum(axis=1) > 0]) | set(late.index))
    out = []
    for key in keys:
        row = sums.loc[key] if key in sums.index else None
        out.append(
            BodyRisk(
                body=str(key),
                within_4h=int(row["within_4h"]) if row is not None else 0,
                within_day=int(row["within_day"]) if row is not None else 0,
                within_3days=int(row["within_3days"]) if row is not None else 0,
                overdue=int(late.get(key, 0)),
            )
        )
    out.sort(key=lambda r: (-(r.within_4h + r.within_day), -r.at_risk, -r.overdue, r.body))

    ids = part["id"].to_numpy()
    theme = codes(part, "theme")
    category = codes(part, "category")
    mun = codes(part, "municipality")
    order = [i for i in np.argsort(remaining, kind="stable") if b4[i] or b_day[i] or b3[i]]
    items = tuple(
        RiskItem(
            appeal_id=int(ids[i]),
            theme=theme[i],
            category=category[i],
            municipality=mun[i],
            remaining_hours=float(remaining[i]),
            due_at=datetime.fromtimestamp(float(part_due[i]), tz=UTC),
            working_hours=bool(working[i]),
        )
        for i in order[:RISK_ITEMS]
    )
    return tuple(out), items
