"""Problem control in figures, for the reports and the desk: nothing personal in them.

:func:`problem_control` counts at ``now``: conflict situations (open, settled, tried
and not settled, open ones per reason), disinformation cases (per status, the
median hours to a refutation, and the open ones listed: the claim with personal
data masked, how many appeals, since when), problem clusters of the last 60 days
(how many, how many growing) and the measures with their effect. Reasons and
statuses are named in Russian here, as the reports name everything.

Qt-free; any thread. The clusters cost seconds when they are made (two months of
texts); the cache keeps each appeal's lemmas and the last clustering, so a report on
data unchanged since the last clustering (the console's or the previous report's)
reuses them (:func:`cur_desktop.problems.clusters.problems_in_cache`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from cur_desktop.domain.masking import mask_text
from cur_desktop.problems.clusters import count_problems, problems_in_cache
from cur_desktop.problems.conflict_cache import ConflictCounts, count_conflicts, find_conflicts
from cur_desktop.problems.conflict_rules import ConflictRules, region_conflict_rules
from cur_desktop.problems.disinfo import CaseCounts, CaseStatus, count_cases, read_cases
from cur_desktop.problems.measures import MeasureStatus, measures_with_effect

REASONS = {
    "low_rating": "Низкая оценка (1–3)",
    "dissatisfied": "«Недоволен»",
    "reopened": "Возобновлено",
    "repeat_author": "Повторное от того же автора",
    "repeat_address": "Повторное по тому же адресу",
    "higher_body": "Обращение в вышестоящий орган",
    "high_reach": "Публикация с большим охватом",
}
CASE_STATUSES = {
    CaseStatus.CHECKING.value: "на проверке",
    CaseStatus.FALSE.value: "недостоверно",
    CaseStatus.REFUTED.value: "опровергнуто",
    CaseStatus.NOT_CONFIRMED.value: "не подтвердилось",
}
MEASURE_STATUSES = {
    MeasureStatus.PLANNED.value: "запланирована",
    MeasureStatus.IN_PROGRESS.value: "в работе",
    MeasureStatus.DONE.value: "выполнена",
    MeasureStatus.CANCELLED.value: "отменена",
}
#: the open disinformation cases and measures a report lists at most
LISTED = 10


@dataclass(frozen=True, slots=True)
class OpenCase:
    case_id: str
    claim: str  # personal data masked
    appeals: int
    first_seen: float
    hours_open: float


@dataclass(frozen=True, slots=True)
class MeasureLine:
    what: str  # personal data masked
    who: str
    due: str  # ISO date or ""
    status: str  # in Russian
    before_per_week: float
    after_per_week: float | None
    change: float | None
    year_change: float | None


@dataclass(frozen=True, slots=True)
class ProblemControl:
    conflicts: ConflictCounts
    cases: CaseCounts
    open_cases: tuple[OpenCase, ...]
    problems: int
    growing: int
    appeals_in_problems: int
    measures: tuple[MeasureLine, ...]

    def reason_rows(self) -> list[tuple[str, int]]:
        """Open conflicts per reason, named, most first."""
        rows = [(REASONS.get(code, code), n) for code, n in self.conflicts.by_reason.items()]
        return sorted(rows, key=lambda r: (-r[1], r[0]))

    def case_rows(self) -> list[tuple[str, int]]:
        return [(CASE_STATUSES[s], n) for s, n in self.cases.by_status.items()]


def problem_control(
    engine: Engine, now: datetime, rules: ConflictRules | None = None
) -> ProblemControl:
    """The problem-control figures at ``now`` from the cache's engine."""
    return problem_control_with_ids(engine, now, rules)[0]


def problem_control_with_ids(
    engine: Engine, now: datetime, rules: ConflictRules | None = None
) -> tuple[ProblemControl, dict[str, tuple[int, ...]]]:
    """The figures and the appeals behind them (the desk opens them in the queue).

    ``ids``: ``conflicts`` (open conflict situations), ``cases`` (members of open
    disinformation cases), ``problems`` (appeals in problem clusters).
    """
    at = now.timestamp()
    cases = read_cases(engine)
    open_cases = tuple(
        OpenCase(
            c.case_id,
            mask_text(c.claim),
            len(c.members),
            c.first_seen,
            max(0.0, at - c.first_seen) / 3600,
        )
        for c in sorted((c for c in cases if c.open), key=lambda c: c.first_seen)[:LISTED]
    )
    clusters = problems_in_cache(engine, now)
    problems = count_problems(clusters)
    measures = tuple(
        MeasureLine(
            mask_text(m.what, model=False),
            mask_text(m.who, model=False),  # a body's one-word name reads as a surname to the model
            m.due,
            MEASURE_STATUSES[m.status.value],
            e.before_per_week,
            e.after_per_week,
            e.change,
            e.year_change,
        )
        for m, e, _title in measures_with_effect(engine, at)[:LISTED]
    )
    conflicts = find_conflicts(engine, rules or region_conflict_rules(), now)
    figures = ProblemControl(
        conflicts=count_conflicts(conflicts),
        cases=count_cases(cases),
        open_cases=open_cases,
        problems=problems.problems,
        growing=problems.growing,
        appeals_in_problems=problems.appeals_in_problems,
        measures=measures,
    )
    ids = {
        "conflicts": tuple(c.appeal_id for c in conflicts if c.open),
        "cases": tuple(sorted({i for c in cases if c.open for i in c.members})),
        "problems": tuple(sorted({i for p in clusters for i in p.appeal_ids})),
    }
    return figures, ids
