"""Finding an appeal by its number (any form) and by its author, against a real cache file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cur_desktop.cache import Cache
from cur_desktop.domain import Appeal, Kind, Source
from cur_desktop.domain.appeal import Author
from cur_desktop.domain.numbers import display_number, number_keys, query_number, source_number
from cur_desktop.sync.writer import CacheWriter

T0 = datetime(2026, 1, 12, 8, 0, tzinfo=UTC)

#: id → (channel, source number, author name, author phone)
APPEALS = {
    20015: (Source.IM, "im-9102891", "Петров Иван Сергеевич", "+7 (903) 123-45-67"),
    20016: (Source.POS, "pos-3260254", "Петрова Анна", "8-910-555-12-34"),
    20017: (Source.POS, "3260255", "Сидоренко Олег", ""),
    20018: (Source.PORTAL, "T-000123", "", ""),
    20019: (Source.IM, "https://vk.com/wall-1_9102891", "Кузнецов", "89205550011"),
    20020: (Source.PORTAL, "П-4471/2026", "", ""),
    -3: (Source.HOTLINE, "К7М2Д9", "", ""),  # registered offline: a provisional row and number
}


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    c = Cache.open(tmp_path / "cache.sqlite")
    CacheWriter(c.engine).upsert_newer(
        Appeal(
            id=i,
            source=source,
            external_id=number,
            kind=Kind.MESSAGE,
            created_at=T0 + timedelta(minutes=i - 20000),
            text="Во дворе дома 15 не вывозят мусор",  # «15»: a number in the text, too
            author=Author(name=name, phone=phone),
        )
        for i, (source, number, name, phone) in APPEALS.items()
    )
    yield c
    c.close()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # the appeal number (the central service's id), as the wall and the console show it
        ("20015", [20015]),
        ("№ 20015", [20015]),
        ("№20015", [20015]),
        ("#20015", [20015]),
        # the source number with and without its channel prefix, any case, either script
        ("im-9102891", [20015]),
        ("IM-9102891", [20015]),
        ("ИМ-9102891", [20015]),
        ("im9102891", [20015]),
        ("9102891", [20015]),
        ("№ 9102891", [20015]),
        ("pos-3260254", [20016]),
        ("ПОС-3260254", [20016]),
        ("3260254", [20016]),
        ("3260255", [20017]),
        ("№3260255", [20017]),
        # another system's number: whole, its digits, without leading zeros
        ("T-000123", [20018]),
        ("t-000123", [20018]),
        ("000123", [20018]),
        ("123", [20018]),
        ("П-4471/2026", [20020]),
        ("п-4471/2026", [20020]),
        # a registration the service has not confirmed yet: by its provisional number
        ("К7М2Д9", [-3]),
        ("к7м2д9", [-3]),
        ("№ К7М2Д9", [-3]),
        # a number among words narrows the words
        ("мусор 3260254", [20016]),
        ("мусор № 20017", [20017]),
        # a post link is no number (and it points at the author): its digits find nothing
        ("1_9102891", []),
        # a number in the text is still found as text
        ("дом 15", [20020, 20019, 20018, 20017, 20016, 20015, -3]),
    ],
)
def test_an_appeal_is_found_by_any_form_of_its_number(
    cache: Cache, typed: str, expected: list[int]
) -> None:
    assert cache.appeals.search(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Сидоренко", [20017]),
        ("сидоренко", [20017]),
        ("Сидоренко Олег", [20017]),
        ("Кузнецову", [20019]),  # any case of the surname
        ("Петров", [20016, 20015]),  # «Петров» and «Петрова»: one surname
        ("Петрову Ивану", [20015]),
        ("Петровой", [20016, 20015]),
        ("Петрова Анна", [20016]),
        # phones in any spelling: the last ten digits
        ("+7 (903) 123-45-67", [20015]),
        ("+79031234567", [20015]),
        ("89031234567", [20015]),
        ("8 903 123 45 67", [20015]),
        ("903-123-45-67", [20015]),
        ("9031234567", [20015]),
        ("+7 910 555 12 34", [20016]),
        ("8(920)555-00-11", [20019]),
        ("мусор +7 903 1234567", [20015]),
    ],
)
def test_an_appeal_is_found_by_its_authors_surname_or_phone(
    cache: Cache, typed: str, expected: list[int]
) -> None:
    assert cache.appeals.search(typed) == expected


def test_a_new_number_or_author_is_indexed_and_the_old_one_forgotten(cache: Cache) -> None:
    old = cache.appeals.get(20017)
    assert old is not None
    CacheWriter(cache.engine).upsert_newer(
        [replace(old, version=2, external_id="pos-7777777", author=Author(name="Орлова"))]
    )
    assert cache.appeals.search("pos-7777777") == [20017]
    assert cache.appeals.search("3260255") == []
    assert cache.appeals.search("Орлова") == [20017]
    assert cache.appeals.search("Сидоренко") == []


def test_the_number_people_see_is_the_appeal_number() -> None:
    assert display_number(20015) == "20015"
    assert source_number("im-9102891") == "im-9102891"
    assert source_number("3260255") == "3260255"
    assert source_number("П-4471/2026") == "П-4471/2026"
    assert source_number("https://vk.com/wall-1_9102891") == ""  # a link to the author's post
    assert display_number(20015) in number_keys(20015, "im-9102891")
    assert number_keys(-3, "К7М2Д9") == ["к7м2д9"]  # a provisional row: no id of its own
    assert "9102891" in number_keys(20015, "im-9102891")


def test_typed_numbers() -> None:
    assert query_number("№ 20015") == ("20015",)
    assert query_number("ИМ-9102891") == ("9102891",)
    assert query_number("000123") == ("000123", "123")
    assert query_number("covid-19") == ()
    assert query_number("подвал") == ()
