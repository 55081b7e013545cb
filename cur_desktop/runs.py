"""Run records: did the previous run of a command end cleanly, and if not, how did it end?

Each running GUI process keeps one file in the state folder's ``runs/``
(:attr:`cur_desktop.settings.Folders.runs_dir`), named by command, process id and start
time, and points :mod:`faulthandler` at it: a segmentation fault, abort or other fatal
signal writes every thread's Python stack there before the process dies. A clean exit
deletes the file. So at the next start a file of a process that no longer runs means
that run crashed: with a fault dump if it had one, empty if it was killed or the power
went. Each such file is reported once, then kept as a copy in the crash-reports folder
(the last :data:`KEEP_REPORTS`) and removed. Two processes of one command (two
consoles on one account) have files of their own and never report each other.

A fault dump holds file names, line numbers and function names, no values; the home
folder is shown as ``~`` in reports (a user name is personal data).

Qt-free. :class:`RunRecord` belongs to the process's main thread (start and finish);
faulthandler itself writes from whichever thread faults.
"""

from __future__ import annotations

import faulthandler
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

SUFFIX = ".run"
KEEP_REPORTS = 20
_MAX_DUMP = 64 * 1024
_NAME = re.compile(r"(?P<command>[a-z]+)-(?P<pid>\d+)-(?P<started>\d{8}T\d{6}Z)")


@dataclass(frozen=True)
class Crash:
    """A previous run that did not exit cleanly."""

    command: str
    pid: int
    started: str  # UTC, 20260101T120000Z
    faults: str  # faulthandler's dump, "" when the process just vanished
    report: Path | None  # the copy kept for support

    @property
    def kind(self) -> str:
        return "fatal error" if self.faults else "no clean exit"

    def summary(self) -> str:
        """One paragraph for the log: what ended, when, and the dump's first lines."""
        head = f"the previous {self.command} run (pid {self.pid}, started {self.started} UTC)"
        if not self.faults:
            return f"{head} ended without a clean exit (killed, or the power went)"
        return f"{head} crashed with a fatal error:\n{self.faults.rstrip()}"


class RunRecord:
    """This process's run file, with faulthandler writing into it."""

    def __init__(self, runs_dir: Path, command: str, pid: int | None = None) -> None:
        self.runs_dir = runs_dir
        self.command = _safe_command(command)
        self.pid = os.getpid() if pid is None else pid
        started = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        self.path = runs_dir / f"{self.command}-{self.pid}-{started}{SUFFIX}"
        self._file: IO[str] | None = None

    def start(self) -> None:
        """Create the file and send fatal-error dumps to it (all threads)."""
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("w", encoding="utf-8")
        faulthandler.enable(self._file, all_threads=True)

    def finish(self) -> None:
        """A clean exit: stop dumping into the file and delete it."""
        if self._file is None:
            return
        faulthandler.disable()
        self._file.close()
        self._file = None
        self.path.unlink(missing_ok=True)


def collect_crashes(runs_dir: Path, reports_dir: Path, command: str) -> list[Crash]:
    """The run files ``command`` left behind in processes that are gone, oldest first.

    Each is copied to ``reports_dir`` and removed, so it is reported once.
    """
    wanted = _safe_command(command)
    crashes: list[Crash] = []
    for path in sorted(runs_dir.glob(f"{wanted}-*{SUFFIX}")) if runs_dir.is_dir() else []:
        match = _NAME.fullmatch(path.name.removesuffix(SUFFIX))
        if match is None or match["command"] != wanted:
            continue
        pid = int(match["pid"])
        if pid == os.getpid() or pid_alive(pid):
            continue
        try:
            faults = path.read_text(encoding="utf-8", errors="replace")[:_MAX_DUMP]
        except OSError:
            continue
        faults = home_as_tilde(faults)
        report = _keep_report(reports_dir, path.name.removesuffix(SUFFIX), faults)
        path.unlink(missing_ok=True)
        crashes.append(Crash(wanted, pid, match["started"], faults, report))
    return sorted(crashes, key=lambda crash: crash.started)


def home_as_tilde(text: str) -> str:
    """``text`` with this user's home folder written as ``~``."""
    home = str(Path.home())
    return text.replace(home, "~") if len(home) > 1 else text


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs now (a reused id reads as alive)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, 0, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _keep_report(reports_dir: Path, name: str, faults: str) -> Path | None:
    try:
        reports_dir.mkdir(parents=True, exist_ok=True)
        report = reports_dir / f"{name}.txt"
        report.write_text(faults or "no fault dump: the process ended without a clean exit\n")
        for old in sorted(reports_dir.glob("*.txt"), key=lambda p: p.stat().st_mtime)[
            :-KEEP_REPORTS
        ]:
            old.unlink(missing_ok=True)
    except OSError:
        return None
    return report


def _safe_command(command: str) -> str:
    return "".join(ch for ch in command.lower() if "a" <= ch <= "z") or "app"
