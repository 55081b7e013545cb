"""The console's «Аналитика» entry: opens the desk and shows its appeals in the queue."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from cur_desktop.analytics.wall_context import WallContext
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
        window.menus.separator("view")
        window.menus.add("view", "desk", _t("&Analytics…"), SHORTCUT, self.open)

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
                c.cache, self.context(), c.clock, for_cache(c.cache), self._window
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
