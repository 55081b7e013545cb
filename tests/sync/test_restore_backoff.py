"""A sync that keeps advancing is not a service that is down (issue 15, item 7).

A link that cuts every snapshot page once, after the page before it committed: each
retry resumes from the committed pages, so each failure follows progress. The backoff
starts afresh after progress (every delay stays at the first step), and
``--give-up-after`` counts only time without progress, so the sync finishes although
the whole run takes longer than the limit.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import pytest

from cur_desktop.sync.status import Backoff, SyncStatus
from tests.support.central import CentralHandle, central_thread
from tests.sync.sync_support import (
    CuttingProxy,
    cache_checksum,
    central_checksum,
    engine_for,
    service_user,
)

PAGE = 20
APPEALS = 300


@pytest.fixture
def central(tmp_path: Path) -> CentralHandle:
    with central_thread(tmp_path / "central", appeals=APPEALS) as handle:
        yield handle


def test_progress_resets_the_backoff_and_give_up_counts_time_without_progress(
    central: CentralHandle, tmp_path: Path
) -> None:
    proxy = CuttingProxy(central.url)
    delays: list[float] = []
    events: list[float | None] = []  # None: a page committed; a number: a retry's delay

    stored: set[int] = set()

    def cut_after_each_page(changed: Sequence[int], _removed: Sequence[int]) -> None:
        stored.update(changed)  # called once a page has committed
        events.append(None)
        if len(stored) < APPEALS:
            proxy.cut_next(300)  # the next answer is cut a few hundred bytes in

    def status(s: SyncStatus) -> None:
        if s.retry_in is not None:
            delays.append(s.retry_in)
            events.append(s.retry_in)

    base = 0.8
    try:
        with engine_for(
            central,
            tmp_path / "c.sqlite",
            url=proxy.url,
            backoff=Backoff(base=base, cap=120.0),
            snapshot_page_size=PAGE,
            on_changes=cut_after_each_page,
            on_status=status,
        ) as engine:
            give_up_after = 5.0
            report = engine.sync_once(give_up_after=give_up_after)
            assert not report.cancelled
            assert report.snapshot
            assert proxy.cuts >= APPEALS // PAGE // 2 - 1  # every other page or so was cut
            # a failure that follows progress waits the first step again; only failures
            # in a row (a cut connection's second victim, no page in between) grow
            after_progress = [
                delay
                for before, delay in itertools.pairwise(events)
                if before is None and delay is not None
            ]
            assert len(after_progress) >= APPEALS // PAGE // 2 - 1
            assert max(after_progress) <= base
            assert max(delays) <= 2 * base  # never past the second step
            # the waits alone made the run longer than the limit, and yet it finished
            assert sum(delays) > give_up_after
            assert report.duration > give_up_after
            operator = service_user(central, "operator")
            assert cache_checksum(engine.cache) == central_checksum(central, operator)
    finally:
        proxy.close()


def test_failures_without_progress_still_grow_and_give_up(tmp_path: Path) -> None:
    """Nothing to reach: the delays double and the limit counts from the start."""
    import socket

    from cur_desktop.cache import Cache
    from cur_desktop.sync.client import CentralClient
    from cur_desktop.sync.engine import SyncEngine
    from cur_desktop.sync.errors import Offline

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"  # nothing listens there
    delays: list[float] = []
    cache = Cache.open(tmp_path / "c.sqlite")
    client = CentralClient(url, token="t")
    try:
        engine = SyncEngine(
            cache,
            client,
            backoff=Backoff(base=0.05, cap=10.0),
            on_status=lambda s: delays.append(s.retry_in) if s.retry_in is not None else None,
        )
        with pytest.raises(Offline):
            engine.sync_once(give_up_after=0.6)
    finally:
        client.close()
        cache.close()
    assert len(delays) >= 3
    assert delays[-1] > delays[0]  # grown: no progress in between
