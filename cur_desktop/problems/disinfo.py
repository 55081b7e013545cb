"""Disinformation as a case: the posts and appeals spreading one claim, and its fate.

Seed 000 §2.2л: the centre takes part in detecting and marking disinformation. A
case groups the appeals and posts spreading one claim, found by text similarity
(:func:`similar_texts`: TF-IDF over lemmas, cosine, within a time window around the
first one); it has a status (:class:`CaseStatus`: на проверке, недостоверно,
опровергнуто, не подтвердилось), the refutation's text and link, who decided and
when; the time from the first post to the refutation is measured.

Where it is stored: on its appeals. Each member carries a ``disinfo_case`` line in
its history (the lifecycle action of that name, sent through the outbox like any
other command, stored by the central service and synced with the appeal); the
newest line of any member is the case's state (:func:`fold_cases`). A new kind of
change in the feed was not needed for that — and not added.

Qt-free; any thread.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import median

import orjson
from sqlalchemy import Engine, and_, select

from cur_desktop.cache import schema
from cur_desktop.domain.enums import Action
from cur_desktop.domain.lifecycle import Command
from cur_desktop.text.lemmas import lemma_text

A = schema.appeals
H = schema.history
DAY = 86_400.0
#: Appeals this far before or after the first one are compared with it.
WINDOW_DAYS = 14
#: Cosine similarity of TF-IDF lemma vectors from which a text spreads the same claim
#: (the demo's wave: 0.26-0.29 between its posts, 0.14 at most to anything else)
MIN_SIMILARITY = 0.2
_CHUNK = 900


class CaseStatus(StrEnum):
    CHECKING = "checking"  # на проверке
    FALSE = "false"  # недостоверно
    REFUTED = "refuted"  # опровергнуто
    NOT_CONFIRMED = "not_confirmed"  # не подтвердилось (the claim was not disinformation)


@dataclass(frozen=True, slots=True)
class CaseEntry:
    """One ``disinfo_case`` history line of one appeal."""

    appeal_id: int
    at: float
    actor: str
    case_id: str
    status: CaseStatus
    claim: str = ""
    refutation: str = ""
    link: str = ""


@dataclass(frozen=True, slots=True)
class DisinfoCase:
    case_id: str
    status: CaseStatus
    claim: str
    refutation: str
    link: str
    members: tuple[int, ...]  # appeal ids, oldest first
    first_seen: float  # when the first member was received
    opened_at: float  # when the case was opened
    decided_by: str  # who set the current status ("" while it is checked)
    decided_at: float | None
    refuted_at: float | None  # when it was first recorded as refuted

    @property
    def open(self) -> bool:
        """Still being checked (the wall's and the reports' «open cases»)."""
        return self.status is CaseStatus.CHECKING

    @property
    def hours_to_refutation(self) -> float | None:
        """From the first post to the refutation, in hours; None until refuted."""
        if self.refuted_at is None:
            return None
        return max(0.0, self.refuted_at - self.first_seen) / 3600.0


def case_id_for(first_appeal_id: int) -> str:
    """A new case's id: named after its first appeal («D-20015»)."""
    return f"D-{first_appeal_id}"


def case_commands(
    case_id: str,
    status: CaseStatus,
    *,
    claim: str = "",
    refutation: str = "",
    link: str = "",
) -> Command:
    """The command each member appeal receives when the case is opened or decided."""
    params: dict[str, str] = {"case": case_id, "status": status.value}
    for name, value in (("claim", claim), ("refutation", refutation), ("link", link)):
        if value.strip():
            params[name] = value.strip()
    return Command(Action.DISINFO_CASE, params)


def fold_cases(entries: Iterable[CaseEntry], created: Mapping[int, float]) -> list[DisinfoCase]:
    """The cases these history lines describe, newest first."""
    by_case: dict[str, list[CaseEntry]] = defaultdict(list)
    for entry in entries:
        by_case[entry.case_id].append(entry)
    cases: list[DisinfoCase] = []
    for case_id, lines in by_case.items():
        lines.sort(key=lambda e: (e.at, e.appeal_id))
        current = lines[-1].status
        decided = None
        for previous, entry in zip([None, *lines], lines, strict=False):
            if entry.status is current and (previous is None or previous.status is not current):
                decided = entry  # the first line of the current status's last run
        members = tuple(sorted({e.appeal_id for e in lines}, key=lambda i: (created.get(i, 0), i)))
        refuted = next((e.at for e in lines if e.status is CaseStatus.REFUTED), None)
        cases.append(
            DisinfoCase(
                case_id=case_id,
                status=current,
                claim=newest_value(lines, "claim"),
                refutation=newest_value(lines, "refutation"),
                link=newest_value(lines, "link"),
                members=members,
                first_seen=min((created[i] for i in members if i in created), default=lines[0].at),
                opened_at=lines[0].at,
                decided_by=decided.actor if decided and current is not CaseStatus.CHECKING else "",
                decided_at=decided.at if decided and current is not CaseStatus.CHECKING else None,
                refuted_at=refuted,
            )
        )
    cases.sort(key=lambda c: (-c.opened_at, c.case_id))
    return cases


