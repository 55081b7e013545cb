"""ПОС back-office export (XLSX, Sheet0) → imported appeals, with malformed rows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from cur_desktop.central.importers.aliases import default_aliases
from cur_desktop.central.importers.pos import parse_pos
from cur_desktop.central.importers.vocabulary import Vocabulary
from cur_desktop.domain.enums import Flag, Kind, Source, Status
from cur_desktop.regions.pack import builtin_pack_dir, load_pack

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
BASE = ["Номер", "Категория", "Подкатегория", "Организация, в которой находится сообщение"]
BASE += ["Стадия", "Просрочено"]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    pack = load_pack(builtin_pack_dir())
    return Vocabulary(pack.dictionaries, default_aliases(pack.code, pack.root))


def write_xlsx(
    path: Path, header: list[str], rows: list[list[object]], sheet: str = "Sheet0"
) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_minimal_export_maps_every_column(tmp_path: Path, vocabulary: Vocabulary) -> None:
    path = write_xlsx(
        tmp_path / "pos.xlsx",
        BASE,
        [
            [
                "1234567",
                "Дороги",
                "Ямы и выбоины на дорогах",
                "Администрация муниципального образования «Щекинский муниципальный район»",
                "Исполнение",
                "Нет",
            ],
            [
                "1234568",
                "Жилищно-коммунальное хозяйство",
                "Нет отопления",
                "Государственная жилищная инспекция Тульской области",
                "Модерация",
                "Да",
            ],
        ],
    )
    result = parse_pos(path, vocabulary, tz=MSK, now=NOW)
    assert result.errors == ()
    first, second = result.records
    assert first.source is Source.POS
    assert first.kind is Kind.MESSAGE
    assert first.external_id == "1234567"
    assert (first.theme, first.category, first.subcategory) == ("roads", "roads.potholes", None)
    assert first.body == "adm-70648000"
    assert first.municipality == "70648000"  # the administration serves one municipality
    assert first.status is Status.IN_PROGRESS
    assert first.overdue is False
    assert first.row == 2
    assert first.created_at == NOW
    assert first.created_at_known is False
    assert (second.category, second.subcategory) == (
        "housing.heating",
        "housing.heating.no_heating",
    )
    assert second.body == "housing-inspection"
    assert second.municipality is None
    assert second.status is Status.NEW
    assert second.overdue is True


def test_real_export_with_extra_columns_in_any_order(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    header = [
        "Просрочено",
        "Дата создания",
        "Служебное поле",
        "Номер",
        "Стадия",
        "Статус",
        "Подкатегория",
        "Категория",
        "Текст",
        "Адрес",
        "Муниципальное образование",
        "Организация, в которой находится сообщение",
        "Оценка",
        "Текст ответа",
        "Дата ответа",
        "Широта",
        "Долгота",
    ]
    created = datetime(2024, 2, 10, 9, 30)  # an Excel date cell: Moscow local time
    rows: list[list[object]] = [
        [
            "Нет",
            created,
            "x",
            777,
            "Согласование/утверждение",
            "SEND_RESPONSE",
            "Прочие по направлению",
            "ТКО",
            "Контейнеры переполнены",
            "ул. Ленина, 1",
            "г. Тула",
            "Региональный оператор по обращению с твёрдыми коммунальными отходами Тульской области",
            5,
            "Вывезено",
            "12.02.2024 15:00",
            "54,19",
            37.61,
        ]
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet0"
    ws.append(["Выгрузка сообщений ПОС за февраль"])  # a title row above the header
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.create_sheet("Справка")
    wb.save(tmp_path / "pos.xlsx")
    result = parse_pos(tmp_path / "pos.xlsx", vocabulary, tz=MSK, now=NOW)
    assert result.errors == ()
    (rec,) = result.records
    assert rec.external_id == "777"  # a numeric cell, not "777.0"
    assert rec.row == 3
    assert rec.created_at == datetime(2024, 2, 10, 6, 30, tzinfo=UTC)
    assert rec.created_at_known
    assert (rec.theme, rec.category) == ("waste", "waste.other")  # «Прочие» under its theme
    assert rec.status is Status.CLOSED  # SEND_RESPONSE + a rating: nothing left to do
    assert rec.satisfaction_rating == 5
    assert rec.municipality == "70701000"
    assert rec.body == "tko-operator"
    assert rec.answered_at == datetime(2024, 2, 12, 12, 0, tzinfo=UTC)
    assert (rec.lat, rec.lon) == (54.19, 37.61)
    assert rec.text == "Контейнеры переполнены"
    assert rec.address == "ул. Ленина, 1"


def test_malformed_rows_are_reported_not_imported(tmp_path: Path, vocabulary: Vocabulary) -> None:
    header = [*BASE, "Дата создания", "Текст", "Статус"]
    org = "Министерство здравоохранения Тульской области"
    ok = ["1", "Здравоохранение", "Запись к врачу", org, "Исполнение", "Нет", "01.02.2024", "", ""]
    rows: list[list[object]] = [
        ok,
        ["2", "Космос", "Луна", org, "Исполнение", "Нет", "01.02.2024", "", ""],
        [
            "3",
            "Здравоохранение",
            "Запись к врачу",
            "ООО Ромашка",
            "Исполнение",
            "Нет",
            "01.02.2024",
            "",
            "",
        ],
        [
            "4",
            "Здравоохранение",
            "Запись к врачу",
            org,
            "Исполнение",
            "Может быть",
            "вчера",
            "",
            "",
        ],
        ["5", "Здравоохранение", "Запись к врачу", org, "", "Нет", "01.02.2024", "", "TELEPORT"],
        ["6", "Прочие по направлению", "", org, "Исполнение", "Нет", "01.02.2024", "", ""],
        [None] * 9,  # an empty row is skipped silently
        ["", "Здравоохранение", "Запись к врачу", org, "Исполнение", "Нет", "01.02.2024", "", ""],
        [
            "9",
            "Здравоохранение",
            "Запись к врачу",
            org,
            "Исполнение",
            "Нет",
            "01.02.2024",
            "я" * 31000,
            "",
        ],
        ["1", "Здравоохранение", "Запись к врачу", org, "Модерация", "Нет", "01.02.2024", "", ""],
        ["11", "Здравоохранение", "Запись к врачу", org, "", "Нет", "", "", ""],
    ]
    result = parse_pos(write_xlsx(tmp_path / "bad.xlsx", header, rows), vocabulary, tz=MSK)
    # Unknown names never refuse a row: it is kept, flagged, and the name counted.
    assert [r.external_id for r in result.records] == ["1", "2", "3", "5", "6"]
    found = {(e.row, e.field, e.reason_code) for e in result.errors}
    assert found == {
        (5, "Просрочено", "bad_value"),
        (5, "Дата создания", "bad_date"),
        (9, "Номер", "missing_value"),
        (10, "Текст", "too_long"),
        (11, "external_id", "duplicate_in_file"),
        (12, "Дата создания", "missing_value"),
    }
    unknown = {(u.kind, u.column, u.value, u.count, u.first_row) for u in result.unknowns}
    assert unknown == {
        ("category", "Категория", "Космос", 1, 3),
        ("subcategory", "Подкатегория", "Луна", 1, 3),
        ("body", "Организация, в которой находится сообщение", "ООО Ромашка", 1, 4),
        ("status", "Статус", "TELEPORT", 1, 6),
        ("category", "Категория", "Прочие по направлению", 1, 7),  # in several themes
    }
    flagged = {r.external_id for r in result.records if r.flags & Flag.NEEDS_CATEGORY}
    assert flagged == {"2", "6"}
    by_row = {e.row: e.message for e in result.errors}
    assert "row 2" in by_row[11]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"this is not a spreadsheet", "not_xlsx"),
        (b"PK\x03\x04 broken zip", "not_xlsx"),
    ],
)
def test_not_an_xlsx_is_one_whole_file_error(
    tmp_path: Path, vocabulary: Vocabulary, content: bytes, code: str
) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(content)
    result = parse_pos(path, vocabulary, tz=MSK)
    assert result.records == ()
    assert [(e.row, e.reason_code) for e in result.errors] == [(0, code)]


def test_missing_required_columns_names_them(tmp_path: Path, vocabulary: Vocabulary) -> None:
    path = write_xlsx(
        tmp_path / "p.xlsx", ["Номер", "Категория", "Стадия"], [["1", "Дороги", "Исполнение"]]
    )
    result = parse_pos(path, vocabulary, tz=MSK)
    (error,) = result.errors
    assert error.row == 0
    assert error.reason_code == "missing_columns"
    assert "«Подкатегория»" in error.message
    assert "«Просрочено»" in error.message
    assert "«Номер»" not in error.message


def test_missing_file(tmp_path: Path, vocabulary: Vocabulary) -> None:
    result = parse_pos(tmp_path / "nope.xlsx", vocabulary, tz=MSK)
    assert [e.reason_code for e in result.errors] == ["not_found"]


def test_status_codes_of_the_integration(tmp_path: Path, vocabulary: Vocabulary) -> None:
    codes = {
        "MODERATION_NEW": Status.NEW,
        "MODERATION_ACCEPT": Status.ROUTED,
        "MODERATION_DECLINE": Status.REJECTED,
        "FORWARD_TO_PARENT": Status.ROUTED,
        "FORWARD_TO_SUBORDINATE": Status.ROUTED,
        "SET_EXECUTOR": Status.ROUTED,
        "TAKE_TO_WORK": Status.IN_PROGRESS,
        "POSTPONE": Status.IN_PROGRESS,
        "SEND_RESPONSE": Status.ANSWERED,
    }
    org = "Министерство образования Тульской области"
    rows: list[list[object]] = [
        [str(i), "Образование", "Школы", org, "Исполнение", "Нет", code, "Спам" if i == 2 else ""]
        for i, code in enumerate(codes)
    ]
    path = write_xlsx(tmp_path / "s.xlsx", [*BASE, "Статус", "Причина отклонения"], rows)
    result = parse_pos(path, vocabulary, tz=MSK, now=NOW)
    assert result.errors == ()
    assert [r.status for r in result.records] == list(codes.values())
    assert result.records[2].rejection_reason == "spam"
    assert {r.category for r in result.records} == {"education.schools"}


def test_personal_data_is_never_logged(
    tmp_path: Path, vocabulary: Vocabulary, caplog: pytest.LogCaptureFixture
) -> None:
    header = [*BASE, "ФИО заявителя", "Телефон", "Текст"]
    org = "Министерство образования Тульской области"
    rows: list[list[object]] = [
        [
            "1",
            "Образование",
            "Школы",
            org,
            "Исполнение",
            "Нет",
            "Пётр Секретный",
            "+79991234567",
            "",
        ],
        ["2", "Образование", "Луна", org, "Исполнение", "Нет", "Анна Тайная", "+79997654321", ""],
    ]
    caplog.set_level("DEBUG")
    result = parse_pos(write_xlsx(tmp_path / "p.xlsx", header, rows), vocabulary, tz=MSK, now=NOW)
    assert result.records[0].author_name == "Пётр Секретный"
    assert result.records[0].author_phone == "+79991234567"
    assert caplog.records  # the parse did log (counts)
    everything = caplog.text + " ".join(e.message for e in result.errors)
    for secret in ("Секретный", "Тайная", "1234567", "7654321"):
        assert secret not in everything
