"""Ratings of bodies and municipalities for a period, by the region's methodology.

The criteria (0..100) come from the period's desk figures of each body or
municipality (:mod:`cur_desktop.desk.figures`):

* ``quantity`` (полнота) — ``responded_share``: received ones that got a reaction or
  are no longer open;
* ``timeliness`` — ``within_norm``: finished ones finished by their deadline;
* ``speed`` — ``100 × (1 − median first reaction in working hours / speed_reference_hours)``,
  not below 0;
* ``satisfaction`` — ``satisfied_any``: ПОС 4–5 or ИМ «доволен» among the rated;
* ``quality`` — ``100 × (1 − rework_share)``: answers not returned for rework.

The score is the weighted mean of the criteria with data (a missing one's weight is
shared by the others); fewer than ``min_volume`` received: not rated. Zones: red
below ``red_below`` or among the bottom ``red_bottom_share`` of the rated; yellow
below ``yellow_below``. Each red row says why (:attr:`RatingRow.why`). Qt-free.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cur_desktop.desk.desk import PeriodFigures
    from cur_desktop.desk.methodology import RatingRules

SUBJECTS = {"bodies": "body", "municipalities": "municipality"}


@dataclass(frozen=True, slots=True)
class RatingRow:
    code: str
    received: int
    criteria: dict[str, float | None]
    score: float | None
    zone: str  # green | yellow | red | unrated
    place: int | None = None
    why: tuple[str, ...] = ()  # red: "score" below red_below, "bottom" places, weak criteria


@dataclass(frozen=True, slots=True)
class Rating:
    subject: str  # bodies | municipalities
    period_label: str
    rows: tuple[RatingRow, ...]

    def row(self, code: str) -> RatingRow | None:
        return next((r for r in self.rows if r.code == code), None)

    @property
    def red(self) -> tuple[RatingRow, ...]:
        return tuple(r for r in self.rows if r.zone == "red")


def criteria_of(values: dict[str, float | None], rules: RatingRules) -> dict[str, float | None]:
    def pct(v: float | None) -> float | None:
        return None if v is None else 100.0 * v

    median = values.get("reaction_hours_median")
    rework = values.get("rework_share")
    return {
        "quantity": pct(values.get("responded_share")),
        "timeliness": pct(values.get("within_norm")),
        "speed": None
        if median is None
        else max(0.0, 100.0 * (1.0 - median / rules.speed_reference_hours)),
        "satisfaction": pct(values.get("satisfied_any")),
        "quality": None if rework is None else 100.0 * (1.0 - rework),
    }


def score_of(criteria: dict[str, float | None], rules: RatingRules) -> float | None:
    present = {k: v for k, v in criteria.items() if v is not None and rules.weights.get(k)}
    total = sum(rules.weights[k] for k in present)
    if not present or total <= 0:
        return None
    return sum(rules.weights[k] * v for k, v in present.items()) / total


def bottom_places(rated: int, share: float) -> int:
    """``share`` of ``rated`` places, rounded up (50 × 0.14 is 7, not 8)."""
    return math.ceil(round(rated * share, 9)) if share else 0


def rate(
    figures: PeriodFigures, subject: str, rules: RatingRules, known: tuple[str, ...] = ()
) -> Rating:
    """The rating of ``subject`` (``bodies`` or ``municipalities``) over ``figures``' period."""
    table = figures.tables[SUBJECTS[subject]]
    codes = list(dict.fromkeys([*known, *(c for c in sorted(table) if c)]))
    rows: list[RatingRow] = []
    for code in codes:
        values = table.get(code, {})
        received = int(values.get("received") or 0)
        criteria = criteria_of(values, rules) if received else dict.fromkeys(rules.weights)
        score = score_of(criteria, rules) if received >= rules.min_volume else None
        zone = "unrated"
        why: tuple[str, ...] = ()
        if score is not None:
            zone = (
                "red"
                if score < rules.red_below
                else ("yellow" if score < rules.yellow_below else "green")
            )
            if zone == "red":
                why = ("score", *_weak(criteria, rules))
        rows.append(RatingRow(code, received, criteria, score, zone, why=why))
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0.0), -r.received, r.code))
    rated = [i for i, r in enumerate(rows) if r.score is not None]
    for place, i in enumerate(rated, start=1):
        rows[i] = replace(rows[i], place=place)
    bottom = bottom_places(len(rated), rules.red_bottom_share)
    for i in rated[len(rated) - bottom :] if bottom else []:
        r = rows[i]
        why = r.why if r.zone == "red" else ("bottom", *_weak(r.criteria, rules))
        rows[i] = replace(r, zone="red", why=why)
    return Rating(subject, figures.period.label, tuple(rows))


def _weak(criteria: dict[str, float | None], rules: RatingRules) -> tuple[str, ...]:
    """The criteria below the red line, weakest first (why a row is red)."""
    weak = [
        (v, k)
        for k, v in criteria.items()
        if v is not None and rules.weights.get(k) and v < rules.red_below
    ]
    return tuple(k for _, k in sorted(weak))
