"""The user's settings file opened for the GUI, migrated on first use.

Where the file lives, its schema version and its migrations belong to the core
(:mod:`cur_desktop.settings`); this module does the Qt part: it opens
``<config>/settings.ini`` as a ``QSettings`` in INI format (the console keeps Qt's
window-state blobs in it) and, when the file is older than this build's schema —
above all when it does not exist yet — reads the old store (Qt's native settings of
``CUR``/``cur-desktop``, schema 0) once, migrates the values and writes them. The old
store is left as it was. An in-file migration (schema 1 → 2 one day) first copies the
file to ``settings.v1.ini``.

With ``$CUR_DESKTOP_HOME`` set (tests, a support session) the old store is not read:
such a home starts clean, as qutebrowser's ``--temp-basedir`` does.

GUI thread (QSettings).
"""

from __future__ import annotations

import logging
import os
import shutil

from PySide6.QtCore import QSettings

from cur_desktop.settings import HOME_ENV, Folders, folders
from cur_desktop.settings.store import (
    LEGACY_APPLICATION,
    LEGACY_ORGANIZATION,
    SettingsVersionError,
    migrate,
    needs_migration,
    schema_version,
)

log = logging.getLogger(__name__)


def user_settings(where: Folders | None = None, legacy: QSettings | None = None) -> QSettings:
    """This user's settings, migrated to the current schema.

    ``legacy`` is the schema-0 store to read when the file is new (default: Qt's native
    settings of the old organisation and application name).
    """
    where = where or folders()
    path = where.settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    store = QSettings(str(path), QSettings.Format.IniFormat)
    values = read_all(store)
    try:
        outdated = needs_migration(values)
    except SettingsVersionError:
        log.warning("settings %s: the schema version is not usable; the file is kept", path)
        return store
    if not outdated:
        return store
    if not values:
        old = legacy if legacy is not None else legacy_store()
        values = read_all(old) if old is not None else {}
        if values:
            log.info("settings: %d keys found in the old store %s", len(values), _where(old))
    else:
        backup = path.with_name(f"{path.stem}.v{schema_version(values)}{path.suffix}")
        shutil.copyfile(path, backup)
        log.info("settings: the schema %d file is kept as %s", schema_version(values), backup)
    write_all(store, migrate(values))
    return store


def legacy_store() -> QSettings | None:
    """The schema-0 store (never for a ``$CUR_DESKTOP_HOME`` run)."""
    if os.environ.get(HOME_ENV):
        return None
    return QSettings(
        QSettings.Format.NativeFormat,
        QSettings.Scope.UserScope,
        LEGACY_ORGANIZATION,
        LEGACY_APPLICATION,
    )


def read_all(settings: QSettings) -> dict[str, object]:
    return {key: settings.value(key) for key in settings.allKeys()}


def write_all(settings: QSettings, values: dict[str, object]) -> None:
    settings.clear()
    for key, value in values.items():
        settings.setValue(key, value)
    settings.sync()


def _where(settings: QSettings | None) -> str:
    return settings.fileName() if settings is not None else "-"
