"""Reading the shared seed data of the five seed regions (``data/regions/``).

The shared folder holds public reference data the repository must not commit:
municipality attributes (OKTMO, official names, Rosstat population 2024, label
points) in ``seed_municipalities.csv`` and OSM polygons in
``seed_municipalities.geojson``. The pack builder reads both through this module;
attributes come from the CSV so that a pack without boundaries can be built from
it alone, and geometry is matched to it by OKTMO.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cur_desktop.regions.boundaries import feature_oktmo, read_feature_collection
from cur_desktop.regions.errors import PackError

CSV_FILE = "seed_municipalities.csv"
GEOJSON_FILE = "seed_municipalities.geojson"

_COLUMNS = (
    "region_name",
    "region_iso",
    "region_oktmo",
    "name",
    "oktmo",
    "mo_type",
    "population_2024",
    "label_lon",
    "label_lat",
)


@dataclass(frozen=True, slots=True)
class SeedMunicipality:
    region_iso: str
    region_name: str
    region_oktmo: str
    oktmo: str
    name: str
    kind: str
    population: int
    label_lon: float
    label_lat: float


def read_seed_municipalities(src: Path) -> list[SeedMunicipality]:
    """Every row of the seed CSV, validated; PackError names the file, line and column."""
    path = src / CSV_FILE
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise PackError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        with handle:
            reader = csv.DictReader(handle)
            missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise PackError(path, f"missing columns {', '.join(missing)}")
            return [_row(path, line, row) for line, row in enumerate(reader, start=2)]
    except UnicodeDecodeError as exc:
        raise PackError(path, f"not UTF-8 text (byte {exc.start})") from exc
    except csv.Error as exc:
        raise PackError(path, f"not a readable CSV file: {exc}") from exc


def _row(path: Path, line: int, row: dict[str, str | None]) -> SeedMunicipality:
    def cell(column: str) -> str:
        return (row.get(column) or "").strip()  # None: the line is cut short

    def bad(column: str) -> PackError:
        return PackError(path, f"line {line}: column {column!r}: bad value {row.get(column)!r}")

    oktmo = cell("oktmo")
    if not (oktmo.isdigit() and len(oktmo) in (8, 11)):
        raise bad("oktmo")
    numbers: dict[str, float] = {}
    for column in ("population_2024", "label_lon", "label_lat"):
        try:
            numbers[column] = float(cell(column))
        except ValueError as exc:
            raise bad(column) from exc
        if not math.isfinite(numbers[column]):
            raise bad(column)
    population = numbers["population_2024"]
    if population != int(population) or population < 0:
        raise bad("population_2024")
    return SeedMunicipality(
        region_iso=cell("region_iso"),
        region_name=cell("region_name"),
        region_oktmo=cell("region_oktmo"),
        oktmo=oktmo,
        name=cell("name"),
        kind=cell("mo_type"),
        population=int(population),
        label_lon=numbers["label_lon"],
        label_lat=numbers["label_lat"],
    )


def read_seed_geometries(src: Path, oktmos: set[str]) -> dict[str, dict[str, Any]]:
    """GeoJSON geometry per OKTMO, for the wanted OKTMO codes only."""
    path = src / GEOJSON_FILE
    out: dict[str, dict[str, Any]] = {}
    for feature in read_feature_collection(path):
        oktmo = feature_oktmo(feature)
        if oktmo in oktmos and isinstance(feature.get("geometry"), dict):
            out[oktmo] = feature["geometry"]
    return out


def round_geometry(geometry: dict[str, Any], digits: int) -> dict[str, Any] | None:
    """A Polygon or MultiPolygon with coordinates rounded (5 digits is about a metre).

    Rounding can merge neighbouring vertices; repeated points are dropped, and a
    ring that collapses below four positions is dropped with it (a polygon whose
    outer ring collapses is dropped whole). None when nothing is left, or when the
    geometry is malformed (a position that is not finite ``[lon, lat]`` numbers).
    """
    kind = geometry.get("type")
    coords: list[Any] = geometry.get("coordinates") or []
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        polygons = coords
    else:
        return None
    try:
        kept = [p for p in (_round_polygon(p, digits) for p in polygons) if p]
    except (TypeError, ValueError):  # a position that is not [lon, lat, …] numbers
        return None
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def _round_polygon(rings: Sequence[Any], digits: int) -> list[list[list[float]]]:
    out: list[list[list[float]]] = []
    for i, ring in enumerate(rings):
        rounded: list[list[float]] = []
        for lon, lat, *_ in ring:
            point = [round(float(lon), digits), round(float(lat), digits)]
            if not all(math.isfinite(v) for v in point):
                msg = f"position {point} is not finite"
                raise ValueError(msg)
            if not rounded or rounded[-1] != point:
                rounded.append(point)
        if len(rounded) < 4:
            if i == 0:
                return []
            continue
        out.append(rounded)
    return out
