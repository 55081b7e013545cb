"""Boundaries: polygons with holes and islands, malformed features skipped by name."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from cur_desktop.regions import PackError, load_boundaries, load_pack
from cur_desktop.regions.boundaries import read_boundaries

TINY = Path(__file__).resolve().parents[2] / "data" / "packs" / "tiny"
SQUARE = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]


def _feature(oktmo: Any, geometry: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"oktmo": oktmo}, "geometry": geometry}


def _write(tmp_path: Path, features: list[Any]) -> Path:
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_tiny_pack_polygons_holes_and_islands() -> None:
    polygons = load_boundaries(load_pack(TINY))
    assert set(polygons) == {"99601000", "99602000", "99603000", "99701000"}
    north = polygons["99601000"]
    assert len(north) == 1
    assert len(north[0]) == 2  # outer ring and the hole where the city is
    assert north[0][1][0] == (30.4, 61.4)
    assert len(polygons["99603000"]) == 2  # mainland and island
    for rings in polygons.values():
        for polygon in rings:
            for ring in polygon:
                assert ring[0] == ring[-1]


def test_malformed_features_are_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = {"type": "Polygon", "coordinates": [SQUARE]}
    path = _write(
        tmp_path,
        [
            _feature("10000001", good),
            {"type": "Feature", "geometry": good},  # no properties
            _feature(10000002, good),  # a number loses leading zeros
            _feature("10000003", {"type": "Point", "coordinates": [0, 0]}),
            _feature("10000004", {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}),
            _feature("10000005", {"type": "Polygon", "coordinates": [[["a", 0], [1, 1], [0, 1]]]}),
            _feature("10000006", None),
            _feature("10000007", {"type": "MultiPolygon", "coordinates": []}),
            _feature("10000008", {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [500, 1]]]}),
            "not a feature",
        ],
    )
    with caplog.at_level(logging.WARNING, logger="cur_desktop.regions.boundaries"):
        polygons = read_boundaries(path)
    assert list(polygons) == ["10000001"]
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 9
    assert any("feature #1 has no string 'oktmo'" in m for m in messages)
    assert any("feature #3 (oktmo 10000003)" in m and "'Point'" in m for m in messages)
    assert any("feature #4 (oktmo 10000004)" in m and "encloses nothing" in m for m in messages)
    assert any("feature #5" in m and "not [lon, lat]" in m for m in messages)
    assert any("feature #8" in m and "outside WGS84" in m for m in messages)


def test_open_rings_are_closed_and_features_of_one_oktmo_merged(tmp_path: Path) -> None:
    open_ring = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]
    path = _write(
        tmp_path,
        [
            _feature("10000001", {"type": "Polygon", "coordinates": [open_ring]}),
            _feature("10000001", {"type": "Polygon", "coordinates": [SQUARE]}),
        ],
    )
    polygons = read_boundaries(path)["10000001"]
    assert len(polygons) == 2
    assert polygons[0][0] == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]


@pytest.mark.parametrize(
    ("content", "field", "problem"),
    [
        (b"{not json", None, "not valid JSON"),
        (b'{"type": "Feature"}', "type", "FeatureCollection"),
        (b'{"type": "FeatureCollection", "features": {}}', "features", "must be a list"),
    ],
)
def test_a_broken_file_is_a_pack_error(
    tmp_path: Path, content: bytes, field: str | None, problem: str
) -> None:
    path = tmp_path / "boundaries.geojson"
    path.write_bytes(content)
    with pytest.raises(PackError, match=problem) as info:
        read_boundaries(path)
    assert info.value.path == path
    assert info.value.field == field


def test_a_missing_file_is_a_pack_error(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="cannot read"):
        read_boundaries(tmp_path / "absent.geojson")
