"""Start-up stages of ui.app: identity, locale, bundled font, translators, icon."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication

from ui import fonts, i18n, paths
from ui.app import APP_NAME, create_application

ROOT = Path(__file__).resolve().parent.parent.parent


def _run_python(code: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **extra_env}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_application_identity(qapp: QApplication) -> None:
    assert create_application(["again"]) is qapp  # one application per process, reused
    assert qapp.applicationName() == APP_NAME
    assert qapp.organizationName() == "CUR"
    assert qapp.applicationVersion()


def test_default_locale_is_russian(qapp: QApplication) -> None:
    assert QLocale().name() == "ru_RU"
    assert QLocale().toString(1234567) == "1\u00a0234\u00a0567"


def test_application_font_is_bundled_pt_sans(qapp: QApplication) -> None:
    assert QFontInfo(qapp.font()).family() == fonts.UI_FAMILY
    assert qapp.font().pointSizeF() >= fonts.MIN_POINT_SIZE
    assert {fonts.UI_FAMILY, fonts.NARROW_FAMILY} <= set(QFontDatabase.families())
    metrics = QFontMetrics(qapp.font())
    assert all(metrics.inFontUcs4(ord(char)) for char in "ЦУРёЁжЖщЩ№«»—")


def test_every_bundled_font_file_is_registered_once(qapp: QApplication) -> None:
    first = fonts.load_fonts()
    again = fonts.load_fonts()
    assert first == again == [fonts.UI_FAMILY, fonts.NARROW_FAMILY]


def test_missing_font_file_is_an_error(qapp: QApplication, tmp_path: Path) -> None:
    with pytest.raises(fonts.FontLoadError, match="missing"):
        fonts.load_fonts(tmp_path)


def test_font_licence_ships_beside_the_fonts() -> None:
    licence = (paths.fonts_dir() / "LICENSE-PTSans.txt").read_text(encoding="utf-8")
    assert "ParaType" in licence
    assert "GRANT OF LICENSE" in licence
    assert sorted(p.name for p in paths.fonts_dir().glob("*.ttf")) == sorted(fonts.FONT_FILES)


def test_text_renders_with_no_system_fonts_at_all(tmp_path: Path) -> None:
    """A machine without fonts: before start-up Qt has no family; after, PT Sans."""
    empty = tmp_path / "fonts.conf"
    empty.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    run = _run_python(
        """
        from PySide6.QtGui import QFontInfo, QFontMetrics
        from PySide6.QtWidgets import QApplication
        app = QApplication(["no-fonts"])
        text = "Демонстрационный режим"
        def covered():
            metrics = QFontMetrics(app.font())
            return all(metrics.inFontUcs4(ord(c)) for c in text if c != " ")
        print("before", covered())
        from ui.app import create_application
        create_application(["no-fonts"])
        print("after", QFontInfo(app.font()).family(), covered())
        """,
        FONTCONFIG_FILE=str(empty),
        QT_QPA_FONTDIR=str(tmp_path),
    )
    assert run.returncode == 0, run.stderr
    assert "before False" in run.stdout  # without start-up: boxes instead of letters
    assert "after PT Sans True" in run.stdout


def test_translators_make_ours_and_qts_strings_russian(qapp: QApplication) -> None:
    assert (
        QCoreApplication.translate("ConsoleWindow", "Regional Management Centre — operator console")
        == "Центр управления регионом — пульт оператора"
    )
    # Qt's own catalogue (qtbase_ru from PySide6) translates stock buttons.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"


def test_missing_catalogue_is_an_error(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.RESOURCES_ENV, str(tmp_path))
    try:
        with pytest.raises(i18n.TranslationError, match=r"cur_desktop_ru\.qm"):
            i18n.install_translators(qapp)
    finally:
        monkeypatch.undo()
        i18n.install_translators(qapp)
    assert (
        QCoreApplication.translate("ConsoleWindow", "Regional Management Centre — operator console")
        != "Regional Management Centre — operator console"
    )


def test_window_icon_is_set(qapp: QApplication) -> None:
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().pixmap(64, 64).width() == 64


def test_importing_the_shell_stays_light() -> None:
    run = _run_python(
        """
        import sys
        import ui.app, ui.main, ui.wall.app
        heavy = sorted({"pandas", "pyqtgraph", "numpy", "httpx", "sqlalchemy"} & set(sys.modules))
        print("heavy:", heavy)
        """
    )
    assert run.returncode == 0, run.stderr
    assert "heavy: []" in run.stdout
