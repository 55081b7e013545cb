"""The dictionaries JSON format, its loader and the shipped defaults."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from cur_desktop.domain.dictionaries import DEFAULT_THEME_CODES, Dictionaries, template_values
from cur_desktop.domain.dictionaries_io import (
    DictionaryError,
    dictionaries_from_json,
    dictionaries_to_json,
    load_default_dictionaries_doc,
    merge_dictionary_docs,
    resources_dir,
)
from cur_desktop.domain.enums import Importance, Source

KNOWN_PLACEHOLDERS = {
    "number", "date", "address", "municipality", "body", "category", "deadline", "author_name",
}  # fmt: skip
THEME_NAMES = {
    "roads": "Дороги",
    "improvement": "Благоустройство",
    "housing": "Жилищно-коммунальное хозяйство",
    "waste": "Твердые коммунальные отходы",
    "energy": "Энергетика",
    "transport": "Транспорт",
    "health": "Здравоохранение",
    "education": "Образование",
    "social": "Социальная защита",
}


@pytest.fixture(scope="module")
def defaults_doc() -> dict[str, Any]:
    return load_default_dictionaries_doc()


@pytest.fixture(scope="module")
def defaults(defaults_doc: dict[str, Any]) -> Dictionaries:
    return dictionaries_from_json(defaults_doc)


def small_doc() -> dict[str, Any]:
    return {
        "format": "cur-dictionaries",
        "version": 1,
        "themes": [
            {"code": "roads", "name": "Дороги", "block": "Б", "color": "#CC6677"},
            {"code": "waste", "name": "ТКО", "color": "#999933"},
        ],
        "categories": [
            {"code": "roads.potholes", "name": "Ямы", "theme": "roads", "keywords": ["ям"]},
            {
                "code": "roads.potholes.yard",
                "name": "Во дворе",
                "theme": "roads",
                "parent": "roads.potholes",
            },
            {"code": "waste.dumps", "name": "Свалки", "theme": "waste"},
        ],
        "municipalities": [
            {
                "oktmo": "70701000",
                "name": "Город Тула",
                "short_name": "г. Тула",
                "kind": "городской округ",
                "population": 540000,
                "label_lon": 37.6,
                "label_lat": 54.2,
                "tile_col": 2,
                "tile_row": 1,
            },
            {"oktmo": "70604000", "name": "Арсеньевский район"},
        ],
        "bodies": [
            {
                "code": "mintrans",
                "name": "Минтранс",
                "themes": ["roads"],
                "municipalities": ["70701000"],
            },
        ],
        "rejection_reasons": [{"code": "spam", "name": "Спам"}],
        "templates": [
            {
                "code": "t1",
                "title": "Принято",
                "text": "№ {number}",
                "themes": ["roads"],
                "interim": True,
            },
        ],
        "channels": [{"code": "pos", "name": "ПОС"}],
        "importance_levels": [{"code": "high", "name": "Высокая"}],
    }


# --- the shipped defaults --------------------------------------------------------------


def test_defaults_file_is_in_resources() -> None:
    assert (resources_dir() / "dictionaries" / "defaults.json").is_file()


def test_defaults_have_the_nine_themes_with_distinct_colours(defaults: Dictionaries) -> None:
    assert tuple(t.code for t in defaults.themes) == DEFAULT_THEME_CODES
    assert {t.code: t.name for t in defaults.themes} == THEME_NAMES
    colours = [t.color.upper() for t in defaults.themes]
    assert len(set(colours)) == len(colours)
    assert all(t.block for t in defaults.themes)


@pytest.mark.parametrize("theme", DEFAULT_THEME_CODES)
def test_every_theme_has_a_category_tree_and_others(defaults: Dictionaries, theme: str) -> None:
    top = defaults.categories_of(theme)
    assert 4 <= len(top) <= 8
    assert any(c.name == "Прочие по направлению" for c in top)
    assert any(2 <= len(defaults.subcategories_of(c.code)) <= 5 for c in top)
    for cat in top:
        assert cat.code.startswith(f"{theme}.")
        assert re.fullmatch(r"[a-z_]+(\.[a-z_]+){1,2}", cat.code)
        assert len(defaults.subcategories_of(cat.code)) <= 5
        if cat.name != "Прочие по направлению":
            assert cat.keywords, cat.code


def test_real_category_names_are_present(defaults: Dictionaries) -> None:
    names = {c.name for c in defaults.categories}
    for expected in (
        "Ямы и выбоины на дорогах", "Уборка снега и наледи", "Тротуары", "Светофоры",
        "Дорожные знаки и разметка", "Отопление", "Водоснабжение", "Водоотведение",
        "Управляющие компании", "Капитальный ремонт", "Подъезды", "Вывоз мусора",
        "Контейнерные площадки", "Несанкционированные свалки", "Начисления за вывоз ТКО",
    ):  # fmt: skip
        assert expected in names


def test_defaults_leave_region_data_empty(defaults: Dictionaries) -> None:
    assert defaults.municipalities == ()
    assert defaults.bodies == ()


def test_channels_and_importance_cover_the_enums(defaults: Dictionaries) -> None:
    assert {c.code for c in defaults.channels} == {s.value for s in Source}
    assert {i.code: i.name for i in defaults.importance_levels} == {
        Importance.NORMAL.value: "Обычная",
        Importance.HIGH.value: "Высокая",
        Importance.PRIVATE.value: "ЛС",
    }
    assert 8 <= len(defaults.rejection_reasons) <= 12
    assert defaults.rejection_reason("duplicate") is not None


def test_templates_render_with_all_placeholders_known(defaults: Dictionaries) -> None:
    from datetime import UTC, datetime

    assert 25 <= len(defaults.templates) <= 40
    assert any(t.interim for t in defaults.templates)
    assert any(not t.interim for t in defaults.templates)
    values = template_values(
        number="ПОС-123",
        created_at=datetime(2025, 3, 1, 9, tzinfo=UTC),
        address="г. Тула, ул. Ленина, д. 1",
        municipality="г. Тула",
        body="Минтранс",
        category="Ямы",
        deadline=datetime(2025, 3, 10, tzinfo=UTC),
        author_name="Анна Петровна",
    )
    for tpl in defaults.templates:
        assert set(tpl.placeholders) <= KNOWN_PLACEHOLDERS, tpl.code
        text = tpl.render(values)
        assert "{" not in text, tpl.code
        assert "}" not in text, tpl.code
        assert len(text) > 150, tpl.code
    used = {p for t in defaults.templates for p in t.placeholders}
    assert used == KNOWN_PLACEHOLDERS


def test_unknown_or_empty_placeholder_stays_visible(defaults: Dictionaries) -> None:
    tpl = defaults.template("general.accepted")
    assert tpl is not None
    text = tpl.render({"number": "17", "unknown": "x"})
    assert "17" in text
    assert "{deadline}" in text
    assert "{author_name}" in text


# --- round trip and malformed input ------------------------------------------------------


def test_round_trip_gives_an_equal_object(defaults: Dictionaries) -> None:
    assert dictionaries_from_json(dictionaries_to_json(defaults)) == defaults
    small = dictionaries_from_json(small_doc())
    again = dictionaries_from_json(dictionaries_to_json(small))
    assert again == small
    assert again.municipality("70701000") is not None
    assert again.category("roads.potholes.yard").parent == "roads.potholes"  # type: ignore[union-attr]


def _broken(path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(small_doc())
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (["format"], "something-else", "format"),
        (["version"], 2, "version"),
        (["version"], True, "version"),
        (["themes"], {"code": "roads"}, "themes"),
        (["themes", 1], "waste", "themes[1]"),
        (["themes", 0, "name"], _DELETE, "themes[0].name"),
        (["themes", 0, "name"], 5, "themes[0].name"),
        (["themes", 0, "color"], "red", "themes[0].color"),
        (["themes", 1, "code"], "roads", "themes[1].code"),
        (["categories", 2, "theme"], "nowhere", "categories[2].theme"),
        (["categories", 1, "parent"], "roads.missing", "categories[1].parent"),
        (["categories", 1, "parent"], "waste.dumps", "categories[1].parent"),
        (["categories", 0, "keywords"], "ям", "categories[0].keywords"),
        (["categories", 0, "keywords"], ["ям", 3], "categories[0].keywords[1]"),
        (["categories", 0, "colour"], "#FFFFFF", "categories[0].colour"),
        (["municipalities", 0, "oktmo"], "7070100", "municipalities[0].oktmo"),
        (["municipalities", 0, "oktmo"], 70701000, "municipalities[0].oktmo"),
        (["municipalities", 0, "population"], -5, "municipalities[0].population"),
        (["municipalities", 0, "label_lat"], 123.0, "municipalities[0].label_lat"),
        (["municipalities", 0, "tile_col"], "2", "municipalities[0].tile_col"),
        (["bodies", 0, "themes"], ["roads", "space"], "bodies[0].themes[1]"),
        (["bodies", 0, "municipalities"], ["11111111"], "bodies[0].municipalities[0]"),
        (["templates", 0, "interim"], "yes", "templates[0].interim"),
        (["templates", 0, "text"], _DELETE, "templates[0].text"),
        (["channels", 0, "code"], "telegraph", "channels[0].code"),
        (["importance_levels", 0, "code"], "urgent", "importance_levels[0].code"),
        (["rejection_reasons", 0], None, "rejection_reasons[0]"),
        (["extra"], [], "extra"),
    ],
)
def test_malformed_input_names_the_json_path(path: list[Any], value: Any, where: str) -> None:
    with pytest.raises(DictionaryError) as info:
        dictionaries_from_json(_broken(path, value))
    assert info.value.path == where
    assert str(info.value).startswith(f"{where}: ")


def test_error_in_the_real_defaults_names_its_index(defaults_doc: dict[str, Any]) -> None:
    doc = copy.deepcopy(defaults_doc)
    doc["categories"][12]["theme"] = "nowhere"
    with pytest.raises(DictionaryError, match=r"^categories\[12\]\.theme: unknown theme"):
        dictionaries_from_json(doc)


def test_error_is_a_value_error_and_comments_are_allowed() -> None:
    assert issubclass(DictionaryError, ValueError)
    doc = small_doc()
    doc["_comment"] = "anything"
    doc["themes"][0]["_note"] = "ignored"
    assert dictionaries_from_json(doc).theme("roads") is not None


# --- merging a region over the defaults --------------------------------------------------


def test_merge_replaces_by_key_appends_new_and_keeps_the_rest() -> None:
    base = small_doc()
    override = {
        "themes": [
            {"code": "waste", "name": "Отходы", "color": "#000000"},
            {"code": "culture", "name": "Культура", "color": "#123456"},
        ],
        "municipalities": [{"oktmo": "70604000", "name": "Арсеньевский муниципальный район"}],
        "categories": [
            {"code": "culture.other", "name": "Прочие по направлению", "theme": "culture"}
        ],
    }
    merged = merge_dictionary_docs(base, override)
    assert [t["code"] for t in merged["themes"]] == ["roads", "waste", "culture"]
    assert merged["themes"][1]["name"] == "Отходы"
    assert merged["themes"][0] == base["themes"][0]
    assert [c["code"] for c in merged["categories"]][-1] == "culture.other"
    assert merged["municipalities"][1]["name"] == "Арсеньевский муниципальный район"
    assert merged["municipalities"][0] == base["municipalities"][0]
    assert merged["bodies"] == base["bodies"]
    assert merged["format"] == "cur-dictionaries"
    d = dictionaries_from_json(merged)
    assert d.theme("culture") is not None
    assert small_doc() == base  # inputs are not modified


def test_merge_region_pack_onto_defaults(defaults_doc: dict[str, Any]) -> None:
    region = {
        "municipalities": small_doc()["municipalities"],
        "bodies": small_doc()["bodies"],
        "categories": [{"code": "roads.other", "name": "Прочие по направлению", "theme": "roads",
                        "keywords": ["обочин"]}],
    }  # fmt: skip
    merged = merge_dictionary_docs(defaults_doc, region)
    d = dictionaries_from_json(merged)
    assert len(d.categories) == len(defaults_doc["categories"])
    assert d.category("roads.other").keywords == ("обочин",)  # type: ignore[union-attr]
    assert d.bodies_for("roads", "70701000")[0].code == "mintrans"


def test_merge_refuses_entries_without_a_key() -> None:
    with pytest.raises(DictionaryError, match=r"^themes\[0\]\.code: "):
        merge_dictionary_docs(small_doc(), {"themes": [{"name": "без кода"}]})
    with pytest.raises(DictionaryError, match=r"^municipalities\[1\]\.oktmo: "):
        merge_dictionary_docs(small_doc(), {"municipalities": [{"oktmo": "1"}, {"oktmo": "1"}]})
