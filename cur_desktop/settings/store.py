"""The user's settings file: its schema version and the migrations between versions.

The settings are a flat map of ``group/key`` names to values, which is the model of
Qt's ``QSettings``; the GUI reads and writes the file through ``QSettings`` in INI
format (``ui.settings`` opens it), because the console keeps Qt's own window-state
blobs there. What the file may hold, which version of that it holds and how an older
one becomes the current one is decided here, without Qt, so it is tested without Qt.

Versions:

- 0: the store before this file existed — Qt's native settings of organisation
  ``CUR``, application ``cur-desktop`` (``~/.config/CUR/cur-desktop.conf`` on Linux,
  ``HKEY_CURRENT_USER\\Software\\CUR\\cur-desktop`` on Windows). It is read once, when
  ``settings.ini`` does not exist yet, and never written or deleted: a downgrade
  still finds it.
- 1: ``<config>/settings.ini`` with ``schema_version=1``. Groups: ``session``
  (recent servers, the last login per server), ``console/<login>`` (window layout),
  ``wall`` (files, server, screen assignment, raised alarms).

A file written by a newer version is used as it is and never rewritten.

Qt-free.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

log = logging.getLogger(__name__)

#: Top-level key of the file (``[General]`` in INI).
SCHEMA_KEY = "schema_version"
SCHEMA_VERSION = 1

#: Identity of the version-0 store (Qt's native settings of this organisation/app).
LEGACY_ORGANIZATION = "CUR"
LEGACY_APPLICATION = "cur-desktop"

#: First name segment of every key the product writes.
GROUPS = frozenset({"session", "console", "wall"})

#: Keys whose value is a list; INI stores a one-element list as a plain string.
_LIST_PREFIXES = ("session/recent_servers", "wall/raised_alarms/")

Values = dict[str, object]


class SettingsVersionError(ValueError):
    """A schema version that is not a whole number: the file was edited by hand."""


def schema_version(values: Mapping[str, object]) -> int:
    """The version of a settings map; 0 when it has none (the old store)."""
    raw = values.get(SCHEMA_KEY)
    if raw is None or raw == "":
        return 0
    try:
        version = int(str(raw))
    except ValueError as exc:
        raise SettingsVersionError(f"schema_version is not a number: {raw!r}") from exc
    if version < 0:
        raise SettingsVersionError(f"schema_version is negative: {version}")
    return version


def needs_migration(values: Mapping[str, object]) -> bool:
    """True when ``values`` are older than this build's schema."""
    return schema_version(values) < SCHEMA_VERSION


def migrate(values: Mapping[str, object]) -> Values:
    """``values`` brought to :data:`SCHEMA_VERSION` (a new map; the input is not changed).

    Each step logs what it did in counts and key names, never values (a login is
    personal data). A newer file comes back unchanged.
    """
    version = schema_version(values)
    current: Values = {k: v for k, v in values.items() if k != SCHEMA_KEY}
    if version > SCHEMA_VERSION:
        log.warning(
            "settings of schema %d are newer than this build's %d: used as they are",
            version,
            SCHEMA_VERSION,
        )
        return dict(values)
    while version < SCHEMA_VERSION:
        current = _STEPS[version](current)
        version += 1
        log.info("settings migrated to schema %d (%d keys)", version, len(current))
    current[SCHEMA_KEY] = SCHEMA_VERSION
    return current


def _from_legacy(values: Values) -> Values:
    """0 → 1: the product's own groups move over; anything else in the old store stays there."""
    kept: Values = {}
    dropped = 0
    for key, value in values.items():
        if key.split("/", 1)[0] in GROUPS:
            kept[key] = _as_list(value) if key.startswith(_LIST_PREFIXES) else value
        else:
            dropped += 1
    if dropped:
        log.info("settings: %d keys of the old store are not the product's and stay there", dropped)
    return kept


def _as_list(value: object) -> object:
    if isinstance(value, str):
        return [value] if value else []
    return value


#: version → the step that makes the next version from it.
_STEPS: dict[int, Callable[[Values], Values]] = {0: _from_legacy}
