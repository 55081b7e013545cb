"""The municipality an appeal is about, from its address and text against the region's names.

The region pack names its municipalities («Богородицкий муниципальный район», «г.
Тула»); a text names them in any case («в Богородицком районе», «в Туле») or names
the district's town («в Богородицке»). Every name is reduced to its distinctive
lemmas (the generic words «район», «город», «муниципальный»… dropped), an
adjective name also gives its town's stem («богородицкий» → «богородицк»), and an
appeal's words are lemmatised the same way (:mod:`cur_desktop.text.lemmas`), so a
lookup is a set intersection.

The region's gazetteer (:mod:`cur_desktop.regions.gazetteer`: municipalities,
settlements, city districts and streets of the region's place tables) is asked
first; the lemma lookup here is the fallback that needs only the dictionaries.

Qt-free; the lemmatiser is thread-safe.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from cur_desktop.domain.dictionaries import Municipality
from cur_desktop.domain.suggestions import Scored
from cur_desktop.regions.gazetteer import Gazetteer
from cur_desktop.text.lemmas import lemma_set, words

#: Words of official names that say what a municipality is, not which one.
GENERIC = frozenset(
    {
        "администрация",
        "город",
        "городской",
        "г",
        "гор",
        "городский",
        "городок",
        "деревня",
        "д",
        "имя",
        "муниципальный",
        "муниципальное",
        "образование",
        "округ",
        "область",
        "пгт",
        "посёлок",
        "поселок",
        "поселение",
        "п",
        "пос",
        "район",
        "рабочий",
        "рп",
        "с",
        "село",
        "сельский",
        "станица",
    }
)

MIN_STEM = 5
_KIND_WEIGHT = {"municipality": 1.0, "settlement": 1.0, "street": 0.5}
ADDRESS_CONFIDENCE = 0.95
TEXT_CONFIDENCE = 0.8


def _keys(name: str) -> set[str]:
    out: set[str] = set()
    for word in words(name):
        for lemma in lemma_set(word):
            if lemma in GENERIC or len(lemma) < 3:
                continue
            out.add(lemma)
    return out


def _stems(keys: set[str]) -> set[str]:
    """The town a district is named after: «богородицкий» → «богородицк», «щекинский» →
    «щекин» (a prefix of «щекино»), «суворовский» → «суворов»."""
    out: set[str] = set()
    for key in keys:
        if key.endswith(("ский", "цкий")):
            out.update(stem for stem in (key[:-2], key[:-4]) if len(stem) >= MIN_STEM)
    return out


class PlaceFinder:
    """Municipalities named in an address or a text, by their distinctive lemmas."""

    def __init__(
        self, municipalities: Iterable[Municipality], gazetteer: Gazetteer | None = None
    ) -> None:
        self.gazetteer = gazetteer
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._by_stem: dict[str, set[str]] = defaultdict(set)
        for m in municipalities:
            keys = _keys(m.name) | _keys(m.short_name)
            for key in keys:
                self._by_key[key].add(m.oktmo)
            for stem in _stems(keys):
                self._by_stem[stem].add(m.oktmo)
        self._stem_lengths = sorted({len(stem) for stem in self._by_stem})

    def _scores(self, text: str) -> dict[str, float]:
        scores: dict[str, float] = defaultdict(float)
        seen: set[str] = set()
        for word in words(text):
            for lemma in lemma_set(word):
                if lemma in seen:
                    continue
                seen.add(lemma)
                found = self._by_key.get(lemma)
                if found is None and len(lemma) >= MIN_STEM:
                    found = self._stemmed(lemma)
                for oktmo in found or ():
                    scores[oktmo] += 1.0 / len(found or ())
        return scores

    def _stemmed(self, lemma: str) -> set[str] | None:
        for n in reversed(self._stem_lengths):
            if n <= len(lemma) and lemma[:n] in self._by_stem:
                return self._by_stem[lemma[:n]]
        return None

    def _gazetteer_scores(self, text: str, *, address: bool) -> dict[str, float]:
        scores: dict[str, float] = defaultdict(float)
        if self.gazetteer is not None:
            for match in self.gazetteer.find(text, any_case=address):
                if match.oktmo:
                    scores[match.oktmo] += _KIND_WEIGHT.get(match.kind, 1.0)
        return scores

    def find(self, address: str, text: str, *, limit: int = 3) -> tuple[Scored, ...]:
        """Candidates, best first: a match in the address outranks one in the text; the
        gazetteer's settlements and streets first, the municipalities' names after."""
        for source, confidence in ((address, ADDRESS_CONFIDENCE), (text, TEXT_CONFIDENCE)):
            if not source:
                continue
            is_address = confidence == ADDRESS_CONFIDENCE
            scores = self._gazetteer_scores(source, address=is_address) or self._scores(source)
            if scores:
                total = sum(scores.values())
                ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
                return tuple(Scored(code, confidence * s / total) for code, s in ranked)
        return ()


def merge(
    first: Sequence[Scored], second: Sequence[Scored], *, limit: int = 3
) -> tuple[Scored, ...]:
    """``first`` then the candidates of ``second`` it lacks (a fallback's guesses after)."""
    seen = {s.code for s in first}
    return (*first, *(s for s in second if s.code not in seen))[:limit]
