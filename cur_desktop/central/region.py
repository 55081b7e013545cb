"""The region the service serves: its pack, dictionaries and SLA rules, kept in the database.

Workstations get the region from ``GET /region`` so that every desk uses the same
dictionaries and deadlines as the service. The region lives in the database (not
only in a pack directory beside one process) so that several service processes
on one PostgreSQL serve the same region: ``cur-central serve --pack DIR`` stores
it, later starts read it back. Reading back goes through the regular pack loader
(:func:`cur_desktop.regions.load_pack`) on a temporary copy, so a stored region
is validated exactly like a pack on disk.

The SLA rules are stored self-contained: a pack's ``"extends": "default"`` is
resolved when the region is stored, so a workstation with older defaults still
computes the service's deadlines.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, delete, insert, select

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx, write_tx
from cur_desktop.clock import epoch
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.dictionaries_io import dictionaries_to_json
from cur_desktop.regions import RegionPack, load_pack
from cur_desktop.sla import ProductionCalendar, SlaRules, compute_sla, parse_rules
from cur_desktop.sla.paths import default_rules_path

log = logging.getLogger(__name__)

DEMO_SUFFIX = " (демо)"


@dataclass(frozen=True)
class Region:
    """A loaded region with what the service computes deadlines with."""

    pack: RegionPack
    pack_doc: dict[str, Any]
    dictionaries_doc: dict[str, Any]
    sla_doc: dict[str, Any]
    boundaries: bytes | None
    boundaries_etag: str | None
    rules: SlaRules
    calendar: ProductionCalendar
    #: the version of the dictionaries edited in the app in force (0: the pack's own;
    #: cur_desktop.central.region_dictionaries)
    dictionaries_version: int = 0

    @property
    def dicts(self) -> Dictionaries:
        return self.pack.dictionaries

    @property
    def name(self) -> str:
        return str(self.pack_doc.get("name", self.pack.name))

    def due_at(self, appeal: Appeal, now: datetime) -> datetime:
        """The deadline in force, as the SLA engine computes it (stored on every write)."""
        return compute_sla(appeal, self.rules, self.calendar, now=now).due_at

    def to_wire(self) -> dict[str, Any]:
        """The body of ``GET /region``."""
        return {
            "pack": self.pack_doc,
            "dictionaries": self.dictionaries_doc,
            "dictionaries_version": self.dictionaries_version,
            "sla_rules": self.sla_doc,
            "boundaries_etag": self.boundaries_etag,
        }


def _resolved_sla_doc(pack: RegionPack) -> dict[str, Any]:
    own = pack.root / "sla.json"
    path = own if own.is_file() else default_rules_path()
    doc: dict[str, Any] = orjson.loads(path.read_bytes())
    if doc.pop("extends", None) == "default":
        default = orjson.loads(default_rules_path().read_bytes())
        doc["rules"] = [*doc["rules"], *default["rules"]]
    return doc


def region_from_pack(pack_dir: Path, *, demo: bool = False) -> Region:
    """Load a pack directory; ``demo`` marks the region's name as demo data."""
    pack = load_pack(pack_dir)
    pack_doc: dict[str, Any] = orjson.loads((pack.root / "pack.json").read_bytes())
    if demo and not str(pack_doc.get("name", "")).endswith(DEMO_SUFFIX):
        pack_doc["name"] = f"{pack_doc.get('name', pack.name)}{DEMO_SUFFIX}"
    boundaries = pack.boundaries_path.read_bytes() if pack.boundaries_path else None
    return _region(pack, pack_doc, dictionaries_to_json(pack.dictionaries), boundaries)


def _region(
    pack: RegionPack,
    pack_doc: dict[str, Any],
    dictionaries_doc: dict[str, Any],
    boundaries: bytes | None,
    sla_doc: dict[str, Any] | None = None,
) -> Region:
    sla = sla_doc if sla_doc is not None else _resolved_sla_doc(pack)
    return Region(
        pack=pack,
        pack_doc=pack_doc,
        dictionaries_doc=dictionaries_doc,
        sla_doc=sla,
        boundaries=boundaries,
        boundaries_etag=hashlib.sha256(boundaries).hexdigest()[:32] if boundaries else None,
        rules=parse_rules(sla, origin="region.sla_rules"),
        calendar=pack.production_calendar(missing_years="derive"),
    )


def store_region(engine: Engine, region: Region) -> None:
    """Make ``region`` the one the database serves (replacing any stored before)."""
    row = {
        "id": 1,
        "code": region.pack.code,
        "name": region.name,
        "pack": orjson.dumps(region.pack_doc).decode(),
        "dictionaries": orjson.dumps(region.dictionaries_doc).decode(),
        "sla_rules": orjson.dumps(region.sla_doc).decode(),
        "boundaries": region.boundaries.decode() if region.boundaries else None,
        "boundaries_etag": region.boundaries_etag,
        "updated_at": epoch(),
    }
    with write_tx(engine) as conn:
        conn.execute(delete(s.region))
        conn.execute(insert(s.region).values(**row))
    log.info("region %s stored in the database", region.pack.code)


def load_region(engine: Engine) -> Region | None:
    """The region stored in the database, validated by the pack loader; None if none."""
    with read_tx(engine) as conn:
        row = conn.execute(select(s.region).where(s.region.c.id == 1)).first()
    if row is None:
        return None
    pack_doc = orjson.loads(row.pack)
    dictionaries_doc = orjson.loads(row.dictionaries)
    sla_doc = orjson.loads(row.sla_rules)
    boundaries = row.boundaries.encode() if row.boundaries else None
    with tempfile.TemporaryDirectory(prefix="cur-region-") as tmp:
        root = Path(tmp)
        (root / "pack.json").write_bytes(orjson.dumps(pack_doc))
        (root / "dictionaries.json").write_bytes(orjson.dumps(dictionaries_doc))
        (root / "sla.json").write_bytes(orjson.dumps(sla_doc))
        if boundaries is not None:
            (root / "boundaries.geojson").write_bytes(boundaries)
        pack = load_pack(root)
    return _region(pack, pack_doc, dictionaries_doc, boundaries, sla_doc)
