"""CSV through a mapping file: cp1251 and UTF-8 with BOM, JSON and TOML mappings."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cur_desktop.central.importers.aliases import (
    aliases_from_doc,
    default_aliases,
    read_document,
)
from cur_desktop.central.importers.csv_import import parse_csv
from cur_desktop.central.importers.vocabulary import Vocabulary
from cur_desktop.domain.enums import Importance, Kind, Source, Status
from cur_desktop.regions.pack import builtin_pack_dir, load_pack

MSK = ZoneInfo("Europe/Moscow")
MAPPING = {
    "source": "hotline",
    "kind": "appeal",
    "encoding": "cp1251",
    "delimiter": ";",
    "date_format": "%d.%m.%Y %H:%M",
    "columns": {
        "external_id": "Номер обращения",
        "created_at": "Дата поступления",
        "text": "Суть обращения",
        "theme": "Тематика",
        "category": "Вопрос",
        "municipality": "Район",
        "body": "Исполнитель",
        "status": "Состояние",
        "importance": "Срочность",
        "author_name": "Заявитель",
        "author_phone": "Телефон",
    },
    "values": {"status": {"Принято": "routed", "Исполнено": "answered"}},
}
HEADER = "Номер обращения;Дата поступления;Суть обращения;Тематика;Вопрос;Район;Исполнитель;"
HEADER += "Состояние;Срочность;Заявитель;Телефон;Лишняя колонка"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    pack = load_pack(builtin_pack_dir())
    return Vocabulary(pack.dictionaries, default_aliases(pack.code, pack.root))


def write_csv(path: Path, lines: list[str], encoding: str) -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def test_cp1251_with_a_json_mapping(tmp_path: Path, vocabulary: Vocabulary) -> None:
    lines = [
        HEADER,
        (
            'ГЛ-1;05.03.2024 09:15;"Нет горячей воды; уже неделю";ЖКХ;Нет горячей воды;Алексин;'
            "Государственная жилищная инспекция Тульской области;Принято;Высокая;Иванов И.И.;"
            "+79000000000;x"
        ),
        "",
        (
            'ГЛ-2;06.03.2024 10:00;"Многострочный\nтекст";Дороги;Ямы и выбоины на дорогах;'
            "Ясногорский район;;Исполнено;;;;"
        ),
    ]
    path = write_csv(tmp_path / "hotline.csv", lines, "cp1251")
    result = parse_csv(path, vocabulary, tz=MSK, mapping=MAPPING)
    assert result.errors == ()
    first, second = result.records
    assert first.source is Source.HOTLINE
    assert first.kind is Kind.APPEAL
    assert first.row == 2
    assert first.created_at == datetime(2024, 3, 5, 6, 15, tzinfo=UTC)
    assert first.text == "Нет горячей воды; уже неделю"
    assert (first.theme, first.category, first.subcategory) == (
        "housing",
        "housing.water",
        "housing.water.hot",
    )
    assert first.municipality == "70706000"
    assert first.body == "housing-inspection"
    assert first.status is Status.ROUTED
    assert first.importance is Importance.HIGH
    assert first.author_name == "Иванов И.И."
    assert second.row == 4  # the empty line 3 is skipped, numbering stays true
    assert second.text == "Многострочный\nтекст"
    assert second.status is Status.ANSWERED
    assert second.municipality == "70650000"


def test_utf8_bom_with_a_toml_mapping(tmp_path: Path, vocabulary: Vocabulary) -> None:
    (tmp_path / "map.toml").write_text(
        "\n".join(
            [
                'encoding = "utf-8"',
                "[columns]",
                'external_id = "id"',
                'created_at = "created"',
                'category = "category"',
                'status = "status"',
                "[aliases.categories]",
                '"Дырка в асфальте" = "roads.potholes"',
            ]
        ),
        encoding="utf-8",
    )
    mapping = read_document(tmp_path / "map.toml")
    lines = [
        "id,created,category,status",
        "p-1,2024-03-05T09:15:00+03:00,Дырка в асфальте,в работе",
        "p-2,2024-03-05,Уличное освещение,new",
    ]
    path = write_csv(tmp_path / "portal.csv", lines, "utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    aliases = vocabulary.aliases.merged(aliases_from_doc(mapping.pop("aliases"), "map.toml"))
    vocab = Vocabulary(vocabulary.dictionaries, aliases)
    result = parse_csv(path, vocab, tz=MSK, mapping=mapping)
    assert result.errors == ()
    first, second = result.records
    assert first.source is Source.PORTAL
    assert first.category == "roads.potholes"
    assert first.status is Status.IN_PROGRESS
    assert second.created_at == datetime(2024, 3, 4, 21, 0, tzinfo=UTC)  # midnight in Moscow
    assert second.category == "improvement.lighting"
    assert second.status is Status.NEW


def test_auto_encoding_falls_back_to_cp1251(tmp_path: Path, vocabulary: Vocabulary) -> None:
    mapping = {**MAPPING, "encoding": "auto"}
    lines = [HEADER, "ГЛ-9;05.03.2024 09:15;Текст;Дороги;Светофоры;г. Тула;;;;;;"]
    result = parse_csv(
        write_csv(tmp_path / "a.csv", lines, "cp1251"), vocabulary, tz=MSK, mapping=mapping
    )
    assert result.errors == ()
    assert result.records[0].category == "roads.traffic_lights"


def test_malformed_rows(tmp_path: Path, vocabulary: Vocabulary) -> None:
    lines = [
        HEADER,
        "ГЛ-1;05.03.2024 09:15;Текст;Дороги;Светофоры;г. Тула;;Принято;;;;",
        ";05.03.2024 09:15;Текст;Дороги;Светофоры;г. Тула;;Принято;;;;",
        "ГЛ-3;5 марта;Текст;Дороги;Светофоры;г. Тула;;Принято;;;;",
        "ГЛ-4;05.03.2024 09:15;Текст;Дороги;Светофоры;г. Тула;;Потеряно;Сверхсрочная;;;",
        "ГЛ-5;05.03.2024 09:15;" + "ж" * 40_000 + ";Дороги;Светофоры;г. Тула;;;;;;",
        "ГЛ-6;05.03.2024 09:15;Текст;Дороги;Светофоры;Гондор;Орден джедаев;;;;;",
    ]
    result = parse_csv(
        write_csv(tmp_path / "m.csv", lines, "cp1251"), vocabulary, tz=MSK, mapping=MAPPING
    )
    # unknown words keep their rows (counted for the admin); unreadable values refuse them
    assert [r.external_id for r in result.records] == ["ГЛ-1", "ГЛ-4", "ГЛ-6"]
    found = {(e.row, e.field, e.reason_code) for e in result.errors}
    assert found == {
        (3, "Номер обращения", "missing_value"),
        (4, "Дата поступления", "bad_date"),
        (6, "Суть обращения", "too_long"),
    }
    unknown = {(u.kind, u.column, u.value, u.first_row) for u in result.unknowns}
    assert unknown == {
        ("status", "Состояние", "Потеряно", 5),
        ("importance", "Срочность", "Сверхсрочная", 5),
        ("municipality", "Район", "Гондор", 7),
        ("body", "Исполнитель", "Орден джедаев", 7),
    }
    assert result.records[2].executor == "Орден джедаев"  # kept as text
    for error in result.errors:  # personal data and long texts never end up in messages
        assert "ж" * 50 not in error.message


@pytest.mark.parametrize(
    ("mapping_change", "content", "code"),
    [
        ({"encoding": "utf-8"}, "Номер;Дата\n1;2".encode("cp1251"), "bad_encoding"),
        ({}, "Номер;Дата\n1;2".encode("cp1251"), "missing_columns"),
        ({"columns": {"text": "Текст"}}, b"x", "bad_mapping"),
        ({"encoding": "koi8-r"}, b"x", "bad_mapping"),
        ({"source": "pigeon"}, b"x", "bad_mapping"),
        ({"delimeter": ";"}, b"x", "bad_mapping"),
    ],
)
def test_whole_file_problems_are_one_error(
    tmp_path: Path,
    vocabulary: Vocabulary,
    mapping_change: dict[str, object],
    content: bytes,
    code: str,
) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    result = parse_csv(path, vocabulary, tz=MSK, mapping={**MAPPING, **mapping_change})
    assert result.records == ()
    assert [(e.row, e.reason_code) for e in result.errors] == [(0, code)]


def test_a_field_past_the_csv_modules_limit_refuses_its_row_only(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    huge = '"' + "ж" * 200_000 + '"'  # past the csv module's default 128 KiB per field
    lines = [
        HEADER,
        f"ГЛ-1;05.03.2024 09:15;{huge};Дороги;Светофоры;г. Тула;;;;;;",
        "ГЛ-2;05.03.2024 09:20;Светофор не работает;Дороги;Светофоры;г. Тула;;;;;;",
    ]
    result = parse_csv(
        write_csv(tmp_path / "h.csv", lines, "cp1251"), vocabulary, tz=MSK, mapping=MAPPING
    )
    assert [r.external_id for r in result.records] == ["ГЛ-2"]
    assert [(e.row, e.field, e.reason_code) for e in result.errors] == [
        (2, "Суть обращения", "too_long")
    ]


def test_mapping_json_file_round_trip(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text(json.dumps(MAPPING, ensure_ascii=False), encoding="utf-8-sig")
    assert read_document(tmp_path / "m.json") == MAPPING
