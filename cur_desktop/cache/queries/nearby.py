"""«Already reported?»: open appeals about the same problem at the same place.

While an operator registers a call (issue 20), the form asks, as the text and the
address are typed, whether someone has reported this already; the operator may
then attach the caller to that appeal («я тоже») instead of creating a duplicate.
:func:`nearby_open` answers with open appeals

* at the **same place**: the same street (its name's lemmas, whatever the street
  word or case: «ул. Ленина», «улица Ленина», «на Ленина») — the same house ranks
  first; an address without a street compares its settlement the same way;
* about the **same problem**: the same category, or a similar text — the two
  texts share lemmas (:mod:`cur_desktop.text.lemmas`: «ямы», «ямой», «яму» are one
  word), not counting the words of the address itself or filler words;
* **recent**: created within :data:`NEAR_DAYS` days (an older open appeal is
  another story, or already overdue and known).

Candidates come from the full-text index over the street's lemmas (every cached
appeal whose address, title or text names the street), bounded to open, recent
ones: the check runs on :data:`MAX_CANDIDATES` rows at most, whatever the cache's
size. Provisional rows (registrations not yet confirmed, negative ids) are left
out: one cannot attach a caller to them yet.

Qt-free; any thread. The console runs it on a task runner, never on the GUI thread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

from cur_desktop.cache.search import readings
from cur_desktop.domain.enums import Status
from cur_desktop.domain.numbers import shown_number
from cur_desktop.protocol.wire import from_epoch
from cur_desktop.text.lemmas import lemma_set, words

NEAR_DAYS = 30
MAX_CANDIDATES = 400
LIMIT = 8
#: Share of the shorter text's words the two texts must have in common (with
#: :data:`MIN_SHARED` words at least) for "a similar text" at the same street; at the
#: same house one shared word is enough.
SIMILAR = 0.25
MIN_SHARED = 2

_STREET_WORDS = frozenset(
    [
        "ул",
        "улица",
        "пр",
        "пр-т",
        "просп",
        "проспект",
        "пер",
        "переулок",
        "ш",
        "шоссе",
        "б-р",
        "бульвар",
        "пл",
        "площадь",
        "проезд",
        "пр-д",
        "наб",
        "набережная",
        "мкр",
        "микрорайон",
        "туп",
        "тупик",
        "аллея",
        "линия",
        "тракт",
        "кв-л",
        "квартал",
    ]
)
_SETTLEMENT_WORDS = frozenset(
    [
        "г",
        "город",
        "пос",
        "поселок",
        "посёлок",
        "п",
        "с",
        "село",
        "дер",
        "деревня",
        "рп",
        "пгт",
        "ст",
        "станица",
        "х",
        "хутор",
        "снт",
        "обл",
        "область",
        "р-н",
        "район",
        "мо",
        "го",
    ]
)
_HOUSE_WORDS = frozenset(
    ["д", "дом", "корп", "корпус", "к", "стр", "строение", "кв", "квартира", "подъезд"]
)
_FILLER = frozenset(
    [
        "и",
        "в",
        "во",
        "на",
        "не",
        "что",
        "это",
        "как",
        "так",
        "но",
        "а",
        "же",
        "ли",
        "бы",
        "по",
        "под",
        "над",
        "у",
        "у",
        "за",
        "из",
        "к",
        "ко",
        "от",
        "до",
        "для",
        "при",
        "про",
        "о",
        "об",
        "со",
        "с",
        "уже",
        "еще",
        "ещё",
        "очень",
        "весь",
        "все",
        "всё",
        "там",
        "тут",
        "здесь",
        "который",
        "этот",
        "мой",
        "наш",
        "ваш",
        "свой",
        "быть",
        "мочь",
        "сказать",
        "просить",
        "пожалуйста",
        "здравствуйте",
        "добрый",
        "день",
        "вопрос",
        "проблема",
        "жалоба",
        "дом",
        "двор",
        "улица",
        "около",
        "возле",
        "рядом",
        "напротив",
        "номер",
    ]
)
_NUMBER = re.compile(r"^\d+[а-яa-z]?$")
_PARTS = re.compile(r"[,;\n]")


@dataclass(frozen=True, slots=True)
class Place:
    """An address as compared here: the street's (or settlement's) lemmas and the house."""

    street: frozenset[str]
    house: str = ""
    words: tuple[str, ...] = ()  # the street's words as typed (case-folded)

    @property
    def known(self) -> bool:
        return bool(self.street)


def _tokens(part: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:-[^\W_]+)?", part.casefold().replace("ё", "е"))


def parse_place(address: str) -> Place:
    """The street and house of an address, as typed or as a source wrote it.

    The street is the part with a street word («ул.», «проспект»…), else the last part
    naming something that is not a settlement; an address without a street compares
    its settlement. The house is the first number of the street's part, or of a later
    part («д. 5»).
    """
    parts: list[tuple[list[str], list[str], bool, bool]] = []
    for part in _PARTS.split(address or ""):
        tokens = _tokens(part)
        if not tokens:
            continue
        has_street = any(t in _STREET_WORDS for t in tokens)
        has_settlement = not has_street and any(t in _SETTLEMENT_WORDS for t in tokens)
        names = [
            t
            for t in tokens
            if not _NUMBER.match(t)
            and t not in _STREET_WORDS
            and t not in _SETTLEMENT_WORDS
            and t not in _HOUSE_WORDS
            and t not in _FILLER
        ]
        numbers = [t for t in tokens if _NUMBER.match(t)]
        parts.append((names, numbers, has_street, has_settlement))
    chosen = next((i for i, p in enumerate(parts) if p[2] and p[0]), None)
    if chosen is None:
        chosen = next(
            (i for i in range(len(parts) - 1, -1, -1) if parts[i][0] and not parts[i][3]), None
        )
    if chosen is None:
        names = [w for p in parts if p[3] for w in p[0]]
        return Place(frozenset(lemma_set(w)[0] for w in names), "", tuple(names))
    names = parts[chosen][0]
    house = next((n for p in parts[chosen:] for n in p[1]), "")
    return Place(frozenset(lemma_set(w)[0] for w in names), house, tuple(names))


def problem_words(text_: str, place: Place = Place(frozenset())) -> dict[str, frozenset[str]]:
    """The words a text's problem is told with, each as its lemma and every reading's lemma
    («ямы»: «яма» or «ям»), without the address's and filler words."""
    out: dict[str, frozenset[str]] = {}
    for word in words(text_ or ""):
        if len(word) < 3 or word.isdigit():
            continue
        readings = frozenset(lemma_set(word))
        if word in _FILLER or readings & _FILLER or readings & place.street:
            continue
        out.setdefault(lemma_set(word)[0], readings)
    return out


