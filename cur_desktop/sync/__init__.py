"""The desktop sync engine: the only writer of the local cache (Qt-free).

:class:`SyncEngine` brings the cache to the central service's state and keeps it
there; :class:`CentralClient` is its HTTP side. See docs/sync.md for the
guarantees (no loss, no double, exactly-once outbox) and docs/sync-protocol.md for
the wire contract.

Names are imported on first use: ``cur-desktop``'s argument parser imports
:mod:`cur_desktop.sync.cli` at start-up, and SQLAlchemy and httpx would add most
of a second before any window (PERFORMANCE.md, cold start).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cur_desktop.sync.client import CentralClient
    from cur_desktop.sync.engine import SyncEngine
    from cur_desktop.sync.errors import (
        CentralError,
        NotFound,
        Offline,
        OutOfScope,
        Refused,
        ServerError,
        SnapshotExpired,
        StaleVersion,
        Unauthorized,
    )
    from cur_desktop.sync.status import Link, Phase, Progress, SyncReport, SyncStatus

_HOME = {
    "CentralClient": "client",
    "SyncEngine": "engine",
    "CentralError": "errors",
    "NotFound": "errors",
    "Offline": "errors",
    "OutOfScope": "errors",
    "Refused": "errors",
    "ServerError": "errors",
    "SnapshotExpired": "errors",
    "StaleVersion": "errors",
    "Unauthorized": "errors",
    "Link": "status",
    "Phase": "status",
    "Progress": "status",
    "SyncReport": "status",
    "SyncStatus": "status",
}

__all__ = [
    "CentralClient",
    "CentralError",
    "Link",
    "NotFound",
    "Offline",
    "OutOfScope",
    "Phase",
    "Progress",
    "Refused",
    "ServerError",
    "SnapshotExpired",
    "StaleVersion",
    "SyncEngine",
    "SyncReport",
    "SyncStatus",
    "Unauthorized",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(importlib.import_module(f"cur_desktop.sync.{home}"), name)
