"""Problem control in the reports: the figures equal the problem modules', nobody named.

The demo cache (planted problems, their measures) gets one disinformation case being
checked, whose claim names a person; the monthly report's «Проблемный контроль»
section (XLSX sheet and PDF) carries the conflict, case, problem and measure figures
exactly as ``cur_desktop.problems`` counts them, the open case with its claim masked,
and no author's name or phone.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cur_desktop.analytics.wall_context import context_from_pack
from cur_desktop.cache import Cache
from cur_desktop.desk import Period
from cur_desktop.problems.conflict_cache import conflict_counts
from cur_desktop.problems.conflict_rules import region_conflict_rules
from cur_desktop.problems.disinfo import case_counts
from cur_desktop.problems.report import problem_control
from cur_desktop.regions import builtin_pack_dir, load_pack
from cur_desktop.reports import build_content, write_report
from tests.support.disinfo import cache_with_open_case

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def cache_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cache_with_open_case(tmp_path_factory.mktemp("problem-report") / "cache.sqlite", NOW)


def test_the_reports_section_is_the_problem_modules_figures(
    cache_path: Path, tmp_path: Path
) -> None:
    with Cache.open(cache_path) as cache:
        context = context_from_pack(load_pack(builtin_pack_dir()))
        content = build_content(cache, "monthly", Period.parse("2026-11"), context, NOW)
        expected = problem_control(cache.engine, NOW)
        conflicts = conflict_counts(cache.engine, region_conflict_rules(), NOW)
        cases = case_counts(cache.engine)
        people = [
            str(r[0])
            for r in cache.engine.connect().exec_driver_sql(
                "SELECT DISTINCT author_name FROM appeals WHERE author_name IS NOT NULL "
                "AND length(author_name) > 5 UNION SELECT DISTINCT author_phone FROM appeals "
                "WHERE author_phone IS NOT NULL"
            )
        ]
    pc = content.problems
    assert pc == expected
    assert pc.conflicts == conflicts
    assert pc.conflicts.open > 0
    assert pc.cases == cases
    assert pc.cases.open == 1
    (case,) = pc.open_cases
    assert case.appeals == 5
    assert "Сидоров" not in case.claim
    assert "Холера в водопроводе" in case.claim
    assert pc.problems >= 5
    assert len(pc.measures) == 2
    assert "problems" in [key for key, _ in content.sections]

    xlsx = tmp_path / "monthly.xlsx"
    write_report(content, xlsx)
    sheet = next(
        s for s in load_workbook(xlsx).worksheets if s["A1"].value == "Проблемный контроль"
    )
    values = {str(r[0].value): r[1].value for r in sheet.iter_rows(min_row=5) if r[0].value}
    assert values["Конфликтные ситуации: открыто"] == conflicts.open
    assert values["Дела о недостоверной информации: на проверке"] == 1
    assert values["Проблемы (группы от 3 обращений за 60 дней)"] == pc.problems
    assert values[case.case_id] == case.claim
    with zipfile.ZipFile(xlsx) as z:
        text = z.read("xl/sharedStrings.xml").decode() + repr(content)
    assert "Сидоров" not in text
    assert people
    for person in people:
        assert person not in text
    pdf = tmp_path / "monthly.pdf"
    write_report(content, pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
