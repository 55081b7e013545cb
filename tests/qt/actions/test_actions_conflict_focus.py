"""A conflict the sync finds while the operator types: the dialog appears, the keyboard
stays where it was (an Enter meant for the search must not choose «keep mine» unseen),
and Ctrl+Shift+K takes the operator to it. Against the real service."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cur_desktop.domain.enums import Action
from cur_desktop.domain.lifecycle import Command
from tests.qt.actions.support import WorkstationFactory, type_text
from tests.support.central import CentralHandle, new_appeal
from tests.sync.sync_support import service_user
from widgets.action_dialogs_conflict import ConflictDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_conflict_found_by_the_sync_does_not_take_the_keyboard(
    central: CentralHandle, workstation: WorkstationFactory
) -> None:
    fresh = new_appeal(central, "Яма во дворе", "Яма во дворе дома 7", number="T-FOCUS-1")
    ws = workstation("operator")
    window = ws.window
    window.refresh()
    ws.qtbot.waitUntil(window.idle)
    window.actions.submit(
        [fresh.id], Command.of(Action.CATEGORISE, theme="roads", category="roads.potholes")
    )
    assert central.service is not None
    head = service_user(central, "cur_head")
    central.service.apply_action(
        head, fresh.id, "focus-head", "categorise", {"theme": "housing"}, 1
    )
    ws.engine.replay_outbox()
    assert len(ws.conflicts) == 1

    window.activateWindow()
    ws.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    search = window.queue.filter_bar.search
    search.setFocus()
    decided: list[object] = []
    window.conflict_resolved.connect(lambda *args: decided.append(args))

    window.show_conflict(ws.conflicts[0])  # what the sync worker does on a conflict

    dialog = window.appeal_actions.conflicts.dialogs[ws.conflicts[0].idempotency_key]
    assert isinstance(dialog, ConflictDialog)
    ws.qtbot.waitExposed(dialog)
    QApplication.processEvents()  # the window system's activation events, if any
    assert dialog.isVisible()
    assert QApplication.activeWindow() is window  # the keyboard stayed in the window
    assert QApplication.focusWidget() is search
    type_text(QApplication.focusWidget(), "яма")  # the operator goes on typing …
    ws.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # … and searches
    assert search.text() == "яма"
    assert decided == []  # nothing chosen unseen
    assert dialog.isVisible()

    window.refresh()  # the window's timer reads the outbox: the conflict is noted
    assert QApplication.activeWindow() is window
    assert window.appeal_actions.qactions["conflicts"].isEnabled()
    ws.qtbot.keyClick(search, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.ShiftModifier)
    ws.qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.reject()
