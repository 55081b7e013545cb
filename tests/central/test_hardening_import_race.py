"""Two imports of one file at once on PostgreSQL both end well, with one result (issue 15,
item 5).

Both ``cur-central import`` processes find the file's records new and create them; the
one that commits second meets the first's rows on ``(source, external_id)``. Its
transaction rolls back whole and the batch is tried again, now matching the records:
both exit 0, and the database holds what one import makes.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select

from cur_desktop.central import schema as s
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.db import read_tx
from cur_desktop.regions import builtin_pack_dir
from tests.central.test_import_run import pos_row, write_pos
from tests.support.clock import wait_until
from tests.support.postgres import temp_database

ROWS = 400
ROUNDS = 3
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def pg_url() -> Iterator[str]:
    with temp_database("cur_imp") as url:
        service = open_service(url, pack=builtin_pack_dir(), migrate=True)
        service.engine.dispose()
        yield url


def _state(url: str) -> tuple[int, int, int, list[tuple[object, ...]]]:
    service = open_service(url)
    try:
        with read_tx(service.engine) as conn:
            a = s.appeals.c
            appeals = conn.execute(select(func.count()).select_from(s.appeals)).scalar_one()
            feed = conn.execute(select(func.count()).select_from(s.feed)).scalar_one()
            history = conn.execute(select(func.count()).select_from(s.history)).scalar_one()
            rows = conn.execute(
                select(a.source, a.external_id, a.version, a.status, a.text).order_by(a.external_id)
            ).all()
    finally:
        service.engine.dispose()
    return int(appeals), int(feed), int(history), [tuple(r) for r in rows]


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def _waiting(holder: psycopg.Connection[Any]) -> int:
    """Sessions of other connections to this database waiting for a lock."""
    with psycopg.connect(holder.info.dsn, autocommit=True) as probe:
        row = probe.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND pid <> %s",
            (holder.info.backend_pid,),
        ).fetchone()
    return int(row[0]) if row else 0


def _import(url: str, path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cur_desktop.central",
            "import",
            "--db",
            url,
            "--format",
            "pos",
            str(path),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_imports_of_one_file_at_once_both_exit_0_with_one_result(
    pg_url: str, tmp_path: Path
) -> None:
    path = write_pos(
        tmp_path / "pos.xlsx", [pos_row(f"R-{n:05d}", text=f"Яма у дома {n}") for n in range(ROWS)]
    )
    with temp_database("cur_imp_one") as single:
        service = open_service(single, pack=builtin_pack_dir(), migrate=True)
        service.engine.dispose()
        alone = _import(single, path)
        out, _ = alone.communicate(timeout=300)
        assert alone.returncode == 0, out
        one = _state(single)
    assert one[0] == ROWS

    previous = None
    raced = 0
    for round_ in range(ROUNDS):  # the same file again and again: created, then unchanged
        if round_ == 0:
            # the race made certain: the feed's counter is held until both imports wait
            # (one for the counter, the other for the first one's new rows), then let go
            with psycopg.connect(_libpq(pg_url)) as holder:
                holder.execute("SELECT value FROM feed_counter WHERE id = 1 FOR UPDATE")
                first, second = _import(pg_url, path), _import(pg_url, path)
                wait_until(
                    lambda: _waiting(holder) >= 2,
                    timeout=240,
                    what="both imports waiting on a lock",
                )
                holder.commit()
        else:
            first, second = _import(pg_url, path), _import(pg_url, path)
        outs = [p.communicate(timeout=300)[0] for p in (first, second)]
        assert [first.returncode, second.returncode] == [0, 0], outs
        state = _state(pg_url)
        if round_ == 0:
            assert state == one  # two at once: what one import makes
            assert sum(f"{ROWS} created" in o for o in outs) == 1, outs
        else:
            assert state == previous  # nothing new: nothing written
        previous = state
        raced += sum("met a concurrent import" in o for o in outs)
    assert raced == 1, outs  # the second of the first round met the first's rows once
