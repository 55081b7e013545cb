"""Incremental sync: the change feed from the stored cursor up to the service's head.

Each page of changes and the cursor after it commit together
(:meth:`~cur_desktop.sync.writer.CacheWriter.changes_page`), so a page is applied
exactly once whatever happens to the process or the link. The service advances
``last`` past changes outside our scope, so we never re-read them either.
"""

from __future__ import annotations

import logging
from typing import Any

from cur_desktop.sync import status as st
from cur_desktop.sync.decode import decode_change, decode_item
from cur_desktop.sync.errors import NotFound, OutOfScope
from cur_desktop.sync.passes import PagedPass
from cur_desktop.sync.status import Cancelled, Phase, Progress

log = logging.getLogger(__name__)


class FeedReader(PagedPass):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.head = 0

    def cursor(self) -> int:
        return int(self._cache.get_state(st.CURSOR) or 0)

    def backfill(self) -> None:
        """Fetch the whole history of appeals that entered the cache mid-life.

        The list of ids is stored with the page that found them, and each id leaves
        it in the transaction that stores its appeal: a restart finishes the list.
        """
        for appeal_id in self._writer.pending_backfill():
            if self._cancel.is_set():
                raise Cancelled
            try:
                found = decode_item(self._client.appeal(appeal_id))
            except (NotFound, OutOfScope):
                self._committed(self._writer.backfilled(appeal_id, None))
                continue
            self._committed(self._writer.backfilled(appeal_id, found))

    def pull(self, *, quiet: bool = False) -> None:
        """Apply changes until the service says there are no more."""
        self.backfill()  # left over from an interrupted run
        start = cursor = self.cursor()
        while True:
            if self._cancel.is_set():
                raise Cancelled
            page = self._client.changes(cursor, self.page_size)
            changes = [decode_change(raw) for raw in page["changes"]]
            last = int(page["last"])
            self.head = max(self.head, int(page.get("head") or last))
            if last < cursor:
                msg = f"the service's feed went back from {cursor} to {last}"
                raise RuntimeError(msg)
            moved = last != cursor
            if changes or moved:
                written = self._writer.changes_page(changes, {st.CURSOR: str(last)})
                self._committed(written)
                if written.backfill:
                    self.backfill()
            cursor = last
            if not quiet or page["has_more"]:
                self._progress(Progress(Phase.CHANGES, cursor - start, max(self.head - start, 0)))
            if not page["has_more"]:
                return
            if not changes and not moved:
                log.warning("feed says more at %d but sent nothing; stopping this pull", cursor)
                return
