"""Menu icons for the .deb and the Windows installer, drawn from the SVGs with Qt."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QImage

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))

from curpack import icons, manifest


def _opaque_share(image: QImage) -> float:
    pixels = [
        image.pixelColor(x, y).alpha() for x in range(image.width()) for y in range(image.height())
    ]
    return sum(1 for a in pixels if a > 200) / len(pixels)


def test_png_icons_for_every_launcher(tmp_path: Path) -> None:
    rendered = icons.render_icons(tmp_path, (48, 128))
    assert set(rendered) == {launcher.icon for launcher in manifest.LAUNCHERS}
    for files in rendered.values():
        assert files["scalable"].suffix == ".svg"
        for size in (48, 128):
            image = QImage(str(files[str(size)]))
            assert (image.width(), image.height()) == (size, size)
            assert 0.6 < _opaque_share(image) < 1.0  # a rounded tile: drawn, corners clear


def test_ico_for_windows(tmp_path: Path) -> None:
    for path in icons.render_ico(tmp_path).values():
        assert path.suffix == ".ico"
        image = QImage(str(path))
        assert image.width() == 256