def _shared(wanted: dict[str, frozenset[str]], theirs: dict[str, frozenset[str]]) -> list[str]:
    """The words both texts have, in a reading they share (sorted)."""
    known = frozenset().union(*theirs.values()) if theirs else frozenset()
    mains = frozenset(theirs)
    out = set()
    for forms in wanted.values():
        common = forms & known
        if common:  # as the other text most probably means it, if it can say
            out.add(min(common & mains or common))
    return sorted(out)


@dataclass(frozen=True, slots=True)
class NearbyQuery:
    text: str
    address: str
    category: str | None = None
    municipality: str | None = None


@dataclass(frozen=True, slots=True)
class NearbyAppeal:
    """An open appeal that may be the same problem; why: the reasons, most telling first."""

    appeal_id: int
    version: int
    number: str  # the number people see (domain.numbers.shown_number)
    title: str
    text: str
    address: str
    status: Status
    created_at: datetime
    me_too: int
    theme: str | None
    category: str | None
    body: str | None
    municipality: str | None
    same_house: bool
    same_category: bool
    shared_words: tuple[str, ...]
    score: float


def nearby_open(
    engine: Engine,
    query: NearbyQuery,
    *,
    now: datetime,
    days: float = NEAR_DAYS,
    limit: int = LIMIT,
) -> list[NearbyAppeal]:
    """Open, recent appeals at the same street about the same problem, best first."""
    place = parse_place(query.address)
    match = _match(place)
    if not place.known or not match:
        return []
    wanted = problem_words(query.text, place)
    if not wanted and not query.category:
        return []
    since = (now - timedelta(days=days)).timestamp()
    sql = text(
        "SELECT a.id, a.version, a.external_id, a.title, a.text, a.address, a.status, "
        "a.created_at, a.me_too, a.category, a.municipality, a.theme, a.body "
        "FROM appeals_fts f JOIN appeals a ON a.id = f.rowid "
        "WHERE appeals_fts MATCH :m AND a.is_open = 1 AND a.created_at >= :since "
        "AND a.id > 0 ORDER BY f.rowid DESC LIMIT :n"
    )
    with engine.connect() as conn:
        rows = conn.execute(sql, {"m": match, "since": since, "n": MAX_CANDIDATES}).all()
    found = [
        hit for row in rows if (hit := _judge(row, place, wanted, query, now, days)) is not None
    ]
    found.sort(key=lambda h: (-h.score, -h.created_at.timestamp()))
    return found[:limit]


