"""Importing into the real central service (SQLite): one transaction, no duplicates, no halves."""

from __future__ import annotations

import io
import json
import shutil
from argparse import ArgumentParser
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy.exc import SQLAlchemyError

from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.db import write_tx
from cur_desktop.central.importers.cli import command, register
from cur_desktop.central.importers.run import run_import
from cur_desktop.central.scope import User
from cur_desktop.central.service import CentralService
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Role, Source, Status
from cur_desktop.regions.pack import builtin_pack_dir

HEADER = ["Номер", "Дата создания", "Категория", "Подкатегория", "Текст"]
HEADER += ["Организация, в которой находится сообщение", "Стадия", "Просрочено"]
ORG = "Администрация муниципального образования «Городской округ город Тула»"
HEAD_USER = User(id=1, login="head", name="Руководитель", role=Role.CUR_HEAD)


@pytest.fixture
def service(db: Path) -> Iterator[CentralService]:
    service = open_service(db)
    yield service
    service.engine.dispose()


def pos_row(number: str, stage: str = "Исполнение", text: str = "Яма у дома") -> list[object]:
    return [
        number,
        "05.03.2024 10:00",
        "Дороги",
        "Ямы и выбоины на дорогах",
        text,
        ORG,
        stage,
        "Нет",
    ]


def write_pos(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet0"
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def stored(service: CentralService) -> dict[str, Appeal]:
    """Every appeal as the feed carries it now, by external id."""
    page = service.changes(HEAD_USER, after=0, limit=5000)
    latest: dict[int, Appeal] = {}
    for change in page.changes:
        if change.appeal is not None:
            latest[change.appeal_id] = change.appeal
    return {a.external_id: a for a in latest.values()}


def test_import_then_reimport_creates_no_duplicates(
    service: CentralService, tmp_path: Path
) -> None:
    rows = [pos_row("100"), pos_row("101"), pos_row("102"), pos_row("103", stage="Телепорт")]
    path = write_pos(tmp_path / "pos.xlsx", rows)

    first = run_import(service, "pos", path, actor="importer")
    assert first.committed
    assert (first.parsed, first.created, first.updated, first.unchanged) == (4, 4, 0, 0)
    assert first.errors == ()  # an unknown stage keeps the row, and is counted
    assert [(u.kind, u.value, u.count) for u in first.unknowns] == [("status", "Телепорт", 1)]
    appeals = stored(service)
    assert sorted(appeals) == ["100", "101", "102", "103"]
    assert appeals["103"].status is Status.ROUTED  # no status word: routed to its body
    one = appeals["100"]
    assert one.source is Source.POS
    assert one.category == "roads.potholes"
    assert one.municipality == "70701000"
    assert one.body == "adm-70701000"
    assert one.status is Status.IN_PROGRESS
    assert one.version == 1
    head = service.head()

    again = run_import(service, "pos", path, actor="importer")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert service.head() == head  # nothing written, nothing in the feed
    assert len(stored(service)) == 4

    rows[1] = pos_row("101", stage="Ответ дан")
    changed = run_import(service, "pos", write_pos(tmp_path / "pos2.xlsx", rows), actor="importer")
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 3)
    after = stored(service)
    assert len(after) == 4
    assert after["101"].status is Status.ANSWERED
    assert after["101"].version == 2
    assert after["100"].version == 1
    assert service.head() == head + 1


def test_a_failure_mid_batch_writes_nothing(service: CentralService, tmp_path: Path) -> None:
    run_import(service, "pos", write_pos(tmp_path / "a.xlsx", [pos_row("1")]), actor="importer")
    head = service.head()
    with write_tx(service.engine) as conn:  # the database itself refuses the 3rd insert
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse_boom BEFORE INSERT ON appeals "
            "WHEN NEW.external_id = 'boom' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )
    rows = [pos_row("1", stage="Ответ дан"), pos_row("2"), pos_row("boom"), pos_row("4")]
    with pytest.raises(SQLAlchemyError, match="injected failure"):
        run_import(service, "pos", write_pos(tmp_path / "b.xlsx", rows), actor="importer")
    assert service.head() == head
    appeals = stored(service)
    assert sorted(appeals) == ["1"]
    assert appeals["1"].status is Status.IN_PROGRESS  # the update in the same batch rolled back


def test_a_stale_alias_refuses_the_row_before_the_service(
    service: CentralService, tmp_path: Path
) -> None:
    # An alias naming a category the region lacks never reaches the service: the parser
    # checks aliases against the service's own dictionaries and refuses the row.
    mapping = {"aliases": {"categories": {"Ямы и выбоины на дорогах": "roads.moon_craters"}}}
    report = run_import(
        service, "pos", write_pos(tmp_path / "a.xlsx", [pos_row("1")]), actor="x", mapping=mapping
    )
    assert report.committed is False
    assert [e.reason_code for e in report.errors] == ["bad_alias"]
    assert stored(service) == {}


