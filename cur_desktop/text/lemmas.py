"""Words and their lemmas: every inflected form of a word maps to the same lemma(s).

The Snowball stemmer gives one word several stems («подвал» / «подвале» → «подва» /
«подвал»), so search and models that see stems miss forms. A morphological
dictionary (pymorphy3 with its Russian dictionaries, shipped inside the PyPI
packages) gives the dictionary form instead: «подвале», «текла», «протечек» →
«подвал», «течь», «протечка».

An ambiguous form («ямы»: «яма» or «ям») yields every distinct normal form among
its parses (:func:`lemma_set`), so an index holding all of them finds the word
whichever reading the query takes; :func:`lemma` gives the most probable one for
models. Unknown words (names, typos, Latin) are guessed by pymorphy3's
predictors; digits and very long tokens are kept whole.

Lookups are cached per word in plain dicts (an appeal corpus has a small
vocabulary); :data:`LEMMATIZER_ID` names the dictionaries, so an index built
with other ones can be detected and rebuilt.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import pymorphy3

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-я]")
_MAX_WORD = 40
_CACHE_LIMIT = 500_000

_lock = threading.Lock()
_lemma: dict[str, str] = {}
_lemmas: dict[str, tuple[str, ...]] = {}


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The one morphological analyzer of the process (loads in ~0.1 s, ~15 MB)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def lemmatizer_id() -> str:
    """Names the dictionaries: an index built with another id must be rebuilt."""
    import pymorphy3

    meta = analyzer().dictionary.meta
    return f"pymorphy3:{pymorphy3.__version__}:{meta.get('source_revision', '?')}:1"


def words(text: str) -> list[str]:
    """Case-folded words of a text, «ё» as «е» (letters and digits; the rest separates)."""
    return _WORD.findall(text.casefold().replace("ё", "е"))


def _keep_whole(word: str) -> bool:
    return word.isdigit() or len(word) > _MAX_WORD or not _CYRILLIC.search(word)


_T = TypeVar("_T")


def _parses(word: str) -> list[Any]:
    with _lock:
        return list(analyzer().parse(word))


def _normal(parse: Any) -> str:
    return str(parse.normal_form).replace("ё", "е")


def _cached(cache: dict[str, _T], word: str, whole: _T, compute: Callable[[], _T]) -> _T:
    """``cache[word]``, else ``whole`` for a word kept whole, else ``compute()``; bounded."""
    found = cache.get(word)
    if found is None:
        found = whole if _keep_whole(word) else compute()
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[word] = found
    return found


def lemma(word: str) -> str:
    """The most probable dictionary form of one case-folded word."""
    return _cached(_lemma, word, word, lambda: _normal(_parses(word)[0]))


def _distinct_normals(parses: list[Any]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_normal(p) for p in parses))


def lemma_set(word: str) -> tuple[str, ...]:
    """Every distinct dictionary form among the word's readings, most probable first."""
    return _cached(_lemmas, word, (word,), lambda: _distinct_normals(_parses(word)))


def lemmatize(text: str | None) -> list[str]:
    """The most probable lemma of each word, in order (for models)."""
    if not text:
        return []
    get = _lemma.get
    return [get(w) or lemma(w) for w in words(text)]


def lemma_text(text: str | None) -> str:
    """The lemmas of a text joined by spaces (a model's or an index's input)."""
    return " ".join(lemmatize(text))


def is_known(word: str) -> bool:
    """Whether a case-folded word is in the dictionary (not a guess of the predictors)."""
    with _lock:
        return bool(analyzer().word_is_known(word))


_PARTICIPLE = frozenset({"PRTF", "PRTS", "GRND"})
_ADJECTIVE = frozenset({"ADJF", "ADJS"})
_search_lemmas: dict[str, tuple[str, ...]] = {}


def search_lemma_set(word: str) -> tuple[str, ...]:
    """:func:`lemma_set` without a participle's verb where the form is also an adjective.

    «текущий ремонт» is not a leak: a form with an adjective reading («текущий»,
    «разбитая», «открытый») keeps the adjective and drops the verb its participle
    reading gives («течь», «разбить», «открыть»); a participle with no adjective
    reading («сломанный», «затопленный») keeps its verb. Most probable first, cached.
    """

    def compute() -> tuple[str, ...]:
        parses = _parses(word)
        if any(p.tag.POS in _ADJECTIVE for p in parses):
            parses = [p for p in parses if p.tag.POS not in _PARTICIPLE]
        return _distinct_normals(parses) or (word,)

    return _cached(_search_lemmas, word, (word,), compute)


_PERSON = frozenset({"Surn", "Patr"})


@cache
def may_be_person_name(word: str) -> bool:
    """Whether a case-folded word may be part of a person's name: a surname or
    patronymic reading, or a first name as its most probable reading («михеев»,
    «петрович», «мария»; not «вера» or «надежда»). Words that describe a problem must
    not carry it (a cluster's terms, a proposed category's name)."""
    if _keep_whole(word):
        return False
    parses = _parses(word)
    if not parses:
        return False
    return "Name" in parses[0].tag or any(_PERSON & set(p.tag.grammemes) for p in parses)