def _match(place: Place) -> str:
    """The full-text query of a street: each of its words in any of its lemmas (the index
    holds every reading of a word, cache/search.py)."""
    terms = []
    for word in sorted(set(place.words)):
        forms = list(dict.fromkeys(readings(word)))
        quoted = [f'"{f}"' for f in forms if '"' not in f]
        if quoted:
            terms.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    return " AND ".join(terms)


def _judge(
    row: Sequence[Any],
    place: Place,
    wanted: dict[str, frozenset[str]],
    query: NearbyQuery,
    now: datetime,
    days: float,
) -> NearbyAppeal | None:
    (appeal_id, version, number, title, body, address, status, created, me_too, category, mun) = (
        row[:11]
    )
    theme, responsible = row[11], row[12]
    if query.municipality and mun and mun != query.municipality:
        return None
    theirs = parse_place(address or "")
    if not theirs.known or not place.street <= theirs.street:
        return None  # the street named in the text only, or another street
    same_house = bool(place.house) and theirs.house == place.house
    same_category = bool(query.category) and category == query.category
    shared = _shared(wanted, problem_words(f"{title or ''} {body or ''}", theirs))
    share = len(shared) / max(min(len(wanted), 12), 1)
    similar = bool(shared) if same_house else len(shared) >= MIN_SHARED or share >= SIMILAR
    if not (same_category or similar):
        return None
    created_at = from_epoch(created)
    assert created_at is not None
    age = max((now - created_at).total_seconds() / 86400, 0.0)
    score = (
        (2.0 if same_house else 1.0)
        + (1.0 if same_category else 0.0)
        + min(share, 1.0)
        + 0.5 * (1 - min(age / days, 1.0))
    )
    return NearbyAppeal(
        appeal_id=int(appeal_id),
        version=int(version),
        number=shown_number(int(appeal_id), str(number or "")),
        title=str(title or ""),
        text=str(body or ""),
        address=str(address or ""),
        status=Status(status),
        created_at=created_at,
        me_too=int(me_too or 0),
        theme=theme,
        category=category,
        body=responsible,
        municipality=mun,
        same_house=same_house,
        same_category=same_category,
        shared_words=tuple(shared),
        score=score,
    )


def known_streets(engine: Engine, *, limit: int = 5000) -> list[str]:
    """Street parts of the cached appeals' addresses, most frequent first (completion)."""
    sql = text(
        "SELECT address FROM appeals WHERE address IS NOT NULL AND address != '' "
        "ORDER BY id DESC LIMIT :n"
    )
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for (address,) in conn.execute(sql, {"n": limit * 4}):
            for raw in _PARTS.split(address):
                part = raw.strip()
                tokens = _tokens(part)
                if tokens and any(t in _STREET_WORDS for t in tokens):
                    counts[part] = counts.get(part, 0) + 1
    return sorted(counts, key=lambda p: (-counts[p], p))[:limit]
