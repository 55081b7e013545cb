"""Source vocabulary → ours: names, aliases, status words and cell values."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cur_desktop.central.importers.aliases import (
    STATUS_TABLES,
    AliasError,
    Aliases,
    aliases_from_doc,
    default_aliases,
    load_aliases,
)
from cur_desktop.central.importers.cells import (
    CellError,
    cell_text,
    norm,
    parse_datetime,
    parse_duration,
    parse_yes_no,
)
from cur_desktop.central.importers.mapping import (
    IM_CLOSING_REASONS,
    POS_STATUS_CODES,
    Outcome,
    lookup_importance,
    lookup_outcome,
)
from cur_desktop.central.importers.vocabulary import Vocabulary
from cur_desktop.domain.dictionaries_io import load_default_dictionaries
from cur_desktop.domain.enums import Importance, Reaction, Status
from cur_desktop.regions.pack import builtin_pack_dir, load_pack

MSK = ZoneInfo("Europe/Moscow")
VLADIVOSTOK = ZoneInfo("Asia/Vladivostok")


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    pack = load_pack(builtin_pack_dir())
    return Vocabulary(pack.dictionaries, default_aliases(pack.code, pack.root))


def test_category_names_ignore_case_yo_and_spaces(vocabulary: Vocabulary) -> None:
    levels = [("К", "  ЖИЛИЩНО-КОММУНАЛЬНОЕ  хозяйство "), ("П", "нет  горячей воды")]
    assert vocabulary.category_path(levels) == ("housing", "housing.water", "housing.water.hot")
    yo = [("К", "Твёрдые коммунальные отходы"), ("П", "Вывоз мусора")]
    assert vocabulary.category_path(yo) == ("waste", "waste.collection", None)


def test_every_default_category_resolves_by_its_own_name(vocabulary: Vocabulary) -> None:
    dictionaries = load_default_dictionaries()
    for category in dictionaries.categories:
        theme = dictionaries.theme(category.theme)
        assert theme is not None
        path = vocabulary.category_path([("t", theme.name), ("c", category.name)])
        expected = (category.parent, category.code) if category.parent else (category.code, None)
        assert path == (category.theme, *expected), category.code


def test_category_mismatches_are_refused(vocabulary: Vocabulary) -> None:
    with pytest.raises(CellError) as wrong_theme:
        vocabulary.category_path([("К", "Здравоохранение"), ("П", "Вывоз мусора")])
    assert wrong_theme.value.code == "unknown_category"
    assert wrong_theme.value.field == "П"
    with pytest.raises(CellError) as wrong_parent:
        vocabulary.category_path([("К", "Отопление"), ("П", "Нет горячей воды")])
    assert wrong_parent.value.code == "unknown_category"
    assert vocabulary.category_path([("К", ""), ("П", "")]) == (None, None, None)
    for _ in range(2):  # a remembered refusal is raised again for the next row
        with pytest.raises(CellError, match="Луна"):
            vocabulary.category_path([("К", "Луна")])


def test_municipality_names_and_codes(vocabulary: Vocabulary) -> None:
    expected = {
        "Городской округ город Тула": "70701000",
        "г. Тула": "70701000",
        "ТУЛА": "70701000",
        "Новомосковск": "70724000",
        "Щёкинский муниципальный район": "70648000",
        "Щекинского района": "70648000",
        "Тепло-Огарёвский район": "70642000",
        "70650000": "70650000",
        "70650101001": "70650000",  # an 11-digit settlement code: its municipality
    }
    for text, oktmo in expected.items():
        assert vocabulary.municipality(text) == oktmo, text
    assert vocabulary.municipality("Тульская область") is None  # region-wide alias
    assert vocabulary.municipality("") is None
    for bad in ("Москва", "45000000"):
        with pytest.raises(CellError) as exc:
            vocabulary.municipality(bad)
        assert exc.value.code == "unknown_municipality"


def test_organisations(vocabulary: Vocabulary) -> None:
    assert vocabulary.body("Министерство здравоохранения Тульской области") == "min-health"
    assert vocabulary.body("минздрав") == "min-health"  # short name
    assert vocabulary.body("Администрация города Новомосковска") == "adm-70724000"
    assert vocabulary.body("Минтранс Тульской области") == "min-transport"  # RU-TUL alias
    assert vocabulary.find_body("ООО «Ромашка»") is None
    with pytest.raises(CellError) as exc:
        vocabulary.body("ООО «Ромашка»")
    assert exc.value.code == "unknown_body"


def test_rejection_reasons(vocabulary: Vocabulary) -> None:
    assert vocabulary.rejection_reason("Дубликат") == "duplicate"
    assert vocabulary.rejection_reason("Реклама") == "spam"
    assert vocabulary.rejection_reason("court") == "court"
    with pytest.raises(CellError):
        vocabulary.rejection_reason("Не понравилось")


def outcome(table: str, word: str) -> Outcome:
    found = lookup_outcome(table, word)
    assert found is not None
    return found


def test_every_pos_code_and_im_reason_of_the_domain_is_known() -> None:
    for code in (
        "MODERATION_NEW",
        "MODERATION_ACCEPT",
        "MODERATION_DECLINE",
        "FORWARD_TO_PARENT",
        "FORWARD_TO_SUBORDINATE",
        "SET_EXECUTOR",
        "TAKE_TO_WORK",
        "POSTPONE",
        "SEND_RESPONSE",
    ):
        assert lookup_outcome("pos_statuses", code) == POS_STATUS_CODES[code.lower()]
    for stage in ("Модерация", "Координация", "Исполнение", "Согласование/утверждение"):
        assert lookup_outcome("pos_stages", stage) is not None
    assert outcome("pos_stages", "Согласование/утверждение").status is Status.IN_PROGRESS
    assert IM_CLOSING_REASONS["автор недоволен"].reaction is Reaction.DISSATISFIED
    assert outcome("im_closing_reasons", "  АВТОР  НЕЙТРАЛЕН ").reaction is Reaction.NEUTRAL
    assert outcome("open311", "in_progress").status is Status.IN_PROGRESS
    assert outcome("pos_stages", "reopened").status is Status.REOPENED  # our own codes too
    assert lookup_outcome("pos_stages", "") is None
    with pytest.raises(CellError) as exc:
        lookup_outcome("pos_statuses", "SELF_DESTRUCT")
    assert exc.value.code == "unknown_status"
    assert lookup_importance("ЛС") is Importance.PRIVATE


def test_status_aliases_point_at_known_words() -> None:
    aliases = aliases_from_doc({"pos_stages": {"Закрыто модератором": "Отклонено"}}, "t")
    outcome = lookup_outcome("pos_stages", "закрыто МОДЕРАТОРОМ", aliases)
    assert outcome is not None
    assert outcome.status is Status.REJECTED


def test_alias_layers_merge_later_wins(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "import_aliases.json").write_text(
        json.dumps({"format": "cur-import-aliases", "themes": {"ЖКХ": "energy"}}),
        encoding="utf-8",
    )
    merged = default_aliases("RU-TUL", pack)
    assert merged.get("themes", "жкх") == "energy"  # the pack's own file wins
    assert merged.get("municipalities", "Тульская область") == ""  # RU-TUL file kept
    assert merged.get("categories", "Ямы на дорогах") == "roads.potholes"  # shipped kept
    assert Aliases().merged(merged).tables == merged.tables


@pytest.mark.parametrize(
    ("doc", "problem"),
    [
        ({"colours": {}}, "unknown alias table"),
        ({"themes": ["ЖКХ"]}, "expected an object"),
        ({"themes": {"ЖКХ": 5}}, "expected a string"),
        ({"themes": {"  ": "housing"}}, "must not be empty"),
    ],
)
def test_bad_alias_documents(doc: dict[str, object], problem: str) -> None:
    with pytest.raises(AliasError, match=problem):
        aliases_from_doc(doc, "test.json")


def test_alias_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(AliasError, match=r"broken\.json"):
        load_aliases(path)
    with pytest.raises(AliasError, match="cannot read"):
        load_aliases(tmp_path / "missing.json")


def test_shipped_aliases_all_point_at_existing_codes() -> None:
    pack = load_pack(builtin_pack_dir())
    codes = {
        "themes": {t.code for t in pack.dictionaries.themes},
        "categories": {c.code for c in pack.dictionaries.categories},
        "municipalities": {m.oktmo for m in pack.dictionaries.municipalities} | {""},
        "bodies": {b.code for b in pack.dictionaries.bodies},
        "rejection_reasons": {r.code for r in pack.dictionaries.rejection_reasons},
    }
    codes["settlements"] = codes["streets"] = codes["municipalities"]
    codes["themes"].add("")  # "known, none of ours"
    codes["categories"].add("")
    aliases = default_aliases(pack.code)
    for table, entries in aliases.tables.items():
        for alias, target in entries.items():
            if table in STATUS_TABLES:  # a status word points at a word the tables know
                assert lookup_outcome(table, alias, aliases) is not None, f"{table}: {alias}"
            else:
                assert target in codes[table], f"{table}: {alias} → {target}"


def test_dates_in_the_region_zone() -> None:
    assert parse_datetime("05.03.2024 10:00", MSK) == datetime(2024, 3, 5, 7, 0, tzinfo=UTC)
    assert parse_datetime("05.03.2024 10:00", VLADIVOSTOK) == datetime(2024, 3, 5, 0, 0, tzinfo=UTC)
    assert parse_datetime(datetime(2024, 3, 5, 10, 0), MSK) == datetime(2024, 3, 5, 7, tzinfo=UTC)
    assert parse_datetime("2024-03-05T10:00:00Z", MSK) == datetime(2024, 3, 5, 10, tzinfo=UTC)
    assert parse_datetime("", MSK) is None
    for bad in ("завтра", "31.02.2024", "05.03.1812"):
        with pytest.raises(CellError):
            parse_datetime(bad, MSK)
    custom = parse_datetime("2024/03/05 10h", MSK, ("%Y/%m/%d %Hh",))
    assert custom == datetime(2024, 3, 5, 7, tzinfo=UTC)


def test_durations_and_yes_no() -> None:
    assert parse_duration("52:10:05") == timedelta(hours=52, minutes=10, seconds=5)
    assert parse_duration("-1:20:00") == -timedelta(hours=1, minutes=20)
    assert parse_duration(time(1, 30)) == timedelta(hours=1, minutes=30)
    assert parse_duration(0.5) == timedelta(hours=12)
    assert parse_duration(datetime(1900, 1, 1, 4, 0)) == timedelta(days=2, hours=4)  # Excel [h]
    with pytest.raises(CellError):
        parse_duration("полчаса")
    assert parse_yes_no("Да") is True
    assert parse_yes_no(" нет ") is False
    assert parse_yes_no(None) is None


def test_cell_text() -> None:
    assert cell_text(12345.0) == "12345"
    assert cell_text("  два\u00a0 слова \n") == "два слова"
    assert norm("«Ёлки», ПАЛКИ!") == "елки палки"
    with pytest.raises(CellError) as exc:
        cell_text("x" * 2001)
    assert exc.value.code == "too_long"
