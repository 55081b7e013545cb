"""Categories that stay useful: a catch-all in a theme's top, and what it could be split into.

Seed 002 §14–16: each theme keeps at least three categories, chosen from what the
appeals are about; when «Прочие по направлению» (or any catch-all,
:attr:`~cur_desktop.domain.dictionaries.Category.catch_all`) reaches the top of its
theme, its appeals are decomposed and the most significant problems become
categories of their own.

:func:`catch_all_alerts` finds the themes whose top :data:`TOP` categories of the
last ``days`` hold a catch-all; :func:`proposals` clusters that category's texts
(TF-IDF over lemmas, the vectoriser and single-link grouping of
:mod:`cur_desktop.problems.clusters`, here without place or time: one topic across
the region) and names each cluster by its heaviest lemmas, with examples. A block
head turns a proposal into a category (``cur_desktop.central.region_dictionaries``)
and re-categorises its open appeals in bulk.

Qt-free; any thread.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.problems.clusters import _COMMON, DAY, ClusterItem, ClusterParams, cluster

#: A catch-all among this many biggest categories of its theme is an alert.
TOP = 3
#: Texts this close (cosine over lemma TF-IDF) are about one thing.
TOPIC_SIMILARITY = 0.2
#: Smallest group offered as a new category.
MIN_PROPOSAL = 5


@dataclass(frozen=True, slots=True)
class CatchAllAlert:
    """A catch-all category in the top of its theme (no one named)."""

    theme: str
    category: str
    rank: int  # 1: the theme's biggest category
    count: int  # its appeals in the period
    theme_count: int  # the theme's appeals in the period

    @property
    def share(self) -> float:
        return self.count / self.theme_count if self.theme_count else 0.0


@dataclass(frozen=True, slots=True)
class Proposal:
    """A group of a catch-all's appeals about one thing: a candidate category."""

    terms: tuple[str, ...]  # the lemmas that weigh most in its texts
    examples: tuple[str, ...]  # titles or openings of its newest appeals
    appeal_ids: tuple[int, ...]  # oldest first
    open_ids: tuple[int, ...]  # those still open (a bulk re-categorisation moves them)

    @property
    def size(self) -> int:
        return len(self.appeal_ids)

    def suggested_name(self) -> str:
        """A first name for the category: its heaviest terms (the head edits it)."""
        words = list(self.terms[:3])
        return (" ".join(words)).capitalize() if words else ""


def category_counts(engine: Any, now: datetime, days: int = 30) -> dict[tuple[str, str], int]:
    """(theme, category) → appeals created in the last ``days`` (merged ones not counted)."""
    from sqlalchemy import func, select

    from cur_desktop.cache import schema

    a = schema.appeals
    since = now.timestamp() - days * DAY
    with engine.connect() as conn:
        rows = conn.execute(
            select(a.c.theme, a.c.category, func.count())
            .where(a.c.created_at >= since, a.c.merged_into.is_(None), a.c.category.is_not(None))
            .group_by(a.c.theme, a.c.category)
        ).all()
    return {(str(r[0] or ""), str(r[1])): int(r[2]) for r in rows}


def catch_all_alerts(
    engine: Any, dictionaries: Dictionaries, now: datetime, *, days: int = 30, top: int = TOP
) -> list[CatchAllAlert]:
    """The catch-all categories among the ``top`` biggest of their theme, biggest share first."""
    counts = category_counts(engine, now, days)
    by_theme: dict[str, Counter[str]] = {}
    for (theme, category), n in counts.items():
        by_theme.setdefault(theme, Counter())[category] += n
    alerts: list[CatchAllAlert] = []
    for theme, cats in by_theme.items():
        ranked = sorted(cats.items(), key=lambda kv: (-kv[1], kv[0]))
        total = sum(cats.values())
        for rank, (code, n) in enumerate(ranked[:top], start=1):
            cat = dictionaries.category(code)
            if cat is not None and cat.catch_all:
                alerts.append(CatchAllAlert(theme, code, rank, n, total))
    alerts.sort(key=lambda a: (-a.share, a.rank, a.theme))
    return alerts


