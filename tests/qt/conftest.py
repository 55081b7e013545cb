"""Strict set-up for every Qt test (à la napari and qutebrowser).

- Qt runs on the ``offscreen`` platform unless QT_QPA_PLATFORM is already set (a test
  run under Xvfb or the dummy Xorg server sets it to ``xcb`` with a DISPLAY).
- The session's QApplication is the real one, built by ``ui.app.create_application``:
  bundled fonts, Russian translators and the ru_RU locale, as in production.
- Every test here is marked ``qt`` (the Qt-free core run deselects them), and when
  PySide6 is not installed this folder is not even collected.
- An autouse guard fails a test that leaves behind a top-level widget, an active QTimer
  (pending ``QTimer.singleShot`` calls included), a running QThread or a QThreadPool
  job, and says where the timer or thread was started. It then cleans up, so one leak
  does not cascade into the following tests. It works by wrapping ``QTimer.__init__``,
  ``QTimer.start``, ``QThread.start`` and ``QThreadPool.start/tryStart`` (PySide6
  classes accept new attributes), plus a before/after scan of the top-level widgets.

Warnings from Qt fail tests (pyproject: ``qt_log_level_fail``), as do Python warnings.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import sys
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_HERE = Path(__file__).resolve().parent
_ROOT = _HERE.parent.parent


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # e.g. sys.modules[name] is None: import blocked
        return False


if not _importable("ui"):  # the project is not installed: use the checkout
    sys.path.insert(0, str(_ROOT))

if not _importable("PySide6"):  # the Qt-free core run: nothing here can even be imported
    collect_ignore_glob = ["*"]

# Qt creates these top-level helper widgets itself and keeps them for reuse.
_QT_INTERNAL_TOP_LEVELS = frozenset({"QTipLabel", "QWhatsThat", "QComboBoxPrivateContainer"})
_THREAD_WAIT_MS = 5000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``qt`` (this hook sees the whole session)."""
    for item in items:
        if item.path.is_relative_to(_HERE):
            item.add_marker(pytest.mark.qt)


@pytest.fixture(scope="session")
def qapp(qapp_args: list[str]) -> Any:
    """The production QApplication (fonts, translators, locale), once per session."""
    from ui.app import create_application

    return create_application(qapp_args)


# -- leak tracking -------------------------------------------------------------------


def _started_at() -> str:
    """``file:line in function`` of the innermost caller outside this file.

    Walks frames directly (no source lines read): it runs for every QTimer created.
    """
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename == __file__:
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return "<unknown>"
    return f"{frame.f_code.co_filename}:{frame.f_lineno} in {frame.f_code.co_name}"


class _Registry:
    """Qt objects started during the current test, with where they were started."""

    def __init__(self) -> None:
        self.timers: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
        self.threads: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
        # Strong references: a pool's wrapper (the global one above all) may be a
        # temporary that Python drops while the pool lives on.
        self.pools: dict[int, tuple[Any, str]] = {}


class _Tracking:
    """Process-wide state: whether Qt is wrapped, and the current test's registry."""

    installed = False
    registry = _Registry()


def _wrap(cls: type, name: str, record: Callable[[Any], None]) -> None:
    original = getattr(cls, name)

    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        record(self)
        return result

    wrapper.__name__ = name
    wrapper.__doc__ = original.__doc__
    setattr(cls, name, wrapper)


def _install_tracking() -> None:
    """Wrap the Qt entry points once per process; records go to ``_Tracking.registry``."""
    if _Tracking.installed:
        return
    from PySide6.QtCore import QThread, QThreadPool, QTimer

    def timer_created(timer: Any) -> None:
        _Tracking.registry.timers.setdefault(timer, "created at " + _started_at())

    def timer_started(timer: Any) -> None:
        _Tracking.registry.timers[timer] = "started at " + _started_at()

    def thread_started(thread: Any) -> None:
        _Tracking.registry.threads[thread] = "started at " + _started_at()

    def pool_used(pool: Any) -> None:
        _Tracking.registry.pools.setdefault(_cpp_id(pool), (pool, "first job at " + _started_at()))

    # __init__ catches timers started from C++ (signals, singleShot's internal timer).
    _wrap(QTimer, "__init__", timer_created)
    _wrap(QTimer, "start", timer_started)
    _wrap(QThread, "start", thread_started)
    _wrap(QThreadPool, "start", pool_used)
    _wrap(QThreadPool, "tryStart", pool_used)
    _Tracking.installed = True


def _cpp_id(obj: Any) -> int:
    import shiboken6

    return int(shiboken6.getCppPointer(obj)[0])


def _top_level_widgets() -> dict[int, Any]:
    from PySide6.QtWidgets import QApplication

    return {
        _cpp_id(widget): widget
        for widget in QApplication.topLevelWidgets()
        if widget.metaObject().className() not in _QT_INTERNAL_TOP_LEVELS
    }


def _flush_deletions() -> None:
    """Run pending deleteLater() calls and drop unreachable Python wrappers."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _leaked_widgets(before: set[int]) -> Iterator[str]:
    for key, widget in _top_level_widgets().items():
        if key in before:
            continue
        yield (
            f"top-level widget {type(widget).__name__} (title {widget.windowTitle()!r},"
            f" visible={widget.isVisible()}) still alive"
        )
        widget.close()
        widget.deleteLater()


def _leaked_timers() -> Iterator[str]:
    import shiboken6

    for timer, place in list(_Tracking.registry.timers.items()):
        if shiboken6.isValid(timer) and timer.isActive():
            yield f"active QTimer (interval {timer.interval()} ms), {place}"
            timer.stop()


def _leaked_threads() -> Iterator[str]:
    import shiboken6

    for thread, place in list(_Tracking.registry.threads.items()):
        if shiboken6.isValid(thread) and thread.isRunning():
            yield f"running QThread {type(thread).__name__}, {place}"
            thread.quit()
            thread.wait(_THREAD_WAIT_MS)


def _leaked_pool_jobs() -> Iterator[str]:
    import shiboken6
    from PySide6.QtCore import QThreadPool

    global_pool = QThreadPool.globalInstance()
    pools = dict(_Tracking.registry.pools)
    pools.setdefault(_cpp_id(global_pool), (global_pool, "global pool"))
    for pool, place in pools.values():
        if shiboken6.isValid(pool) and pool.activeThreadCount() > 0:
            yield f"QThreadPool with {pool.activeThreadCount()} job(s) still running, {place}"
            pool.waitForDone(_THREAD_WAIT_MS)


@pytest.fixture(autouse=True)
def _fail_on_qt_leaks(qapp: Any) -> Iterator[None]:
    """Fail the test if it leaves Qt widgets, timers, threads or pool jobs behind."""
    _install_tracking()
    _flush_deletions()
    before = set(_top_level_widgets())
    _Tracking.registry = _Registry()
    yield
    _flush_deletions()
    leaks = [
        *_leaked_widgets(before),
        *_leaked_timers(),
        *_leaked_threads(),
        *_leaked_pool_jobs(),
    ]
    _flush_deletions()
    _Tracking.registry = _Registry()  # let go of the pools now, not at the next test
    if leaks:
        pytest.fail("Qt objects left behind by the test:\n  " + "\n  ".join(leaks), pytrace=False)
