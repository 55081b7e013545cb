"""A demo cache whose disinformation wave an operator has opened as a case."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import orjson

from cur_desktop.cache import Cache
from cur_desktop.commands import generate_into
from cur_desktop.domain.appeal import HistoryEntry
from cur_desktop.domain.enums import Action
from cur_desktop.sync.writer import CacheWriter

#: The claim the demo wave spreads, as an operator would write it: with someone's name.
CLAIM = "Холера в водопроводе, об этом говорит Пётр Сидоров"


def cache_with_open_case(path: Path, now: datetime, *, appeals: int = 2500, seed: int = 9) -> Path:
    """Generate ``appeals`` demo appeals at ``path``; the first five of the planted
    cholera wave are one case «на проверке» with :data:`CLAIM`."""
    generate_into(path, None, appeals, seed, now)
    with Cache.open(path) as cache:
        wave = orjson.loads(cache.get_state("demo.problems") or "{}")["disinfo:cholera"]
        lines = [
            HistoryEntry(i, now, "operator01", "operator", Action.DISINFO_CASE.value, None, None,
                         {"case": f"D-{wave[0]}", "status": "checking", "claim": CLAIM})
            for i in wave[:5]
        ]  # fmt: skip
        CacheWriter(cache.engine).bulk_load([], lines)
    return path
