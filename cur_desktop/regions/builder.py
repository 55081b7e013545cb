"""Builds region packs for the five seed regions from the shared public data.

The repository never commits OSM boundaries or the shared data set; whoever needs
a full pack (with boundaries) builds it into a folder of their choice::

    python -m cur_desktop.regions ../shared/data/regions ~/packs
    python -m cur_desktop.regions ../shared/data/regions resources/regions \\
        --region RU-TUL --no-boundaries     # regenerates the built-in demo pack

Facts about the regions that the data set does not carry (time zone, regional
holidays) live in :data:`REGION_CALENDARS` below with their legal sources; the
Russian names (region genitives, body names, attribution) live in
``resources/regions/seed_regions.json``. Every pack written is read back with
:func:`~cur_desktop.regions.pack.load_pack`, so the builder cannot produce a pack
the application would refuse.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from cur_desktop.regions import pack as pack_format
from cur_desktop.regions.errors import PackError
from cur_desktop.regions.holidays import HolidayRules
from cur_desktop.regions.naming import NamingRules
from cur_desktop.regions.seed_data import (
    SeedMunicipality,
    read_seed_geometries,
    read_seed_municipalities,
    round_geometry,
)
from cur_desktop.regions.tiles import assign_tiles
from cur_desktop.sla.paths import resources_dir

_log = logging.getLogger(__name__)

#: Time zone and regional calendar of each seed region.
REGION_CALENDARS: dict[str, tuple[str, HolidayRules]] = {
    # Samara region keeps UTC+4 (Samara time) all year.
    "RU-SAM": ("Europe/Samara", HolidayRules()),
    "RU-TUL": ("Europe/Moscow", HolidayRules()),
    "RU-MUR": ("Europe/Moscow", HolidayRules()),
    "RU-DA": (
        "Europe/Moscow",
        HolidayRules(
            annual=(
                # День Конституции Республики Дагестан, 26 July: non-working by Указ
                # Государственного Совета РД от 18.07.1995 № 138; a weekend
                # coincidence moves the day off (announced, listed below as a date).
                (7, 26),
                # День единства народов Дагестана, 15 September (Указ Президента РД
                # от 06.07.2011 № 104), declared non-working by the government
                # every year.
                (9, 15),
            ),
            # Ураза-байрам and Курбан-байрам are non-working days by Указ Президиума
            # Верховного Совета ДАССР от 05.03.1991 and Указ Госсовета РД от
            # 15.03.2000 № 67; their lunar dates are fixed each year by a
            # resolution of the Government of Dagestan under Art. 4(7) of
            # 125-ФЗ «О свободе совести…». Only announced dates are listed: add
            # each new year's when it is published.
            dates=frozenset(
                {
                    date(2024, 4, 10),  # Ураза-байрам 2024 (resolution of 04.04.2024)
                    date(2024, 4, 11),
                    date(2024, 4, 12),
                    date(2024, 6, 17),  # Курбан-байрам 16.06.2024 fell on a Sunday
                    date(2025, 3, 31),  # Ураза-байрам 2025 (resolution of 25.03.2025)
                    date(2025, 4, 1),
                    date(2025, 6, 6),  # Курбан-байрам 2025
                    date(2025, 7, 28),  # День Конституции on Saturday 26.07.2025: moved
                }
            ),
        ),
    ),
    # День Республики, 24 June: a state holiday and non-working day by Закон
    # Чувашской Республики от 04.05.2000 № 4 «О государственном празднике
    # Чувашской Республики» (as amended 25.04.2008 № 15).
    "RU-CU": ("Europe/Moscow", HolidayRules(annual=((6, 24),))),
}

SEED_REGIONS_FILE = "seed_regions.json"
_SOURCE = (
    "cur_desktop.regions.builder from seed_municipalities.csv/.geojson "
    "(Rosstat population on 01.01.2024; boundaries and label points from OpenStreetMap)"
)


def build_packs(
    src: Path,
    out: Path,
    regions: Sequence[str] | None = None,
    *,
    write_boundaries: bool = True,
    digits: int = 5,
) -> list[Path]:
    """Write one pack per region into ``out/<code>/`` and return their paths.

    ``regions`` limits the build (all seed regions by default). Without
    boundaries the result is exactly the committed demo pack for RU-TUL.
    ``digits`` rounds boundary coordinates (5 digits: about a metre).
    """
    config = _load_config()
    naming = NamingRules.from_json(config["short_names"])
    rows = read_seed_municipalities(src)
    available = sorted({r.region_iso for r in rows})
    wanted = list(regions) if regions is not None else available
    for code in wanted:
        if code not in available:
            problem = f"region {code!r} is not in {src} (available: {', '.join(available)})"
            raise PackError(src, problem)
        if code not in REGION_CALENDARS or code not in config["regions"]:
            raise PackError(src, f"region {code!r} has no time zone or names known to the builder")
    written: list[Path] = []
    for code in wanted:
        region_rows = sorted((r for r in rows if r.region_iso == code), key=lambda r: r.oktmo)
        target = out / code
        target.mkdir(parents=True, exist_ok=True)
        _write_json(target / pack_format.PACK_FILE, _pack_doc(code, region_rows, config))
        doc = _dictionaries_doc(code, region_rows, config, naming)
        _write_json(target / pack_format.DICTIONARIES_FILE, doc)
        boundaries = target / pack_format.BOUNDARIES_FILE
        if write_boundaries:
            _write_boundaries(src, boundaries, region_rows, digits)
        elif boundaries.exists():
            boundaries.unlink()  # a stale file from an earlier build would be shipped
        pack_format.load_pack(target)
        _log.info("wrote region pack %s (%d municipalities)", target, len(region_rows))
        written.append(target)
    return written


def _load_config() -> dict[str, Any]:
    path = resources_dir() / "regions" / SEED_REGIONS_FILE
    config = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(config, dict) or config.get("format") != "cur-seed-regions":
        msg = f"{path}: field 'format' must be 'cur-seed-regions'"
        raise ValueError(msg)
    return config


def _pack_doc(code: str, rows: list[SeedMunicipality], config: dict[str, Any]) -> dict[str, Any]:
    timezone, holidays = REGION_CALENDARS[code]
    return {
        "format": pack_format.FORMAT,
        "version": pack_format.VERSION,
        "code": code,
        "name": rows[0].region_name,
        "oktmo": rows[0].region_oktmo,
        "timezone": timezone,
        "calendar": "RU",
        "extra_holidays": holidays.to_json(),
        "extra_working_days": sorted(d.isoformat() for d in holidays.working_days),
        "schedule": None,
        "attribution": list(config["attribution"]),
        "source": _SOURCE,
    }


def _dictionaries_doc(
    code: str, rows: list[SeedMunicipality], config: dict[str, Any], naming: NamingRules
) -> dict[str, Any]:
    tiles = assign_tiles({r.oktmo: (r.label_lon, r.label_lat) for r in rows})
    municipalities = []
    short_names: dict[str, str] = {}
    for r in rows:
        short = naming.short_name(r.name, r.kind)
        short_names[r.oktmo] = short
        col, row = tiles[r.oktmo]
        municipalities.append(
            {
                "oktmo": r.oktmo,
                "name": r.name,
                "short_name": short,
                "kind": r.kind,
                "population": r.population,
                "label_lon": r.label_lon,
                "label_lat": r.label_lat,
                "tile_col": col,
                "tile_row": row,
            }
        )
    genitive = config["regions"][code]["genitive"]
    bodies = [
        {
            "code": b["code"],
            "name": b["name"].format(genitive=genitive),
            "short_name": b["short_name"],
            "themes": list(b["themes"]),
        }
        for b in config["regional_bodies"]
    ]
    adm = config["municipal_body"]
    bodies.extend(
        {
            "code": adm["code"].format(oktmo=r.oktmo),
            "name": adm["name"].format(name=r.name),
            "short_name": adm["short_name"].format(short_name=short_names[r.oktmo]),
            "themes": [],  # every theme, within its municipality
            "municipalities": [r.oktmo],
        }
        for r in rows
    )
    return {
        "format": "cur-dictionaries",
        "version": 1,
        "municipalities": municipalities,
        "bodies": bodies,
    }


def _write_boundaries(src: Path, path: Path, rows: list[SeedMunicipality], digits: int) -> None:
    geometries = read_seed_geometries(src, {r.oktmo for r in rows})
    features = []
    for r in rows:
        geometry = geometries.get(r.oktmo)
        rounded = round_geometry(geometry, digits) if geometry is not None else None
        if rounded is None:
            _log.warning("no usable boundary for %s (%s): the map uses its tile", r.oktmo, r.name)
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"oktmo": r.oktmo, "name": r.name},
                "geometry": rounded,
            }
        )
    path.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": features}))


def _write_json(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cur_desktop.regions",
        description="Build region packs from the shared seed data.",
    )
    parser.add_argument("src", type=Path, help="folder with seed_municipalities.csv/.geojson")
    parser.add_argument("out", type=Path, help="folder to write <region code>/ packs into")
    parser.add_argument("--region", action="append", help="region code (repeatable)")
    parser.add_argument(
        "--no-boundaries", action="store_true", help="omit boundaries.geojson (tile map only)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build_packs(args.src, args.out, args.region, write_boundaries=not args.no_boundaries)
    return 0
