"""Fictional authors for demo appeals.

Demo data must look like real ПОС and ИМ traffic without being anyone's personal data
(DOMAIN.md §9): names are drawn independently from common first names, patronymics
and surnames, e-mail addresses live under the reserved ``example.*`` domains, and
phone numbers and profile ids are random digits tied to nobody we know of.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from cur_desktop.demo.texts_corpus import Names
from cur_desktop.domain.appeal import Author

SourceStyle = Literal["social", "formal"]

_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    }
)  # fmt: skip
_DOMAINS = ("example.com", "example.org", "example.net")


def translit(text: str) -> str:
    """Lower-case Latin transliteration, enough for a plausible e-mail login."""
    return text.casefold().translate(_TRANSLIT)


def female_surname(male: str) -> str:
    """Иванов → Иванова, Островский → Островская; Шевченко stays Шевченко."""
    if male.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return male + "а"
    if male.endswith(("ский", "цкий")):
        return male[:-2] + "ая"
    return male


@dataclass(frozen=True, slots=True)
class FakePerson:
    first_name: str
    patronymic: str
    surname: str
    female: bool
    phone: str
    email: str
    profile_url: str

    @property
    def full_name(self) -> str:
        """«Фамилия Имя Отчество», as a formal message is signed."""
        return f"{self.surname} {self.first_name} {self.patronymic}"

    @property
    def display_name(self) -> str:
        """«Имя Фамилия», as a social network shows its user."""
        return f"{self.first_name} {self.surname}"

    def author(self, style: SourceStyle) -> Author:
        """The :class:`Author` a channel of this style would record."""
        if style == "social":
            return Author(name=self.display_name, profile_url=self.profile_url)
        return Author(name=self.full_name, phone=self.phone, email=self.email)


def make_person(rng: random.Random, names: Names) -> FakePerson:
    female = rng.random() < 0.55  # women write a little more often to ЦУР channels
    first = rng.choice(names.female_first if female else names.male_first)
    patronymic = rng.choice(names.patronymics)[1 if female else 0]
    male_surname = rng.choice(names.surnames)
    surname = female_surname(male_surname) if female else male_surname
    login = f"{translit(first)}.{translit(surname)}"
    if rng.random() < 0.5:
        login += str(rng.randint(1, 99))
    social = "https://vk.com/id" if rng.random() < 0.7 else "https://ok.ru/profile/"
    return FakePerson(
        first_name=first,
        patronymic=patronymic,
        surname=surname,
        female=female,
        phone=f"+7 9{rng.randint(0, 99):02d} {rng.randint(0, 999):03d}-"
        f"{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}",
        email=f"{login}@{rng.choice(_DOMAINS)}",
        profile_url=f"{social}{rng.randint(10_000_000, 899_999_999)}",
    )
