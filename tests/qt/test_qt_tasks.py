"""The Qt layer's one task runner (ui/tasks.py), with real worker threads.

What the screens rely on: the newest job of a kind wins, results and errors come back
on the GUI thread, every error reaches the one handler (logged, then the caller's
``on_error``), and a shut-down runner leaves nothing running in its pool.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from cur_desktop.cache import CacheError
from ui.tasks import TaskRunner

WAIT_MS = 10_000


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    made = TaskRunner(name="test-tasks")
    yield made
    made.shutdown()
    made.deleteLater()


class Gate:
    """Holds a job on the worker thread until the test lets it go."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    def hold(self, value: object) -> object:
        self.entered.set()
        assert self.release.wait(WAIT_MS / 1000), "the test never released the job"
        return value


def test_the_newest_job_of_a_kind_wins(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = Gate()
    ran: list[str] = []
    delivered: list[object] = []

    def job(name: str) -> Any:
        ran.append(name)
        return name

    runner.submit("queue", lambda: gate.hold("first"), delivered.append)
    qtbot.waitUntil(gate.entered.is_set, timeout=WAIT_MS)  # running: its result will be late
    runner.submit("queue", lambda: job("second"), delivered.append)  # waiting: never runs
    runner.submit("counts", lambda: job("counts"), delivered.append)  # another kind
    runner.submit("queue", lambda: job("third"), delivered.append)
    assert runner.busy("queue")
    assert runner.busy("counts")
    gate.release.set()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=WAIT_MS)
    assert ran == ["counts", "third"]  # in the order submitted; "second" was skipped
    assert delivered == ["counts", "third"]  # "first" finished, but too late: dropped


def test_results_and_errors_come_back_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def job() -> int:
        seen["job"] = threading.get_ident()
        return 42

    def failing() -> None:
        seen["failing"] = threading.get_ident()
        raise ValueError("boom")

    results: list[object] = []

    def done(value: object) -> None:
        seen["done"] = threading.get_ident()
        results.append(value)

    def failed(error: Exception) -> None:
        seen["error"] = threading.get_ident()
        results.append(error)

    runner.submit("answer", job, done)
    runner.submit("broken", failing, None, failed)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=WAIT_MS)
    assert results[0] == 42
    assert isinstance(results[1], ValueError)
    assert seen["job"] != gui
    assert seen["failing"] != gui
    assert seen["done"] == gui
    assert seen["error"] == gui


def test_every_error_goes_to_the_one_handler(
    qtbot: QtBot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    handed: list[Exception] = []

    def bug() -> None:
        raise KeyError("missing")

    def broken_file() -> None:
        raise CacheError("unreadable", "the file is not a cache")

    with caplog.at_level(logging.ERROR, logger="ui.tasks"):
        runner.submit("bug", bug)  # no on_error: logged all the same
        runner.submit("file", broken_file, None, handed.append)
        qtbot.waitUntil(lambda: not runner.busy(), timeout=WAIT_MS)
    assert [type(e) for e in handed] == [CacheError]
    records = {r.getMessage().split(" failed")[0]: r for r in caplog.records}
    assert set(records) == {"test-tasks: bug", "test-tasks: file"}
    assert records["test-tasks: bug"].exc_info is not None  # a bug: with its traceback
    assert records["test-tasks: file"].exc_info is None  # the environment: one line
    assert "CacheError: the file is not a cache" in records["test-tasks: file"].getMessage()


def test_wait_delivers_the_results_at_once(runner: TaskRunner) -> None:
    got: list[object] = []
    runner.submit("sign-in", lambda: "session", got.append)
    runner.wait()  # no event loop turned: delivered from the queue by wait() itself
    assert got == ["session"]
    assert not runner.busy()


def test_shutdown_waits_for_the_running_job_and_leaves_nothing(qtbot: QtBot) -> None:
    runner = TaskRunner(name="closing")
    gate = Gate()
    finished = threading.Event()
    delivered: list[object] = []

    def slow() -> str:
        gate.hold(None)
        finished.set()
        return "late"

    try:
        runner.submit("read", slow, delivered.append)
        qtbot.waitUntil(gate.entered.is_set, timeout=WAIT_MS)
        runner.submit("other", lambda: "waiting", delivered.append)
        gate.release.set()
        runner.shutdown()
        assert finished.is_set()  # shutdown returned only after the running job ended
        assert runner._pool.activeThreadCount() == 0
        QCoreApplication.sendPostedEvents()  # results already queued: dropped, not shown
        assert delivered == []
        assert not runner.busy()
        assert runner.submit("read", lambda: "after", delivered.append) == 0
        assert runner._pool.activeThreadCount() == 0
    finally:
        runner.shutdown()
        runner.deleteLater()
