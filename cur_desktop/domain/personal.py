"""Masking an appeal's personal data out of free text (152-ФЗ), the way people write it.

Citizens and operators do not write a name the way the author card stores it:
«ИВАНОВ», «иванову Ивану Петровичу», «Пётр»/«Петр»; nor a phone as stored
(«8 916 123-45-67» for ``+79161234567``), nor an address («Ленина 5 кв 12» for
«г. Тула, ул. Ленина, д. 5»). :class:`PersonalMasker` is built once per appeal
from what the appeal knows about its author and masks every such form:

* each part of the author's name of two letters or more, as a whole word, in any
  capitals, with «ё» = «е», and for parts of four letters or more in any
  grammatical case (the stem followed by up to three letters: «Иванов» masks
  «Иванова», «Ивановым»; «Анна» masks «Анну», «Анной»);
* the author's phone as its last ten digits with any separators, e-mail and
  profile link in any capitals;
* a private address: the whole address with any punctuation between its words,
  and its street with the house number («Ленина, д. 5», «Ленина 5»);
* whatever is shaped like personal data whoever it belongs to: phone numbers,
  e-mail addresses, social-network profile links and flat numbers («кв. 12»,
  «квартира 12»), which point at a household even on a public street.

Over-masking (a village «Ивановка» when the author is Иванов) is accepted: the
wall and public exports lose a word, never a person. Qt-free.
"""

from __future__ import annotations

import re

from cur_desktop.logs import mask_personal

MASK = "***"

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
_FLAT = re.compile(
    r"(?<!\w)(?:кв(?:артир[аеуы]|\.)?|apt\.?)\s*№?\s*\d+[а-яa-z]?(?!\w)", re.IGNORECASE
)
_PHONE10 = re.compile(r"(?<!\d)9\d{2}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)")
_PROFILE = re.compile(
    r"(?:https?://)?(?:www\.|m\.)?"
    r"(?:vk\.com|vk\.ru|ok\.ru|t\.me|telegram\.me|instagram\.com|facebook\.com|dzen\.ru)"
    r"/[\w.\-/?=&%#]+",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w-]+")


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _letters(text: str) -> str:
    """A literal as a regex that does not care about «ё»/«е»."""
    return "".join("[её]" if ch in "её" else re.escape(ch) for ch in text.lower())


def _name_stem(part: str) -> tuple[str, bool] | None:
    """A name's word, lower case, as (stem, inflected): None when it is no name's word."""
    word = part.strip(".,;:!?()«»\"'").lower()
    if len(word) < 2 or not word.replace("-", "").isalpha():
        return None
    if len(word) >= 4:
        return (word[:-1] if word[-1] in _ENDINGS else word), True
    return word, False


def _name_regex(stem: str, inflected: bool) -> str:
    tail = r"\w{0,3}" if inflected else ""
    return rf"(?<!\w){_letters(stem)}{tail}(?!\w)"


def _street_and_house(words: list[str]) -> tuple[str, str] | None:
    """«ул. Ленина, д. 5» -> («Ленина», «5»): the last name-like word before the first number."""
    for i, word in enumerate(words):
        if word[0].isdigit():
            names = [w for w in words[:i] if not w[0].isdigit() and w.lower() not in _PLACE_WORDS]
            return (names[-1], word) if names else None
    return None


class PersonalMasker:
    """Masks one appeal's personal data in texts; build it with :meth:`for_author`.

    Cheap when a text does not mention the author: the author's pattern is built
    and compiled only for a text that contains one of its needles (a name's stem,
    the phone's digits, the e-mail, the street), so masking a million synced
    appeals costs a few substring tests each, not a regex compilation.
    """

    __slots__ = ("_address", "_digits", "_literals", "_names", "_needles", "_pattern")

    def __init__(
        self,
        names: list[tuple[str, bool]],
        digits: str,
        literals: list[str],
        address: list[str],
    ) -> None:
        self._names = names
        self._digits = digits
        self._literals = literals
        self._address = address
        needles = {_fold(stem) for stem, _ in names}
        needles.update(_fold(x) for x in literals)
        street = _street_and_house(address)
        if street is not None:
            needles.add(_fold(street[0])[:4])
        elif address:
            needles.add(_fold(max(address, key=len)))
        self._needles = tuple(needles)
        self._pattern: re.Pattern[str] | None = None

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
        names = [n for n in (_name_stem(word) for word in name.split()) if n is not None]
        digits = re.sub(r"\D", "", phone)[-10:]
        literals = [x.strip() for x in (email, profile_url) if len(x.strip()) >= 3]
        words = _WORD.findall(address) if address_is_private else []
        return cls(names, digits if len(digits) >= 7 else "", literals, words)

    def _compile(self) -> re.Pattern[str]:
        parts = [_name_regex(stem, inflected) for stem, inflected in self._names]
        if self._digits:
            prefix = r"(?:(?:\+7|8)[\s(-]*)?" if len(self._digits) == 10 else ""
            parts.append(r"(?<!\d)" + prefix + r"[\s()-]*".join(self._digits) + r"(?!\d)")
        parts.extend(re.escape(x) for x in self._literals)
        if self._address:
            words = self._address
            parts.append(r"(?<!\w)" + r"[\W_]+".join(_letters(w) for w in words) + r"(?!\w)")
            street = _street_and_house(words)
            if street is not None:
                stem = _name_stem(street[0])
                name = _name_regex(*stem) if stem else rf"(?<!\w){_letters(street[0])}(?!\w)"
                house = _letters(street[1])
                parts.append(
                    rf"{name}[\s,.]*(?:(?:д|дом)\.?\s*(?:№\s*)?)?{house}(?!\w)(?:\s*/\s*\w+)?"
                )
        # the longer alternatives first, so a whole address goes before one of its words
        parts.sort(key=len, reverse=True)
        return re.compile("|".join(parts), re.IGNORECASE)

    def _mentions_author(self, text: str) -> bool:
        folded = _fold(text)
        if any(needle in folded for needle in self._needles):
            return True
        return bool(self._digits) and self._digits[-7:] in re.sub(r"\D", "", text)

    def mask(self, text: str) -> str:
        if not text:
            return text
        if self._mentions_author(text):
            if self._pattern is None:
                self._pattern = self._compile()
            text = self._pattern.sub(MASK, text)
        text = _PROFILE.sub(MASK, text)
        text = _FLAT.sub(MASK, text)
        # the prefixed forms first: a bare ten-digit match would leave «8 (» behind
        return _PHONE10.sub("<phone>", mask_personal(text))
