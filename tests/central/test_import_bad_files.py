"""Broken and odd import files, through ``cur-central import`` into a real SQLite service.

Each case is a file a real export or a person could produce. The rule: a clear
error (a row's, or the whole file's) and nothing lost, never a traceback; rows
that are fine are imported.
"""

from __future__ import annotations

import io
import json
import threading
import zipfile
from argparse import ArgumentParser
from collections.abc import Iterator, Mapping
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from cur_desktop.central import schema as s
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.db import read_tx
from cur_desktop.central.importers.cli import register
from cur_desktop.regions.pack import builtin_pack_dir

EXIT_OK, EXIT_NOTHING_WRITTEN, EXIT_PARTIAL = 0, 1, 3
ORG = "Министерство образования Тульской области"
POS_HEADER = ["Номер", "Категория", "Подкатегория"]
POS_HEADER += ["Организация, в которой находится сообщение", "Стадия", "Просрочено"]
IM_DETAIL = ["ID", "Муниципалитет", "Дата создания", "Группа тем", "Тема", "Причина закрытия"]
IM_INCIDENTS = ["ID", "Отдел", "Исполнитель", "Время до ответа, ч:м:с", "Важность"]


def run_cli(
    db: Path | str, fmt: str, source: str | Path, mapping: Path | None = None
) -> tuple[int, str]:
    parser = ArgumentParser(prog="cur-central")
    register(parser.add_subparsers(dest="command"))
    argv = ["import", "--db", str(db), "--format", fmt, str(source)]
    if mapping is not None:
        argv += ["--mapping", str(mapping)]
    args = parser.parse_args(argv)
    out = io.StringIO()
    status = args.handler(args, out)
    return status, out.getvalue()


def external_ids(db: Path) -> set[str]:
    service = open_service(db)
    try:
        with read_tx(service.engine) as conn:
            return set(conn.execute(select(s.appeals.c.external_id)).scalars())
    finally:
        service.engine.dispose()


def appeal_count(db: Path) -> int:
    service = open_service(db)
    try:
        with read_tx(service.engine) as conn:
            return int(conn.execute(select(func.count()).select_from(s.appeals)).scalar_one())
    finally:
        service.engine.dispose()


# --- CSV ---------------------------------------------------------------------------------

CSV_MAPPING = {
    "source": "hotline",
    "encoding": "auto",
    "delimiter": ";",
    "columns": {
        "external_id": "Номер",
        "created_at": "Дата",
        "text": "Текст",
        "municipality": "Район",
        "category": "Вопрос",
    },
}
CSV_HEADER = "Номер;Дата;Текст;Район;Вопрос"


def write_mapping(path: Path, doc: Mapping[str, object]) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_csv_a_5_mb_text_refuses_its_row_only(db: Path, tmp_path: Path) -> None:
    lines = [
        CSV_HEADER,
        "1;05.03.2024 09:15;Яма у подъезда;Алексин;",
        "2;05.03.2024 09:20;" + "Очень длинный текст. " * 250_000 + ";Алексин;",
        "3;05.03.2024 09:25;Нет света;Алексин;",
    ]
    source = tmp_path / "hotline.csv"
    source.write_bytes("\r\n".join(lines).encode("cp1251"))
    mapping = write_mapping(tmp_path / "m.json", CSV_MAPPING)
    status, out = run_cli(db, "csv", source, mapping)
    assert status == EXIT_PARTIAL, out
    assert "row 3 [Текст] too_long" in out
    assert external_ids(db) == {"1", "3"}


def test_csv_an_oversized_code_cell_is_refused_without_quoting_it(db: Path, tmp_path: Path) -> None:
    lines = [CSV_HEADER, "1;05.03.2024 09:15;Яма;" + "Алексин" * 2000 + ";", "2;05.03.2024;b;;"]
    source = tmp_path / "hotline.csv"
    source.write_bytes("\n".join(lines).encode("utf-8-sig"))
    status, out = run_cli(db, "csv", source, write_mapping(tmp_path / "m.json", CSV_MAPPING))
    assert status == EXIT_PARTIAL, out
    assert "row 2 [Район] too_long" in out
    assert "АлексинАлексин" not in out
    assert external_ids(db) == {"2"}


