"""The sync engine: the only writer of the local cache (STYLE.md §1).

It brings the cache to the central service's state and keeps it there: the
snapshot on first use, the change feed afterwards, the live stream to know when
to pull, and the outbox of operator actions replayed exactly once. Every step is
resumable: resume points commit with the rows they cover
(:mod:`cur_desktop.sync.writer`), so a crash, a kill or a cut connection at any
moment loses nothing and duplicates nothing; see docs/sync.md.

Threading rule: one engine runs in one worker thread (the GUI drives it from a
QThread). Every method runs in that thread except :meth:`cancel`, :meth:`wake`
and :attr:`status`, which any thread may call. Callbacks (``on_progress``,
``on_conflict``, ``on_status``, ``on_changes``) are called in the worker thread:
the GUI forwards them to its main thread with queued signals.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from cur_desktop.cache import Cache, OutboxItem
from cur_desktop.clock import epoch
from cur_desktop.domain.appeal import Appeal
from cur_desktop.protocol.changes import item_from_wire
from cur_desktop.sync import status as st
from cur_desktop.sync.client import CentralClient
from cur_desktop.sync.errors import (
    CentralError,
    FeedReset,
    NotFound,
    Offline,
    OutOfScope,
    ServerError,
    Unauthorized,
)
from cur_desktop.sync.feed import FeedReader
from cur_desktop.sync.identity import adopt_identity, save_region
from cur_desktop.sync.live import LiveReader
from cur_desktop.sync.outbox_replay import ConflictHandler, OutboxReplayer, Replayed
from cur_desktop.sync.snapshot import SnapshotLoader
from cur_desktop.sync.status import (
    Backoff,
    Cancelled,
    Link,
    Phase,
    Progress,
    SyncReport,
    SyncStatus,
)
from cur_desktop.sync.writer import Written

log = logging.getLogger(__name__)

ChangesHandler = Callable[[Sequence[int], Sequence[int]], None]


def _retryable(exc: CentralError) -> bool:
    """Offline, the service's own failures (5xx) and answers that did not arrive whole
    heal by themselves; the service's 4xx verdicts do not (ServerError.transient)."""
    return isinstance(exc, Offline) or (isinstance(exc, ServerError) and exc.transient)


