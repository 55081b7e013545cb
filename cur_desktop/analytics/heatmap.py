"""Where the problems are: heat maps, top problems and the load of each municipality.

All over the appeals received in the last ``window_days`` (the context's
``heatmap_window_days``, 30 by default). Rows and columns follow the region's
dictionaries (themes, municipalities in pack order), so a page can keep its
layout from one refresh to the next; codes found in appeals but missing from the
dictionaries are left out (they cannot be named or placed on the map).
"Per 10,000 residents" divides by the pack's population (Rosstat), None where
the pack has none. Qt-free.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cur_desktop.analytics.columns import DAY, Clock, codes, floats, in_window
from cur_desktop.analytics.wall_data import HeatMap, MunicipalityLoad, TopProblem

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from cur_desktop.analytics.wall_context import WallContext

TOP_PROBLEMS = 8


def crosstab(
    row_values: npt.NDArray[Any],
    col_values: npt.NDArray[Any],
    rows: tuple[str, ...],
    columns: tuple[str, ...],
) -> npt.NDArray[np.int64]:
    """Counts of (row, column) pairs, in the given orders; unknown codes are dropped."""
    import numpy as np

    r = codes_in(row_values, rows)
    c = codes_in(col_values, columns)
    keep = (r >= 0) & (c >= 0)
    flat = r[keep].astype(np.int64) * len(columns) + c[keep]
    counts = np.bincount(flat, minlength=len(rows) * len(columns))
    return np.asarray(counts.reshape(len(rows), len(columns)), dtype=np.int64)


def codes_in(values: npt.NDArray[Any], keys: tuple[str, ...]) -> npt.NDArray[np.int64]:
    """Each value's position in ``keys``, -1 for None and for a code not among them (a
    theme the region's pack does not know yet: ``pd.Categorical`` with such values is
    deprecated in pandas 3 and raises in pandas 4)."""
    import numpy as np
    import pandas as pd

    found = pd.Index(list(keys), dtype=object).get_indexer(pd.Index(values, dtype=object))
    return np.asarray(found, dtype=np.int64)


def count_by(values: npt.NDArray[Any], keys: tuple[str, ...]) -> npt.NDArray[np.int64]:
    """Counts of each key among ``values``, in the order of ``keys``."""
    import numpy as np

    c = codes_in(values, keys)
    return np.asarray(np.bincount(c[c >= 0], minlength=len(keys)), dtype=np.int64)


def _heat(
    counts: npt.NDArray[np.int64],
    rows: tuple[str, ...],
    columns: tuple[str, ...],
    context: WallContext,
    window_days: int,
) -> HeatMap:
    populations = [context.population(m) for m in columns]
    per_10k = tuple(
        tuple(
            (int(counts[i, j]) * 10_000 / populations[j]) if populations[j] else None
            for j in range(len(columns))
        )
        for i in range(len(rows))
    )
    absolute = tuple(tuple(int(v) for v in row) for row in counts)
    return HeatMap(rows, columns, absolute, per_10k, window_days)


def compute_heatmaps(
    df: pd.DataFrame, context: WallContext, clock: Clock
) -> tuple[HeatMap, dict[str, HeatMap], tuple[TopProblem, ...]]:
    """(themes × municipalities, categories × municipalities per theme, top problems)."""
    import numpy as np

    days = context.heatmap_window_days
    created = floats(df, "created_at")
    window = in_window(created, clock.now - days * DAY, clock.now + 1e-6)
    before = in_window(created, clock.now - 2 * days * DAY, clock.now - days * DAY)
    themes = context.theme_codes()
    muns = context.municipality_codes()
    theme = codes(df, "theme")
    mun = codes(df, "municipality")
    category = codes(df, "category")
    main = _heat(crosstab(theme[window], mun[window], themes, muns), themes, muns, context, days)

    d = context.dictionaries
    by_theme: dict[str, HeatMap] = {}
    for code in themes:
        cats = tuple(c.code for c in d.categories_of(code))
        if not cats:
            continue
        rows = window & (theme == code)
        counts = crosstab(category[rows], mun[rows], cats, muns)
        by_theme[code] = _heat(counts, cats, muns, context, days)

    all_cats = tuple(c.code for c in d.categories if c.parent is None)
    now_counts = crosstab(category[window], mun[window], all_cats, muns)
    prev_counts = count_by(category[before], all_cats)
    totals = now_counts.sum(axis=1)
    order = np.argsort(-totals, kind="stable")[:TOP_PROBLEMS]
    top: list[TopProblem] = []
    for i in order:
        if totals[i] <= 0:
            break
        cat = d.category(all_cats[i])
        assert cat is not None
        top.append(
            TopProblem(
                theme=cat.theme,
                category=cat.code,
                count=int(totals[i]),
                previous=int(prev_counts[i]),
                top_municipality=muns[int(np.argmax(now_counts[i]))] if muns else None,
            )
        )
    return main, by_theme, tuple(top)


def compute_municipalities(
    df: pd.DataFrame, context: WallContext, clock: Clock, heat: HeatMap
) -> tuple[MunicipalityLoad, ...]:
    """Load (received in the window, per 10,000) and open / overdue now, per municipality."""
    import numpy as np

    muns = heat.columns
    received = np.asarray(heat.absolute, dtype=np.int64).sum(axis=0) if heat.rows else None
    open_now = df["is_open"].to_numpy() == 1
    overdue = open_now & (floats(df, "due_at") < clock.now)
    mun = codes(df, "municipality")
    flag = np.where(overdue, "overdue", "open")
    open_counts = crosstab(mun[open_now], flag[open_now], muns, ("open", "overdue"))
    out = []
    for j, code in enumerate(muns):
        got = int(received[j]) if received is not None else 0
        population = context.population(code)
        n_open = int(open_counts[j].sum())
        out.append(
            MunicipalityLoad(
                oktmo=code,
                received=got,
                per_10k=got * 10_000 / population if population else None,
                open=n_open,
                overdue=int(open_counts[j, 1]),
            )
        )
    return tuple(out)
