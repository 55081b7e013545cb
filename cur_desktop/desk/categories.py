"""Categories of the theme blocks against their targets (region data, seed 002 §16).

The region's dictionaries give a category its targets (``Category.targets``, made in
the console's «Категории» dock): ``monthly_max`` — at most so many appeals received
in a month (the aim of removing their cause), and ``within_norm`` — the share of the
finished ones answered within the norm (0–1). :func:`category_lines` sets each
category that has a target against it for the desk's period: the received ones
against ``monthly_max`` scaled to the period (a month: as is; a quarter: three
months; a year: twelve; a day, week or custom period: by its days over 30), the
share within the norm against its target. A subcategory's appeals count for its
category (the targets are the top-level categories'). Computed from the measures the
desk already holds (no other read). Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cur_desktop.desk import figures as fg

if TYPE_CHECKING:
    import numpy.typing as npt

    from cur_desktop.desk.desk import Desk, PeriodFigures
    from cur_desktop.desk.periods import Period
    from cur_desktop.domain.dictionaries import Dictionaries

#: the figure each category target is set against
TARGET_FIGURES = {"monthly_max": "received", "within_norm": "within_norm"}
_MONTHS = {"month": 1, "quarter": 3, "year": 12}


@dataclass(frozen=True, slots=True)
class CategoryLine:
    """One category with a target: its figures in the period and the targets."""

    block: str  # the theme block (the theme's ``block``, else the theme's code)
    block_name: str  # the block, else the theme's name
    theme: str
    code: str
    name: str
    received: float
    received_previous: float
    limit: float | None  # monthly_max scaled to the period
    monthly_max: float | None
    within_norm: float | None
    within_norm_target: float | None

    @property
    def over_limit(self) -> bool | None:
        """More received than the limit (None: no limit)."""
        return None if self.limit is None else self.received > self.limit

    @property
    def below_norm(self) -> bool | None:
        """Fewer answered within the norm than the target (None: no target or no value)."""
        if self.within_norm_target is None or self.within_norm is None:
            return None
        return self.within_norm < self.within_norm_target

    @property
    def broken(self) -> bool:
        return bool(self.over_limit) or bool(self.below_norm)


def period_limit(monthly_max: float, period: Period) -> float:
    """``monthly_max`` for the period: whole months multiply, other periods scale by days."""
    months = _MONTHS.get(period.kind)
    if months is not None:
        return monthly_max * months
    return monthly_max * period.days / 30.0


def category_keys(p: PeriodFigures, dictionaries: Dictionaries) -> npt.NDArray[Any]:
    """Each row's top-level category code (``""`` where it has none)."""
    import numpy as np
    import pandas as pd

    assert p.rows is not None
    parent = {c.code: c.parent or c.code for c in dictionaries.categories}
    raw = p.rows["category"].to_numpy(dtype=object).copy()
    raw[pd.isna(raw)] = ""  # the codes are text or NULL
    mapped = pd.Series(raw, dtype=object).map(parent).to_numpy(dtype=object)
    unknown = pd.isna(mapped)  # a code the dictionaries do not know: itself
    mapped[unknown] = raw[unknown]
    return np.asarray(mapped, dtype=object)


def category_table(p: PeriodFigures, dictionaries: Dictionaries) -> dict[str, dict[str, Any]]:
    """``{category: {figure: value}}`` of received and within_norm in ``p``."""
    specs = tuple(fg.figure(k) for k in ("received", "within_norm"))
    return fg.aggregate(p.measures, category_keys(p, dictionaries), specs)


def category_lines(desk: Desk, dictionaries: Dictionaries) -> tuple[CategoryLine, ...]:
    """The categories with a target, by theme block then theme and category name."""
    with_targets = [
        c
        for c in dictionaries.categories
        if c.parent is None and any(c.target(t) is not None for t in TARGET_FIGURES)
    ]
    if not with_targets:
        return ()
    now = category_table(desk.current, dictionaries)
    before = category_table(desk.previous, dictionaries)
    period = desk.current.period
    out = []
    for c in with_targets:
        theme = dictionaries.theme(c.theme)
        values = now.get(c.code, {})
        monthly = c.target("monthly_max")
        out.append(
            CategoryLine(
                block=(theme.block or theme.code) if theme else c.theme,
                block_name=(theme.block or theme.name) if theme else c.theme,
                theme=c.theme,
                code=c.code,
                name=c.name,
                received=float(values.get("received") or 0.0),
                received_previous=float(before.get(c.code, {}).get("received") or 0.0),
                limit=None if monthly is None else period_limit(monthly, period),
                monthly_max=monthly,
                within_norm=values.get("within_norm"),
                within_norm_target=c.target("within_norm"),
            )
        )
    out.sort(key=lambda x: (x.block_name.casefold(), x.theme, x.name.casefold()))
    return tuple(out)


def appeal_ids(
    desk: Desk, dictionaries: Dictionaries, code: str, target: str = "monthly_max"
) -> list[int]:
    """The appeals behind a category's figure: received ones for ``monthly_max``, the
    late ones for ``within_norm``."""
    p = desk.current
    spec = fg.figure(TARGET_FIGURES[target])
    return fg.drill_ids(p.measures, p.ids, category_keys(p, dictionaries), spec, code)
