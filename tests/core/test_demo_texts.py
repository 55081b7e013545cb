"""The demo text corpus and the composer that turns it into Russian appeals."""

from __future__ import annotations

import copy
import json
import random
import re
import time
from datetime import date
from typing import Any

import pytest

from cur_desktop.demo import texts
from cur_desktop.demo.texts import PlaceSlots, TextComposer
from cur_desktop.demo.texts_corpus import LEAF_SLOTS, CorpusError, corpus_from_json, load_corpus
from cur_desktop.demo.texts_people import female_surname
from cur_desktop.domain.dictionaries import Dictionaries, Municipality
from cur_desktop.domain.dictionaries_io import load_default_dictionaries
from cur_desktop.domain.enums import Source
from cur_desktop.paths import resources_dir

SLOT_MARKER = re.compile(r"[{}]")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")
TOWNS = (("Тула", "г."), ("Новомосковск", "г."), ("Никольское", "с."), ("Заокский", "рп"))


@pytest.fixture(scope="module")
def dicts() -> Dictionaries:
    return load_default_dictionaries()


@pytest.fixture(scope="module")
def composer() -> TextComposer:
    return texts.default_composer()


def draw(
    composer: TextComposer,
    rng: random.Random,
    code: str,
    dicts: Dictionaries,
    style: texts.SourceStyle,
) -> tuple[str, str]:
    cat = dicts.category(code)
    assert cat is not None
    place = composer.random_place(rng, *TOWNS[rng.randrange(len(TOWNS))])
    parent, sub = (cat.parent, cat.code) if cat.parent else (cat.code, None)
    return composer.compose(
        rng, cat.theme, parent, sub, source_style=style, place=place, when=date(2025, 3, 14)
    )


def test_every_default_category_has_its_own_texts(dicts: Dictionaries) -> None:
    corpus = load_corpus()
    for cat in dicts.categories:
        entries = corpus.entries_for(cat.code)
        assert entries, cat.code
        for entry in entries:
            assert len(entry.social) >= 4, cat.code
            assert len(entry.formal) >= 3, cat.code
            assert len(entry.titles) >= 2, cat.code
        if not dicts.subcategories_of(cat.code):
            assert cat.code in corpus.entries, f"leaf category {cat.code} has no texts"
    known = {c.code for c in dicts.categories}
    assert set(corpus.entries) <= known, "texts for categories defaults.json does not have"
    assert set(corpus.themes) == {t.code for t in dicts.themes}


@pytest.mark.parametrize("style", ["social", "formal"])
def test_texts_are_filled_russian_and_in_range(
    composer: TextComposer, dicts: Dictionaries, style: texts.SourceStyle
) -> None:
    rng = random.Random(2025)
    low, high = texts.SOCIAL_LENGTH if style == "social" else texts.FORMAL_LENGTH
    lengths = []
    for cat in dicts.categories:
        for _ in range(60):
            title, text = draw(composer, rng, cat.code, dicts, style)
            for part in (title, text):
                assert not SLOT_MARKER.search(part), part
                assert part == part.strip()
            assert low <= len(text) <= high, (len(text), text)
            assert 5 <= len(title) <= 120, title
            letters = CYRILLIC.findall(text)
            assert len(letters) > 4 * len(LATIN.findall(text)), text
            lengths.append(len(text))
    if style == "formal":  # a few long letters exist
        assert sum(n > 1000 for n in lengths) >= 0.005 * len(lengths)


def test_social_posts_look_like_social_media(composer: TextComposer, dicts: Dictionaries) -> None:
    rng = random.Random(5)
    posts = [draw(composer, rng, "roads.potholes.yard", dicts, "social")[1] for _ in range(500)]
    assert sum(p[0].islower() for p in posts) > 100
    assert sum("@" in p for p in posts) > 20
    assert sum("#" in p for p in posts) > 20
    assert sum("!" in p for p in posts) > 150
    letters = [draw(composer, rng, "roads.potholes.yard", dicts, "formal")[1] for _ in range(200)]
    assert all(p[0].isupper() for p in letters)
    assert not any("#" in p or "@" in p for p in letters)
    assert sum("Прошу" in p for p in letters) > 150


@pytest.mark.parametrize(
    "code", ["roads.potholes.yard", "social.families.maternity_capital", "health.staff"]
)
@pytest.mark.parametrize("style", ["social", "formal"])
def test_texts_vary(
    composer: TextComposer, dicts: Dictionaries, code: str, style: texts.SourceStyle
) -> None:
    rng = random.Random(99)
    drawn = [draw(composer, rng, code, dicts, style)[1] for _ in range(2000)]
    assert len(set(drawn)) >= 0.9 * len(drawn)


