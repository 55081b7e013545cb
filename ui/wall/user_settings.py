"""What the wall remembers per user between runs: its files, its service and its screens.

A wall PC restarts (power cuts, updates) and the wall is started again by the
session's autostart entry, usually without arguments: it then reuses the layout file
it ran with last, and each entry prefers the monitor it was on last time when its
own selectors leave a choice (:mod:`ui.wall.placement`, pass 4). Kept in the
user's settings file (group ``wall``, :func:`ui.settings.user_settings`); tests pass
their own settings file.

GUI thread (QSettings).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

_GROUP = "wall"
_LAYOUT = "layout"
_CACHE = "cache"
_SERVER = "server"
_TOKEN_FILE = "token_file"  # noqa: S105 - a settings key, not a secret
_ASSIGNMENT = "assignment"
_RAISED_ALARMS = "raised_alarms"


class WallUserSettings:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _get(self, key: str) -> str | None:
        value = self.settings.value(f"{_GROUP}/{key}")
        return str(value) if value else None

    def last_layout(self) -> Path | None:
        value = self._get(_LAYOUT)
        return Path(value) if value else None

    def last_cache(self) -> Path | None:
        value = self._get(_CACHE)
        return Path(value) if value else None

    def last_server(self) -> str | None:
        return self._get(_SERVER)

    def last_token_file(self) -> Path | None:
        value = self._get(_TOKEN_FILE)
        return Path(value) if value else None

    def remember_files(
        self,
        layout: Path | None,
        cache: Path,
        *,
        server: str | None = None,
        token_file: Path | None = None,
    ) -> None:
        """What ``cur-desktop wall`` without arguments starts with next time (autostart)."""
        if layout is not None:
            self.settings.setValue(f"{_GROUP}/{_LAYOUT}", str(layout.resolve()))
        self.settings.setValue(f"{_GROUP}/{_CACHE}", str(cache.resolve()))
        if server:
            self.settings.setValue(f"{_GROUP}/{_SERVER}", server)
        if token_file is not None:
            self.settings.setValue(f"{_GROUP}/{_TOKEN_FILE}", str(token_file.resolve()))
        self.settings.sync()

    def assignment(self, layout_key: str) -> dict[str, str]:
        """entry id -> screen name, as last placed for this layout."""
        self.settings.beginGroup(f"{_GROUP}/{_ASSIGNMENT}/{layout_key}")
        try:
            return {key: str(self.settings.value(key)) for key in self.settings.childKeys()}
        finally:
            self.settings.endGroup()

    def remember_assignment(self, layout_key: str, screens: dict[str, str]) -> None:
        group = f"{_GROUP}/{_ASSIGNMENT}/{layout_key}"
        self.settings.remove(group)
        self.settings.beginGroup(group)
        try:
            for entry_id, screen in screens.items():
                self.settings.setValue(entry_id, screen)
        finally:
            self.settings.endGroup()
        self.settings.sync()

    def raised_alarms(self, cache: Path) -> frozenset[str]:
        """The alarm keys the wall on ``cache`` raised before it stopped (per cache: two
        walls of one account, on two regions' caches, keep their own)."""
        value = self.settings.value(f"{_GROUP}/{_RAISED_ALARMS}/{layout_key(cache)}", [])
        if isinstance(value, str):  # QSettings gives a one-element list back as a string
            value = [value] if value else []
        return frozenset(str(v) for v in value) if isinstance(value, list) else frozenset()

    def remember_raised_alarms(self, cache: Path, keys: frozenset[str]) -> None:
        self.settings.setValue(f"{_GROUP}/{_RAISED_ALARMS}/{layout_key(cache)}", sorted(keys))
        self.settings.sync()


def layout_key(path: Path | None) -> str:
    """A settings-safe key per layout file (entries of two files never mix)."""
    if path is None:
        return "builtin"
    text = str(path.resolve())
    return "".join(ch if ch.isalnum() else "_" for ch in text)[-120:]
