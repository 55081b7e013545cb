"""The wall's own sync: the console's :class:`~ui.sync_worker.SyncWorker`, with
the wall account's token and the wall's way of speaking.

With ``--server`` the wall keeps its own cache current: :class:`WallSync`
opens a connection to the cache and a client with the wall account's token, read
from ``--token-file`` (written by ``cur-desktop sync --login … --token-file …``,
docs/wall.md), and runs the one sync worker of the Qt layer on them (snapshot,
change feed, live stream). The service gives the wall role no personal data at
all, so none can reach this cache.

The wall never asks for a password and never shows a dialog: a missing or refused
token, a refusal the engine does not retry and a newer client rolled out are
reported through ``failed`` and ``notice`` (translated) and shown in the status
strip while the wall goes on with the data it has. ``changes`` carries the ids of
every commit: the data service reads just those rows, and polls nothing.

GUI thread; the engine runs in the worker's thread (its threading rule is there).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

if TYPE_CHECKING:
    from cur_desktop.cache import Cache
    from cur_desktop.client_version import UpdateNotice
    from cur_desktop.sync.client import CentralClient
    from cur_desktop.sync.status import SyncStatus
    from ui.sync_worker import SyncWorker

log = logging.getLogger(__name__)


def read_token(path: Path | None) -> str | None:
    if path is None or not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        log.warning("wall: the token file %s cannot be read", path)
        return None


class WallSync(QObject):
    """Starts, relays and stops the wall's :class:`SyncWorker` (the name is historical)."""

    status_changed = Signal(object)  # SyncStatus
    changes = Signal(list, list)  # ids of the appeals changed, removed in one commit
    failed = Signal(str)  # translated, for the status strip
    notice = Signal(str)  # translated: the service announces a newer client version

    def __init__(self, server: str, cache_path: Path, token_file: Path | None) -> None:
        super().__init__()
        self.server = server
        self.cache_path = cache_path
        self.token_file = token_file
        self.worker: SyncWorker | None = None
        self._cache: Cache | None = None
        self._client: CentralClient | None = None

    def start(self) -> None:
        """Open the cache and the client, then follow the service (GUI thread)."""
        from cur_desktop.cache import Cache, CacheError
        from cur_desktop.sync.client import CentralClient
        from ui.sync_worker import SyncWorker
        from ui.wall.data_worker import WALL_PAGE_CACHE_MIB

        if self.worker is not None:
            return
        token = read_token(self.token_file)
        if token is None:
            log.error(
                "wall: no token in %s; the wall shows its cache without syncing", self.token_file
            )
            self.failed.emit(_t("No wall account token: sync is off (see docs/wall.md)"))
            return
        try:
            self._cache = Cache.open(self.cache_path, page_cache_mib=WALL_PAGE_CACHE_MIB)
        except CacheError as exc:
            log.error("wall: cannot open the cache for sync: %s", exc)  # noqa: TRY400
            self.failed.emit(_t("Sync cannot open the cache (%1)").replace("%1", exc.code))
            return
        self._client = CentralClient(self.server, token=token)
        worker = SyncWorker(self._cache, self._client, retry_refused=False, name="wall-sync")
        worker.status_changed.connect(self.status_changed)
        worker.changes_arrived.connect(self.changes)
        worker.update_announced.connect(self._update_announced)
        worker.stopped.connect(self._stopped)
        self.worker = worker
        worker.start()

    def stop(self) -> None:
        """Stop the engine at a page boundary, join the thread, close what it used."""
        if self.worker is not None:
            self.worker.stop()
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cache is not None:
            self._cache.close()
            self._cache = None

    def _stopped(self, reason: str) -> None:
        if reason == "unauthorized":
            log.error("wall: the service refused the wall's token")
            self.failed.emit(_t("The service refused the wall's token: sync is off"))
        elif reason:
            self.failed.emit(_t("Sync failed (%1)").replace("%1", reason))

    def _update_announced(self, notice: UpdateNotice) -> None:
        from ui.about import update_notice_text

        self.notice.emit(update_notice_text(notice))  # in the strip, never a dialog


def link_is_down(status: SyncStatus) -> bool:
    from cur_desktop.sync.status import Link

    return status.link in (Link.OFFLINE, Link.UNAUTHORIZED)


def _t(text: str) -> str:
    return QCoreApplication.translate("WallSync", text)


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("WallSync", "No wall account token: sync is off (see docs/wall.md)")
    QCoreApplication.translate("WallSync", "Sync cannot open the cache (%1)")
    QCoreApplication.translate("WallSync", "The service refused the wall's token: sync is off")
    QCoreApplication.translate("WallSync", "Sync failed (%1)")
