"""The servers a workstation knows: recent URLs, the last login on each, a cache per server.

Remembered in the user's settings file (:func:`ui.settings.user_settings`; no secret
here: tokens live in the keyring, :mod:`cur_desktop.credentials`). Each service gets its
own cache file under the user's data folder, so switching servers never mixes appeals
and coming back to a server finds its cache — and can open it offline.

GUI thread (QSettings).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from PySide6.QtCore import QSettings

from cur_desktop.credentials import normalise_server

RECENT_KEY = "session/recent_servers"
LAST_LOGIN_KEY = "session/last_login/"
MAX_RECENT = 8
CACHE_FILE = "cache.sqlite"


def data_root() -> Path:
    from cur_desktop.settings import folders

    return folders().servers_dir


def cache_path_for(server: str, root: Path | None = None) -> Path:
    """The cache file of one service: ``<data>/servers/<host_port>-<hash>/cache.sqlite``."""
    url = normalise_server(server)
    host = url.partition("://")[2].split("/", 1)[0]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", host)[:60] or "server"
    digest = hashlib.sha256(url.encode()).hexdigest()[:8]
    return (root or data_root()) / f"{slug}-{digest}" / CACHE_FILE


def has_cache(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _key(server: str) -> str:
    return LAST_LOGIN_KEY + hashlib.sha256(normalise_server(server).encode()).hexdigest()[:16]


def recent_servers(settings: QSettings) -> list[str]:
    value: object = settings.value(RECENT_KEY, [])
    if isinstance(value, str):
        return [value] if value else []
    if not isinstance(value, list):
        return []
    return [str(v) for v in value if str(v)]


def last_server(settings: QSettings) -> str | None:
    recent = recent_servers(settings)
    return recent[0] if recent else None


def last_login(settings: QSettings, server: str) -> str:
    return str(settings.value(_key(server), "") or "")


def remember(settings: QSettings, server: str, login: str) -> None:
    """``server`` becomes the most recent one, with ``login`` its last user."""
    url = normalise_server(server)
    recent = [url, *(s for s in recent_servers(settings) if normalise_server(s) != url)]
    settings.setValue(RECENT_KEY, recent[:MAX_RECENT])
    settings.setValue(_key(url), login)
    settings.sync()
