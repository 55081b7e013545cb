"""Writes the labelled personal-data set: ``dev.jsonl``, ``holdout.jsonl``, ``blind.jsonl``.

Every message is invented: hand-written ЦУР messages with slots, filled from lists
of common Russian names, phones, e-mails, flats, plates, numbers written the ways
people write them (``python tests/data/pd_labelled/generate.py`` rewrites both
files; the seed is fixed). A slot ``{kind:form}`` is personal data and is labelled
with its kind and character offsets; ``{=filler}`` is not personal data (streets
named after people, organisations, officials' titles, dates, house numbers) and is
there for precision. The hold-out templates and fillers were written before the
masker was tuned, and the masker was never tuned on them.

Line format: {"id", "split", "text", "spans": [{"start", "end", "kind", "text"}]}.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from templates import BLIND, BLIND_CLEAN, DEV, DEV_CLEAN, HOLDOUT, HOLDOUT_CLEAN  # noqa: E402


def _words(text: str) -> list[str]:
    """The words of a block of text: long word lists stay readable as prose."""
    return text.split()


# --- names -----------------------------------------------------------------------------------

SURNAMES = _words(
    """Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков
Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров
Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев
Кузьмин Фролов Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов
Ковалёв Белов Медведев Антонов Тарасов Баранов Филиппов Комаров Давыдов Беляев Герасимов
Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов
Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин
Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Быков Маслов
Родионов Коновалов Лазарев Воронин Климов Филатов Голубев Кудрявцев Прохоров Наумов
Потапов Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров Котов
Гришин Архипов Громов Кириллов Малышев Панов Моисеев Румянцев Акимов Бирюков Горбунов
Анисимов Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Харитонов Князев
Цветков Митрофанов Аксёнов Мальцев Логинов Горшков Савин Краснов Майоров Демидов Елисеев
Рыбаков Сафонов Плотников Хохлов Жданов Носов Гусейнов Алиев Мамедов Хасанов Юсупов
Рахимов Гарипов Сафин Галиев Мусаев Шайхутдинов"""
)
SURNAMES_SKY = ["Островский", "Луговской", "Ковальский", "Высоцкий", "Покровский", "Заречный"]
SURNAMES_FIXED = _words(
    """Коваленко Шевчук Бондаренко Ткаченко Кравченко Мельник Ким Цой Оганесян Арутюнян
Петросян Гоглидзе Беридзе Шмидт Лысенко Дудко Марченко Савчук"""
)
MALE = _words(
    """Александр Сергей Андрей Дмитрий Алексей Максим Евгений Иван Михаил Николай Владимир
Артём Павел Олег Виктор Юрий Игорь Денис Кирилл Антон Владислав Илья Никита Егор Тимур
Руслан Анатолий Геннадий Василий Фёдор Григорий Степан Рустам Ренат Вячеслав Константин"""
)
FEMALE = _words(
    """Елена Ольга Татьяна Наталья Ирина Светлана Анна Мария Юлия Екатерина Марина Галина
Людмила Надежда Валентина Нина Зинаида Тамара Лариса Оксана Алина Дарья Полина Ксения
Виктория Анастасия Валерия Гульнара Эльвира Алсу Раиса Антонина Евгения Маргарита"""
)
CHILD_M = _words(
    """Ваня Петя Коля Миша Дима Вова Саша Артём Максим Тимофей Матвей Егор Лёва Даниил"""
)
CHILD_F = _words(
    """Маша Даша Настя Катя Лиза Соня Полина Алиса Вероника Ева Варвара Ульяна Милана"""
)
FATHERS = _words(
    """Александр Сергей Андрей Дмитрий Алексей Михаил Николай Владимир Пётр Иван Виктор Юрий
