"""Masking an appeal's personal data out of free text (152-ФЗ), the way people write it.

Citizens and operators do not write a name the way the author card stores it:
«ИВАНОВ», «иванову Ивану Петровичу», «Пётр»/«Петр»; nor a phone as stored
(«8 916 123-45-67» for ``+79161234567``), nor an address («Ленина 5 кв 12» for
«г. Тула, ул. Ленина, д. 5»). :class:`PersonalMasker` is built once per appeal
from what the appeal knows about its author and masks every such form:

* the whole name as stored, each of its words as written («И.Иванов»,
  «ivan_petrov92»), and each run of letters in them of two or more, as a whole
  word, in any capitals, with «ё» = «е», in any grammatical case: a stem (the
  word without its ending: «Анн», «Островск», «Толст»; with a fleeting vowel
  dropped: «Павл», «Льв», «Зайц») followed by up to three letters;
* the author's phone as its last ten digits (before any extension) with any
  separators and with or without +7 / 8; e-mail and profile link in any capitals;
* a private address: the whole address with any punctuation between its words,
  its street with the house number in either order («Ленина, д. 5», «Ленина 5к2»,
  «50 лет Октября, 5», «дом 5 по ул. Ленина»);
* then everyone's personal data, whoever it belongs to
  (:mod:`cur_desktop.domain.masking`): names of kin, neighbours and staff, phones,
  e-mails, profiles, flats, birth dates, car plates, account numbers, СНИЛС and
  passports.

Each span becomes its kind's placeholder («[ФИО]», «[телефон]», «[адрес]»…).
Over-masking (a village «Ивановка» when the author is Иванов) is accepted: the
wall and public exports lose a word, never a person. Qt-free.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from cur_desktop.domain.masking import find_spans
from cur_desktop.domain.masking.spans import ADDRESS, EMAIL, HANDLE, NAME, PHONE, Span, replace

#: Endings dropped before a name's stem takes case endings («Анна» -> «Анн»+…).
_ENDINGS = "аяоеёиыуюйь"
#: Address words that say what kind of place follows; they carry nobody's identity.
_PLACE_WORDS = frozenset(
    {
        "г",
        "город",
        "с",
        "село",
        "рп",
        "пос",
        "п",
        "посёлок",
        "поселок",
        "дер",
        "д",
        "деревня",
        "ул",
        "улица",
        "пр",
        "пр-т",
        "просп",
        "проспект",
        "пер",
        "переулок",
        "пл",
        "площадь",
        "ш",
        "шоссе",
        "наб",
        "набережная",
        "б-р",
        "бульвар",
        "мкр",
        "микрорайон",
        "проезд",
        "туп",
        "тупик",
        "дом",
        "корп",
        "к",
        "стр",
        "кв",
        "квартира",
    }
)
_SEP = r"[\s().\-/]*"  # what people put between the digits of a phone number
_WORD = re.compile(r"[\w-]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_VOWELS = "аеёиоуыэюя"
_ADJECTIVE_ENDINGS = ("ая", "яя", "ий", "ый", "ой", "ое", "ее", "ие", "ые")
_EXTENSION = re.compile(r"(?:доб|ext|вн|#|,|;)", re.IGNORECASE)
_HOUSE_SEGMENT = re.compile(r"^(?:д|дом)\.?\s*(?:№\s*)?(\d+\S*)", re.IGNORECASE)
_HOUSE = re.compile(r"\d+[а-яa-z]?", re.IGNORECASE)
_POSTCODE = re.compile(r"^\d{6}$")


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _letters(text: str) -> str:
    """A literal as a regex that does not care about «ё»/«е»."""
    return "".join("[её]" if ch in "её" else re.escape(ch) for ch in text.lower())


def _stems(word: str) -> set[str]:
    """The stems a Russian name's word takes its case endings on (lower case)."""
    w = word.lower()
    stems = {w[:-1] if w[-1] in _VOWELS + "йь" else w}
    if len(w) >= 5 and w.endswith(_ADJECTIVE_ENDINGS):  # Островская -> Островской
        stems.add(w[:-2])
    if len(w) >= 3 and w[-2] in "еёо" and w[-1] not in _VOWELS + "йь":
        # a fleeting vowel: Павел -> Павла, Козёл -> Козла, Лев -> Льва
        stems.add(w[:-2] + w[-1])
        stems.add(w[:-2] + "ь" + w[-1])
    if w.endswith("ей") and len(w) >= 4:  # Соловей -> Соловья
        stems.add(w[:-2] + "ь")
    if w.endswith("яц"):  # Заяц -> Зайца
        stems.add(w[:-2] + "йц")
    return {stem for stem in stems if len(stem) >= 2}


