"""Measures against a problem, and their effect on the volume of appeals.

Seeds 002 §2г, 004 §3.6, §4.4: the centre finds root causes and plans how to reduce
the number of appeals. A block head links a problem — a cluster of the «Проблемы»
view (``cur_desktop.problems.clusters``) or a category in a municipality — to a
measure: what is done, who does it, by when, and its status (запланирована, в
работе, выполнена, отменена).

Where it is stored: on the problem's appeals, as the disinformation cases are. Each
carries a ``measure`` line in its history (the lifecycle action of that name, heads
only, sent through the outbox and synced with the appeal); the newest line of any
member is the measure's state (:func:`fold_measures`).

The effect (:func:`measure_effect`): appeals about the problem per week in the
weeks before the measure took effect (the first time it was «в работе» or
«выполнена», else when it was recorded) against the weeks since, and the same weeks
a year earlier (52 weeks before, the same weekdays) where the cache holds appeals
that old. «About the problem»: for a category in a municipality, the appeals of
that category there; for a cluster, its appeals and those of its municipality whose
text is close to the cluster's (cosine of TF-IDF lemma vectors with its members'
centroid at least the clusters' own thresholds: the lower one on a member's street).

Qt-free; any thread.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import orjson
from sqlalchemy import Engine, and_, func, literal, or_, select

from cur_desktop.cache import schema
from cur_desktop.domain.enums import Action
from cur_desktop.domain.lifecycle import Command
from cur_desktop.problems.clusters import ClusterParams, street_key
from cur_desktop.problems.disinfo import newest_value
from cur_desktop.text.lemmas import lemma_text, lemmatizer_id

A = schema.appeals
H = schema.history
DAY = 86_400.0
WEEK = 7 * DAY
#: the same weeks a year earlier: 52 weeks before, so the weekdays match
YEAR = 364 * DAY
#: weeks before the measure compared with as many weeks after it
EFFECT_WEEKS = 4
#: appeals of a category in a municipality that carry a new measure's line, newest first
MAX_CARRIERS = 50
_CHUNK = 900


class MeasureStatus(StrEnum):
    PLANNED = "planned"  # запланирована
    IN_PROGRESS = "in_progress"  # в работе
    DONE = "done"  # выполнена
    CANCELLED = "cancelled"  # отменена


#: statuses from which the measure counts as taken (its effect is measured from then)
TAKEN = frozenset({MeasureStatus.IN_PROGRESS, MeasureStatus.DONE})


def cluster_problem(key: str) -> str:
    """The problem key of a cluster («p:20015», the cluster's key in the view)."""
    return key


def category_problem(category: str, municipality: str) -> str:
    """The problem key of a category in a municipality («c:housing.water@70701000»)."""
    return f"c:{category}@{municipality}"


@dataclass(frozen=True, slots=True)
class MeasureEntry:
    """One ``measure`` history line of one appeal."""

    appeal_id: int
    at: float
    actor: str
    measure_id: str
    status: MeasureStatus
    what: str = ""
    who: str = ""
    due: str = ""  # ISO date
    problem: str = ""
    category: str = ""
    municipality: str = ""


@dataclass(frozen=True, slots=True)
class Measure:
    measure_id: str
    status: MeasureStatus
    what: str
    who: str  # who carries it out (a body, a service, a person's post)
    due: str  # ISO date, "" when none
    problem: str  # «p:<id>» (a cluster) or «c:<category>@<oktmo>»
    category: str  # the category of a category measure, "" for a cluster's
    municipality: str  # OKTMO
    members: tuple[int, ...]  # the appeals carrying it
    recorded_at: float
    recorded_by: str
    updated_at: float
    updated_by: str
    taken_at: float | None  # first «в работе» or «выполнена»

    @property
    def since(self) -> float:
        """From when its effect is measured."""
        return self.taken_at if self.taken_at is not None else self.recorded_at

    @property
    def is_category(self) -> bool:
        return self.problem.startswith("c:")


def measure_id_for(first_appeal_id: int, taken: Iterable[str] = ()) -> str:
    """A new measure's id: named after its first appeal («M-20015», then «M-20015-2»)."""
    used = set(taken)
    wanted, n = f"M-{first_appeal_id}", 1
    while wanted in used:
        n += 1
        wanted = f"M-{first_appeal_id}-{n}"
    return wanted


def measure_command(
    measure_id: str,
    status: MeasureStatus,
    *,
    what: str,
    who: str = "",
    due: str = "",
    problem: str = "",
    category: str = "",
    municipality: str = "",
) -> Command:
    """The command each carrier appeal receives when the measure is linked or changed."""
    params: dict[str, str] = {"measure": measure_id, "status": status.value, "what": what.strip()}
    for name, value in (
        ("who", who),
        ("due", due),
        ("problem", problem),
        ("category", category),
        ("municipality", municipality),
    ):
        if value.strip():
            params[name] = value.strip()
    return Command(Action.MEASURE, params)


def fold_measures(entries: Iterable[MeasureEntry]) -> list[Measure]:
    """The measures these history lines describe, newest first."""
    by_id: dict[str, list[MeasureEntry]] = defaultdict(list)
    for entry in entries:
        by_id[entry.measure_id].append(entry)
    measures: list[Measure] = []
    for measure_id, lines in by_id.items():
        lines.sort(key=lambda e: (e.at, e.appeal_id))
        first, last = lines[0], lines[-1]
        taken = next((e.at for e in lines if e.status in TAKEN), None)
        measures.append(
            Measure(
                measure_id=measure_id,
                status=last.status,
                what=newest_value(lines, "what"),
                who=newest_value(lines, "who"),
                due=newest_value(lines, "due"),
                problem=newest_value(lines, "problem"),
                category=newest_value(lines, "category"),
                municipality=newest_value(lines, "municipality"),
                members=tuple(sorted({e.appeal_id for e in lines})),
                recorded_at=first.at,
                recorded_by=first.actor,
                updated_at=last.at,
                updated_by=last.actor,
                taken_at=taken,
            )
        )
    measures.sort(key=lambda m: (-m.recorded_at, m.measure_id))
    return measures


def read_measures(engine: Engine) -> list[Measure]:
    """Every measure in the cache (from its carriers' history)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(H.c.appeal_id, H.c.at, H.c.actor, H.c.details)
            .where(H.c.action == Action.MEASURE.value)
            .order_by(H.c.at, H.c.id)
        ).all()
    entries: list[MeasureEntry] = []
    for row in rows:
        details = orjson.loads(row.details) if row.details else {}
        try:
            status = MeasureStatus(str(details.get("status")))
        except ValueError:
            continue
        entries.append(
            MeasureEntry(
                appeal_id=int(row.appeal_id),
                at=float(row.at),
                actor=str(row.actor),
                measure_id=str(details.get("measure") or ""),
                status=status,
                **{
                    name: str(details.get(name) or "")
                    for name in ("what", "who", "due", "problem", "category", "municipality")
                },
            )
        )
    return fold_measures(entries)


def category_carriers(
    engine: Engine, category: str, municipality: str, now: float, *, days: int = 60
) -> list[int]:
    """The appeals that carry a category measure: its newest there, at most MAX_CARRIERS."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(A.c.id)
            .where(
                A.c.municipality == municipality,
                or_(A.c.category == category, A.c.subcategory == category),
                A.c.created_at >= now - days * DAY,
                A.c.merged_into.is_(None),
            )
            .order_by(A.c.created_at.desc(), A.c.id.desc())
            .limit(MAX_CARRIERS)
        ).all()
    return [int(r.id) for r in rows]


