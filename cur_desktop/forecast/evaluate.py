"""The backtest: each model against the seasonal-naive baseline over the last weeks.

Rolling origin, one week at a time: for each of the last ``weeks`` weeks the models
see the days before it and forecast its seven days. Errors:

* MASE — mean absolute error over the mean absolute error of the seasonal-naive
  forecast in the same weeks (below 1: better than the baseline, the usual scale of
  Hyndman & Koehler's MASE with the baseline's out-of-sample error as denominator);
* MAPE — mean absolute percentage error over days with at least one appeal;
* coverage — the share of the backtest's actual days inside the model's 80 % and
  95 % intervals, each interval made only from that model's errors in the weeks
  *before* the week it covers (so the check is out of sample, as the desk's interval
  is for the week to come). A real 80 % interval covers about 0.8.

:func:`forecast` uses the model that did best and gives an 80 % interval from the
backtest's own errors (the 10th and 90th percentiles of actual − forecast, added to
the forecast): an empirical prediction interval, as wide as the model has actually
been wrong one to seven days ahead. Measured against statsforecast's AutoETS and its
model-based intervals in docs/forecast.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cur_desktop.forecast.models import MODELS, SEASON

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    Floats = npt.NDArray[np.float64]

MIN_HISTORY_WEEKS = 4
#: the interval the desk shows, and the wider one the backtest also checks
LEVELS = (80, 95)
#: an interval needs at least this many weeks of earlier errors to be checked
MIN_CALIBRATION_WEEKS = 4


@dataclass(frozen=True, slots=True)
class Backtest:
    weeks: int
    mae: dict[str, float]  # model -> mean absolute error per day
    mase: dict[str, float]  # model -> MAE / seasonal-naive MAE
    mape: dict[str, float | None]
    errors: dict[str, list[float]]  # model -> actual − forecast, every backtest day
    # model -> level -> share of backtest days inside the interval made from earlier
    # weeks' errors (None: too short a history before the backtest to check)
    coverage: dict[str, dict[int, float | None]] = field(default_factory=dict)

    @property
    def best(self) -> str:
        return min(self.mase, key=lambda m: (self.mase[m], m != "seasonal_naive"))

    def reliability(self, model: str | None = None) -> str:
        """``good`` (MASE < 0.8), ``fair`` (< 1), ``poor`` (no better than the baseline)."""
        value = self.mase[model or self.best]
        return "good" if value < 0.8 else "fair" if value < 1.0 else "poor"


@dataclass(frozen=True, slots=True)
class Forecast:
    model: str
    values: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    backtest: Backtest | None

    @property
    def reliability(self) -> str:
        return "unknown" if self.backtest is None else self.backtest.reliability(self.model)


def _bounds(errors: list[float], level: int) -> tuple[float, float]:
    import numpy as np

    # split-conformal's finite-sample step: of n past errors, the next one falls above
    # the k-th smallest with chance (n + 1 - k) / (n + 1), so each tail's percentile is
    # taken at (n + 1) / n of its level (56 errors, 80 %: the 8.4th and 91.6th)
    n = len(errors)
    upper = min(100.0, (100 - (100 - level) / 2) * (n + 1) / n)
    lo, hi = np.percentile(errors, [100 - upper, upper])
    return float(lo), float(hi)


def backtest(y: Floats, weeks: int = 8) -> Backtest | None:
    """None when the history is shorter than ``weeks`` + 4 weeks."""
    import numpy as np

    if len(y) < (weeks + MIN_HISTORY_WEEKS) * SEASON:
        return None
    # origins: the backtest's weeks and, where the history allows, as many before them
    # (their errors make the intervals whose coverage the backtest weeks check)
    earlier = min(weeks, len(y) // SEASON - weeks - MIN_HISTORY_WEEKS)
    by_week: dict[str, list[Floats]] = {name: [] for name in MODELS}
    forecasts: dict[str, list[Floats]] = {name: [] for name in MODELS}
    for w in range(weeks + earlier, 0, -1):
        cut = len(y) - w * SEASON
        history, actual = y[:cut], y[cut : cut + SEASON]
        for name, model in MODELS.items():
            f = model(history, SEASON)
            forecasts[name].append(f)
            by_week[name].append(actual - f)
    errors = {n: [float(e) for week in v[earlier:] for e in week] for n, v in by_week.items()}
    actuals = y[len(y) - weeks * SEASON :]
    coverage: dict[str, dict[int, float | None]] = {}
    for name in MODELS:
        coverage[name] = {}
        for level in LEVELS:
            inside = checked = 0
            for i in range(earlier, earlier + weeks):
                before = by_week[name][max(0, i - weeks) : i]
                if len(before) < MIN_CALIBRATION_WEEKS:
                    continue
                lo, hi = _bounds([float(e) for week in before for e in week], level)
                f = forecasts[name][i]
                actual = actuals[(i - earlier) * SEASON : (i - earlier + 1) * SEASON]
                inside += int(np.sum((actual >= np.maximum(f + lo, 0.0)) & (actual <= f + hi)))
                checked += len(actual)
            coverage[name][level] = inside / checked if checked else None
    base = float(np.mean(np.abs(errors["seasonal_naive"]))) or 1e-9
    mae = {n: float(np.mean(np.abs(e))) for n, e in errors.items()}
    mape: dict[str, float | None] = {}
    for n, e in errors.items():
        nz = actuals > 0
        mape[n] = float(np.mean(np.abs(np.asarray(e)[nz]) / actuals[nz])) if nz.any() else None
    return Backtest(weeks, mae, {n: v / base for n, v in mae.items()}, mape, errors, coverage)


def forecast(y: Floats, horizon: int = SEASON, weeks: int = 8) -> Forecast:
    """The next ``horizon`` days by the model that did best in the backtest."""
    import numpy as np

    test = backtest(y, weeks)
    if len(y) < 2 * SEASON:
        flat = float(np.mean(y)) if len(y) else 0.0
        flats = tuple([flat] * horizon)
        return Forecast("mean", flats, flats, flats, None)
    model = test.best if test is not None else "weekday_median"
    values = MODELS[model](y, horizon)
    lo, hi = _bounds(test.errors[model], LEVELS[0]) if test is not None else (0.0, 0.0)
    return Forecast(
        model,
        tuple(float(v) for v in values),
        tuple(max(0.0, float(v + lo)) for v in values),
        tuple(float(v + hi) for v in values),
        test,
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def evaluate(
    counts: pd.DataFrame, weeks: int = 8, out: Callable[[str], None] = print
) -> dict[str, object]:
    """Print the backtest of every column of ``counts`` (daily counts, oldest first):
    per series and model MASE, MAPE and the 80 %/95 % intervals' coverage, the
    seasonal-naive baseline first; end with one JSON line and return it.

    The JSON's ``value`` is the chosen models' mean absolute error per day over all
    series, ``baseline`` seasonal-naive's over the same days, ``ratio`` their quotient.
    """
    import numpy as np

    out(
        f"backtest: the last {weeks} weeks, one week ahead, rolling origin; "
        "MASE against the seasonal-naive baseline (last week repeated); coverage: "
        "share of days inside the 80 %/95 % interval made from the earlier weeks' errors"
    )
    names = ["seasonal_naive", *(m for m in MODELS if m != "seasonal_naive")]
    out(
        f"{'series':<24}"
        + "".join(f"{m + ' MASE':>22}{'MAPE':>7}{'cov80':>6}{'cov95':>6}" for m in names)
        + "  chosen"
    )
    order = sorted(counts.columns, key=lambda c: (-float(counts[c].to_numpy().sum()), str(c)))
    chosen_mae: list[float] = []
    base_mae: list[float] = []
    covered: dict[int, list[float]] = {level: [] for level in LEVELS}
    rated = 0
    for code in order:
        if not code:
            continue
        test = backtest(np.asarray(counts[code].to_numpy(), dtype=np.float64), weeks)
        if test is None:
            out(f"{code!s:<24} too short a history")
            continue
        rated += 1
        line = f"{code!s:<24}"
        for m in names:
            cov = test.coverage.get(m, {})
            line += f"{test.mase[m]:>22.3f}{_pct(test.mape[m]):>7}"
            line += f"{_pct(cov.get(80)):>6}{_pct(cov.get(95)):>6}"
        best = test.best
        out(f"{line}  {best} ({test.reliability()})")
        chosen_mae.append(test.mae[best])
        base_mae.append(test.mae["seasonal_naive"])
        for level in LEVELS:
            value = test.coverage.get(best, {}).get(level)
            if value is not None:
                covered[level].append(value)
    value = float(np.mean(chosen_mae)) if chosen_mae else 0.0
    baseline = float(np.mean(base_mae)) if base_mae else 0.0
    result: dict[str, object] = {
        "name": "forecast_backtest_mae",
        "value": round(value, 4),
        "unit": "appeals/day",
        "baseline": round(baseline, 4),
        "ratio": round(value / baseline, 4) if baseline else None,
        "series": rated,
        "weeks": weeks,
        "coverage80": round(float(np.mean(covered[80])), 4) if covered[80] else None,
        "coverage95": round(float(np.mean(covered[95])), 4) if covered[95] else None,
    }
    out(json.dumps(result, ensure_ascii=False))
    return result
