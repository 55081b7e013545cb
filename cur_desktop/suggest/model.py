"""Suggestions learnt from the region's own history: category path, municipality, body.

* **Theme, category, subcategory**: TF-IDF over the lemmas of the title and the text
  (1–2 grams, :mod:`cur_desktop.text.lemmas`) and one linear SVM per field
  (scikit-learn's ``LinearSVC``), ranked by the decision score: the plain model of
  ACCURACY.md (.707 / .900 top-1 / top-3 on 125 real reasons, time split).
* **Municipality**: from the address, then the text, against the region's names
  (:class:`~cur_desktop.suggest.places.PlaceFinder`); when neither names one, the
  text classifier's guess (weak: texts rarely name the place).
* **Body**: how this region routed the same category in the same municipality (a
  count table with back-off: category × municipality, then theme × municipality,
  then the category anywhere among the bodies that serve the municipality), and
  the text classifier only when the history says nothing.

Confidences are a softmax of the SVM's decision scores (temperature
:data:`SOFTMAX_SCALE`) or a routing share: comparable within a field, not
calibrated probabilities.

A model is a picklable object (:meth:`SuggestModel.dumps`); the service keeps the
newest in its database (``suggest_models``). Qt-free.
"""

from __future__ import annotations

import pickle
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.dictionaries import Body, Dictionaries, Municipality
from cur_desktop.domain.suggestions import Candidates, Scored, Suggestions
from cur_desktop.regions.gazetteer import Gazetteer
from cur_desktop.suggest.places import PlaceFinder, merge
from cur_desktop.text.lemmas import lemma_text

if TYPE_CHECKING:
    import numpy as np

MODEL_FORMAT = "cur-suggest-2"  # the pickled layout: older ones are retrained
TOP = 3
SOFTMAX_SCALE = 5.0
MIN_ROUTED = 3  # routings a back-off level needs before it speaks
TEXT_FIELDS = ("theme", "category", "subcategory", "municipality", "body")


@dataclass(frozen=True, slots=True)
class Example:
    """One appeal of the history, as the models learn from it (no personal data)."""

    created_at: float
    text: str  # title and text
    address: str = ""
    theme: str | None = None
    category: str | None = None
    subcategory: str | None = None
    municipality: str | None = None
    body: str | None = None

    @classmethod
    def of(cls, appeal: Appeal) -> Example:
        return cls(
            created_at=appeal.created_at.timestamp(),
            text=f"{appeal.title}\n{appeal.text}" if appeal.title else appeal.text,
            address=appeal.address,  # read for the place only, never learnt or stored
            theme=appeal.theme,
            category=appeal.category,
            subcategory=appeal.subcategory,
            municipality=appeal.municipality,
            body=appeal.body,
        )

    def target(self, name: str) -> str | None:
        value: str | None = getattr(self, name)
        return value


def document(example: Example) -> str:
    """The model's input: the lemmas of the text (the address is the places' business)."""
    return lemma_text(example.text)


def _softmax_top(scores: np.ndarray, classes: Sequence[str], k: int) -> list[Candidates]:
    import numpy as np

    out: list[Candidates] = []
    for row in np.atleast_2d(scores):
        order = np.argsort(-row)[:k]
        weights = np.exp(SOFTMAX_SCALE * (row - row.max()))
        total = float(weights.sum())
        out.append(tuple(Scored(classes[i], float(weights[i]) / total) for i in order))
    return out


class TextClassifier:
    """One field's linear SVM over the shared TF-IDF matrix.

    Only the SVM's weights are kept (float32: half the stored model, the same scores
    to four digits) and applied as one sparse product: scikit-learn's own
    ``decision_function`` validates its input on every call, which cost more than
    the scoring itself for one appeal at a time (as the service scores on write).
    """

    def __init__(self) -> None:
        self.classes: list[str] = []
        self._coef: Any = None  # (features, classes)
        self._intercept: Any = None

    def fit(self, matrix: Any, labels: Sequence[str]) -> TextClassifier:
        from sklearn.svm import LinearSVC

        self.classes = sorted(set(labels))
        if len(self.classes) > 1:
            svm = LinearSVC(C=0.5, dual="auto", random_state=0)  # the same model every run
            svm.fit(matrix, labels)
            self.classes = [str(c) for c in svm.classes_]
            self._coef = svm.coef_.astype("float32").T.copy()
            self._intercept = svm.intercept_.astype("float32")
        return self

    def top(self, matrix: Any, k: int = TOP) -> list[Candidates]:
        rows = matrix.shape[0]
        if not self.classes:
            return [() for _ in range(rows)]
        if self._coef is None:
            return [(Scored(self.classes[0], 1.0),) for _ in range(rows)]
        import numpy as np

        scores = np.asarray(matrix @ self._coef) + self._intercept
        if scores.shape[1] == 1:  # two classes: one score for the second
            scores = np.column_stack([-scores[:, 0], scores[:, 0]])
        return _softmax_top(scores, self.classes, k)


