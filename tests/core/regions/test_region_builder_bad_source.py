"""``cur-desktop regions build`` on broken seed data: a line naming file and line, no traceback.

The command reports a :class:`~cur_desktop.regions.errors.PackError` as a plain message;
anything else escaping the builder is a traceback the person building packs cannot act on.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cur_desktop.cli import main
from cur_desktop.regions import build_packs, load_boundaries, load_pack

HEADER = ["region_name", "region_iso", "region_oktmo", "name_osm", "name", "oktmo", "mo_type"]
HEADER += ["population_2024", "population_urban_2024", "population_rural_2024"]
HEADER += ["label_lon", "label_lat", "match"]


def seed_row(osm: str, name: str, oktmo: str, people: str, lon: str, lat: str) -> list[str]:
    region = ["Чувашская Республика", "RU-CU", "97"]
    return [*region, osm, name, oktmo, "городской округ", people, people, "0", lon, lat, "x"]


ROWS = [
    seed_row("Чебоксары", "Чебоксарский городской округ", "97701000", "489498", "47.25", "56.12"),
    seed_row("Канаш", "Канашский городской округ", "97707000", "44000", "47.49", "55.5"),
]
SQUARE = [[[47.2, 56.1], [47.3, 56.1], [47.3, 56.2], [47.2, 56.2], [47.2, 56.1]]]


def write_source(tmp_path: Path, rows: list[list[str]], geometry: object = None) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    with (src / "seed_municipalities.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    features = [
        {
            "type": "Feature",
            "properties": {"oktmo": "97701000"},
            "geometry": {"type": "Polygon", "coordinates": SQUARE},
        },
        {"type": "Feature", "properties": {"oktmo": "97707000"}, "geometry": geometry},
    ]
    doc = {"type": "FeatureCollection", "features": features}
    (src / "seed_municipalities.geojson").write_text(json.dumps(doc), encoding="utf-8")
    return src


def build(src: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["regions", "build", "--source", str(src), "--out", str(out)])
    return status, capsys.readouterr().err


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("population_2024", "inf"),
        ("population_2024", "nan"),
        ("label_lon", "nan"),
        ("oktmo", "9770100x"),
        ("population_2024", "много"),
    ],
)
def test_a_bad_value_names_the_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str, value: str
) -> None:
    rows = [list(r) for r in ROWS]
    rows[1][HEADER.index(column)] = value
    status, err = build(write_source(tmp_path, rows), tmp_path / "out", capsys)
    assert status == 1
    assert f"seed_municipalities.csv: line 3: column {column!r}" in err
    assert "Traceback" not in err


def test_a_line_cut_short_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [list(ROWS[0]), ROWS[1][:6]]
    status, err = build(write_source(tmp_path, rows), tmp_path / "out", capsys)
    assert status == 1
    assert "line 3: column 'population_2024'" in err


def test_a_seed_file_not_in_utf8_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_source(tmp_path, ROWS)
    path = src / "seed_municipalities.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1251"))
    status, err = build(src, tmp_path / "out", capsys)
    assert status == 1
    assert "seed_municipalities.csv: not UTF-8 text" in err


def test_an_unknown_region_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_source(tmp_path, ROWS)
    argv = ["regions", "build", "--source", str(src), "--out", str(tmp_path / "o")]
    status = main([*argv, "--region", "RU-TUL"])
    assert status == 1
    assert "'RU-TUL' is not in" in capsys.readouterr().err


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Polygon", "coordinates": [[[47.4]]]},
        {"type": "Polygon", "coordinates": [[["47.4", "x"]]]},
        {"type": "MultiPolygon", "coordinates": 5},
    ],
)
def test_a_malformed_boundary_leaves_that_municipality_to_its_tile(
    tmp_path: Path, geometry: object
) -> None:
    out = tmp_path / "out"
    build_packs(write_source(tmp_path, ROWS, geometry), out)
    assert set(load_boundaries(load_pack(out / "RU-CU"))) == {"97701000"}
