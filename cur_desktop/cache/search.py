"""Russian full-text search: stems words so «склад» finds «складе» and «складов».

SQLite's FTS5 tokenizers do not stem Russian, and SQLite's ``lower()`` does not
fold Cyrillic case. So the cache indexes *stems* rather than words: the function
:func:`stem_text` turns a text into a space-separated list of Snowball stems
(case-folded with Python's Unicode-aware ``casefold``, «ё» folded to «е»), the
FTS5 table indexes that list with the plain ``unicode61`` tokenizer, and
:func:`fts_query` turns what an operator types into a MATCH expression over the
same stems. Latin words are stemmed with the English stemmer, numbers are kept
whole (house and school numbers, route numbers).

:func:`stem_text` is registered as the SQL function ``ru_stems`` on every cache
connection (see :mod:`cur_desktop.cache.db`); the FTS triggers call it, so the
index is kept current by whoever writes appeals. Its output must be a pure
function of its input for the life of an index: :data:`STEMMER_ID` names the
stemmer, and the cache rebuilds its index when that changes.
"""

from __future__ import annotations

import re

import Stemmer

STEMMER_ID = f"snowball-ru-en:{Stemmer.version()}:1"

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-я]")
_ru = Stemmer.Stemmer("russian")
_en = Stemmer.Stemmer("english")
_MAX_WORD = 64  # longer "words" are noise (base64, URLs run together): keep them whole


_CACHE_LIMIT = 500_000
_stems: dict[str, str] = {}


def stem_word(word: str) -> str:
    """Stem of one case-folded word.

    Cached in a plain dict (the vocabulary of appeals is small: ~5,000 distinct
    words per 3,000 appeals), which is several times cheaper per lookup than
    ``functools.lru_cache``; this runs for every word the cache indexes.
    """
    stem = _stems.get(word)
    if stem is None:
        if word.isdigit() or len(word) > _MAX_WORD:
            stem = word
        elif _CYRILLIC.search(word):
            stem = str(_ru.stemWord(word))
        else:
            stem = str(_en.stemWord(word))
        if len(_stems) >= _CACHE_LIMIT:
            _stems.clear()
        _stems[word] = stem
    return stem


def words(text: str) -> list[str]:
    """Case-folded words of a text, «ё» as «е»."""
    return _WORD.findall(text.casefold().replace("ё", "е"))


def stem_text(text: str | None) -> str:
    """The text as the index sees it: stems separated by spaces."""
    if not text:
        return ""
    get = _stems.get
    return " ".join([get(w) or stem_word(w) for w in words(text)])


def stem_columns(*parts: str | None) -> str:
    """Stems of several columns; the SQL function ``ru_stems`` takes any number of them."""
    return stem_text(" ".join(p for p in parts if p))


_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')


def fts_query(user_text: str) -> str | None:
    """Turn what an operator typed into an FTS5 MATCH expression, or None if empty.

    Words are ANDed; ``"several words"`` is a phrase; a trailing ``*`` makes a
    prefix search; a leading ``-`` excludes a word. Every term is quoted, so FTS5
    syntax characters an operator types cannot break the query.
    """
    positive: list[str] = []
    negative: list[str] = []
    for match in _TOKEN.finditer(user_text):
        neg_phrase, phrase, neg_word, word = match.groups()
        if phrase is not None:
            stems = [stem_word(w) for w in words(phrase)]
            if stems:
                (negative if neg_phrase else positive).append('"' + " ".join(stems) + '"')
            continue
        prefix = word.endswith("*")
        ws = words(word)
        if not ws:
            continue
        terms = [f'"{stem_word(w)}"' for w in ws]
        if prefix:
            terms[-1] = f'"{stem_word(ws[-1])}"*'
        (negative if neg_word else positive).append(" ".join(terms))
    if not positive:
        return None
    expr = " AND ".join(positive)
    for term in negative:
        expr += f" NOT {term}"
    return expr
