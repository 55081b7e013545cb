"""Building hundreds of thousands of small objects at once, without the cycle collector.

CPython's cycle collector runs every few hundred allocations and, as the number of
live objects grows, walks all of them again: reading the ~300 k appeals the conflict
rules need from a million-appeal cache spent a third of its time there (5.3 s with it,
3.7 s without; ``bench/bench_desk.py``). Nothing built there forms a cycle, and memory
is still freed by reference counting, so the collector is paused while such a batch
is built and resumed after it.

Process-wide (the collector is); nested and concurrent pauses are counted, and the
collector resumes when the last one ends, only if it was running before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    """How many pauses are on, and whether the collector ran before the first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.was_enabled = False


_pauses = _Pauses()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the ``with`` block (see the module's docstring)."""
    with _pauses.lock:
        if _pauses.depth == 0:
            _pauses.was_enabled = gc.isenabled()
            gc.disable()
        _pauses.depth += 1
    try:
        yield
    finally:
        with _pauses.lock:
            _pauses.depth -= 1
            if _pauses.depth == 0 and _pauses.was_enabled:
                gc.enable()