class SyncEngine:
    """Keeps one cache in step with the service for one logged-in account."""

    def __init__(
        self,
        cache: Cache,
        client: CentralClient,
        *,
        closed_window_days: int = 90,
        on_progress: Callable[[Progress], None] | None = None,
        on_conflict: ConflictHandler | None = None,
        on_status: Callable[[SyncStatus], None] | None = None,
        on_changes: ChangesHandler | None = None,
        cancel: threading.Event | None = None,
        backoff: Backoff | None = None,
        snapshot_page_size: int | None = None,
        feed_page_size: int | None = None,
    ) -> None:
        from cur_desktop.sync.writer import CacheWriter

        self.cache = cache
        self.client = client
        self.closed_window_days = closed_window_days
        self.on_progress = on_progress
        self.on_status = on_status
        self.on_changes = on_changes
        self.cancel_event = cancel or threading.Event()
        self.backoff = backoff or Backoff()
        #: how long the live loop waits for the stream before looking by itself
        self.live_wait_s = 60.0
        self._writer = CacheWriter(cache.engine)
        self._report = SyncReport()  # the run in progress: pages count into it as they commit
        # progress: every committed page counts; a failure after progress starts the
        # backoff afresh, and --give-up-after counts time since the last progress
        self._commits = 0
        self._commits_at_failure = 0
        self._progress_at = time.monotonic()
        self._snapshot = SnapshotLoader(
            cache,
            client,
            self._writer,
            cancel=self.cancel_event,
            progress=self._progress,
            committed=self._committed,
        )
        self._feed = FeedReader(
            cache,
            client,
            self._writer,
            cancel=self.cancel_event,
            progress=self._progress,
            committed=self._committed,
        )
        if snapshot_page_size:
            self._snapshot.page_size = snapshot_page_size
        if feed_page_size:
            self._feed.page_size = feed_page_size
        self._outbox = OutboxReplayer(
            cache,
            client,
            self._writer,
            cancel=self.cancel_event,
            progress=self._progress,
            on_conflict=on_conflict,
        )
        self._lock = threading.Lock()
        self._live: LiveReader | None = None
        self._wake_pending = threading.Event()
        self.user: dict[str, Any] | None = None
        self.announced: dict[str, Any] = {}  # /me without the user: versions, demo flag
        last = cache.get_state(st.LAST_SUCCESS)
        self._status = SyncStatus(Link.CONNECTING, float(last) if last else None)

    # --- any thread -----------------------------------------------------------------

    @property
    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def cancel(self) -> None:
        """Stop at the next page boundary or at once when waiting (any thread)."""
        self.cancel_event.set()
        self.wake()

    def wake(self) -> None:
        """Something to send (an operator action was enqueued): replay soon (any thread)."""
        self._wake_pending.set()
        live = self._live
        if live is not None:
            live.wake()

    # --- status and callbacks ---------------------------------------------------------

    def _set_status(self, **changes: Any) -> None:
        with self._lock:
            new = replace(self._status, **changes)
            changed = new != self._status
            self._status = new
        if changed and self.on_status is not None:
            self.on_status(new)

    def _progress(self, progress: Progress) -> None:
        if self.on_progress is not None:
            self.on_progress(progress)

    def _committed(self, written: Written) -> None:
        self._commits += 1
        self._progress_at = time.monotonic()
        report = self._report
        report.appeals += written.appeals
        report.removed += written.removed
        report.history += written.history
        if self.on_changes is not None and (written.changed_ids or written.removed_ids):
            self.on_changes(written.changed_ids, written.removed_ids)

    def _succeeded(self) -> None:
        now = epoch(self.cache.clock)
        self._writer.put_state({st.LAST_SUCCESS: repr(now)})
        self._set_status(
            link=Link.ONLINE,
            last_success=now,
            error=None,
            retry_in=None,
            outbox_pending=self.cache.outbox.size(),
        )

    # --- connecting -------------------------------------------------------------------

    def connect(self) -> dict[str, Any]:
        """Who we are (``/me``), which cache that means, and the region's vocabularies."""
        self._progress(Progress(Phase.CONNECT, 0, 2))
        me = self.client.me()
        user = me["user"]
        # what the service announces about itself and its clients (update notices)
        self.announced = {key: value for key, value in me.items() if key != "user"}
        adopt_identity(self.cache, self._writer, user, self.client.base_url)
        self._progress(Progress(Phase.REGION, 1, 2))
        save_region(self.cache, self.client.region())
        self.user = user
        self._outbox.actor = str(user.get("login") or "")
        self._set_status(link=Link.ONLINE, error=None, retry_in=None)
        return dict(user)

    def _region_moved(self) -> None:
        """Read the region again when the feed names other dictionaries (issue 17)."""
        from cur_desktop.sync.region_docs import moved

        if moved(self.cache, self._feed.region_version):
            save_region(self.cache, self.client.region())
            if self.on_changes is not None:
                self.on_changes([], [])  # screens name codes anew

    # --- one pass -----------------------------------------------------------------------

    def catch_up(self) -> SyncReport:
        """Snapshot if needed, feed to the head, outbox; raises on any failure.

        Counts go into the current run's report (a new one unless called from
        :meth:`sync_once` or :meth:`follow`), page by page as they commit.
        """
        report = self._report
        if self.user is None:
            self.connect()
        if self._snapshot.needed():
            report.snapshot = True
            self._snapshot.run(self.closed_window_days)
        self._feed.pull()
        self._region_moved()
        self._replay()
        report.cursor = self._feed.cursor()
        self._succeeded()
        return report

    def replay_outbox(self) -> SyncReport:
        """Send this operator's pending actions, oldest first (raises on failure)."""
        self._report = SyncReport()
        self._replay()
        return self._report

    def _replay(self) -> None:
        report = self._report
        self._wake_pending.clear()
        replayed = Replayed(changed_ids=[])
        try:
            self._outbox.replay(replayed)
        finally:
            # what was settled before a failure counts too (and its rows are refreshed)
            report.confirmed += replayed.confirmed
            report.conflicts += replayed.conflicts
            report.refused += replayed.refused
            if replayed.changed_ids:
                self._committed(Written(changed_ids=replayed.changed_ids))
        if replayed.confirmed:
            # our own actions' history entries arrive through the feed
            self._feed.pull(quiet=True)

    # --- loops with retries -------------------------------------------------------------

    def _failed(self, exc: CentralError) -> float:
        if isinstance(exc, FeedReset):
            # the feed reader has dropped the cursor: the next pass takes a snapshot
            log.warning(
                "%s: the service's data was restored or replaced; taking its state afresh", exc
            )
            self._report.resynced = True
            self._set_status(resynced_at=epoch(self.cache.clock))
            self.backoff.reset()
            return 0.0
        if isinstance(exc, Unauthorized):
            self._set_status(link=Link.UNAUTHORIZED, error=exc.code, retry_in=None)
            raise exc
        if not _retryable(exc):
            raise exc
        if self._commits != self._commits_at_failure:
            # this attempt advanced (pages committed) before it failed: a link that
            # cuts now and then but moves on is not a service that is down
            self._commits_at_failure = self._commits
            self.backoff.reset()
        delay = self.backoff.next_delay()
        log.info("service unavailable (%s); retrying in %.1f s", exc.code, delay)
        self.user = None  # reconnect: the service may have been replaced meanwhile
        self._set_status(
            link=Link.OFFLINE,
            error=exc.code,
            retry_in=delay,
            outbox_pending=self.cache.outbox.size(),
        )
        return delay

    def sync_once(self, *, give_up_after: float | None = None) -> SyncReport:
        """Bring the cache to the head once, retrying while offline.

        ``give_up_after`` seconds without progress (no page committed) re-raise the
        last :class:`Offline`. Cancellation returns the report with ``cancelled`` set.
        """
        started = self._progress_at = time.monotonic()
        report = self._report = SyncReport()
        try:
            while True:
                try:
                    self.catch_up()
                    self.backoff.reset()
                    break
                except CentralError as exc:
                    delay = self._failed(exc)
                    if (
                        give_up_after is not None
                        and time.monotonic() - self._progress_at + delay > give_up_after
                    ):
                        raise
                    if self.cancel_event.wait(delay):
                        raise Cancelled from None
        except Cancelled:
            report.cancelled = True
        report.duration = time.monotonic() - started
        return report

    def follow(self) -> SyncReport:
        """Catch up, then keep the cache live until cancelled (the workstation's loop)."""
        started = time.monotonic()
        report = self._report = SyncReport()
        try:
            while True:
                try:
                    self._follow_connected()
                except CentralError as exc:
                    if self.cancel_event.wait(self._failed(exc)):
                        raise Cancelled from None
        except Cancelled:
            report.cancelled = True
        finally:
            if self.status.link is not Link.UNAUTHORIZED:
                self._set_status(link=Link.STOPPED, retry_in=None)
        report.duration = time.monotonic() - started
        return report

    def _follow_connected(self) -> None:
        if self.user is None:
            self.connect()
        live = LiveReader(self.client)
        live.open()  # before the pull: a commit in between must still be announced
        self._live = live
        try:
            self.catch_up()
            self.backoff.reset()
            self._progress(Progress(Phase.LIVE, self._report.cursor, None))
            while True:
                announced = live.wait(self.cancel_event, timeout=self.live_wait_s)
                if announced and (live.head == 0 or live.head > self._feed.cursor()):
                    self._feed.pull(quiet=True)
                    self._region_moved()
                elif not announced and not self._wake_pending.is_set():
                    # a quiet while (not a wake for the outbox): the region's dictionaries
                    # may have moved without the feed (a head's edit, issue 17); a pull of
                    # nothing brings their version
                    self._feed.pull(quiet=True)
                    self._region_moved()
                if self._wake_pending.is_set() or announced:
                    self._replay()
                self._report.cursor = self._feed.cursor()
                self._succeeded()
        finally:
            self._live = None
            live.close()

    # --- operator decisions, window, on demand ----------------------------------------

    def resolve_conflict(self, item: OutboxItem, *, reapply: bool) -> OutboxItem | None:
        """Re-apply the command on the current version (new key) or drop it."""
        new_item = self._outbox.resolve_conflict(item, reapply=reapply)
        if new_item is not None:
            self.wake()
        return new_item

    def prune(self, now: float | None = None) -> int:
        """Delete closed appeals older than the window (and their history); not the outbox."""
        cutoff = (
            now if now is not None else epoch(self.cache.clock)
        ) - self.closed_window_days * 86_400
        ids = self._writer.prune_closed(cutoff)
        self._progress(Progress(Phase.PRUNE, len(ids), len(ids)))
        if ids:
            self._committed(Written(removed_ids=ids))
        log.info("pruned %d closed appeals older than %d days", len(ids), self.closed_window_days)
        return len(ids)

    def fetch_on_demand(self, appeal_id: int) -> Appeal | None:
        """An appeal outside the cache window, from the service into the cache.

        None when the service has no such appeal in our scope. While a snapshot is
        still loading the appeal is returned but not stored (its page will bring it).
        """
        self._progress(Progress(Phase.FETCH, 0, 1))
        try:
            raw = self.client.appeal(appeal_id)
        except (NotFound, OutOfScope):
            return None
        appeal, history = item_from_wire(raw)
        if not self._snapshot.needed():
            self._committed(self._writer.replace_appeal(appeal, history, {}))
        self._progress(Progress(Phase.FETCH, 1, 1))
        return appeal
