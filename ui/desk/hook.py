"""The console's «Аналитика» entry: opens the desk and shows its appeals in the queue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from cur_desktop.desk.rights import desk_rights

if TYPE_CHECKING:
    from cur_desktop.analytics.wall_context import WallContext
    from ui.console.session.connect import Session
    from ui.console.window import ConsoleWindow
    from ui.desk.desk_window import DeskWindow

DESK_QUEUE = "desk"
SHORTCUT = "Ctrl+Shift+A"


def _t(text: str) -> str:
    return QCoreApplication.translate("DeskLauncher", text)


class DeskLauncher:
    """The menu action and the one desk window of a console."""

    def __init__(self, window: ConsoleWindow) -> None:
        self._window = window
        self.desk: DeskWindow | None = None
        #: the signed-in session (set by the launcher): a head loads the methodology through it
        self.session: Session | None = None
        rights = desk_rights(window.context.identity.role)
        if rights.may_open:
            window.menus.separator("view")
            window.menus.add("view", "desk", _t("&Analytics…"), SHORTCUT, self.open)

    def send_methodology(self, doc: dict[str, Any]) -> int:
        """Send a methodology to the service with the session's token (off the GUI thread)."""
        from cur_desktop.sync.client import CentralClient

        session = self.session
        if session is None:
            from cur_desktop.sync.errors import Offline

            raise Offline("offline", "no session")
        with CentralClient(session.server, token=session.client.token) as client:
            return client.load_methodology(doc)

    def context(self) -> WallContext:
        from cur_desktop.analytics.wall_context import WallContext

        c = self._window.context
        dictionaries = c.dictionaries
        if dictionaries is None:  # nothing synced yet: the built-in region's names
            from cur_desktop.regions import builtin_pack_dir, load_pack

            dictionaries = load_pack(builtin_pack_dir()).dictionaries
        return WallContext(
            dictionaries=dictionaries,
            time_zone=ZoneInfo(c.sla.time_zone),
            rules=c.sla.rules,
            calendar=c.sla.calendar,
        )

    def open(self) -> DeskWindow:
        from cur_desktop.desk.methodology import for_cache
        from ui.desk.desk_window import DeskWindow

        if self.desk is None:
            c = self._window.context
            # a child of the console (a window of its own): it goes when the console goes
            self.desk = DeskWindow(
                c.cache,
                self.context(),
                c.clock,
                for_cache(c.cache),
                self._window,
                rights=desk_rights(c.identity.role),
                send_methodology=self.send_methodology if self.session else None,
            )
            self.desk.open_appeals.connect(self._show_appeals)
        self.desk.show()
        self.desk.raise_()
        self.desk.activateWindow()
        return self.desk

    def _show_appeals(self, query: object, title: str) -> None:
        w = self._window
        w.queue.show_queue(DESK_QUEUE, title, query)  # type: ignore[arg-type]
        w.raise_()
        w.activateWindow()

    def close(self) -> None:
        if self.desk is not None:
            self.desk.close()
            self.desk.deleteLater()
            self.desk = None


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("DeskLauncher", "&Analytics…")
