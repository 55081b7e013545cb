"""End-to-end tests: the real console windows (offscreen), real sync threads, the real service.

They get the same strict guards as every Qt test (leaked windows, timers and
threads fail a test): the fixtures of tests/qt/conftest.py are reused here.
"""

from __future__ import annotations

import importlib.util
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if importlib.util.find_spec("PySide6") is None:  # the Qt-free core run
    collect_ignore_glob = ["*"]
else:
    from tests.qt.conftest import _fail_on_qt_leaks, qapp

    __all__ = ["_fail_on_qt_leaks", "qapp"]
