"""Incremental sync: the change feed from the stored cursor up to the service's head.

Each page of changes and the cursor after it commit together
(:meth:`~cur_desktop.sync.writer.CacheWriter.changes_page`), so a page is applied
exactly once whatever happens to the process or the link. The service advances
``last`` past changes outside our scope, so we never re-read them either.
"""

from __future__ import annotations

import logging
from typing import Any

from cur_desktop.protocol.changes import Change, item_from_wire
from cur_desktop.sync import status as st
from cur_desktop.sync.errors import FeedChanged, FeedReset, NotFound, OutOfScope, ServerError
from cur_desktop.sync.paged_pass import PagedPass
from cur_desktop.sync.status import Cancelled, Phase, Progress

log = logging.getLogger(__name__)


class FeedReader(PagedPass):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.head = 0
        #: the dictionaries version the service named on its last answer (sync/region_docs.py)
        self.region_version: str | None = None

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
                raw = self._client.appeal(appeal_id)
            except (NotFound, OutOfScope):
                self._committed(self._writer.backfilled(appeal_id, None))
                continue
            try:
                found = item_from_wire(raw)
            except (KeyError, TypeError, ValueError) as exc:  # WireError is a ValueError
                raise ServerError("bad_response", f"appeal {appeal_id}: {exc!r}", 200) from exc
            self._committed(self._writer.backfilled(appeal_id, found))

    def pull(self, *, quiet: bool = False) -> None:
        """Apply changes until the service says there are no more."""
        self.backfill()  # left over from an interrupted run
        start = cursor = self.cursor()
        mark = self._cache.get_state(st.FEED_MARK)
        while True:
            if self._cancel.is_set():
                raise Cancelled
            try:
                page = self._client.changes(cursor, self.page_size, mark=mark)
            except FeedChanged as exc:
                # the row at our cursor is not the one we read: restored from a backup
                # (perhaps long ago, its head already past our cursor) or replaced
                log.warning("the service's feed at our cursor %d has changed: %s", cursor, exc)
                self._writer.put_state({st.CURSOR: None, st.BACKFILL: None, st.FEED_MARK: None})
                msg = f"the service's feed at {cursor} is not the one this cache read"
                raise FeedReset(cursor, -1, msg) from exc
            try:
                changes = [Change.from_wire(raw) for raw in page["changes"]]
                last = int(page["last"])
                has_more = bool(page["has_more"])
                head = int(page.get("head") or last)
            except (KeyError, TypeError, ValueError) as exc:  # WireError is a ValueError
                # not the protocol's page (garbled, or not from the service): nothing
                # is written, the same page is asked for again after a backoff
                raise ServerError("bad_response", f"/changes: {exc!r}", 200) from exc
            if head < cursor:
                # restored from a backup or replaced: the positions it hands out next
                # are ones we believe read. Forget the cursor (with any backfill, in one
                # transaction) so that the next pass takes a snapshot, which replaces
                # whatever differs and drops what the service no longer has.
                log.warning("the service's feed ends at %d, before our cursor %d", head, cursor)
                self._writer.put_state({st.CURSOR: None, st.BACKFILL: None, st.FEED_MARK: None})
                raise FeedReset(cursor, head)
            if last < cursor:
                msg = f"/changes: the feed went back from {cursor} to {last}"
                raise ServerError("bad_response", msg, 200)
            self.head = max(self.head, head)
            self.region_version = page.get("region_version") or None
            moved = last != cursor
            if changes or moved:
                state = {st.CURSOR: str(last), st.FEED_MARK: page.get("mark") or None}
                written = self._writer.changes_page(changes, state)
                mark = state[st.FEED_MARK]
                self._committed(written)
                if written.backfill:
                    self.backfill()
            cursor = last
            if not quiet or has_more:
                self._progress(Progress(Phase.CHANGES, cursor - start, max(self.head - start, 0)))
            if not has_more:
                return
            if not changes and not moved:
                log.warning("feed says more at %d but sent nothing; stopping this pull", cursor)
                return
