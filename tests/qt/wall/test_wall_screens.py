"""The wall on several screens: the right playlist on the right monitor, hot-plug, the CLI.

Qt's platform is chosen once per process, so these run the real wall in a
subprocess on ``offscreen:configfile=offscreen-screens.json`` (WALL-1 and WALL-2
side by side, an OPERATOR screen below) and read what it reports
(``wall_probe.py``). Unplugging is simulated by hiding a screen from the shell
and calling the same handler ``QGuiApplication.screenRemoved/screenAdded`` call;
tests/e2e/wall/ repeats it with real RandR monitors on Xorg's dummy driver.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.qt.wall.conftest import ROOT, SCREENS_FILE, layout_doc, run_probe, write_layout

pytestmark = pytest.mark.slow

THREE_ENTRIES = layout_doc(
    {"overview": ["kpi"], "detail": ["heatmap", "kpi"], "spare": ["kpi"]},
    [
        {"id": "left", "screen": {"position": "left-most"}, "playlist": "overview"},
        {
            "id": "right",
            "screen": {"name": "WALL-2"},
            "playlist": "detail",
            "merge_into": "left",
        },
        {"id": "lost", "screen": {"name": "HDMI-9"}, "playlist": "spare", "fallback": "none"},
    ],
)


def _last_placement(events: list[dict]) -> dict:
    placed = [e for e in events if e["event"] == "placed"]
    assert placed, events
    return placed[-1]


def test_each_entry_lands_on_its_screen(wall_cache: Path, tmp_path: Path) -> None:
    layout = write_layout(tmp_path, THREE_ENTRIES)
    events = run_probe(wall_cache, layout, steps="plug:WALL-1")  # one no-op step, then quit
    report = _last_placement(events)
    assert sorted(report["screens"]) == ["OPERATOR", "WALL-1", "WALL-2"]
    assert report["placement"] == {"left": "WALL-1", "right": "WALL-2"}
    left, right, lost = (report["windows"][k] for k in ("left", "right", "lost"))
    assert left["screen"] == "WALL-1"
    assert left["geometry"] == [0, 0, 1920, 1080]
    assert right["screen"] == "WALL-2"
    assert right["geometry"] == [1920, 0, 1920, 1080]
    for window in (left, right):
        assert window["visible"]
        assert window["full_screen"]
        assert window["frameless"]
        assert window["cursor_hidden"]
    assert left["pages"] == ["kpi"]
    assert right["pages"] == ["heatmap", "kpi"]
    assert right["current"] in {"heatmap", "kpi"}
    assert not lost["visible"]  # no HDMI-9, fallback "none": the OPERATOR screen stays free
    assert any(e["event"] == "data" for e in events)


def test_unplugged_screen_merges_and_comes_back(wall_cache: Path, tmp_path: Path) -> None:
    layout = write_layout(tmp_path, THREE_ENTRIES)
    events = run_probe(wall_cache, layout, steps="unplug:WALL-2,plug:WALL-2")
    placed = [e for e in events if e["event"] == "placed"]
    assert len(placed) >= 3, events
    before, unplugged, back = placed[0], placed[-2], placed[-1]
    assert before["placement"] == {"left": "WALL-1", "right": "WALL-2"}

    assert unplugged["placement"] == {"left": "WALL-1"}
    assert unplugged["merged"] == {"right": "left"}
    assert not unplugged["windows"]["right"]["visible"]
    # the lost monitor's pages now rotate on the left one, after its own
    assert unplugged["windows"]["left"]["pages"] == ["kpi", "heatmap", "kpi"]
    assert unplugged["windows"]["left"]["screen"] == "WALL-1"

    assert back["placement"] == {"left": "WALL-1", "right": "WALL-2"}
    assert back["merged"] == {}
    assert back["windows"]["right"]["visible"]
    assert back["windows"]["right"]["screen"] == "WALL-2"
    assert back["windows"]["right"]["geometry"] == [1920, 0, 1920, 1080]
    assert back["windows"]["right"]["pages"] == ["heatmap", "kpi"]
    assert back["windows"]["left"]["pages"] == ["kpi"]


def test_cli_wall_runs_and_saves_the_whole_wall(wall_cache: Path, tmp_path: Path) -> None:
    """``cur-desktop wall … --quit-after --screenshot``: both wall screens in one picture."""
    doc = layout_doc(
        {"a": ["kpi"], "b": ["heatmap"]},
        [
            {"id": "left", "screen": {"name": "WALL-1"}, "playlist": "a"},
            {"id": "right", "screen": {"name": "WALL-2"}, "playlist": "b"},
        ],
    )
    layout = write_layout(tmp_path, doc)
    picture = tmp_path / "wall.png"
    env = {
        "QT_QPA_PLATFORM": f"offscreen:configfile={SCREENS_FILE}",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.main",
            "wall",
            "--layout",
            str(layout),
            "--cache",
            str(wall_cache),
            "--quit-after",
            "5000",
            "--screenshot",
            str(picture),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "left→WALL-1 (name), right→WALL-2 (name)" in done.stderr
    image = QImage(str(picture))
    assert (image.width(), image.height()) == (3840, 1080)


def test_sigterm_stops_the_wall_cleanly(wall_cache: Path, tmp_path: Path) -> None:
    """``systemctl --user stop`` sends SIGTERM: the wall stops its threads and exits 0."""
    import signal

    env = {
        "QT_QPA_PLATFORM": f"offscreen:configfile={SCREENS_FILE}",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PATH": "/usr/bin:/bin",
    }
    command = [sys.executable, "-m", "ui.main", "wall", "--cache", str(wall_cache)]
    command += ["--quit-after", "120000"]
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env, cwd=ROOT
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if "wall figures recomputed" in line:
                break
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
        if process.stderr is not None:
            process.stderr.close()
