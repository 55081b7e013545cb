"""The sync engine in its own thread, following the central service for the wall.

With ``--server`` the wall keeps its own cache current: :class:`WallSyncThread`
runs :meth:`SyncEngine.follow` (snapshot, change feed, live stream) with the wall
account's token, read from ``--token-file`` (written by ``cur-desktop sync --login
… --token-file …``, docs/wall.md). The service gives the wall role no personal data
at all, so none can reach this cache.

The engine's callbacks run in this thread; they are forwarded to the GUI thread by
queued signals (``status_changed``, ``changes``). The wall never asks for a
password: a missing or refused token is reported through ``failed`` and shown in
the status strip while the wall goes on with the data it has.

Threading rule (from the engine): every engine call runs in this thread except
:meth:`SyncEngine.cancel`, which :meth:`stop` calls from the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QThread, Signal

if TYPE_CHECKING:
    from cur_desktop.sync.engine import SyncEngine
    from cur_desktop.sync.status import SyncStatus

log = logging.getLogger(__name__)


def read_token(path: Path | None) -> str | None:
    if path is None or not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        log.warning("wall: the token file %s cannot be read", path)
        return None


class WallSyncThread(QThread):
    status_changed = Signal(object)  # SyncStatus
    changes = Signal(list, list)  # ids of the appeals changed, removed in one commit
    failed = Signal(str)  # translated, for the status strip
    notice = Signal(str)  # translated: the service announces a newer client version

    def __init__(self, server: str, cache_path: Path, token_file: Path | None) -> None:
        super().__init__()
        self.setObjectName("wall-sync")
        self.server = server
        self.cache_path = cache_path
        self.token_file = token_file
        self._engine: SyncEngine | None = None
        self._stopping = False
        self._told_update = False

    def stop(self) -> None:
        """Ask the engine to stop at a page boundary and wait for the thread (GUI thread)."""
        self._stopping = True
        engine = self._engine
        if engine is not None:
            engine.cancel()
        self.wait()

    def run(self) -> None:
        from cur_desktop.cache import Cache, CacheError
        from cur_desktop.sync.client import CentralClient
        from cur_desktop.sync.engine import SyncEngine
        from cur_desktop.sync.errors import CentralError, Unauthorized
        from ui.wall.data_worker import WALL_PAGE_CACHE_MIB

        token = read_token(self.token_file)
        if token is None:
            log.error(
                "wall: no token in %s; the wall shows its cache without syncing", self.token_file
            )
            self.failed.emit(_t("No wall account token: sync is off (see docs/wall.md)"))
            return
        try:
            cache = Cache.open(self.cache_path, page_cache_mib=WALL_PAGE_CACHE_MIB)
        except CacheError as exc:
            log.error("wall: cannot open the cache for sync: %s", exc)  # noqa: TRY400
            self.failed.emit(_t("Sync cannot open the cache (%1)").replace("%1", exc.code))
            return
        client = CentralClient(self.server, token=token)
        try:
            engine = SyncEngine(
                cache,
                client,
                on_status=self._status,
                on_changes=self._changed,
            )
            self._engine = engine
            if self._stopping:
                return
            report = engine.follow()
            log.info("wall sync stopped: cursor %d", report.cursor)
        except Unauthorized:
            log.error("wall: the service refused the wall's token")  # noqa: TRY400
            self.failed.emit(_t("The service refused the wall's token: sync is off"))
        except CentralError as exc:
            log.error("wall: sync failed: %s", exc)  # noqa: TRY400
            self.failed.emit(_t("Sync failed (%1)").replace("%1", exc.code))
        except Exception:
            log.exception("wall: the sync thread failed")
            self.failed.emit(_t("Sync failed (%1)").replace("%1", "internal"))
        finally:
            self._engine = None
            client.close()
            cache.close()

    def _status(self, status: SyncStatus) -> None:
        self.status_changed.emit(status)
        engine = self._engine
        if self._told_update or engine is None or not engine.announced:
            return
        from cur_desktop.client_version import update_notice
        from ui.about import update_notice_text

        notice = update_notice(engine.announced)
        if notice is not None:  # once per run: the wall shows it in its strip, never a dialog
            self._told_update = True
            log.warning("wall: the service announces client version %s", notice.latest)
            self.notice.emit(update_notice_text(notice))

    def _changed(self, ids: Sequence[int], removed: Sequence[int]) -> None:
        self.changes.emit(list(ids), list(removed))


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
