"""Application start-up, in stages: one small function per stage.

``create_application`` builds a ready QApplication: its identity (name, organisation,
version), the ru_RU default locale, the bundled PT Sans font, the Russian translators
and the window icon. The commands (``ui.console.app``, ``ui.wall.app``, ``ui.demo``)
add their windows and run the event loop.

Keep this module's imports light: importing it must not import pandas or pyqtgraph (the
screens that need them import them). Each stage is safe to call again on an existing
QApplication, which is how the test suite reuses one application for every test.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from cur_desktop import __version__
from ui import fonts, i18n
from ui.paths import app_icon_path

log = logging.getLogger(__name__)

APP_NAME = "cur-desktop"
ORGANIZATION_NAME = "CUR"


def create_application(argv: Sequence[str]) -> QApplication:
    """Return the process's QApplication, created if needed, with every stage applied."""
    app = _init_qapplication(argv)
    _init_locale()
    _init_fonts(app)
    _init_translations(app)
    _init_window_icon(app)
    _init_focus_frame(app)
    log.info("application ready: Qt platform %s", QGuiApplication.platformName())
    return app


def _init_qapplication(argv: Sequence[str]) -> QApplication:
    """Stage 1: the QApplication and its identity (settings paths, window classes).

    Qt allows one application object per process; a second call (tests) reuses it.
    """
    existing = QCoreApplication.instance()
    if existing is None:
        app = QApplication(list(argv) or [APP_NAME])
    elif isinstance(existing, QApplication):
        app = existing
    else:
        raise TypeError(f"a {type(existing).__name__} exists; widgets need a QApplication")
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    return app


def _init_locale() -> QLocale:
    """Stage 2: ru_RU becomes the default locale (numbers, dates, plural forms)."""
    return i18n.set_default_locale()


def _init_fonts(app: QApplication) -> None:
    """Stage 3: register the bundled PT Sans files and make PT Sans the UI font.

    Without this, a machine with no system fonts renders every glyph as a box.
    """
    families = fonts.load_fonts()
    fonts.apply_application_font(app)
    log.debug("bundled font families: %s", families)


def _init_translations(app: QApplication) -> None:
    """Stage 4: install Qt's Russian catalogue (if PySide6 has it) and ours."""
    i18n.install_translators(app)


def _init_window_icon(app: QApplication) -> None:
    """Stage 5: the application icon every window inherits."""
    path = app_icon_path()
    icon = QIcon(str(path))
    if icon.isNull():
        log.warning("application icon not usable: %s", path)
        return
    app.setWindowIcon(icon)


def _init_focus_frame(app: QApplication) -> None:
    """Stage 6: a thick ring around the focused widget in every window (ui.focus_frame)."""
    from ui import focus_frame

    focus_frame.install(app)
