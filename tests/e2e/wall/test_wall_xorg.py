"""Real monitor hot-plug: the wall on an X server with three RandR outputs (Xorg's dummy driver).

``xrandr --output DUMMY2 --off`` is what unplugging a monitor looks like to Qt
(``screenRemoved``); ``--mode … --right-of DUMMY1`` plugs it back (``screenAdded``);
a new mode on an output changes its geometry (``QScreen.geometryChanged``).
The wall runs as a subprocess on the ``xcb`` platform (``tests/qt/wall/wall_probe.py``)
and reports where each window really is after every placement; the test checks the
windows move and come back without a restart.

Needs ``Xorg`` with the dummy video driver and ``xrandr`` (scripts/setup.sh installs
them); skipped, saying why, when the server cannot start here.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.caches import generated_cache
from tests.support.clock import now as clock_now

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
PROBE = ROOT / "tests" / "qt" / "wall" / "wall_probe.py"
MODE = "1920x1080"
LAYOUT = {
    "format": "cur-desktop-wall-layout",
    "version": 1,
    "playlists": {"a": ["kpi"], "b": ["kpi"], "c": ["heatmap"]},
    "screens": [
        {"id": "left", "screen": {"position": "left-most"}, "playlist": "a"},
        {"id": "middle", "screen": {"name": "DUMMY1"}, "playlist": "b"},
        {"id": "right", "screen": {"name": "DUMMY2"}, "playlist": "c", "merge_into": "middle"},
    ],
}


def _free_display() -> int:
    for number in range(90, 140):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    pytest.skip("no free X display number between :90 and :139")


@pytest.fixture(scope="module")
def display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    xorg, xrandr = shutil.which("Xorg"), shutil.which("xrandr")
    if xorg is None or xrandr is None:
        pytest.skip("Xorg or xrandr is not installed (scripts/setup.sh installs them)")
    folder = tmp_path_factory.mktemp("xorg")
    number = _free_display()
    log = folder / "xorg.log"
    server = subprocess.Popen(
        [
            xorg,
            f":{number}",
            "-config",
            str(HERE / "xorg-dummy.conf"),
            "-noreset",
            "-nolisten",
            "tcp",
            "-logfile",
            str(log),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    name = f":{number}"
    try:
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
                pytest.skip(f"Xorg with the dummy driver did not start here: {tail}")
            time.sleep(0.1)  # polling for Xorg's socket, with a deadline above
        _xrandr(name, "--output", "DUMMY0", "--mode", MODE)
        for output, left_of in (("DUMMY1", "DUMMY0"), ("DUMMY2", "DUMMY1")):
            _xrandr(name, "--addmode", output, MODE)
            _xrandr(name, "--output", output, "--mode", MODE, "--right-of", left_of)
        yield name
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


def _xrandr(display: str, *args: str) -> None:
    subprocess.run(
        ["xrandr", *args], env={**os.environ, "DISPLAY": display}, check=True, timeout=20
    )


class Probe:
    """The wall in a subprocess; its JSON lines arrive on a queue."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
        )
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self.lines.put(json.loads(line))

    def wait_for(
        self, check: Callable[[dict[str, Any]], bool], timeout: float = 60
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                event = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(event)
            if check(event):
                return event
        stderr = self.process.stderr.read()[-3000:] if self.process.poll() is not None else ""
        pytest.fail(f"the wall never reported the expected state; seen: {self.seen[-3:]}\n{stderr}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self._reader.join(10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def _placed(check: Callable[[dict[str, Any]], bool]) -> Callable[[dict[str, Any]], bool]:
    return lambda event: event["event"] == "placed" and check(event)


def _on(event: dict[str, Any], entry: str, screen: str, x: int) -> bool:
    window = event["windows"][entry]
    return (
        window["visible"]
        and window["screen"] == screen
        and window["geometry"] == [x, 0, 1920, 1080]
    )


def test_monitor_unplugged_and_plugged_back(
    display: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("wall-xorg")
    cache = generated_cache(tmp_path_factory, "wall-xorg-cache", 800, 5, clock_now())
    layout = folder / "layout.json"
    layout.write_text(json.dumps(LAYOUT), encoding="utf-8")
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    command = [
        sys.executable,
        str(PROBE),
        "--cache",
        str(cache),
        "--layout",
        str(layout),
        "--quit-after",
        "120000",
    ]
    probe = Probe(command, env)
    try:
        probe.wait_for(
            _placed(
                lambda e: (
                    _on(e, "left", "DUMMY0", 0)
                    and _on(e, "middle", "DUMMY1", 1920)
                    and _on(e, "right", "DUMMY2", 3840)
                    and all(w["full_screen"] and w["frameless"] for w in e["windows"].values())
                )
            )
        )
        _xrandr(display, "--output", "DUMMY2", "--off")
        gone = probe.wait_for(
            _placed(lambda e: "DUMMY2" not in e["screens"] and not e["windows"]["right"]["visible"])
        )
        assert gone["merged"] == {"right": "middle"}
        assert gone["windows"]["middle"]["pages"] == ["kpi", "heatmap"]
        assert _on(gone, "middle", "DUMMY1", 1920)
        assert _on(gone, "left", "DUMMY0", 0)

        _xrandr(display, "--output", "DUMMY2", "--mode", MODE, "--right-of", "DUMMY1")
        back = probe.wait_for(_placed(lambda e: _on(e, "right", "DUMMY2", 3840)))
        assert back["merged"] == {}
        assert back["windows"]["right"]["pages"] == ["heatmap"]
        assert back["windows"]["middle"]["pages"] == ["kpi"]
        assert back["windows"]["right"]["full_screen"]

        # a monitor changing its mode (QScreen.geometryChanged): the window follows
        _xrandr(display, "--output", "DUMMY0", "--mode", "1600x1200")
        resized = probe.wait_for(
            _placed(lambda e: e["windows"]["left"]["geometry"] == [0, 0, 1600, 1200])
        )
        assert resized["windows"]["left"]["screen"] == "DUMMY0"
        assert resized["windows"]["left"]["full_screen"]
    finally:
        probe.stop()
