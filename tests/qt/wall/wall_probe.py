"""Run the real wall in this process and print what it did as JSON lines (tests only).

Qt picks its platform once per process, so the multi-screen tests run the wall in a
subprocess on ``offscreen:configfile=…`` (or on a real X server) and read this
script's stdout. It builds the wall exactly as ``cur-desktop wall`` does
(:func:`ui.wall.app.build_shell`) and prints, after every placement, where each
window really is: the QScreen Qt says it is on, its geometry, whether it is visible,
full screen and frameless, and which pages its rotation holds.

``--steps unplug:WALL-2,plug:WALL-2`` runs after the first figures arrive: each
step pretends a monitor went away or came back (the shell's ``screen_filter``) and
calls the same handler ``screenAdded``/``screenRemoved`` call. Without steps the
script waits for real hot-plug events until ``--quit-after``.

Usage: python wall_probe.py --layout L --cache C [--steps …] [--quit-after MS]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _say(event: str, **fields: Any) -> None:
    sys.stdout.write(json.dumps({"event": event, **fields}) + "\n")
    sys.stdout.flush()


def main() -> int:
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtGui import QGuiApplication

    from ui.app import create_application
    from ui.wall.app import build_shell
    from ui.wall.user_settings import WallUserSettings

    parser = argparse.ArgumentParser()
    parser.add_argument("--layout", type=Path, default=None)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--pack", type=Path, default=None)
    parser.add_argument("--settings", type=Path, default=None, help="QSettings ini (memory)")
    parser.add_argument("--steps", default="")
    parser.add_argument("--quit-after", type=int, default=20_000)
    args = parser.parse_args()
    args.server = None
    args.token_file = None
    args.windowed = False

    app = create_application(["wall-probe"])
    app.setQuitOnLastWindowClosed(False)
    memory = (
        WallUserSettings(QSettings(str(args.settings), QSettings.Format.IniFormat))
        if args.settings
        else None
    )
    shell, _cache = build_shell(args, memory)
    unplugged: set[str] = set()
    shell.screen_filter = lambda screen: screen.name() not in unplugged

    def report(reason: str) -> None:
        windows = {}
        for entry_id, window in shell.windows.items():
            rotator = shell.rotators[entry_id]
            screen = window.screen()
            geometry = window.geometry()
            windows[entry_id] = {
                "screen": screen.name() if screen is not None else None,
                "visible": window.isVisible(),
                "full_screen": window.isFullScreen(),
                "frameless": bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint),
                "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
                "pages": rotator.keys(),
                "current": rotator.current.key if rotator.current else None,
                "message": window.strip.message_text(),
                "cursor_hidden": window.cursor().shape() == Qt.CursorShape.BlankCursor,
            }
        _say(
            "placed",
            reason=reason,
            screens=[s.name() for s in QGuiApplication.screens()],
            placement=shell.placement.screens,
            merged=shell.placement.merged,
            windows=windows,
        )

    report_timer = QTimer()
    report_timer.setSingleShot(True)
    report_timer.setInterval(400)  # let the window system apply the moves first
    report_timer.timeout.connect(lambda: report("placed"))
    shell.placed.connect(report_timer.start)
    steps = [step for step in args.steps.split(",") if step]

    def run_steps() -> None:
        if not steps:
            if args.steps:
                QTimer.singleShot(800, app.quit)  # after the last step's report
            return
        action, name = steps.pop(0).split(":", 1)
        if action == "unplug":
            unplugged.add(name)
        else:
            unplugged.discard(name)
        shell.screens_changed()
        QTimer.singleShot(500, run_steps)

    started: list[bool] = []

    def first_data(revision: int) -> None:
        _say(
            "data",
            revision=revision,
            recomputations=shell.service.recomputations if shell.service else 0,
        )
        if not started:
            started.append(True)
            QTimer.singleShot(500, run_steps)

    shell.data_shown.connect(first_data)
    QTimer.singleShot(args.quit_after, app.quit)
    shell.start()
    try:
        return app.exec()
    finally:
        report_timer.stop()
        shell.stop()
        _say("stopped")


if __name__ == "__main__":
    sys.exit(main())
