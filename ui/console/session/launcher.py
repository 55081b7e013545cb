"""What runs for one signed-in console: cache, sync worker, window, notices — and switching.

:class:`ConsoleLauncher` signs in (the stored token, else the sign-in dialog), opens
the server's own cache, starts a :class:`~ui.sync_worker.SyncWorker` and the
:class:`~ui.console.window.ConsoleWindow`, and wires them as the console contract
says: actions wake the worker, conflicts go to the window's dialog and the
operator's choice back to the worker, the worker's status feeds the status bar, new
high-importance appeals become notices. File → «Войти на другой сервер…» opens
another server's console (the new window first, then the old one closes); a
refused token asks for the password again.

GUI thread only. :meth:`ConsoleLauncher.close` stops the worker (joined) before the
cache is closed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QDialog

from cur_desktop.cache import Cache, CacheError
from cur_desktop.credentials import TokenStore, normalise_server
from cur_desktop.sync.status import Link
from ui.console.session import servers
from ui.console.session.connect import Session, SignInError, resume
from ui.console.session.login_dialog import LoginDialog

if TYPE_CHECKING:
    from cur_desktop.sync.status import Backoff, SyncStatus
    from ui.console.session.notifier import HighImportanceNotifier
    from ui.console.session.progress import SyncProgress
    from ui.console.window import ConsoleWindow
    from ui.sync_worker import SyncWorker

log = logging.getLogger(__name__)

REFRESH_DELAY_MS = 300  # a burst of synced pages refreshes the window once
BUSY_REFRESH_MS = 2_000  # while a long sync runs: re-reading counts per page would cost more


def exec_dialog(dialog: LoginDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


@dataclass
class Running:
    """One server's console: its cache, window, worker (None when offline) and notices."""

    server: str
    cache: Cache
    window: ConsoleWindow
    progress: SyncProgress
    notifier: HighImportanceNotifier
    session: Session | None = None
    worker: SyncWorker | None = None
    caught_up: bool = False


