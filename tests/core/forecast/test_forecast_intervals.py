"""Forecast intervals are real prediction intervals, and the backtest says so in one run.

Synthetic weekly Poisson series (the shape of a theme's daily appeals): the 80 %
interval the desk shows must hold about 80 % of the days that follow, the backtest's
out-of-sample coverage must be near each level, ``evaluate`` prints the seasonal-naive
baseline beside every model and ends with one JSON line, and the same input gives the
same output.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from cur_desktop.forecast import backtest, forecast
from cur_desktop.forecast.evaluate import LEVELS, evaluate

PROFILE = np.array([30, 28, 27, 27, 25, 14, 10], dtype=np.float64)


def _series(weeks: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    level = np.linspace(1.0, 1.15, weeks * 7)
    return rng.poisson(np.tile(PROFILE, weeks) * level).astype(np.float64)


def test_the_desks_interval_holds_about_eighty_percent_of_the_next_week() -> None:
    inside = total = 0
    for seed in range(40):
        y = _series(21, seed)
        history, future = y[:-7], y[-7:]
        f = forecast(history, 7)
        assert f.backtest is not None
        inside += int(np.sum((future >= np.array(f.low)) & (future <= np.array(f.high))))
        total += len(future)
    share = inside / total
    assert 0.68 <= share <= 0.92, share


def test_backtest_coverage_is_near_each_level() -> None:
    shares: dict[str, dict[int, list[float]]] = {}
    for seed in range(12):
        test = backtest(_series(24, 100 + seed), weeks=8)
        assert test is not None
        for model, by_level in test.coverage.items():
            for level, value in by_level.items():
                assert value is not None  # 24 weeks: 8 earlier weeks calibrate each
                shares.setdefault(model, {}).setdefault(level, []).append(value)
    for model, by_level in shares.items():
        assert 0.68 <= float(np.mean(by_level[80])) <= 0.92, (model, by_level[80])
        assert float(np.mean(by_level[95])) >= 0.85, (model, by_level[95])
        assert float(np.mean(by_level[95])) > float(np.mean(by_level[80]))


def test_too_little_history_before_the_backtest_is_not_rated_for_coverage() -> None:
    # no week before the backtest, and its own first weeks are too few to calibrate on
    test = backtest(_series(7, 7), weeks=3)
    assert test is not None
    assert all(v is None for by_level in test.coverage.values() for v in by_level.values())


def _counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "roads": _series(22, 1),
            "waste": _series(22, 2) / 2,
            "new": _series(6, 3).tolist() + [0.0] * 112,
        }
    )


def test_evaluate_prints_the_baseline_coverage_and_one_json_line() -> None:
    lines: list[str] = []
    result = evaluate(_counts(), 8, lines.append)
    assert "seasonal_naive MASE" in lines[1]
    assert lines[1].index("seasonal_naive MASE") < lines[1].index("holt_winters MASE")
    assert "cov80" in lines[1]
    assert "cov95" in lines[1]
    assert any(line.startswith("roads") and "1.000" in line for line in lines)
    assert json.loads(lines[-1]) == result
    assert set(result) >= {"name", "value", "unit", "baseline", "ratio"}
    assert result["series"] == 3
    assert isinstance(result["ratio"], float)
    assert result["ratio"] < 1.0
    assert all(f"coverage{level}" in result for level in LEVELS)


def test_same_input_same_output() -> None:
    y = _series(20, 9)
    assert forecast(y.copy(), 7) == forecast(y.copy(), 7)
    first: list[str] = []
    second: list[str] = []
    evaluate(_counts(), 8, first.append)
    evaluate(_counts(), 8, second.append)
    assert first == second
