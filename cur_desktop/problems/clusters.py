"""Problem clusters: appeals about the same problem, in one place, within a time window.

Two appeals are about the same problem when their texts are close (cosine of TF-IDF
vectors over lemmas at least :attr:`ClusterParams.min_similarity`, or the lower
:attr:`~ClusterParams.street_similarity` when they are on the same street), they are
in the same municipality, and they came within :attr:`~ClusterParams.window_days` of
each other. A cluster is a connected group of such pairs (single link, with a high
threshold so it does not chain across topics).

Batch (:func:`cluster`): the pairs are found per municipality, comparing each block
of ``window_days`` with itself and the next one (sparse products), so the work
grows with the appeals of one municipality in two windows, not with the square of
the whole region. Incremental (:class:`ClusterIndex.place`): one new appeal is
compared with its municipality's appeals of the window only and joins the best
cluster, or starts one.

Reuse (:func:`problems_in_cache`): the lemmas of each appeal are kept in the cache
(``appeal_lemmas``, keyed by the appeal and the lemmatizer; a trigger drops them when
the title or text changes), and the last clustering under a digest of everything it
read (ids, times, municipalities, addresses, lemmas, parameters): the next call
lemmatises only new or changed texts, and on unchanged data clusters nothing. These
are derived rows, not appeals: written in a short transaction of their own, and
going without them only costs the work again.

Qt-free; any thread. scikit-learn and SciPy do the vector work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cur_desktop.bulk import collector_paused
from cur_desktop.text.lemmas import lemma_text, lemmatizer_id, may_be_person_name

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DAY = 86_400.0
_HOUSE = re.compile(r"[,\s]+(д\.?|дом)\s*\d.*$")
_SPACES = re.compile(r"[\s,.;:«»\"'()-]+")
#: Words that say nothing about a problem, left out of its name.
_COMMON = frozenset(
    [
        "какой",
        "который",
        "когда",
        "если",
        "просто",
        "очень",
        "этот",
        "весь",
        "свой",
        "друг",
        "год",
        "день",
        "неделя",
        "месяц",
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
        "уже",
        "опять",
        "снова",
        "также",
        "такой",
        "тоже",
        "можно",
        "нужно",
        "сделать",
        "прошу",
        "просить",
        "быть",
        "мочь",
        "стать",
        "существо",
        "наш",
        "ваш",
    ]
)


@dataclass(frozen=True, slots=True)
class ClusterParams:
    min_similarity: float = 0.45
    street_similarity: float = 0.25
    window_days: float = 10.0
    #: at one and the same address (house included) a problem comes back over weeks
    address_window_days: float = 30.0
    min_size: int = 3  # smaller groups are not shown as problems
    #: lemmas in more than this share of the texts are ignored (in a region's whole stream
    #: they are generic; in one category's texts they may be its main topic)
    max_df: float = 0.3


@dataclass(frozen=True, slots=True)
class ClusterItem:
    id: int
    created_at: float  # seconds since the epoch
    text: str
    municipality: str = ""
    address: str = ""


def address_key(address: str) -> str:
    """The whole address folded («г тула ул седова д 5»); "" without a house number."""
    folded = address.casefold().replace("ё", "е")
    if not _HOUSE.search(folded):
        return ""
    return _SPACES.sub(" ", folded).strip()


def street_key(address: str) -> str:
    """The address without its house: «г. Тула, ул. Седова, д. 5» → «г тула ул седова»."""
    folded = address.casefold().replace("ё", "е")
    return _SPACES.sub(" ", _HOUSE.sub("", folded)).strip()


@dataclass
class ClusterIndex:
    """Appeals vectorised and clustered; :meth:`place` adds one more."""

    params: ClusterParams
    vectorizer: Any
    ids: list[int]
    times: list[float]
    municipalities: list[str]
    streets: list[str]
    addresses: list[str]
    labels: list[int]
    matrix: Any  # scipy.sparse CSR, one L2-normalised row per appeal
    _extra: list[Any] = field(default_factory=list)
    #: municipality → its first rows (those clustered in batch) in time order, and their times
    _mun_rows: dict[str, Any] = field(default_factory=dict)
    _mun_times: dict[str, Any] = field(default_factory=dict)
    #: municipality → rows placed since, in the order they came
    _mun_extra: dict[str, list[int]] = field(default_factory=dict)
    #: whole address (house included) → its rows
    _by_address: dict[str, list[int]] = field(default_factory=dict)
    _next_label: int = 0

    def __post_init__(self) -> None:
        import numpy as np

        self._next_label = max(self.labels, default=-1) + 1
        by_mun: dict[str, list[int]] = {}
        for row, mun in enumerate(self.municipalities):
            by_mun.setdefault(mun, []).append(row)
        times = np.asarray(self.times, dtype=np.float64)
        for mun, rows_list in by_mun.items():
            rows = np.asarray(rows_list, dtype=np.int64)
            order = np.argsort(times[rows], kind="stable")
            self._mun_rows[mun] = rows[order]
            self._mun_times[mun] = times[rows][order]
        for row, key in enumerate(self.addresses):
            if key:
                self._by_address.setdefault(key, []).append(row)

    def _near(self, item: ClusterItem, here: str) -> list[int]:
        """The rows a new appeal is compared with: its municipality's window, its address's."""
        import numpy as np

        at = item.created_at
        window = self.params.window_days * DAY
        long_window = self.params.address_window_days * DAY
        near: set[int] = set()
        times = self._mun_times.get(item.municipality)
        if times is not None:
            lo = int(np.searchsorted(times, at - window, side="left"))
            hi = int(np.searchsorted(times, at + window, side="right"))
            near.update(int(r) for r in self._mun_rows[item.municipality][lo:hi])
        near.update(
            r
            for r in self._mun_extra.get(item.municipality, ())
            if abs(self.times[r] - at) <= window
        )
        if here:
            near.update(
                r
                for r in self._by_address.get(here, ())
                if self.municipalities[r] == item.municipality
                and abs(self.times[r] - at) <= long_window
            )
        return sorted(near)

    def place(self, item: ClusterItem) -> int:
        """Put one new appeal in its cluster (or a new one); its cluster label.

        Compared only with its municipality's appeals of the time window (found by
        a binary search in their times) and its own address's of the longer window.
        """
        from scipy.sparse import vstack

        vector = self.vectorizer.transform([lemma_text(item.text)])
        here = address_key(item.address)
        near = self._near(item, here)
        label = -1
        if near:
            base = self.matrix.shape[0]
            old = [r for r in near if r < base]
            new = [r for r in near if r >= base]
            parts = ([self.matrix[old]] if old else []) + [self._extra[r - base] for r in new]
            sims = (vstack(parts) @ vector.T).toarray().ravel()
            street = street_key(item.address)
            best, best_score = -1, 0.0
            for r, score in zip([*old, *new], sims, strict=True):
                same_street = bool(street) and self.streets[r] == street
                limit = self.params.street_similarity if same_street else self.params.min_similarity
                if score >= limit and score > best_score:
                    best, best_score = r, float(score)
            if best >= 0:
                label = self.labels[best]
        if label < 0:
            label = self.new_label()
        row = len(self.ids)
        self.ids.append(item.id)
        self.times.append(item.created_at)
        self.municipalities.append(item.municipality)
        self.streets.append(street_key(item.address))
        self.addresses.append(here)
        self.labels.append(label)
        self._extra.append(vector)
        self._mun_extra.setdefault(item.municipality, []).append(row)
        if here:
            self._by_address.setdefault(here, []).append(row)
        return label

    def new_label(self) -> int:
        """A label no appeal has yet (kept, not searched for: the index may be large)."""
        self._next_label += 1
        return self._next_label - 1

    def clusters(self) -> dict[int, list[int]]:
        """Cluster label → appeal ids."""
        groups: dict[int, list[int]] = {}
        for appeal_id, label in zip(self.ids, self.labels, strict=True):
            groups.setdefault(label, []).append(appeal_id)
        return groups


def _tfidf(max_df: float) -> Any:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=max_df, dtype=np.float32)


def vectorizer_for(texts: Sequence[str], max_df: float = 0.3) -> Any:
    return _tfidf(max_df).fit(texts)


def cluster(
    items: Sequence[ClusterItem], params: ClusterParams | None = None, *, lemmatised: bool = False
) -> ClusterIndex:
    """Cluster these appeals (any order).

    ``lemmatised``: the items' texts are already :func:`lemma_text` of the appeals'.
    """
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    params = params or ClusterParams()
    ordered = sorted(items, key=lambda i: (i.created_at, i.id))
    texts = [i.text if lemmatised else lemma_text(i.text) for i in ordered]
    if len(texts) >= 2:  # one pass over the texts: the same matrix as fit, then transform
        vectorizer = _tfidf(params.max_df)
        matrix = vectorizer.fit_transform(texts).tocsr()
        matrix.sort_indices()
    else:
        vectorizer = _fit_any(texts)
        matrix = vectorizer.transform(texts).tocsr()
    n = len(ordered)
    times = np.array([i.created_at for i in ordered], dtype=np.float64)
    streets = [street_key(i.address) for i in ordered]
    street_codes = _codes(streets)
    sources: list[npt.NDArray[np.int64]] = []
    targets: list[npt.NDArray[np.int64]] = []
    window = params.window_days * DAY
    lowest = min(params.street_similarity, params.min_similarity)
    by_mun: dict[str, list[int]] = {}
    for row, item in enumerate(ordered):
        by_mun.setdefault(item.municipality, []).append(row)
    for rows_list in by_mun.values():
        rows = np.array(rows_list, dtype=np.int64)
        block = np.floor((times[rows] - times[rows[0]]) / window).astype(np.int64)
        starts = np.searchsorted(block, np.arange(block[-1] + 2))
        for b in range(int(block[-1]) + 1):
            here = rows[starts[b] : starts[b + 1]]
            if here.size == 0:
                continue
            there = rows[starts[b] : starts[min(b + 2, len(starts) - 1)]]
            sims = (matrix[here] @ matrix[there].T).tocsr()
            # Most products are pairs sharing a common word: the lower threshold is
            # applied first, on the product's own values, and rows are found only for
            # what is left (expanding every product's row, then filtering, was two
            # thirds of the clustering's time at a million appeals); then each pair
            # once (``here`` and ``there`` start at the same row).
            close = np.flatnonzero(sims.data >= lowest)
            r = np.searchsorted(sims.indptr, close, side="right") - 1
            k = sims.indices[close]
            once = r < k
            a, c, v = here[r[once]], there[k[once]], sims.data[close[once]]
            keep = np.abs(times[a] - times[c]) <= window
            same_street = (street_codes[a] == street_codes[c]) & (street_codes[a] >= 0)
            limit = np.where(same_street, params.street_similarity, params.min_similarity)
            keep &= v >= limit
            sources.append(a[keep])
            targets.append(c[keep])
    addresses = [address_key(i.address) for i in ordered]
    a, c = _same_place_pairs(_codes(addresses), times, params.address_window_days * DAY)
    for start in range(0, a.size, _PAIRS):  # row-wise dot products, a chunk of pairs at a time
        pa, pc = a[start : start + _PAIRS], c[start : start + _PAIRS]
        sims = np.asarray(matrix[pa].multiply(matrix[pc]).sum(axis=1)).ravel()
        keep = sims >= params.street_similarity
        sources.append(pa[keep])
        targets.append(pc[keep])
    if sources:
        src, dst = np.concatenate(sources), np.concatenate(targets)
    else:
        src = dst = np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(src.size, dtype=np.int8), (src, dst)), shape=(n, n))
    _count, labels = connected_components(graph, directed=False)
    return ClusterIndex(
        params=params,
        vectorizer=vectorizer,
        ids=[i.id for i in ordered],
        times=times.tolist(),
        municipalities=[i.municipality for i in ordered],
        streets=streets,
        addresses=addresses,
        labels=[int(x) for x in labels],
        matrix=matrix,
    )


_PAIRS = 200_000


def _same_place_pairs(
    codes: npt.NDArray[np.int64], times: npt.NDArray[np.float64], window: float
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every pair of rows with the same code (not -1) at most ``window`` apart in time.

    Rows sorted by code and time: a pair is ``d`` places apart for some ``d``; once
    no pair ``d`` apart qualifies, none further apart can (same code and close in
    time only get rarer), so the offsets stop there — no loop over the groups.
    """
    import numpy as np

    rows = np.flatnonzero(codes >= 0)
    order = rows[np.lexsort((times[rows], codes[rows]))]
    found_a: list[npt.NDArray[np.int64]] = []
    found_c: list[npt.NDArray[np.int64]] = []
    for d in range(1, order.size):
        a, c = order[:-d], order[d:]
        ok = (codes[a] == codes[c]) & (times[c] - times[a] <= window)
        if not ok.any():
            break
        found_a.append(a[ok])
        found_c.append(c[ok])
    if not found_a:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(found_a), np.concatenate(found_c)


