"""Russian user interface: the default locale and the installed translators.

Source strings in ``ui/`` and ``widgets/`` are English (``self.tr("...")``); the Russian
text comes from ``resources/translations/cur_desktop_ru.qm``, built from the ``.ts`` file
by ``scripts/translations.sh``. Qt's own dialogs and context menus (buttons «OK»,
«Отмена», «Копировать», …) are translated by Qt's ``qtbase_ru.qm`` shipped with PySide6.

The default QLocale is set to ru_RU so numbers, dates and ``%Ln`` plurals are formatted
the Russian way whatever the machine's locale is.

GUI thread only. A QTranslator must outlive its installation, so this module keeps the
installed ones alive and replaces them when called again.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.paths import translations_dir

log = logging.getLogger(__name__)

APP_CATALOGUE = "cur_desktop"
QT_CATALOGUES = ("qtbase",)

_installed: list[QTranslator] = []


class TranslationError(RuntimeError):
    """Our own catalogue could not be loaded: the UI would come up in English."""


def russian_locale() -> QLocale:
    """The locale the whole user interface is written for."""
    return QLocale(QLocale.Language.Russian, QLocale.Country.Russia)


def set_default_locale(locale: QLocale | None = None) -> QLocale:
    """Make ``locale`` (ru_RU by default) the default for every QLocale() made later."""
    locale = russian_locale() if locale is None else locale
    QLocale.setDefault(locale)
    return locale


def qt_translations_dir() -> Path:
    """Where this Qt build keeps its own ``.qm`` catalogues (inside PySide6)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def app_catalogue_path(locale: QLocale | None = None) -> Path:
    """Our compiled catalogue for ``locale``, e.g. ``cur_desktop_ru.qm``."""
    locale = russian_locale() if locale is None else locale
    language = locale.name().split("_", 1)[0]
    return translations_dir() / f"{APP_CATALOGUE}_{language}.qm"


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install Qt's catalogues (when present) and ours; return the installed translators.

    A missing Qt catalogue only costs English labels in Qt's stock dialogs, so it is
    logged. A missing or broken catalogue of ours raises TranslationError: shipping an
    English UI to Russian operators is a packaging bug, not something to start with.
    """
    locale = russian_locale() if locale is None else locale
    remove_translators(app)
    translators: list[QTranslator] = []
    qt_dir = qt_translations_dir()
    for catalogue in QT_CATALOGUES:
        translator = QTranslator(app)
        if translator.load(locale, catalogue, "_", str(qt_dir)):
            translators.append(translator)
        else:
            log.info("no Qt catalogue %s for %s in %s", catalogue, locale.name(), qt_dir)
    ours = QTranslator(app)
    path = app_catalogue_path(locale)
    if not ours.load(str(path)):
        raise TranslationError(f"cannot load the translation catalogue {path}")
    translators.append(ours)
    for translator in translators:
        app.installTranslator(translator)
    _installed.extend(translators)
    return translators


def remove_translators(app: QCoreApplication) -> None:
    """Uninstall what :func:`install_translators` installed (the UI reverts to English)."""
    while _installed:
        app.removeTranslator(_installed.pop())
