"""Russian full-text search by lemma and by number over the local cache.

SQLite's FTS5 tokenizers know no Russian morphology, so the cache indexes
*lemmas* (dictionary forms, :mod:`cur_desktop.text.lemmas`, pymorphy3) rather than
words: «подвале», «текла», «протечек» are indexed as «подвал», «течь», «протечка»,
and a query is lemmatised the same way, so every form of a word finds the same
appeals. An ambiguous form («ямы»: «яма» or «ям»; «дома»: «дом» or «дома») is
indexed under every reading, and a query word matches any of its readings: an
appeal is found when one reading of the typed form is a reading of a form it holds.
(A form that is also an adjective does not take its participle's verb: «текущий
ремонт» is not found by «течёт»; :func:`~cur_desktop.text.lemmas.search_lemma_set`.)

What :func:`index_text` gives the FTS5 table for one appeal (one column, the
``unicode61`` tokenizer), in this order:

1. the most probable lemma of every word of the title, text and address, in
   order — phrases (``"детская площадка"``) match these positions;
2. a separator, then the other readings of ambiguous words (each once);
3. the appeal's numbers, as ``n<key>`` tokens (:func:`~cur_desktop.domain.numbers.number_keys`:
   its id and every form of its source number);
4. the author: the words of the name (as written and their lemmas) and the phone
   as ``t<digits>`` (its last ten digits). A cache of a role without personal
   data holds no authors (the service strips them), so nothing of them is
   indexed there; a role allowed personal data finds appeals by surname or phone.

:func:`fts_query` turns what an operator types into a MATCH expression: words
are ANDed, each an OR of its readings; ``"several words"`` is a phrase; ``word*``
is a prefix; ``-word`` excludes; «№ 20015», «im-9102891», «9102891» find numbers;
«+7 (903) 123-45-67» finds the author's phone. While the operator types, the last
word is often partial: when it is not a dictionary word («подва») it is also
searched as a prefix («подвал», «подвальный»).

:func:`index_columns` is registered as the SQL function ``ru_index`` on every
cache connection (:mod:`cur_desktop.cache.db`); the FTS triggers call it (cache
migration 0004), so the index is kept current by whoever writes appeals. Its
output must be a pure function of its input for the life of an index:
:func:`index_id` names the lemmatizer, and the cache rebuilds its index when
that changes.

The Snowball functions (:func:`stem_word`, :func:`stem_text`, :func:`stem_columns`,
SQL ``ru_stems``) stay: related appeals compare title stems, and the benchmarks
build the Snowball index as their baseline.
"""

from __future__ import annotations

import re
from itertools import product

import Stemmer

from cur_desktop.domain.numbers import number_keys, query_number
from cur_desktop.text import lemmas

STEMMER_ID = f"snowball-ru-en:{Stemmer.version()}:1"

#: Bump when :func:`index_text` changes what it emits (the cache then rebuilds).
INDEX_FORMAT = 4

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-я]")
_ru = Stemmer.Stemmer("russian")
_en = Stemmer.Stemmer("english")
_MAX_WORD = 64  # longer "words" are noise (base64, URLs run together): keep them whole


_CACHE_LIMIT = 500_000
_stems: dict[str, str] = {}


def index_id() -> str:
    """Names what the index holds: an index built under another id must be rebuilt."""
    return f"lemma-index:{INDEX_FORMAT}:{lemmas.lemmatizer_id()}"


# --- Snowball stems (related appeals; the benchmarks' baseline) ------------------------


def stem_word(word: str) -> str:
    """Snowball stem of one case-folded word (cached in a plain dict)."""
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
    """The text as a Snowball index sees it: stems separated by spaces."""
    if not text:
        return ""
    get = _stems.get
    return " ".join([get(w) or stem_word(w) for w in words(text)])


def stem_columns(*parts: str | None) -> str:
    """Stems of several columns: the SQL function ``ru_stems`` (any number of them)."""
    return stem_text(" ".join(p for p in parts if p))


# --- lemmas: what the index holds ------------------------------------------------------