def _codes(values: Sequence[str]) -> npt.NDArray[np.int64]:
    """Each distinct non-empty value a number; "" is -1."""
    import numpy as np

    seen: dict[str, int] = {}
    return np.array([seen.setdefault(v, len(seen)) if v else -1 for v in values], dtype=np.int64)


def _fit_any(texts: Sequence[str]) -> Any:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(sublinear_tf=True, dtype=np.float32).fit([*texts, "пусто"])


def nearest_neighbour_label(index: ClusterIndex, item: ClusterItem) -> int:
    """The baseline: the new appeal's nearest neighbour over every appeal (plain TF-IDF)."""
    import numpy as np

    vector = index.vectorizer.transform([lemma_text(item.text)])
    sims = (index.matrix @ vector.T).toarray().ravel()
    best = int(np.argmax(sims)) if sims.size else -1
    if best < 0 or sims[best] < index.params.min_similarity:
        return index.new_label()
    return index.labels[best]


def nearest_neighbour_clusters(
    items: Sequence[ClusterItem], params: ClusterParams | None = None
) -> list[int]:
    """The baseline in batch: each appeal joins its nearest earlier one when close enough.

    Plain TF-IDF over lemmas and cosine similarity with every earlier appeal (sparse
    products in chunks), no place and no time window; labels in ``items``' order.
    """
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    params = params or ClusterParams()
    ordered = sorted(items, key=lambda i: (i.created_at, i.id))
    texts = [lemma_text(i.text) for i in ordered]
    matrix = vectorizer_for(texts).transform(texts).tocsr()
    n = matrix.shape[0]
    src: list[npt.NDArray[np.int64]] = []
    dst: list[npt.NDArray[np.int64]] = []
    chunk = 2000
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        sims = (matrix[start:stop] @ matrix[:stop].T).toarray()
        rows = np.arange(start, stop)
        sims[np.arange(stop)[None, :] >= rows[:, None]] = 0  # only earlier appeals
        best = sims.argmax(axis=1)
        keep = sims[np.arange(stop - start), best] >= params.min_similarity
        src.append(rows[keep])
        dst.append(best[keep])
    a = np.concatenate(src) if src else np.zeros(0, dtype=np.int64)
    b = np.concatenate(dst) if dst else np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(a.size, dtype=np.int8), (a, b)), shape=(n, n))
    _count, labels = connected_components(graph, directed=False)
    by_id = {item.id: int(label) for item, label in zip(ordered, labels, strict=True)}
    return [by_id[i.id] for i in items]


