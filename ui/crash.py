"""Start-up's safety net: unexpected errors and crashes become log records (and, in the
console, a window), and a crash of the previous run is reported at the next start.

:func:`install` (called by :func:`ui.main.main` before a window command runs) sets up:

- ``sys.excepthook`` and ``threading.excepthook``: an exception nobody caught — in a
  Qt slot, a timer, a worker thread — is logged at CRITICAL with its traceback
  (through :mod:`cur_desktop.logs`, which masks personal data) and, when dialogs are
  on, shown in a :class:`ui.crash_dialog.CrashDialog` on the GUI thread;
- a Qt message handler: Qt's own warnings go to the ``qt`` logger at the matching level
  instead of raw stderr, so ``--json-logging`` carries them too;
- a run record with :mod:`faulthandler` writing into it (:mod:`cur_desktop.runs`),
  after collecting the records that earlier runs of the command left behind: each is
  logged; the console shows the notice (:func:`show_previous_crash`).

Dialogs are on for the console only. The wall runs unattended for months: it logs and
carries on, and nothing here may open a window over it. Runs that save a screenshot
or quit on a timer (scripts, tests) show no window either.

GUI thread for :func:`install` and :meth:`CrashHandling.finish`; the hooks run on any
thread and reach widgets only through a queued signal.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import time
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtWidgets import QApplication, QWidget

from cur_desktop import __version__
from cur_desktop.logs import scrub
from cur_desktop.runs import Crash, RunRecord, collect_crashes, home_as_tilde
from cur_desktop.settings import Folders, folders
from ui.crash_dialog import PREVIOUS_CRASH, UNEXPECTED_ERROR, CrashDialog

log = logging.getLogger("cur_desktop.crash")
qt_log = logging.getLogger("qt")

_QtHandler = Callable[[QtMsgType, QMessageLogContext, str], Any]

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

#: The handling of this process (one at most; a list, so no ``global`` statement).
_installed: list[CrashHandling] = []


def crash_details(command: str, body: str) -> str:
    """Version, platform and ``body`` (a traceback or a fault dump), fit to hand over."""
    moment = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    lines = [
        f"cur-desktop {__version__} ({command})",
        f"{platform.platform()}; Python {platform.python_version()}; Qt {qVersion()}",
        moment,
        "",
        home_as_tilde(scrub(body.rstrip())),
    ]
    return "\n".join(lines)


def qt_message_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages into Python logging (logger ``qt``, category in the message)."""
    category = context.category if context.category not in (None, "", "default") else ""
    text = f"{category}: {message}" if category else message
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", text)


class _Bridge(QObject):
    """Carries an error from any thread to the GUI thread (a queued connection)."""

    error = Signal(str)


class CrashHandling:
    """The installed hooks of this process; :meth:`finish` marks a clean exit."""

    def __init__(self, command: str, *, dialogs: bool, where: Folders) -> None:
        self.command = command
        self.dialogs = dialogs
        self.folders = where
        self.previous_crashes: list[Crash] = []
        self.dialog: CrashDialog | None = None
        self.run = RunRecord(where.runs_dir, command)
        self._bridge = _Bridge()
        self._bridge.error.connect(self.show_error)
        self._saved_hooks = (sys.excepthook, threading.excepthook)
        self._saved_qt_handler: _QtHandler | None = None

    # -- hooks ---------------------------------------------------------------------------

    def excepthook(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._saved_hooks[0](kind, value, tb)
            return
        log.critical("unexpected error", exc_info=(kind, value, tb))
        self._offer(kind, value, tb)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.critical(
            "unexpected error in thread %s",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        self._offer(args.exc_type, args.exc_value, args.exc_traceback)

    def _offer(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if not self.dialogs:
            return
        body = "".join(traceback.format_exception(kind, value, tb))
        self._bridge.error.emit(crash_details(self.command, body))

    # -- windows -------------------------------------------------------------------------

    def show_error(self, details: str) -> None:
        """Show (or add to) the error window; GUI thread."""
        if not isinstance(QCoreApplication.instance(), QApplication):
            return
        if self.dialog is not None:
            self.dialog.add_error(details)
            return
        self.dialog = CrashDialog(UNEXPECTED_ERROR, details, _active_window())
        self.dialog.destroyed.connect(self._forget_dialog)
        self.dialog.show()

    def _forget_dialog(self) -> None:
        self.dialog = None

    def show_previous_crash(self, parent: QWidget | None = None) -> CrashDialog | None:
        """The console's notice about a crash of its previous run, if there was one."""
        if not self.dialogs or not self.previous_crashes:
            return None
        body = "\n\n".join(crash.summary() for crash in self.previous_crashes)
        dialog = CrashDialog(PREVIOUS_CRASH, crash_details(self.command, body), parent)
        dialog.show()
        return dialog

    # -- life ----------------------------------------------------------------------------

    def start(self) -> None:
        self.previous_crashes = collect_crashes(
            self.folders.runs_dir, self.folders.crash_reports_dir, self.command
        )
        for crash in self.previous_crashes:
            log.error("%s (report: %s)", crash.summary(), crash.report)
        self.run.start()
        self._saved_qt_handler = qInstallMessageHandler(qt_message_handler)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def finish(self) -> None:
        """The run ends cleanly: the run record goes, the earlier hooks come back."""
        self.run.finish()
        qInstallMessageHandler(self._saved_qt_handler)
        sys.excepthook, threading.excepthook = self._saved_hooks
        if self in _installed:
            _installed.remove(self)


def install(command: str, *, dialogs: bool, where: Folders | None = None) -> CrashHandling:
    """Install every hook for ``command`` (``console``, ``wall``, …); see the module."""
    handling = CrashHandling(command, dialogs=dialogs, where=where or folders())
    handling.start()
    _installed[:] = [handling]
    return handling


def current() -> CrashHandling | None:
    """The handling :func:`install` set up in this process, if any."""
    return _installed[0] if _installed else None


def _active_window() -> QWidget | None:
    window = QApplication.activeWindow()
    return window if isinstance(window, QWidget) else None