Павел Олег Игорь Василий Геннадий Анатолий Григорий Фёдор Борис Валерий"""
)
LATIN = """Ivan Petrov|Olga Smirnova|Petrova Anna|Sergey Kuznetsov|Kuznetsova E.|Alexey Volkov|
Natalia Sokolova|Dmitry Orlov|Ekaterina Lebedeva|Mikhail Popov|Yulia Fedorova|Pavel Morozov|
Smirnov A.V.|Irina Vasilieva|Timur Khasanov""".replace("\n", "").split("|")

_PATR_M = {
    "Пётр": "Петрович",
    "Иван": "Иванович",
    "Юрий": "Юрьевич",
    "Василий": "Васильевич",
    "Геннадий": "Геннадьевич",
    "Анатолий": "Анатольевич",
    "Григорий": "Григорьевич",
    "Валерий": "Валерьевич",
    "Сергей": "Сергеевич",
    "Андрей": "Андреевич",
    "Алексей": "Алексеевич",
    "Николай": "Николаевич",
    "Михаил": "Михайлович",
    "Дмитрий": "Дмитриевич",
    "Павел": "Павлович",
    "Лев": "Львович",
    "Игорь": "Игоревич",
}

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def patronymic(father: str, female: bool) -> str:
    base = _PATR_M.get(father, father + "ович")
    if not female:
        return base
    return base[:-2] + "на" if base.endswith("ич") else base


def _morph():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


MORPH = _morph()


def _restore(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def inflect_given(word: str, case: str, female: bool, grammeme: str) -> str:
    if case == "nomn":
        return word
    gender = "femn" if female else "masc"
    parses = [p for p in MORPH.parse(word) if grammeme in p.tag.grammemes and "nomn" in p.tag]
    parses = [p for p in parses if gender in p.tag or "ms-f" in p.tag] or parses
    if not parses:
        return word
    form = parses[0].inflect({case, "sing"})
    return _restore(form.word, word) if form else word


_SURNAME_ENDINGS = {
    False: {"gent": "а", "datv": "у", "accs": "а", "ablt": "ым", "loct": "е"},
    True: {"gent": "ой", "datv": "ой", "accs": "у", "ablt": "ой", "loct": "ой"},
}


def surname(base: str, female: bool, case: str) -> str:
    if base in SURNAMES_FIXED:
        return base
    if base in SURNAMES_SKY:
        stem = base[:-2]
        ending = "ий" if base.endswith("ий") else "ой"
        forms_m = {
            "nomn": ending,
            "gent": "ого",
            "datv": "ому",
            "accs": "ого",
            "ablt": "им",
            "loct": "ом",
        }
        forms_f = {
            "nomn": "ая",
            "gent": "ой",
            "datv": "ой",
            "accs": "ую",
            "ablt": "ой",
            "loct": "ой",
        }
        return stem + (forms_f if female else forms_m)[case]
    if female:
        return base + ("а" if case == "nomn" else _SURNAME_ENDINGS[True][case])
    return base if case == "nomn" else base + _SURNAME_ENDINGS[False][case]


def person(rng: random.Random, spec: str) -> str:
    """A name written the ways people write it: ``form.case.gender`` (parts optional)."""
    parts = spec.split(".")
    form = parts[0] or rng.choice(["fio", "fio", "fi", "if", "f_io", "f_i_o", "io_f", "io", "f"])
    case = parts[1] if len(parts) > 1 and parts[1] else "nomn"
    gender = parts[2] if len(parts) > 2 else rng.choice("mf")
    female = gender == "f"
    if form == "latin":
        return rng.choice(LATIN)
    if form == "child":
        given = rng.choice(CHILD_F if female else CHILD_M)
        return inflect_given(given, case, female, "Name")
    pool = SURNAMES * 3 + SURNAMES_SKY + SURNAMES_FIXED
    fam = surname(rng.choice(pool), female, case)
    given_nomn = rng.choice(FEMALE if female else MALE)
    given = inflect_given(given_nomn, case, female, "Name")
    father = rng.choice(FATHERS)
    patr = inflect_given(patronymic(father, female), case, female, "Patr")
    ini = given_nomn[0] + "."
    pini = father[0] + "."
    sep = rng.choice(["", " "])
    return {
        "fio": f"{fam} {given} {patr}",
        "fi": f"{fam} {given}",
        "if": f"{given} {fam}",
        "f_io": f"{fam} {ini}{sep}{pini}",
        "f_i_o": f"{fam} {ini} {pini}",
        "io_f": f"{ini}{sep}{pini} {fam}",
        "i_f": f"{ini} {fam}",
        "io": f"{given} {patr}",
        "f": fam,
        "i": given,
        "fio_lower": f"{fam} {given} {patr}".lower(),
        "fio_upper": f"{fam} {given} {patr}".upper(),
        "fi_lower": f"{fam} {given}".lower(),
    }[form]


# --- shaped data -----------------------------------------------------------------------------


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def phone(rng: random.Random, spec: str) -> str:
    code = rng.choice(["912", "916", "953", "920", "903", "961", "980", "905", "999", "910"])
    a, b, c = _digits(rng, 3), _digits(rng, 2), _digits(rng, 2)
    city = f"{rng.randint(2, 7)}{_digits(rng, 1)}-{_digits(rng, 2)}-{_digits(rng, 2)}"
    forms = {
        "plus": f"+7 ({code}) {a}-{b}-{c}",
        "eight": f"8-{code}-{a}-{b}-{c}",
        "solid": f"8{code}{a}{b}{c}",
        "spaces": f"8 {code} {a} {b} {c}",
        "nbsp": f"+7&nbsp;{code}&nbsp;{a}-{b}-{c}",
        "plus_solid": f"+7{code}{a}{b}{c}",
        "ten": f"{code}-{a}-{b}-{c}",
        "dots": f"8.{code}.{a}.{b}.{c}",
        "city_code": f"8 (4872) {city}",
        "city": city,
        "brackets": f"8({code}){a}{b}{c}",
        "seven": f"7 {code} {a} {b} {c}",
        "mixed": f"8 {code} {a[:2]} {a[2:]}{b} {c}",
        "words": "восемь девятьсот "
        + rng.choice(["двенадцать", "шестнадцать", "пятьдесят три", "двадцать", "ноль пять"])
        + " "
        + rng.choice(["триста сорок пять", "сто двадцать три", "семьсот один"])
        + " "
        + rng.choice(["шестьдесят семь", "ноль ноль", "двенадцать"])
        + " "
        + rng.choice(["восемьдесят девять", "сорок", "тридцать один"]),
        "words_digits": f"8 девять {rng.choice(['один', 'два', 'пять'])} "
        f"{rng.choice(['шесть', 'три', 'ноль'])} {a} {b} {c}",
    }
    return forms[spec] if spec in forms else forms[rng.choice(list(forms))]


_LOGINS = _words(
    """ivanov petrova.a smirnova77 kuznetsov_s olga.popova vasilev1985 sokolova.nat mikhailov.d
