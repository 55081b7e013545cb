"""Demo caches for tests: generated once per module, copied for each test that writes.

Generating a few thousand appeals takes about a second; a module generates its
cache once (:func:`generated_cache`) and every test that may write opens a
private copy (:func:`private_copy`), WAL files included, so tests never see each
other's changes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from cur_desktop.cache import Cache
from cur_desktop.commands import generate_into


def generated_cache(
    factory: pytest.TempPathFactory, name: str, appeals: int, seed: int, now: datetime
) -> Path:
    """A fresh cache file with ``appeals`` generated demo appeals ending at ``now``."""
    path = factory.mktemp(name) / "cache.sqlite"
    generate_into(path, None, appeals, seed, now)
    return path


@contextmanager
def private_copy(source: Path, directory: Path) -> Iterator[Cache]:
    """The cache at ``source`` copied into ``directory`` and opened; closed on exit."""
    for suffix in ("", "-wal", "-shm"):
        original = Path(f"{source}{suffix}")
        if original.exists():
            shutil.copy(original, directory / f"cache.sqlite{suffix}")
    opened = Cache.open(directory / "cache.sqlite")
    try:
        yield opened
    finally:
        opened.close()
