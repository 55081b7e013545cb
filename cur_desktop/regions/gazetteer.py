"""Places of a region by name: municipalities, settlements, city districts, streets → OKTMO.

People and foreign systems name a municipality in many ways: «г. Новомосковск»,
«в Новомосковске», «Новомосковский район» (a district merged into the urban okrug
long ago), «НОВОМОСКОВСК», a settlement of it («Сокольники») or a district of a
city («Пролетарский район» of Tula). :class:`Gazetteer` resolves all of these to
the OKTMO of the region's top-level municipality:

* :meth:`Gazetteer.municipality` reads one value (a spreadsheet cell, an address
  field) in any case and inflection, tolerating a typo when only one place is
  close; ``None`` when unknown or ambiguous, ``""`` when the value names the whole
  region («Тульская область»);
* :meth:`Gazetteer.find` / :meth:`Gazetteer.municipality_in` scan free text (an
  address, a message) for place names; there a name must be capitalised or follow
  a settlement word («г.», «пос.», «с.»), and a name next to a street word
  («ул. Советская») is a street, not a town.

Words are compared by their lemmas (:mod:`cur_desktop.text.lemmas`), so every
case form meets the dictionary form; a Snowball stem is the fallback for nouns
the morphology does not know («Белёве»), never for an adjective meeting a noun
(«Советская» is not «Советск»).

The places come from the region's dictionaries (names and short names of its
municipalities), from Rosstat's list in the shared region data when a pack has
no municipalities, and from the region's place tables: ``municipalities``,
``settlements`` and ``streets`` in ``resources/importers/<REGION>.json`` and in
``import_aliases.json`` of a pack folder (name → OKTMO; ``""`` = the whole
region). Qt-free; no database.
"""

from __future__ import annotations

import csv
import difflib
import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cur_desktop.domain.dictionaries import Dictionaries, Municipality
from cur_desktop.paths import resources_dir
from cur_desktop.text.lemmas import lemma_set

log = logging.getLogger(__name__)

__all__ = ["Gazetteer", "PlaceMatch"]

#: Tables of a region's alias file the gazetteer reads, with the kind of place they hold.
PLACE_TABLES = {"municipalities": "municipality", "settlements": "settlement", "streets": "street"}
_ROSSTAT_FILE = "rosstat_mo_population_2024.csv"

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_PUNCT = re.compile(r"[«»\"'“”„`.,;:!?()\[\]{}/\\_|*#№-]+")
_SPACE = re.compile(r"\s+")
_DISTRICT = re.compile(r"\b(?:р-н|р\.\s?н\.?|мр-н|м\.\s?р\.?)(?=\W|$)", re.IGNORECASE)
_SEPARATOR = re.compile(r"[,;:()\n\r\t]")

#: Words that say "a settlement follows"; skipped at the start of a name.
_SETTLEMENT_WORDS = frozenset(
    [
        "г",
        "гор",
        "город",
        "города",
        "городе",
        "пос",
        "п",
        "поселок",
        "поселка",
        "поселке",
        "рп",
        "пгт",
        "с",
        "село",
        "села",
        "селе",
        "д",
        "дер",
        "деревня",
        "деревни",
        "деревне",
        "мкр",
        "микрорайон",
        "микрорайоне",
        "ст",
        "станция",
        "х",
        "хутор",
        "снт",
    ]
)
#: Words of a municipality's official name that do not identify it.
_GENERIC = frozenset(
    [
        "муниципальный",
        "муниципальное",
        "муниципального",
        "муниципальной",
        "муниципальном",
        "мо",
        "образование",
        "образования",
        "городской",
        "городского",
        "городском",
        "округ",
        "округа",
        "округе",
        "рабочий",
        "рабочего",
        "сельское",
        "городское",
        "поселение",
        "поселения",
        "администрация",
        "администрации",
        "область",
        "области",
        "обл",
        "в",
        "во",
        "на",
        "по",
        "из",
        "у",
        "от",
        "до",
        "около",
    ]
)
#: Words that make the name beside them a street («ул. Советская», «Ленинский проспект»).
_STREET_WORDS = frozenset(
    [
        "ул",
        "улица",
        "улице",
        "улицы",
        "пр",
        "пр-т",
        "просп",
        "проспект",
        "проспекте",
        "пер",
        "переулок",
        "переулке",
        "пл",
        "площадь",
        "площади",
        "б-р",
        "бульвар",
        "бульваре",
        "ш",
        "шоссе",
        "проезд",
        "проезде",
        "тупик",
        "наб",
        "набережная",
        "набережной",
        "аллея",
        "линия",
    ]
)
#: Prepositions before which a capitalised common word is a place («в Узловой», «из Липок»).
_PREPOSITIONS = frozenset(["в", "во", "из", "под", "около", "возле"])
_ADJECTIVE_ENDINGS = ("ий", "ый", "ой", "ая", "ое", "ые", "ие")
_TYPO_CUTOFF = 0.88
_TYPO_MIN_LENGTH = 6