@dataclass(frozen=True, slots=True)
class Effect:
    """Appeals about a measure's problem before and after it, and a year earlier."""

    weeks: int  # the length of the window before, in weeks
    before: int
    after: int
    after_days: float  # how much of the window after has passed (≤ weeks × 7)
    year_before: int | None  # the same weeks a year earlier; None without data that old
    year_after: int | None

    @property
    def before_per_week(self) -> float:
        return self.before / self.weeks

    @property
    def after_per_week(self) -> float | None:
        """None until a day has passed since the measure."""
        return self.after / (self.after_days / 7) if self.after_days >= 1 else None

    @property
    def change(self) -> float | None:
        """The relative change per week (−0.6: 60 % fewer); None without a base."""
        after = self.after_per_week
        if after is None or self.before == 0:
            return None
        return after / self.before_per_week - 1

    @property
    def year_before_per_week(self) -> float | None:
        return None if self.year_before is None else self.year_before / self.weeks

    @property
    def year_after_per_week(self) -> float | None:
        """The same days a year earlier as have passed since the measure, per week."""
        if self.year_after is None or self.after_days < 1:
            return None
        return self.year_after / (self.after_days / 7)

    @property
    def year_change(self) -> float | None:
        """The same weeks a year earlier: how the volume changed then (the season's own)."""
        if self.year_before is None or self.year_after is None or self.year_before == 0:
            return None
        days = max(self.after_days, 1.0)
        return (self.year_after / (days / 7)) / (self.year_before / self.weeks) - 1


