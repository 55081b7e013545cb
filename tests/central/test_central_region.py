"""The region lives in the database: stored once, read back identically, never swapped silently."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cur_desktop.central.bootstrap import NoRegionError, open_service
from cur_desktop.central.db import create_central_engine
from cur_desktop.central.migrate import SchemaError, upgrade
from cur_desktop.central.region import load_region, region_from_pack, store_region
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Kind, Source
from cur_desktop.regions import builtin_pack_dir

TINY = Path(__file__).resolve().parents[1] / "data" / "packs" / "tiny"


def test_a_stored_region_reads_back_the_same(tmp_path: Path) -> None:
    engine = create_central_engine(tmp_path / "c.sqlite")
    upgrade(engine)
    assert load_region(engine) is None
    region = region_from_pack(TINY)
    store_region(engine, region)
    back = load_region(engine)
    assert back is not None
    assert back.to_wire() == region.to_wire()
    assert back.boundaries == region.boundaries
    assert back.dicts == region.dicts
    assert back.pack.timezone == region.pack.timezone
    appeal = Appeal(
        id=1,
        source=Source.IM,
        external_id="x",
        kind=Kind.INCIDENT,
        created_at=datetime(2025, 6, 23, 10, tzinfo=UTC),
        text="t",
        theme="roads",
    )
    now = datetime(2025, 6, 23, 11, tzinfo=UTC)
    assert back.due_at(appeal, now) == region.due_at(appeal, now)
    engine.dispose()


def test_sla_rules_are_self_contained(tmp_path: Path) -> None:
    rules = region_from_pack(TINY).sla_doc
    assert "extends" not in rules
    names = [r["name"] for r in rules["rules"]]
    assert names[0] == "tiny-roads"
    assert "im" in names  # the defaults the pack extends, resolved


def test_the_demo_marks_its_region(tmp_path: Path) -> None:
    region = region_from_pack(builtin_pack_dir(), demo=True)
    assert region.name == "Тульская область (демо)"
    assert region.to_wire()["pack"]["name"] == region.name


def test_another_region_is_refused_and_none_is_an_error(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    with pytest.raises(NoRegionError):
        open_service(db, migrate=True)
    service = open_service(db, pack=builtin_pack_dir())
    service.engine.dispose()
    with pytest.raises(SchemaError, match="RU-TUL"):
        open_service(db, pack=TINY)
    again = open_service(db)
    assert again.region.pack.code == "RU-TUL"
    again.engine.dispose()
