"""The one clock: every module takes "now" from it, and a moved clock reaches child processes."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cur_desktop.clock import CLOCK_START_ENV, PinnedClock, StartedClock, epoch, system_clock
from tests.support.clock import GENERATED_AT, now

REPO = Path(__file__).resolve().parents[2]
# Reading the wall clock anywhere else would escape the tests' clock and the matrix.
WALL_CLOCK_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
}


def _wall_clock_reads(path: Path, root: Path = REPO) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
        if (name, node.func.attr) in WALL_CLOCK_CALLS:
            found.append(f"{path.relative_to(root)}:{node.lineno}: {name}.{node.func.attr}()")
    return found


def test_no_module_reads_the_wall_clock_on_its_own() -> None:
    sources = [p for d in ("cur_desktop", "ui", "widgets") for p in (REPO / d).rglob("*.py")]
    assert len(sources) > 100
    reads = [
        hit
        for path in sources
        if path != REPO / "cur_desktop" / "clock.py"
        for hit in _wall_clock_reads(path)
    ]
    assert reads == []


def test_the_scan_finds_a_wall_clock_read(tmp_path: Path) -> None:
    """Control: the scan above would see each form."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import time, datetime as dt\nfrom datetime import date, datetime\n"
        "a = datetime.now()\nb = time.time()\nc = date.today()\nd = dt.datetime.utcnow()\n",
        encoding="utf-8",
    )
    hits = _wall_clock_reads(sample, tmp_path)
    assert [h.rsplit(": ", 1)[1] for h in hits] == [
        "datetime.now()",
        "time.time()",
        "date.today()",
        "datetime.utcnow()",
    ]


def test_the_system_clock_is_aware_utc_and_agrees_with_epoch() -> None:
    reading = system_clock()
    assert reading.tzinfo is not None
    assert reading.utcoffset() == timedelta(0)
    assert abs(epoch() - reading.timestamp()) < 60  # two readings, not a timing claim
    assert now() >= GENERATED_AT


def test_a_pinned_clock_stands_still_until_moved() -> None:
    clock = PinnedClock(datetime(2026, 1, 12, 3, 30, tzinfo=UTC))
    assert clock() == clock() == datetime(2026, 1, 12, 3, 30, tzinfo=UTC)
    clock.advance(timedelta(minutes=31))
    assert clock() == datetime(2026, 1, 12, 4, 1, tzinfo=UTC)
    assert epoch(clock) == datetime(2026, 1, 12, 4, 1, tzinfo=UTC).timestamp()
    with pytest.raises(ValueError, match="timezone-aware"):
        PinnedClock(datetime(2026, 1, 12))


def test_a_started_clock_runs_from_its_instant_at_its_base_pace() -> None:
    base = PinnedClock(datetime(2030, 5, 5, tzinfo=UTC))
    clock = StartedClock(datetime(2026, 12, 31, 23, 59, 30, tzinfo=UTC), base)
    assert clock() == datetime(2026, 12, 31, 23, 59, 30, tzinfo=UTC)
    base.advance(timedelta(seconds=45))
    assert clock() == datetime(2027, 1, 1, 0, 0, 15, tzinfo=UTC)


def _child_reading(env: dict[str, str]) -> datetime:
    code = "from cur_desktop.clock import system_clock; print(system_clock().isoformat())"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return datetime.fromisoformat(out.stdout.strip())


def test_the_debug_option_moves_a_process_clock() -> None:
    reading = _child_reading({CLOCK_START_ENV: "2026-01-12T03:30:00+03:00"})
    start = datetime(2026, 1, 12, 0, 30, tzinfo=UTC)
    assert reading.utcoffset() == timedelta(0)
    assert start <= reading < start + timedelta(minutes=5)  # it ticks on from there


@pytest.mark.parametrize("value", ["yesterday", "2026-01-12T03:30:00"])
def test_a_bad_debug_option_is_refused_with_its_name(value: str) -> None:
    code = "import cur_desktop.clock"
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(REPO), CLOCK_START_ENV: value},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert run.returncode != 0
    assert CLOCK_START_ENV in run.stderr


def test_a_child_started_through_child_env_shares_the_moved_clock() -> None:
    code = (
        "import os, subprocess, sys\n"
        "from cur_desktop.clock import child_env\n"
        "env = {**os.environ, **child_env()}\n"
        "inner = 'from cur_desktop.clock import system_clock; print(system_clock().isoformat())'\n"
        "print(subprocess.run([sys.executable, '-c', inner], env=env, capture_output=True,"
        " text=True, check=True).stdout.strip())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **os.environ,
            "PYTHONPATH": str(REPO),
            CLOCK_START_ENV: "2025-11-01T10:00:00+03:00",
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    grandchild = datetime.fromisoformat(out.stdout.strip())
    start = datetime(2025, 11, 1, 7, 0, tzinfo=UTC)
    assert start <= grandchild < start + timedelta(minutes=5)