def test_composition_is_deterministic_for_a_seed(dicts: Dictionaries) -> None:
    def run(seed: int) -> list[tuple[str, str]]:
        # a fresh composer: nothing cached may change the result
        composer = TextComposer(load_corpus())
        rng = random.Random(seed)
        out = []
        for cat in dicts.categories[:40]:
            out.append(draw(composer, rng, cat.code, dicts, "social"))
            out.append(draw(composer, rng, cat.code, dicts, "formal"))
        return out

    assert run(7) == run(7)
    assert run(7) != run(8)


def test_the_same_place_names_the_same_street_and_house(composer: TextComposer) -> None:
    rng = random.Random(1)
    place = composer.random_place(rng, "Тула")
    for _ in range(50):
        title, text = composer.compose(
            rng, "housing", "housing.heating", source_style="formal", place=place
        )
        assert (
            place.address in text
            or place.street.official in f"{title} {text}"
            or (place.street.on in text)
        )


def test_unknown_categories_fall_back_to_theme_other_then_generic(composer: TextComposer) -> None:
    rng = random.Random(3)
    place = composer.random_place(rng, "Тула")
    region_cat = composer.entries("roads", "roads.region_only", "roads.region_only.x")
    assert region_cat == composer.entries("roads", "roads.other")
    assert composer.entries("culture", "culture.theatres") == (composer.corpus.fallback,)
    title, text = composer.compose(
        rng, "culture", "culture.theatres", source_style="social", place=place
    )
    assert title
    assert not SLOT_MARKER.search(text)


def test_a_category_without_texts_pools_its_subcategories(composer: TextComposer) -> None:
    pooled = composer.entries("housing", "housing.water")
    assert len(pooled) == 4
    corpus = composer.corpus
    assert pooled[0] is corpus.entries["housing.water.hot"]


def test_throughput(composer: TextComposer, dicts: Dictionaries) -> None:
    """A million texts must take well under 30 s: 20 k here in under 0.6 s (best of 3)."""
    rng = random.Random(0)
    cats = list(dicts.categories)
    places = [composer.random_place(rng, "Тула") for _ in range(100)]
    styles: tuple[texts.SourceStyle, texts.SourceStyle] = ("social", "formal")
    jobs = [(cats[i % len(cats)], places[i % 100], styles[i % 2]) for i in range(20_000)]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for cat, place, style in jobs:
            parent, sub = (cat.parent, cat.code) if cat.parent else (cat.code, None)
            composer.compose(rng, cat.theme, parent, sub, source_style=style, place=place)
        best = min(best, time.perf_counter() - start)
    assert best < 0.6, f"{len(jobs) / best:.0f} texts/s"


# --- people and places -------------------------------------------------------------------


def test_fake_people_are_plausible_and_fictional() -> None:
    rng = random.Random(4)
    people = [texts.fake_person(rng) for _ in range(300)]
    assert 0.35 < sum(p.female for p in people) / len(people) < 0.75
    for p in people:
        assert p.email.rsplit("@", 1)[1] in {"example.com", "example.org", "example.net"}
        assert re.fullmatch(r"\+7 9\d\d \d{3}-\d\d-\d\d", p.phone)
        assert p.full_name.split() == [p.surname, p.first_name, p.patronymic]
        assert p.patronymic.endswith(("вна", "чна")) == p.female
        social, formal = p.author("social"), p.author("formal")
        assert social.profile_url
        assert not social.phone
        assert formal.name == p.full_name
        assert formal.email == p.email
    assert len({p.full_name for p in people}) > 290
    assert female_surname("Иванов") == "Иванова"
    assert female_surname("Островский") == "Островская"
    assert female_surname("Шевченко") == "Шевченко"


def test_places_follow_the_municipality() -> None:
    rng = random.Random(8)
    city = Municipality("70701000", "Городской округ город Тула", "г. Тула", "городской округ")
    town = Municipality("70702000", "Городской округ Славный", "Славный", "городской округ")
    district = Municipality(
        "70604000", "Арсеньевский район", "Арсеньевский район", "муниципальный район"
    )
    assert texts.place_for(rng, city).address.startswith("г. Тула, ")
    assert texts.place_for(rng, town).address.startswith("г. Славный, ")
    rural = texts.place_for(rng, district)
    assert rural.settlement_type in {"с.", "дер.", "пос.", "рп"}
    assert "район" not in rural.address


