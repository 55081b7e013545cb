"""The list of keyboard shortcuts (F1), read from the window's real actions.

Nothing here is written by hand: every menu of the window's menu bar is walked and
each action with a shortcut is listed under its menu, with the shortcut as the
action itself has it (:class:`~PySide6.QtGui.QKeySequence`, in the platform's words).
An action that is added later, or a shortcut that changes, shows up the next time the
list is opened. A search line filters by the action's name or its keys.

GUI thread only.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

SHORTCUT_NAME = "shortcut_name"
"""A QAction property: the name to list it under when its text changes with the
selection («Взять себе — уже взял …» is listed as «Взять себе»)."""


@dataclass(frozen=True, slots=True)
class Shortcut:
    menu: str
    text: str
    keys: str


def plain(text: str) -> str:
    """A menu text without its mnemonic marks and trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcuts_of(window: QMainWindow) -> list[Shortcut]:
    """Every action of the window's menus that has a shortcut, in menu order."""
    out: list[Shortcut] = []
    seen: set[int] = set()

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{title} › {plain(sub.title())}")
                continue
            if action.isSeparator() or not action.isVisible() or id(action) in seen:
                continue
            keys = [k for k in action.shortcuts() if not k.isEmpty()]
            if not keys:
                continue
            seen.add(id(action))
            shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            name = action.property(SHORTCUT_NAME)
            text = name if isinstance(name, str) and name else action.text()
            out.append(Shortcut(title, plain(text), shown))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, plain(menu.title()))
    return out


class ShortcutsDialog(QDialog):
    """The window's shortcuts, grouped by menu, with a search line."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type part of an action or a key"))
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, stretch=1)
        layout.addWidget(buttons)
        self.shortcuts = shortcuts_of(window)
        self._fill()
        self.search.textChanged.connect(self._filter)
        self.search.setFocus()
        self.resize(620, 760)

    def _fill(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        bold = self.tree.font()
        bold.setBold(True)
        for shortcut in self.shortcuts:
            group = groups.get(shortcut.menu)
            if group is None:
                group = QTreeWidgetItem(self.tree, [shortcut.menu, ""])
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[shortcut.menu] = group
            QTreeWidgetItem(group, [shortcut.text, shortcut.keys])
        self.tree.expandAll()

    def _groups(self) -> list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is None:
                continue
            children = [group.child(j) for j in range(group.childCount())]
            out.append((group, [c for c in children if c is not None]))
        return out

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for group, items in self._groups():
            shown = 0
            for item in items:
                hit = not needle or needle in f"{item.text(0)} {item.text(1)}".casefold()
                item.setHidden(not hit)
                shown += hit
            group.setHidden(shown == 0)

    def visible_rows(self) -> list[tuple[str, str]]:
        """(action, keys) of the rows shown now (tests, screenshots)."""
        return [
            (item.text(0), item.text(1))
            for group, items in self._groups()
            if not group.isHidden()
            for item in items
            if not item.isHidden()
        ]
