"""The heat map of the reports: municipalities × themes, appeals received in the period.

The weekly bulletin real ЦУРs publish is this table: each municipality (rows, the
busiest first) against the busiest themes (columns): the count in each cell, its
colour by the appeals per 10,000 residents against the table's highest rate (the
capital does not paint every column red only for being big), with each
municipality's total and its rate. Computed from the desk's period figures (the
same rows and the same "received" as every other figure); names only, no personal
data. The PDF and XLSX
writers draw it (:func:`pdf_table`, :func:`write_sheet`). Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cur_desktop.analytics.wall_context import WallContext
    from cur_desktop.desk.desk import PeriodFigures

#: Columns (the busiest themes) and rows (municipalities) at most.
THEMES = 6
MUNICIPALITIES = 30
#: The colour scale: white at zero, through amber, to red at the table's largest cell.
LOW, MID, HIGH = "#FFFFFF", "#F6C343", "#C62828"


@dataclass(frozen=True)
class HeatMapTable:
    themes: tuple[tuple[str, str], ...]  # (code, name), busiest first
    municipalities: tuple[tuple[str, str], ...]  # (oktmo, name), busiest first
    counts: tuple[tuple[int, ...], ...]  # [municipality][theme]
    totals: tuple[int, ...]  # each municipality's appeals, every theme
    per_10k: tuple[float | None, ...]  # each municipality's appeals per 10,000 residents
    populations: tuple[float | None, ...] = ()

    @property
    def peak(self) -> int:
        return max((max(row) for row in self.counts if row), default=0)

    def rate(self, i: int, j: int) -> float | None:
        """Cell (municipality ``i``, theme ``j``) per 10,000 residents (None: unknown)."""
        population = self.populations[i] if i < len(self.populations) else None
        return 10_000 * self.counts[i][j] / population if population else None

    @property
    def peak_rate(self) -> float:
        rates = [
            r
            for i in range(len(self.counts))
            for j in range(len(self.themes))
            if (r := self.rate(i, j)) is not None
        ]
        return max(rates, default=0.0)


def heat_table(
    p: PeriodFigures,
    context: WallContext,
    themes: int = THEMES,
    municipalities: int = MUNICIPALITIES,
) -> HeatMapTable:
    """The period's received appeals by municipality and theme (known codes only)."""
    import numpy as np
    import pandas as pd

    received = np.asarray(p.measures["received"], dtype=bool)
    mun = p.keys["municipality"][received]
    theme = p.keys["theme"][received]
    d = context.dictionaries
    theme_names = {t.code: t.name for t in d.themes}
    mun_names = {m.oktmo: m.display_name for m in d.municipalities}
    frame = pd.DataFrame({"m": mun, "t": theme})
    frame = frame[frame["m"].isin(mun_names)]
    by_mun = frame["m"].value_counts()  # every theme (and none) counts in the total
    frame = frame[frame["t"].isin(theme_names)]
    by_theme = frame["t"].value_counts()
    top = sorted(by_theme.index, key=lambda c: (-int(by_theme[c]), c))[:themes]
    rows = sorted(mun_names, key=lambda c: (-int(by_mun.get(c, 0)), mun_names[c]))
    rows = rows[:municipalities]
    table = pd.crosstab(frame["m"], frame["t"]).reindex(index=rows, columns=top, fill_value=0)
    totals = tuple(int(by_mun.get(c, 0)) for c in rows)
    per_10k: list[float | None] = []
    populations: list[float | None] = []
    for code, total in zip(rows, totals, strict=True):
        population = context.population(code)
        populations.append(float(population) if population else None)
        per_10k.append(10_000 * total / population if population else None)
    return HeatMapTable(
        themes=tuple((c, theme_names[c]) for c in top),
        municipalities=tuple((c, mun_names[c]) for c in rows),
        counts=tuple(tuple(int(v) for v in r) for r in table.to_numpy()),
        totals=totals,
        per_10k=tuple(per_10k),
        populations=tuple(populations),
    )


