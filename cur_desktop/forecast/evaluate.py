"""The backtest: each model against the seasonal-naive baseline over the last weeks.

Rolling origin, one week at a time: for each of the last ``weeks`` weeks the models
see the days before it and forecast its seven days. Errors:

* MASE — mean absolute error over the mean absolute error of the seasonal-naive
  forecast in the same weeks (below 1: better than the baseline, the usual scale of
  Hyndman & Koehler's MASE with the baseline's out-of-sample error as denominator);
* MAPE — mean absolute percentage error over days with at least one appeal.

:func:`forecast` uses the model that did best and gives an interval from the
backtest's own errors (the 10th and 90th percentiles of actual − forecast, added to
the forecast): a prediction interval as wide as the model has actually been wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cur_desktop.forecast.models import MODELS, SEASON

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float64]

MIN_HISTORY_WEEKS = 4


@dataclass(frozen=True, slots=True)
class Backtest:
    weeks: int
    mae: dict[str, float]  # model -> mean absolute error per day
    mase: dict[str, float]  # model -> MAE / seasonal-naive MAE
    mape: dict[str, float | None]
    errors: dict[str, list[float]]  # model -> actual − forecast, every backtest day

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


def backtest(y: Floats, weeks: int = 8) -> Backtest | None:
    """None when the history is shorter than ``weeks`` + 4 weeks."""
    import numpy as np

    if len(y) < (weeks + MIN_HISTORY_WEEKS) * SEASON:
        return None
    errors: dict[str, list[float]] = {name: [] for name in MODELS}
    actuals: list[float] = []
    for w in range(weeks, 0, -1):
        cut = len(y) - w * SEASON
        history, actual = y[:cut], y[cut : cut + SEASON]
        actuals.extend(float(a) for a in actual)
        for name, model in MODELS.items():
            errors[name].extend(float(e) for e in actual - model(history, SEASON))
    base = float(np.mean(np.abs(errors["seasonal_naive"]))) or 1e-9
    a = np.asarray(actuals)
    mae = {n: float(np.mean(np.abs(e))) for n, e in errors.items()}
    mape: dict[str, float | None] = {}
    for n, e in errors.items():
        nz = a > 0
        mape[n] = float(np.mean(np.abs(np.asarray(e)[nz]) / a[nz])) if nz.any() else None
    return Backtest(weeks, mae, {n: v / base for n, v in mae.items()}, mape, errors)


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
    if test is not None:
        lo, hi = np.percentile(test.errors[model], [10, 90])
    else:
        lo = hi = 0.0
    return Forecast(
        model,
        tuple(float(v) for v in values),
        tuple(max(0.0, float(v + lo)) for v in values),
        tuple(float(v + hi) for v in values),
        test,
    )
