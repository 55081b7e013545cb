"""A report as an Excel workbook: one sheet per section, real numbers, native charts.

XlsxWriter writes the workbook (numbers as numbers with number formats: shares as
percentages, hours with one decimal), and its charts are Excel's own (a column
chart of the days, a bar chart of the themes, a line chart of the weeks), so a
reader can re-plot or copy the data. Qt-free.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cur_desktop.reports import labels

if TYPE_CHECKING:
    from cur_desktop.reports.content import NamedRow, ReportContent

TABLE_FIGURES = (
    "received",
    "within_norm",
    "overdue_period",
    "overdue_now",
    "reaction_hours_median",
    "answer_hours_median",
    "satisfied_any",
    "rework_share",
)


CHART_ROWS = 13  # a chart's height in default rows (20 px each)
#: the rows printed atop every page of a section's sheet (its table's header)
#: (only sheets whose first table runs over pages; others have several tables)
PRINT_TITLES: dict[str, tuple[int, int]] = {
    "municipalities": (3, 3),
    "satisfaction": (3, 3),
    "cases": (3, 3),
}
FIGURE_WIDTH = 15  # a figure's column: its wrapped name in three lines


def write_xlsx(content: ReportContent, path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    try:
        _Writer(book, content).write()
    finally:
        book.close()


def _lines(text: str, width: int) -> int:
    """Lines a text takes wrapped in a column ``width`` characters wide (word by word)."""
    width = int(width * 0.85)  # bold Cyrillic runs wider than the column's digit width
    lines, used = 1, 0
    for word in text.split():
        need = len(word) + (1 if used else 0)
        if used and used + need > width - 1:
            lines, used = lines + 1, len(word)
        else:
            used += need
    return lines


def _sheet_name(title: str) -> str:
    """An Excel sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    clean = re.sub(r"[\[\]:*?/\\]", " ", title).replace("«", "").replace("»", "")
    return re.sub(r"\s+", " ", clean).strip()[:31]


