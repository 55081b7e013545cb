"""The About box (version and preset) and the non-modal "newer version" notice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from cur_desktop import __version__
from cur_desktop.client_version import UpdateNotice, update_notice
from cur_desktop.preset import PRESET_ENV, Preset
from tests.support.central import central_thread
from ui.about import AboutDialog, install_about_shortcut, show_update_notice
from ui.console.menus import ConsoleMenus


def _about_boxes() -> list[AboutDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog) and w.isVisible()
    ]


def test_about_shows_version_and_preset(qtbot: QtBot, tmp_path: Path) -> None:
    preset = Preset(
        path=tmp_path / "preset.toml",
        centre="МЦУР г. Новомосковск",
        server="https://cur.tula.example/",
        ca_certificate=tmp_path / "region-ca.pem",
        region_pack="RU-TUL",
        municipalities=("70724000",),
        default_mode="wall",
    )
    dialog = AboutDialog(preset=preset)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = {key: label.text() for key, label in dialog.fields.items()}
    assert texts["centre"] == "МЦУР г. Новомосковск"
    assert texts["server"] == "https://cur.tula.example/"
    assert texts["region_pack"] == "RU-TUL"
    assert texts["municipalities"] == "70724000"
    assert texts["default_mode"] == "видеостена"
    assert dialog.windowTitle() == "О программе"
    labels = [w.text() for w in dialog.findChildren(type(dialog.fields["centre"]))]
    assert any(text.startswith(f"Версия {__version__} (из исходного кода), Qt ") for text in labels)
    assert dialog.grab().save(str(tmp_path / "about.png"))


def test_about_without_a_preset_says_where_it_looked(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(PRESET_ENV, str(tmp_path / "broken.toml"))
    (tmp_path / "broken.toml").write_text('default_mode = "kiosk"\n')
    window = QMainWindow()
    qtbot.addWidget(window)
    menus = ConsoleMenus(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-1] == "&Справка"
    menus.actions["about"].trigger()
    (dialog,) = _about_boxes()
    assert not dialog.isModal()
    assert "не может быть использован" in dialog.fields["error"].text()
    assert "default_mode must be console or wall" in dialog.fields["error"].text()
    dialog.close()
    qtbot.waitUntil(lambda: not _about_boxes())


def test_f1_opens_about_on_the_wall(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(PRESET_ENV, str(tmp_path / "preset.toml"))
    (tmp_path / "preset.toml").write_text('centre = "Ситуационный центр"\n')
    strip = QWidget()
    qtbot.addWidget(strip)
    install_about_shortcut(strip)
    strip.show()
    strip.activateWindow()
    qtbot.waitUntil(strip.isActiveWindow)
    qtbot.keyClick(strip, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(_about_boxes()))
    (dialog,) = _about_boxes()
    assert dialog.fields["centre"].text() == "Ситуационный центр"
    dialog.close()
    qtbot.waitUntil(lambda: not _about_boxes())


def test_newer_version_announced_by_the_real_service(qtbot: QtBot, tmp_path: Path) -> None:
    from cur_desktop.sync.client import CentralClient

    with central_thread(tmp_path, appeals=0) as central:
        client = CentralClient(central.url)
        try:
            account = central.accounts["operator"]
            client.login(account.login, account.password, "test")
            me = client.me()
        finally:
            client.close()
    assert update_notice(me) is None  # this client is the version the service announces
    notice = update_notice(me, current="0.0.1")
    assert notice is not None
    assert notice.latest == me["latest_client_version"]
    assert notice.required  # 0.0.1 is also below the service's min_client_version
    box = show_update_notice(None, notice)
    qtbot.addWidget(box)
    assert box.isVisible()
    assert box.windowModality() == Qt.WindowModality.NonModal
    assert box.text().startswith(f"Центральный сервис требует версию {notice.latest} или новее")
    assert "0.0.1" in box.text()
    box.close()
    newer = show_update_notice(None, UpdateNotice("0.1.0", "0.2.0", required=False))
    qtbot.addWidget(newer)
    assert newer.text().startswith(
        "Доступна версия 0.2.0; на этом рабочем месте установлена 0.1.0."
    )
    newer.close()
