"""Notices that *another process* committed to a cache file: SQLite's ``data_version``.

The screens refresh from the sync engine's change signal (``changes_arrived``:
the ids the writer committed), the one notification path when the writer runs in
this process. Only a wall without its own sync reads a cache that another process
keeps current (``cur-desktop sync`` on the same file, docs/wall.md): no signal can
cross that process boundary, so the wall's data service (``ui/wall/data_worker.py``)
asks this watcher. ``PRAGMA data_version`` changes on a connection whenever another
connection commits to the same file; asking costs microseconds and reads no table.

Qt-free; one connection of its own, used from one thread (the caller's timer).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from cur_desktop.cache.db import create_cache_engine

log = logging.getLogger(__name__)


class CacheWatcher:
    """``changed()`` is True once after each commit by another connection."""

    def __init__(self, path: Path) -> None:
        # one page of cache: data_version reads no page of the file
        self._engine: Any = create_cache_engine(path, page_cache_mib=1)
        self._conn: Any = None
        try:
            self._conn = self._engine.raw_connection()
            self._version = self._read()
        except BaseException:
            self.close()
            raise

    def changed(self) -> bool:
        if self._conn is None:
            return False
        version = self._read()
        if version == self._version:
            return False
        self._version = version
        return True

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def _read(self) -> int:
        cursor = self._conn.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return int(cursor.fetchone()[0])
        finally:
            cursor.close()
