"""The headless sync killed with SIGKILL mid-snapshot and mid-feed resumes to an exact copy.

Killed mid-snapshot, a first load leaves no cache that looks whole: no feed cursor,
the search index still deferred (cur_desktop.cache.deferred_index); the restart
finishes the load and indexes every appeal, as a rebuilt index would.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from sqlalchemy import text

from cur_desktop.cache import Cache, deferred_index
from cur_desktop.cache.search import fts_query
from cur_desktop.demo.generator import DemoGenerator
from tests.support.central import CentralHandle, central_thread
from tests.support.clock import GENERATED_AT
from tests.sync.sync_support import (
    CliRun,
    cache_checksum,
    central_checksum,
    cli_args,
    engine_for,
    service_user,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=400) as handle:
        yield handle


def _progress(phase: str, nth: int):
    seen: list[str] = []

    def predicate(line: str) -> bool:
        if line.startswith(phase + " "):
            seen.append(line)
        return len(seen) >= nth

    return predicate


def test_killed_mid_snapshot_resumes_to_an_exact_copy(
    central: CentralHandle, tmp_path: Path
) -> None:
    cache_path = tmp_path / "c.sqlite"
    token = tmp_path / "token"
    password = central.accounts["operator"].password
    args = cli_args(central, cache_path, "operator", "--once", "--token-file", str(token))

    first = CliRun([*args, "--page-size", "10"], password)
    first.wait_for(_progress("snapshot", 3))
    first.process.send_signal(signal.SIGKILL)
    assert first.finish() == -signal.SIGKILL

    with Cache.open(cache_path) as cache:
        assert cache.get_state("sync.cursor") is None  # the snapshot did not finish
        stored = cache.appeals.max_id()
        assert stored > 0
        assert cache.get_state("sync.snapshot.last_id") == str(stored)
        assert int(cache.get_state("sync.snapshot.done") or 0) == cache.appeals.count(None)
        # the first load indexes after the rows: still deferred, and says so
        assert cache.get_state(deferred_index.DEFERRED) is not None
        assert not _has_insert_trigger(cache)
    assert token.stat().st_mode & 0o777 == 0o600

    second = CliRun([*args, "--page-size", "200"], password)
    assert second.finish() == 0, second.stderr
    resumed = [line for line in second.lines if line.startswith("snapshot ")]
    assert int(resumed[0].split()[1].split("/")[0]) > 200  # it went on, not from the start
    assert second.lines[-1].startswith("summary: appeals ")
    with Cache.open(cache_path) as cache:
        assert cache_checksum(cache) == central_checksum(central, service_user(central, "operator"))
        # a whole index and its trigger back: the same hits as an index rebuilt now
        assert cache.get_state(deferred_index.DEFERRED) is None
        assert _has_insert_trigger(cache)
        words = _some_words(cache)
        found = {w: _hits(cache, w) for w in words}
        assert sum(1 for hits in found.values() if hits) >= 3
        cache.rebuild_fts()
        assert found == {w: _hits(cache, w) for w in words}


def _has_insert_trigger(cache: Cache) -> bool:
    with cache.engine.connect() as conn:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = :n"
        return conn.execute(text(sql), {"n": deferred_index.TRIGGER}).scalar() is not None


def _some_words(cache: Cache) -> list[str]:
    with cache.engine.connect() as conn:
        texts = conn.execute(text("SELECT text FROM appeals ORDER BY id LIMIT 5")).scalars()
        return [max(t.split(), key=len).strip(".,!?:;«»()") for t in texts]


def _hits(cache: Cache, word: str) -> list[int]:
    match = fts_query(word)
    with cache.engine.connect() as conn:
        sql = "SELECT rowid FROM appeals_fts WHERE appeals_fts MATCH :m ORDER BY rowid"
        return [int(i) for i in conn.execute(text(sql), {"m": match}).scalars()]


def test_killed_mid_feed_resumes_to_an_exact_copy(central: CentralHandle, tmp_path: Path) -> None:
    service = central.service
    assert service is not None
    cache_path = tmp_path / "c.sqlite"
    with engine_for(central, cache_path) as engine:
        engine.sync_once()
        start = int(engine.cache.get_state("sync.cursor") or 0)
    # a burst of new appeals: hundreds of feed positions to read
    with service.engine.connect() as conn:
        top = int(conn.exec_driver_sql("SELECT max(id) FROM appeals").scalar_one())
    generator = DemoGenerator(service.region.pack, seed=99, now=GENERATED_AT)
    service.store_generated(
        ((g.appeal, g.history) for g in generator.generate(300, first_id=top + 1)), batch=50
    )

    password = central.accounts["operator"].password
    args = cli_args(central, cache_path, "operator", "--once", "--feed-page-size", "10")
    first = CliRun(args, password)
    first.wait_for(_progress("changes", 3))
    first.process.send_signal(signal.SIGKILL)
    first.finish()
    with Cache.open(cache_path) as cache:
        cursor = int(cache.get_state("sync.cursor") or 0)
        assert start < cursor < service.head()

    second = CliRun(args, password)
    assert second.finish() == 0, second.stderr
    with Cache.open(cache_path) as cache:
        assert cache.get_state("sync.cursor") == str(service.head())
        assert cache_checksum(cache) == central_checksum(central, service_user(central, "operator"))