#: Between the positional lemmas and the rest: no phrase spans it (a letter no text has).
SEPARATOR = "ǀ"
NUMBER_MARK = "n"
PHONE_MARK = "t"
_PHONE_DIGITS = 10

_readings: dict[str, tuple[str, ...]] = {}
_primary: dict[str, str] = {}  # the most probable lemma of every word seen
_others: dict[str, tuple[str, ...]] = {}  # the other readings, for ambiguous words only
_known: dict[str, bool] = {}
_NONDIGIT = re.compile(r"\D")


def readings(word: str) -> tuple[str, ...]:
    """Every lemma of a case-folded word, most probable first (cached per word)."""
    found = _readings.get(word)
    if found is None:
        found = lemmas.search_lemma_set(word)
        if len(_readings) >= _CACHE_LIMIT:
            _readings.clear()
            _primary.clear()
            _others.clear()
        _readings[word] = found
        _primary[word] = found[0]
        if len(found) > 1:
            _others[word] = found[1:]
    return found


def _learn(word: str) -> str:
    return readings(word)[0]


def is_complete(word: str) -> bool:
    """Whether a case-folded word is a dictionary word (not a partly typed one)."""
    known = _known.get(word)
    if known is None:
        known = word.isdigit() or not _CYRILLIC.search(word) or lemmas.is_known(word)
        if len(_known) >= _CACHE_LIMIT:
            _known.clear()
        _known[word] = known
    return known


def phone_key(phone: str | None) -> str:
    """A phone as the index keys it: its last ten digits («+7 (903) 123-45-67» → 9031234567)."""
    digits = _NONDIGIT.sub("", phone or "")
    return digits[-_PHONE_DIGITS:] if len(digits) >= _PHONE_DIGITS else digits


def index_text(
    appeal_id: int | None,
    external_id: str | None,
    title: str | None,
    text: str | None,
    address: str | None,
    author_name: str | None = None,
    author_phone: str | None = None,
) -> str:
    """One appeal as the index sees it (see the module docstring for the layout)."""
    joined = " ".join([p for p in (title, text, address) if p])
    found = _WORD.findall(joined.casefold().replace("ё", "е"))
    get = _primary.get
    out = [get(w) or _learn(w) for w in found]  # per word: one dict lookup
    out.append(SEPARATOR)
    # in text order, never a set's: a contentless index deletes a row by re-reading the
    # same tokens at the same positions, maybe in another process (another hash seed)
    others = [o for o in map(_others.get, dict.fromkeys(found)) if o]
    if others:
        out.extend(dict.fromkeys([x for o in others for x in o]))
    if author_name:
        names = words(author_name)
        out.extend(dict.fromkeys([*names, *(r for w in names for r in readings(w))]))
    if appeal_id is not None:
        out.extend([NUMBER_MARK + key for key in number_keys(appeal_id, external_id)])
    phone = phone_key(author_phone)
    if phone:
        out.append(PHONE_MARK + phone)
    return " ".join(out)


def index_columns(
    appeal_id: object,
    external_id: object,
    title: object,
    text: object,
    address: object,
    author_name: object,
    author_phone: object,
) -> str:
    """The SQL function ``ru_index`` (the cache's FTS triggers pass these seven columns)."""
    return index_text(
        appeal_id if isinstance(appeal_id, int) else None,
        _str(external_id),
        _str(title),
        _str(text),
        _str(address),
        _str(author_name),
        _str(author_phone),
    )


def _str(value: object) -> str | None:
    return None if value is None else str(value)


# --- what an operator types --------------------------------------------------------------

_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')
_PHONE = re.compile(
    r"(?<![\w+])(\+?[78])?[\s(\-]*(\d{3})[\s)\-]*(\d{3})[\s\-]*(\d{2})[\s\-]*(\d{2})(?!\w)"
)
_HASH_NUMBER = re.compile(r"(?<!\w)([№#])\s+(?=\d)")
_DIGIT = re.compile(r"\d")
_MAX_COMBINATIONS = 16


def _quote(term: str) -> str:
    return f'"{term}"'


