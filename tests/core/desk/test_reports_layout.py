"""The XLSX as printed (opened with openpyxl): A4 landscape fitted to the width, the
header rows on every page, no double full stop; the themes sheet's category targets
against raw SQL (the LibreOffice look is scripts/xlsx_look.sh, not a test)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cur_desktop.analytics import WallContext
from cur_desktop.cache import Cache
from cur_desktop.desk import Period
from cur_desktop.reports import build_content, write_report
from cur_desktop.reports.content import ReportContent
from tests.core.desk.conftest import DESK_NOW
from tests.core.desk.test_desk_category_targets import _parent_case, with_targets
from tests.core.desk.test_desk_figures import LIVE, _query
from tests.support.pdf import pdf_text

PERIOD = Period.parse("2026-11")
TARGETS = {
    "roads.snow": {"monthly_max": 10.0, "within_norm": 0.99},
    "housing.heating": {"monthly_max": 10_000.0},
    "health.appointments": {"within_norm": 0.0},
}


@pytest.fixture(scope="module")
def content(desk_cache_path: Path, desk_context: WallContext) -> ReportContent:
    d = with_targets(desk_context.dictionaries, TARGETS)
    context = dataclasses.replace(desk_context, dictionaries=d)
    cache = Cache.open(desk_cache_path)
    try:
        return build_content(cache, "monthly", PERIOD, context, DESK_NOW)
    finally:
        cache.close()


def test_every_sheet_prints_landscape_fitted_to_the_width(
    content: ReportContent, tmp_path: Path
) -> None:
    path = tmp_path / "monthly.xlsx"
    write_report(content, path)
    book = load_workbook(path)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert setup.paperSize == 9, sheet.title  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), sheet.title  # 1: default
        assert "&P" in (sheet.oddFooter.right.text or ""), sheet.title
        assert ".." not in str(sheet["A2"].value), sheet.title
    by_title = {s["A1"].value: s for s in book.worksheets}
    municipalities = by_title[dict(content.sections)["municipalities"]]
    # the table's header on each page
    assert str(municipalities.print_title_rows).replace("$", "") == "4:4"
    # a wrapped header row is as tall as its lines
    assert (municipalities.row_dimensions[4].height or 0) >= 30


def test_category_targets_in_the_themes_sheet_equal_raw_sql(
    content: ReportContent, desk_cache: Cache, desk_context: WallContext, tmp_path: Path
) -> None:
    assert {x.code for x in content.categories} == set(TARGETS)
    path = tmp_path / "monthly.xlsx"
    write_report(content, path)
    sheet = next(
        s
        for s in load_workbook(path).worksheets
        if s["A1"].value == dict(content.sections)["themes"]
    )
    column = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    top = column.index("Категории с целевыми значениями (справочник региона)") + 1
    rows = {
        str(sheet.cell(r, 1).value).strip(): [sheet.cell(r, c).value for c in range(2, 8)]
        for r in range(top + 2, sheet.max_row + 1)
        if sheet.cell(r, 1).value
    }
    start, end = PERIOD.bounds(desk_context.time_zone)
    d = desk_context.dictionaries
    raw = dict(
        _query(
            desk_cache,
            f"SELECT {_parent_case(d)} AS c, count(*) FROM appeals WHERE {LIVE} "
            f"AND created_at >= {start} AND created_at < {end} GROUP BY c",
        )
    )
    for code, targets in TARGETS.items():
        category = d.category(code)
        assert category is not None
        received, limit, _previous, _within, target, broken = rows[category.name]
        assert received == raw.get(code, 0)
        assert limit == targets.get("monthly_max")
        assert target == targets.get("within_norm")
        over = "monthly_max" in targets and received > targets["monthly_max"]
        assert ("больше предела" in broken) is over
    assert "больше предела" in rows[d.category("roads.snow").name][5]  # type: ignore[union-attr]
    assert rows[d.category("housing.heating").name][5] == "нет"  # type: ignore[union-attr]
    # the block's name heads its categories
    block = d.theme("roads").block  # type: ignore[union-attr]
    assert block in rows


def test_category_targets_in_the_pdf_equal_the_xlsx_figures(
    content: ReportContent, tmp_path: Path
) -> None:
    """The PDF's themes section has the same table: every category, its count, and the
    broken targets said in words."""
    path = tmp_path / "monthly.pdf"
    write_report(content, path)
    text = pdf_text(path, "-raw")
    assert "Категории с целевыми значениями (справочник региона)" in text
    flat = " ".join(text.split()).replace("\u00a0", " ")
    flat = flat[flat.index("Категории с целевыми значениями (справочник региона)") :]
    starts = [flat.index(x.name + " ") for x in content.categories]  # in the table's order
    assert starts == sorted(starts)
    for n, x in enumerate(content.categories):  # each row: its name up to the next one's
        row = flat[starts[n] : starts[n + 1] if n + 1 < len(starts) else None]
        count = f"{x.received:,.0f}".replace(",", " ")
        assert row.startswith(f"{x.name} {count} ")
        assert ("больше предела" in row) is bool(x.over_limit)
        assert ("в срок ниже цели" in row) is bool(x.below_norm)