def newest_value(lines: Sequence[object], name: str) -> str:
    """The newest non-empty ``name`` among history-derived entries, oldest first ("")."""
    for entry in reversed(lines):
        value = str(getattr(entry, name))
        if value:
            return value
    return ""


def read_cases(engine: Engine) -> list[DisinfoCase]:
    """Every disinformation case in the cache (from its members' history)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(H.c.appeal_id, H.c.at, H.c.actor, H.c.details, A.c.created_at)
            .select_from(H.join(A, A.c.id == H.c.appeal_id))
            .where(H.c.action == Action.DISINFO_CASE.value)
            .order_by(H.c.at, H.c.id)
        ).all()
    entries: list[CaseEntry] = []
    created: dict[int, float] = {}
    for row in rows:
        details = orjson.loads(row.details) if row.details else {}
        try:
            status = CaseStatus(str(details.get("status")))
        except ValueError:
            continue
        created[int(row.appeal_id)] = float(row.created_at)
        entries.append(
            CaseEntry(
                appeal_id=int(row.appeal_id),
                at=float(row.at),
                actor=str(row.actor),
                case_id=str(details.get("case") or ""),
                status=status,
                claim=str(details.get("claim") or ""),
                refutation=str(details.get("refutation") or ""),
                link=str(details.get("link") or ""),
            )
        )
    return fold_cases(entries, created)


@dataclass(frozen=True, slots=True)
class CaseCounts:
    """Disinformation figures for the desk, the reports and the wall (no one named)."""

    open: int  # на проверке
    by_status: dict[str, int]
    appeals_in_open_cases: int
    median_hours_to_refutation: float | None


def case_counts(engine: Engine) -> CaseCounts:
    """The disinformation figures (Qt-free, any thread)."""
    return count_cases(read_cases(engine))


def count_cases(cases: Sequence[DisinfoCase]) -> CaseCounts:
    by_status = {s.value: 0 for s in CaseStatus}
    for case in cases:
        by_status[case.status.value] += 1
    hours = [h for c in cases if (h := c.hours_to_refutation) is not None]
    return CaseCounts(
        open=by_status[CaseStatus.CHECKING.value],
        by_status=by_status,
        appeals_in_open_cases=sum(len(c.members) for c in cases if c.open),
        median_hours_to_refutation=median(hours) if hours else None,
    )


@dataclass(frozen=True, slots=True)
class Similar:
    appeal_id: int
    score: float  # cosine similarity with the first appeal's text, 0..1


def similar_texts(
    engine: Engine,
    first_id: int,
    *,
    window_days: float = WINDOW_DAYS,
    min_similarity: float = MIN_SIMILARITY,
    limit: int = 200,
) -> list[Similar]:
    """Appeals and posts within the window whose text says what ``first_id``'s says.

    TF-IDF over lemmas (words and pairs of words) fitted on the window's texts, and
    cosine similarity with the first appeal's; the first appeal itself comes first.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    with engine.connect() as conn:
        first = conn.execute(select(A.c.created_at).where(A.c.id == first_id)).first()
        if first is None:
            return []
        at = float(first.created_at)
        rows = conn.execute(
            select(A.c.id, A.c.title, A.c.text).where(
                and_(
                    A.c.created_at >= at - window_days * DAY,
                    A.c.created_at <= at + window_days * DAY,
                    A.c.merged_into.is_(None),
                )
            )
        ).all()
    ids = [int(r.id) for r in rows]
    texts = [lemma_text(" ".join(p for p in (r.title, r.text) if p)) for r in rows]
    if first_id not in ids or not texts[ids.index(first_id)].strip():
        return []
    vectors = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(texts)
    scores = linear_kernel(vectors[ids.index(first_id)], vectors).ravel()
    found = [
        Similar(appeal_id, float(score))
        for appeal_id, score in zip(ids, scores, strict=True)
        if score >= min_similarity or appeal_id == first_id
    ]
    found.sort(key=lambda s: (s.appeal_id != first_id, -s.score, s.appeal_id))
    return found[:limit]


def case_of(cases: Iterable[DisinfoCase], appeal_id: int) -> DisinfoCase | None:
    """The case an appeal belongs to, if any."""
    return next((c for c in cases if appeal_id in c.members), None)
