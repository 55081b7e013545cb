"""The leak guard of tests/qt/conftest.py really fails leaky tests.

A guard that never fires looks exactly like one that works, so this runs pytest in a
subprocess on a small file of deliberately leaky tests, with this folder's conftest and
the project's pytest configuration, and reads the verdicts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

CONFTEST = f"""
import importlib.util
import sys

_spec = importlib.util.spec_from_file_location("strict_qt_conftest", {str(HERE / "conftest.py")!r})
_module = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _module
_spec.loader.exec_module(_module)
globals().update({{k: v for k, v in vars(_module).items() if not k.startswith("__")}})
"""

LEAKY_TESTS = """
import threading

from PySide6.QtCore import QRunnable, QThread, QThreadPool, QTimer
from PySide6.QtWidgets import QLabel

_kept = []


def test_clean(qtbot):
    label = QLabel("закрыт как надо")
    qtbot.addWidget(label)
    label.show()
    timer = QTimer()
    timer.start(10_000)
    timer.stop()


def test_clean_dropped_objects():
    # Parentless objects made in Python die with their last reference: not leaks.
    label = QLabel("временное окно")
    label.show()
    timer = QTimer()
    timer.start(10_000)
    del label, timer


def test_leaks_visible_widget():
    label = QLabel("забытое окно")
    label.setWindowTitle("leaky window")
    label.show()
    _kept.append(label)


def test_leaks_hidden_widget():
    label = QLabel("скрытое окно")
    label.setWindowTitle("hidden window")
    _kept.append(label)


def test_leaks_timer():
    timer = QTimer()
    timer.start(60_000)
    _kept.append(timer)


def test_leaks_single_shot():
    QTimer.singleShot(60_000, lambda: None)


def test_leaks_thread():
    class Sleeper(QThread):
        def run(self):
            self.msleep(300)

    thread = Sleeper()
    thread.start()
    _kept.append(thread)


def test_leaks_pool_job():
    release = threading.Event()

    class Job(QRunnable):
        def run(self):
            release.wait(0.3)

    QThreadPool.globalInstance().start(Job())


def test_clean_after_leaks(qtbot):
    qtbot.wait(10)
"""


Outcome = tuple[str, str]  # ("passed" | "error" | "failure", report text)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Run the leaky file once; map each test name to its outcome and report."""
    work = tmp_path_factory.mktemp("leaky")
    (work / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (work / "test_leaky.py").write_text(textwrap.dedent(LEAKY_TESTS), encoding="utf-8")
    report = work / "report.xml"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(ROOT / "pyproject.toml"),  # the project's strict settings
            "--rootdir",
            str(work),
            "-p",
            "no:cacheprovider",
            f"--junit-xml={report}",
            str(work / "test_leaky.py"),
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1, run.stdout + run.stderr  # 1: some tests failed
    result: dict[str, Outcome] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        problems = [child for child in case if child.tag in {"error", "failure"}]
        if problems:
            result[case.get("name", "")] = (problems[0].tag, problems[0].text or "")
        else:
            result[case.get("name", "")] = ("passed", "")
    return result


@pytest.mark.parametrize(
    "test", ["test_clean", "test_clean_dropped_objects", "test_clean_after_leaks"]
)
def test_clean_tests_pass(outcomes: dict[str, Outcome], test: str) -> None:
    assert outcomes[test] == ("passed", "")


@pytest.mark.parametrize(
    ("test", "message"),
    [
        (
            "test_leaks_visible_widget",
            "top-level widget QLabel (title 'leaky window', visible=True)",
        ),
        (
            "test_leaks_hidden_widget",
            "top-level widget QLabel (title 'hidden window', visible=False)",
        ),
        ("test_leaks_timer", "active QTimer (interval 60000 ms), started at "),
        ("test_leaks_single_shot", "active QTimer (interval 60000 ms), created at "),
        ("test_leaks_thread", "running QThread Sleeper, started at "),
        ("test_leaks_pool_job", "QThreadPool with 1 job(s) still running, first job at "),
    ],
)
def test_leaky_test_fails_and_says_why(
    outcomes: dict[str, Outcome], test: str, message: str
) -> None:
    kind, text = outcomes[test]
    assert kind == "error"  # reported at teardown: the test body itself passed
    assert text.startswith("Qt objects left behind by the test:")
    assert message in text
    if "at " in message:  # the report points at the leaking line of the leaky test
        assert "test_leaky.py:" in text
        assert f"in {test}" in text