def colour(value: float, peak: float) -> str:
    """The cell's colour: LOW at 0, MID at half the peak, HIGH at the peak (hex)."""
    if peak <= 0 or value <= 0:
        return LOW
    share = min(1.0, value / peak)
    a, b, t = (LOW, MID, share * 2) if share <= 0.5 else (MID, HIGH, share * 2 - 1)
    mixed = [
        round(int(a[i : i + 2], 16) + (int(b[i : i + 2], 16) - int(a[i : i + 2], 16)) * t)
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{v:02X}" for v in mixed)


def pdf_table(heat: HeatMapTable, width: float, font: str, bold: str, cell_style: Any) -> Any:
    """A ReportLab table: names, one coloured column per theme, total, per 10,000."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    # narrow columns: long theme names break at Russian hyphenation points (pyphen),
    # never in the middle of a syllable («Жилищно-ко / ммунальное» before)
    small = ParagraphStyle(
        "heat-head",
        parent=cell_style,
        fontSize=6.5,
        leading=7.5,
        hyphenationLang="ru_RU",
        embeddedHyphenation=1,
        splitLongWords=0,
    )
    head = [Paragraph("Муниципальное образование", small)]
    head += [Paragraph(name, small) for _, name in heat.themes]
    head += [Paragraph("Всего", small), Paragraph("На 10 тыс.", small)]
    data: list[list[Any]] = [head]
    for (_, name), row, total, per in zip(
        heat.municipalities, heat.counts, heat.totals, heat.per_10k, strict=True
    ):
        shown = "—" if per is None else f"{per:.1f}".replace(".", ",")
        data.append([Paragraph(name, cell_style), *row, total, shown])
    n = len(heat.themes)
    first = width * 0.22
    rest = (width - first) / (n + 2)
    table = Table(data, colWidths=[first, *([rest] * (n + 2))], repeatRows=1)
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), font, 7.5),
        ("FONT", (n + 1, 1), (n + 1, -1), bold, 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE4EE")),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#B8C2CF")),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    peak = heat.peak_rate
    for r, row in enumerate(heat.counts, start=1):
        for c in range(1, len(row) + 1):
            rate = heat.rate(r - 1, c - 1) or 0.0
            style.append(("BACKGROUND", (c, r), (c, r), colors.HexColor(colour(rate, peak))))
            if rate > 0.75 * peak:
                style.append(("TEXTCOLOR", (c, r), (c, r), colors.white))
    table.setStyle(TableStyle(style))
    return table


def write_sheet(book: Any, sheet: Any, heat: HeatMapTable, start_row: int = 0) -> int:
    """The table on an XLSX sheet with a native three-colour scale; the next free row."""
    head = book.add_format({"bold": True, "text_wrap": True, "bg_color": "#DDE4EE", "border": 1})
    cell = book.add_format({"border": 1})
    decimal = book.add_format({"border": 1, "num_format": "0.0"})
    n = len(heat.themes)
    names = ["Муниципальное образование", *(name for _, name in heat.themes), "Всего"]
    names.append("На 10 тыс.")
    sheet.set_row(start_row, 45)
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, n + 2, 17)  # «Здравоохранение» on one line
    for col, name in enumerate(names):
        sheet.write_string(start_row, col, name, head)
    for i, ((_, name), row, total, per) in enumerate(
        zip(heat.municipalities, heat.counts, heat.totals, heat.per_10k, strict=True), start=1
    ):
        r = start_row + i
        sheet.write_string(r, 0, name, cell)
        for j, value in enumerate(row, start=1):
            sheet.write_number(r, j, value, cell)
        sheet.write_number(r, n + 1, total, cell)
        if per is None:
            sheet.write_blank(r, n + 2, None, cell)
        else:
            sheet.write_number(r, n + 2, per, decimal)
    last = start_row + len(heat.municipalities)
    # the same cells per 10,000 residents, coloured (the PDF colours the counts so)
    second = last + 2
    sheet.set_h_pagebreaks([second])  # the rates on a page of their own, under their header
    sheet.write_string(second, 0, "На 10 тыс. жителей", head)
    for col, (_, name) in enumerate(heat.themes, start=1):
        sheet.write_string(second, col, name, head)
    sheet.set_row(second, 45)
    for i, (_, name) in enumerate(heat.municipalities):
        r = second + 1 + i
        sheet.write_string(r, 0, name, cell)
        for j in range(n):
            rate = heat.rate(i, j)
            if rate is None:
                sheet.write_blank(r, 1 + j, None, cell)
            else:
                sheet.write_number(r, 1 + j, rate, decimal)
    if heat.municipalities and n:
        sheet.conditional_format(
            second + 1,
            1,
            second + len(heat.municipalities),
            n,
            {
                "type": "3_color_scale",
                "min_type": "num",
                "min_value": 0,
                "min_color": LOW,
                "mid_type": "percentile",
                "mid_value": 50,
                "mid_color": MID,
                "max_color": HIGH,
            },
        )
    return second + len(heat.municipalities) + 2
