"""The pack builder: on a small synthetic source always, on the shared real data when present."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cur_desktop.regions import build_packs, builtin_pack_dir, load_boundaries, load_pack
from cur_desktop.regions.builder import main

REPO = Path(__file__).resolve().parents[3]
REAL_DATA = REPO.parent / "shared" / "data" / "regions"
realdata = pytest.mark.skipif(
    not (REAL_DATA / "seed_municipalities.csv").is_file(),
    reason=f"no shared region data at {REAL_DATA}",
)

_HEADER = [
    "region_name", "region_iso", "region_oktmo", "name_osm", "name", "oktmo", "mo_type",
    "population_2024", "population_urban_2024", "population_rural_2024",
    "label_lon", "label_lat", "match",
]  # fmt: skip
_ROWS = [
    ("Чувашская Республика", "RU-CU", "97", "Чебоксары", "Чебоксарский городской округ",
     "97701000", "городской округ", "489498", "489498", "0", "47.25", "56.12", "x"),
    ("Чувашская Республика", "RU-CU", "97", "Алатырский район", "Алатырский муниципальный округ",
     "97503000", "муниципальный округ", "12000", "0", "12000", "46.5", "54.8", "x"),
    ("Чувашская Республика", "RU-CU", "97", "Канаш", "Канашский городской округ",
     "97707000", "городской округ", "44000", "44000", "0", "47.49", "55.5", "x"),
]  # fmt: skip


def _square(x: float, y: float) -> list[list[list[float]]]:
    # excess precision, and two vertices that merge once rounded to 5 digits
    return [
        [
            [x, y],
            [x + 0.1234567, y],
            [x + 0.1234568, y + 0.0000001],
            [x + 0.1, y + 0.1],
            [x, y + 0.1],
            [x, y],
        ]
    ]


def _synthetic_source(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    with (src / "seed_municipalities.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_HEADER)
        writer.writerows(_ROWS)
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "properties": {"oktmo": "97701000"},
            "geometry": {"type": "Polygon", "coordinates": _square(47.2, 56.1)},
        },
        {
            "type": "Feature",
            "properties": {"oktmo": "97503000"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [_square(46.4, 54.7), _square(46.7, 54.9)],
            },
        },
        {"type": "Feature", "properties": {"oktmo": "97707000"}, "geometry": None},
        {  # another region's feature is not copied
            "type": "Feature",
            "properties": {"oktmo": "70701000"},
            "geometry": {"type": "Polygon", "coordinates": _square(37.5, 54.2)},
        },
    ]
    doc = {"type": "FeatureCollection", "features": features}
    (src / "seed_municipalities.geojson").write_text(json.dumps(doc), encoding="utf-8")
    return src


def test_build_from_a_small_source(tmp_path: Path) -> None:
    src = _synthetic_source(tmp_path)
    out = tmp_path / "out"
    assert build_packs(src, out) == [out / "RU-CU"]
    pack = load_pack(out / "RU-CU")
    assert (pack.code, pack.name, pack.oktmo) == ("RU-CU", "Чувашская Республика", "97")
    assert pack.timezone == ZoneInfo("Europe/Moscow")
    assert date(2026, 6, 24) in pack.extra_holidays  # День Республики
    muns = {m.oktmo: m for m in pack.dictionaries.municipalities}
    assert list(muns) == ["97503000", "97701000", "97707000"]  # sorted by OKTMO
    assert muns["97701000"].short_name == "Чебоксарский г. о."
    assert muns["97503000"].short_name == "Алатырский округ"
    assert muns["97701000"].population == 489498
    assert len({(m.tile_col, m.tile_row) for m in muns.values()}) == 3
    adm = pack.dictionaries.body("adm-97707000")
    assert adm is not None
    assert adm.municipalities == ("97707000",)
    assert adm.themes == ()
    assert adm.name == "Администрация муниципального образования «Канашский городской округ»"
    health = pack.dictionaries.body("min-health")
    assert health is not None
    assert health.name == "Министерство здравоохранения Чувашской Республики"
    polygons = load_boundaries(pack)
    assert set(polygons) == {"97701000", "97503000"}  # the feature without geometry is left out
    assert len(polygons["97503000"]) == 2
    ring = polygons["97701000"][0][0]
    assert ring[1] == (47.32346, 56.1)
    assert len(ring) == 5  # the merged vertex is dropped
    assert all(round(v, 5) == v for point in ring for v in point)


def test_build_without_boundaries_removes_a_stale_file(tmp_path: Path) -> None:
    src = _synthetic_source(tmp_path)
    out = tmp_path / "out"
    build_packs(src, out, ["RU-CU"])
    assert (out / "RU-CU" / "boundaries.geojson").exists()
    build_packs(src, out, ["RU-CU"], write_boundaries=False)
    assert sorted(p.name for p in (out / "RU-CU").iterdir()) == ["dictionaries.json", "pack.json"]
    assert load_pack(out / "RU-CU").boundaries_path is None


def test_command_line(tmp_path: Path) -> None:
    src = _synthetic_source(tmp_path)
    assert main([str(src), str(tmp_path / "cli"), "--region", "RU-CU", "--no-boundaries"]) == 0
    assert load_pack(tmp_path / "cli" / "RU-CU").code == "RU-CU"


def test_unknown_region_is_refused(tmp_path: Path) -> None:
    src = _synthetic_source(tmp_path)
    with pytest.raises(ValueError, match=r"'RU-TUL' is not in .*available: RU-CU"):
        build_packs(src, tmp_path / "out", ["RU-TUL"])


def test_bad_source_rows_are_named(tmp_path: Path) -> None:
    src = _synthetic_source(tmp_path)
    path = src / "seed_municipalities.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",489498,489498,", ",many,489498,"), encoding="utf-8")
    with pytest.raises(
        ValueError, match=r"seed_municipalities.csv: line 2: column 'population_2024'"
    ):
        build_packs(src, tmp_path / "out")
    path.write_text(text.replace("label_lat", "lat"), encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns label_lat"):
        build_packs(src, tmp_path / "out")
    path.unlink()
    with pytest.raises(ValueError, match="cannot read"):
        build_packs(src, tmp_path / "out")


# --- the shared real data -----------------------------------------------------------

_EXPECTED = {
    # region: (municipalities, time zone, a known OKTMO: the capital)
    "RU-SAM": (37, "Europe/Samara", "36701000"),
    "RU-TUL": (26, "Europe/Moscow", "70701000"),
    "RU-DA": (51, "Europe/Moscow", "82701000"),
    "RU-MUR": (17, "Europe/Moscow", "47701000"),
    "RU-CU": (26, "Europe/Moscow", "97701000"),
}


@pytest.mark.realdata
@realdata
def test_build_the_five_seed_regions(tmp_path: Path) -> None:
    paths = build_packs(REAL_DATA, tmp_path)
    assert [p.name for p in paths] == sorted(_EXPECTED)
    for path in paths:
        pack = load_pack(path)
        count, zone, capital = _EXPECTED[pack.code]
        muns = pack.dictionaries.municipalities
        assert len(muns) == count, pack.code
        assert pack.timezone == ZoneInfo(zone)
        assert len({(m.tile_col, m.tile_row) for m in muns}) == count
        assert len({m.short_name for m in muns}) == count, "short names must tell them apart"
        polygons = load_boundaries(pack)
        assert set(polygons) == {m.oktmo for m in muns}
        assert capital in polygons
        assert all(m.population > 0 for m in muns)
        assert sum(m.population for m in muns) > 500_000
    dagestan = load_pack(tmp_path / "RU-DA")
    assert {date(2025, 3, 31), date(2025, 4, 1), date(2025, 6, 6)} <= dagestan.extra_holidays
    assert date(2027, 7, 26) in dagestan.extra_holidays
    chuvashia = load_pack(tmp_path / "RU-CU")
    assert date(2026, 6, 24) in chuvashia.extra_holidays
    assert not chuvashia.production_calendar().is_working_day(date(2026, 6, 24))
    samara = load_pack(tmp_path / "RU-SAM")
    assert samara.extra_holidays == frozenset()


@pytest.mark.realdata
@realdata
def test_the_demo_pack_is_what_the_builder_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CUR_DESKTOP_RESOURCES", raising=False)  # the files in the repository
    (built,) = build_packs(REAL_DATA, tmp_path, ["RU-TUL"], write_boundaries=False)
    committed = load_pack(builtin_pack_dir())
    fresh = load_pack(built)
    assert [(m.oktmo, m.name) for m in fresh.dictionaries.municipalities] == [
        (m.oktmo, m.name) for m in committed.dictionaries.municipalities
    ]
    for name in ("pack.json", "dictionaries.json"):
        assert (built / name).read_bytes() == (builtin_pack_dir() / name).read_bytes(), (
            f"resources/regions/RU-TUL/{name} is stale: regenerate it with "
            "python -m cur_desktop.regions ../shared/data/regions resources/regions "
            "--region RU-TUL --no-boundaries"
        )
    # beside what the builder makes, only the region's hand-written data (triage macros,
    # the rules that detect conflict situations)
    assert sorted(p.name for p in builtin_pack_dir().iterdir()) == [
        "conflict_rules.json",
        "dictionaries.json",
        "macros.json",
        "pack.json",
    ]