def proposals(
    engine: Any,
    category: str,
    now: datetime,
    *,
    days: int = 30,
    similarity: float = TOPIC_SIMILARITY,
    min_size: int = MIN_PROPOSAL,
) -> list[Proposal]:
    """Groups of ``category``'s appeals of the last ``days`` about one thing, biggest first."""
    import numpy as np
    from sqlalchemy import select

    from cur_desktop.cache import schema
    from cur_desktop.domain.enums import Status

    a = schema.appeals
    since = now.timestamp() - days * DAY
    with engine.connect() as conn:
        rows = conn.execute(
            select(a.c.id, a.c.created_at, a.c.title, a.c.text, a.c.status).where(
                a.c.category == category, a.c.created_at >= since, a.c.merged_into.is_(None)
            )
        ).all()
    if len(rows) < max(min_size, 2):
        return []
    by_id = {int(r.id): r for r in rows}
    # one topic across the region: no municipality, no address, one time window
    items = [
        ClusterItem(int(r.id), float(r.created_at), " ".join(p for p in (r.title, r.text) if p))
        for r in rows
    ]
    params = ClusterParams(
        min_similarity=similarity,
        street_similarity=similarity,
        window_days=days + 1.0,
        address_window_days=0.0,
        min_size=min_size,
        # a topic that has grown to most of the catch-all is the one to split off, not noise
        max_df=1.0,
    )
    try:
        index = cluster(items, params)
        ids, labels = index.ids, index.labels
    except ValueError:  # few, alike texts: the clustering's vectoriser keeps no lemma
        ids, labels = _single_link(items, similarity)
    groups: dict[int, list[int]] = {}
    for appeal_id, label in zip(ids, labels, strict=True):
        groups.setdefault(label, []).append(appeal_id)
    # names: lemmas common in the group and rare in the rest of the catch-all (the
    # clustering's vectoriser drops lemmas found in most texts, which a group's name wants)
    from sklearn.feature_extraction.text import CountVectorizer

    from cur_desktop.text.lemmas import lemma_text, may_be_person_name

    texts = {item.id: lemma_text(item.text) for item in items}
    words = r"(?u)\b\w{4,}\b"  # lemmas of four letters or more
    counter = CountVectorizer(binary=True, token_pattern=words)
    present = counter.fit_transform([texts[i] for i in ids]).tocsr()
    names = counter.get_feature_names_out()
    # common words and people's names never name a group (a surname is not a problem)
    common = np.array([n in _COMMON or may_be_person_name(str(n)) for n in names])
    row_of = {appeal_id: n for n, appeal_id in enumerate(ids)}
    total = np.asarray(present.sum(axis=0)).ravel()
    open_statuses = {s.value for s in Status if s.is_open}
    found: list[Proposal] = []
    for members in groups.values():
        if len(members) < min_size:
            continue
        members.sort(key=lambda i: (float(by_id[i].created_at), i))
        inside = np.asarray(present[[row_of[i] for i in members]].sum(axis=0)).ravel()
        rest = max(len(ids) - len(members), 1)
        score = inside / len(members) - (total - inside) / rest
        score[common] = -1.0
        terms = [str(names[j]) for j in np.argsort(score)[::-1][:5] if score[j] > 0]
        examples: list[str] = []
        for i in reversed(members):
            r = by_id[i]
            text = str(r.title or "").strip() or str(r.text or "").strip()[:100]
            if text and text not in examples:
                examples.append(text)
            if len(examples) == 3:
                break
        found.append(
            Proposal(
                terms=tuple(terms),
                examples=tuple(examples),
                appeal_ids=tuple(members),
                open_ids=tuple(i for i in members if str(by_id[i].status) in open_statuses),
            )
        )
    found.sort(key=lambda p: (-p.size, p.appeal_ids[0]))
    return found


def _single_link(items: list[ClusterItem], similarity: float) -> tuple[list[int], list[int]]:
    """Single-link groups over plain TF-IDF of lemmas (every lemma kept)."""
    import numpy as np
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    from cur_desktop.text.lemmas import lemma_text

    texts = [lemma_text(i.text) for i in items]
    matrix = TfidfVectorizer(sublinear_tf=True, dtype=np.float32).fit_transform(texts)
    close = (matrix @ matrix.T) >= similarity
    _count, labels = connected_components(close, directed=False)
    return [i.id for i in items], [int(x) for x in labels]
