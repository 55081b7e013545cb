"""The console's menus and keyboard shortcuts: every navigation is a menu action.

Operators work from the keyboard; a shortcut they cannot discover is a shortcut
they will not use, so each one lives in a menu that shows it. Menus are built once
per window; each menu has a stable key («file», «go», «search», «appeal», «view»)
so later features (operator actions on appeals, sign-in) add their actions to the
right menu through :meth:`ConsoleMenus.menu`.

GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

WORK_QUEUE_SHORTCUTS = 7  # Ctrl+1 … Ctrl+7 open the first queues of the navigator


def _t(text: str) -> str:
    return QCoreApplication.translate("ConsoleMenus", text)


class ConsoleMenus:
    """Menus of one console window and their actions, by key."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        self._menus: dict[str, QMenu] = {}
        self.actions: dict[str, QAction] = {}
        bar = window.menuBar()
        for key, title in (
            ("file", _t("&File")),
            ("go", _t("&Go")),
            ("search", _t("&Search")),
            ("appeal", _t("&Appeal")),
            ("view", _t("&View")),
            ("help", _t("&Help")),
        ):
            self._menus[key] = bar.addMenu(title)
        self.add("help", "about", _t("&About…"), None, self._show_about)

    def _show_about(self) -> None:
        from ui.about import show_about

        show_about(self._window)

    def menu(self, key: str) -> QMenu:
        """A menu by key, for adding actions to it."""
        return self._menus[key]

    def add(
        self,
        menu: str,
        key: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: Callable[[], object],
        *,
        widget: QWidget | None = None,
    ) -> QAction:
        """An action in ``menu``; with ``widget`` its shortcut works only there."""
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if widget is not None:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            widget.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self._menus[menu].addAction(action)
        self.actions[key] = action
        return action

    def separator(self, menu: str) -> None:
        self._menus[menu].addSeparator()


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("ConsoleMenus", "&File")
    QCoreApplication.translate("ConsoleMenus", "&Go")
    QCoreApplication.translate("ConsoleMenus", "&Search")
    QCoreApplication.translate("ConsoleMenus", "&Appeal")
    QCoreApplication.translate("ConsoleMenus", "&View")
    QCoreApplication.translate("ConsoleMenus", "&Help")
    QCoreApplication.translate("ConsoleMenus", "&About…")
