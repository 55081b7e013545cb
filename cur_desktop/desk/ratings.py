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
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date, datetime

    from cur_desktop.analytics.wall_context import WallContext
    from cur_desktop.cache import Cache
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


#: The desk figure behind each criterion: its appeals open from a rating's cell (a
#: share opens its misses: late, silent, not satisfied, returned for rework).
CRITERION_FIGURES = {
    "received": "received",
    "quantity": "responded_share",
    "timeliness": "within_norm",
    "speed": "reaction_hours_median",
    "satisfaction": "satisfied_any",
    "quality": "rework_share",
}
CADENCES = ("week", "month")


@dataclass(frozen=True)
class RatingBoard:
    """A weekly or monthly rating with its history, period over period.

    ``history`` holds each code's score in ``labels`` (oldest first, the rating's own
    period last); ``places_before`` the place in the period before (None: not rated).
    ``figures`` are the rating period's, for opening the appeals behind a cell.
    """

    rating: Rating
    cadence: str
    labels: tuple[str, ...]
    history: dict[str, tuple[float | None, ...]]
    places_before: dict[str, int | None]
    figures: PeriodFigures = field(repr=False)

    def appeal_ids(self, code: str, criterion: str = "received") -> list[int]:
        """The appeals behind ``criterion`` of ``code`` in the rating's period."""
        dimension = SUBJECTS[self.rating.subject]
        return self.figures_ids(dimension, code, CRITERION_FIGURES[criterion])

    def figures_ids(self, dimension: str, code: str, figure: str) -> list[int]:
        from cur_desktop.desk import figures as fg

        p = self.figures
        return fg.drill_ids(p.measures, p.ids, p.keys[dimension], fg.figure(figure), code)


def rating_board(
    cache: Cache,
    subject: str,
    cadence: str,
    day: date,
    context: WallContext,
    now: datetime,
    rules: RatingRules,
    known: tuple[str, ...] = (),
    depth: int = 6,
) -> RatingBoard:
    """The rating of ``subject`` for the week or month (``cadence``) holding ``day``,
    with the ``depth`` periods up to it: one read of the rows they can touch."""
    from cur_desktop.desk.desk import period_figures, row_keys
    from cur_desktop.desk.figures import load_rows
    from cur_desktop.desk.periods import Period

    if cadence not in CADENCES:
        raise ValueError(f"a rating is weekly or monthly, not {cadence!r}")
    periods = [Period.containing(cadence, day)]
    for _ in range(depth - 1):
        periods.insert(0, periods[0].previous())
    start = periods[0].bounds(context.time_zone)[0]
    end = periods[-1].bounds(context.time_zone)[1]
    rows = load_rows(cache, start, end)
    at = now.timestamp()
    dimension = SUBJECTS[subject]
    keys = row_keys(rows, context)
    ratings: list[Rating] = []
    figures: PeriodFigures | None = None
    for p in periods:
        figures = period_figures(rows, p, context, at, (dimension,), keys)
        ratings.append(rate(figures, subject, rules, known))
    assert figures is not None
    history: dict[str, list[float | None]] = {}
    for i, rating in enumerate(ratings):
        for row in rating.rows:
            history.setdefault(row.code, [None] * len(periods))[i] = row.score
    before = ratings[-2] if len(ratings) > 1 else None
    places: dict[str, int | None] = {}
    for latest in ratings[-1].rows:
        old = before.row(latest.code) if before is not None else None
        places[latest.code] = old.place if old is not None else None
    return RatingBoard(
        ratings[-1],
        cadence,
        tuple(p.label for p in periods),
        {k: tuple(v) for k, v in history.items()},
        places,
        figures,
    )
