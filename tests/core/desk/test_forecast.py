"""Forecasts: daily counts against raw SQL, the backtest's errors recomputed by hand."""

from __future__ import annotations

import numpy as np
import pytest

from cur_desktop.analytics import WallContext
from cur_desktop.cache import Cache
from cur_desktop.cli import main
from cur_desktop.forecast import backtest, daily_counts, forecast
from cur_desktop.forecast.models import MODELS, seasonal_naive
from tests.core.desk.conftest import DESK_NOW
from tests.core.desk.test_desk_figures import LIVE, _query


def test_daily_counts_equal_raw_sql_and_start_at_the_first_appeal(
    desk_cache: Cache, desk_context: WallContext
) -> None:
    until = DESK_NOW.astimezone(desk_context.time_zone).date()
    counts = daily_counts(desk_cache, desk_context.time_zone, until, "theme", days=60)
    offset = DESK_NOW.astimezone(desk_context.time_zone).utcoffset()
    assert offset is not None
    shift = int(offset.total_seconds())  # the region's zone has no DST
    raw = _query(
        desk_cache,
        f"SELECT date(created_at + {shift}, 'unixepoch') AS d, coalesce(theme, ''), count(*) "
        f"FROM appeals WHERE {LIVE} GROUP BY d, theme",
    )
    first = min(d for d, _, _ in raw)
    assert str(counts.index[0].date()) == first  # no zeros before the data begins
    for day, theme, n in raw:
        assert counts.loc[day, theme] == n
    assert counts.to_numpy().sum() == sum(n for _, _, n in raw)


def _series(weeks: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    profile = np.array([120, 115, 110, 112, 100, 60, 45], dtype=np.float64)
    level = np.linspace(1.0, 1.2, weeks * 7)
    return rng.poisson(np.tile(profile, weeks) * level).astype(np.float64)


def test_backtest_errors_are_the_models_own_over_the_last_weeks() -> None:
    y = _series(20, 3)
    test = backtest(y, weeks=8)
    assert test is not None
    for name, model in MODELS.items():
        errors = []
        for w in range(8, 0, -1):
            cut = len(y) - 7 * w
            errors.extend(y[cut : cut + 7] - model(y[:cut], 7))
        mae = float(np.mean(np.abs(errors)))
        assert test.mae[name] == pytest.approx(mae)
        assert test.mase[name] == pytest.approx(mae / test.mae["seasonal_naive"])
    assert test.mase["seasonal_naive"] == pytest.approx(1.0)
    # a noisy weekly series: smoothing beats copying last week's noise
    assert test.mase[test.best] < 1.0


def test_forecast_interval_is_the_backtests_errors() -> None:
    y = _series(20, 5)
    f = forecast(y, 7)
    assert f.backtest is not None
    errors = f.backtest.errors[f.model]
    n = len(errors)  # the 10th and 90th percentiles, one conformal step wider
    lo, hi = np.percentile(errors, [100 - 90 * (n + 1) / n, 90 * (n + 1) / n])
    assert f.low == pytest.approx(tuple(max(0.0, v + lo) for v in f.values))
    assert f.high == pytest.approx(tuple(v + hi for v in f.values))
    assert f.reliability in ("good", "fair", "poor")


def test_short_history_is_not_rated() -> None:
    y = _series(5, 1)
    assert backtest(y, weeks=8) is None
    assert forecast(y).reliability == "unknown"
    assert list(seasonal_naive(y, 7)) == list(y[-7:])


def test_forecast_evaluate_prints_the_baseline(
    desk_cache_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "forecast",
                "evaluate",
                "--cache",
                str(desk_cache_path),
                "--weeks",
                "2",
                "--now",
                DESK_NOW.isoformat(),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "seasonal_naive MASE" in out
    assert "too short a history" in out or "best" in out