novikova_e fedorov78 morozova.t volkov.ivan alekseeva lebedev.a semenova_g egorov.p
pavlova.marina kozlov2001 stepanova.n"""
)
_DOMAINS = ["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru", "rambler.ru"]


def email(rng: random.Random, spec: str) -> str:
    login = rng.choice(_LOGINS)
    domain = rng.choice(_DOMAINS)
    host, tld = domain.split(".")
    forms = {
        "plain": f"{login}@{domain}",
        "at_paren": f"{login} (at) {host} (dot) {tld}",
        "at_bracket": f"{login}[at]{domain}",
        "dog": f"{login} собака {host} точка {tld}",
        "spaces": f"{login} @ {domain}",
        "dot_space": f"{login}@{host} . {tld}",
        "at_words": f"{login} at {host} dot {tld}",
        "dog_paren": f"{login}(собака){domain}",
    }
    return forms[spec] if spec in forms else forms[rng.choice(list(forms))]


def handle(rng: random.Random, spec: str) -> str:
    login = rng.choice(_LOGINS).replace(".", "_")
    forms = {
        "at": f"@{login}",
        "tme": f"t.me/{login}",
        "vk_id": f"https://vk.com/id{_digits(rng, 6)}",
        "vk": f"vk.com/{login}",
        "ok": f"ok.ru/profile/{_digits(rng, 9)}",
        "insta": f"instagram.com/{login}",
        "bare": f"{login}{rng.randint(1, 99)}",
    }
    return forms[spec] if spec in forms else forms[rng.choice(["at", "tme", "vk_id", "vk", "ok"])]


def flat(rng: random.Random, spec: str) -> str:
    n = rng.randint(1, 320)
    m = n + rng.randint(1, 9)
    forms = {
        "kv": f"кв. {n}",
        "kv_tight": f"кв.{n}",
        "word": f"квартира {n}",
        "word_no": f"квартира №{n}",
        "list": f"квартиры {n}, {m}",
        "list_tight": f"квартира {n},{m}",
        "kv_list": f"кв. {n}, {m} и {m + 2}",
        "kvra": f"кв-ра {n}",
        "kvry": f"кв-ры {n}",
        "room": f"комната {n}",
        "room_loct": f"комнате {n}",
        "accs": f"квартиру {n}",
        "list_gent": f"квартир {n} и {m}",
        "gent_word": f"квартиры {n}",
        "gent_no": f"квартиры №{n}",
    }
    return forms[spec] if spec in forms else forms[rng.choice(list(forms)[:9])]


def flat_after(rng: random.Random, spec: str) -> str:
    """A flat named after its number: used in templates in the case their grammar needs."""
    n = rng.randint(1, 320)
    return {
        "gent": f"{n} квартиры",
        "gent_y": f"{n}-й квартиры",
        "loct": f"{n} квартире",
        "loct_y": f"{n}-й квартире",
        "datv": f"{n} квартире",
    }.get(spec, f"{n} квартиры")


def birth(rng: random.Random, spec: str) -> str:
    year = rng.randint(2008, 2022) if spec != "adult" else rng.randint(1935, 1965)
    d, mo = rng.randint(1, 28), rng.randint(1, 12)
    months = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ]
    forms = [
        f"{d:02d}.{mo:02d}.{year} г.р.",
        f"{year} г.р.",
        f"{year} года рождения",
        f"{d:02d}.{mo:02d}.{year} г. р.",
        f"{d:02d}.{mo:02d}.{year} года рождения",
        f"д.р. {d:02d}.{mo:02d}.{year}",
        f"дата рождения {d:02d}.{mo:02d}.{year}",
        f"{year} гр.",
        f"{d:02d}.{mo:02d}.{str(year)[2:]} г.р.",
        f"{d} {months[mo - 1]} {year} года рождения",
    ]
    return rng.choice(forms)


_PL = "АВЕКМНОРСТУХ"
_PL_LAT = "ABEKMHOPCTYX"


def plate(rng: random.Random, spec: str) -> str:
    letters = [rng.choice(_PL) for _ in range(3)]
    num = _digits(rng, 3)
    region = rng.choice(["71", "71", "77", "197", "750", "40", "62", "57"])
    if spec == "latin" or (not spec and rng.random() < 0.2):
        letters = [_PL_LAT[_PL.index(x)] for x in letters]
    lower = rng.random() < 0.3
    forms = [
        f"{letters[0]}{num}{letters[1]}{letters[2]}{region}",
        f"{letters[0]}{num}{letters[1]}{letters[2]} {region}",
        f"{letters[0]} {num} {letters[1]}{letters[2]} {region}",
        f"{letters[0]}{num}{letters[1]}{letters[2]} {region} RUS",
        f"{letters[0]}{num}{letters[1]}{letters[2]}{region}rus",
    ]
    out = rng.choice(forms)
    return out.lower() if lower else out


def account(rng: random.Random, spec: str) -> str:
    forms = [
        _digits(rng, 10),
        _digits(rng, 9),
        _digits(rng, 8),
        "71" + _digits(rng, 8),
        f"{_digits(rng, 3)}-{_digits(rng, 3)}-{_digits(rng, 3)}",
    ]
    return rng.choice(forms)


def snils(rng: random.Random, spec: str) -> str:
    a = f"{_digits(rng, 3)}-{_digits(rng, 3)}-{_digits(rng, 3)} {_digits(rng, 2)}"
    return rng.choice([a, a.replace("-", " "), a.replace("-", "").replace(" ", "")])


def passport(rng: random.Random, spec: str) -> str:
    s1, s2, n = _digits(rng, 2), _digits(rng, 2), _digits(rng, 6)
    return rng.choice([f"{s1} {s2} {n}", f"{s1}{s2} {n}", f"{s1} {s2} № {n}", f"{s1}{s2} №{n}"])


# --- not personal data ---------------------------------------------------------------------

STREETS = """ул. Горького|проспект Ленина|ул. Льва Толстого|улица Пушкина|ул. Гагарина|ул. 8 Марта|
пр-т Ленина|ул. Максима Горького|ул. Жукова|ул. Мира|ул. Советская|ул. Жуковского|ул. Болдина|
ул. Демонстрации|ул. Степанова|ул. Кирова|ул. Фрунзе|ул. Дзержинского|ул. Чапаева|
ул. Маршала Жукова|ул. Чкалова|ул. Менделеевская|ул. Тургеневская|ул. Некрасова|ул. Лермонтова|
ул. Ф. Энгельса|ул. Октябрьская|пер. Пушкинский|ул. Зои Космодемьянской|ул. Карла Маркса|
ул. Николая Руднева|проезд Гагарина|ул. Станиславского|ул. Вересаева|ул. Михеева""".replace(
    "\n", ""
).split("|")
ORGS = """УК «Жилсервис»|ООО «Управдом»|АО «Тулагорводоканал»|МКУ «Центр ЖКХ»|ТСЖ «Заря»|
МБОУ СОШ № 12 им. Л.Н. Толстого|ГУЗ «Городская больница № 3»|МУП «Тулгорэлектротранс»|
ООО «Газпром межрегионгаз Тула»|управляющая компания «Партнёр»|ЖЭУ-5|ПАО «Ростелеком»|
ГУ ТО «Тулаавтодор»|администрация Пролетарского района|Госжилинспекция|Роспотребнадзор|
поликлиника им. Н.И. Пирогова|детский сад № 104|школа № 7 имени А.С. Пушкина""".replace(
    "\n", ""
).split("|")
TITLES = """глава администрации города|губернатор Тульской области|министр ЖКХ|
начальник управления по транспорту|заместитель главы администрации|депутат городской думы|
директор управляющей компании|главный врач поликлиники|председатель ТСЖ|участковый уполномоченный|
прокурор района|руководитель ЦУР""".replace("\n", "").split("|")
CITIES = ["Тула", "Новомосковск", "Алексин", "Ефремов", "Щёкино", "Узловая", "Киреевск"]


def street(rng: random.Random, spec: str) -> str:
    return rng.choice(STREETS)


def house(rng: random.Random, spec: str) -> str:
    return rng.choice(
        [str(rng.randint(1, 150)), f"{rng.randint(1, 99)}а", f"{rng.randint(1, 60)}к2"]
    )


def org(rng: random.Random, spec: str) -> str:
    return rng.choice(ORGS)


def title(rng: random.Random, spec: str) -> str:
    return rng.choice(TITLES)


def city(rng: random.Random, spec: str) -> str:
    return rng.choice(CITIES)


def date(rng: random.Random, spec: str) -> str:
    return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2026"


def num(rng: random.Random, spec: str) -> str:
    return str(rng.randint(2, 40))


FILLERS: dict[str, tuple[str | None, Callable[[random.Random, str], str]]] = {
    "name": ("name", person),
    "phone": ("phone", phone),
    "email": ("email", email),
    "handle": ("handle", handle),
    "flat": ("flat", flat),
    "flat_after": ("flat", flat_after),
    "bd": ("birth_date", birth),
    "plate": ("plate", plate),
    "account": ("account", account),
    "snils": ("snils", snils),
    "passport": ("passport", passport),
    "street": (None, street),
    "house": (None, house),
    "org": (None, org),
    "title": (None, title),
    "city": (None, city),
    "date": (None, date),
    "num": (None, num),
}
_SLOT = re.compile(r"\{(=?)(\w+)(?::([\w.]*))?\}")


def render(template: str, rng: random.Random) -> tuple[str, list[dict[str, object]]]:
    out: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in _SLOT.finditer(template):
        literal = template[pos : m.start()]
        out.append(literal)
        length += len(literal)
        kind, fill = FILLERS[m.group(2)]
        value = fill(rng, m.group(3) or "")
        if value.endswith(".") and template[m.end() : m.end() + 1] == ".":
            value = value[:-1]  # «2015 г.р.» closing a sentence: one full stop
        if kind is not None and not m.group(1):
            spans.append({"start": length, "end": length + len(value), "kind": kind, "text": value})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), spans


def build(split: str, templates: list[str], clean: list[str], seed: int, copies: int) -> list[str]:
    rng = random.Random(seed)
    lines = []
    n = 0
    for group, items in (("pd", templates), ("clean", clean)):
        for t_index, template in enumerate(items):
            for copy in range(copies):
                text, spans = render(template, rng)
                n += 1
                record = {
                    "id": f"{split}-{group}-{t_index:03d}-{copy}",
                    "split": split,
                    "text": text,
                    "spans": spans,
                }
                lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def main() -> None:
    for split, templates, clean, seed in (
        ("dev", DEV, DEV_CLEAN, 13),
        ("holdout", HOLDOUT, HOLDOUT_CLEAN, 1313),
        ("blind", BLIND, BLIND_CLEAN, 4242),
    ):
        lines = build(split, templates, clean, seed, copies=3)
        (HERE / f"{split}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(split, len(lines))


if __name__ == "__main__":
    main()
