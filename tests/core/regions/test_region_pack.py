"""Loading region packs: the tiny test pack, the built-in demo, and every refusal."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cur_desktop.domain.dictionaries import DEFAULT_THEME_CODES
from cur_desktop.regions import (
    PackError,
    RegionPack,
    builtin_pack_dir,
    find_packs,
    load_boundaries,
    load_pack,
)
from cur_desktop.regions.pack import find_packs as find_packs_direct

PACKS = Path(__file__).resolve().parents[2] / "data" / "packs"
TINY = PACKS / "tiny"

Doc = dict[str, Any]


def test_tiny_pack_loads_with_everything_it_declares() -> None:
    pack = load_pack(TINY)
    assert isinstance(pack, RegionPack)
    assert (pack.code, pack.name, pack.oktmo) == ("XX-TINY", "Крошечная область", "99")
    assert pack.timezone == ZoneInfo("Asia/Yekaterinburg")
    assert pack.calendar == "RU"
    assert pack.root == TINY
    assert pack.boundaries_path == TINY / "boundaries.geojson"
    assert pack.sla_path == TINY / "sla.json"
    assert pack.attribution == ("Тестовые данные, придуманные для проверок",)
    d = pack.dictionaries
    assert [m.oktmo for m in d.municipalities] == ["99601000", "99602000", "99603000", "99701000"]
    # merged over the defaults: the default themes are there, the pack's bodies too
    assert {t.code for t in d.themes} >= set(DEFAULT_THEME_CODES)
    assert [b.code for b in d.bodies_for("roads", "99701000")] == ["min-transport", "adm-99701000"]
    assert [b.code for b in d.bodies_for("roads", "99601000")] == ["min-transport"]


def test_tiny_pack_holidays_reach_the_production_calendar() -> None:
    pack = load_pack(TINY)
    assert date(2025, 3, 31) in pack.extra_holidays
    assert {date(2026, 6, 24), date(2031, 6, 24)} <= pack.extra_holidays  # "--06-24"
    assert pack.extra_working_days == {date(2025, 6, 21)}
    calendar = pack.production_calendar()
    assert not calendar.is_working_day(date(2026, 6, 24))  # a Wednesday
    assert calendar.is_working_day(date(2026, 6, 23))
    assert not calendar.is_working_day(date(2025, 3, 31))  # a Monday
    assert calendar.is_working_day(date(2025, 6, 21))  # a Saturday made working
    # the pack's zone is the calendar's: work starts at 09:00 Yekaterinburg = 04:00 UTC,
    # so an hour of work from 03:00 UTC ends at 05:00 UTC (07:00 UTC in Moscow time)
    utc = ZoneInfo("UTC")
    start = datetime(2026, 6, 22, 3, 0, tzinfo=utc)
    assert calendar.add_working_time(start, timedelta(hours=1)) == datetime(
        2026, 6, 22, 5, 0, tzinfo=utc
    )


def test_builtin_demo_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CUR_DESKTOP_RESOURCES", raising=False)  # the pack the repository ships
    pack = load_pack(builtin_pack_dir())
    assert pack.code == "RU-TUL"
    assert pack.timezone == ZoneInfo("Europe/Moscow")
    assert pack.boundaries_path is None  # the repository commits no OSM polygons
    assert load_boundaries(pack) == {}
    muns = pack.dictionaries.municipalities
    assert len(muns) == 26
    tula = pack.dictionaries.municipality("70701000")
    assert tula is not None
    assert tula.short_name == "г. Тула"
    assert tula.population > 500_000
    assert all(m.oktmo.startswith("70") and len(m.oktmo) == 8 for m in muns)
    assert all(m.population > 0 and m.label_lon and m.label_lat for m in muns)
    assert len({(m.tile_col, m.tile_row) for m in muns}) == 26
    assert any("OpenStreetMap" in line for line in pack.attribution)
    for mun in muns:
        # someone is responsible for every default theme in every municipality,
        # and the municipality's own administration serves them all
        for theme in DEFAULT_THEME_CODES:
            codes = [b.code for b in pack.dictionaries.bodies_for(theme, mun.oktmo)]
            assert f"adm-{mun.oktmo}" in codes
            assert len(codes) >= 2, (theme, mun.oktmo)


def test_find_packs(tmp_path: Path) -> None:
    assert find_packs(PACKS) == [TINY]
    assert find_packs(TINY) == [TINY]
    assert find_packs(tmp_path / "absent") == []
    assert builtin_pack_dir() in find_packs_direct(builtin_pack_dir().parent)
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "pack.json").write_text("{}")
    (tmp_path / "a" / "pack.json").write_text("{}")
    (tmp_path / "c").mkdir()  # no pack.json: not a pack
    assert find_packs(tmp_path) == [tmp_path / "a", tmp_path / "b"]


# --- refusals ---------------------------------------------------------------------


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))


def _edit(path: Path, change: Callable[[Doc], None]) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _refused(root: Path, file: str, field: str | None, problem: str) -> PackError:
    with pytest.raises(PackError, match=problem) as info:
        load_pack(root)
    assert info.value.path == root / file
    assert info.value.field == field
    assert file in str(info.value)
    if field:
        assert repr(field) in str(info.value)
    return info.value


def _set(key: str, value: Any) -> Callable[[Doc], None]:
    return lambda doc: doc.__setitem__(key, value)


def _drop(key: str) -> Callable[[Doc], None]:
    return lambda doc: doc.pop(key)


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (_set("format", "cur-dictionaries"), "format", "must be 'cur-region-pack'"),
        (_drop("format"), "format", "must be 'cur-region-pack'"),
        (_set("version", 2), "version", "unsupported version 2"),
        (_set("version", True), "version", "unsupported version True"),
        (_drop("code"), "code", "required field is missing"),
        (_set("code", "Tula"), "code", "not a region code"),
        (_set("name", " "), "name", "must not be empty"),
        (_set("name", 7), "name", "must be a string"),
        (_set("oktmo", "7"), "oktmo", "not a two-digit OKTMO"),
        (_set("timezone", "Europe/Tula"), "timezone", "unknown IANA time zone 'Europe/Tula'"),
        (_set("timezone", "../etc/passwd"), "timezone", "unknown IANA time zone"),
        (_drop("timezone"), "timezone", "required field is missing"),
        (_set("calendar", ["RU"]), "calendar", "must be a string"),
        (_set("extra_holidays", "2025-06-24"), "extra_holidays", "must be a list"),
        (_set("extra_holidays", ["24.06.2025"]), "extra_holidays", r"entry \[0\]"),
        (_set("extra_working_days", ["--06-24"]), "extra_working_days", "annual day"),
        (
            _set("extra_working_days", ["2027-06-24"]),
            "extra_working_days",
            "2027-06-24 also listed as a holiday",
        ),
        (_set("schedule", "9-18"), "schedule", "must be an object"),
        (_set("schedule", {"preset": "night"}), "schedule", "unknown preset"),
        (_set("attribution", "OSM"), "attribution", "must be a list of strings"),
    ],
)
def test_bad_pack_json_fields(
    tiny: Path, change: Callable[[Doc], None], field: str, problem: str
) -> None:
    _edit(tiny / "pack.json", change)
    _refused(tiny, "pack.json", field, problem)


def test_missing_or_unreadable_pack_json(tiny: Path, tmp_path: Path) -> None:
    with pytest.raises(PackError, match="is not a directory"):
        load_pack(tmp_path / "nowhere")
    (tiny / "pack.json").write_text('{"format": ', encoding="utf-8")
    _refused(tiny, "pack.json", None, "not valid JSON")
    (tiny / "pack.json").write_text("[]", encoding="utf-8")
    _refused(tiny, "pack.json", None, "must hold a JSON object")
    (tiny / "pack.json").unlink()
    _refused(tiny, "pack.json", None, "file is missing")


def _municipality(i: int, **changes: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        doc["municipalities"][i].update(changes)
        for key in [k for k, v in changes.items() if v is None]:
            del doc["municipalities"][i][key]

    return change


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (_set("format", "cur-region-pack"), "format", "must be 'cur-dictionaries'"),
        (_set("municipalities", []), "municipalities", "must list its municipalities"),
        (_drop("municipalities"), "municipalities", "must list its municipalities"),
        (
            _municipality(1, oktmo="70602000"),
            "municipalities[1].oktmo",
            "OKTMO 70602000 is outside region 99",
        ),
        (_municipality(2, tile_row=None), "municipalities[2]", "has no tile position"),
        (
            _municipality(3, tile_col=0, tile_row=0),
            "municipalities[3].tile_col",
            "99601000 and 99701000 share one tile",
        ),
        (_municipality(0, oktmo="9960100"), "municipalities[0].oktmo", "not 8 or 11 digits"),
        (_municipality(0, population=-5), "municipalities[0].population", "integer"),
        (
            lambda doc: doc["bodies"][0].__setitem__("themes", ["parking"]),
            "bodies[0].themes[0]",
            "unknown code 'parking'",
        ),
        (
            lambda doc: doc["bodies"][3].__setitem__("municipalities", ["99999000"]),
            "bodies[3].municipalities[0]",
            "unknown code '99999000'",
        ),
    ],
)
def test_bad_dictionaries(
    tiny: Path, change: Callable[[Doc], None], field: str, problem: str
) -> None:
    _edit(tiny / "dictionaries.json", change)
    _refused(tiny, "dictionaries.json", field, problem)


def test_missing_or_broken_dictionaries(tiny: Path) -> None:
    (tiny / "dictionaries.json").write_text("{", encoding="utf-8")
    _refused(tiny, "dictionaries.json", None, "not valid JSON")
    (tiny / "dictionaries.json").unlink()
    _refused(tiny, "dictionaries.json", None, "file is missing")


def test_boundary_of_an_unknown_municipality(tiny: Path) -> None:
    _edit(
        tiny / "boundaries.geojson",
        lambda doc: doc["features"][2]["properties"].__setitem__("oktmo", "99604000"),
    )
    _refused(
        tiny,
        "boundaries.geojson",
        "features[2].properties.oktmo",
        "OKTMO 99604000 is not a municipality in dictionaries.json",
    )


def test_broken_boundaries_file(tiny: Path) -> None:
    (tiny / "boundaries.geojson").write_text("{]", encoding="utf-8")
    _refused(tiny, "boundaries.geojson", None, "not valid JSON")
    (tiny / "boundaries.geojson").write_text('{"type": "Feature"}', encoding="utf-8")
    _refused(tiny, "boundaries.geojson", "type", "FeatureCollection")


def test_malformed_feature_is_not_fatal(tiny: Path) -> None:
    _edit(tiny / "boundaries.geojson", lambda doc: doc["features"][1].__setitem__("geometry", None))
    pack = load_pack(tiny)
    assert set(load_boundaries(pack)) == {"99601000", "99603000", "99701000"}


def test_optional_files_may_be_absent(tiny: Path) -> None:
    (tiny / "boundaries.geojson").unlink()
    (tiny / "sla.json").unlink()
    pack = load_pack(tiny)
    assert pack.boundaries_path is None
    assert pack.sla_path is None
    assert load_boundaries(pack) == {}


def test_bad_sla_rules(tiny: Path) -> None:
    _edit(tiny / "sla.json", lambda doc: doc["rules"][0]["first_answer"].update(unit="hours"))
    _refused(tiny, "sla.json", None, "invalid SLA rules: .*unit")
    _edit(
        tiny / "sla.json", lambda doc: doc["rules"][0]["first_answer"].update(unit="working_hours")
    )
    _edit(tiny / "sla.json", lambda doc: doc["rules"][0]["match"].update(theme="parking"))
    _refused(tiny, "sla.json", "rules[0].match.theme", "unknown theme 'parking'")