class _Writer:
    def __init__(self, book: Any, content: ReportContent) -> None:
        self.book = book
        self.c = content
        self.bold = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.head = book.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "text_wrap": True, "valign": "top", "border": 1}
        )
        self.pct = book.add_format({"num_format": "0.0%"})
        self.hours = book.add_format({"num_format": "0.0"})
        self.count = book.add_format({"num_format": "#,##0"})
        self.red = book.add_format({"font_color": "#B00020", "bold": True, "indent": 1})
        self.text = book.add_format({"indent": 1})  # a text right of a number
        self.right = book.add_format({"align": "right"})
        self.date = book.add_format({"num_format": "dd.mm.yyyy", "align": "left"})
        self.red_count = book.add_format(
            {"num_format": "#,##0", "font_color": "#B00020", "bold": True}
        )
        self.red_pct = book.add_format(
            {"num_format": "0.0%", "font_color": "#B00020", "bold": True}
        )

    def write(self) -> None:
        self.book.set_properties(
            {"title": self.c.title, "subject": self.c.region_name, "author": "ЦУР"}
        )
        writers = {
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
            sheet = self.book.add_worksheet(_sheet_name(title))
            sheet.write(0, 0, title, self.title)
            # the title ends with «г.»: no second full stop
            sheet.write(1, 0, f"{self.c.title.rstrip('.')}. {self.c.region_name}")
            writers[key](sheet)
            self._page_setup(sheet, title, PRINT_TITLES.get(key))

    def _page_setup(self, sheet: Any, title: str, titles: tuple[int, int] | None) -> None:
        """A4 landscape, every column on the page (as many pages down as it takes), the
        table's header on each page, the section and page number in the footer."""
        sheet.set_paper(9)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        if titles is not None:
            sheet.repeat_rows(*titles)
        footer = f"{title} — {self.c.title}".replace("&", "&&")
        sheet.set_footer(f"&L&8{footer}&R&8стр. &P из &N")

    def _fmt(self, unit: str) -> Any:
        return {"share": self.pct, "hours": self.hours}.get(unit, self.count)

    def _num(self, sheet: Any, row: int, col: int, value: float | None, unit: str) -> None:
        if value is None:
            sheet.write_blank(row, col, None)
        else:
            sheet.write_number(row, col, value, self._fmt(unit))

    def _header(self, sheet: Any, row: int, names: list[str], widths: list[int]) -> None:
        for i, (name, width) in enumerate(zip(names, widths, strict=True)):
            sheet.write(row, i, name, self.head)
            sheet.set_column(i, i, width)
        # wrapped names need the row's height (no application grows a set row)
        sheet.set_row(row, 15 * max(_lines(n, w) for n, w in zip(names, widths, strict=True)))

    def _totals(self, sheet: Any) -> None:
        self._header(
            sheet,
            3,
            ["Показатель", "За период", "Пред. период", "Год назад", "Цель", "Цель достигнута"],
            [40, 14, 14, 14, 12, 16],
        )
        for i, t in enumerate(self.c.totals, start=4):
            sheet.write(i, 0, t.title)
            for j, v in enumerate((t.value, t.previous, t.year_ago, t.target), start=1):
                self._num(sheet, i, j, v, t.unit)
            if t.meets is not None:
                sheet.write(i, 5, "да" if t.meets else "нет", self.text if t.meets else self.red)
        # the chart under the figures (beside them it would halve the printed page)
        chart_row = 4 + len(self.c.totals) + 1
        top = chart_row + CHART_ROWS + 1
        sheet.set_h_pagebreaks([top])  # the days on a page of their own
        sheet.repeat_rows(top + 1)  # atop the days' later pages (a quarter runs over three)
        sheet.write(top, 0, "По дням", self.bold)
        self._header(sheet, top + 1, ["Дата", "Поступило", "Рассмотрено"], [40, 14, 14])
        for i, (day, rec, fin) in enumerate(self.c.daily, start=top + 2):
            sheet.write_datetime(i, 0, day, self.date)  # a real date, shown dd.mm.yyyy
            sheet.write_number(i, 1, rec, self.count)
            sheet.write_number(i, 2, fin, self.count)
        last = top + 1 + len(self.c.daily)
        chart = self.book.add_chart({"type": "column"})
        for col, name in ((1, "Поступило"), (2, "Рассмотрено")):
            chart.add_series(
                {
                    "name": name,
                    "categories": [sheet.name, top + 2, 0, last, 0],
                    "values": [sheet.name, top + 2, col, last, col],
                }
            )
        chart.set_title({"name": "Поступило и рассмотрено по дням"})
        chart.set_legend({"position": "bottom"})
        chart.set_x_axis({"num_format": "dd.mm", "num_font": {"rotation": -90}})
        chart.set_size({"width": 760, "height": CHART_ROWS * 20})
        sheet.insert_chart(chart_row, 0, chart)

    def _named(
        self, sheet: Any, rows: tuple[NamedRow, ...], first: str, extra: list[tuple[str, str, int]]
    ) -> int:
        names = [first, *(labels.FIGURES[f] for f in TABLE_FIGURES), *(e[1] for e in extra)]
        self._header(sheet, 3, names, [34] + [FIGURE_WIDTH] * (len(names) - 1))
        from cur_desktop.desk.figures import figure

        for i, r in enumerate(rows, start=4):
            sheet.write(i, 0, r.name)
            for j, f in enumerate(TABLE_FIGURES, start=1):
                self._num(sheet, i, j, r.values.get(f), figure(f).unit)
            for k, (key, _, _) in enumerate(extra, start=1 + len(TABLE_FIGURES)):
                value = r.extra.get(key)
                if isinstance(value, (int, float)):
                    sheet.write_number(i, k, value, self.pct if key == "share" else self.hours)
                elif value:
                    sheet.write(i, k, value, self.text)
        sheet.freeze_panes(4, 1)
        return 3 + len(rows)

    def _themes(self, sheet: Any) -> None:
        rows = self.c.themes
        extra = [
            ("share", "Доля от всех", 0),
            ("block", "Отраслевой блок", 0),
        ]
        last = self._named(sheet, rows, "Тема", extra)
        sheet.set_column(0, 0, 44)  # a category's name in the tables below
        sheet.set_column(2 + len(TABLE_FIGURES), 2 + len(TABLE_FIGURES), 24)
        chart = self.book.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": "Поступило",
                "categories": [sheet.name, 4, 0, last, 0],
                "values": [sheet.name, 4, 1, last, 1],
                "data_labels": {"value": True},
            }
        )
        chart.set_title({"name": "Основные темы"})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"none": True})
        chart.set_size({"width": 720, "height": 360})
        sheet.insert_chart(last + 3, 0, chart)
        row = self._main_categories(sheet, last + 3 + 360 // 20 + 2)
        if self.c.categories:
            self._category_targets(sheet, row + 2)

    def _main_categories(self, sheet: Any, row: int) -> int:
        """Each theme's busiest categories; the next free row."""
        sheet.write(row, 0, "Главные категории тем", self.bold)
        self._header(sheet, row + 1, ["Тема, категория", "Поступило", "Доля в теме"], [44, 15, 15])
        row += 2
        for r in self.c.themes:
            sheet.write(row, 0, r.name, self.bold)
            row += 1
            for name, count, share in r.extra["categories"]:
                sheet.write(row, 0, f"  {name}")
                sheet.write_number(row, 1, count, self.count)
                sheet.write_number(row, 2, share, self.pct)
                row += 1
        return row

    def _category_targets(self, sheet: Any, row: int) -> None:
        """The categories with a target (region dictionaries) against it, by theme block."""
        sheet.write(row, 0, "Категории с целевыми значениями (справочник региона)", self.bold)
        names = [
            "Отраслевой блок, категория",
            "Поступило",
            "Не более (за период)",
            "Пред. период",
            "В срок, доля",
            "Цель: в срок",
            "Цель нарушена",
        ]
        self._header(sheet, row + 1, names, [44] + [FIGURE_WIDTH] * 6)
        row += 2
        block = None
        for x in self.c.categories:
            if x.block_name != block:
                block = x.block_name
                sheet.write(row, 0, block, self.bold)
                row += 1
            sheet.write(row, 0, f"  {x.name}")
            sheet.write_number(row, 1, x.received, self.red_count if x.over_limit else self.count)
            if x.limit is not None:
                fmt = self.count if x.limit == round(x.limit) else self.hours
                sheet.write_number(row, 2, x.limit, fmt)
            sheet.write_number(row, 3, x.received_previous, self.count)
            if x.within_norm is not None:
                fmt = self.red_pct if x.below_norm else self.pct
                sheet.write_number(row, 4, x.within_norm, fmt)
            if x.within_norm_target is not None:
                sheet.write_number(row, 5, x.within_norm_target, self.pct)
            why = ["больше предела"] if x.over_limit else []
            if x.below_norm:
                why.append("в срок ниже цели")
            sheet.write(row, 6, "; ".join(why) if why else "нет", self.red if why else None)
            row += 1

    def _municipalities(self, sheet: Any) -> None:
        self._named(
            sheet,
            self.c.municipalities,
            "Муниципальное образование",
            [("per_10k", "На 10 тыс. жителей", 0)],
        )

    def _bodies(self, sheet: Any) -> None:
        stages = list(labels.STAGES)
        last = self._named(sheet, self.c.bodies, "Орган власти", [])
        # the stages under the figures (beside them the page would print at half size)
        row = last + 3
        sheet.set_h_pagebreaks([row])
        sheet.write(row, 0, "Просрочено сейчас по стадиям", self.bold)
        names = ["Орган власти", *(labels.STAGES[s] for s in stages)]
        self._header(sheet, row + 1, names, [34] + [FIGURE_WIDTH] * len(stages))
        row += 2
        for r in self.c.bodies:
            counts = r.extra.get("stages", {})
            if not any(counts.values()):
                continue
            sheet.write(row, 0, r.name)
            for j, s in enumerate(stages, start=1):
                sheet.write_number(row, j, counts.get(s, 0), self.count)
            row += 1

    def _ratings(self, sheet: Any) -> None:
        criteria = list(self.c.body_rating.rows[0].criteria) if self.c.body_rating.rows else []
        row = 3
        for rating, title in (
            (self.c.body_rating, "Органы власти"),
            (self.c.municipality_rating, "Муниципальные образования"),
        ):
            sheet.write(row, 0, title, self.bold)
            names = [
                "Место",
                "Наименование",
                "Поступило",
                *(labels.CRITERIA[c] for c in criteria),
                "Балл",
                "Зона",
                "Почему в красной зоне",
            ]
            widths = [8, 34, 12] + [19] * len(criteria) + [10, 14, 56]
            self._header(sheet, row + 1, names, widths)
            for i, r in enumerate(rating.rows, start=row + 2):
                if r.place is not None:
                    sheet.write_number(i, 0, r.place)
                sheet.write(i, 1, self.c.names.get(r.code, r.code), self.text)
                sheet.write_number(i, 2, r.received, self.count)
                for j, c in enumerate(criteria, start=3):
                    self._num(sheet, i, j, r.criteria.get(c), "hours")
                self._num(sheet, i, 3 + len(criteria), r.score, "hours")
                sheet.write(
                    i,
                    4 + len(criteria),
                    labels.ZONES[r.zone],
                    self.red if r.zone == "red" else self.text,
                )
                why = ", ".join(labels.CRITERIA[w] for w in r.why)
                sheet.write(i, 5 + len(criteria), why, self.text)
            row += len(rating.rows) + 4
        h = self.c.history
        sheet.write(row, 0, "Динамика балла органов по месяцам", self.bold)
        # the rating's widths (a sheet has one width per column)
        widths = ([8, 34, 12] + [19] * len(h.months))[: 2 + len(h.months)]
        self._header(sheet, row + 1, ["", "Орган", *h.months], widths)
        for i, (code, scores) in enumerate(sorted(h.scores.items()), start=row + 2):
            sheet.write(i, 1, self.c.names.get(code, code))
            for j, v in enumerate(scores, start=2):
                self._num(sheet, i, j, v, "hours")

    def _satisfaction(self, sheet: Any) -> None:
        keys = (
            "received",
            "finished",
            "satisfied_rating",
            "satisfied_reaction",
            "satisfied_any",
            "rework_share",
            "reopened_share",
        )
        from cur_desktop.desk.figures import figure

        self._header(
            sheet, 3, ["Канал", *(labels.FIGURES[k] for k in keys)], [34] + [16] * len(keys)
        )
        for i, r in enumerate(self.c.channels, start=4):
            sheet.write(i, 0, r.name)
            for j, k in enumerate(keys, start=1):
                self._num(sheet, i, j, r.values.get(k), figure(k).unit)

    def _trends(self, sheet: Any) -> None:
        self._header(sheet, 3, ["Неделя (с понедельника)", "Поступило"], [26, 14])
        for i, (monday, n) in enumerate(self.c.weekly, start=4):
            sheet.write(i, 0, monday.strftime("%d.%m.%Y"))
            sheet.write_number(i, 1, n, self.count)
        last = 3 + len(self.c.weekly)
        if self.c.weekly:
            chart = self.book.add_chart({"type": "line"})
            chart.add_series(
                {
                    "name": "Поступило за неделю",
                    "categories": [sheet.name, 4, 0, last, 0],
                    "values": [sheet.name, 4, 1, last, 1],
                    "marker": {"type": "circle"},
                }
            )
            chart.set_title({"name": "Поступление по неделям"})
            chart.set_legend({"none": True})
            chart.set_size({"width": 720, "height": 300})
            sheet.insert_chart(3, 3, chart)
        row = max(last + 3, 22)
        sheet.write(row, 0, "Прогноз на следующую неделю", self.bold)
        names = [
            "Что",
            "Прогноз",
            "От",
            "До",
            "Модель",
            "MASE (к сезонному наивному)",
            "MAPE",
            "Надёжность",
        ]
        self._header(sheet, row + 1, names, [34, 12, 12, 12, 28, 16, 10, 44])
        for i, f in enumerate(self.c.forecasts, start=row + 2):
            sheet.write(i, 0, f.name)
            for j, v in enumerate((f.next_week, f.low, f.high), start=1):
                sheet.write_number(i, j, v, self.count)  # appeals: whole numbers
            sheet.write(i, 4, labels.MODELS.get(f.model, f.model), self.text)
            self._num(sheet, i, 5, f.mase, "hours")
            self._num(sheet, i, 6, f.mape, "share")
            sheet.write(i, 7, labels.RELIABILITY[f.reliability], self.text)

    def _problems(self, sheet: Any) -> None:
        """Conflicts, disinformation cases, problems and measures (cur_desktop.problems)."""
        pc = self.c.problems
        if pc is None:
            sheet.write(3, 0, "Данных о проблемном контроле нет.")
            return
        c = pc.conflicts
        self._header(sheet, 3, ["Показатель", "Значение"], [56, 14])
        figures = (
            ("Конфликтные ситуации: открыто", c.open),
            ("Конфликтные ситуации: урегулировано", c.resolved),
            ("Конфликтные ситуации: не урегулировано после попытки", c.not_resolved),
            *((f"Открытые по причине: {name}", n) for name, n in pc.reason_rows()),
            *((f"Дела о недостоверной информации: {name}", n) for name, n in pc.case_rows()),
            ("Проблемы (группы от 3 обращений за 60 дней)", pc.problems),
            ("Проблемы, которые растут", pc.growing),
            ("Обращений в проблемах", pc.appeals_in_problems),
        )
        row = 4
        for name, n in figures:
            sheet.write(row, 0, name)
            sheet.write_number(row, 1, n, self.count)
            row += 1
        sheet.write(row, 0, "Медиана часов до опровержения")
        if pc.cases.median_hours_to_refutation is None:
            sheet.write(row, 1, "нет опровержений", self.right)
        else:
            self._num(sheet, row, 1, pc.cases.median_hours_to_refutation, "hours")
        row += 2
        self._header(sheet, row, ["Открытое дело", "Утверждение (обезличено)", "Обращений",
                                  "Часов с первого сообщения"], [56, 60, 14, 16])  # fmt: skip
        if not pc.open_cases:
            row += 1
            sheet.write(row, 0, "Открытых дел нет")
        for o in pc.open_cases:
            row += 1
            sheet.write(row, 0, o.case_id)
            sheet.write(row, 1, o.claim)
            sheet.write_number(row, 2, o.appeals, self.count)
            sheet.write_number(row, 3, o.hours_open, self.hours)
        row += 2
        names = ["Мера", "Исполнитель", "Срок", "Статус", "До, в неделю", "После, в неделю",
                 "Изменение", "Изменение год назад"]  # fmt: skip
        self._header(sheet, row, names, [56, 60, 14, 16, 14, 14, 14, 18])
        for m in pc.measures:
            row += 1
            sheet.write(row, 0, m.what)
            sheet.write(row, 1, m.who)
            sheet.write(row, 2, m.due)
            sheet.write(row, 3, m.status, self.text)
            self._num(sheet, row, 4, m.before_per_week, "hours")
            self._num(sheet, row, 5, m.after_per_week, "hours")
            self._num(sheet, row, 6, m.change, "share")
            self._num(sheet, row, 7, m.year_change, "share")

    def _heatmap(self, sheet: Any) -> None:
        """Municipalities × the busiest themes with a native colour scale (reports/heatmap.py)."""
        from cur_desktop.reports.heatmap import write_sheet

        if self.c.heatmap is not None:
            write_sheet(self.book, sheet, self.c.heatmap, start_row=3)

    def _cases(self, sheet: Any) -> None:
        names = [
            "Номер",
            "Тема",
            "Категория",
            "Муниципалитет",
            "Орган",
            "Почему",
            "Суть (обезличено)",
        ]
        self._header(sheet, 3, names, [16, 30, 32, 22, 30, 22, 70])
        wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        for i, c in enumerate(self.c.cases, start=4):
            for j, v in enumerate(
                (c.number, c.theme, c.category, c.municipality, c.body, c.why, c.summary)
            ):
                sheet.write(i, j, v, wrap)
            sheet.set_row(i, 15 * _lines(c.summary, 70))
