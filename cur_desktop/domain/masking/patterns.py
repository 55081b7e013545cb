"""Personal data with a shape: phones, e-mails, profiles, flats, plates, numbers, birth dates.

Each finder returns spans over the text as written — with HTML entities
(«+7&nbsp;912…»), any separators, words instead of digits («восемь девятьсот
шестнадцать…») and the tricks people use against filters («ivan (at) mail (dot)
ru», «собака … точка ком»). Names are found by :mod:`.names`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cur_desktop.domain.masking.spans import (
    ACCOUNT,
    BIRTH_DATE,
    EMAIL,
    FLAT,
    HANDLE,
    PASSPORT,
    PHONE,
    PLATE,
    SNILS,
    Span,
)

_I = re.IGNORECASE
# what may stand between two digits of one number: spaces, dashes, brackets, dots,
# slashes, no-break spaces, written as characters or as HTML entities
_GAP = r"(?:[ \t()\-\u00a0\u2010-\u2015]|[./](?=\d)|&nbsp;|&#160;|&#xa0;|&ndash;|&mdash;|&#8209;)"
_SEP = _GAP + "*"


def _words(text: str) -> list[str]:
    """The words of a block of text: long word lists stay readable as prose."""
    return text.split()


# --- phones ----------------------------------------------------------------------------------

_PHONE_FULL = re.compile(
    r"(?<![\d\w])(?:\+\s*7|\+\s*375|\+\s*380|\+\s*998|8|7)" + r"(?:" + _SEP + r"\d){10}(?!\d)"
)
_PHONE_MOBILE = re.compile(r"(?<!\d)9(?:" + _SEP + r"\d){9}(?!\d)")
# a city number: 2-3 digit groups joined by dashes («31-25-47», «2-31-25-47»), or any
# six or seven digits after a phone word
_PHONE_CITY = re.compile(r"(?<![\d.,/])\d{1,3}(?:[-\u2010-\u2015]\d{2,3}){2,3}(?![\d.,]\d)")
_PHONE_WORD = (
    r"(?:тел(?:ефон\w*|\.)?|т\.|моб(?:ильн\w*|\.)?|сот(?:ов\w*|\.)?|номер\w*|"
    r"звонит\w*|звоните|позвонит\w*|whatsapp|вотсап\w*|ватсап\w*|viber|вайбер\w*|"
    r"(?:по\s+)?(?:номеру|тел)\b)"
)
_PHONE_AFTER_WORD = re.compile(
    _PHONE_WORD + r"[\s:.,\-–—№]*(?:\+?\d" + r"(?:" + _SEP + r"\d){5,13})(?!\d)", _I
)
_NUMBER_WORDS = _words(
    """ноль нуль один одна два две три четыре пять шесть семь восемь девять десять одиннадцать
двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать
девятнадцать двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят
девяносто сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот плюс"""
)
_NUM_TOKEN = r"(?:\d{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_SPELLED = re.compile(r"(?<!\w)" + _NUM_TOKEN + r"(?:[\s,\-–]+" + _NUM_TOKEN + r"){4,}(?!\w)", _I)
_NUMBER_WORD = re.compile(r"[а-яё]+", _I)


def _phones(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), PHONE) for m in _PHONE_FULL.finditer(text)]
    spans += [Span(m.start(), m.end(), PHONE) for m in _PHONE_MOBILE.finditer(text)]
    spans += [Span(m.start(), m.end(), PHONE) for m in _PHONE_CITY.finditer(text)]
    for m in _PHONE_AFTER_WORD.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group(0))
        if digits >= 6:
            first_digit = next(i for i, ch in enumerate(m.group(0)) if ch.isdigit() or ch == "+")
            spans.append(Span(m.start() + first_digit, m.end(), PHONE))
    for m in _SPELLED.finditer(text):
        words = _NUMBER_WORD.findall(m.group(0))
        if len(words) >= 3:  # a phone dictated in words, not «5, 7, 9 и 11»
            spans.append(Span(m.start(), m.end(), PHONE))
    return spans


# --- e-mails, profiles, handles ------------------------------------------------------------

_AT = (
    r"(?:\s*@\s*|\s*[(\[{<]\s*(?:at|ат|собака|эт)\s*[)\]}>]\s*|"
    r"\s+(?:at|собака|собачка|эт)\s+|\s*\"?at\"?\s+)"
)
_DOT = r"(?:\s*\.\s*|\s*[(\[{<]\s*(?:dot|точка|тчк)\s*[)\]}>]\s*|\s+(?:dot|точка|тчк)\s+)"
_TLD = r"(?:ru|com|net|org|su|info|biz|ua|by|kz|рф|ру|ком|нет|орг|io|me|online|site|pro)"
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]*[A-Za-z0-9_]"
    + _AT
    + r"[\w-]+(?:"
    + _DOT
    + r"[\w-]+)*?"
    + _DOT
    + _TLD
    + r"(?![\w])",
    _I,
)
_PROFILE = re.compile(
    r"(?:https?://)?(?:www\.|m\.)?"
    r"(?:vk\.com|vk\.ru|vkontakte\.ru|ok\.ru|odnoklassniki\.ru|t\.me|telegram\.me|"
    r"instagram\.com|facebook\.com|fb\.com|dzen\.ru|zen\.yandex\.ru|my\.mail\.ru|"
    r"youtube\.com|tiktok\.com|twitter\.com|x\.com)"
    r"/[\w.\-/?=&%#@]+",
    _I,
)
_AT_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z][\w.]{2,31}(?![\w@])")
_HANDLE_AFTER_WORD = re.compile(
    r"(?:телеграм+\w*|телеграмм?е|телега|tg|тг|telegram|вк|vk|вконтакте|инстаграм\w*|инста|"
    r"instagram|ник\w*|логин\w*|аккаунт\w*|профил\w*|страниц\w*)[\s:,\-–—]*"
    r"(@?[A-Za-z][\w.]{2,31})(?![\w@])",
    _I,
)


def _emails(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(text)]


def _handles(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), HANDLE) for m in _PROFILE.finditer(text)]
    spans += [Span(m.start(), m.end(), HANDLE) for m in _AT_HANDLE.finditer(text)]
    for m in _HANDLE_AFTER_WORD.finditer(text):
        handle = m.group(1)
        # a Latin word after «страница», «профиль»: a handle if it is not a plain English word
        if (
            any(ch.isdigit() or ch in "_." for ch in handle)
            or handle.startswith("@")
            or m.group(0)[:2].lower() in {"те", "tg", "тг", "te", "вк", "vk", "ин", "in", "ни"}
        ):
            spans.append(Span(m.start(1), m.end(1), HANDLE))
    return spans


# --- flats ---------------------------------------------------------------------------------

_NUM = r"\d{1,4}[а-гa-d]?"
_NUM_LIST = _NUM + r"(?:\s*(?:,|;|и|/|-|–|или)\s*" + _NUM + r"(?!\s*(?:эт|под)))*"
_FLAT_WORD = (
    r"(?:кв(?:артир\w*|-р[аеуы]|-ре|-ры|-ру|\.|(?=\s*\d)|(?=№))|комнат\w*|ком\.|apt\.?|"
    r"квартирах|квартирам)"
)
# «в квартире 15 собак» counts dogs, not flats
_COUNTED = r"(?!\s+(?:собак|кошек|котов|человек|жильцов|детей|лет|раз|штук|голов|кв\.?\s*м|м2))"
_FLAT_BEFORE = re.compile(
    r"(?<![\w-])" + _FLAT_WORD + r"\s*(?:№|N|номер|#)?\s*" + _NUM_LIST + r"(?!\w)" + _COUNTED,
    _I,
)
_FLAT_AFTER = re.compile(
    r"(?<![\w.,])" + _NUM_LIST + r"(?:-?(?:й|я|ей|ю|ой|ая|ую))?\s+"
    r"(?:квартир\w*|кв\.|комнат\w*)(?!\w)",
    _I,
)
# «д. 5-12», «дом 5, кв 12» is above; «Ленина 5-12» is a house and a flat
_HOUSE_FLAT = re.compile(r"(?<!\w)(?:д\.|дом)\s*\d{1,4}[а-г]?\s*[-–/]\s*(\d{1,4})(?![\d.\w])", _I)


def _flats(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), FLAT) for m in _FLAT_BEFORE.finditer(text)]
    spans += [Span(m.start(), m.end(), FLAT) for m in _FLAT_AFTER.finditer(text)]
    spans += [Span(m.start(1), m.end(1), FLAT) for m in _HOUSE_FLAT.finditer(text)]
    return spans


# --- birth dates ---------------------------------------------------------------------------

_MONTHS = r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*"
_DATE = r"(?:\d{1,2}[./\-]\d{1,2}[./\-](?:\d{4}|\d{2})|\d{1,2}\s+" + _MONTHS + r"\s+\d{4}|\d{4})"
_YEAR_WORD = r"(?:\s*(?:г\.?|года?)\s*)?"
_BORN = r"(?:г\.?\s*р\.?|гр\.|года?\s+рожд\w*|г\.\s*рожд\w*|рожд\w*\.?|р\.)"
_BIRTH_AFTER = re.compile(r"(?<![\d\w])" + _DATE + _YEAR_WORD + r"\s*" + _BORN, _I)
_BIRTH_BEFORE = re.compile(
    r"(?:дата\s+рождения|д\.\s*р\.|д/р|г\.\s*р\.|год\s+рождения|родил\w*|"
    r"рожд[её]н\w*|рождения)[\s:,\-–—]*(?:в\s+)?" + _DATE + r"(?:\s*(?:г\.|года?)(?!\w))?",
    _I,
)


def _birth_dates(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), BIRTH_DATE) for m in _BIRTH_AFTER.finditer(text)]
    spans += [Span(m.start(), m.end(), BIRTH_DATE) for m in _BIRTH_BEFORE.finditer(text)]
    return spans


# --- plates, accounts, СНИЛС, passports ------------------------------------------------------

_PL = "АВЕКМНОРСТУХABEKMHOPCTYX"
_PLATE = re.compile(
    rf"(?<![\w])[{_PL}]\s?\d{{3}}\s?[{_PL}]{{2}}(?:\s?\|?\s?(?:\d{{2,3}})(?:\s?(?:rus|рус))?)?(?!\w)"
    rf"|(?<![\w])[{_PL}]{{2}}\s?\d{{3}}\s?\d{{2,3}}(?:\s?(?:rus|рус))?(?!\w)",
    _I,
)
_ACCOUNT = re.compile(
    r"(?<!\w)(?:лицев\w*\s+сч[её]т\w*|л/сч?\.?|л\.\s?с\.|лс|лиц\.\s*сч\.?)"
    r"(?:\s+(?:№|номер|N)|\s*[:№#])?\s*(\d(?:[\s\-]?\d){4,19})(?!\d)",
    _I,
)
_SNILS = re.compile(r"(?<![\d\w])\d{3}[-\s]\d{3}[-\s]\d{3}[-\s]\d{2}(?![\d])")
_SNILS_WORD = re.compile(
    r"снилс\w*[\s:№]*(\d{11}|\d{3}[-\s]?\d{3}[-\s]?\d{3}[-\s]?\d{2})(?!\d)", _I
)
_PASSPORT = re.compile(
    r"паспорт\w*[^.!?\n\d]{0,25}?(?:серии\s+|серия\s+|сер\.\s*)?"
    r"(\d{2}\s?\d{2}(?:\s*(?:№|номер|N|,)\s*|\s+)\d{6})(?!\d)"
    r"|серии?\s+(\d{2}\s?\d{2}\s*(?:№|номер|N)\s*\d{6})(?!\d)",
    _I,
)


def _plates(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _PLATE.finditer(text):
        found = m.group(0)
        if sum(ch.isdigit() for ch in found) < 3:
            continue
        spans.append(Span(m.start(), m.end(), PLATE))
    return spans


def _accounts(text: str) -> list[Span]:
    return [Span(m.start(1), m.end(1), ACCOUNT) for m in _ACCOUNT.finditer(text)]


def _snils(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), SNILS) for m in _SNILS.finditer(text)]
    spans += [Span(m.start(1), m.end(1), SNILS) for m in _SNILS_WORD.finditer(text)]
    return spans


def _passports(text: str) -> list[Span]:
    out = []
    for m in _PASSPORT.finditer(text):
        group = 1 if m.group(1) else 2
        out.append(Span(m.start(group), m.end(group), PASSPORT))
    return out


FINDERS: tuple[Callable[[str], list[Span]], ...] = (
    _emails,
    _handles,
    _birth_dates,
    _snils,
    _passports,
    _accounts,
    _plates,
    _flats,
    _phones,
)


def shaped_spans(text: str) -> list[Span]:
    """Every span of shaped personal data in ``text`` (may overlap; see spans.merge)."""
    out: list[Span] = []
    for find in FINDERS:
        out.extend(find(text))
    return out


__all__ = ["FINDERS", "shaped_spans"]
