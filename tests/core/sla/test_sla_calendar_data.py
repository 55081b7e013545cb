"""The production calendar data files: facts, totals, and the checks on malformed files."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cur_desktop.sla.calendar_data import (
    CalendarDataError,
    derive_year,
    load_year_file,
    parse_year,
)
from cur_desktop.sla.paths import calendars_dir, resources_dir

RU = calendars_dir("RU")
FILES = sorted(RU.glob("*.json"))

#: Official yearly totals of the five-day 40-hour week (days, hours), from the published calendars.
OFFICIAL_TOTALS = {
    2023: (247, 1973),
    2024: (248, 1979),
    2025: (247, 1972),
    2026: (247, 1972),
}


def test_resources_dir_is_the_repository_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CUR_DESKTOP_RESOURCES", raising=False)  # the lookup without an override
    assert (resources_dir() / "calendars" / "RU").is_dir()
    assert resources_dir() == Path(__file__).resolve().parents[3] / "resources"


def test_every_year_2023_to_2027_is_present() -> None:
    assert {int(p.stem) for p in FILES} >= {2023, 2024, 2025, 2026, 2027}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_lists_add_up_to_the_totals(path: Path) -> None:
    data = load_year_file(path)
    assert data.year == int(path.stem)
    assert data.recount() == (data.working_days, data.hours_40)


@pytest.mark.parametrize(("year", "totals"), sorted(OFFICIAL_TOTALS.items()))
def test_official_years_carry_the_official_totals(year: int, totals: tuple[int, int]) -> None:
    data = load_year_file(RU / f"{year}.json")
    assert data.status == "official"
    assert "Постановление" in data.source
    assert (data.working_days, data.hours_40) == totals


def test_decree_transfers_are_in_the_data() -> None:
    y2024 = load_year_file(RU / "2024.json")
    # 6 and 7 January moved to 10 May and 31 December; Saturdays 27 Apr, 2 Nov, 28 Dec worked.
    assert {date(2024, 5, 10), date(2024, 12, 31), date(2024, 4, 29)} <= y2024.holidays
    assert y2024.working_weekends == {date(2024, 4, 27), date(2024, 11, 2), date(2024, 12, 28)}
    y2025 = load_year_file(RU / "2025.json")
    # 2025: 23 February (Sunday) moved to 8 May, not to Monday 24 February.
    assert date(2025, 5, 8) in y2025.holidays
    assert date(2025, 2, 24) not in y2025.holidays
    y2026 = load_year_file(RU / "2026.json")
    assert {date(2026, 1, 9), date(2026, 12, 31), date(2026, 3, 9)} <= y2026.holidays


def test_the_2027_file_is_the_art_112_derivation() -> None:
    data = load_year_file(RU / "2027.json")
    derived = derive_year(2027)
    assert data.status == "derived"
    assert data.holidays == derived.holidays
    assert data.working_weekends == derived.working_weekends
    assert data.shortened == derived.shortened
    assert (data.working_days, data.hours_40) == (derived.working_days, derived.hours_40)


def test_derivation_moves_weekend_holidays_but_not_january_ones() -> None:
    derived = derive_year(2027)
    assert date(2027, 5, 3) in derived.holidays  # 1 May is a Saturday
    assert date(2027, 5, 10) in derived.holidays  # 9 May is a Sunday
    assert date(2027, 6, 14) in derived.holidays  # 12 June is a Saturday
    assert date(2027, 1, 11) not in derived.holidays  # 2–3 January: the decree's business
    assert date(2027, 12, 31) in derived.shortened  # before 1 January 2028
    # 2023 by the law alone: 4 November (Saturday) moves to Monday 6 November.
    assert date(2023, 11, 6) in derive_year(2023).holidays


def test_years_before_the_present_law_are_approximate_with_the_holidays_of_their_time() -> None:
    y2011 = derive_year(2011)  # Art. 112 of 2005–2012: 1–5 January, 4 November
    assert y2011.status == "approximate"
    assert date(2011, 1, 5) in y2011.holidays
    assert date(2011, 1, 6) in y2011.holidays  # 1 January, a Saturday, moved (so it was)
    assert date(2011, 1, 11) not in y2011.holidays
    assert date(2011, 11, 4) in y2011.holidays
    assert date(2010, 3, 8) in derive_year(2010).holidays
    y2003 = derive_year(2003)  # the Labour Code as enacted: 7 November, 12 December
    assert {date(2003, 11, 7), date(2003, 12, 12), date(2003, 5, 2)} <= y2003.holidays
    assert date(1995, 2, 23) not in derive_year(1995).holidays  # not yet a holiday
    assert derive_year(2150).status == "approximate"
    assert derive_year(1900).working_days > 200
    with pytest.raises(CalendarDataError, match="9999"):
        derive_year(9999)


def _valid() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads((RU / "2026.json").read_text(encoding="utf-8"))
    return raw


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"format": "other"}, "format"),
        ({"version": 2}, "version"),
        ({"status": "guessed"}, "status"),
        ({"source": ""}, "source"),
        ({"holidays": ["2026-01-03"]}, "holidays"),  # a Saturday
        ({"holidays": ["2025-12-31"]}, "holidays"),  # another year
        ({"holidays": ["2026-13-01"]}, "holidays[0]"),
        ({"holidays": ["2026-01-05", "2026-01-05"]}, "holidays[1]"),
        ({"working_weekends": ["2026-01-05"]}, "working_weekends"),  # a Monday
        ({"shortened": ["2026-01-05"]}, "shortened"),  # a holiday
        ({"totals": {"working_days": 247}}, "totals.hours_40"),
        ({"holidays": "2026-01-05"}, "holidays"),
    ],
)
def test_malformed_files_name_the_bad_field(change: dict[str, Any], field: str) -> None:
    raw = _valid() | change
    with pytest.raises(CalendarDataError, match=re.escape(f"2026.json: {field}:")):
        parse_year(raw, origin="RU/2026.json")


def test_unreadable_file_is_a_data_error(tmp_path: Path) -> None:
    bad = tmp_path / "2026.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CalendarDataError, match="cannot read"):
        load_year_file(bad)
