"""A report as a PDF: A4, PT Sans embedded (Cyrillic), tables and vector charts.

ReportLab lays the document out (platypus) and draws the charts as PDF vector
graphics (``reportlab.graphics``): a column chart of the days, bars of the themes,
a line of the weeks. The fonts are the ones the app ships
(``resources/fonts``, PT Sans, OFL), embedded as subsets. Qt-free.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cur_desktop.paths import resources_dir
from cur_desktop.reports import labels

if TYPE_CHECKING:
    from cur_desktop.reports.content import NamedRow, ReportContent

FONT = "PTSans"
FONT_BOLD = "PTSans-Bold"
INK = "#1F2A37"
ACCENT = "#2F5D9E"
RED = "#B00020"
GREEN = "#1B7F3B"


def _fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "PTS55F.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "PTS75F.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)
    # the charts' unset labels (axis titles, empty bar labels) default to Helvetica,
    # which the file would then name without embedding it
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = FONT


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "share":
        return f"{100 * value:.1f} %".replace(".", ",")
    if unit == "hours":
        return f"{value:.1f}".replace(".", ",")
    return f"{value:,.0f}".replace(",", "\u00a0")


def _change(value: float | None) -> str:
    if value is None:
        return "—"
    percent = round(100 * value)
    return (f"+{percent} %" if percent > 0 else f"{percent} %").replace("-", "−")


def _due(iso: str) -> str:
    return f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}" if len(iso) == 10 else iso


def write_pdf(content: ReportContent, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    _fonts()
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=content.title,
        author="ЦУР",
        subject=content.region_name,
        # the canvas's initial font: else the file names an unembedded Helvetica
        initialFontName=FONT,
    )
    story = _Story(content, doc.width).build()

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColorRGB(0.4, 0.4, 0.4)
        canvas.drawString(16 * mm, 9 * mm, f"{content.title.rstrip('.')}. {content.region_name}")
        canvas.drawRightString(A4[0] - 16 * mm, 9 * mm, f"стр. {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)


class _Story:
    def __init__(self, content: ReportContent, width: float) -> None:
        from reportlab.lib.styles import ParagraphStyle

        self.c = content
        self.width = width
        self.h1 = ParagraphStyle(
            "h1", fontName=FONT_BOLD, fontSize=17, leading=21, textColor=INK, spaceAfter=4
        )
        self.h2 = ParagraphStyle(
            "h2",
            fontName=FONT_BOLD,
            fontSize=13,
            leading=16,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        )
        self.body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK)
        self.small = ParagraphStyle("small", fontName=FONT, fontSize=8, leading=10, textColor=INK)
        self.head = ParagraphStyle(
            "head", fontName=FONT_BOLD, fontSize=7.5, leading=9, textColor=INK
        )
        self.cell = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=9.5, textColor=INK)

    def p(self, text: str, style: Any = None) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(text, style or self.body)

    def build(self) -> list[Any]:
        from reportlab.platypus import Spacer

        gen = self.c.generated_at.strftime("%d.%m.%Y %H:%M UTC")
        story: list[Any] = [
            self.p(self.c.title, self.h1),
            self.p(
                f"{self.c.region_name}. Период: "
                f"{self.c.period.first:%d.%m.%Y}–{self.c.period.last:%d.%m.%Y}. "
                f"Сформировано {gen}. Персональные данные не содержатся.",
                self.small,
            ),
            Spacer(1, 4),
            *self._summary(),
        ]
        parts = {
            "totals": self._totals,
            "themes": self._themes,
            "municipalities": self._municipalities,
            "bodies": self._bodies,
            "ratings": self._ratings,
            "satisfaction": self._satisfaction,
            "trends": self._trends,
            "problems": self._problems,
            "cases": self._cases,
            "heatmap": self._heatmap,
        }
        for key, title in self.c.sections:
            story.append(self.p(title, self.h2))
            story.extend(parts[key]())
        return story

    # --- pieces ----------------------------------------------------------------------

    def _table(
        self,
        rows: list[list[Any]],
        widths: list[float],
        red_rows: tuple[int, ...] = (),
        text_columns: int = 1,
    ) -> Any:
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        head = [self.p(str(v), self.head) if isinstance(v, str) else v for v in rows[0]]
        wrapped = [head] + [
            [self.p(str(v), self.cell) if isinstance(v, str) and len(v) > 18 else v for v in r]
            for r in rows[1:]
        ]
        table = Table(wrapped, colWidths=widths, repeatRows=1)
        style = [
            ("FONT", (0, 0), (-1, -1), FONT, 8),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE4EE")),
            ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor(INK)),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#B8C2CF")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (text_columns, 1), (-1, -1), "RIGHT"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F5F7FA")]),
        ]
        style.extend(("TEXTCOLOR", (0, r), (-1, r), colors.HexColor(RED)) for r in red_rows)
        table.setStyle(TableStyle(style))
        return table

    def _summary(self) -> list[Any]:
        t = {x.key: x for x in self.c.totals}
        rec, norm, over = t["received"], t["within_norm"], t["overdue_now"]
        change = ""
        if rec.previous:
            delta = (rec.value or 0) / rec.previous - 1
            change = (
                " (на уровне предыдущего периода)"
                if abs(delta) < 0.005
                else f" ({'+' if delta > 0 else '−'}{abs(delta):.0%} к предыдущему периоду)"
            )
        red = len(self.c.body_rating.red)
        text = (
            f"За период поступило <b>{_fmt(rec.value, 'count')}</b> обращений{change}; "
            f"в срок рассмотрено <b>{_fmt(norm.value, 'share')}</b>"
            + (f" при цели {_fmt(norm.target, 'share')}" if norm.target is not None else "")
            + f"; сейчас просрочено <b>{_fmt(over.value, 'count')}</b>. "
            f"В красной зоне рейтинга органов: <b>{red}</b>."
        )
        return [self.p(text)]

    def _totals(self) -> list[Any]:
        from reportlab.lib.units import mm

        rows: list[list[Any]] = [["Показатель", "Период", "Пред. период", "Год назад", "Цель", ""]]
        red: list[int] = []
        for i, x in enumerate(self.c.totals, start=1):
            mark = "" if x.meets is None else ("✓" if x.meets else "не достигнута")
            if x.meets is False:
                red.append(i)
            rows.append(
                [
                    x.title,
                    _fmt(x.value, x.unit),
                    _fmt(x.previous, x.unit),
                    _fmt(x.year_ago, x.unit),
                    _fmt(x.target, x.unit),
                    mark,
                ]
            )
        w = self.width
        out = [
            self._table(
                rows, [w * 0.40, w * 0.12, w * 0.13, w * 0.12, w * 0.10, w * 0.13], tuple(red)
            )
        ]
        out.append(self._daily_chart(w, 62 * mm))
        return out

    def _daily_chart(self, width: float, height: float) -> Any:
        from reportlab.graphics.charts.barcharts import VerticalBarChart
        from reportlab.graphics.charts.legends import Legend
        from reportlab.graphics.shapes import Drawing, String
        from reportlab.lib import colors

        d = Drawing(width, height)
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 30, 26, width - 40, height - 48
        chart.data = [
            [r for _, r, _ in self.c.daily] or [0],
            [f for _, _, f in self.c.daily] or [0],
        ]
        step = max(1, len(self.c.daily) // 12)
        chart.categoryAxis.categoryNames = [
            d_.strftime("%d.%m") if i % step == 0 else ""
            for i, (d_, _, _) in enumerate(self.c.daily)
        ]
        chart.categoryAxis.labels.fontName = FONT
        chart.categoryAxis.labels.fontSize = 7
        chart.valueAxis.labels.fontName = FONT
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.valueMin = 0
        chart.bars[0].fillColor = colors.HexColor(ACCENT)
        chart.bars[1].fillColor = colors.HexColor("#9DB7DA")
        chart.bars.strokeWidth = 0
        chart.groupSpacing = 1
        d.add(chart)
        legend = Legend()
        legend.x, legend.y = 34, height - 6
        legend.fontName, legend.fontSize = FONT, 8
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.colorNamePairs = [
            (colors.HexColor(ACCENT), "Поступило"),
            (colors.HexColor("#9DB7DA"), "Рассмотрено"),
        ]
        d.add(legend)
        d.add(
            String(width - 4, height - 12, "по дням", fontName=FONT, fontSize=8, textAnchor="end")
        )
        return d

    def _themes(self) -> list[Any]:
        from reportlab.graphics.charts.barcharts import HorizontalBarChart
        from reportlab.graphics.shapes import Drawing
        from reportlab.lib import colors
        from reportlab.lib.units import mm

        rows: list[list[Any]] = [["Тема", "Поступило", "Доля", "В срок", "Главные категории"]]
        for r in self.c.themes:
            cats = "; ".join(f"{n} — {c} ({100 * s:.0f} %)" for n, c, s in r.extra["categories"])
            rows.append(
                [
                    r.name,
                    _fmt(r.values.get("received"), "count"),
                    _fmt(r.extra.get("share"), "share"),
                    _fmt(r.values.get("within_norm"), "share"),
                    self.p(cats, self.cell),
                ]
            )
        w = self.width
        themes = list(self.c.themes)[:8]
        h = 10 + 9 * mm * max(1, len(themes)) / 1.6
        d = Drawing(w, h)
        chart = HorizontalBarChart()
        chart.x, chart.y, chart.width, chart.height = 150, 4, w - 190, h - 8
        chart.data = [[r.values.get("received") or 0 for r in reversed(themes)] or [0]]
        chart.categoryAxis.categoryNames = [r.name[:34] for r in reversed(themes)]
        chart.categoryAxis.labels.fontName = FONT
        chart.categoryAxis.labels.fontSize = 7.5
        chart.valueAxis.labels.fontName = FONT
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.valueMin = 0
        chart.bars[0].fillColor = colors.HexColor(ACCENT)
        chart.bars.strokeWidth = 0
        chart.barLabelFormat = "%d"
        chart.barLabels.fontName = FONT
        chart.barLabels.fontSize = 7
        chart.barLabels.nudge = 8
        d.add(chart)
        story = [d, self._table(rows, [w * 0.24, w * 0.1, w * 0.08, w * 0.08, w * 0.5])]
        if self.c.categories:
            story += self._category_targets()
        return story

    def _category_targets(self) -> list[Any]:
        """The categories with a target (region dictionaries) against it, by theme block;
        a broken target's row in red (the XLSX themes sheet holds the same table)."""
        from xml.sax.saxutils import escape

        rows: list[list[Any]] = [
            ["Блок, категория", "Поступило", "Не более", "Пред. период", "В срок",
             "Цель: в срок", "Цель нарушена"]
        ]  # fmt: skip
        red: list[int] = []
        block = None
        for x in self.c.categories:
            if x.block_name != block:
                block = x.block_name
                rows.append([self.p(f"<b>{escape(block)}</b>", self.cell), "", "", "", "", "", ""])
            why = ["больше предела"] if x.over_limit else []
            if x.below_norm:
                why.append("в срок ниже цели")
            if why:
                red.append(len(rows))
            limit = x.limit
            rows.append(
                [
                    self.p("\u00a0\u00a0" + escape(x.name), self.cell),
                    _fmt(x.received, "count"),
                    "—" if limit is None else f"{limit:.1f}".replace(".", ",").removesuffix(",0"),
                    _fmt(x.received_previous, "count"),
                    _fmt(x.within_norm, "share"),
                    _fmt(x.within_norm_target, "share"),
                    "; ".join(why) if why else "нет",
                ]
            )
        w = self.width
        widths = [w * 0.34, w * 0.1, w * 0.1, w * 0.1, w * 0.09, w * 0.1, w * 0.17]
        return [
            self.p(" ", self.small),
            self.p("<b>Категории с целевыми значениями (справочник региона)</b>"),
            self._table(rows, widths, red_rows=tuple(red)),
        ]

    def _named_rows(self, rows: tuple[NamedRow, ...], first: str, limit: int) -> list[list[Any]]:
        out: list[list[Any]] = [
            [
                first,
                "Поступило",
                "В срок",
                "Просрочено за период",
                "Просрочено сейчас",
                "Реакция, медиана, ч",
            ]
        ]
        for r in rows[:limit]:
            v = r.values
            out.append(
                [
                    r.name,
                    _fmt(v.get("received"), "count"),
                    _fmt(v.get("within_norm"), "share"),
                    _fmt(v.get("overdue_period"), "count"),
                    _fmt(v.get("overdue_now"), "count"),
                    _fmt(v.get("reaction_hours_median"), "hours"),
                ]
            )
        return out

    def _municipalities(self) -> list[Any]:
        w = self.width
        rows = self._named_rows(self.c.municipalities, "Муниципальное образование", 30)
        rows[0].append("На 10 тыс.")
        for row, r in zip(rows[1:], self.c.municipalities, strict=False):
            row.append(_fmt(r.extra.get("per_10k"), "hours"))
        return [
            self._table(rows, [w * 0.3, w * 0.11, w * 0.1, w * 0.13, w * 0.12, w * 0.13, w * 0.11])
        ]

    def _bodies(self) -> list[Any]:
        w = self.width
        stages = [
            s for s in labels.STAGES if any(r.extra.get("stages", {}).get(s) for r in self.c.bodies)
        ]
        rows: list[list[Any]] = [
            [
                "Орган власти",
                "Поступило",
                "В срок",
                "Просрочено за период",
                "Просрочено сейчас",
                *(labels.STAGES[s] for s in stages),
            ]
        ]
        for r in self.c.bodies[:25]:
            v = r.values
            rows.append(
                [
                    r.name,
                    _fmt(v.get("received"), "count"),
                    _fmt(v.get("within_norm"), "share"),
                    _fmt(v.get("overdue_period"), "count"),
                    _fmt(v.get("overdue_now"), "count"),
                    *(str(r.extra.get("stages", {}).get(s, 0)) for s in stages),
                ]
            )
        rest = 1 - 0.28 - 0.11 * 4
        widths = [w * 0.28] + [w * 0.11] * 4 + [w * rest / max(1, len(stages))] * len(stages)
        note = self.p("Стадии — где сейчас находятся просроченные обращения органа.", self.small)
        return [self._table(rows, widths), note]

    def _ratings(self) -> list[Any]:
        w = self.width
        out: list[Any] = []
        for rating, title in (
            (self.c.body_rating, "Органы власти"),
            (self.c.municipality_rating, "Муниципальные образования"),
        ):
            criteria = list(rating.rows[0].criteria) if rating.rows else []
            rows: list[list[Any]] = [
                ["№", title, *(labels.CRITERIA[c] for c in criteria), "Балл", "Зона"]
            ]
            red: list[int] = []
            rated = [r for r in rating.rows if r.score is not None]
            shown = rated[:5] + [r for r in rated[5:] if r.zone == "red"]
            for i, r in enumerate(shown, start=1):
                if r.zone == "red":
                    red.append(i)
                rows.append(
                    [
                        str(r.place or ""),
                        self.c.names.get(r.code, r.code),
                        *(_fmt(r.criteria.get(c), "hours") for c in criteria),
                        _fmt(r.score, "hours"),
                        labels.ZONES[r.zone],
                    ]
                )
            widths = [w * 0.05, w * 0.27] + [w * 0.1] * len(criteria) + [w * 0.08, w * 0.1]
            out.append(self._table(rows, widths, tuple(red), text_columns=2))
            reds = [r for r in rating.rows if r.zone == "red"]
            if reds:
                why = "; ".join(
                    f"{self.c.names.get(r.code, r.code)}: "
                    + ", ".join(labels.CRITERIA[x].lower() for x in r.why)
                    for r in reds
                )
                out.append(self.p(f"<b>Красная зона — почему:</b> {why}.", self.small))
            out.append(self.p(" ", self.small))
        out.append(self._history_chart())
        return out

    def _history_chart(self) -> Any:
        from reportlab.graphics.charts.legends import Legend
        from reportlab.graphics.charts.lineplots import LinePlot
        from reportlab.graphics.shapes import Drawing, String
        from reportlab.graphics.widgets.markers import makeMarker
        from reportlab.lib import colors
        from reportlab.lib.units import mm

        h = self.c.history
        red = [r.code for r in self.c.body_rating.red][:5]
        w, ht = self.width, 55 * mm
        d = Drawing(w, ht)
        d.add(
            String(
                0, ht - 10, "Балл органов красной зоны по месяцам", fontName=FONT_BOLD, fontSize=9
            )
        )
        series = [(code, h.scores.get(code, ())) for code in red]
        data = [[(i, v) for i, v in enumerate(s) if v is not None] for _, s in series]
        data = [x for x in data if x]
        if not data:
            return d
        plot = LinePlot()
        plot.x, plot.y, plot.width, plot.height = 30, 20, w * 0.62, ht - 40
        plot.data = data
        palette = ["#B00020", "#E07A00", "#6A3D9A", "#2F5D9E", "#1B7F3B"]
        for i in range(len(data)):
            plot.lines[i].strokeColor = colors.HexColor(palette[i % len(palette)])
            plot.lines[i].strokeWidth = 1.5
            plot.lines[i].symbol = makeMarker("FilledCircle", size=4)
            plot.lines[i].symbol.fillColor = colors.HexColor(palette[i % len(palette)])
        plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, len(h.months) - 1
        plot.xValueAxis.valueSteps = list(range(len(h.months)))
        plot.xValueAxis.labelTextFormat = lambda v: (
            h.months[int(v)] if 0 <= int(v) < len(h.months) else ""
        )
        for axis in (plot.xValueAxis, plot.yValueAxis):
            axis.labels.fontName = FONT
            axis.labels.fontSize = 7
        d.add(plot)
        legend = Legend()
        legend.x, legend.y = w * 0.68, ht - 24
        legend.alignment = "right"
        legend.columnMaximum = 6
        legend.fontName, legend.fontSize = FONT, 7.5
        legend.colorNamePairs = [
            (colors.HexColor(palette[i % len(palette)]), self.c.names.get(code, code)[:34])
            for i, (code, s) in enumerate(series)
            if any(v is not None for v in s)
        ]
        d.add(legend)
        return d

    def _satisfaction(self) -> list[Any]:
        w = self.width
        rows: list[list[Any]] = [
            [
                "Канал",
                "Рассмотрено",
                "Оценки 4–5 (ПОС)",
                "«Доволен» (ИМ)",
                "Удовлетворены, все",
                "На доработку",
            ]
        ]
        for r in self.c.channels:
            v = r.values
            rows.append(
                [
                    r.name,
                    _fmt(v.get("finished"), "count"),
                    _fmt(v.get("satisfied_rating"), "share"),
                    _fmt(v.get("satisfied_reaction"), "share"),
                    _fmt(v.get("satisfied_any"), "share"),
                    _fmt(v.get("rework_share"), "share"),
                ]
            )
        return [self._table(rows, [w * 0.32, w * 0.12, w * 0.14, w * 0.14, w * 0.14, w * 0.14])]

    def _trends(self) -> list[Any]:
        from reportlab.graphics.charts.lineplots import LinePlot
        from reportlab.graphics.shapes import Drawing
        from reportlab.lib import colors
        from reportlab.lib.units import mm

        w = self.width
        out: list[Any] = []
        weeks = self.c.weekly
        if weeks:
            d = Drawing(w, 50 * mm)
            plot = LinePlot()
            plot.x, plot.y, plot.width, plot.height = 34, 18, w - 44, 50 * mm - 28
            plot.data = [[(i, n) for i, (_, n) in enumerate(weeks)]]
            plot.lines[0].strokeColor = colors.HexColor(ACCENT)
            plot.lines[0].strokeWidth = 1.8
            plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, max(1, len(weeks) - 1)
            plot.xValueAxis.valueSteps = list(range(0, len(weeks), 2))
            plot.xValueAxis.labelTextFormat = lambda v: (
                weeks[int(v)][0].strftime("%d.%m") if 0 <= int(v) < len(weeks) else ""
            )
            plot.yValueAxis.valueMin = 0
            for axis in (plot.xValueAxis, plot.yValueAxis):
                axis.labels.fontName = FONT
                axis.labels.fontSize = 7
            d.add(plot)
            out += [self.p("Поступление по неделям (с понедельника)", self.small), d]
        rows: list[list[Any]] = [
            ["Прогноз на неделю", "Прогноз", "Интервал (80 %)", "Модель", "MASE", "Надёжность"]
        ]
        for f in self.c.forecasts:
            rows.append(  # noqa: PERF401 (one row per line, as the other tables)
                [
                    f.name,
                    _fmt(f.next_week, "count"),
                    "—"
                    if f.reliability == "unknown"
                    else f"{_fmt(f.low, 'count')}–{_fmt(f.high, 'count')}",
                    labels.MODELS.get(f.model, f.model),
                    _fmt(f.mase, "hours").replace("—", "—"),
                    labels.RELIABILITY[f.reliability],
                ]
            )
        out.append(self._table(rows, [w * 0.24, w * 0.1, w * 0.14, w * 0.17, w * 0.08, w * 0.27]))
        out.append(
            self.p(
                "MASE — средняя ошибка модели на проверке за последние 8 недель, "
                "делённая на ошибку "
                "сезонного наивного прогноза (тот же день неделей раньше): меньше 1 — модель лучше "
                "базовой. Интервал — из ошибок той же проверки.",
                self.small,
            )
        )
        return out

    def _problems(self) -> list[Any]:
        """Conflicts, disinformation cases, problems and measures (cur_desktop.problems)."""
        from reportlab.platypus import Spacer

        pc = self.c.problems
        if pc is None:
            return [self.p("Данных о проблемном контроле нет.")]
        w = self.width
        c = pc.conflicts
        out: list[Any] = [
            self.p(
                f"Конфликтные ситуации: открыто {c.open}, урегулировано {c.resolved}, "
                f"не урегулировано после попытки {c.not_resolved}. "
                f"Проблемы (группы от 3 обращений за 60 дней): {pc.problems}, "
                f"растут {pc.growing}, обращений в них {pc.appeals_in_problems}."
            )
        ]
        reasons: list[list[Any]] = [["Причина (открытые)", "Обращений"]]
        reasons += [[name, _fmt(n, "count")] for name, n in pc.reason_rows()]
        if len(reasons) > 1:
            out.append(self._table(reasons, [w * 0.6, w * 0.2]))
        hours = pc.cases.median_hours_to_refutation
        out.append(Spacer(1, 6))
        out.append(
            self.p(
                "Недостоверная информация: "
                + ", ".join(f"{name} {n}" for name, n in pc.case_rows())
                + ("" if hours is None else f"; медиана до опровержения {_fmt(hours, 'hours')} ч")
                + "."
            )
        )
        cases: list[list[Any]] = [["Дело", "Утверждение (обезличено)", "Обращений", "Часов"]]
        cases += [
            [o.case_id, o.claim, _fmt(o.appeals, "count"), _fmt(o.hours_open, "hours")]
            for o in pc.open_cases
        ]
        if len(cases) > 1:
            out.append(self._table(cases, [w * 0.14, w * 0.56, w * 0.14, w * 0.14]))
        if pc.measures:
            out.append(Spacer(1, 6))
            rows: list[list[Any]] = [
                [
                    "Мера",
                    "Исполнитель",
                    "Срок",
                    "Статус",
                    "До, в нед.",
                    "После",
                    "Изм.",
                    "Год назад",
                ]
            ]
            for m in pc.measures:
                rows.append(  # noqa: PERF401 (one row per line, as the other tables)
                    [
                        m.what,
                        m.who,
                        _due(m.due),
                        m.status,
                        _fmt(m.before_per_week, "hours"),
                        _fmt(m.after_per_week, "hours"),
                        _change(m.change),
                        _change(m.year_change),
                    ]
                )
            widths = [0.24, 0.17, 0.1, 0.13, 0.09, 0.09, 0.09, 0.09]
            out.append(self._table(rows, [w * x for x in widths], text_columns=4))
        return out

    def _heatmap(self) -> list[Any]:
        """Municipalities × the busiest themes (reports/heatmap.py), coloured by count."""
        from cur_desktop.reports.heatmap import pdf_table

        heat = self.c.heatmap
        if heat is None or not heat.themes:
            return [self.p("Обращений за период нет.")]
        peak = f"{heat.peak_rate:.1f}".replace(".", ",")
        return [
            self.p(
                "Обращения за период по муниципалитетам и основным темам; цвет ячейки — "
                "число обращений на 10 тыс. жителей, от белого (0) до красного "
                f"(наибольшее, {peak}).",
                self.small,
            ),
            pdf_table(heat, self.width, FONT, FONT_BOLD, self.cell),
        ]

    def _cases(self) -> list[Any]:
        w = self.width
        rows: list[list[Any]] = [
            ["Номер", "Тема / категория", "Муниципалитет / орган", "Почему", "Суть (обезличено)"]
        ]
        for c in self.c.cases:
            rows.append(  # noqa: PERF401 (one row per line, as the other tables)
                [
                    c.number,
                    self.p(f"{c.theme}<br/>{c.category}", self.cell),
                    self.p(f"{c.municipality}<br/>{c.body}", self.cell),
                    c.why,
                    self.p(c.summary, self.cell),
                ]
            )
        if len(rows) == 1:
            return [self.p("Характерных случаев за период нет.")]
        return [self._table(rows, [w * 0.13, w * 0.2, w * 0.2, w * 0.13, w * 0.34])]
