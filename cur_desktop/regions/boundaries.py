"""Municipality polygons of a region pack, read from its ``boundaries.geojson``.

Boundaries come from OpenStreetMap through the pack builder, or from whoever
prepares a pack by hand, so the file is treated as untrusted: a feature with no
``oktmo``, a geometry that is not a polygon, a ring too short to enclose anything
or a coordinate that is not a number is skipped with a warning that names the
feature, and the map draws the rest (a missing polygon falls back to the tile
cartogram for that municipality). Whole-file problems (missing file, bad JSON,
not a FeatureCollection) are errors: those mean the pack itself is broken.

Coordinates are WGS84 ``(lon, lat)``; a polygon is a list of rings, the first the
outer boundary and the rest holes; a municipality may have several polygons
(islands, exclaves), and several features with one ``oktmo`` are merged.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import Any

import orjson

from cur_desktop.regions.errors import PackError

_log = logging.getLogger(__name__)

#: A closed ring of ``(lon, lat)`` points (first point repeated at the end).
Ring = list[tuple[float, float]]
#: Outer ring first, then holes.
Polygon = list[Ring]


def read_feature_collection(path: Path) -> list[Any]:
    """The raw features of a GeoJSON FeatureCollection, or PackError."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise PackError(path, f"not valid JSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise PackError(path, "must be 'FeatureCollection'", "type")
    features = doc.get("features")
    if not isinstance(features, list):
        raise PackError(path, "must be a list", "features")
    return features


def feature_oktmo(feature: Any) -> str | None:
    """The ``oktmo`` property of a feature, or None when it has no usable one."""
    if not isinstance(feature, dict):
        return None
    props = feature.get("properties")
    if not isinstance(props, dict):
        return None
    oktmo = props.get("oktmo")
    # A number would have lost its leading zeros (OKTMO 01… exists): refuse it.
    if isinstance(oktmo, str) and oktmo.isdigit():
        return oktmo
    return None


def read_boundaries(path: Path) -> dict[str, list[Polygon]]:
    """Polygons per OKTMO from a GeoJSON file; malformed features are skipped."""
    out: dict[str, list[Polygon]] = {}
    for index, feature in enumerate(read_feature_collection(path)):
        oktmo = feature_oktmo(feature)
        if oktmo is None:
            _log.warning("%s: feature #%d has no string 'oktmo' property: skipped", path, index)
            continue
        try:
            polygons = _polygons_of(feature.get("geometry"))
        except _GeometryError as exc:
            _log.warning("%s: feature #%d (oktmo %s): %s: skipped", path, index, oktmo, exc)
            continue
        out.setdefault(oktmo, []).extend(polygons)
    return out


class _GeometryError(Exception):
    pass


def _polygons_of(geometry: Any) -> list[Polygon]:
    if not isinstance(geometry, dict):
        msg = "no geometry"
        raise _GeometryError(msg)
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon":
        return [_polygon(coords)]
    if kind == "MultiPolygon":
        if not isinstance(coords, list) or not coords:
            msg = "MultiPolygon without polygons"
            raise _GeometryError(msg)
        return [_polygon(p) for p in coords]
    msg = f"geometry type {kind!r} is not Polygon or MultiPolygon"
    raise _GeometryError(msg)


def _polygon(coords: Any) -> Polygon:
    if not isinstance(coords, list) or not coords:
        msg = "polygon without rings"
        raise _GeometryError(msg)
    return [_ring(r) for r in coords]


def _ring(coords: Any) -> Ring:
    if not isinstance(coords, list):
        msg = "ring is not a list of positions"
        raise _GeometryError(msg)
    ring: Ring = []
    for pos in coords:
        if (
            not isinstance(pos, list)
            or len(pos) < 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in pos[:2])
        ):
            msg = f"position {pos!r} is not [lon, lat]"
            raise _GeometryError(msg)
        lon, lat = float(pos[0]), float(pos[1])
        if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90 or abs(lon) > 360:
            msg = f"position {pos!r} is outside WGS84"
            raise _GeometryError(msg)
        ring.append((lon, lat))
    # GeoJSON rings are closed; tolerate an open one rather than lose the area.
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    if len(ring) < 4:
        msg = f"ring of {len(ring)} positions encloses nothing"
        raise _GeometryError(msg)
    return ring
