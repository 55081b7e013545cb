"""Ratings of bodies and municipalities, with the «красная зона», by a methodology in data.

The methodology (``resources/wall/rating_methodology.json``, read into
:class:`~cur_desktop.analytics.wall_context.RatingMethodology`) sets the period, the
minimum volume, the weights and the zone thresholds; each region has its own
(DOMAIN.md §7). Over the appeals received in the last ``period_days``:

* quantity — share of received appeals that got a reaction (a first reaction, an
  interim or final answer, or a final status), 0..100;
* timeliness — share of finished appeals finished by their deadline, 0..100;
* speed — ``100 × (1 − median first-reaction hours / speed_reference_hours)``,
  not below 0 (elapsed hours: comparable across bodies whatever their norms);
* satisfaction — share satisfied (ПОС 4–5 or ИМ «доволен») among rated, 0..100;
* quality — share of finished appeals never returned for rework, 0..100 (the
  desk's ``100 × (1 − rework_share)``, :mod:`cur_desktop.desk.ratings`).

The score is the weighted mean of the criteria that have data (a missing one's
weight is shared by the others). A subject with fewer than ``min_volume`` appeals
is not rated ("unrated") rather than ranked on one or two messages. Zones: red
below ``red_below`` and, when ``red_bottom_share`` is set, the last places of the
ranking (that share of the rated, rounded up: a red zone is the bottom of a
rating); yellow below ``yellow_below``; green otherwise. Every body
and municipality of the dictionaries is listed, rated ones best first. Qt-free.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from cur_desktop.analytics.columns import (
    DAY,
    HOUR,
    Clock,
    codes,
    finished_at,
    first_reaction_at,
    floats,
    in_window,
    satisfied,
)
from cur_desktop.analytics.wall_data import Rating, RatingRow

if TYPE_CHECKING:
    import pandas as pd

    from cur_desktop.analytics.wall_context import RatingMethodology, WallContext


def score_of(criteria: dict[str, float | None], method: RatingMethodology) -> float | None:
    present = {k: v for k, v in criteria.items() if v is not None and method.weights.get(k)}
    total = sum(method.weights[k] for k in present)
    if not present or total <= 0:
        return None
    return sum(method.weights[k] * v for k, v in present.items()) / total


def zone_of(score: float | None, received: int, method: RatingMethodology) -> str:
    if received < method.min_volume or score is None:
        return "unrated"
    if score < method.red_below:
        return "red"
    if score < method.yellow_below:
        return "yellow"
    return "green"


def _rate(
    df: pd.DataFrame,
    column: str,
    subjects: tuple[str, ...],
    subject: str,
    context: WallContext,
    clock: Clock,
) -> Rating:
    import numpy as np
    import pandas as pd

    method = context.methodology
    created = floats(df, "created_at")
    window = in_window(created, clock.now - method.period_days * DAY, clock.now + 1e-6)
    part = df[window]
    reacted_at = first_reaction_at(part)
    fin = finished_at(part)
    due = floats(part, "due_at")
    rated, happy = satisfied(part)
    reaction_h = (reacted_at - floats(part, "created_at")) / HOUR
    closed = part["is_open"].to_numpy() == 0
    frame = pd.DataFrame(
        {
            "key": codes(part, column),
            "reacted": (~np.isnan(reacted_at)) | closed,
            "judged": ~np.isnan(fin) & ~np.isnan(due),
            "in_time": ~np.isnan(fin) & ~np.isnan(due) & (fin <= due),
            "rated": rated,
            "happy": happy,
            "finished": ~np.isnan(fin),
            "reworked": ~np.isnan(fin) & (part["rework_count"].to_numpy() > 0),
            "reaction_h": np.where(reaction_h >= 0, reaction_h, np.nan),
        }
    )
    grouped = frame.groupby("key", sort=False)
    sums = grouped[["reacted", "judged", "in_time", "rated", "happy", "finished", "reworked"]].sum()
    sizes = grouped.size()
    medians = grouped["reaction_h"].median()
    known = list(subjects) + sorted(set(sums.index) - set(subjects))

    rows: list[RatingRow] = []
    for code in known:
        received = int(sizes.get(code, 0))
        quantity: float | None = None
        timeliness: float | None = None
        speed: float | None = None
        satisfaction: float | None = None
        quality: float | None = None
        median_h: float | None = None
        if received:
            s = {str(k): int(v) for k, v in sums.loc[code].to_dict().items()}
            median = medians.get(code)
            median_h = None if median is None or np.isnan(median) else float(median)
            quantity = 100.0 * s["reacted"] / received
            timeliness = 100.0 * s["in_time"] / s["judged"] if s["judged"] else None
            if median_h is not None:
                speed = max(0.0, 100.0 * (1.0 - median_h / method.speed_reference_hours))
            satisfaction = 100.0 * s["happy"] / s["rated"] if s["rated"] else None
            if s["finished"]:
                quality = 100.0 * (1.0 - s["reworked"] / s["finished"])
        criteria = {
            "quantity": quantity,
            "timeliness": timeliness,
            "speed": speed,
            "satisfaction": satisfaction,
            "quality": quality,
        }
        score = score_of(criteria, method) if received >= method.min_volume else None
        rows.append(
            RatingRow(
                code=code,
                received=received,
                quantity=_f(quantity),
                timeliness=_f(timeliness),
                speed=_f(speed),
                satisfaction=_f(satisfaction),
                quality=_f(quality),
                score=_f(score),
                zone=zone_of(score, received, method),
                median_reaction_hours=median_h,
            )
        )
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0.0), -r.received, r.code))
    ranked = [i for i, r in enumerate(rows) if r.score is not None]
    bottom = _bottom_places(len(ranked), method.red_bottom_share)
    for i in ranked[len(ranked) - bottom :] if bottom else []:
        rows[i] = replace(rows[i], zone="red")
    return Rating(subject, tuple(rows), method.period_days, method.min_volume)


def _bottom_places(rated: int, share: float) -> int:
    """``share`` of ``rated`` places, rounded up: 14 % of 50 is 7, not 8.

    In binary floating point 50 × 0.14 is 7.000000000000001, which a bare ceil takes
    to 8; the product is rounded to far below one place first.
    """
    return math.ceil(round(rated * share, 9)) if share else 0


def _f(value: float | None) -> float | None:
    return None if value is None else float(value)


def compute_ratings(df: pd.DataFrame, context: WallContext, clock: Clock) -> tuple[Rating, Rating]:
    """(bodies, municipalities)."""
    d = context.dictionaries
    bodies = _rate(df, "body", tuple(b.code for b in d.bodies), "bodies", context, clock)
    muns = _rate(df, "municipality", context.municipality_codes(), "municipalities", context, clock)
    return bodies, muns
