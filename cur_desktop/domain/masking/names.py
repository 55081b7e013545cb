"""Person names anywhere in a text: natasha's NER plus rules for what a model misses.

The model (:mod:`.ner`) reads context but needs capitals and swallows a name
after an organisation's abbreviation («ТСЖ Коваленко») into the organisation.
Rules over a morphological dictionary (pymorphy3's first-name, surname and
patronymic tags) add:

* a patronymic with its neighbours in any case («иванов петр сергеевич»);
* initials beside a capitalised word («Петрова А.В.», «А. В. Петрова», «И.О.Фамилия»);
* a capitalised first name the dictionary knows («Маша», «Зинаида Павловна»);
* whatever follows a word that introduces a person — kin, neighbours, staff, a
  signature («дочь Алина», «сосед из 45-й Ковальчук», «мастер Гусейнов»,
  «С уважением, Петрова»), including names the dictionary does not know;
* names in Latin letters («Ivan Petrov», «John Smith», «Petrov A.»).

Capitalised words after a street word («ул. Льва Толстого», «проспект Ленина»,
«имени Горького»), in «quotes» (a shop, a housing estate), before a house number
(«на Гагарина, 12») or after a number («8 Марта») are places, never people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cur_desktop.domain.masking import ner
from cur_desktop.domain.masking.spans import NAME, PLACEHOLDERS, Span


def _words(text: str) -> list[str]:
    """The words of a block of text: long word lists stay readable as prose."""
    return text.split()


_TOKEN = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:['’-][A-Za-zА-Яа-яЁё]+)*")
_LATIN = re.compile(r"^[A-Za-z'’-]+$")

#: A word after which capitalised words are a place's name, not a person's.
_STREET_WORDS = frozenset(
    _words(
        """ул улица улицы улице улицу улицей пр пр-т пр-кт просп проспект проспекта проспекте пер
переулок переулка переулке пл площадь площади наб набережная набережной б-р бульвар
бульвара бульваре ш шоссе проезд проезда проезде туп тупик мкр микрорайон микрорайона им
имени сквер сквера сквере парк парка парке станция станции ст остановка остановки
остановке метро памятник памятника памятнику памятником памятнике музей музея музее бюст
бюста мемориал мемориала доска доски пос посёлок поселок поселка посёлка село села
деревня деревни д г город города городе район района районе спуск аллея аллеи аллее
линия линии кв-л квартал"""
    )
)
#: Words that introduce a person: kin, neighbours, staff, officials, a signature.
_TRIGGER = re.compile(
    r"^(?:доч|сын|внук|внуч|мам|мать|матер|отц|отец|пап|муж|жен[аыуео]|брат|сестр|бабушк|"
    r"бабул|дедушк|дед|деда|тещ|тёщ|свекр|свекров|ребен|ребён|сосед|жил[еь]ц|жильц|собственни|"
    r"гражданин|гражданк|гр|мастер|слесар|сантехник|электрик|дворник|диспетчер|участков|"
    r"инспектор|специалист|сотрудни|начальни|директор|руководител|председател|управляющ|"
    r"врач|фельдшер|медсестр|водител|кондуктор|учител|воспитател|заведующ|заместител|"
    r"замглав|глав[аеуы]|депутат|старш|заявител|фио|подпис|уважением|племянни|тёт|тет[яиеюь]|"
    r"дяд|опекун|инженер|юрист|бригадир|прораб|техник|оператор|менеджер|администратор|"
    r"кассир|охранник|вахтер|вахтёр|консьерж|терапевт|педиатр|хирург|невролог|окулист|"
    r"пациент|ветеран|инвалид|пенсионер|владел|арендатор|автор|исполнител|ответственн|"
    r"куратор|депутат|уполномоченн|представител|зовут|звать|фамили|ученик|ученица|студент|"
    r"подруг|друг|знаком|свекор|зять|зятя|невестк|падчериц|пасын|супруг|сожител|внучат|"
    r"правнук|правнуч|двоюродн|отчим|мачех|родител|бабуш|ребят|малыш|коллег|пенсионерк)"
)
_NOT_TRIGGER = frozenset({"главное", "главная", "главный", "главной", "главным", "друг друга"})
#: Capitalised words that are never part of a name (organisations, bodies, addresses).
_NEVER = frozenset(
    _words(
        """ул улица пр пер д дом кв г город тел телефон уважением спасибо здравствуйте добрый
