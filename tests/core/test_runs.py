"""Run records tell a crashed run from a clean one, with real processes.

A child process starts a run record and then segfaults (``faulthandler._sigsegv``),
is killed, or exits cleanly; the next collection must report exactly the first two,
once, and keep a copy of each report.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cur_desktop.runs import RunRecord, collect_crashes, pid_alive

ROOT = Path(__file__).resolve().parents[2]


def _child(runs: Path, ending: str) -> subprocess.Popen[str]:
    code = textwrap.dedent(
        f"""
        import faulthandler, sys, time
        from pathlib import Path
        from cur_desktop.runs import RunRecord
        record = RunRecord(Path({str(runs)!r}), "wall")
        record.start()
        print("started", flush=True)
        ending = {ending!r}
        if ending == "segfault":
            faulthandler._sigsegv()
        elif ending == "clean":
            record.finish()
        else:
            time.sleep(60)  # a child that never ends on its own: the test kills it
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(runs: Path, ending: str) -> int:
    child = _child(runs, ending)
    if ending == "killed":
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "started"
        assert [p.name for p in runs.iterdir()]  # the record exists while it runs
        child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    return child.pid


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_segfault_is_reported_once_with_its_stack(tmp_path: Path) -> None:
    runs, reports = tmp_path / "runs", tmp_path / "reports"
    pid = _run(runs, "segfault")
    crashes = collect_crashes(runs, reports, "wall")
    assert [c.pid for c in crashes] == [pid]
    crash = crashes[0]
    assert crash.kind == "fatal error"
    assert "Segmentation fault" in crash.faults
    assert "Segmentation fault" in crash.summary()
    assert crash.report is not None
    assert crash.report.read_text() == crash.faults
    assert collect_crashes(runs, reports, "wall") == []  # reported once
    assert not list(runs.iterdir())


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_killed_run_is_reported_without_a_dump(tmp_path: Path) -> None:
    runs, reports = tmp_path / "runs", tmp_path / "reports"
    pid = _run(runs, "killed")
    [crash] = collect_crashes(runs, reports, "wall")
    assert (crash.pid, crash.faults, crash.kind) == (pid, "", "no clean exit")
    assert "without a clean exit" in crash.summary()


def test_a_clean_exit_leaves_nothing(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    _run(runs, "clean")
    assert not list(runs.iterdir())
    assert collect_crashes(runs, tmp_path / "reports", "wall") == []


def test_a_running_process_and_other_commands_are_not_reported(tmp_path: Path) -> None:
    runs, reports = tmp_path / "runs", tmp_path / "reports"
    mine = RunRecord(runs, "console")
    mine.start()
    try:
        child = _child(runs, "sleep")
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "started"
        try:
            assert pid_alive(child.pid)
            assert collect_crashes(runs, reports, "wall") == []  # still running
            assert collect_crashes(runs, reports, "console") == []  # this very process
        finally:
            child.kill()
            child.communicate(timeout=60)
        assert not pid_alive(child.pid)
        assert [c.pid for c in collect_crashes(runs, reports, "wall")] == [child.pid]
    finally:
        mine.finish()
        faulthandler_back_to_stderr()
    assert not mine.path.exists()


def faulthandler_back_to_stderr() -> None:
    """pytest's own faulthandler wrote to stderr before this test took it over."""
    import faulthandler

    faulthandler.enable(sys.__stderr__ or sys.stderr)
