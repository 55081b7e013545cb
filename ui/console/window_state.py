"""The console window's layout, remembered per user and restored onto a live screen.

Operators share workstations across shifts; each keeps their own window size and
place, pane widths, column widths and last queue, under ``console/<login>`` in the
user's settings file (:mod:`ui.settings`). A window saved on a monitor that is no longer
connected is pulled back onto one that is (:func:`widgets.placement.ensure_on_screen`).

GUI thread only.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

from widgets.placement import ensure_on_screen

_VERSION = 1


@dataclass(frozen=True)
class SavedLayout:
    queue: str | None
    restored: bool = False  # a saved layout was applied (else the window's defaults stand)


def _group(owner: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in owner) or "local"
    return f"console/{safe}"


def save_layout(
    settings: QSettings,
    owner: str,
    window: QMainWindow,
    splitter: QSplitter,
    header: QHeaderView,
    queue: str,
) -> None:
    settings.beginGroup(_group(owner))
    try:
        settings.setValue("version", _VERSION)
        settings.setValue("geometry", window.saveGeometry())
        settings.setValue("state", window.saveState(_VERSION))
        settings.setValue("splitter", splitter.saveState())
        settings.setValue("columns", header.saveState())
        settings.setValue("queue", queue)
    finally:
        settings.endGroup()
    settings.sync()


def restore_layout(
    settings: QSettings,
    owner: str,
    window: QMainWindow,
    splitter: QSplitter,
    header: QHeaderView,
) -> SavedLayout:
    """Apply what was saved (if anything); the window always ends on a live screen."""
    settings.beginGroup(_group(owner))
    try:
        if settings.value("version") is None:
            ensure_on_screen(window)
            return SavedLayout(None)
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        state = settings.value("state")
        if isinstance(state, QByteArray):
            window.restoreState(state, _VERSION)
        splitter_state = settings.value("splitter")
        if isinstance(splitter_state, QByteArray):
            splitter.restoreState(splitter_state)
        columns = settings.value("columns")
        if isinstance(columns, QByteArray):
            header.restoreState(columns)
        queue = settings.value("queue")
    finally:
        settings.endGroup()
    ensure_on_screen(window)
    return SavedLayout(str(queue) if queue else None, restored=True)