@dataclass
class RoutingTable:
    """How the region routed: body counts by category × municipality, with back-off."""

    by_cat_mun: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    by_theme_mun: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    by_cat: dict[str, Counter[str]] = field(default_factory=dict)

    @classmethod
    def learn(cls, examples: Iterable[Example]) -> RoutingTable:
        cat_mun: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        theme_mun: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        cat: dict[str, Counter[str]] = defaultdict(Counter)
        for ex in examples:
            if not ex.body:
                continue
            if ex.category and ex.municipality:
                cat_mun[ex.category, ex.municipality][ex.body] += 1
            if ex.theme and ex.municipality:
                theme_mun[ex.theme, ex.municipality][ex.body] += 1
            if ex.category:
                cat[ex.category][ex.body] += 1
        return cls(dict(cat_mun), dict(theme_mun), dict(cat))

    def top(
        self,
        category: str | None,
        theme: str | None,
        municipality: str | None,
        bodies: Sequence[Body],
        k: int = TOP,
    ) -> Candidates:
        levels: list[Counter[str] | None] = []
        if category and municipality:
            levels.append(self.by_cat_mun.get((category, municipality)))
        if theme and municipality:
            levels.append(self.by_theme_mun.get((theme, municipality)))
        if category:
            counts = self.by_cat.get(category)
            if counts is not None and municipality:
                serving = {b.code for b in bodies if b.serves(theme, municipality)}
                counts = Counter({b: n for b, n in counts.items() if b in serving})
            levels.append(counts)
        for counts in levels:
            if counts and counts.total() >= MIN_ROUTED:
                total = counts.total()
                return tuple(
                    Scored(b, n / total)
                    for b, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
                )
        return ()


@dataclass
class SuggestModel:
    """Everything the service needs to suggest, trained at one moment."""

    trained_at: str  # ISO UTC, shown as the suggestions' ``model``
    rows: int
    vectorizer: Any
    classifiers: dict[str, TextClassifier]
    routes: RoutingTable
    places: PlaceFinder
    bodies: tuple[Body, ...]
    parents: dict[str, str]  # category code -> theme, subcategory code -> category
    train_seconds: float = 0.0

    # -- suggesting ----------------------------------------------------------------------

    def suggest(self, appeal: Appeal) -> Suggestions:
        return self.suggest_many([appeal])[0]

    def suggest_many(self, appeals: Sequence[Appeal]) -> list[Suggestions]:
        return self.suggest_examples([Example.of(a) for a in appeals])

    def suggest_examples(self, examples: Sequence[Example]) -> list[Suggestions]:
        if not examples:
            return []
        matrix = self.vectorizer.transform([document(ex) for ex in examples])
        tops = {name: clf.top(matrix) for name, clf in self.classifiers.items()}
        out = []
        for i, ex in enumerate(examples):
            found = {name: tops[name][i] for name in tops}
            places = self.places.find(ex.address, ex.text)
            municipality = merge(places, found.get("municipality", ()))
            out.append(self._one(ex, found, municipality))
        return out

    def _one(
        self, ex: Example, found: dict[str, Candidates], municipality: Candidates
    ) -> Suggestions:
        mun = ex.municipality or (municipality[0].code if municipality else None)
        categories = found.get("category", ())
        wanted = [c.code for c in categories]
        if ex.category and ex.category not in wanted:
            wanted.insert(0, ex.category)
        routes = []
        for code in wanted:
            theme = self.parents.get(code) or ex.theme
            bodies = self.routes.top(code, theme, mun, self.bodies)
            if bodies:
                routes.append((code, bodies))
        best_category = ex.category or (wanted[0] if wanted else None)
        body = dict(routes).get(best_category or "", ()) if best_category else ()
        if not body:
            body = found.get("body", ())
        return Suggestions(
            theme=_rounded(found.get("theme", ())),
            category=_rounded(categories),
            subcategory=_rounded(found.get("subcategory", ())),
            municipality=_rounded(municipality),
            body=_rounded(body),
            routes=tuple((code, _rounded(bodies)) for code, bodies in routes),
            model=self.trained_at,
        )

    # -- storing ----------------------------------------------------------------------------

    def dumps(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def loads(blob: bytes) -> SuggestModel:
        model = pickle.loads(blob)  # noqa: S301 - written by this service into its own database
        if not isinstance(model, SuggestModel):
            msg = "not a suggestion model"
            raise TypeError(msg)
        return model


def _rounded(candidates: Candidates) -> Candidates:
    """As stored (four digits): the appeal written is the appeal read back."""
    return tuple(Scored(c.code, round(c.confidence, 4)) for c in candidates)


def _parents(dicts: Dictionaries) -> dict[str, str]:
    return {c.code: (c.parent or c.theme) for c in dicts.categories}


def train(
    examples: Sequence[Example],
    dicts: Dictionaries,
    *,
    trained_at: str,
    municipalities: Iterable[Municipality] | None = None,
    gazetteer: Gazetteer | None = None,
) -> SuggestModel:
    """Learn every field from ``examples`` (the region's appeals, any order)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    started = time.perf_counter()
    docs = [document(ex) for ex in examples]
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2),
        min_df=2,
        max_features=300_000,
        sublinear_tf=True,
        token_pattern=r"(?u)\b\w+\b",  # noqa: S106 - a regular expression, not a secret
        dtype=np.float32,
    )
    if len(docs) >= 2:
        matrix = vectorizer.fit_transform(docs)
    else:
        matrix = vectorizer.fit_transform([*docs, "пусто пусто"])[: len(docs)]
    classifiers: dict[str, TextClassifier] = {}
    for name in TEXT_FIELDS:
        rows = [i for i, ex in enumerate(examples) if ex.target(name)]
        labels = [str(examples[i].target(name)) for i in rows]
        classifiers[name] = TextClassifier().fit(matrix[rows], labels)
    return SuggestModel(
        trained_at=trained_at,
        rows=len(examples),
        vectorizer=vectorizer,
        classifiers=classifiers,
        routes=RoutingTable.learn(examples),
        places=PlaceFinder(
            municipalities if municipalities is not None else dicts.municipalities,
            gazetteer if gazetteer is not None else Gazetteer.for_region(dicts),
        ),
        bodies=tuple(dicts.bodies),
        parents=_parents(dicts),  # a category's theme: the dictionaries say it
        train_seconds=time.perf_counter() - started,
    )
