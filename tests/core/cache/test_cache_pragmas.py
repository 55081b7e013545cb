"""Every cache connection is set up with the memory budget chosen by measurement
(issue 19): no memory map, a bounded page cache."""

from __future__ import annotations

from pathlib import Path

from cur_desktop.cache import Cache
from cur_desktop.cache.db import MMAP_SIZE, PAGE_CACHE_MIB


def test_connections_map_nothing_and_cache_a_bounded_number_of_pages(tmp_path: Path) -> None:
    with Cache.open(tmp_path / "cache.sqlite") as cache, cache.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA mmap_size").scalar_one() == MMAP_SIZE == 0
        cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
        assert cache_size == -PAGE_CACHE_MIB * 1024  # KiB
    with (
        Cache.open(tmp_path / "cache.sqlite", page_cache_mib=2) as cache,
        cache.engine.connect() as conn,
    ):
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar_one() == -2 * 1024
