"""Bundled fonts: PT Sans becomes the application font at start-up.

PySide6 ships no fonts, and a wall PC or a minimal container may have none either: Qt
then draws every glyph as a box. So the application registers the PT Sans files from
``resources/fonts/`` (ParaType Free Font License, see LICENSE-PTSans.txt there) and uses
that family everywhere. PT Sans covers Cyrillic and Latin; PT Sans Narrow serves dense
tables and headers.

Must run after the QApplication exists (QFontDatabase needs it), on the GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ui.paths import fonts_dir

log = logging.getLogger(__name__)

UI_FAMILY = "PT Sans"
NARROW_FAMILY = "PT Sans Narrow"
FONT_FILES = ("PTS55F.ttf", "PTS75F.ttf", "PTN57F.ttf", "PTN77F.ttf")
MIN_POINT_SIZE = 10.0  # PT Sans is small on the eye; below 10 pt tables get hard to read

# Registering a file twice gives a second font id for the same faces; remember them.
_registered: dict[Path, list[str]] = {}


class FontLoadError(RuntimeError):
    """A bundled font file is missing or Qt refused it: the UI would show boxes."""


def load_fonts(directory: Path | None = None) -> list[str]:
    """Register the bundled font files; return the families they provide, sorted."""
    directory = fonts_dir() if directory is None else directory
    families: set[str] = set()
    for name in FONT_FILES:
        path = (directory / name).resolve()
        if path not in _registered:
            if not path.is_file():
                raise FontLoadError(f"bundled font is missing: {path}")
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                raise FontLoadError(f"Qt could not load the font file {path}")
            _registered[path] = QFontDatabase.applicationFontFamilies(font_id)
            log.debug("registered font %s: %s", path.name, _registered[path])
        families.update(_registered[path])
    return sorted(families)


def apply_application_font(app: QApplication) -> QFont:
    """Make PT Sans the default font of every widget; keep the platform's size."""
    font = QFont(UI_FAMILY)
    font.setPointSizeF(max(app.font().pointSizeF(), MIN_POINT_SIZE))
    app.setFont(font)
    return font


def narrow_font(base: QFont) -> QFont:
    """PT Sans Narrow at the size and weight of ``base``: for dense headers."""
    font = QFont(base)
    font.setFamilies([NARROW_FAMILY])
    return font
