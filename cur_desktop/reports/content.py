"""What a report says, as plain numbers and names: :class:`ReportContent`.

Built once from the desk (:mod:`cur_desktop.desk`), then written as XLSX
(:mod:`.xlsx`) or PDF (:mod:`.pdf`); both writers only lay it out. Nothing personal
enters it: counts, shares, hours, codes' names, appeal numbers, and for notable
cases only the masked headline (the wall's masking,
:func:`cur_desktop.analytics.ticker.mask_ticker_row`) with house numbers removed.
The sections, their order and titles are the region's (:attr:`Methodology.sections`).
Qt-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from cur_desktop.bulk import collector_paused
from cur_desktop.desk import Period, compute_desk
from cur_desktop.desk.categories import CategoryLine, category_lines
from cur_desktop.desk.figures import REGION_KEY
from cur_desktop.desk.ratings import Rating, rate
from cur_desktop.reports import labels
from cur_desktop.reports.heatmap import HeatMapTable, heat_table

if TYPE_CHECKING:
    import pandas as pd

    from cur_desktop.analytics.wall_context import WallContext
    from cur_desktop.cache import Cache
    from cur_desktop.desk import Desk, Methodology, PeriodFigures
    from cur_desktop.problems.report import ProblemControl

REPORT_KINDS = {"monthly": "month", "quarterly": "quarter", "weekly": "week"}
TOTAL_FIGURES = (
    "received",
    "finished",
    "within_norm",
    "overdue_period",
    "overdue_now",
    "reaction_hours_median",
    "reaction_hours_mean",
    "answer_hours_median",
    "answer_hours_mean",
    "satisfied_rating",
    "satisfied_reaction",
    "rework_share",
    "repeat_share",
    "reopened_share",
    "source_overdue",
    "fast_track",
)
TOP_THEMES = 10
HISTORY_MONTHS = 6
CASES = 5


@dataclass(frozen=True)
class Total:
    key: str
    title: str
    unit: str
    value: float | None
    previous: float | None
    year_ago: float | None
    target: float | None
    meets: bool | None


@dataclass(frozen=True)
class NamedRow:
    """A theme, municipality, body or channel with its figures (and extra columns)."""

    code: str
    name: str
    values: dict[str, float | None]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RatingHistory:
    months: tuple[str, ...]  # labels, oldest first
    scores: dict[str, tuple[float | None, ...]]  # code -> score per month


@dataclass(frozen=True)
class ForecastLine:
    name: str
    next_week: float
    low: float
    high: float
    model: str
    reliability: str
    mase: float | None
    mape: float | None


@dataclass(frozen=True)
class Case:
    number: str
    theme: str
    category: str
    municipality: str
    body: str
    why: str
    summary: str  # the masked headline, house numbers removed


@dataclass(frozen=True)
class ReportContent:
    kind: str
    period: Period
    region_name: str
    generated_at: datetime
    sections: tuple[tuple[str, str], ...]
    totals: tuple[Total, ...]
    daily: tuple[tuple[date, float, float], ...]  # day, received, finished
    themes: tuple[NamedRow, ...]
    municipalities: tuple[NamedRow, ...]
    bodies: tuple[NamedRow, ...]
    channels: tuple[NamedRow, ...]
    body_rating: Rating
    municipality_rating: Rating
    names: dict[str, str]  # code -> name for ratings
    history: RatingHistory
    weekly: tuple[tuple[date, float], ...]  # week's Monday, received
    forecasts: tuple[ForecastLine, ...]
    cases: tuple[Case, ...]
    #: conflicts, disinformation cases, problems and measures now (issue 17)
    problems: ProblemControl | None = None
    #: municipalities × the busiest themes in the period (the bulletin's heat map)
    heatmap: HeatMapTable | None = None
    #: the categories with a target (region dictionaries) against it, by theme block
    categories: tuple[CategoryLine, ...] = ()

    @property
    def title(self) -> str:
        return f"{labels.KINDS[self.kind]}: {labels.period_title(self.kind, self.period.label)}"


def report_period(kind: str, label: str) -> Period:
    from cur_desktop.desk import PeriodError

    period = Period.parse(label)
    if period.kind != REPORT_KINDS[kind]:
        raise PeriodError(f"a {kind} report takes a {REPORT_KINDS[kind]}, not {label!r}")
    return period


@collector_paused()
def build_content(
    cache: Cache,
    kind: str,
    period: Period,
    context: WallContext,
    now: datetime,
    methodology: Methodology | None = None,
) -> ReportContent:
    """The report of ``kind`` for ``period`` at ``now`` (call off the GUI thread)."""
    from cur_desktop.desk.desk import row_keys
    from cur_desktop.desk.figures import load_rows
    from cur_desktop.desk.methodology import for_cache

    method = methodology or for_cache(cache)
    # one read of the rows the report's months can touch: the period, the one before
    # and the rating history's six months (the year-earlier period is read apart)
    months = _history_months(period)
    spans = [p.bounds(context.time_zone) for p in (months[0], period.previous(), period)]
    rows = load_rows(cache, min(s for s, _ in spans), max(e for _, e in spans))
    groups = row_keys(rows, context)
    desk = compute_desk(cache, period, context, now, method, rows, groups)
    d = context.dictionaries
    names = {b.code: b.short_name or b.name for b in d.bodies}
    names.update({m.oktmo: m.display_name for m in d.municipalities})
    known_bodies = tuple(b.code for b in d.bodies)
    known_muns = tuple(m.oktmo for m in d.municipalities)
    counts = _theme_days(cache, period, context)  # the weekly dynamics' and the forecasts'
    keys = {key for key, _ in method.sections}
    return ReportContent(
        kind=kind,
        period=period,
        region_name=context.region_name,
        generated_at=now,
        sections=method.sections,
        totals=_totals(desk),
        daily=_daily(desk.current, context),
        themes=_themes(desk.current, context),
        municipalities=_rows(desk.current, "municipality", names, context),
        bodies=_bodies(desk.current, names),
        channels=_rows(desk.current, "channel", labels.CHANNELS, context),
        body_rating=rate(desk.current, "bodies", method.rating, known_bodies),
        municipality_rating=rate(desk.current, "municipalities", method.rating, known_muns),
        names=names,
        history=_history(rows, groups, months, context, now, method),
        weekly=_weekly(counts),
        forecasts=forecast_lines(cache, period, context, counts),
        cases=_cases(cache, desk, context),
        # only what the region's sections ask for: the problem clusters are costly
        problems=_problem_control(cache, now) if "problems" in keys else None,
        heatmap=heat_table(desk.current, context) if "heatmap" in keys else None,
        categories=category_lines(desk, d) if "themes" in keys else (),
    )


def _problem_control(cache: Cache, now: datetime) -> ProblemControl:
    from cur_desktop.problems.report import problem_control

    return problem_control(cache.engine, now)


def _totals(desk: Desk) -> tuple[Total, ...]:
    from cur_desktop.desk.figures import figure

    out = []
    for key in TOTAL_FIGURES:
        spec = figure(key)
        out.append(
            Total(
                key,
                labels.FIGURES[key],
                spec.unit,
                desk.current.value(key),
                desk.previous.value(key) if spec.comparable else None,
                desk.year_ago.value(key) if spec.comparable else None,
                desk.target(key),
                desk.meets(key),
            )
        )
    return tuple(out)


def _local_days(values: Any, context: WallContext) -> Any:
    import pandas as pd

    stamps = pd.to_datetime(values, unit="s", utc=True).tz_convert(context.time_zone)
    return stamps.date


def _daily(p: PeriodFigures, context: WallContext) -> tuple[tuple[date, float, float], ...]:
    import numpy as np

    assert p.rows is not None
    days = [p.period.first + timedelta(days=i) for i in range(p.period.days)]
    created = p.rows["created_at"].to_numpy(dtype=np.float64)
    fin = np.fmin(
        p.rows["answered_at"].to_numpy(dtype=np.float64),
        p.rows["closed_at"].to_numpy(dtype=np.float64),
    )
    rec_days = _local_days(created[p.measures["received"]], context)
    fin_days = _local_days(fin[p.measures["finished"]], context)
    from collections import Counter

    rc, fc = Counter(rec_days), Counter(fin_days)
    return tuple((day, float(rc.get(day, 0)), float(fc.get(day, 0))) for day in days)


def _themes(p: PeriodFigures, context: WallContext) -> tuple[NamedRow, ...]:
    import numpy as np

    assert p.rows is not None
    table = p.tables["theme"]
    total = p.value("received") or 0.0
    received = p.measures["received"]
    cats = np.array(
        [c if isinstance(c, str) else "" for c in p.rows["category"].to_numpy(dtype=object)],
        dtype=object,
    )
    d = context.dictionaries
    out = []
    order = sorted((c for c in table if c), key=lambda c: -(table[c]["received"] or 0.0))
    for code in order[:TOP_THEMES]:
        values = table[code]
        n = values["received"] or 0.0
        if not n:
            continue
        mask = received & (p.keys["theme"] == code)
        names, counts = np.unique(cats[mask], return_counts=True)
        top = sorted(zip(names, counts, strict=True), key=lambda x: -x[1])[:3]
        categories = []
        for cat, count in top:
            c = d.category(str(cat)) if cat else None
            categories.append((c.name if c else "без категории", int(count), int(count) / n))
        theme = d.theme(code)
        out.append(
            NamedRow(
                code,
                theme.name if theme else code,
                values,
                {
                    "share": n / total if total else None,
                    "categories": categories,
                    "block": theme.block if theme else "",
                },
            )
        )
    return tuple(out)


def _rows(
    p: PeriodFigures, dimension: str, names: dict[str, str], context: WallContext | None = None
) -> tuple[NamedRow, ...]:
    table = p.tables[dimension]
    out = []
    for code, values in table.items():
        if not code or not (
            values.get("received") or values.get("overdue_now") or values.get("finished")
        ):
            continue
        extra: dict[str, Any] = {}
        if dimension == "municipality" and context is not None:
            population = context.population(code)
            n = values.get("received") or 0.0
            extra["per_10k"] = 10_000 * n / population if population else None
        out.append(NamedRow(code, names.get(code, code), values, extra))
    out.sort(key=lambda r: -(r.values.get("received") or 0.0))
    return tuple(out)


def _bodies(p: PeriodFigures, names: dict[str, str]) -> tuple[NamedRow, ...]:
    import numpy as np

    assert p.rows is not None
    overdue = p.measures["overdue_now"]
    status = p.rows["status"].to_numpy(dtype=object)
    out = []
    for row in _rows(p, "body", names):
        mask = overdue & (p.keys["body"] == row.code)
        stages = (
            dict(zip(*np.unique(status[mask].astype(str), return_counts=True), strict=True))
            if mask.any()
            else {}
        )
        out.append(
            NamedRow(
                row.code,
                row.name,
                row.values,
                {"stages": {str(k): int(v) for k, v in stages.items()}},
            )
        )
    out.sort(
        key=lambda r: (-(r.values.get("overdue_now") or 0.0), -(r.values.get("received") or 0.0))
    )
    return tuple(out)


def _history_months(period: Period) -> list[Period]:
    """The report's month (or the period's last) and the five before."""
    months = [Period.containing("month", period.last)]
    for _ in range(HISTORY_MONTHS - 1):
        months.insert(0, months[0].previous())
    return months


def _history(
    rows: Any,
    keys: dict[str, Any],
    months: list[Period],
    context: WallContext,
    now: datetime,
    method: Methodology,
) -> RatingHistory:
    """Bodies' scores month over month over ``rows`` read once for the report's months
    (each month's own rows picked from them: the same figures as a read of its own)."""
    from cur_desktop.desk.desk import figures_within

    scores: dict[str, list[float | None]] = {}
    for i, m in enumerate(months):
        figures = figures_within(rows, keys, m, context, now.timestamp(), ("body",))
        for row in rate(figures, "bodies", method.rating).rows:
            scores.setdefault(row.code, [None] * len(months))[i] = row.score
    return RatingHistory(tuple(m.label for m in months), {k: tuple(v) for k, v in scores.items()})


def _theme_days(cache: Cache, period: Period, context: WallContext) -> pd.DataFrame:
    """Received per local day and theme, the 16 weeks up to the period's last day."""
    from cur_desktop.forecast import daily_counts

    return daily_counts(cache, context.time_zone, period.last, "theme", days=7 * 16)


def _region_days(themes: pd.DataFrame) -> pd.DataFrame:
    """The region's column (:data:`REGION_KEY`) of per-theme daily counts: their sum
    (an appeal without a theme counts under ""), so the cache is read once for both."""
    if themes.columns.empty:
        return themes
    return themes.sum(axis=1).to_frame(REGION_KEY)


def _weekly(themes: pd.DataFrame) -> tuple[tuple[date, float], ...]:
    counts = _region_days(themes)
    if counts.empty or REGION_KEY not in counts:
        return ()
    weeks: dict[date, float] = {}
    days: dict[date, int] = {}
    for stamp, value in zip(counts.index, counts[REGION_KEY].to_numpy(), strict=True):
        day = stamp.date()
        monday = day - timedelta(days=day.weekday())
        weeks[monday] = weeks.get(monday, 0.0) + float(value)
        days[monday] = days.get(monday, 0) + 1
    # whole weeks only: a week cut by the period's end (or the data's start) reads as a drop
    return tuple(sorted((m, n) for m, n in weeks.items() if days[m] == 7))


def forecast_lines(
    cache: Cache, period: Period, context: WallContext, themes: pd.DataFrame | None = None
) -> tuple[ForecastLine, ...]:
    """The next seven days after ``period`` for the region and its five busiest themes,
    each with its model and the backtest's MASE and reliability (the desk shows these too).

    ``themes``: the per-theme daily counts when already read (:func:`_theme_days`).
    """
    from cur_desktop.forecast import forecast

    themes = _theme_days(cache, period, context) if themes is None else themes
    out = []
    d = context.dictionaries
    for counts, top in ((_region_days(themes), 1), (themes, 5)):
        order = sorted(counts.columns, key=lambda c: -float(counts[c].to_numpy().sum()))
        for code in order[:top]:
            if not code:
                continue
            f = forecast(counts[code].to_numpy(), 7)
            t = d.theme(code)
            name = "Весь регион" if code == REGION_KEY else (t.name if t else code)
            bt = f.backtest
            out.append(
                ForecastLine(
                    name,
                    sum(f.values),
                    sum(f.low),
                    sum(f.high),
                    f.model,
                    f.reliability,
                    bt.mase[f.model] if bt else None,
                    bt.mape[f.model] if bt else None,
                )
            )
    return tuple(out)


_HOUSE = re.compile(r"\b(?:д|дом|кв|корп|стр)\.?\s*\d+[а-яА-Я]?(?:/\d+)?", re.IGNORECASE)


def _no_house(title: str) -> str:
    """The masked headline without house and flat numbers: a street names a problem's
    place, a house number may name a family."""
    return _HOUSE.sub("[…]", title)


CASE_COLUMNS = (
    "id",
    "external_id",
    "created_at",
    "source",
    "importance",
    "theme",
    "category",
    "municipality",
    "body",
    "due_at",
    "title",
    "text",
    "address",
    "address_is_private",
    "author_name",
    "author_phone",
    "author_email",
    "author_profile",
)


def _cases(cache: Cache, desk: Desk, context: WallContext) -> tuple[Case, ...]:
    """The longest overdue open appeals, and the period's resonant ones; masked summaries."""
    from cur_desktop.analytics.ticker import mask_ticker_row

    cols = ", ".join(CASE_COLUMNS)
    p = desk.current
    live = f"SELECT {cols} FROM appeals WHERE merged_into IS NULL AND id > 0 "  # noqa: S608
    queries = (
        (live + "AND is_open = 1 AND due_at < :now ORDER BY due_at LIMIT 3", "overdue"),
        (
            live + "AND (flags & 8) != 0 AND created_at >= :start AND created_at < :end "
            "ORDER BY me_too DESC, id LIMIT 2",
            "resonance",
        ),
    )
    d = context.dictionaries
    out = []
    with cache.engine.connect() as conn:
        for sql, why in queries:
            for r in conn.exec_driver_sql(
                sql, {"now": desk.now, "start": p.start, "end": p.end}
            ).mappings():
                item = mask_ticker_row(dict(r))
                theme = d.theme(r["theme"] or "")
                cat = d.category(r["category"] or "")
                mun = d.municipality(r["municipality"] or "")
                body = d.body(r["body"] or "")
                if why == "overdue":
                    days = (desk.now - float(r["due_at"])) / 86400
                    reason = f"просрочено на {days:.0f} дн."
                else:
                    reason = "резонансное"
                out.append(
                    Case(
                        str(r["external_id"]),
                        theme.name if theme else "",
                        cat.name if cat else "",
                        mun.display_name if mun else "",
                        (body.short_name or body.name) if body else "",
                        reason,
                        _no_house(item.title),
                    )
                )
    return tuple(out[:CASES])