@pytest.mark.parametrize(
    "options",
    [{"date_formats": 5}, {"date_formats": [5]}, {"date_format": ["%d.%m.%Y"]}],
)
def test_csv_malformed_date_formats_in_the_mapping_are_a_mapping_error(
    db: Path, tmp_path: Path, options: dict[str, object]
) -> None:
    source = tmp_path / "hotline.csv"
    source.write_text(CSV_HEADER + "\n1;05.03.2024;a;;\n", encoding="utf-8")
    mapping = write_mapping(tmp_path / "m.json", {**CSV_MAPPING, **options})
    status, out = run_cli(db, "csv", source, mapping)
    assert status == EXIT_NOTHING_WRITTEN, out
    assert "file bad_mapping" in out
    assert appeal_count(db) == 0


# --- XLSX: ПОС and ИМ ----------------------------------------------------------------------


def write_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    for index, (title, rows) in enumerate(sheets.items()):
        sheet = workbook.active if index == 0 else workbook.create_sheet(title)
        assert sheet is not None
        sheet.title = title
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def damage_sheet(source: Path, target: Path, change: dict[bytes, bytes] | None) -> Path:
    """A copy of ``source`` whose first sheet is cut short (``None``) or has ``change`` made."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                if change is None:
                    data = data[: len(data) * 2 // 3]
                else:
                    for before, after in change.items():
                        assert before in data
                        data = data.replace(before, after, 1)
            new.writestr(item, data)
    return target


POS_ROWS: list[list[object]] = [
    POS_HEADER,
    ["101", "Образование", "Школы", ORG, "Исполнение", "Нет"],
    ["102", "Образование", "Школы", ORG, "Исполнение", "Нет"],
]
FIRST_ID = b'<c r="A2" t="inlineStr"><is><t>101</t></is></c>'


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(None, id="sheet-cut-short"),
        pytest.param({FIRST_ID: b'<c r="A2" t="n"><v>abc</v></c>'}, id="number-not-a-number"),
        pytest.param({FIRST_ID: b'<c r="A2" t="d"><v>31.02</v></c>'}, id="date-not-a-date"),
        pytest.param({FIRST_ID: b'<c r="A2" t="s"><v>999</v></c>'}, id="no-such-shared-string"),
        pytest.param({FIRST_ID: b'<c r="!!" t="n"><v>1</v></c>'}, id="bad-cell-reference"),
    ],
)
def test_pos_a_damaged_sheet_is_one_whole_file_error(
    db: Path, tmp_path: Path, change: dict[bytes, bytes] | None
) -> None:
    good = write_workbook(tmp_path / "good.xlsx", {"Sheet0": POS_ROWS})
    damaged = damage_sheet(good, tmp_path / "pos.xlsx", change)
    status, out = run_cli(db, "pos", damaged)
    assert status == EXIT_NOTHING_WRITTEN, out
    assert "file not_xlsx" in out
    assert "«Sheet0» is damaged" in out
    assert appeal_count(db) == 0


def test_im_a_damaged_incidents_sheet_is_one_whole_file_error(db: Path, tmp_path: Path) -> None:
    detail = [1, "Алексин", datetime(2024, 4, 2, 10), "Дороги", "Ямы и выбоины на дорогах", ""]
    good = write_workbook(
        tmp_path / "good.xlsx",
        {"Детализация": [IM_DETAIL, detail], "Инциденты": [IM_INCIDENTS, [1, "", "", "", ""]]},
    )
    target = tmp_path / "im.xlsx"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]
            new.writestr(item, data)
    status, out = run_cli(db, "im", target)
    assert status == EXIT_NOTHING_WRITTEN, out
    assert "«Инциденты» is damaged" in out
    assert appeal_count(db) == 0


@pytest.mark.parametrize(
    "wait",
    [
        pytest.param("99999999:00:00", id="past-the-last-date"),
        pytest.param("999999999999999999999:00", id="past-timedelta"),
        pytest.param(1e10, id="days-as-a-huge-number"),
    ],
)
def test_im_an_impossible_time_to_answer_refuses_its_row_only(
    db: Path, tmp_path: Path, wait: object
) -> None:
    def detail(key: int) -> list[object]:
        created = datetime(2024, 4, 2, 10)
        return [key, "Алексин", created, "Дороги", "Ямы и выбоины на дорогах", "Дан ответ"]

    path = write_workbook(
        tmp_path / "im.xlsx",
        {
            "Детализация": [IM_DETAIL, detail(1), detail(2)],
            "Инциденты": [IM_INCIDENTS, [1, "", "", wait, ""], [2, "", "", "26:30:00", ""]],
        },
    )
    status, out = run_cli(db, "im", path)
    assert status == EXIT_PARTIAL, out
    assert "row 2 [Время до ответа, ч:м:с] bad_duration" in out
    assert external_ids(db) == {"2"}


# --- Open311 ------------------------------------------------------------------------------


def request(number: int) -> dict[str, object]:
    return {
        "service_request_id": str(number),
        "status": "open",
        "service_name": "Ямы и выбоины на дорогах",
        "requested_datetime": "2024-04-02T10:00:00+03:00",
    }


def test_open311_a_saved_file_with_a_byte_order_mark_is_read(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "requests.json"
    path.write_bytes(json.dumps([request(1), request(2)]).encode("utf-8-sig"))
    status, out = run_cli(db, "open311", path)
    assert status == EXIT_OK, out
    assert external_ids(db) == {"1", "2"}


class _Server:
    """A local Open311 server answering every request with one fixed response."""

    def __init__(self, headers: dict[str, str], body: bytes) -> None:
        answer_headers, answer_body = headers, body

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                for name, value in answer_headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer_body)))
                self.end_headers()
                self.wfile.write(answer_body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def broken_link_server() -> Iterator[_Server]:
    body = json.dumps([request(1)]).encode()
    with _Server({"Link": '<http://[::1:bad>; rel="next"', "Content-Type": "json"}, body) as srv:
        yield srv


def test_open311_a_malformed_next_link_refuses_the_pull(
    db: Path, tmp_path: Path, broken_link_server: _Server
) -> None:
    mapping = write_mapping(tmp_path / "o.json", {"page_size": None})
    status, out = run_cli(db, "open311", broken_link_server.url, mapping)
    assert status == EXIT_NOTHING_WRITTEN, out
    assert "file bad_response" in out
    assert appeal_count(db) == 0


@pytest.mark.parametrize("days", [1e12, "inf"])
def test_open311_an_impossible_window_is_a_mapping_error(
    db: Path, tmp_path: Path, days: object
) -> None:
    path = tmp_path / "requests.json"
    path.write_text(json.dumps([request(1)]), encoding="utf-8")
    mapping = write_mapping(tmp_path / "o.json", {"window_days": days, "start_date": "2024-01-01"})
    status, out = run_cli(db, "open311", path, mapping)
    assert status == EXIT_NOTHING_WRITTEN, out
    assert "file bad_mapping" in out


# --- PostgreSQL (production) -------------------------------------------------------------


def test_a_nul_character_in_one_text_does_not_refuse_the_whole_import_on_postgres(
    tmp_path: Path,
) -> None:
    """PostgreSQL cannot store NUL in text: one such cell made it refuse the whole batch."""
    from tests.support.postgres import temp_database

    source = tmp_path / "hotline.csv"
    lines = [CSV_HEADER, "1;05.03.2024;Яма;;", "2;05.03.2024;Не горит\x00 фонарь;;"]
    source.write_text("\n".join(lines), encoding="utf-8")
    saved = tmp_path / "requests.json"
    second = {**request(2), "description": "Ямa\u0000 у школы"}
    saved.write_text(json.dumps([request(1), second]), encoding="utf-8")
    mapping = write_mapping(tmp_path / "m.json", CSV_MAPPING)
    with temp_database("cur_nul") as url:
        open_service(url, pack=builtin_pack_dir(), migrate=True).engine.dispose()
        status, out = run_cli(url, "csv", source, mapping)
        assert status == EXIT_OK, out
        status, out = run_cli(url, "open311", saved)
        assert status == EXIT_OK, out
        service = open_service(url)
        try:
            with read_tx(service.engine) as conn:
                a = s.appeals.c
                rows = conn.execute(select(a.source, a.external_id, a.text)).all()
        finally:
            service.engine.dispose()
    texts = {(source, external_id): text for source, external_id, text in rows}
    assert len(texts) == 4
    assert texts[("hotline", "2")] == "Не горит фонарь"
    assert texts[("open311", "2")] == "Ямa у школы"