def _bounded(regex: str, raw: str) -> str:
    """``regex`` for the literal ``raw``, never matching inside a longer word."""
    before = r"(?<!\w)" if raw[:1].isalnum() else ""
    after = r"(?!\w)" if raw[-1:].isalnum() else ""
    return before + regex + after


def _name_parts(name: str) -> list[tuple[str, str]]:
    """(regex, needle) pairs masking a name in the forms people write it."""
    parts: list[tuple[str, str]] = []
    whole = " ".join(name.split())
    if len(whole) >= 2:
        literal = r"\s+".join(re.escape(w) for w in whole.split())
        parts.append((_bounded(literal, whole), _fold(whole.split()[0])))
    for word in whole.split():
        stripped = word.strip(".,;:!?()«»\"'")
        if len(stripped) >= 2 and stripped != whole:
            parts.append((_bounded(re.escape(stripped), stripped), _fold(stripped)))
        for run in _LETTERS.findall(stripped):
            if len(run) < 2:
                continue
            if len(run) == 2:
                parts.append((rf"(?<!\w){_letters(run)}(?!\w)", _fold(run)))
                continue
            parts.extend(
                (rf"(?<!\w){_letters(stem)}\w{{0,3}}(?!\w)", _fold(stem)) for stem in _stems(run)
            )
    return parts


def _phone_digits(phone: str) -> str:
    main = _EXTENSION.split(phone, maxsplit=1)[0]
    digits = re.sub(r"\D", "", main)[-10:]
    return digits if len(digits) >= 7 else ""


def _street_and_house(address: str) -> tuple[list[str], str] | None:
    """«300000, г. Тула, ул. 50 лет Октября, д. 5, кв. 3» -> (["50", "лет", "Октября"], "5")."""
    segments = [s.strip() for s in address.split(",") if s.strip()]
    segments = [s for s in segments if not _POSTCODE.match(s)]
    for i, segment in enumerate(segments):
        marked = _HOUSE_SEGMENT.match(segment)
        bare = _HOUSE.fullmatch(segment.split("/")[0]) if not marked else None
        if (marked or bare) and i > 0:
            house = _HOUSE.match(marked.group(1) if marked else segment)
            street = [w for w in _WORD.findall(segments[i - 1]) if w.lower() not in _PLACE_WORDS]
            if house is not None and street:
                return street, house.group(0)
    for segment in segments:  # «ул. Ленина 5»: the house ends the street's segment
        words = [w for w in _WORD.findall(segment) if w.lower() not in _PLACE_WORDS]
        if len(words) >= 2 and _HOUSE.fullmatch(words[-1]) and not words[-2].isdigit():
            return words[:-1], words[-1]
    return None


def _address_parts(address: str) -> list[tuple[str, str]]:
    words = _WORD.findall(address)
    if not words:
        return []
    parts = [
        (
            r"(?<!\w)" + r"[\W_]+".join(_letters(w) for w in words) + r"(?!\w)",
            _fold(max(words, key=len)),
        )
    ]
    found = _street_and_house(address)
    if found is None:
        return parts
    street_words, house_number = found
    last = street_words[-1]
    endings = [rf"{_letters(stem)}\w{{0,3}}" for stem in _stems(last)] if last.isalpha() else []
    last_regex = "(?:" + "|".join([_letters(last), *endings]) + ")"
    street = r"[\W_]+".join([*(_letters(w) for w in street_words[:-1]), last_regex])
    street = rf"(?<!\w){street}(?!\w)"
    house = rf"{_letters(house_number)}(?!\d)(?:\s*(?:/|к|корп\.?|стр\.?)\s*\d+[а-я]?)?"
    # «д.», «дом» in any case and number («у дома», «в доме №», «к дому», «домов»)
    house_word = r"(?:д\.?|дом\w{0,3})\s*(?:№\s*)?"
    needle = _fold(max(street_words, key=len))[:4]
    parts.append((rf"{street}[\s,.\-]*(?:{house_word})?{house}", needle))
    parts.append((rf"(?<!\w){house_word}{house}[^!?\n]{{0,30}}?{street}", needle))
    # the house named apart from its street («…на Горького… Скорая к дому 73»): only in
    # a text that names the street (the group's needle), the house with its house word
    parts.append((rf"(?<!\w){house_word}{house}", needle))
    return parts


