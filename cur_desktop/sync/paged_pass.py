"""What every sync pass over pages holds: the cache, the client, the writer, and the hooks.

The snapshot loader and the feed reader page through the service the same way:
they read the cache's resume points, ask the client for the next page, hand it to
the :class:`~cur_desktop.sync.writer.CacheWriter` (rows and resume point in one
transaction), report progress and each commit, and stop when ``cancel`` is set.
Runs in the engine's worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from cur_desktop.cache import Cache
from cur_desktop.sync.client import CentralClient
from cur_desktop.sync.status import Progress
from cur_desktop.sync.writer import CacheWriter, Written

PAGE_SIZE = 5_000


class PagedPass:
    def __init__(
        self,
        cache: Cache,
        client: CentralClient,
        writer: CacheWriter,
        *,
        cancel: threading.Event,
        progress: Callable[[Progress], None],
        committed: Callable[[Written], None],
        page_size: int = PAGE_SIZE,
    ) -> None:
        self._cache = cache
        self._client = client
        self._writer = writer
        self._cancel = cancel
        self._progress = progress
        self._committed = committed  # told after every commit (counts, screen refresh)
        self.page_size = page_size
