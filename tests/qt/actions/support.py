"""Helpers of the console action tests: workstations, appeals made on the service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cur_desktop.cache import OutboxItem, OutboxState
from cur_desktop.domain.appeal import Appeal
from cur_desktop.sync import SyncEngine
from tests.support.central import CentralHandle
from tests.sync.sync_support import service_user
from ui.console.window import ConsoleWindow


@dataclass
class Workstation:
    who: str
    engine: SyncEngine
    window: ConsoleWindow
    qtbot: QtBot
    conflicts: list[OutboxItem]

    def sync(self) -> None:
        """One pass of the sync (outbox included), then the window reads the cache again."""
        self.engine.sync_once(give_up_after=10)
        self.settle()

    def settle(self) -> None:
        self.window.refresh()
        self.qtbot.waitUntil(self.window.idle, timeout=15_000)

    def resolve(self, key: str, reapply: bool) -> None:
        """What the sync worker does with ``window.conflict_resolved``."""
        item = next(i for i in self.engine.cache.outbox.items() if i.idempotency_key == key)
        self.engine.resolve_conflict(item, reapply=reapply)


WorkstationFactory = Callable[..., Workstation]


def on_service(central: CentralHandle, appeal_id: int) -> Appeal:
    assert central.service is not None
    return central.service.get_appeal(service_user(central, "cur_head"), appeal_id).appeal


def outbox_states(ws: Workstation) -> list[OutboxState]:
    return [i.state for i in ws.engine.cache.outbox.items()]


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as key events (QTest.keyClicks types ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)