доброго день вечер утро прошу просим жители жильцы уважаемые администрация управа мэрия
губернатор правительство минстрой прокуратура полиция мчс роспотребнадзор жилинспекция
госжилинспекция водоканал горгаз теплосеть ук тсж жск жэк жэу мкд мфц цур ооо ип оао пао
зао ао гбу мбу муп гуп мбоу гбоу сош гку ржд мтс билайн мегафон ростелеком сбер сбербанк
почта россия рф ру"""
    )
)
_QUOTES_OPEN = "«\"„“'"
_HOUSE_NUMBER = re.compile(r"^[\s,]*(?:д\.|дом)?\s*\d{1,4}[а-гА-Г]?(?![.\d]\d)(?:[\s,./)-]|$)")
_AFTER_NUMBER = re.compile(r"\d[\s-]*$")
_MONTH = re.compile(
    r"^(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
)
_LATIN_STOP = frozenset(
    _words(
        """The A An And Of To In On For With From By At Wi Fi WiFi Wi-Fi Google Yandex Android
iPhone Apple Samsung Windows Microsoft Whatsapp WhatsApp Viber Telegram Instagram VK
Facebook Youtube YouTube Mail Gmail Skype Zoom Smart TV City Mall Park Plaza Center
Centre Street Road Avenue Hotel Cafe Bar Shop Market Home Service Group Online Street
Pro Max Plus Mini Lite Hyundai Kia Toyota Lada Renault Nissan Ford Skoda Volkswagen
Mercedes Benz BMW Audi Chevrolet Mitsubishi Honda Mazda Geely Chery Haval Solaris Rio
Polo Granta Vesta Logan Camry Corolla Focus Octavia Largus Priora Kalina Niva Duster
Ozon Wildberries Avito Dns Leroy Merlin Ikea Auchan Lenta Magnit Pyaterochka Dixy"""
    )
)


@dataclass(frozen=True, slots=True)
class _Word:
    name: float  # share of the dictionary's readings that are a first name
    surname: float
    patronymic: float
    place: float
    known: bool

    @property
    def person(self) -> float:
        return self.name + self.surname + self.patronymic


@lru_cache(maxsize=200_000)
def _word(lower: str) -> _Word:
    from cur_desktop.text.lemmas import analyzer

    morph = analyzer()
    parses = morph.parse(lower)
    name = surname = patronymic = place = 0.0
    for p in parses:
        grammemes = p.tag.grammemes
        if "Name" in grammemes:
            name += p.score
        if "Surn" in grammemes:
            surname += p.score
        if "Patr" in grammemes:
            patronymic += p.score
        if "Geox" in grammemes or "Orgn" in grammemes:
            place += p.score
    return _Word(name, surname, patronymic, place, bool(morph.word_is_known(lower)))


class _Token:
    """A word of the text with what the rules ask of it, computed once."""

    __slots__ = ("capital", "end", "initial", "latin", "lower", "start", "text")

    def __init__(self, start: int, end: int, text: str, initial: bool) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.initial = initial  # one capital letter and a full stop: «А.»
        self.lower = text.lower().replace("ё", "е")
        self.capital = text[:1].isupper()
        self.latin = bool(_LATIN.match(text))

    @property
    def abbreviation(self) -> bool:
        return self.text.isupper() and len(self.text) <= 5 and _word(self.lower).person < 0.3

    def word(self) -> _Word:
        return _word(self.lower)


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        end = m.end()
        initial = len(word) == 1 and word.isupper() and text[end : end + 1] == "."
        if initial:
            end += 1
        out.append(_Token(m.start(), end, word, initial))
    return out


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end : right.start]
    if not gap:
        return left.initial or right.initial
    return len(gap) <= 3 and gap.strip(" \t\u00a0") == "" and "\n" not in gap


def _nameish(t: _Token) -> bool:
    if t.initial:
        return True
    if t.lower in _NEVER or t.abbreviation:
        return False
    if t.capital:
        return True
    w = t.word()
    # lower case: a name's word («петр», «сергеевич»), or a surname read as something
    # else too («зайцев»: also «of hares»); only a patronymic or a trigger accepts them
    return (w.person >= 0.3 or w.surname >= 0.05) and w.place < 0.3


def _chains(text: str, tokens: list[_Token]) -> list[list[int]]:
    chains: list[list[int]] = []
    current: list[int] = []
    for i, t in enumerate(tokens):
        if _nameish(t) and (not current or _adjacent(text, tokens[current[-1]], t)):
            current.append(i)
            continue
        if current:
            chains.append(current)
        current = [i] if _nameish(t) else []
    if current:
        chains.append(current)
    return chains


def _is_trigger(t: _Token) -> bool:
    lower = t.lower
    return lower not in _NOT_TRIGGER and bool(_TRIGGER.match(lower))


def _personal(t: _Token) -> bool:
    """A word that can be part of a name: initials, a name's word, an unknown word."""
    if t.initial:
        return True
    if t.lower in _NEVER or t.abbreviation:
        return False
    if t.latin:
        return t.capital and t.text not in _LATIN_STOP
    w = t.word()
    # «Борисову»: a surname as often as a town's name (Борисов) is still a name's word
    return (w.person >= 0.05 and w.place <= max(w.person, 0.3)) or (not w.known and t.capital)