def quality(ids: Sequence[int], labels: Sequence[int], truth: dict[int, str]) -> dict[str, float]:
    """Adjusted Rand index over the planted appeals, purity of the clusters that hold them.

    ``truth``: appeal id → its planted problem (the demo generator's ground truth).
    Purity: of the appeals in clusters holding a planted appeal, the share that
    belongs to their cluster's most common planted problem (other appeals count as
    a problem of their own, «none»), so one cluster swallowing the region is impure.
    """
    from collections import Counter

    from sklearn.metrics import adjusted_rand_score

    found = dict(zip(ids, labels, strict=True))
    planted = sorted(i for i in truth if i in found)
    ari = adjusted_rand_score([truth[i] for i in planted], [found[i] for i in planted])
    groups: dict[int, list[int]] = {}
    for appeal_id, label in found.items():
        groups.setdefault(label, []).append(appeal_id)
    pure = total = 0
    for members in groups.values():
        if any(i in truth for i in members):
            pure += Counter(truth.get(i, "") for i in members).most_common(1)[0][1]
            total += len(members)
    return {"ari": round(float(ari), 3), "purity": round(pure / max(total, 1), 3)}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem cluster as the «Проблемы» view shows it (no one named)."""

    key: str  # stable while its first appeal stays in it: «p:<first id>»
    appeal_ids: tuple[int, ...]  # oldest first
    terms: tuple[str, ...]  # the lemmas that weigh most in its texts
    example: str  # the newest appeal's title
    first_at: float
    last_at: float
    last_week: int  # appeals in the 7 days before now
    week_before: int  # appeals in the 7 days before those
    municipalities: tuple[str, ...]  # OKTMO codes, most appeals first
    bodies: tuple[str, ...]  # responsible body codes, most appeals first

    @property
    def size(self) -> int:
        return len(self.appeal_ids)

    @property
    def growth(self) -> int:
        return self.last_week - self.week_before


@collector_paused()
def problems_in_cache(
    engine: Any,
    now: datetime,
    *,
    days: int = 60,
    params: ClusterParams | None = None,
    reuse: bool = True,
) -> list[Problem]:
    """The problem clusters among the appeals of the last ``days``, biggest growth first.

    The work is kept in the cache for the next call (``reuse``; see :mod:`the module
    <cur_desktop.problems.clusters>`' notes on reuse): each appeal's lemmas
    (``appeal_lemmas``, dropped by a trigger when its title or text changes) and the
    clustering itself under a digest of its whole input (``problem_memo``). The same
    input gives the same clusters, so a reused clustering is the one computed afresh;
    the figures that depend on ``now`` (the weeks) and on other columns (bodies, the
    example's title) are always counted from the rows read now.
    """
    params = params or ClusterParams()
    at = now.timestamp()
    lemmatizer = lemmatizer_id()
    rows = _window_rows(engine, at - days * DAY, lemmatizer if reuse else None)
    if len(rows) < 2:
        return []
    fresh: list[tuple[int, str, str | None, str | None]] = []
    items: list[ClusterItem] = []
    for appeal_id, created_at, title, body_text, municipality, address, _body, kept in rows:
        lemmas = kept  # plain tuples: a Row's attributes cost a second at a million
        if lemmas is None:
            lemmas = lemma_text(" ".join(p for p in (title, body_text) if p))
            fresh.append((appeal_id, lemmas, title, body_text))
        items.append(ClusterItem(appeal_id, created_at, lemmas, municipality or "", address or ""))
    items.sort(key=lambda i: (i.created_at, i.id))
    digest = _digest(items, params, lemmatizer)
    groups = _memo(engine, digest) if reuse else None
    if groups is None:
        groups = _groups(cluster(items, params, lemmatised=True), params)
        if reuse:
            _keep(engine, lemmatizer, fresh, digest, groups)
    elif fresh:
        _keep(engine, lemmatizer, fresh, None, groups)
    return _problems(groups, {r[0]: r for r in rows}, at)


#: Bump when the memo's document or the clustering's algorithm changes.
MEMO_FORMAT = 1
MEMO_KEY = "clusters"


def _window_rows(engine: Any, since: float, lemmatizer: str | None) -> list[Any]:
    """The window's appeals with their kept lemmas (``None`` where there are none)."""
    from sqlalchemy import and_, case, literal, null, select

    from cur_desktop.cache import schema

    a, lem = schema.appeals, schema.appeal_lemmas
    if lemmatizer is None:
        lemmas: Any = null()
        source: Any = a
        body_text: Any = a.c.text
    else:
        lemmas = lem.c.lemmas
        source = a.outerjoin(
            lem, and_(lem.c.appeal_id == a.c.id, lem.c.lemmatizer == literal(lemmatizer))
        )
        # the text only where no lemmas are kept: it is read to be lemmatised, and
        # the long ones spill to overflow pages SQLite then need not read
        body_text = case((lem.c.lemmas.is_(None), a.c.text))
    with engine.connect() as conn:
        return [
            tuple(row)
            for row in conn.execute(
                select(
                    a.c.id, a.c.created_at, a.c.title, body_text.label("text"), a.c.municipality,
                    a.c.address, a.c.body, lemmas.label("lemmas"),
                )
                .select_from(source)
                .where(a.c.created_at >= since, a.c.merged_into.is_(None))
            ).all()
        ]  # fmt: skip


def _digest(items: Sequence[ClusterItem], params: ClusterParams, lemmatizer: str) -> str:
    """Everything the clustering reads, in its order: equal digests, equal clusters."""
    import hashlib

    h = hashlib.blake2b(digest_size=20)
    h.update(f"{MEMO_FORMAT}\x1e{params!r}\x1e{lemmatizer}\x1e".encode())
    for i in items:
        h.update(f"{i.id}\x1f{i.created_at!r}\x1f{i.municipality}\x1f{i.address}\x1f".encode())
        h.update(i.text.encode())
        h.update(b"\x1e")
    return h.hexdigest()


#: A problem cluster as kept: its appeal ids and its terms.
Group = tuple[list[int], list[str]]


def _groups(index: ClusterIndex, params: ClusterParams) -> list[Group]:
    """The clusters of ``min_size`` appeals or more, with the lemmas that weigh most."""
    import numpy as np
    from scipy.sparse import csr_matrix

    names = index.vectorizer.get_feature_names_out()
    row_of = {appeal_id: n for n, appeal_id in enumerate(index.ids)}
    groups = [m for m in index.clusters().values() if len(m) >= params.min_size]
    # every centroid in one product: a cluster's row sums its members' rows in their
    # order, as the matrix's own sum over them does (the same float32 sums, term by term)
    rows = np.fromiter((row_of[i] for m in groups for i in m), dtype=np.int64)
    starts = np.cumsum([0, *(len(m) for m in groups)])
    members_of = csr_matrix(
        (np.ones(rows.size, dtype=index.matrix.dtype), rows, starts),
        shape=(len(groups), index.matrix.shape[0]),
    )
    centroids = (members_of @ index.matrix).tocsr()
    found: list[Group] = []
    for n, members in enumerate(groups):
        centroid = centroids[n].toarray().ravel()
        top = [
            str(names[j])
            for j in np.argsort(centroid)[::-1][:12]
            if centroid[j] > 0
            and len(names[j]) >= 4
            and names[j] not in _COMMON
            and not may_be_person_name(str(names[j]))  # a surname is not a problem
        ][:4]
        found.append((sorted(members), top))
    return found


def _memo(engine: Any, digest: str) -> list[Group] | None:
    import orjson
    from sqlalchemy import select

    from cur_desktop.cache import schema

    m = schema.problem_memo
    with engine.connect() as conn:
        row = conn.execute(select(m.c.digest, m.c.doc).where(m.c.key == MEMO_KEY)).first()
    if row is None or row.digest != digest:
        return None
    return [(list(ids), list(terms)) for ids, terms in orjson.loads(row.doc)]


def _keep(
    engine: Any,
    lemmatizer: str,
    fresh: Sequence[tuple[int, str, str | None, str | None]],
    digest: str | None,
    groups: list[Group],
) -> None:
    """Keep the new lemmas (of appeals whose title and text are still those read) and
    the clustering; derived data, so a cache that cannot take it now just goes without."""
    import logging

    import orjson
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.begin() as conn:
            if fresh:
                conn.execute(
                    text(
                        "INSERT OR REPLACE INTO appeal_lemmas (appeal_id, lemmatizer, lemmas) "
                        "SELECT :id, :lemmatizer, :lemmas WHERE EXISTS (SELECT 1 FROM appeals "
                        "WHERE id = :id AND title IS :title AND text IS :text)"
                    ),
                    [
                        {"id": i, "lemmatizer": lemmatizer, "lemmas": lem, "title": t, "text": x}
                        for i, lem, t, x in fresh
                    ],
                )
            if digest is not None:
                conn.execute(
                    text(
                        "INSERT OR REPLACE INTO problem_memo (key, digest, doc) "
                        "VALUES (:key, :digest, :doc)"
                    ),
                    {"key": MEMO_KEY, "digest": digest, "doc": orjson.dumps(groups).decode()},
                )
    except DBAPIError as exc:  # busy past the timeout, read-only: next time
        logging.getLogger(__name__).warning("problem clusters not kept: %s", exc)


def _problems(groups: Sequence[Group], by_id: dict[int, Any], at: float) -> list[Problem]:
    from collections import Counter

    found: list[Problem] = []
    for ids, terms in groups:
        # the window's rows: (id, created_at, title, text, municipality, address, body, ...)
        members = sorted(ids, key=lambda i: (by_id[i][1], i))
        times = [float(by_id[i][1]) for i in members]
        muns = Counter(m for i in members if (m := by_id[i][4]))
        bodies = Counter(b for i in members if (b := by_id[i][6]))
        found.append(
            Problem(
                key=f"p:{members[0]}",
                appeal_ids=tuple(members),
                terms=tuple(terms),
                example=str(by_id[members[-1]][2] or "")[:120],
                first_at=times[0],
                last_at=times[-1],
                last_week=sum(1 for t in times if at - 7 * DAY <= t <= at),
                week_before=sum(1 for t in times if at - 14 * DAY <= t < at - 7 * DAY),
                municipalities=tuple(m for m, _ in muns.most_common()),
                bodies=tuple(b for b, _ in bodies.most_common()),
            )
        )
    found.sort(key=lambda p: (-p.growth, -p.last_week, -p.size, p.key))
    return found


@dataclass(frozen=True, slots=True)
class ProblemCounts:
    """Problem figures for the desk, the reports and the wall (no one named)."""

    problems: int  # clusters of ``min_size`` appeals or more in the period
    growing: int  # of them, more appeals in the last week than in the week before
    appeals_in_problems: int


def count_problems(problems: Sequence[Problem]) -> ProblemCounts:
    return ProblemCounts(
        problems=len(problems),
        growing=sum(1 for p in problems if p.growth > 0),
        appeals_in_problems=sum(p.size for p in problems),
    )


def problem_counts(engine: Any, now: datetime, *, days: int = 60) -> ProblemCounts:
    """The problem figures of the last ``days`` (Qt-free, any thread; seconds on a cold start)."""
    return count_problems(problems_in_cache(engine, now, days=days))
