"""Forecasts of incoming volume with a measured error (issue 16).

Daily counts per region, theme or municipality (:mod:`.series`), a few small seasonal
models (:mod:`.models`), and a backtest over the last weeks that sets each against the
seasonal-naive baseline (:mod:`.evaluate`): the desk and the reports say how
reliable each forecast is from that backtest, and the interval is an empirical
(conformal) prediction interval from the backtest's own errors, its coverage measured
out of sample. Qt-free; numpy and pandas only. Measured against statsforecast in
docs/forecast.md.
"""

from cur_desktop.forecast.evaluate import Backtest, Forecast, backtest, forecast
from cur_desktop.forecast.series import daily_counts

__all__ = ["Backtest", "Forecast", "backtest", "daily_counts", "forecast"]
