"""``cur-desktop console``: sign in, sync in the background, the console over the cache.

Start-up, in order: the stored token for the last server and user (the OS
keyring, :mod:`cur_desktop.credentials`) — else the sign-in dialog — then the
server's own cache file, a sync worker following the service, and the console
window reading the cache (:class:`ui.console.session.launcher.ConsoleLauncher` does and
wires all of it). An unreachable service does not stop the console: it opens from
the cache, the status bar says "offline", actions wait in the outbox, and the
worker connects when the service is back. ``--offline`` (or "Work offline" in the
dialog) opens a server's cache without any connection. ``--quit-after`` and
``--screenshot`` end the run by themselves, saving the window (or the sign-in
dialog, when one is shown) as PNG.

GUI thread only.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer

from cur_desktop.credentials import TokenStore
from ui import crash
from ui.console.session.launcher import ConsoleLauncher, Running, exec_dialog
from ui.console.session.login_dialog import LoginDialog
from ui.settings import user_settings

__all__ = ["ConsoleLauncher", "Running", "quiet_http_log", "run_console"]


def quiet_http_log() -> None:
    """One INFO line per request (httpx) would drown the log of a live console."""
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        logging.getLogger("httpx").setLevel(logging.WARNING)


def _timed_dialog(after_ms: int | None, screenshot: Path | None) -> Callable[[LoginDialog], bool]:
    """Show the sign-in dialog, save it as PNG and close it (scripts, support, tests)."""

    def ask(dialog: LoginDialog) -> bool:
        def finish() -> None:
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                dialog.grab().save(str(screenshot))
                sys.stdout.write(f"sign-in dialog saved to {screenshot}\n")
            dialog.reject()

        QTimer.singleShot(after_ms if after_ms is not None else 1000, dialog, finish)
        return exec_dialog(dialog)

    return ask


def run_console(args: argparse.Namespace) -> int:
    """``cur-desktop console``: exit code 0 when the window was closed, 1 if none opened."""
    from PySide6.QtCore import QEvent

    from ui.app import create_application
    from ui.console.session.autoquit import AutoQuit

    quiet_http_log()
    app = create_application(["cur-desktop"])
    launcher = ConsoleLauncher(settings=user_settings(), store=TokenStore())
    if args.quit_after is not None or args.screenshot is not None:
        launcher.ask_login = _timed_dialog(args.quit_after, args.screenshot)
    try:
        started = launcher.start(
            server=args.server, login=args.login, cache=args.cache, offline=args.offline
        )
        if not started:
            if launcher.problem != "sign-in cancelled":
                sys.stderr.write(f"cur-desktop console: {launcher.problem}\n")
                return 1
            return 0
        auto = None
        if args.quit_after is not None or args.screenshot is not None:
            auto = AutoQuit(
                lambda: launcher.current.window if launcher.current else None,
                after_ms=args.quit_after,
                screenshot=args.screenshot,
                ready=launcher.ready,
                parent=launcher,
            )
        handling = crash.current()
        if handling is not None and launcher.current is not None:
            handling.show_previous_crash(launcher.current.window)
        code = app.exec()
        if auto is not None:
            auto.stop()
        return int(code)
    finally:
        launcher.close()
        launcher.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
