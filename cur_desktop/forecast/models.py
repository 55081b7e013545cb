"""Small seasonal models of daily counts (weekly season), and the seasonal-naive baseline.

* ``seasonal_naive`` — each day as the same weekday a week before (the baseline);
* ``weekday_median`` — the median of the same weekday over the last four weeks;
* ``holt_winters`` — additive level and weekly season (exponential smoothing, no
  trend: daily appeal counts drift slowly), smoothing constants chosen on a small
  grid by one-step errors over the history.

Each takes the history (oldest first) and a horizon and returns the forecast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float64]

SEASON = 7
Model = Callable[["Floats", int], "Floats"]


def seasonal_naive(y: Floats, h: int) -> Floats:
    import numpy as np

    last = y[-SEASON:]
    return np.asarray([last[i % SEASON] for i in range(h)], dtype=np.float64)


def weekday_median(y: Floats, h: int) -> Floats:
    import numpy as np

    weeks = min(4, len(y) // SEASON)
    recent = y[len(y) - weeks * SEASON :].reshape(weeks, SEASON)
    profile = np.median(recent, axis=0)
    return np.asarray([profile[i % SEASON] for i in range(h)], dtype=np.float64)


def _hw_run(y: Floats, alpha: float, gamma: float) -> tuple[float, Floats, float]:
    """(level, season, sum of squared one-step errors) after smoothing ``y``."""
    import numpy as np

    level = float(y[:SEASON].mean())
    season = np.asarray(y[:SEASON] - level, dtype=np.float64)
    sse = 0.0
    for t in range(SEASON, len(y)):
        s = season[t % SEASON]
        err = y[t] - (level + s)
        sse += err * err
        new_level = alpha * (y[t] - s) + (1 - alpha) * level
        season[t % SEASON] = gamma * (y[t] - new_level) + (1 - gamma) * s
        level = new_level
    return level, season, sse


def holt_winters(y: Floats, h: int) -> Floats:
    import numpy as np

    best: tuple[float, float, Floats] | None = None
    for alpha in (0.05, 0.1, 0.2, 0.3, 0.5):
        for gamma in (0.05, 0.1, 0.2, 0.3):
            level, season, sse = _hw_run(y, alpha, gamma)
            if best is None or sse < best[0]:
                best = (sse, level, season)
    assert best is not None
    _, level, season = best
    n = len(y)
    out = [max(0.0, level + season[(n + i) % SEASON]) for i in range(h)]
    return np.asarray(out, dtype=np.float64)


MODELS: dict[str, Model] = {
    "seasonal_naive": seasonal_naive,
    "weekday_median": weekday_median,
    "holt_winters": holt_winters,
}