def _place_context(
    text: str, tokens: list[_Token], first: int, last: int, *, street_only: bool = False
) -> bool:
    """The chain names a street, a square, a shop: after a street word, in quotes, a house."""
    start, end = tokens[first].start, tokens[last].end
    before = text[max(0, start - 2) : start]
    if any(q in before for q in _QUOTES_OPEN):
        return True
    if first > 0:
        prev = tokens[first - 1]
        between = text[prev.end : start]
        if prev.lower.rstrip(".") in _STREET_WORDS and len(between.strip(" .,\u00a0")) == 0:
            return True
    if _AFTER_NUMBER.search(text[max(0, start - 4) : start]) and _MONTH.match(tokens[first].lower):
        return True  # «8 Марта», «1 Мая», not «квартиры 12 Горшков»
    if not street_only and _HOUSE_NUMBER.match(text[end : end + 12]):
        # «на Гагарина, 12»: a surname-only word before a house number is a street
        words = [tokens[i].word() for i in range(first, last + 1) if not tokens[i].initial]
        return not any(w.patronymic >= 0.5 or w.name >= 0.35 for w in words) and not any(
            tokens[i].initial for i in range(first, last + 1)
        )
    return False


def _trigger_before(text: str, tokens: list[_Token], first: int) -> bool:
    """A person-introducing word within the two words before, in the same sentence."""
    for back in (1, 2, 3):
        j = first - back
        if j < 0:
            return False
        between = text[tokens[j].end : tokens[first].start]
        if re.search(r"[.!?\n]", between.replace("гр.", "гр")) and not tokens[j].initial:
            return False
        if _is_trigger(tokens[j]):
            return True
    return False


_ORGANISATIONS = frozenset({"тсж", "ип", "жск", "снт", "тсн", "ук", "чп", "кфх"})


def _after_organisation(text: str, tokens: list[_Token], first: int) -> bool:
    if first == 0:
        return False
    prev = tokens[first - 1]
    return prev.lower in _ORGANISATIONS and text[prev.end : tokens[first].start] in {" ", "\u00a0"}


_INITIAL_BEFORE = re.compile(r"(?:^|[\s.])[A-ZА-ЯЁ]\.$")


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(' \t\u00a0«"(')
    if _INITIAL_BEFORE.search(before):
        return False  # «И.Г. Луговской»: the full stop ends an initial, not a sentence
    return not before or before[-1] in ".!?\n:;>"


def _trim(text: str, tokens: list[_Token], chain: list[int]) -> list[int]:
    """The chain without the words at its ends that cannot be part of a name.

    Beside initials, a patronymic or after a kin word, a capitalised word inside a
    sentence stays even if the dictionary reads it as a place or an adjective
    («Заречная Зинаида Анатольевна», «И.Г. Луговской», «соседка сверху, Кириллова»).
    """
    words = [tokens[i] for i in chain]
    strong = any(t.initial for t in words) or any(
        not t.latin and t.word().patronymic >= 0.5 for t in words
    )
    triggered = _trigger_before(text, tokens, chain[0])
    right_after = chain[0] > 0 and _is_trigger(tokens[chain[0] - 1])

    def keeps(t: _Token) -> bool:
        if _personal(t):
            return True
        if (
            not t.capital
            or t.abbreviation
            or t.lower in _NEVER
            or _is_trigger(t)
            or _sentence_start(text, t.start)
        ):
            return False
        if strong:
            return True
        # after a kin word: a surname the dictionary reads as a town («Кириллова»), one it
        # does not know, or any word right after it — not «Мастер … Пролетарского района»
        w = t.word()
        return triggered and (right_after or not w.known or w.place >= 0.3)

    keep = list(chain)
    while keep and not keeps(tokens[keep[0]]):
        keep.pop(0)
    while keep and not keeps(tokens[keep[-1]]):
        keep.pop()
    return keep


