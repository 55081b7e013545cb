"""Reports: their figures against raw SQL, the XLSX opened, the PDF's fonts, no personal data."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cur_desktop.analytics import WallContext
from cur_desktop.cache import Cache
from cur_desktop.cli import main
from cur_desktop.desk import Methodology, Period
from cur_desktop.desk.methodology import parse
from cur_desktop.reports import build_content, write_report
from cur_desktop.reports.content import ReportContent
from tests.core.desk.conftest import DESK_NOW
from tests.core.desk.test_desk_figures import FIN, LIVE, _query, _share

PERIOD = Period.parse("2026-11")


@pytest.fixture(scope="module")
def content(desk_cache_path: Path, desk_context: WallContext) -> ReportContent:
    cache = Cache.open(desk_cache_path)
    try:
        return build_content(cache, "monthly", PERIOD, desk_context, DESK_NOW)
    finally:
        cache.close()


def test_totals_themes_and_stages_equal_raw_sql(
    content: ReportContent, desk_cache: Cache, desk_context: WallContext
) -> None:
    start, end = PERIOD.bounds(desk_context.time_zone)
    now = DESK_NOW.timestamp()
    received, judged, in_norm, overdue = _query(
        desk_cache,
        f"SELECT sum(created_at >= {start} AND created_at < {end}), "
        f"sum({FIN} >= {start} AND {FIN} < {end} AND due_at IS NOT NULL), "
        f"sum({FIN} >= {start} AND {FIN} < {end} AND due_at IS NOT NULL AND {FIN} <= due_at), "
        f"sum(is_open = 1 AND due_at < {now}) FROM appeals WHERE {LIVE}",
    )[0]
    totals = {t.key: t for t in content.totals}
    assert totals["received"].value == received
    assert totals["within_norm"].value == _share(in_norm, judged)
    assert totals["overdue_now"].value == overdue
    assert sum(r for _, r, _ in content.daily) == received

    themes = dict(
        _query(
            desk_cache,
            f"SELECT theme, count(*) FROM appeals WHERE {LIVE} AND created_at >= {start} "
            f"AND created_at < {end} AND theme IS NOT NULL GROUP BY theme",
        )
    )
    assert [t.code for t in content.themes] == sorted(themes, key=lambda c: -themes[c])[:10]
    top = content.themes[0]
    assert top.extra["share"] == themes[top.code] / received
    cats = _query(
        desk_cache,
        f"SELECT category, count(*) AS n FROM appeals WHERE {LIVE} AND created_at >= {start} "
        f"AND created_at < {end} AND theme = '{top.code}' GROUP BY category ORDER BY n DESC",
    )
    assert [c for _, c, _ in top.extra["categories"]] == [n for _, n in cats[:3]]

    stages = _query(
        desk_cache,
        f"SELECT body, status, count(*) FROM appeals WHERE {LIVE} AND is_open = 1 "
        f"AND due_at < {now} AND body IS NOT NULL GROUP BY body, status",
    )
    got = {(b.code, s): n for b in content.bodies for s, n in b.extra["stages"].items()}
    assert got == {(b, s): n for b, s, n in stages}


def test_xlsx_holds_numbers_charts_and_the_regions_sections(
    content: ReportContent, tmp_path: Path
) -> None:
    path = tmp_path / "monthly.xlsx"
    write_report(content, path)
    book = load_workbook(path)
    assert [s["A1"].value for s in book.worksheets] == [t for _, t in content.sections]
    totals = book.worksheets[0]
    rows = {
        totals.cell(r, 1).value: totals.cell(r, 2).value for r in range(5, 5 + len(content.totals))
    }
    for t in content.totals:
        assert rows[t.title] == (None if t.value is None else pytest.approx(t.value, rel=1e-12))
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml", n)]
    assert len(charts) >= 3


def test_sections_follow_the_methodology(content: ReportContent, tmp_path: Path) -> None:
    doc = dict(Methodology.bundled().doc)
    doc["report_sections"] = [
        {"key": "ratings", "title": "Рейтинг"},
        {"key": "totals", "title": "Итоги"},
    ]
    method = parse(doc)
    assert method.sections == (("ratings", "Рейтинг"), ("totals", "Итоги"))


def test_pdf_embeds_its_fonts(content: ReportContent, tmp_path: Path) -> None:
    path = tmp_path / "monthly.pdf"
    write_report(content, path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/FontFile2" in data
    assert b"/BaseFont /Helvetica" not in data
    assert len(re.findall(rb"/Type /Page\b", data)) >= 3


def test_no_personal_data_in_the_report(
    content: ReportContent, desk_cache: Cache, tmp_path: Path
) -> None:
    path = tmp_path / "monthly.xlsx"
    write_report(content, path)
    with zipfile.ZipFile(path) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
    text = repr(content) + strings
    people = _query(
        desk_cache,
        f"SELECT DISTINCT author_name FROM appeals WHERE {LIVE} AND author_name IS NOT NULL "
        "AND length(author_name) > 5",
    )
    phones = _query(
        desk_cache,
        f"SELECT DISTINCT author_phone FROM appeals WHERE {LIVE} AND author_phone IS NOT NULL",
    )
    assert people
    for (name,) in people:
        assert name not in text
    for (phone,) in phones:
        assert phone not in text
    assert content.cases
    for case in content.cases:
        assert not re.search(r"\b(?:д|кв)\.\s*\d", case.summary)


def test_report_from_the_command_line(desk_cache_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "w.xlsx"
    argv = ["report", "weekly", "--period", "2026-W47", "--cache", str(desk_cache_path)]
    assert main([*argv, "--out", str(out), "--now", DESK_NOW.isoformat()]) == 0
    assert load_workbook(out).worksheets
    assert (
        main(
            [
                "report",
                "monthly",
                "--period",
                "2026-W47",
                "--cache",
                str(desk_cache_path),
                "--out",
                str(out),
            ]
        )
        == 1
    )


def test_weekly_dynamics_equal_raw_sql_week_by_week(
    content: ReportContent, desk_cache: Cache, desk_context: WallContext
) -> None:
    """The weeks are read from the per-theme counts (one read for them and the
    forecasts); each whole week's total equals the appeals created in it."""
    from collections import Counter
    from datetime import datetime, timedelta

    zone = desk_context.time_zone
    assert content.weekly, "the demo cache holds whole weeks before the period's end"
    first = datetime.combine(content.weekly[0][0], datetime.min.time(), zone).timestamp()
    created = _query(
        desk_cache, f"SELECT created_at FROM appeals WHERE {LIVE} AND created_at >= {first}"
    )
    weeks: Counter[object] = Counter()
    for (at,) in created:
        day = datetime.fromtimestamp(at, zone).date()
        weeks[day - timedelta(days=day.weekday())] += 1
    assert [(m, float(weeks[m])) for m, _ in content.weekly] == list(content.weekly)
    assert len({m.weekday() for m, _ in content.weekly}) == 1
    # the region's forecast over the region's own read: the same as over the themes' sum
    from cur_desktop.forecast import daily_counts, forecast

    own = daily_counts(desk_cache, zone, PERIOD.last, "region", days=7 * 16)
    expected = forecast(own["*"].to_numpy(), 7)
    region = next(f for f in content.forecasts if f.name == "Весь регион")
    assert (region.next_week, region.model) == (sum(expected.values), expected.model)
