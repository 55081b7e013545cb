"""The desk's figures for one period, by region, theme block, municipality, body and channel.

Rows come from the cache (:func:`load_rows`: only the appeals the period can touch,
merged duplicates left out, never a text column), then each appeal gets its
*measures* for the period (:func:`measures`): is it received in the period, finished
in it, finished within its norm, overdue, rated, returned for rework... and the
figures are sums, shares, medians and means of those measures per group
(:func:`aggregate`). Definitions, for a period ``[start, end)`` and ``now``:

* ``received`` — created in the period;
* ``finished`` — closed or answered in the period (the earlier of the two), not open now;
* ``within_norm`` — share of finished ones with a deadline finished by it;
* ``overdue_now`` — open now with the deadline passed (a stock: not period-bound);
* ``overdue_period`` — deadline fell in the period (before ``now``) and was missed:
  still open, or finished after it;
* ``reaction_hours_*`` — working hours from creation to the first reaction (the first
  reaction, interim or final answer), of the appeals received in the period;
* ``answer_hours_*`` — working hours from creation to finishing, of those finished;
* ``satisfied_rating`` — share of 4–5 among finished ones with a ПОС rating;
* ``satisfied_reaction`` — share of «доволен» among finished ones with an ИМ reaction;
* ``rework_share`` — share of finished ones ever returned for rework;
* ``repeat_share`` — share of received ones marked «повторное»;
* ``reopened_share`` — share of received ones reopened;
* ``responded_share`` — share of received ones with a reaction or no longer open;
* ``source_overdue``, ``fast_track`` — received ones ПОС marked «Просрочено» or «Фаст-трек»;
* ``satisfied_any`` — share satisfied (ПОС 4–5 or ИМ «доволен») among finished rated ones.

Each figure also names the appeals behind it (:attr:`FigureSpec.drill`): the late
ones for «в срок», the unhappy ones for satisfaction, the ones counted otherwise.
Other issues add figures through :data:`EXTRA_MEASURES` and :data:`EXTRA_FIGURES`
(a measure function and a spec each) without touching the list here. Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cur_desktop.desk.hours import working_hours

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from cur_desktop.cache import Cache
    from cur_desktop.domain.dictionaries import Dictionaries
    from cur_desktop.sla import ProductionCalendar

    Floats = npt.NDArray[np.float64]
    Bools = npt.NDArray[np.bool_]

#: The grouping dimensions: name -> the appeals column (``region``: no column, one group).
#: ``block`` (the theme block) is derived from the theme by the dictionaries.
DIMENSIONS: Mapping[str, str | None] = {
    "region": None,
    "theme": "theme",
    "municipality": "municipality",
    "body": "body",
    "channel": "source",
}
REGION_KEY = "*"

ROW_COLUMNS = (
    "id",
    "status",
    "importance",
    "source",
    "theme",
    "category",
    "municipality",
    "body",
    "is_open",
    "flags",
    "rework_count",
    "satisfaction_rating",
    "satisfaction_reaction",
    "created_at",
    "due_at",
    "first_reaction_at",
    "interim_answer_at",
    "answered_at",
    "closed_at",
    "reopened_at",
)
_TIMES = (
    "created_at",
    "due_at",
    "first_reaction_at",
    "interim_answer_at",
    "answered_at",
    "closed_at",
    "reopened_at",
    "satisfaction_rating",
)
REPEAT_FLAG = 4  # cur_desktop.domain.enums.Flag.REPEAT
SOURCE_OVERDUE_FLAG = 64  # Flag.SOURCE_OVERDUE: ПОС «Просрочено»
FAST_TRACK_FLAG = 128  # Flag.FAST_TRACK: ПОС «Фаст-трек»


@dataclass(frozen=True, slots=True)
class FigureSpec:
    """One figure: how it is aggregated from the measures and which appeals it opens.

    ``agg``: ``sum`` of ``measure``; ``share`` of ``measure`` among ``base``;
    ``median``/``mean`` of the float measure ``measure`` (NaN: not counted).
    """

    key: str
    unit: str  # count | share | hours
    agg: str  # sum | share | median | mean
    measure: str
    base: str = ""
    drill: str = ""  # the mask of the appeals behind the figure
    higher_is_better: bool = False
    comparable: bool = True  # False for stocks at "now"


FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec("received", "count", "sum", "received", drill="received"),
    FigureSpec("finished", "count", "sum", "finished", drill="finished", higher_is_better=True),
    FigureSpec("within_norm", "share", "share", "in_norm", "judged", "late", higher_is_better=True),
    FigureSpec("overdue_now", "count", "sum", "overdue_now", drill="overdue_now", comparable=False),
    FigureSpec("overdue_period", "count", "sum", "overdue_period", drill="overdue_period"),
    FigureSpec("reaction_hours_median", "hours", "median", "reaction_h", drill="reacted"),
    FigureSpec("reaction_hours_mean", "hours", "mean", "reaction_h", drill="reacted"),
    FigureSpec("answer_hours_median", "hours", "median", "answer_h", drill="finished"),
    FigureSpec("answer_hours_mean", "hours", "mean", "answer_h", drill="finished"),
    FigureSpec(
        "satisfied_rating",
        "share",
        "share",
        "rating_45",
        "rated",
        "rating_low",
        higher_is_better=True,
    ),
    FigureSpec(
        "satisfied_reaction",
        "share",
        "share",
        "reaction_ok",
        "reacted_im",
        "reaction_bad",
        higher_is_better=True,
    ),
    FigureSpec("rework_share", "share", "share", "rework", "finished", "rework"),
    FigureSpec("repeat_share", "share", "share", "repeat", "received", "repeat"),
    # ПОС's own verdicts kept at import: «Просрочено» and «Фаст-трек»
    FigureSpec("source_overdue", "count", "sum", "source_overdue", drill="source_overdue"),
    FigureSpec("fast_track", "count", "sum", "fast_track", drill="fast_track"),
    # the rating's «полнота» and satisfaction over both channels' marks
    FigureSpec(
        "responded_share",
        "share",
        "share",
        "responded",
        "received",
        "silent",
        higher_is_better=True,
    ),
    FigureSpec(
        "satisfied_any",
        "share",
        "share",
        "happy",
        "judged_by_author",
        "unhappy",
        higher_is_better=True,
    ),
    FigureSpec("reopened_share", "share", "share", "reopened", "received", "reopened"),
)

Measures = dict[str, Any]  # name -> numpy array (bool or float), one value per row
MeasureFn = Callable[["pd.DataFrame", float, float, float], Measures]

#: Figures other modules add (e.g. conflict and disinformation counts): appended specs,
#: and functions giving the measures they need from the rows (``df, start, end, now``).
EXTRA_FIGURES: list[FigureSpec] = []
EXTRA_MEASURES: list[MeasureFn] = []


def all_figures() -> tuple[FigureSpec, ...]:
    return (*FIGURES, *EXTRA_FIGURES)


def figure(key: str) -> FigureSpec:
    for spec in all_figures():
        if spec.key == key:
            return spec
    raise KeyError(key)


def rows_sql() -> str:
    """The appeals a period ``[:start, :end)`` can touch, as of any ``now`` after ``start``.

    Open now (the stock of overdue ones is counted at ``now``), or created before the
    end and created, finished or due since the start.
    """
    columns = ", ".join(ROW_COLUMNS)
    return (
        f"SELECT {columns} FROM appeals WHERE merged_into IS NULL AND id > 0 "  # noqa: S608
        "AND (is_open = 1 OR (created_at < :end AND (created_at >= :start "
        "OR answered_at >= :start OR closed_at >= :start OR due_at >= :start)))"
    )


def load_rows(cache: Cache, start: float, end: float) -> pd.DataFrame:
    """The rows of :func:`rows_sql` as a DataFrame (call off the GUI thread)."""
    import numpy as np
    import pandas as pd

    from cur_desktop.cache.db import fetch_tuples

    rows = fetch_tuples(cache.engine, rows_sql(), {"start": start, "end": end})
    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [()] * len(ROW_COLUMNS)
    data: dict[str, Any] = {}
    for name, values in zip(ROW_COLUMNS, columns, strict=True):
        if name in _TIMES:
            data[name] = np.array(values, dtype=np.float64)
        elif name in ("id", "is_open", "flags", "rework_count"):
            data[name] = np.array(values, dtype=np.int64)
        else:
            data[name] = np.array(values, dtype=object)
    return pd.DataFrame(data, columns=list(ROW_COLUMNS))


def _f(df: pd.DataFrame, name: str) -> Floats:
    import numpy as np

    return np.asarray(df[name].to_numpy(dtype=np.float64), dtype=np.float64)


def measures(
    df: pd.DataFrame, start: float, end: float, now: float, calendar: ProductionCalendar
) -> Measures:
    """Each appeal's measures for the period ``[start, end)`` seen at ``now``."""
    import numpy as np
    import pandas as pd

    created = _f(df, "created_at")
    due = _f(df, "due_at")
    open_now = df["is_open"].to_numpy() == 1
    fin = np.fmin(_f(df, "answered_at"), _f(df, "closed_at"))
    fin[open_now] = np.nan
    first = np.fmin(
        np.fmin(_f(df, "first_reaction_at"), _f(df, "interim_answer_at")), _f(df, "answered_at")
    )
    rating = _f(df, "satisfaction_rating")
    reaction = df["satisfaction_reaction"].to_numpy(dtype=object)

    received = (created >= start) & (created < end)
    finished = (fin >= start) & (fin < end)
    has_due = ~np.isnan(due)
    judged = finished & has_due
    in_norm = judged & (fin <= due)
    due_in = has_due & (due >= start) & (due < min(end, now))
    missed = open_now | (~np.isnan(fin) & (fin > due))
    reacted = received & ~np.isnan(first)
    reaction_h = np.where(reacted, working_hours(calendar, created, first), np.nan)
    answer_h = np.where(finished, working_hours(calendar, created, fin), np.nan)
    rated = finished & ~np.isnan(rating)
    reacted_im = finished & ~pd.isna(reaction)  # a reaction is text or NULL
    reaction_ok = reacted_im & (reaction == "satisfied")
    out: Measures = {
        "received": received,
        "finished": finished,
        "judged": judged,
        "in_norm": in_norm,
        "late": judged & ~in_norm,
        "overdue_now": open_now & has_due & (due < now),
        "overdue_period": due_in & missed,
        "reacted": reacted,
        "reaction_h": reaction_h,
        "answer_h": answer_h,
        "rated": rated,
        "rating_45": rated & (rating >= 4),
        "rating_low": rated & (rating < 4),
        "reacted_im": reacted_im,
        "reaction_ok": reaction_ok,
        "reaction_bad": reacted_im & ~reaction_ok,
        "responded": received & (~np.isnan(first) | ~open_now),
        "silent": received & np.isnan(first) & open_now,
        "judged_by_author": rated | reacted_im,
        "happy": (rated & (rating >= 4)) | reaction_ok,
        "unhappy": (rated & (rating < 4)) | (reacted_im & ~reaction_ok),
        "rework": finished & (df["rework_count"].to_numpy() > 0),
        "repeat": received & ((df["flags"].to_numpy() & REPEAT_FLAG) != 0),
        "source_overdue": received & ((df["flags"].to_numpy() & SOURCE_OVERDUE_FLAG) != 0),
        "fast_track": received & ((df["flags"].to_numpy() & FAST_TRACK_FLAG) != 0),
        "reopened": received & ~np.isnan(_f(df, "reopened_at")),
    }
    for extra in EXTRA_MEASURES:
        out.update(extra(df, start, end, now))
    return out


