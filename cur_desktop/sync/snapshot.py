"""First sync: the snapshot's pages into the cache, resumable page by page.

The snapshot is started once; its id, its feed cursor and the last appeal id whose
page is committed live in ``sync_state``, written in the same transaction as that
page's rows (:mod:`cur_desktop.sync.writer`). A restart after a crash asks for the
page after the stored id; pages can be re-requested for an hour.

An expired snapshot (``410``) is replaced by a new one and paging continues after
the stored id, **keeping the first snapshot's cursor**: the rows already stored were
read after that cursor, the rest are read live now, and the feed read from the
first cursor brings every change since (the version check skips what is already
newer), so nothing is missed and nothing is counted twice.

On an empty cache pages are plain inserts (the fast path). On a cache that holds
rows already, each page replaces what differs and deletes cached ids in the page's
id range that the page did not carry (out of scope, window or deleted).
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy.exc import IntegrityError

from cur_desktop.sync import status as st
from cur_desktop.sync.client import decode_json
from cur_desktop.sync.errors import ServerError, SnapshotExpired
from cur_desktop.sync.page_rows import item_to_rows
from cur_desktop.sync.paged_pass import PagedPass
from cur_desktop.sync.status import Cancelled, Phase, Progress
from cur_desktop.sync.writer import PageRows

log = logging.getLogger(__name__)


class SnapshotLoader(PagedPass):
    def needed(self) -> bool:
        return self._cache.get_state(st.CURSOR) is None

    def _begin(self, window_days: int) -> None:
        started = self._client.start_snapshot(window_days)
        bulk = self._cache.appeals.max_id() == 0
        self._writer.put_state(
            {
                st.SNAP_ID: str(started["snapshot"]),
                st.SNAP_CURSOR: str(int(started["cursor"])),
                st.SNAP_LAST_ID: "0",
                st.SNAP_COUNT: str(int(started.get("count") or 0)),
                st.SNAP_DONE: "0",
                st.SNAP_MODE: "bulk" if bulk else "replace",
            }
        )
        log.info(
            "snapshot %s started at feed position %s: %s appeals",
            started["snapshot"],
            started["cursor"],
            started.get("count"),
        )

    def run(self, window_days: int) -> None:
        """Load every page not yet committed; on return the feed cursor is set.

        The next page is requested before the current one is decoded and written:
        the service renders it meanwhile (on another core), instead of the two
        sides taking turns. The prefetch only reads; what is committed, and so
        where a restart resumes, is decided by the page being written alone.
        """
        if self._cache.get_state(st.SNAP_ID) is None:
            self._begin(window_days)
        else:
            log.info("resuming snapshot after appeal %s", self._cache.get_state(st.SNAP_LAST_ID))
        with ThreadPoolExecutor(1, thread_name_prefix="cur-sync-prefetch") as prefetch:
            last_id = int(self._cache.get_state(st.SNAP_LAST_ID) or 0)
            upcoming = self._fetch(prefetch, last_id)
            while True:
                if self._cancel.is_set():
                    raise Cancelled
                try:
                    page = decode_json(upcoming.result(), "snapshot page")
                except SnapshotExpired:
                    renewed = self._client.start_snapshot(window_days)
                    log.info("snapshot expired; continuing with %s", renewed["snapshot"])
                    self._writer.put_state({st.SNAP_ID: str(renewed["snapshot"])})
                    upcoming = self._fetch(prefetch, last_id)
                    continue
                try:
                    items, has_more = page["items"], bool(page["has_more"])
                    new_last = int(page["last_id"]) if items else last_id
                    if has_more:  # before decoding: the service renders it meanwhile
                        upcoming = self._fetch(prefetch, new_last)
                    rows = PageRows.of_rows(item_to_rows(raw) for raw in items)
                except (KeyError, TypeError, ValueError) as exc:  # WireError is a ValueError
                    # not the protocol's page: nothing written, asked again after a backoff
                    raise ServerError("bad_response", f"snapshot page: {exc!r}", 200) from exc
                self._store(rows, last_id, new_last, has_more=has_more)
                last_id = new_last
                if not has_more:
                    return

    def _fetch(self, pool: ThreadPoolExecutor, after_id: int) -> Future[bytes]:
        snap_id = self._cache.get_state(st.SNAP_ID) or ""
        return pool.submit(self._download, snap_id, after_id)

    def _download(self, snap_id: str, after_id: int) -> bytes:
        """In the prefetch thread: only the transfer (the socket and zlib release the
        GIL). Decoding here as well was slower: it fights the writing thread for the
        GIL (SQLite calls back into Python for every row's stems) and both lose."""
        return self._client.snapshot_page_bytes(snap_id, after_id, self.page_size)

    def _store(self, rows: PageRows, last_id: int, new_last: int, *, has_more: bool) -> None:
        done = int(self._cache.get_state(st.SNAP_DONE) or 0) + len(rows.appeals)
        count = int(self._cache.get_state(st.SNAP_COUNT) or 0)
        state: dict[str, str | None] = {st.SNAP_LAST_ID: str(new_last), st.SNAP_DONE: str(done)}
        if not has_more:
            # the snapshot's end and the feed's start are one commit
            state.update(dict.fromkeys(st.SNAPSHOT_KEYS))
            state[st.CURSOR] = self._cache.get_state(st.SNAP_CURSOR)
            state[st.FEED_MARK] = None  # the feed's first answer gives the cursor's mark
        while True:
            bulk = self._cache.get_state(st.SNAP_MODE) == "bulk"
            sweep = None if bulk else (last_id, new_last if has_more else None)
            try:
                written = self._writer.snapshot_page(rows, bulk=bulk, sweep=sweep, state=state)
                break
            except IntegrityError:
                # someone wrote rows after all: go on replacing instead of inserting
                log.warning("cache not empty during a bulk snapshot; switching to replace mode")
                self._writer.put_state({st.SNAP_MODE: "replace"})
        self._committed(written)
        self._progress(Progress(Phase.SNAPSHOT, done, max(count, done)))
        if not has_more:
            log.info("snapshot complete: %d appeals", done)