def _any(terms: list[str]) -> str:
    unique = list(dict.fromkeys(terms))
    return unique[0] if len(unique) == 1 else "(" + " OR ".join(unique) + ")"


def _word_term(word: str, *, prefix: bool) -> str:
    if word.isdigit():  # a house number in a text, or an appeal's number
        keys = dict.fromkeys((word, word.lstrip("0") or "0"))
        return _any([_quote(word), *(_quote(NUMBER_MARK + k) for k in keys)])
    if prefix and not is_complete(word):  # «подва»: its "lemmas" would be guesses
        return _quote(word) + "*"
    terms = [_quote(r) for r in readings(word)]
    if prefix:
        terms.append(_quote(word) + "*")
    return _any(terms)


def _phrase_term(phrase_words: list[str]) -> str:
    options = [readings(w) for w in phrase_words]
    count = 1
    for o in options:
        count *= len(o)
    if count > _MAX_COMBINATIONS:
        options = [o[:1] for o in options]
    return _any([_quote(" ".join(combo)) for combo in product(*options)])


def _token_terms(token: str, *, last: bool) -> str | None:
    """The term of one whitespace-separated token (words in it are ANDed)."""
    keys = () if token.isdigit() else query_number(token)
    if keys:
        return _any([_quote(NUMBER_MARK + k) for k in keys])
    explicit_prefix = token.endswith("*")
    ws = words(token)
    if not ws:
        return None
    terms = []
    for i, w in enumerate(ws):
        final = i == len(ws) - 1
        partial = final and (explicit_prefix or (last and not is_complete(w)))
        terms.append(_word_term(w, prefix=partial and not w.isdigit()))
    joined = terms[0] if len(terms) == 1 else "(" + " AND ".join(terms) + ")"
    if _DIGIT.search(token) and (len(ws) > 1 or not ws[0].isdigit()):
        # «T-000123», «П-123/2024», «12а»: a number of another system, or words
        return f"({_quote(NUMBER_MARK + ''.join(ws))} OR {joined})"
    return joined


def all_words_query(text: str, *, min_length: int = 1) -> str | None:
    """A MATCH expression requiring every word of ``text`` (any form of each), or None.

    For appeals similar to a title (related appeals): no prefixes, phrases or numbers.
    """
    found = sorted({w for w in words(text) if len(w) >= min_length})
    if not found:
        return None
    return " AND ".join(_any([_quote(r) for r in readings(w)]) for w in found)


def fts_query(user_text: str) -> str | None:
    """Turn what an operator typed into an FTS5 MATCH expression, or None if empty.

    Words are ANDed; ``"several words"`` is a phrase; a trailing ``*`` makes a
    prefix search (as does a last word that is not a dictionary word); a leading
    ``-`` excludes. Numbers and phones are recognised in any written form. Every
    term is quoted, so FTS5 syntax characters an operator types cannot break it.
    """
    positive: list[str] = []
    negative: list[str] = []

    def phone(match: re.Match[str]) -> str:
        digits = "".join(g for g in match.groups()[1:] if g)
        spelled = match.group(0).strip()
        terms = [_quote(PHONE_MARK + digits)]
        if spelled.isdigit():  # a bare run of digits may be a number, too
            terms.append(_quote(NUMBER_MARK + spelled))
        positive.append(_any(terms))
        return " "

    text = _PHONE.sub(phone, user_text)
    text = _HASH_NUMBER.sub(r"\1", text)  # «№ 20015» → «№20015»: one token
    matches = list(_TOKEN.finditer(text))
    for n, match in enumerate(matches):
        neg_phrase, phrase, neg_word, word = match.groups()
        if phrase is not None:
            ws = words(phrase)
            if ws:
                (negative if neg_phrase else positive).append(_phrase_term(ws))
            continue
        term = _token_terms(word, last=n == len(matches) - 1 and not neg_word)
        if term is not None:
            (negative if neg_word else positive).append(term)
    if not positive:
        return None
    expr = " AND ".join(positive)
    for term in negative:
        expr += f" NOT {term}"
    return expr