def group_keys(df: pd.DataFrame, dimension: str) -> npt.NDArray[Any]:
    """Each row's group in ``dimension`` (``""`` where the appeal has none)."""
    import numpy as np

    column = DIMENSIONS[dimension]
    if column is None:
        return np.full(len(df), REGION_KEY, dtype=object)
    import pandas as pd

    values = df[column].to_numpy(dtype=object).copy()
    values[pd.isna(values)] = ""  # the codes are text or NULL
    return values


def block_keys(themes: npt.NDArray[Any], dictionaries: Dictionaries) -> npt.NDArray[Any]:
    """Each row's theme block (отраслевой блок: the theme's ``block``, else the theme)."""
    import numpy as np
    import pandas as pd

    block = {t.code: t.block or t.code for t in dictionaries.themes}
    mapped = pd.Series(themes, dtype=object).map(block).to_numpy(dtype=object)
    missing = pd.isna(mapped)
    mapped[missing] = themes[missing]
    return np.asarray(mapped, dtype=object)


def aggregate(
    m: Measures, keys: npt.NDArray[Any], specs: tuple[FigureSpec, ...] | None = None
) -> dict[str, dict[str, float | None]]:
    """``{group: {figure: value}}`` over the rows that count for any figure."""
    import numpy as np
    import pandas as pd

    specs = specs if specs is not None else all_figures()
    frame = pd.DataFrame({"key": keys})
    needed = {s.measure for s in specs} | {s.base for s in specs if s.base}
    for name in needed:
        column = np.asarray(m[name])
        frame[name] = column.astype(np.float64) if column.dtype == bool else column
    grouped = frame.groupby("key", sort=True)
    counted = sorted(
        {s.measure for s in specs if s.agg in ("sum", "share")} | {s.base for s in specs if s.base}
    )
    timed = sorted({s.measure for s in specs if s.agg in ("median", "mean")})
    sums: dict[Any, dict[Any, Any]] = grouped[counted].sum().to_dict(orient="index")
    stats: dict[str, dict[Any, dict[Any, Any]]] = {
        "median": grouped[timed].median().to_dict(orient="index") if timed else {},
        "mean": grouped[timed].mean().to_dict(orient="index") if timed else {},
    }
    out: dict[str, dict[str, float | None]] = {}
    for key, total in sums.items():
        values: dict[str, float | None] = {}
        for s in specs:
            if s.agg == "sum":
                values[s.key] = float(total[s.measure])
            elif s.agg == "share":
                base = float(total[s.base])
                values[s.key] = float(total[s.measure]) / base if base else None
            else:
                v = float(stats[s.agg][key][s.measure])
                values[s.key] = None if np.isnan(v) else v
        out[str(key)] = values
    return out


def drill_ids(
    m: Measures, ids: npt.NDArray[Any], keys: npt.NDArray[Any], spec: FigureSpec, group: str
) -> list[int]:
    """The ids of the appeals behind ``spec`` in ``group`` (the queue opens these)."""
    import numpy as np

    mask = np.asarray(m[spec.drill or spec.measure])
    if mask.dtype != bool:
        mask = ~np.isnan(mask)
    return [int(i) for i in ids[mask & (keys == group)]]