def _norm(value: str) -> str:
    text = value.replace("\u00a0", " ").casefold().replace("ё", "е")
    return _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("russian")


@lru_cache(maxsize=100_000)
def _word(word: str) -> tuple[frozenset[str], str, bool]:
    """Lemmas, Snowball stem and "looks like an adjective" of one normalised word."""
    lemmas = frozenset(lemma_set(word))
    stem: str = _stemmer().stemWord(word)  # type: ignore[attr-defined]
    adjective = any(lem.endswith(_ADJECTIVE_ENDINGS) for lem in lemmas)
    return lemmas, stem, adjective


@lru_cache(maxsize=10_000)
def _common(word: str) -> bool:
    """The word's likeliest reading is not a place name: an adjective, a noun, a surname."""
    from cur_desktop.text.lemmas import analyzer

    parses = analyzer().parse(word)
    return bool(parses) and parses[0].is_known and "Geox" not in parses[0].tag


def _same_word(text_word: str, key_word: str) -> bool:
    if text_word == key_word:
        return True
    t_lemmas, t_stem, t_adj = _word(text_word)
    k_lemmas, k_stem, k_adj = _word(key_word)
    if t_lemmas & k_lemmas:
        return True
    return t_stem in (k_stem, key_word) and t_adj == k_adj and len(t_stem) >= 3


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place named in a text: the OKTMO it lies in (``""``: the whole region) and where."""

    oktmo: str
    name: str  # the gazetteer's spelling of the place
    kind: str  # municipality | settlement | street
    start: int  # character span in the scanned text
    end: int


@dataclass(frozen=True, slots=True)
class _Entry:
    words: tuple[str, ...]  # normalised words of the name (settlement words dropped)
    oktmo: str
    name: str
    kind: str
    common: bool  # one word that is also an ordinary word or a surname («Теплое», «Ефремов»)


@dataclass(frozen=True, slots=True)
class _Token:
    word: str  # normalised
    start: int
    end: int
    capital: bool
    joined: bool  # nothing but spaces, dots and hyphens since the previous word


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    end = 0
    for m in _TOKEN.finditer(text):
        raw = m.group()
        joined = bool(out) and not _SEPARATOR.search(text, end, m.start())
        word = _norm(raw)
        if word == "н" and joined and out[-1].word == "р":  # «р-н», «р.н.»: район
            last = out.pop()
            out.append(_Token("район", last.start, m.end(), last.capital, last.joined))
        else:
            out.append(_Token(word, m.start(), m.end(), raw[:1].isupper(), joined))
        end = m.end()
    return out


def _name_words(name: str, kind: str) -> tuple[str, ...]:
    words = _norm(name).split()
    while words and words[0] in _SETTLEMENT_WORDS:
        words = words[1:]
    if kind == "municipality":
        # «Арсеньевский муниципальный район» → «арсеньевский район»,
        # «Городской округ город Тула» → «тула»
        words = [w for w in words if w not in _GENERIC and w not in _SETTLEMENT_WORDS]
    return tuple(words)


class Gazetteer:
    """Municipalities, settlements and streets of one region, looked up by any form of a name."""

    def __init__(
        self,
        municipalities: Iterable[Municipality],
        tables: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        munis = [m for m in municipalities if m.oktmo]
        self._known = {m.oktmo for m in munis}
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._entries: dict[str, list[_Entry]] = defaultdict(list)
        for mun in munis:
            for name in (mun.name, mun.short_name):
                if name:
                    self._add(name, mun.oktmo, "municipality")
        for table, kind in PLACE_TABLES.items():
            for name, oktmo in (tables or {}).get(table, {}).items():
                if oktmo and oktmo not in self._known:
                    log.warning("place table %s names unknown OKTMO %s; skipped", table, oktmo)
                    continue
                self._add(name, oktmo, kind if oktmo else "region")
        self._typo_keys = sorted(k for k in self._exact if len(k) >= _TYPO_MIN_LENGTH)
        self._cache: dict[str, str | None] = {}

    def _add(self, name: str, oktmo: str, kind: str) -> None:
        key = _norm(name)
        if not key:
            return
        self._exact[key].add(oktmo)
        words = _name_words(name, "municipality" if kind == "municipality" else kind)
        if words:
            self._exact[" ".join(words)].add(oktmo)
            entry = _Entry(words, oktmo, name.strip(), kind, len(words) == 1 and _common(words[0]))
            for first in {words[0], _word(words[0])[1], *_word(words[0])[0]}:
                self._entries[first].append(entry)

    # --- construction ---------------------------------------------------------

    @classmethod
    def for_region(
        cls,
        dictionaries: Dictionaries,
        region_code: str | None = None,
        *,
        pack_dir: Path | None = None,
        shared_dir: Path | None = None,
        region_oktmo: str | None = None,
    ) -> Gazetteer:
        """The gazetteer of a region: its dictionaries plus its shipped and pack place tables.

        When the dictionaries list no municipality, Rosstat's list of the region's
        top-level municipalities is read from ``shared_dir`` (the shared region data).
        """
        munis: Sequence[Municipality] = dictionaries.municipalities
        if not munis and shared_dir is not None and region_oktmo:
            munis = rosstat_municipalities(shared_dir, region_oktmo)
        files = [resources_dir() / "importers" / f"{region_code}.json"] if region_code else []
        if pack_dir is not None:
            files.append(pack_dir / "import_aliases.json")
        tables: dict[str, dict[str, str]] = {}
        for path in files:
            for table, entries in read_place_tables(path).items():
                tables.setdefault(table, {}).update(entries)
        return cls(munis, tables)

    # --- lookups --------------------------------------------------------------

    @property
    def oktmos(self) -> frozenset[str]:
        return frozenset(self._known)

    def municipality(self, value: str) -> str | None:
        """The OKTMO one value names; ``""``: the whole region; None: unknown or ambiguous."""
        hit = self._cache.get(value, _MISS)
        if hit is _MISS:
            hit = self._municipality(value)
            if len(self._cache) < 50_000:
                self._cache[value] = hit
        return hit if isinstance(hit, str) else None

    def _municipality(self, value: str) -> str | None:
        key = _norm(value)
        if not key:
            return None
        if key.replace(" ", "").isdigit():
            return self._oktmo(key.replace(" ", ""))
        found = self._exact.get(key)
        if found is None:
            words = [w for w in key.split() if w not in _SETTLEMENT_WORDS]
            found = self._exact.get(" ".join(words))
        if found is not None:
            return next(iter(found)) if len(found) == 1 else None
        places = {m.oktmo for m in self.find(value, any_case=True)}
        if not places:  # «Щёкинский р-н» as «Щёкинский район»
            places = {m.oktmo for m in self.find(_DISTRICT.sub("район", value), any_case=True)}
        if len(places) > 1:
            places.discard("")  # «Тульская обл., г. Алексин»: the town
        if len(places) == 1:
            return places.pop()
        if places:
            return None
        return self._typo(key)

    def _typo(self, key: str) -> str | None:
        if len(key) < _TYPO_MIN_LENGTH:
            return None
        close = difflib.get_close_matches(key, self._typo_keys, n=3, cutoff=_TYPO_CUTOFF)
        found = {o for k in close for o in self._exact[k]}
        return found.pop() if len(found) == 1 else None

    def _oktmo(self, code: str) -> str | None:
        """An 8- or 11-digit OKTMO reduced to the municipality the region lists."""
        for candidate in (code, code[:8], code[:5] + "000"):
            if candidate in self._known:
                return candidate
        return None

    def find(self, text: str, *, any_case: bool = False) -> list[PlaceMatch]:
        """Place names in a text, longest match first at each position, left to right.

        In free text (``any_case=False``) a name must start with a capital letter or
        follow a settlement word; a name beside a street word is skipped (unless the
        place is a street).
        """
        tokens = _tokens(text)
        out: list[PlaceMatch] = []
        i = 0
        while i < len(tokens):
            best = self._match_at(tokens, i, any_case=any_case)
            if best is None:
                i += 1
                continue
            entry, length = best
            last = tokens[i + length - 1]
            out.append(PlaceMatch(entry.oktmo, entry.name, entry.kind, tokens[i].start, last.end))
            i += length
        return out

    def _match_at(
        self, tokens: Sequence[_Token], i: int, *, any_case: bool
    ) -> tuple[_Entry, int] | None:
        token = tokens[i]
        after_settlement_word = i > 0 and tokens[i - 1].word in _SETTLEMENT_WORDS
        if not (any_case or token.capital or after_settlement_word):
            return None
        if token.word.isdigit() or len(token.word) < 3:
            return None
        after_preposition = i > 0 and tokens[i - 1].word in _PREPOSITIONS and token.capital
        lemmas, stem, _ = _word(token.word)
        candidates: dict[_Entry, None] = {}
        for key in (token.word, stem, *lemmas):
            for entry in self._entries.get(key, ()):
                candidates.setdefault(entry, None)
        best: tuple[_Entry, int] | None = None
        for entry in candidates:
            n = len(entry.words)
            if i + n > len(tokens):
                continue
            if not all(_same_word(tokens[i + k].word, entry.words[k]) for k in range(n)):
                continue
            if entry.common and not (any_case or after_settlement_word or after_preposition):
                continue
            if entry.kind != "street" and self._beside_street_word(
                tokens, i, n, settlement=after_settlement_word
            ):
                continue
            if best is None or n > best[1]:
                best = (entry, n)
        return best

    @staticmethod
    def _beside_street_word(tokens: Sequence[_Token], i: int, n: int, *, settlement: bool) -> bool:
        """«ул. Советская», «Советская ул.»; but «г. Щёкино ул. Лукашина» names the town."""
        before = tokens[i - 1].word if i > 0 and tokens[i].joined else ""
        after = (
            tokens[i + n].word
            if i + n < len(tokens) and tokens[i + n].joined and not settlement
            else ""
        )
        return before in _STREET_WORDS or after in _STREET_WORDS

    def municipality_in(self, text: str) -> str | None:
        """The one municipality a text or address names; None if it names none or several."""
        key = "\x00" + text  # one cache with municipality(), apart from it
        hit = self._cache.get(key, _MISS)
        if hit is _MISS:
            found = {m.oktmo for m in self.find(text) if m.oktmo}
            hit = found.pop() if len(found) == 1 else None
            if len(self._cache) < 50_000 and len(text) < 300:
                self._cache[key] = hit
        return hit if isinstance(hit, str) else None

    def street(self, name: str) -> str | None:
        """The OKTMO of a street the region's table lists under exactly one municipality."""
        key = _norm(name)
        words = tuple(w for w in key.split() if w not in _STREET_WORDS)
        found = {
            e.oktmo
            for entries in self._entries.values()
            for e in entries
            if e.kind == "street" and e.words == words
        }
        return found.pop() if len(found) == 1 else None


_MISS = object()


def read_place_tables(path: Path) -> dict[str, dict[str, str]]:
    """The place tables of an alias file (missing file: none); malformed entries are skipped."""
    if not path.is_file():
        return {}
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("cannot read place tables of %s: %s", path.name, exc)
        return {}
    out: dict[str, dict[str, str]] = {}
    for table in PLACE_TABLES:
        entries = doc.get(table) if isinstance(doc, dict) else None
        if isinstance(entries, dict):
            out[table] = {
                str(k): v.strip()
                for k, v in entries.items()
                if isinstance(v, str) and not str(k).startswith("_")
            }
    return out


def rosstat_municipalities(shared_dir: Path, region_oktmo: str) -> list[Municipality]:
    """A region's top-level municipalities from Rosstat's list in the shared region data."""
    path = shared_dir / _ROSSTAT_FILE
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [
            Municipality(oktmo=row["oktmo"], name=row["name"], kind=row.get("mo_type", ""))
            for row in csv.DictReader(fh)
            if row.get("oktmo_region") == region_oktmo and len(row.get("oktmo") or "") == 8
        ]
