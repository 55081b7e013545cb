"""Imported appeals as the wall receives them: no household in an address.

Sources give an address and never say whether it is a private person's home, so
no importer sets ``address_is_private``; a flat number in the address («кв. 12»)
points at a household all the same (152-ФЗ), and must not reach the wall.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.importers.run import run_import
from cur_desktop.central.scope import User
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Role, Status
from cur_desktop.regions.pack import builtin_pack_dir

WALL = User(id=6, login="wall", name="Wall", role=Role.WALL)
OPERATOR = User(id=1, login="op", name="Operator", role=Role.OPERATOR)
HEADER = ["Номер", "Категория", "Подкатегория", "Организация, в которой находится сообщение"]
HEADER += ["Стадия", "Просрочено", "Адрес", "Текст"]
ORG = "Администрация муниципального образования «Городской округ город Тула»"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[CentralService]:
    service = open_service(tmp_path / "central.db", pack=builtin_pack_dir(), migrate=True)
    yield service
    service.engine.dispose()


def test_a_flat_number_in_an_imported_address_never_reaches_the_wall(
    service: CentralService, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sheet0"
    sheet.append(HEADER)
    address = "г. Тула, ул. Ленина, д. 5, кв. 12"
    text = "Течёт крыша над квартирой"
    sheet.append(["77", "Дороги", "Ямы и выбоины на дорогах", ORG, "Исполнение", "Нет"])
    sheet.append(
        ["78", "Жилищно-коммунальное хозяйство", "", ORG, "Исполнение", "Нет", address, text]
    )
    workbook.save(tmp_path / "pos.xlsx")
    report = run_import(service, "pos", tmp_path / "pos.xlsx", actor="importer")
    assert report.committed, report.errors
    ids = service.appeal_ids(list(Status))
    (appeal_id,) = [i for i in ids if service.get_appeal(OPERATOR, i).appeal.external_id == "78"]

    assert service.get_appeal(OPERATOR, appeal_id).appeal.address == address
    seen = service.get_appeal(WALL, appeal_id).appeal
    assert "12" not in seen.address
    assert seen.address.startswith("г. Тула, ул. Ленина, д. 5")  # the public part stays
    snapshot = service.start_snapshot(WALL, 3650)
    page = service.snapshot_page(WALL, snapshot.snapshot, 0, 100)
    (item,) = [i for i in page.items if i.appeal.id == appeal_id]
    assert "кв. 12" not in item.appeal.address
