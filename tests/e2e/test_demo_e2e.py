"""``cur-desktop demo`` end to end: service, sign-in, sync, console, PNG — as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from PySide6.QtGui import QImage

from cur_desktop.cache import Cache

pytestmark = pytest.mark.qt

REPO = Path(__file__).resolve().parents[2]


def _demo(directory: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "demo", "--dir", str(directory), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=240,
        check=False,
    )


def test_demo_runs_the_service_syncs_and_saves_the_console(tmp_path: Path) -> None:
    shot = tmp_path / "demo.png"
    args = ("--appeals", "150", "--seed", "3", "--quit-after", "300", "--screenshot", str(shot))
    run = _demo(tmp_path, *args)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "central service at http://127.0.0.1:" in run.stdout
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1920, 1080)

    with Cache.open(tmp_path / "workstation.sqlite") as cache:
        synced = cache.appeals.count(None)
        identity = orjson.loads(cache.get_state("sync.identity") or "{}")
        assert cache.get_state("sync.last_success")
    assert synced >= 150  # every generated appeal (the live generator may add more)
    assert identity["login"] == "demo-operator"
    # the service stopped with the window: its process is gone, the port is free
    ready = orjson.loads((tmp_path / "central-ready.json").read_bytes())
    with pytest.raises(ProcessLookupError):
        os.kill(int(ready["pid"]), 0)

    # the second start reuses the region, at the same address, and only catches up
    run = _demo(tmp_path, "--quit-after", "200")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "generating" not in run.stdout
    assert orjson.loads((tmp_path / "central-ready.json").read_bytes())["url"] == ready["url"]
    with Cache.open(tmp_path / "workstation.sqlite") as cache:
        assert cache.appeals.count(None) >= synced
