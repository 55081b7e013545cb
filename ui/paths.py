"""Where the application's resource files (fonts, translations, icons) are.

The folder itself is found by :func:`cur_desktop.paths.resources_dir` (checkout,
frozen bundle, or ``$CUR_DESKTOP_RESOURCES``); these are the GUI's sub-folders.
"""

from __future__ import annotations

from pathlib import Path

from cur_desktop.paths import RESOURCES_ENV, resources_dir

__all__ = ["RESOURCES_ENV", "app_icon_path", "fonts_dir", "icons_dir", "resources_dir"]


def fonts_dir() -> Path:
    """Bundled font files (PT Sans) and their licence."""
    return resources_dir() / "fonts"


def translations_dir() -> Path:
    """Our ``.ts`` sources and compiled ``.qm`` catalogues."""
    return resources_dir() / "translations"


def icons_dir() -> Path:
    """Application and action icons (SVG)."""
    return resources_dir() / "icons"


def app_icon_path() -> Path:
    """The application icon shown in title bars and the task bar."""
    return icons_dir() / "cur-desktop.svg"
