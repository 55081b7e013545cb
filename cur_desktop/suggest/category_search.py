"""Searching the category tree by meaning: lemmas, any word order, any word of the path.

Every theme, category and subcategory is a path («Дороги › Ямы и выбоины на
дорогах › Ямы во дворах…»). A query matches a path when each of its words meets a
word of the path (or of its keywords) by lemma («ямы» → «яма», «дворе» → «двор»),
by a typed beginning («фона» → «фонари») or by a keyword stem of the region's
dictionaries («фонарь» starts with «фонар»). So «яма двор» finds «Ямы во дворах»,
«фонарь» finds the lighting categories, and words may come in any order.

Ranking: a word met in the path's own (last) name counts most, then in its
parents' names, then a keyword, then a prefix; «парк» is the lemma of «Парки и
скверы» but only a prefix of «Парковка во дворах», so parks come first. The
suggestion's confidence for a path is added (a tie goes to what the history
suggests); with an empty query the suggested paths come first, then the region's
order.

Qt-free; the dialog's list model calls :meth:`CategoryIndex.search` per keystroke
(a region has a few hundred paths: well under a millisecond after the first).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.suggestions import Suggestions
from cur_desktop.text.lemmas import lemma_set, words

SEP = "|"
MIN_PREFIX = 3
MIN_KEYWORD = 3
OWN_NAME, PARENT_NAME, KEYWORD, PREFIX = 3.0, 2.0, 1.5, 1.0
CONFIDENCE_WEIGHT = 1.5
THEME_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class PathEntry:
    code: str  # theme[|category[|subcategory]]
    text: str  # «Тема › Категория › Подкатегория»
    keywords: str
    own: frozenset[str]  # lemmas and words of the last name
    parents: frozenset[str]  # lemmas and words of the names before it
    stems: tuple[str, ...]  # keyword stems («фонар», «ям»)
    order: int


def path_code(theme: str | None, category: str | None, subcategory: str | None) -> str:
    return SEP.join(c for c in (theme, category, subcategory) if c)


def _forms(text: str) -> set[str]:
    out: set[str] = set()
    for word in words(text):
        out.add(word)
        out.update(lemma_set(word))
    return out


class CategoryIndex:
    """The region's category paths, searchable by lemma."""

    def __init__(self, dicts: Dictionaries) -> None:
        entries: list[PathEntry] = []

        def add(code: str, names: Sequence[str], keywords: Sequence[str]) -> None:
            entries.append(
                PathEntry(
                    code=code,
                    text=" › ".join(names),
                    keywords=" ".join(keywords),
                    own=frozenset(_forms(names[-1])),
                    parents=frozenset(_forms(" ".join(names[:-1]))),
                    stems=tuple(
                        k.casefold().replace("ё", "е")
                        for k in keywords
                        if len(k) >= MIN_KEYWORD and " " not in k
                    ),
                    order=len(entries),
                )
            )

        for theme in dicts.themes:
            add(theme.code, [theme.name], [])
            for cat in dicts.categories_of(theme.code):
                code = path_code(theme.code, cat.code, None)
                add(code, [theme.name, cat.name], cat.keywords)
                for sub in dicts.subcategories_of(cat.code):
                    add(
                        path_code(theme.code, cat.code, sub.code),
                        [theme.name, cat.name, sub.name],
                        (*cat.keywords, *sub.keywords),
                    )
        self.entries: tuple[PathEntry, ...] = tuple(entries)
        self._by_code = {e.code: e for e in entries}

    def entry(self, code: str) -> PathEntry | None:
        return self._by_code.get(code)

    def search(self, query: str, confidence: Mapping[str, float] | None = None) -> list[PathEntry]:
        """Paths matching every word of ``query``, best first (all of them for no query)."""
        conf = confidence or {}
        typed = words(query)
        if not typed:
            return sorted(self.entries, key=lambda e: (-conf.get(e.code, 0.0), e.order))
        query_forms = [(w, {w, *lemma_set(w)}) for w in typed]
        scored: list[tuple[float, int, PathEntry]] = []
        for entry in self.entries:
            total = 0.0
            for word, forms in query_forms:
                score = _word_score(word, forms, entry)
                if score == 0.0 and len(word) < MIN_PREFIX:
                    continue  # «в», «на», «у»: a preposition need not be in the name
                if score == 0.0:
                    break
                total += score
            else:
                total += CONFIDENCE_WEIGHT * conf.get(entry.code, 0.0)
                scored.append((-total, entry.order, entry))
        scored.sort(key=lambda t: (t[0], t[1]))
        return [entry for _, _, entry in scored]


def _word_score(word: str, forms: set[str], entry: PathEntry) -> float:
    if forms & entry.own:
        return OWN_NAME
    if forms & entry.parents:
        return PARENT_NAME
    if any(word.startswith(stem) for stem in entry.stems):
        return KEYWORD
    if len(word) >= MIN_PREFIX and any(
        form.startswith(word) for form in (*entry.own, *entry.parents)
    ):
        return PREFIX
    return 0.0


def path_confidence(suggestions: Suggestions | None, dicts: Dictionaries) -> dict[str, float]:
    """How strongly the history suggests each path: a category's or subcategory's own
    confidence, a theme's a third of it (a theme alone is rarely the answer)."""
    if suggestions is None:
        return {}
    out: dict[str, float] = {s.code: THEME_SHARE * s.confidence for s in suggestions.theme}
    for scored in suggestions.category:
        cat = dicts.category(scored.code)
        if cat is not None:
            out[path_code(cat.theme, cat.code, None)] = scored.confidence
    for scored in suggestions.subcategory:
        sub = dicts.category(scored.code)
        if sub is not None and sub.parent:
            out[path_code(sub.theme, sub.parent, sub.code)] = scored.confidence
    return out


def suggested_path(suggestions: Suggestions | None, dicts: Dictionaries) -> str | None:
    """The path the dialog opens on: the best category, with the best subcategory under it."""
    if suggestions is None:
        return None
    best = suggestions.best("category")
    cat = dicts.category(best.code) if best is not None else None
    if cat is None:
        theme = suggestions.best("theme")
        return theme.code if theme is not None and dicts.theme(theme.code) else None
    sub_best = suggestions.best("subcategory")
    sub = dicts.category(sub_best.code) if sub_best is not None else None
    if sub is not None and sub.parent == cat.code:
        return path_code(cat.theme, cat.code, sub.code)
    return path_code(cat.theme, cat.code, None)
