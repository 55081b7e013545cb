"""The user's settings file: made from the old store once, old data kept, then reused.

The old store is a real Qt native settings file in the old place (``CUR/cur-desktop.conf``
under the user's config folder, redirected here with ``QSettings.setPath``), written by
the same calls the wall's memory and the server list made before the move.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from cur_desktop.settings import SCHEMA_VERSION, folders_under
from cur_desktop.settings.store import LEGACY_APPLICATION, LEGACY_ORGANIZATION
from ui.console.session import servers
from ui.settings import legacy_store, user_settings
from ui.wall.user_settings import WallUserSettings

GEOMETRY = QByteArray(b"\x01\xd9\xd0\xcb\x00\x03")


@pytest.fixture
def old_place(tmp_path: Path) -> Iterator[Path]:
    """Qt's native user settings redirected to ``tmp_path/old`` for this test."""
    native, scope = QSettings.Format.NativeFormat, QSettings.Scope.UserScope
    before = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    QSettings.setPath(native, scope, str(tmp_path / "old"))
    yield tmp_path / "old"
    QSettings.setPath(native, scope, before)


def _write_old(settings: QSettings) -> None:
    servers.remember(settings, "https://cur.example", "operator")
    memory = WallUserSettings(settings)
    memory.remember_files(Path("/srv/wall/layout.json"), Path("/srv/wall/cache.sqlite"))
    memory.remember_raised_alarms(Path("/srv/wall/cache.sqlite"), frozenset({"overdue"}))
    settings.setValue("console/operator/geometry", GEOMETRY)
    settings.sync()


def test_the_old_store_is_migrated_and_kept(
    tmp_path: Path, old_place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CUR_DESKTOP_HOME", raising=False)
    old = QSettings(
        QSettings.Format.NativeFormat,
        QSettings.Scope.UserScope,
        LEGACY_ORGANIZATION,
        LEGACY_APPLICATION,
    )
    _write_old(old)
    old_file = old_place / "CUR" / "cur-desktop.conf"
    assert Path(old.fileName()) == old_file
    old_text = old_file.read_text()

    where = folders_under(tmp_path / "home")
    store = legacy_store()
    assert store is not None
    settings = user_settings(where, legacy=store)
    assert Path(settings.fileName()) == where.settings_file
    assert settings.value("schema_version") in (SCHEMA_VERSION, str(SCHEMA_VERSION))
    assert servers.last_server(settings) == "https://cur.example"
    assert servers.last_login(settings, "https://cur.example") == "operator"
    memory = WallUserSettings(settings)
    assert memory.last_layout() == Path("/srv/wall/layout.json")
    assert memory.raised_alarms(Path("/srv/wall/cache.sqlite")) == frozenset({"overdue"})
    assert settings.value("console/operator/geometry") == GEOMETRY
    assert old_file.read_text() == old_text  # the old store is kept as it was

    servers.remember(settings, "https://other.example", "second")  # the new file is used…
    again = user_settings(where, legacy=store)  # …and not rebuilt from the old one
    assert servers.recent_servers(again) == ["https://other.example", "https://cur.example"]


def test_a_new_home_starts_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUR_DESKTOP_HOME", str(tmp_path))
    assert legacy_store() is None
    settings = user_settings(folders_under(tmp_path))
    assert settings.allKeys() == ["schema_version"]


def test_a_newer_file_is_not_rewritten(tmp_path: Path) -> None:
    where = folders_under(tmp_path)
    newer = QSettings(str(where.settings_file), QSettings.Format.IniFormat)
    newer.setValue("schema_version", SCHEMA_VERSION + 1)
    newer.setValue("future/key", "kept")
    newer.sync()
    text = where.settings_file.read_text()
    settings = user_settings(where, legacy=None)
    assert settings.value("future/key") == "kept"
    assert where.settings_file.read_text() == text
