"""Notices that another connection wrote to the cache (a sync in the background).

SQLite's ``PRAGMA data_version`` changes on a connection whenever *another*
connection commits to the same file. The console keeps one idle connection for
asking that (microseconds, no table read), so its queues update when the sync
engine writes without the engine having to know the console exists. The sync
engine may still tell the window directly; this is the fallback that needs no
wiring.

GUI thread (one connection, used only by the window's timer).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Engine

log = logging.getLogger(__name__)


class CacheWatcher:
    """``changed()`` is True once after each commit by another connection."""

    def __init__(self, engine: Engine) -> None:
        self._conn: Any = engine.raw_connection()
        self._version = self._read()

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

    def _read(self) -> int:
        cursor = self._conn.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return int(cursor.fetchone()[0])
        finally:
            cursor.close()
