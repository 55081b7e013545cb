"""A hotline call registered in a real console process that is killed before the service
heard of it (issue 20): the registration survives in the cache and is applied exactly once
after the next start.

The console runs as a child process (offscreen, its own QApplication, the real window
over the cache file, real key events); it has no link, so it can only store. The test
kills it with SIGKILL once the form shows the provisional number, then syncs the same
cache as the next start would and checks the service.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from select import select as wait_readable

import pytest
from sqlalchemy import func, select

from cur_desktop.cache import Cache, OutboxState
from cur_desktop.cache.registrations import Registrations
from cur_desktop.central import schema as central_schema
from cur_desktop.domain.registration import is_provisional, number_key
from tests.support.central import TULA, CentralHandle, central_thread
from tests.sync.sync_support import REPO, engine_for

pytestmark = pytest.mark.qt

#: How long the console may take to store the registration (the suite's timeout is 300 s).
STORED_WITHIN_S = 180

TEXT = "Во дворе дома 3 на улице Седова прорвало трубу, вода заливает подвал"

_CONSOLE = r"""
import sys
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cur_desktop.cache import Cache
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow

cache_path, ini, text = sys.argv[1:4]
app = QApplication([])
cache = Cache.open(cache_path)
window = ConsoleWindow(ConsoleContext(cache), settings=QSettings(ini, QSettings.Format.IniFormat))
window.show()
window.activateWindow()


def type_text(widget, chars):
    # as key events to the field (the offscreen platform activates the new window late)
    for char in chars:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def call(tries=0):
    # a shortcut reaches only an active window, and a loaded machine activates it late:
    # press Ctrl+Shift+N again until the form is there (it was None: the child hung)
    ctrl = Qt.KeyboardModifier.ControlModifier
    if QApplication.activeWindow() is window:
        QTest.keyClick(window.queue.table, Qt.Key.Key_N, ctrl | Qt.KeyboardModifier.ShiftModifier)
    form = window.registration.form
    if form is None:
        if tries % 100 == 0:
            print(f"the form is not open yet ({tries})", file=sys.stderr, flush=True)
        window.activateWindow()
        QTimer.singleShot(50, lambda: call(tries + 1))
        return
    type_text(form.author_name, "Пётр Сидоров")
    type_text(form.author_phone, "+7 905 111-22-33")
    type_text(form.address, "г. Тула, ул. Седова, д. 3")
    form.address.completer().popup().hide()
    type_text(form.text, text)
    print("form filled", file=sys.stderr, flush=True)  # stages: a hang says where
    QTimer.singleShot(0, lambda: register(form))


def register(form, tries=0):
    # the gazetteer is built off the GUI thread when the form opens: as an operator would,
    # register once the municipality shows (the test's own timeout bounds the wait)
    if form.municipality.currentData() is None:
        if tries % 100 == 0:
            print(f"no municipality yet ({tries})", file=sys.stderr, flush=True)
        QTimer.singleShot(50, lambda: register(form, tries + 1))
        return
    print("municipality found; Ctrl+Enter", file=sys.stderr, flush=True)
    QTest.keyClick(form.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QTimer.singleShot(0, lambda: report(form))


def report(form, tries=0):
    message = form.message.text()
    if "№ " not in message:
        if tries % 100 == 0:
            print(f"no number yet ({tries}): {message!r}", file=sys.stderr, flush=True)
        QTimer.singleShot(50, lambda: report(form, tries + 1))
        return
    print(message.split("№ ")[1].split(" ")[0], flush=True)
    # stored and shown: now the test kills this process (it never sends anything)


QTimer.singleShot(500, call)
app.exec()
"""


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=40) as handle:
        yield handle


def _on_service(central: CentralHandle) -> int:
    a = central_schema.appeals
    assert central.service is not None
    with central.service.engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(a.c.text == TEXT)).scalar_one())


def test_console_killed_after_storing_a_registration_it_is_applied_once_later(
    central: CentralHandle, tmp_path: Path
) -> None:
    cache_path = tmp_path / "cache.sqlite"
    with engine_for(central, cache_path) as engine:
        engine.sync_once(give_up_after=10)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    console = subprocess.Popen(
        [sys.executable, "-c", _CONSOLE, str(cache_path), str(tmp_path / "layout.ini"), TEXT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO,
    )
    try:
        assert console.stdout is not None
        assert console.stderr is not None
        # until stored (or died); bounded below the suite's timeout, so that a console that
        # hangs is killed and its stages on stderr say where
        ready, _, _ = wait_readable([console.stdout], [], [], STORED_WITHIN_S)
        number = console.stdout.readline().decode().strip() if ready else ""
        if not number:
            console.send_signal(signal.SIGKILL)
            console.wait(10)
            told = console.stderr.read().decode()[-3000:]
            pytest.fail(f"no registration stored within {STORED_WITHIN_S} s:\n{told}")
    finally:
        console.send_signal(signal.SIGKILL)
        console.wait(10)
        for pipe in (console.stdout, console.stderr):
            if pipe is not None:
                pipe.close()
    assert console.returncode == -signal.SIGKILL
    assert is_provisional(number)
    assert _on_service(central) == 0

    with Cache.open(cache_path) as cache:  # what the killed console left
        (item,) = cache.outbox.items()
        assert item.state is OutboxState.PENDING
        found = Registrations(cache.engine).find(number)
        assert found is not None
        provisional = cache.appeals.get(found.provisional_id)
        assert provisional is not None
        assert provisional.text == TEXT
        assert provisional.municipality == TULA  # the gazetteer found it from the address
        assert provisional.author.phone == "+7 905 111-22-33"

    for _ in range(2):  # the next start, and one more: applied once whatever happens
        with engine_for(central, cache_path) as engine:
            engine.sync_once(give_up_after=10)
    assert _on_service(central) == 1
    with Cache.open(cache_path) as cache:
        (item,) = cache.outbox.items()
        assert item.state is OutboxState.CONFIRMED
        confirmed = Registrations(cache.engine).find(number)
        assert confirmed is not None
        assert confirmed.state == "confirmed"
        real = cache.appeals.get(confirmed.current_id)
        assert real is not None
        assert str(real.id) == confirmed.number
        assert real.external_id == number_key(number)
        assert cache.appeals.get(found.provisional_id) is None
