"""Suggestions in the core: the stored form, the model on an invented corpus, places,
the category search by meaning and the region's macros."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Kind, Source
from cur_desktop.domain.suggestions import Scored, Suggestions
from cur_desktop.protocol.columns import appeal_to_columns, columns_to_appeal
from cur_desktop.protocol.wire import WireError, appeal_from_wire, appeal_to_wire
from cur_desktop.regions import RegionPack, builtin_pack_dir, load_pack
from cur_desktop.regions.gazetteer import Gazetteer
from cur_desktop.suggest.category_search import (
    CategoryIndex,
    path_confidence,
    suggested_path,
)
from cur_desktop.suggest.evaluate import evaluate, format_report, load_corpus, time_split
from cur_desktop.suggest.macros import MacroError, load_macros, parse_macros
from cur_desktop.suggest.model import Example, SuggestModel, train
from cur_desktop.suggest.places import PlaceFinder

CORPUS = Path(__file__).parents[3] / "bench" / "data" / "appeals_ru.jsonl"
TULA, BOGORODITSK = "70701000", "70608000"


@pytest.fixture(scope="module")
def pack() -> RegionPack:
    return load_pack(builtin_pack_dir())


@pytest.fixture(scope="module")
def gazetteer(pack: RegionPack) -> Gazetteer:
    return Gazetteer.for_region(pack.dictionaries, pack.code, pack_dir=pack.root)


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def model(corpus: list[Example], pack: RegionPack, gazetteer: Gazetteer) -> SuggestModel:
    return train(corpus, pack.dictionaries, trained_at="test", gazetteer=gazetteer)


SUGGESTED = Suggestions(
    theme=(Scored("roads", 0.9),),
    category=(Scored("roads.potholes", 0.8), Scored("improvement.yards", 0.1)),
    subcategory=(Scored("roads.potholes.yard", 0.7),),
    municipality=(Scored(TULA, 0.95),),
    body=(Scored("adm-70701000", 0.6), Scored("min-transport", 0.4)),
    routes=(("roads.potholes", (Scored("adm-70701000", 0.6),)),),
    model="2026-12-07T05:00Z",
)


def appeal(**changes: object) -> Appeal:
    base = Appeal(
        id=7,
        source=Source.POS,
        external_id="P-7",
        kind=Kind.MESSAGE,
        created_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
        text="Во дворе яма",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_suggestions_travel_with_the_appeal_on_the_wire_and_in_both_stores() -> None:
    a = appeal(suggestions=SUGGESTED)
    assert appeal_from_wire(json.loads(json.dumps(appeal_to_wire(a)))).suggestions == SUGGESTED
    assert columns_to_appeal(appeal_to_columns(a)).suggestions == SUGGESTED
    plain = appeal()
    assert appeal_to_wire(plain)["suggestions"] is None
    assert columns_to_appeal(appeal_to_columns(plain)).suggestions is None
    assert SUGGESTED.bodies_for("roads.potholes")[0].code == "adm-70701000"
    assert SUGGESTED.bodies_for("waste.collection") == SUGGESTED.body


def test_a_malformed_suggestion_is_a_wire_error_not_half_an_appeal() -> None:
    wire = appeal_to_wire(appeal())
    for bad in ({"category": [["roads", "high"]]}, [1, 2], {"routes": [1]}):
        wire["suggestions"] = bad
        with pytest.raises(WireError):
            appeal_from_wire(wire)


def test_the_corpus_is_a_thousand_varied_messages_with_categories(corpus: list[Example]) -> None:
    assert len(corpus) >= 1000
    assert len({ex.category for ex in corpus}) >= 30
    assert len({ex.text for ex in corpus}) > 0.95 * len(corpus)


def test_on_a_time_split_the_model_beats_the_majority_by_far(
    corpus: list[Example], pack: RegionPack, gazetteer: Gazetteer
) -> None:
    older, newer = time_split(corpus)
    assert max(ex.created_at for ex in older) <= min(ex.created_at for ex in newer)
    result = evaluate(corpus, pack.dictionaries, gazetteer)
    print("\n" + format_report("corpus", result))
    by = {s.field: s for s in result.scores}
    category = by["category"]
    assert category.top1 >= 0.8
    assert category.base_top1 <= 0.1
    assert by["theme"].top3 >= 0.95
    history = by["body (history: category × municipality)"]
    assert history.top1 > by["body (text only)"].top1  # the routing history beats the text
    assert by["municipality"].top1 > by["municipality"].base_top1 + 0.5


def test_the_body_is_the_one_this_region_routed_such_appeals_to(model: SuggestModel) -> None:
    lights = model.suggest(
        appeal(
            text="На улице не горят фонари, темно", address="г. Тула, ул. Мира", municipality=TULA
        )
    )
    assert lights.category[0].code == "improvement.lighting"
    # the corpus's history routes street lighting in Tula to the town, not to a ministry
    assert lights.body[0].code == "adm-70701000"
    assert lights.body[0].confidence > 0.7
    assert dict(lights.routes)["improvement.lighting"][0].code == "adm-70701000"
    health = model.suggest(appeal(text="Талонов к терапевту нет, записаться невозможно"))
    assert health.category[0].code == "health.appointments"
    assert health.body[0].code == "min-health"


def test_blobs_round_trip(model: SuggestModel) -> None:
    again = SuggestModel.loads(model.dumps())
    a = appeal(text="Мусор не вывозят неделю, баки переполнены", address="г. Тула")
    assert again.suggest(a) == model.suggest(a)


def test_places_in_any_case_from_the_address_first_then_the_text(
    pack: RegionPack, gazetteer: Gazetteer
) -> None:
    finder = PlaceFinder(pack.dictionaries.municipalities, gazetteer)
    assert finder.find("г. Тула, ул. Ленина, д. 5", "")[0].code == TULA
    assert finder.find("", "У нас в Богородицке опять нет воды")[0].code == BOGORODITSK
    from_address = finder.find("г. Тула, ул. Мира", "был вчера в Богородицке")
    assert from_address[0].code == TULA
    assert finder.find("", "нет воды") == ()
    bare = PlaceFinder(pack.dictionaries.municipalities)  # the dictionaries alone
    assert bare.find("", "в Богородицком районе")[0].code == BOGORODITSK
    assert bare.find("", "в Щекино")[0].code == "70648000"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("яма двор", "Дороги › Ямы и выбоины на дорогах › Ямы во дворах"),
        ("двор яма", "Дороги › Ямы и выбоины на дорогах › Ямы во дворах"),
        ("ямы во дворе", "Дороги › Ямы и выбоины на дорогах › Ямы во дворах"),
        ("парк", "Благоустройство › Парки и скверы"),
        ("фонарь", "Благоустройство › Уличное освещение"),
        ("фонари не горят", "Благоустройство › Уличное освещение › Не горят фонари"),
    ],
)
def test_the_category_list_searches_by_meaning(pack: RegionPack, query: str, first: str) -> None:
    found = CategoryIndex(pack.dictionaries).search(query)
    assert found
    assert found[0].text.startswith(first)


def test_parks_before_parking_and_the_suggestion_breaks_ties(pack: RegionPack) -> None:
    index = CategoryIndex(pack.dictionaries)
    texts = [e.text for e in index.search("парк")]
    assert texts.index("Благоустройство › Парки и скверы") < texts.index(
        "Благоустройство › Благоустройство дворов › Парковка во дворах"
    )
    conf = path_confidence(SUGGESTED, pack.dictionaries)
    ranked = [e.code for e in index.search("яма", conf)]
    assert ranked[0] == "roads|roads.potholes"  # 0.8 above its subcategory's 0.7
    assert [e.code for e in index.search("", conf)][:2] == [
        "roads|roads.potholes",
        "roads|roads.potholes|roads.potholes.yard",
    ]
    assert (
        suggested_path(SUGGESTED, pack.dictionaries) == "roads|roads.potholes|roads.potholes.yard"
    )


def test_the_region_macros_load(pack: RegionPack) -> None:
    macros = load_macros(pack.root, pack.dictionaries)
    assert [m.key for m in macros] == ["F3", "F4", "F8"]
    yard = macros[0]
    assert (yard.theme, yard.category, yard.subcategory) == (
        "roads",
        "roads.potholes",
        "roads.potholes.yard",
    )
    assert yard.body_for(pack.dictionaries, TULA, None) == "adm-70701000"
    assert macros[2].body_for(pack.dictionaries, TULA, None) == "tko-operator"


def _doc(**macro: object) -> dict[str, object]:
    base: dict[str, object] = {
        "code": "m", "key": "F3", "title": "t", "category": "roads.potholes",
    }  # fmt: skip
    base.update(macro)
    return {"format": "cur-triage-macros", "version": 1, "macros": [base]}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (_doc(category="roads.nothing"), "category 'roads.nothing' is not a category"),
        (_doc(key="Ctrl+Q"), "key 'Ctrl+Q' is not one of"),
        (_doc(subcategory="improvement.yards.parking"), "is not under category"),
        (_doc(body="min-nothing"), "body 'min-nothing' is not a body"),
        (_doc(template="no.such"), "template 'no.such' is not an answer template"),
        (_doc(theme="waste"), "belongs to theme 'roads', not 'waste'"),
        (_doc(title=None), "«title» is required"),
        ({"format": "other"}, "not a macros file"),
        ({"format": "cur-triage-macros", "version": 2, "macros": []}, "version 2"),
    ],
)
def test_a_broken_macro_says_where_and_why(pack: RegionPack, doc: object, message: str) -> None:
    with pytest.raises(MacroError, match=r"macros\.json") as err:
        parse_macros(doc, pack.dictionaries, source="macros.json")
    assert message in str(err.value)


def test_two_macros_on_one_key_are_refused(pack: RegionPack, tmp_path: Path) -> None:
    doc = _doc()
    macros = doc["macros"]
    assert isinstance(macros, list)
    macros.append({**macros[0], "code": "other"})
    with pytest.raises(MacroError, match="two macros have the key 'F3'"):
        parse_macros(doc, pack.dictionaries)
    (tmp_path / "macros.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(MacroError, match="cannot be read as JSON"):
        load_macros(tmp_path, pack.dictionaries)
    assert load_macros(tmp_path / "none", pack.dictionaries) == ()
