"""Fast repeated weighted choice, shared by the demo generator and its simulator.

Both draw thousands of times from the same fixed weights (municipalities by
population, sources, themes, hours of the day); a bisect over cumulative weights
is much faster than :func:`random.choices` recomputing them on every call.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Any


class Weighted:
    """Fast repeated weighted choice (bisect over cumulative weights)."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        if not items or len(items) != len(weights):
            msg = "weighted choice needs as many weights as items, at least one"
            raise ValueError(msg)
        self.items = list(items)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect(self.cum, rng.random() * self.total)]
