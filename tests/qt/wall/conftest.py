"""Shared set-up of the wall shell's tests: a demo cache, layout files, a running wall.

The cache is generated once per session (a few thousand appeals, ending at ``NOW``)
and copied for every test that changes it. :func:`make_shell` builds the real wall
(:func:`ui.wall.app.build_shell`, as ``cur-desktop wall`` does) in this process on
the offscreen platform, with the clock fixed at ``NOW`` and a private settings
file; the fixture stops it at the end of the test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from tests.support.caches import generated_cache

NOW = datetime(2026, 11, 20, 11, 0, tzinfo=UTC)
APPEALS = 2500
ROOT = Path(__file__).resolve().parents[3]
PROBE = Path(__file__).resolve().parent / "wall_probe.py"
SCREENS_FILE = Path(__file__).resolve().parent / "offscreen-screens.json"


@pytest.fixture(scope="session")
def wall_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "wall-shell", APPEALS, 11, NOW)


def copy_cache(source: Path, directory: Path) -> Path:
    target = directory / "cache.sqlite"
    for suffix in ("", "-wal", "-shm"):
        original = Path(f"{source}{suffix}")
        if original.exists():
            shutil.copy(original, Path(f"{target}{suffix}"))
    return target


def layout_doc(
    playlists: dict[str, list[Any]],
    screens: list[dict[str, Any]],
    **settings: Any,
) -> dict[str, Any]:
    return {
        "format": "cur-desktop-wall-layout",
        "version": 1,
        "settings": settings,
        "playlists": playlists,
        "screens": screens,
    }


def write_layout(directory: Path, doc: dict[str, Any], name: str = "layout.json") -> Path:
    path = directory / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def wall_args(**values: Any) -> Any:
    import argparse

    defaults: dict[str, Any] = {
        "layout": None,
        "server": None,
        "cache": None,
        "token_file": None,
        "pack": None,
        "windowed": False,
        "quit_after": None,
        "screenshot": None,
    }
    defaults.update(values)
    return argparse.Namespace(**defaults)


@pytest.fixture
def make_shell(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Build (not start) the real wall; stopped and its windows deleted afterwards."""
    from ui.wall.app import build_shell
    from ui.wall.user_settings import WallUserSettings

    built: list[Any] = []

    def make(**values: Any) -> Any:
        memory = WallUserSettings(QSettings(str(tmp_path / "wall.ini"), QSettings.Format.IniFormat))
        shell, _path = build_shell(wall_args(**values), memory)
        shell.clock = lambda: NOW
        if shell.service is not None:
            shell.service.worker.clock = lambda: NOW
        built.append(shell)
        return shell

    yield make
    for shell in built:
        shell.stop()


def run_probe(
    cache: Path,
    layout: Path | None,
    *,
    steps: str = "",
    platform: str | None = None,
    env: dict[str, str] | None = None,
    quit_after: int = 30_000,
    timeout: float = 90,
) -> list[dict[str, Any]]:
    """Run :mod:`wall_probe` in a subprocess; its JSON lines."""
    command = [sys.executable, str(PROBE), "--cache", str(cache), "--quit-after", str(quit_after)]
    if layout is not None:
        command += ["--layout", str(layout)]
    if steps:
        command += ["--steps", steps]
    environment = {**os.environ, **(env or {})}
    environment["QT_QPA_PLATFORM"] = platform or f"offscreen:configfile={SCREENS_FILE}"
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
