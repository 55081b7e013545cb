"""Fixtures: the small dataset of :mod:`small_dataset` in a real cache file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cur_desktop.analytics import WallContext, load_wall_frame
from cur_desktop.cache import Cache
from cur_desktop.sync.writer import CacheWriter
from tests.core.analytics.small_dataset import NOW, dataset, tiny_wall_context


@pytest.fixture(scope="session")
def tiny_context() -> WallContext:
    return tiny_wall_context()


@pytest.fixture
def small_cache(tmp_path: Path) -> Iterator[Cache]:
    cache = Cache.open(tmp_path / "wall.sqlite")
    CacheWriter(cache.engine).bulk_load(dataset())
    yield cache
    cache.close()


@pytest.fixture
def small_frame(small_cache: Cache) -> Any:
    return load_wall_frame(small_cache, now=NOW)
