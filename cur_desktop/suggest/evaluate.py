"""How good the suggestions are: top-1 / top-3 per field on a time split, against the majority.

The history is sorted by creation time; the older 80 % train, the newer 20 % test
(as the service will be used: yesterday's appeals suggest for today's). Each field
is scored on the test appeals that have it, against the majority-class baseline of
the same split (the most frequent training labels as the guess for every appeal).

The body is measured three ways: from the routing history with the appeal's true
category and municipality (what the triage dialog offers once the category is
set), the whole pipeline (the suggested category's routing), and from the text
alone (the bar of ACCURACY.md: .463 top-1 on 83 bodies).

Qt-free; :func:`format_report` prints the table ``cur-central suggest evaluate``
shows.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.suggestions import Candidates, Suggestions
from cur_desktop.regions.gazetteer import Gazetteer
from cur_desktop.suggest.model import TOP, Example, SuggestModel, document, train

TRAIN_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class FieldScore:
    field: str
    classes: int
    tested: int
    top1: float
    top3: float
    base_top1: float
    base_top3: float


@dataclass(frozen=True, slots=True)
class Evaluation:
    train_rows: int
    test_rows: int
    scores: tuple[FieldScore, ...]
    train_seconds: float
    score_per_second: float
    repeated_texts: float  # share of test texts seen word for word in training


def time_split(
    examples: Sequence[Example], share: float = TRAIN_SHARE
) -> tuple[list[Example], list[Example]]:
    ordered = sorted(examples, key=lambda ex: ex.created_at)
    cut = int(len(ordered) * share)
    return ordered[:cut], ordered[cut:]


def _score(
    name: str,
    train_rows: Sequence[Example],
    test_rows: Sequence[Example],
    truth: Callable[[Example], str | None],
    guess: Callable[[int], Candidates],
) -> FieldScore | None:
    tested = [(i, truth(ex)) for i, ex in enumerate(test_rows) if truth(ex)]
    if not tested:
        return None
    majority = [
        code for code, _ in Counter(truth(ex) for ex in train_rows if truth(ex)).most_common(TOP)
    ]
    hits1 = hits3 = base1 = base3 = 0
    for i, label in tested:
        codes = [s.code for s in guess(i)[:TOP]]
        hits1 += bool(codes) and codes[0] == label
        hits3 += label in codes
        base1 += bool(majority) and majority[0] == label
        base3 += label in majority
    n = len(tested)
    classes = len({label for _, label in tested} | {truth(ex) for ex in train_rows if truth(ex)})
    return FieldScore(name, classes, n, hits1 / n, hits3 / n, base1 / n, base3 / n)


def evaluate(
    examples: Sequence[Example], dicts: Dictionaries, gazetteer: Gazetteer | None = None
) -> Evaluation:
    """Train on the older 80 %, score the newer 20 %, with the baseline of the same split."""
    train_rows, test_rows = time_split(examples)
    model = train(train_rows, dicts, trained_at="evaluation", gazetteer=gazetteer)
    started = time.perf_counter()
    found: list[Suggestions] = model.suggest_examples(test_rows)
    elapsed = max(time.perf_counter() - started, 1e-9)
    scores = [_field_score(name, train_rows, test_rows, found) for name in _TEXT_FIELDS]
    scores.append(_score(
        "body (history: category × municipality)", train_rows, test_rows,
        lambda ex: ex.body if ex.category and ex.municipality else None,
        lambda i: _routed(model, test_rows[i]),
    ))  # fmt: skip
    scores.append(_score(
        "body (suggested category)", train_rows, test_rows,
        lambda ex: ex.body, lambda i: _routed_suggested(model, test_rows[i], found[i]),
    ))  # fmt: skip
    text_bodies = model.classifiers["body"].top(_matrix(model, test_rows))
    scores.append(_score(
        "body (text only)", train_rows, test_rows, lambda ex: ex.body, lambda i: text_bodies[i],
    ))  # fmt: skip
    seen = {ex.text for ex in train_rows}
    repeated = sum(ex.text in seen for ex in test_rows) / max(len(test_rows), 1)
    return Evaluation(
        train_rows=len(train_rows),
        test_rows=len(test_rows),
        scores=tuple(s for s in scores if s is not None),
        train_seconds=model.train_seconds,
        score_per_second=len(test_rows) / elapsed,
        repeated_texts=repeated,
    )


_TEXT_FIELDS = ("theme", "category", "subcategory", "municipality")


def _field_score(
    name: str, train_rows: Sequence[Example], test_rows: Sequence[Example], found: list[Suggestions]
) -> FieldScore | None:
    def truth(ex: Example) -> str | None:
        return ex.target(name)

    def guess(i: int) -> Candidates:
        candidates: Candidates = getattr(found[i], name)
        return candidates

    return _score(name, train_rows, test_rows, truth, guess)


def _matrix(model: SuggestModel, rows: Sequence[Example]) -> object:
    return model.vectorizer.transform([document(ex) for ex in rows])


def _routed(model: SuggestModel, ex: Example) -> Candidates:
    theme = model.parents.get(ex.category or "") or ex.theme
    return model.routes.top(ex.category, theme, ex.municipality, model.bodies)


def _routed_suggested(model: SuggestModel, ex: Example, found: Suggestions) -> Candidates:
    best = found.best("category")
    if best is None:
        return found.body
    return found.bodies_for(best.code) or found.body


def format_report(title: str, result: Evaluation) -> str:
    header = (
        f"{'field':<42} {'classes':>7} {'tested':>7} {'top-1':>6} {'top-3':>6}"
        f"   {'majority top-1':>14} {'top-3':>6}"
    )
    lines = [
        f"{title}: time split, train {result.train_rows} older, test {result.test_rows} newer",
        header,
    ]
    lines.extend(
        f"{s.field:<42} {s.classes:>7} {s.tested:>7} {s.top1:>6.3f} {s.top3:>6.3f}"
        f"   {s.base_top1:>14.3f} {s.base_top3:>6.3f}"
        for s in result.scores
    )
    lines.append(
        f"training {result.train_seconds:.1f} s; scoring {result.score_per_second:,.0f} appeals/s"
        f" (lemmas, vectors, every field); test texts seen word for word in training:"
        f" {result.repeated_texts:.1%}"
    )
    return "\n".join(lines)


def load_corpus(path: Path) -> list[Example]:
    """A JSON-lines corpus: one object a line with ``created_at`` (epoch) and ``text``, and any
    of ``address``, ``theme``, ``category``, ``subcategory``, ``municipality``, ``body``."""
    out = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out.append(
                    Example(
                        created_at=float(row["created_at"]),
                        text=str(row["text"]),
                        address=str(row.get("address") or ""),
                        **{name: row.get(name) or None for name in _LABELS},
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                msg = f"{path}:{number}: not a corpus line ({exc})"
                raise ValueError(msg) from exc
    return out


_LABELS = ("theme", "category", "subcategory", "municipality", "body")