def _accept(text: str, tokens: list[_Token], chain: list[int]) -> bool:
    if not chain:
        return False
    words = [tokens[i] for i in chain]
    triggered = _trigger_before(text, tokens, chain[0])
    if _place_context(text, tokens, chain[0], chain[-1], street_only=triggered):
        return False
    initials = sum(t.initial for t in words)
    full = [t for t in words if not t.initial]
    if initials and full and any(len(t.text) >= 2 and t.capital for t in full):
        return True  # «Петрова А.В.», «А.В. Петрова», «Petrov A.»
    if initials >= 2 and not full and _trigger_before(text, tokens, chain[0]):
        return True
    if not full:
        return False
    if any(t.word().patronymic >= 0.5 for t in full if not t.latin) and len(full) >= 2:
        return True  # «иванов петр сергеевич», «Зинаида Павловна»
    if triggered and all(t.capital or t.word().person >= 0.3 for t in full):
        return True
    if _after_organisation(text, tokens, chain[0]) and all(
        t.word().surname >= 0.3 and t.word().place < 0.3 for t in full
    ):
        return True  # «ТСЖ Коваленко», «ИП Шевчук»: a chairman, a sole trader
    latin = [t for t in full if t.latin]
    if len(latin) >= 2 and all(t.capital and t.text not in _LATIN_STOP for t in latin):
        return True  # «Ivan Petrov»
    for t in full:
        if t.latin or not t.capital:
            continue
        w = t.word()
        if w.known and w.name >= 0.35 and w.place < 0.3:
            return True  # a capitalised first name: «Маша», «Ольгой»
    # a capitalised surname beside a name-tagged word in any case: «Иванов иван»
    return (
        len(full) >= 2
        and any(t.word().name >= 0.5 for t in full)
        and any(t.capital and t.word().surname >= 0.3 for t in full)
    )


# markup, entities and placeholders a masker already put: blanked (same length) so their
# letters («nbsp», «span», «ФИО») are never read as words
_NOISE = re.compile(
    r"<[^<>]{0,300}>|&#?\w{1,8};|"
    + "|".join(re.escape(p) for p in sorted(set(PLACEHOLDERS.values()), key=len, reverse=True))
)


def _blank(text: str) -> str:
    return _NOISE.sub(lambda m: " " * len(m.group(0)), text)


def rule_spans(text: str) -> list[Span]:
    text = _blank(text)
    tokens = _tokens(text)
    out: list[Span] = []
    for chain in _chains(text, tokens):
        kept = _trim(text, tokens, chain)
        first = tokens[chain[0]]
        if not kept and first.capital and chain[0] > 0 and _is_trigger(tokens[chain[0] - 1]):
            # right after a kin word, even a name that is also a city's: «дочери Милане»
            if _adjacent(text, tokens[chain[0] - 1], first) or text[
                tokens[chain[0] - 1].end : first.start
            ] in {", ", ","}:
                out.append(Span(first.start, first.end, NAME))
            continue
        if not kept:
            continue
        if _accept(text, tokens, kept):
            out.append(Span(tokens[kept[0]].start, tokens[kept[-1]].end, NAME))
            continue
        # a lower-case chain after a trigger: «дочь алина», «сосед петров»
        if len(kept) < len(chain) and _accept(text, tokens, kept[:1]):
            out.append(Span(tokens[kept[0]].start, tokens[kept[0]].end, NAME))
    return out


def _model_spans(text: str) -> list[Span]:
    text = _blank(text)
    tokens = _tokens(text)
    out: list[Span] = []
    for start, end in ner.person_spans(text):
        inside = [
            i
            for i, t in enumerate(tokens)
            if t.start >= start and t.end <= end + 1 and (t.capital or t.initial)
        ]
        inside = [i for i in inside if not _is_trigger(tokens[i]) and _personal(tokens[i])]
        if not inside:
            continue
        if _place_context(text, tokens, inside[0], inside[-1]):
            continue
        out.append(Span(tokens[inside[0]].start, tokens[inside[-1]].end, NAME))
    return out


def name_spans(text: str, *, model: bool = True) -> list[Span]:
    """Person names in ``text``: rules, and natasha's NER unless ``model`` is off."""
    spans = rule_spans(text)
    if model:
        spans += _model_spans(text)
    return spans
