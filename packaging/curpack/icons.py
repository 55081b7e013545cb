"""Menu icons rendered from the SVG sources in ``resources/icons`` at build time.

Desktop environments want PNGs in fixed sizes beside the scalable SVG (some older
ones, Astra's Fly among them, show only PNGs), and Windows wants an ``.ico`` for the
executable and the Start-menu entries. Both are drawn here with Qt's SVG renderer,
offscreen, from the same SVG files the app uses for its windows, so no image tools
are needed on the build machine. Qt is imported when a function runs.
"""

from __future__ import annotations

import os
from pathlib import Path

from curpack.manifest import LAUNCHERS, ROOT


def icon_sources(root: Path = ROOT) -> dict[str, Path]:
    """Icon name → SVG file, for every launcher."""
    return {
        launcher.icon: root / "resources/icons" / f"{launcher.icon}.svg" for launcher in LAUNCHERS
    }


def _application() -> object:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["curpack-icons"])


def render_png(svg: Path, size: int, out: Path) -> Path:
    """Draw ``svg`` into a ``size``×``size`` PNG (transparent background)."""
    _application()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a usable SVG file: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):  # the format follows the suffix: .png, .ico
        raise OSError(f"Qt could not write {out}")
    return out


def render_icons(
    out_dir: Path, sizes: tuple[int, ...], root: Path = ROOT
) -> dict[str, dict[str, Path]]:
    """Every launcher's icon: ``{"scalable": svg, "48": png, …}`` by icon name."""
    icons: dict[str, dict[str, Path]] = {}
    for name, svg in icon_sources(root).items():
        files: dict[str, Path] = {"scalable": svg}
        for size in sizes:
            files[str(size)] = render_png(svg, size, out_dir / f"{size}" / f"{name}.png")
        icons[name] = files
    return icons


def render_ico(out_dir: Path, root: Path = ROOT) -> dict[str, Path]:
    """A 256-pixel ``.ico`` per launcher icon (Windows executable and Start menu)."""
    return {
        name: render_png(svg, 256, out_dir / f"{name}.ico")
        for name, svg in icon_sources(root).items()
    }