def measure_effect(
    engine: Engine, measure: Measure, now: float, *, weeks: int = EFFECT_WEEKS
) -> Effect:
    """The volume of appeals about the measure's problem before and since it, and a year earlier."""
    since = measure.since
    start = since - weeks * WEEK
    end = min(now, since + weeks * WEEK)
    after_days = max(0.0, end - since) / DAY
    with engine.connect() as conn:
        oldest = conn.execute(select(func.min(A.c.created_at))).scalar()
    ranges = [(start, since), (since, end)]
    have_year = oldest is not None and float(oldest) <= start - YEAR
    if have_year:
        ranges += [(start - YEAR, since - YEAR), (since - YEAR, end - YEAR)]
    counts = _count_about(engine, measure, ranges)
    return Effect(
        weeks=weeks,
        before=counts[0],
        after=counts[1],
        after_days=after_days,
        year_before=counts[2] if have_year else None,
        year_after=counts[3] if have_year else None,
    )


def _count_about(engine: Engine, measure: Measure, ranges: list[tuple[float, float]]) -> list[int]:
    """Appeals about the measure's problem created in each range [from, to)."""
    # the ranges only: the weeks between the year-earlier ones and these are not counted
    # (read, lemmatised and weighed, they were three quarters of a measure's time)
    where = [
        or_(*(and_(A.c.created_at >= a, A.c.created_at < b) for a, b in ranges)),
        A.c.merged_into.is_(None),
    ]
    if measure.municipality:
        where.append(A.c.municipality == measure.municipality)
    if measure.is_category:
        where.append(or_(A.c.category == measure.category, A.c.subcategory == measure.category))
        with engine.connect() as conn:
            times = [float(t) for (t,) in conn.execute(select(A.c.created_at).where(*where))]
        return [sum(1 for t in times if a <= t < b) for a, b in ranges]
    # the lemmas the problem clusters kept (cache table appeal_lemmas), where there are
    # any: lemmatising every text of the ranges again was most of a report's measures
    lem = schema.appeal_lemmas
    kept = lem.c.lemmas.label("lemmas")
    source = A.outerjoin(
        lem, and_(lem.c.appeal_id == A.c.id, lem.c.lemmatizer == literal(lemmatizer_id()))
    )
    columns = (A.c.id, A.c.created_at, A.c.title, A.c.text, A.c.address, kept)
    with engine.connect() as conn:
        rows = conn.execute(select(*columns).select_from(source).where(*where)).all()
        members = _members(conn, list(measure.members))
    params = ClusterParams()
    streets = {street_key(address) for _text, address in members} - {""}
    scores = _similarity(
        [lemma_text(text) for text, _address in members],
        [
            r.lemmas
            if r.lemmas is not None
            else lemma_text(" ".join(p for p in (r.title, r.text) if p))
            for r in rows
        ],
    )
    member_ids = set(measure.members)
    about = [
        float(row.created_at)
        for score, row in zip(scores, rows, strict=True)
        if int(row.id) in member_ids
        or score >= params.min_similarity
        or (score >= params.street_similarity and street_key(row.address or "") in streets)
    ]
    return [sum(1 for t in about if a <= t < b) for a, b in ranges]


def _members(conn: Any, ids: list[int]) -> list[tuple[str, str]]:
    """The members' texts and addresses."""
    found: list[tuple[str, str]] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found += [
            (" ".join(p for p in (r.title, r.text) if p), str(r.address or ""))
            for r in conn.execute(select(A.c.title, A.c.text, A.c.address).where(A.c.id.in_(chunk)))
        ]
    return found


def _similarity(member_lemmas: list[str], lemmas: list[str]) -> list[float]:
    """Each text's cosine with the members' centroid (TF-IDF over the lemmas of them all;
    both given as lemma texts, :func:`cur_desktop.text.lemmas.lemma_text`)."""
    if not member_lemmas or not lemmas:
        return [0.0] * len(lemmas)
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    # lemma texts are lower case already; each text is tokenised once (fit and
    # transform in one pass, then the members' rows and the others' split apart)
    vectorizer = TfidfVectorizer(sublinear_tf=True, lowercase=False, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform([*lemmas, *member_lemmas])
    except ValueError:  # no words at all
        return [0.0] * len(lemmas)
    centroid = normalize(np.asarray(matrix[len(lemmas) :].mean(axis=0)))
    scores = matrix[: len(lemmas)] @ centroid.T
    return [float(s) for s in np.asarray(scores).ravel()]


def measures_with_effect(engine: Engine, now: float) -> list[tuple[Measure, Effect, str]]:
    """Each measure, its effect and the title of its newest carrier (for the view)."""
    found = read_measures(engine)
    newest = sorted({m.members[-1] for m in found if m.members})
    titles: dict[int, str] = {}
    with engine.connect() as conn:
        for start in range(0, len(newest), _CHUNK):
            chunk = newest[start : start + _CHUNK]
            for r in conn.execute(select(A.c.id, A.c.title, A.c.text).where(A.c.id.in_(chunk))):
                titles[int(r.id)] = str(r.title or r.text or "")[:80]
    return [
        (m, measure_effect(engine, m, now), titles.get(m.members[-1], "") if m.members else "")
        for m in found
    ]