def test_a_whole_file_problem_imports_nothing(service: CentralService, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_text("not a workbook")
    report = run_import(service, "pos", path, actor="importer")
    assert report.committed is False
    assert report.refused_as_a_whole
    assert [(e.row, e.reason_code) for e in report.errors] == [(0, "not_xlsx")]
    assert service.head() == 0


def test_cli_prints_summary_and_every_rejected_row(db: Path, tmp_path: Path) -> None:
    rows = [pos_row("7"), pos_row("8", stage="Телепорт"), pos_row(""), pos_row("9")]
    path = write_pos(tmp_path / "pos.xlsx", rows)
    parser = ArgumentParser(prog="cur-central")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["import", "--db", str(db), "--format", "pos", str(path)])
    out = io.StringIO()
    assert args.handler(args, out) == 3  # some rows refused, the rest imported
    text = out.getvalue()
    assert "pos: 3 records: 3 created, 0 updated, 0 unchanged; 1 rows rejected" in text
    assert "pos.xlsx: row 4 [Номер] missing_value" in text  # file, row and column
    assert "status: 1 values, 1 rows" in text
    assert "1  «Телепорт»  [Стадия] first at row 3" in text
    assert "Яма у дома" not in text  # message texts never printed

    args = parser.parse_args(["import", "--db", str(db), "--format", "pos", str(path)])
    out = io.StringIO()
    assert command(args, out) == 3
    assert "0 created, 0 updated, 3 unchanged" in out.getvalue()


def test_cli_refuses_a_pack_of_another_region(db: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    doc = (pack / "pack.json").read_text(encoding="utf-8").replace('"RU-TUL"', '"XX-TEST"')
    (pack / "pack.json").write_text(doc, encoding="utf-8")
    parser = ArgumentParser(prog="cur-central")
    register(parser.add_subparsers(dest="command"))
    path = write_pos(tmp_path / "pos.xlsx", [pos_row("1")])
    argv = ["import", "--db", str(db), "--format", "pos", "--region", str(pack), str(path)]
    out = io.StringIO()
    args = parser.parse_args(argv)
    assert args.handler(args, out) == 1
    assert "XX-TEST" in out.getvalue()


def test_cli_csv_in_cp1251_with_a_mapping_file(db: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "hotline.json"
    mapping.write_text(
        json.dumps(
            {
                "source": "hotline",
                "encoding": "cp1251",
                "columns": {
                    "external_id": "Номер",
                    "created_at": "Дата",
                    "category": "Вопрос",
                    "municipality": "Район",
                    "status": "Состояние",
                },
                "values": {"status": {"Исполнено": "answered"}},
                "aliases": {"categories": {"Сломан фонарь": "improvement.lighting.not_working"}},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    lines = ["Номер;Дата;Вопрос;Район;Состояние", "Л-1;01.03.2024;Сломан фонарь;Кимовский район;"]
    csv_path = tmp_path / "hotline.csv"
    csv_path.write_bytes("\n".join(lines).encode("cp1251"))
    parser = ArgumentParser(prog="cur-central")
    register(parser.add_subparsers(dest="command"))
    argv = ["import", "--db", str(db), "--format", "csv", "--mapping", str(mapping), str(csv_path)]
    out = io.StringIO()
    assert command(parser.parse_args(argv), out) == 0
    assert "1 created" in out.getvalue()

    csv_path.write_bytes(("\n".join(lines) + "Исполнено").encode("cp1251"))
    out = io.StringIO()
    assert command(parser.parse_args(argv), out) == 0
    assert "0 created, 1 updated" in out.getvalue()
    service = open_service(db)
    try:
        (appeal,) = stored(service).values()
    finally:
        service.engine.dispose()
    assert appeal.source is Source.HOTLINE
    assert appeal.subcategory == "improvement.lighting.not_working"
    assert appeal.municipality == "70626000"
    assert appeal.status is Status.ANSWERED


def test_through_the_cur_central_entry_point(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cur_desktop.central.cli import main

    path = write_pos(tmp_path / "pos.xlsx", [pos_row("55")])
    assert main(["import", "--db", str(db), "--format", "pos", str(path)]) == 0
    assert "1 created" in capsys.readouterr().out
    missing = tmp_path / "missing.xlsx"
    assert main(["import", "--db", str(db), "--format", "pos", str(missing)]) == 1
    assert "not_found" in capsys.readouterr().out