class ConsoleLauncher(QObject):
    """Signs in, opens and wires one server's console; switches to another on request."""

    def __init__(
        self,
        *,
        settings: QSettings,
        store: TokenStore,
        layout_settings: QSettings | None = None,
        cache_root: Path | None = None,
        backoff: Backoff | None = None,
        ask_login: Callable[[LoginDialog], bool] = exec_dialog,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.store = store
        self._layout_settings = layout_settings
        self._cache_root = cache_root
        self._backoff = backoff
        self.ask_login = ask_login  # shows the sign-in dialog; True when it was accepted
        self.current: Running | None = None
        self.problem = ""  # why start() opened nothing, for the command line
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_DELAY_MS)
        self._refresh.timeout.connect(self._refresh_window)

    def cache_path(self, server: str) -> Path:
        return servers.cache_path_for(server, self._cache_root)

    # -- starting ------------------------------------------------------------------------

    def start(
        self,
        *,
        server: str | None = None,
        login: str | None = None,
        cache: Path | None = None,
        offline: bool = False,
    ) -> bool:
        """Open the console; False if the operator cancelled or nothing could be opened."""
        server = server or servers.last_server(self.settings)
        if offline:
            if not server and cache is None:
                self.problem = "no server given and none used before: give --server or --cache"
                return False
            url = normalise_server(server) if server else ""
            path = cache or self.cache_path(url)
            if not servers.has_cache(path):
                self.problem = f"no cache to work offline from at {path}"
                return False
            return self._open(None, url, path)
        login = login or (servers.last_login(self.settings, server) if server else "")
        session: Session | None = None
        error: SignInError | None = None
        if server and login:
            try:
                session = resume(server, login, self.store)
            except SignInError as exc:
                error = exc
        if session is None:
            dialog = self._dialog(server, login, error)
            if not self.ask_login(dialog):
                self.problem = "sign-in cancelled"
                return False
            if dialog.session is None:
                url = dialog.offline_server or ""
                return self._open(None, url, cache or self.cache_path(url))
            session = dialog.session
        servers.remember(self.settings, session.server, session.login)
        return self._open(session, session.server, cache or self.cache_path(session.server))

    def open(self, session: Session, cache: Path | None = None) -> bool:
        """Open the console for a session signed in elsewhere (the demo)."""
        servers.remember(self.settings, session.server, session.login)
        return self._open(session, session.server, cache or self.cache_path(session.server))

    def _dialog(
        self, server: str | None, login: str | None, error: SignInError | None = None
    ) -> LoginDialog:
        parent = self.current.window if self.current is not None else None
        dialog = LoginDialog(
            self.store,
            self.settings,
            server=server,
            login=login,
            cache_path=self.cache_path,
            parent=parent,
        )
        if error is not None:
            dialog.show_error(dialog.error_text(error))
        return dialog

    def _open(self, session: Session | None, server: str, path: Path) -> bool:
        from ui.console.console_context import ConsoleContext
        from ui.console.session.notifier import HighImportanceNotifier
        from ui.console.session.progress import SyncProgress
        from ui.console.window import ConsoleWindow

        try:
            cache = Cache.open(path)
        except CacheError as exc:
            self.problem = f"{path}: {exc}"
            log.warning("cannot open the cache %s: %s", path, exc.code)
            if session is not None:
                session.client.close()
            return False
        window = ConsoleWindow(ConsoleContext(cache), settings=self._layout_settings)
        progress = SyncProgress()
        # permanent: a temporary message never runs under (or over) the bar's text
        window.status.insertPermanentWidget(0, progress)
        window.status.set_dictionaries(window.context.dictionaries)
        notifier = HighImportanceNotifier(cache, window, window.show_appeal)
        running = Running(server, cache, window, progress, notifier, session)
        previous, self.current = self.current, running
        self._add_menu_actions(window)
        window.desk.session = session  # a head loads the methodology from the desk (issue 16)
        window.categories_view.session = session  # a head edits the dictionaries (issue 17)
        if session is not None:
            submitter = _submitter(window)
            if submitter is not None and session.login:
                submitter.actor = session.login
            self._start_worker(running)
        else:
            window.status.set_offline_mode(True)
        window.show()
        if session is not None and session.update is not None:
            from ui.about import show_update_notice

            show_update_notice(window, session.update)
        if previous is not None:  # a server switch: the new window is up first
            self._close_running(previous)
        return True

    def _start_worker(self, running: Running) -> None:
        from ui.sync_worker import SyncWorker

        assert running.session is not None
        window = running.window
        worker = SyncWorker(running.cache, running.session.client, backoff=self._backoff)
        running.worker = worker
        submitter = _submitter(window)
        if submitter is not None:
            submitter.set_wake(worker.wake)
            submitter.submitted.connect(lambda _keys: self._recount(running))
        worker.status_changed.connect(window.status.show_status)
        worker.status_changed.connect(self._status_changed)
        worker.status_changed.connect(running.progress.on_status)
        worker.progress.connect(running.progress.on_progress)
        worker.changes_arrived.connect(self._changes_arrived)
        worker.caught_up.connect(self._caught_up)
        worker.stopped.connect(self._worker_stopped)
        show_conflict = getattr(window, "show_conflict", None)
        if show_conflict is not None:
            worker.conflict_found.connect(show_conflict)
        window.conflict_resolved.connect(worker.resolve_conflict)
        running.progress.stop_requested.connect(worker.request_stop)
        worker.start()

    def _add_menu_actions(self, window: ConsoleWindow) -> None:
        menus = window.menus
        file_menu = menus.menu("file")
        quit_action = menus.actions.get("quit")
        added = [
            menus.add(
                "file",
                "switch_server",
                self.tr("Sign in to another server…"),
                "Ctrl+Shift+L",
                self.switch_server,
            ),
            menus.add(
                "file", "sync_now", self.tr("Synchronise now"), "Ctrl+Shift+Y", self.sync_now
            ),
        ]
        if quit_action is not None:  # keep Exit last
            for action in added:
                file_menu.removeAction(action)
                file_menu.insertAction(quit_action, action)
            file_menu.insertSeparator(quit_action)

    # -- reacting to the worker ----------------------------------------------------------

    def _changes_arrived(self, changed: list[int], removed: list[int]) -> None:
        running = self.current
        if running is None:
            return
        running.notifier.changes(changed, removed)
        if not self._refresh.isActive():
            busy = running.progress.busy()
            self._refresh.start(BUSY_REFRESH_MS if busy else REFRESH_DELAY_MS)

    def _status_changed(self, status: SyncStatus) -> None:
        running = self.current
        if running is None:
            return
        self._recount(running)
        if status.link is not Link.ONLINE:
            return
        if not running.window.context.identity.login:
            # connected: the cache now says who is signed in (before the first page arrives)
            self._refresh_window()

    def _recount(self, running: Running) -> None:
        """The status bar's facts from the cache now (an action stored, a status changed)."""
        from ui.console.status_bar import read_status

        running.window.status.show_status(read_status(running.cache))

    def _caught_up(self) -> None:
        running = self.current
        if running is None:
            return
        first = not running.caught_up
        running.caught_up = True
        running.notifier.arm()
        if first:
            self._refresh_window()

    def _refresh_window(self) -> None:
        running = self.current
        if running is not None:
            running.window.refresh()
            running.window.status.set_dictionaries(running.window.context.dictionaries)

    def _worker_stopped(self, reason: str) -> None:
        running = self.current
        if running is None or reason != "unauthorized" or running.session is None:
            return
        session = running.session
        log.info("the service refused the token for %s: signing in again", session.server)
        self.store.forget(session.server, session.login)
        running.window.status.showMessage(
            self.tr("The central service ended this sign-in: sign in again"), 15_000
        )
        QTimer.singleShot(0, self, lambda: self.sign_in_again(expired=True))

    # -- menu actions --------------------------------------------------------------------

    def sign_in_again(self, *, expired: bool = False) -> bool:
        """Sign in to the current server again (token refused, or it was opened offline)."""
        running = self.current
        if running is None:
            return False
        login = running.session.login if running.session else running.window.context.identity.login
        dialog = self._dialog(running.server or None, login or None)
        if expired:
            dialog.show_error(self.tr("The central service ended this sign-in. Sign in again."))
        if not self.ask_login(dialog) or dialog.session is None:
            return False
        return self._adopt(dialog.session)

    def switch_server(self) -> bool:
        """File → Sign in to another server…"""
        running = self.current
        dialog = self._dialog(None, None)
        if running is not None:
            dialog.server.setCurrentText("")
        if not self.ask_login(dialog):
            return False
        if dialog.session is not None:
            return self._adopt(dialog.session)
        url = dialog.offline_server or ""
        return self._open(None, url, self.cache_path(url))

    def _adopt(self, session: Session) -> bool:
        running = self.current
        servers.remember(self.settings, session.server, session.login)
        if running is not None and normalise_server(running.server) == session.server:
            self._stop_worker(running)  # same server, same cache: a fresh worker
            if running.session is not None and running.session.client is not session.client:
                running.session.client.close()
            running.session = session
            running.window.status.set_offline_mode(False)
            submitter = _submitter(running.window)
            if submitter is not None:
                submitter.actor = session.login
            self._start_worker(running)
            return True
        return self._open(session, session.server, self.cache_path(session.server))

    def sync_now(self) -> None:
        """File → Synchronise now: restart a stopped sync, or wake a running one."""
        running = self.current
        if running is None:
            return
        if running.session is None:
            self.sign_in_again()
            return
        if running.worker is not None and running.worker.running():
            running.worker.wake()
            return
        self._stop_worker(running)
        self._start_worker(running)

    # -- closing -------------------------------------------------------------------------

    def ready(self) -> bool:
        """The window shows the cache as synced (or as it is, offline): for screenshots."""
        running = self.current
        if running is None:
            return True
        synced = running.worker is None or running.caught_up or not running.worker.running()
        return synced and running.window.idle() and not self._refresh.isActive()

    def _stop_worker(self, running: Running) -> None:
        worker, running.worker = running.worker, None
        if worker is not None:
            worker.stop()
            worker.deleteLater()

    def _close_running(self, running: Running) -> None:
        running.notifier.close()
        self._stop_worker(running)
        running.window.close()
        running.window.deleteLater()
        running.cache.close()
        if running.session is not None:
            running.session.client.close()

    def close(self) -> None:
        """Stop the sync (joined), close the window and the cache."""
        self._refresh.stop()
        running, self.current = self.current, None
        if running is not None:
            self._close_running(running)


def _submitter(window: ConsoleWindow) -> Any:
    """The window's ActionSubmitter (``window.actions``), if the window has one."""
    from ui.console.actions import ActionSubmitter

    candidate = window.__dict__.get("actions", getattr(window, "actions", None))
    return candidate if isinstance(candidate, ActionSubmitter) else None