def test_simulator_shaped_helpers_round_trip_the_address() -> None:
    rng = random.Random(12)
    city = Municipality("70701000", "Городской округ город Тула", "г. Тула", "городской округ")
    address = texts.fake_address(rng, city)
    author = texts.fake_author(rng, social=True)
    assert set(author) == {"name", "phone", "email", "profile_url"}
    house = address.rsplit("д. ", 1)[1]
    hits = 0
    for _ in range(40):
        _, text = texts.compose(
            rng, theme="roads", category="roads.potholes", subcategory="roads.potholes.yard",
            social=False, municipality=city, address=address,
        )  # fmt: skip
        hits += address in text or house in text
    assert hits >= 30


def test_style_for_sources() -> None:
    assert texts.style_for(Source.IM) == "social"
    assert texts.style_for(Source.GOSPUBLIC) == "social"
    assert texts.style_for(Source.POS) == "formal"
    assert texts.style_for(Source.HOTLINE) == "formal"


def test_place_slots_address() -> None:
    place = PlaceSlots("Никольское", texts.Street("ул. Школьная", "на Школьной"), "7", "с.")
    assert place.address == "с. Никольское, ул. Школьная, д. 7"


def test_every_computed_slot_gets_its_value(corpus_doc: dict[str, Any]) -> None:
    doc = copy.deepcopy(corpus_doc)
    probe = " ".join(f"{name}=<{{{name}}}>" for name in LEAF_SLOTS)
    doc["categories"]["roads.sidewalks"]["formal"] = [probe] * 3
    doc["categories"]["roads.sidewalks"]["titles"] = ["{street}"] * 2
    composer = TextComposer(corpus_from_json(doc))
    street = texts.Street("ул. Мира", "на Мира")
    place = PlaceSlots("Набережные Челны", street, "12к2", "г.", 45, 7, 112, 3, "37а")
    rng = random.Random(1)
    title, text = composer.compose(
        rng, "roads", "roads.sidewalks", source_style="formal", place=place, when=date(2025, 3, 14)
    )
    assert title == "ул. Мира"
    got = dict(re.findall(r"(\w+)=<([^>]*)>", text))
    assert set(got) == set(LEAF_SLOTS)
    assert got["city"] == "Набережные Челны"
    assert got["settlement"] == "г. Набережные Челны"
    assert got["city_tag"] == "#НабережныеЧелны"
    assert got["address"] == "г. Набережные Челны, ул. Мира, д. 12к2"
    assert (got["street"], got["on_street"], got["house"]) == ("ул. Мира", "на Мира", "12к2")
    assert (got["flat"], got["school"], got["kindergarten"]) == ("45", "7", "112")
    assert (got["clinic"], got["route"]) == ("3", "37а")
    assert 2 <= int(got["floor"]) <= 9
    assert 12 <= int(got["temp"]) <= 17
    assert 2012 <= int(got["year"]) <= 2024
    assert re.fullmatch(r"\d{1,2} (февраля|марта)", got["date"])
    assert re.fullmatch(r"\d{1,2} \d{3}|\d{3}", got["amount"])
    assert re.fullmatch(r"\d{10}", got["account"])


# --- the corpus file ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        (resources_dir() / "demo" / "texts_ru.json").read_text(encoding="utf-8")
    )
    return doc


def _append(items: list[Any], value: Any, path: str) -> str:
    items.append(value)
    return f"{path}[{len(items) - 1}]"


BREAKAGES: dict[str, Any] = {
    "unknown slot": lambda d: _append(
        d["categories"]["roads.sidewalks"]["social"], "яма {nowhere}",
        "categories.roads.sidewalks.social",
    ),
    "stray brace": lambda d: (
        d["formal"]["closers"].__setitem__(0, "Спасибо {") or "formal.closers[0]"
    ),
    "phrase in phrase": lambda d: _append(d["phrases"]["since"], "с {duration}", "phrases.since"),
    "phrase shadows a leaf": lambda d: d["phrases"].__setitem__("house", ["1"]) or "phrases",
    "half a street": lambda d: _append(d["streets"], ["ул. Одна"], "streets"),
    "no titles": lambda d: d["categories"]["roads.sidewalks"].pop("titles") and (
        "categories.roads.sidewalks.titles"
    ),
    "wrong version": lambda d: d.__setitem__("version", 2) or "format",
}  # fmt: skip


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_malformed_corpus_names_the_json_path(corpus_doc: dict[str, Any], breakage: str) -> None:
    doc = copy.deepcopy(corpus_doc)
    where = BREAKAGES[breakage](doc)
    with pytest.raises(CorpusError) as info:
        corpus_from_json(doc)
    assert info.value.path == where
