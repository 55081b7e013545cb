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


def write_xlsx(content: ReportContent, path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    try:
        _Writer(book, content).write()
    finally:
        book.close()


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
        self.red = book.add_format({"font_color": "#B00020", "bold": True})

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
            sheet.write(1, 0, f"{self.c.title}. {self.c.region_name}")
            writers[key](sheet)

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
                sheet.write(i, 5, "да" if t.meets else "нет", None if t.meets else self.red)
        top = 4 + len(self.c.totals) + 2
        sheet.write(top, 0, "По дням", self.bold)
        self._header(sheet, top + 1, ["Дата", "Поступило", "Рассмотрено"], [40, 14, 14])
        for i, (day, rec, fin) in enumerate(self.c.daily, start=top + 2):
            sheet.write(i, 0, day.strftime("%d.%m.%Y"))
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
        chart.set_size({"width": 760, "height": 320})
        sheet.insert_chart(3, 7, chart)

    def _named(
        self, sheet: Any, rows: tuple[NamedRow, ...], first: str, extra: list[tuple[str, str, int]]
    ) -> int:
        names = [first, *(labels.FIGURES[f] for f in TABLE_FIGURES), *(e[1] for e in extra)]
        self._header(sheet, 3, names, [34] + [14] * (len(names) - 1))
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
                    sheet.write(i, k, value)
        sheet.freeze_panes(4, 1)
        return 3 + len(rows)

    def _themes(self, sheet: Any) -> None:
        rows = self.c.themes
        extra = [
            ("share", "Доля от всех", 0),
            ("block", "Отраслевой блок", 0),
            ("cats", "Главные категории (число, доля в теме)", 0),
        ]
        last = self._named(sheet, rows, "Тема", extra)
        for i, r in enumerate(rows, start=4):
            cats = "; ".join(f"{n} — {c} ({s:.0%})" for n, c, s in r.extra["categories"])
            sheet.write(i, 1 + len(TABLE_FIGURES) + 2, cats)
        sheet.set_column(1 + len(TABLE_FIGURES) + 2, 1 + len(TABLE_FIGURES) + 2, 80)
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
        col = 1 + len(TABLE_FIGURES)
        sheet.write(2, col, "Просрочено сейчас по стадиям", self.bold)
        for j, s in enumerate(stages):
            sheet.write(3, col + j, labels.STAGES[s], self.head)
            sheet.set_column(col + j, col + j, 14)
        for i, r in enumerate(self.c.bodies, start=4):
            for j, s in enumerate(stages):
                sheet.write_number(i, col + j, r.extra.get("stages", {}).get(s, 0), self.count)
        del last

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
            self._header(sheet, row + 1, names, [8, 34, 12] + [14] * len(criteria) + [10, 14, 50])
            for i, r in enumerate(rating.rows, start=row + 2):
                if r.place is not None:
                    sheet.write_number(i, 0, r.place)
                sheet.write(i, 1, self.c.names.get(r.code, r.code))
                sheet.write_number(i, 2, r.received, self.count)
                for j, c in enumerate(criteria, start=3):
                    self._num(sheet, i, j, r.criteria.get(c), "hours")
                self._num(sheet, i, 3 + len(criteria), r.score, "hours")
                sheet.write(
                    i,
                    4 + len(criteria),
                    labels.ZONES[r.zone],
                    self.red if r.zone == "red" else None,
                )
                sheet.write(i, 5 + len(criteria), ", ".join(labels.CRITERIA[w] for w in r.why))
            row += len(rating.rows) + 4
        h = self.c.history
        sheet.write(row, 0, "Динамика балла органов по месяцам", self.bold)
        self._header(sheet, row + 1, ["", "Орган", *h.months], [8, 34] + [12] * len(h.months))
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
        self._header(sheet, row + 1, names, [26, 12, 12, 12, 26, 16, 10, 40])
        for i, f in enumerate(self.c.forecasts, start=row + 2):
            sheet.write(i, 0, f.name)
            for j, v in enumerate((f.next_week, f.low, f.high), start=1):
                sheet.write_number(i, j, v, self.hours)
            sheet.write(i, 4, labels.MODELS.get(f.model, f.model))
            self._num(sheet, i, 5, f.mase, "hours")
            self._num(sheet, i, 6, f.mape, "share")
            sheet.write(i, 7, labels.RELIABILITY[f.reliability])

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
        self._num(sheet, row, 1, pc.cases.median_hours_to_refutation, "hours")
        row += 2
        self._header(sheet, row, ["Открытое дело", "Утверждение (обезличено)", "Обращений",
                                  "Часов с первого сообщения"], [56, 60, 14, 16])  # fmt: skip
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
            sheet.write(row, 3, m.status)
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
        self._header(sheet, 3, names, [16, 24, 28, 22, 26, 20, 90])
        for i, c in enumerate(self.c.cases, start=4):
            for j, v in enumerate(
                (c.number, c.theme, c.category, c.municipality, c.body, c.why, c.summary)
            ):
                sheet.write(i, j, v)
