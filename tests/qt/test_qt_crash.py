"""The safety net of ``ui.crash``: errors become log records, the console shows them,
the wall never does, and a crash of the previous run is reported at the next start.

Real windows offscreen, real exceptions in Qt slots and threads, and real processes
that segfault (``faulthandler._sigsegv``) through the program's own entry point.
"""

from __future__ import annotations

import faulthandler
import json
import logging
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, qWarning
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cur_desktop.settings import HOME_ENV, folders_under
from ui.crash import CrashHandling
from ui.crash_dialog import PREVIOUS_CRASH, UNEXPECTED_ERROR

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path("/tmp/cur-desktop-crash")
PHONE = "+7 916 123-45-67"


@pytest.fixture
def handling_factory(tmp_path: Path) -> Iterator[list[CrashHandling]]:
    made: list[CrashHandling] = []
    yield made
    for handling in made:
        if handling.dialog is not None:
            handling.dialog.close()
        handling.finish()
    faulthandler.enable(sys.__stderr__ or sys.stderr)  # pytest's, taken over by the run


def _start(made: list[CrashHandling], home: Path, command: str, *, dialogs: bool) -> CrashHandling:
    handling = CrashHandling(command, dialogs=dialogs, where=folders_under(home))
    handling.start()
    made.append(handling)
    return handling


def _boom() -> None:
    raise ValueError(f"bad record for {PHONE} in {Path.home()}")


def test_an_error_in_a_slot_is_logged_and_shown_in_the_console(
    qtbot: QtBot,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    handling_factory: list[CrashHandling],
) -> None:
    handling = _start(handling_factory, tmp_path, "console", dialogs=True)
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: handling.dialog is not None)
    dialog = handling.dialog
    assert dialog is not None
    assert dialog.occasion == UNEXPECTED_ERROR
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.CRITICAL] == [
        "unexpected error"
    ]
    assert dialog.windowTitle() == "Ошибка программы"
    assert dialog.copy_button.text() == "Копировать сведения"
    details = dialog.details_text()
    assert details.startswith("cur-desktop ")
    assert "Python" in details
    assert "ValueError" in details
    assert PHONE not in details
    assert "<phone>" in details
    assert str(Path.home()) not in details
    with qtbot.waitSignal(dialog.details_copied):
        dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == details
    assert dialog.copy_button.text() == "Скопировано"
    QTimer.singleShot(0, _boom)  # a second error joins the open window
    qtbot.waitUntil(lambda: dialog.errors == 2)
    assert handling.dialog is dialog
    assert "2" in dialog.headline.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "error-dialog.png"))


def test_an_error_in_a_thread_is_shown_on_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, handling_factory: list[CrashHandling]
) -> None:
    handling = _start(handling_factory, tmp_path, "console", dialogs=True)

    def work() -> None:
        raise RuntimeError("worker failed")

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: handling.dialog is not None)
    assert handling.dialog is not None
    assert "RuntimeError: worker failed" in handling.dialog.details_text()


def test_the_wall_logs_and_carries_on(
    qtbot: QtBot,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    handling_factory: list[CrashHandling],
) -> None:
    handling = _start(handling_factory, tmp_path, "wall", dialogs=False)
    before = set(QApplication.topLevelWidgets())
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: any(r.levelno == logging.CRITICAL for r in caplog.records))
    qtbot.wait(50)
    assert handling.dialog is None
    assert set(QApplication.topLevelWidgets()) == before
    logged = caplog.text
    assert "ValueError" in logged


def test_qt_messages_go_to_python_logging(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, handling_factory: list[CrashHandling]
) -> None:
    _start(handling_factory, tmp_path, "wall", dialogs=False)
    qWarning("a warning from Qt")
    [record] = [r for r in caplog.records if r.name == "qt"]
    assert (record.levelno, record.getMessage()) == (logging.WARNING, "a warning from Qt")


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        HOME_ENV: str(home),
    }


def _crash_through_main(home: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
    """The program's own entry point, segfaulting once its run record exists."""
    code = textwrap.dedent(
        f"""
        import faulthandler, sys, threading, time
        from pathlib import Path
        from ui.main import main

        def crash():
            runs = Path({str(home / "state" / "runs")!r})
            while not (runs.is_dir() and any(runs.iterdir())):
                time.sleep(0.02)  # the child polls for its own run record; nothing timed
            faulthandler._sigsegv()

        threading.Thread(target=crash, daemon=True).start()
        sys.exit(main({argv!r}))
        """
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=_env(home),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_wall_segfault_is_reported_at_its_next_start(tmp_path: Path) -> None:
    cache = tmp_path / "wall.sqlite"
    wall = ["--json-logging", "wall", "--windowed", "--cache", str(cache)]
    crashed = _crash_through_main(tmp_path, wall)
    assert crashed.returncode < 0, crashed.stderr  # killed by SIGSEGV
    again = subprocess.run(
        [sys.executable, "-m", "ui.main", *wall, "--quit-after", "200"],
        env=_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    records = [json.loads(line) for line in again.stderr.splitlines() if line.startswith("{")]
    [report] = [r for r in records if "crashed with a fatal error" in r["message"]]
    assert report["level"] == "ERROR"
    assert "Segmentation fault" in report["message"]
    assert not list((tmp_path / "state" / "runs").iterdir())  # the clean run left nothing
    assert list((tmp_path / "state" / "log" / "crashes").glob("wall-*.txt"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_console_shows_a_notice_about_its_crashed_run(
    qtbot: QtBot, tmp_path: Path, handling_factory: list[CrashHandling]
) -> None:
    code = textwrap.dedent(
        """
        import faulthandler
        from ui import crash
        crash.install("console", dialogs=True)
        faulthandler._sigsegv()
        """
    )
    crashed = subprocess.run(
        [sys.executable, "-c", code],
        env=_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert crashed.returncode < 0
    handling = _start(handling_factory, tmp_path, "console", dialogs=True)
    [previous] = handling.previous_crashes
    assert "Segmentation fault" in previous.faults
    notice = handling.show_previous_crash()
    assert notice is not None
    qtbot.addWidget(notice)
    assert notice.occasion == PREVIOUS_CRASH
    assert notice.windowTitle() == "Программа была закрыта аварийно"
    assert "Segmentation fault" in notice.details_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert notice.grab().save(str(SHOTS / "previous-crash-notice.png"))
