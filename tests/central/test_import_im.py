"""ИМ export (XLSX «Детализация» joined with «Инциденты») → imported incidents."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from cur_desktop.central.importers.aliases import default_aliases
from cur_desktop.central.importers.im import parse_im
from cur_desktop.central.importers.vocabulary import Vocabulary
from cur_desktop.domain.enums import Importance, Kind, Reaction, Source, Status
from cur_desktop.regions.pack import builtin_pack_dir, load_pack

MSK = ZoneInfo("Europe/Moscow")
DETAIL = ["ID", "Муниципалитет", "Дата создания", "Группа тем", "Тема", "Причина закрытия"]
DETAIL += ["Урл блога", "Урл поста", "Текст"]
INCIDENTS = ["Отдел", "Исполнитель", "Время до ответа, ч:м:с", "Важность", "ID"]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    pack = load_pack(builtin_pack_dir())
    return Vocabulary(pack.dictionaries, default_aliases(pack.code, pack.root))


def write_im(
    path: Path,
    details: list[list[object]],
    incidents: list[list[object]] | None,
    *,
    detail_header: list[str] = DETAIL,
    incident_header: list[str] = INCIDENTS,
) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Детализация"
    ws.append(detail_header)
    for row in details:
        ws.append(row)
    if incidents is not None:
        inc = wb.create_sheet("Инциденты")
        inc.append(incident_header)
        for row in incidents:
            inc.append(row)
    wb.save(path)
    return path


def detail(
    key: object, municipality: str, group: str, topic: str, reason: str = ""
) -> list[object]:
    return [
        key,
        municipality,
        datetime(2024, 4, 2, 10, 0),
        group,
        topic,
        reason,
        f"https://vk.com/id{key}",
        f"https://vk.com/wall-1_{key}",
        "Когда починят дорогу?",
    ]


def test_sheets_are_joined_by_incident_id(tmp_path: Path, vocabulary: Vocabulary) -> None:
    path = write_im(
        tmp_path / "im.xlsx",
        [
            detail(501, "Щёкинский район", "Дороги", "Ямы и выбоины на дорогах", "Автор доволен"),
            detail(502, "г. Тула", "ЖКХ", "Отопление", ""),
            detail(503, "Тульская область", "Мусор", "Несанкционированные свалки", "Спам"),
        ],
        [
            # the «Инциденты» sheet lists them in another order and columns
            ["Минздрав", "Иванова", "1:30:00", "Обычная", 503],
            ["Отдел ЖКХ администрации", "Петров", "", "Высокая", 502],
            [
                "Министерство транспорта и дорожного хозяйства Тульской области",
                "Сидоров",
                time(2, 15, 0),
                "ЛС",
                501,
            ],
        ],
    )
    result = parse_im(path, vocabulary, tz=MSK)
    assert result.errors == ()
    by_id = {r.external_id: r for r in result.records}
    closed = by_id["501"]
    assert closed.source is Source.IM
    assert closed.kind is Kind.INCIDENT
    assert (closed.theme, closed.category) == ("roads", "roads.potholes")
    assert closed.municipality == "70648000"
    assert closed.status is Status.CLOSED
    assert closed.satisfaction_reaction is Reaction.SATISFIED
    assert closed.body == "min-transport"
    assert closed.executor == "Сидоров"
    assert closed.importance is Importance.PRIVATE
    created = datetime(2024, 4, 2, 7, 0, tzinfo=UTC)
    assert closed.created_at == created
    assert closed.answered_at == created + timedelta(hours=2, minutes=15)
    assert closed.author_profile == "https://vk.com/id501"
    assert closed.url == "https://vk.com/wall-1_501"
    assert closed.row == 2

    open_one = by_id["502"]
    assert open_one.status is Status.ROUTED  # no closing reason, but an executor
    assert open_one.importance is Importance.HIGH
    assert open_one.body is None  # a department the region does not list stays text
    assert open_one.executor == "Отдел ЖКХ администрации / Петров"
    assert open_one.answered_at is None
    assert open_one.category == "housing.heating"

    spam = by_id["503"]
    assert spam.status is Status.REJECTED
    assert spam.rejection_reason == "spam"
    assert spam.municipality is None  # region-wide, by the RU-TUL alias table


def test_closing_reasons(tmp_path: Path, vocabulary: Vocabulary) -> None:
    reasons = {
        "Автор доволен": (Status.CLOSED, Reaction.SATISFIED, None),
        "Автор нейтрален": (Status.CLOSED, Reaction.NEUTRAL, None),
        "Автор недоволен": (Status.CLOSED, Reaction.DISSATISFIED, None),
        "Дан ответ": (Status.ANSWERED, None, None),
        "Не требует ответа": (Status.CLOSED, None, None),
        "Спам": (Status.REJECTED, None, "spam"),
        "Дубль": (Status.REJECTED, None, "duplicate"),
        "Удален автором": (Status.REJECTED, None, "deleted_by_author"),
    }
    rows = [detail(i, "г. Тула", "Дороги", "Светофоры", reason) for i, reason in enumerate(reasons)]
    result = parse_im(write_im(tmp_path / "r.xlsx", rows, None), vocabulary, tz=MSK)
    assert result.errors == ()
    got = [(r.status, r.satisfaction_reaction, r.rejection_reason) for r in result.records]
    assert got == list(reasons.values())


def test_malformed_rows(tmp_path: Path, vocabulary: Vocabulary) -> None:
    rows = [
        detail(1, "г. Тула", "Дороги", "Светофоры"),
        detail(2, "Атлантида", "Дороги", "Светофоры"),
        detail(3, "г. Тула", "Дороги", "Светофоры", "Автор в восторге"),
        [4, "г. Тула", "позавчера", "Дороги", "Светофоры", "", "", "", ""],
        detail(5, "г. Тула", "Дороги", "Светофоры", "Дан ответ"),
    ]
    incidents = [
        [None, None, None, "Срочная", 1],
        [None, None, "скоро", None, 5],
        [None, None, None, None, 99],
    ]
    result = parse_im(write_im(tmp_path / "m.xlsx", rows, incidents), vocabulary, tz=MSK)
    # unknown words keep their rows (counted); unreadable values refuse theirs
    assert [r.external_id for r in result.records] == ["1", "2", "3"]
    found = {(e.row, e.field, e.reason_code) for e in result.errors}
    assert found == {
        (4, "Инциденты", "orphan_incident"),  # its own sheet's row number
        (5, "Дата создания", "bad_date"),
        (6, "Время до ответа, ч:м:с", "bad_duration"),
    }
    unknown = {(u.kind, u.column, u.value, u.first_row) for u in result.unknowns}
    assert unknown == {
        ("importance", "Важность", "Срочная", 2),
        ("municipality", "Муниципалитет", "Атлантида", 3),
        ("status", "Причина закрытия", "Автор в восторге", 4),
    }
    assert result.records[1].municipality is None


def test_join_falls_back_to_the_post_url(tmp_path: Path, vocabulary: Vocabulary) -> None:
    header = [h for h in DETAIL if h != "ID"]
    rows = [detail(7, "г. Тула", "Дороги", "Светофоры", "Дан ответ")[1:]]
    incidents = [["Минтранс", "Сидоров", "52:10:00", "Высокая", "https://vk.com/wall-1_7/"]]
    path = write_im(
        tmp_path / "u.xlsx",
        rows,
        incidents,
        detail_header=header,
        incident_header=[*INCIDENTS[:-1], "Ссылка на пост"],
    )
    result = parse_im(path, vocabulary, tz=MSK)
    assert result.errors == ()
    (rec,) = result.records
    assert rec.external_id == "https://vk.com/wall-1_7"
    assert rec.importance is Importance.HIGH
    assert rec.answered_at == rec.created_at + timedelta(hours=52, minutes=10)


def test_sheets_without_a_shared_id_are_refused(tmp_path: Path, vocabulary: Vocabulary) -> None:
    path = write_im(
        tmp_path / "n.xlsx",
        [detail(1, "г. Тула", "Дороги", "Светофоры")],
        [["Минтранс", "Сидоров", "1:00:00", "Высокая"]],
        incident_header=INCIDENTS[:-1],
    )
    result = parse_im(path, vocabulary, tz=MSK)
    assert result.records == ()
    assert [(e.row, e.reason_code) for e in result.errors] == [(0, "no_join_key")]


def test_a_pos_file_given_as_im_is_refused(tmp_path: Path, vocabulary: Vocabulary) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet0"
    ws.append(["Номер", "Категория", "Подкатегория", "Стадия", "Просрочено"])
    wb.save(tmp_path / "pos.xlsx")
    result = parse_im(tmp_path / "pos.xlsx", vocabulary, tz=MSK)
    assert [e.reason_code for e in result.errors] == ["missing_sheet"]
