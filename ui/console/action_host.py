"""What the operator actions need of the console window: :class:`ActionHost`.

:class:`~ui.console.actions_menu.AppealActions` and
:class:`~ui.console.actions_conflict.ConflictPresenter` work on the window's parts
(the queue's selection, the detail pane, the status bar, the menus, the outbox's
submitter) and emit the window's ``conflict_resolved``. They name those parts
through this protocol, not through :class:`~ui.console.window.ConsoleWindow`: the
window imports the actions, so the actions must not import the window (no cycle,
hidden or not). ``ConsoleWindow`` satisfies the protocol as it is.

GUI thread only.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from ui.console.actions import ActionSubmitter
from ui.console.console_context import ConsoleContext
from ui.console.menus import ConsoleMenus
from ui.console.queue_pane import QueuePane
from ui.console.status_bar import ConsoleStatusBar
from widgets.appeal_detail import AppealDetailView


class ActionHost(Protocol):
    """The console window, as the operator actions see it."""

    @property
    def context(self) -> ConsoleContext: ...

    @property
    def actions(self) -> ActionSubmitter:
        """The outbox's submitter of the operator's commands."""

    @property
    def menus(self) -> ConsoleMenus: ...

    @property
    def queue(self) -> QueuePane: ...

    @property
    def detail(self) -> AppealDetailView: ...

    @property
    def status(self) -> ConsoleStatusBar: ...

    @property
    def conflict_resolved(self) -> SignalInstance:
        """(outbox key, reapply): emitted when the operator decides a conflict."""

    def selected_ids(self) -> list[int]: ...

    def window(self) -> QWidget:
        """The host's top-level widget (QWidget.window()): parent of the dialogs."""

    def activateWindow(self) -> None: ...  # noqa: N802 - Qt's name
