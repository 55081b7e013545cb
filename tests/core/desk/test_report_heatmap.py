"""The reports' heat map (municipalities × themes) against raw SQL over the fixed dataset."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from cur_desktop.analytics import WallContext
from cur_desktop.cache import Cache
from cur_desktop.desk import Period
from cur_desktop.desk.desk import load_period
from cur_desktop.reports.heatmap import HIGH, LOW, THEMES, colour, heat_table
from tests.core.desk.conftest import DESK_NOW
from tests.support.pdf import pdf_text


@pytest.mark.parametrize("label", ["2026-W47", "2026-11"])
def test_heat_map_cells_are_the_raw_counts(
    desk_cache: Cache, desk_context: WallContext, label: str
) -> None:
    period = Period.parse(label)
    figures = load_period(desk_cache, period, desk_context, DESK_NOW.timestamp())
    heat = heat_table(figures, desk_context)
    start, end = period.bounds(desk_context.time_zone)
    with desk_cache.engine.connect() as conn:
        raw = {
            (m, t): n
            for m, t, n in conn.execute(
                text(
                    "SELECT municipality, theme, count(*) FROM appeals WHERE merged_into IS NULL "
                    "AND id > 0 AND created_at >= :s AND created_at < :e GROUP BY 1, 2"
                ),
                {"s": start, "e": end},
            )
        }
    themes = [c for c, _ in heat.themes]
    muns = [c for c, _ in heat.municipalities]
    assert len(themes) == min(THEMES, len({t for _, t in raw if t}))
    by_theme: dict[str, int] = {}
    for (_m, t), n in raw.items():
        by_theme[t] = by_theme.get(t, 0) + n
    # the busiest themes, in order
    assert [by_theme[t] for t in themes] == sorted((by_theme[t] for t in themes), reverse=True)
    assert min(by_theme[t] for t in themes) >= max(
        (n for t, n in by_theme.items() if t and t not in themes), default=0
    )
    for i, m in enumerate(muns):
        for j, t in enumerate(themes):
            assert heat.counts[i][j] == raw.get((m, t), 0)
        assert heat.totals[i] == sum(n for (mm, _t), n in raw.items() if mm == m)
        population = desk_context.population(m)
        if population:
            assert heat.rate(i, 0) == pytest.approx(10_000 * heat.counts[i][0] / population)
    assert heat.totals == tuple(sorted(heat.totals, reverse=True))
    assert heat.peak == max(max(r) for r in heat.counts)


def test_colour_scale_runs_from_white_to_red() -> None:
    assert colour(0, 10) == LOW
    assert colour(10, 10) == HIGH
    assert colour(5, 10) not in (LOW, HIGH)


def test_weekly_bulletin_has_the_heat_map_in_xlsx_and_pdf(
    desk_cache: Cache, desk_context: WallContext, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from cur_desktop.reports import build_content, write_report

    content = build_content(desk_cache, "weekly", Period.parse("2026-W47"), desk_context, DESK_NOW)
    heat = content.heatmap
    assert heat is not None
    assert heat.themes
    title = dict(content.sections)["heatmap"]
    xlsx = tmp_path / "w.xlsx"
    write_report(content, xlsx)
    book = load_workbook(xlsx)
    sheet = next(s for s in book.worksheets if s["A1"].value == title)
    assert [sheet.cell(4, 2 + j).value for j in range(len(heat.themes))] == [
        name for _, name in heat.themes
    ]
    for i, (_code, name) in enumerate(heat.municipalities):
        assert sheet.cell(5 + i, 1).value == name
        assert [sheet.cell(5 + i, 2 + j).value for j in range(len(heat.themes))] == list(
            heat.counts[i]
        )
        assert sheet.cell(5 + i, 2 + len(heat.themes)).value == heat.totals[i]
    rules = [r for cf in sheet.conditional_formatting for r in cf.rules]
    assert any(r.type == "colorScale" for r in rules)
    pdf = tmp_path / "w.pdf"
    write_report(content, pdf)
    text = pdf_text(pdf, "-layout")
    assert "Тепловая карта" in text
    assert heat.municipalities[0][1].split()[0] in text
    # narrow headings break at Russian hyphenation points, with a hyphen, never mid-syllable
    plain = pdf_text(pdf)
    assert "Благо-\nустройство" in plain or "Благоустройство" in plain.replace("-\n", "")
    assert "Жилищно-ко\nммунальное" not in plain
    assert "Благоустрой\nство" not in plain
