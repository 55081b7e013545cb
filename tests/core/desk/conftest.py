"""Fixtures: a generated demo cache at a fixed instant, and the region's context."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cur_desktop.analytics import WallContext, context_from_pack
from cur_desktop.cache import Cache
from cur_desktop.commands import generate_into
from cur_desktop.regions import builtin_pack_dir, load_pack

#: The fixed dataset's end: figures are computed "now" = this instant.
DESK_NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def desk_context() -> WallContext:
    return context_from_pack(load_pack(builtin_pack_dir()))


@pytest.fixture(scope="session")
def desk_cache_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("desk") / "desk.sqlite"
    generate_into(path, None, 2500, 16, DESK_NOW)
    return path


@pytest.fixture
def desk_cache(desk_cache_path: Path) -> Iterator[Cache]:
    cache = Cache.open(desk_cache_path)
    yield cache
    cache.close()
