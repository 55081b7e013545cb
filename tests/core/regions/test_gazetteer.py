"""The gazetteer: municipality names in any case, inflection and spelling → OKTMO (Tula's pack)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.regions.gazetteer import Gazetteer
from cur_desktop.regions.pack import builtin_pack_dir, load_pack

SHARED_REGIONS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "regions"
TULA, NOVOMOSKOVSK, SHCHEKINO, ALEKSIN = "70701000", "70724000", "70648000", "70706000"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.for_region(load_pack(builtin_pack_dir()).dictionaries, "RU-TUL")


@pytest.mark.parametrize(
    ("value", "oktmo"),
    [
        ("в Новомосковске", NOVOMOSKOVSK),
        ("г. Новомосковск", NOVOMOSKOVSK),
        ("НОВОМОСКОВСК", NOVOMOSKOVSK),
        ("Новомосковский район", NOVOMOSKOVSK),  # the district merged into the okrug
        ("новомосковский р-н", NOVOMOSKOVSK),
        ("Щёкинский р-н", SHCHEKINO),
        ("Киреевский р.н.", "70628000"),
        ("Новомосковскк", NOVOMOSKOVSK),  # a typo, one place close
        ("Сокольники", NOVOMOSKOVSK),  # a settlement of the okrug
        ("Пролетарский район", TULA),  # a district of the city
        ("в Пролетарском районе г. Тулы", TULA),
        ("г.Тула", TULA),
        ("Щёкинского района", SHCHEKINO),
        ("Щекинский муниципальный район", SHCHEKINO),
        ("Ясная Поляна", SHCHEKINO),
        ("в Белёве", "70606000"),
        ("с. Архангельское", "70624000"),
        ("Тульская обл., г. Алексин", ALEKSIN),
        ("70724000", NOVOMOSKOVSK),
        ("70724000101", NOVOMOSKOVSK),  # an 11-digit OKTMO of a settlement
        ("Тульская область", ""),  # the whole region, no municipality
    ],
)
def test_a_value_names_its_municipality(gazetteer: Gazetteer, value: str, oktmo: str) -> None:
    assert gazetteer.municipality(value) == oktmo


@pytest.mark.parametrize("value", ["", "Москва", "ул. Советская", "Советская", "Алексин и Ефремов"])
def test_unknown_streets_and_ambiguous_values_name_no_municipality(
    gazetteer: Gazetteer, value: str
) -> None:
    assert gazetteer.municipality(value) is None


def test_free_text_finds_places_but_not_streets_or_common_words(gazetteer: Gazetteer) -> None:
    text = "Проживаю в г. Новомосковске, ул. Советская, д. 5. Теплое отношение, узловая проблема"
    found = gazetteer.find(text)
    assert [(m.oktmo, text[m.start : m.end]) for m in found] == [(NOVOMOSKOVSK, "Новомосковске")]
    assert gazetteer.municipality_in(text) == NOVOMOSKOVSK
    assert gazetteer.municipality_in("г. Щёкино ул. Лукашина, 10") == SHCHEKINO
    assert gazetteer.municipality_in("Ул. Первомайская, Щекино") == SHCHEKINO
    assert gazetteer.municipality_in("Советская улица в Туле") == TULA
    assert gazetteer.municipality_in("Яма в Ефремове и в Алексине") is None  # two places
    assert gazetteer.municipality_in("просто текст без мест") is None
    assert gazetteer.municipality_in("Жалоба на Ефремова И. И.") is None  # a surname
    assert gazetteer.municipality_in("Живу в Узловой, на Ефремова") == "70644000"


def test_a_pack_without_municipalities_reads_rosstat_from_the_shared_data() -> None:
    if not (SHARED_REGIONS / "rosstat_mo_population_2024.csv").is_file():
        pytest.skip("shared region data not present")
    empty = Dictionaries(
        themes=(), categories=(), municipalities=(), bodies=(), rejection_reasons=(), templates=()
    )
    gazetteer = Gazetteer.for_region(empty, shared_dir=SHARED_REGIONS, region_oktmo="70")
    assert gazetteer.municipality("Новомосковск") == NOVOMOSKOVSK
    assert gazetteer.municipality("Киреевский район") == "70628000"
    assert len(gazetteer.oktmos) >= 26