@lru_cache(maxsize=1024)
def _compiled(parts: tuple[str, ...]) -> re.Pattern[str]:
    """One regex of ``parts`` (cached: generated and imported data repeat authors)."""
    # the longer alternatives first, so a whole address goes before one of its words
    return re.compile("|".join(sorted(parts, key=len, reverse=True)), re.IGNORECASE)


class _Group:
    """One kind of the author's data: needles to look for, the regex built on demand."""

    __slots__ = ("_build", "_pattern", "kind", "needles")

    def __init__(self, kind: str, needles: set[str], build: Callable[[], list[str]]) -> None:
        self.kind = kind
        self.needles = tuple(n for n in needles if len(n) >= 2)
        self._build = build
        self._pattern: re.Pattern[str] | None = None

    def spans(self, text: str, folded: str) -> list[Span]:
        if not any(needle in folded for needle in self.needles):
            return []
        if self._pattern is None:
            self._pattern = _compiled(tuple(self._build()))
        return [Span(m.start(), m.end(), self.kind) for m in self._pattern.finditer(text)]


class PersonalMasker:
    """Masks one appeal's personal data in texts; build it with :meth:`for_author`.

    Cheap when a text does not mention the author: each kind of data (address,
    name, e-mail and profile, phone) is a group whose regex is built and compiled
    only for a text that contains one of its needles (a word of the address, a
    name's stem, the e-mail, the phone's last digits), so masking a million synced
    appeals costs a few substring tests each, and a mention one compilation.
    """

    __slots__ = ("_groups", "_phone")

    def __init__(self, name: str, digits: str, literals: list[str], address: str) -> None:
        groups: list[_Group] = []
        if address:
            # the street's words (the city is in half the texts); all words if none
            found = _street_and_house(address)
            words = found[0] if found is not None else _WORD.findall(address)
            needles = {_fold(w)[:4] for w in words if len(w) >= 3 and not w.isdigit()}
            needles = needles or {_fold(w) for w in words}
            groups.append(_Group(ADDRESS, needles, lambda: [r for r, _ in _address_parts(address)]))
        if name.strip():
            needles = {needle for _, needle in _name_parts(name)}
            groups.append(_Group(NAME, needles, lambda: [r for r, _ in _name_parts(name)]))
        if literals:
            kind = EMAIL if all("@" in x for x in literals) else HANDLE
            groups.append(
                _Group(kind, {_fold(x) for x in literals}, lambda: [re.escape(x) for x in literals])
            )
        self._groups = tuple(groups)
        self._phone: re.Pattern[str] | None = None
        if digits:
            prefix = r"(?:(?:\+7|8)" + _SEP + ")?" if len(digits) == 10 else ""
            regex = r"(?<!\d)" + prefix + _SEP.join(digits) + r"(?!\d)"
            self._phone = re.compile(regex)  # digits only: cheap, compiled at once

    @classmethod
    def for_author(
        cls,
        *,
        name: str = "",
        phone: str = "",
        email: str = "",
        profile_url: str = "",
        address: str = "",
        address_is_private: bool = False,
    ) -> PersonalMasker:
        literals = [x.strip() for x in (email, profile_url) if len(x.strip()) >= 3]
        private = address if address_is_private else ""
        return cls(name, _phone_digits(phone), literals, private)

    def spans(self, text: str, *, model: bool = True) -> list[Span]:
        """The author's data and everyone's in ``text``, as typed spans (may overlap)."""
        if not text:
            return []
        folded = _fold(text)
        found = [span for group in self._groups for span in group.spans(text, folded)]
        if self._phone is not None:
            found += [Span(m.start(), m.end(), PHONE) for m in self._phone.finditer(text)]
        return found + find_spans(text, model=model)

    def mask(self, text: str, *, model: bool = True) -> str:
        """``text`` with every span of :meth:`spans` replaced by its kind's placeholder."""
        if not text:
            return text
        return replace(text, self.spans(text, model=model))
