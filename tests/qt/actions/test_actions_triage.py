"""Triage with the keyboard only, against the real service: find → categorise → route → answer.

Every step is a shortcut pressed on the real window and keys typed into whatever
widget has the focus (so a dialog that opens with the focus in the wrong place
fails the test); the result is checked in the central service's own state.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cur_desktop.cache import OutboxState
from cur_desktop.domain.enums import Status
from tests.qt.actions.support import WorkstationFactory, on_service, type_text
from tests.support.central import CentralHandle, new_appeal
from widgets.action_dialogs import RouteDialog
from widgets.action_dialogs_categorise import CategoriseDialog
from widgets.action_dialogs_choice import CODE_ROLE
from widgets.answer_editor import AnswerEditor
from widgets.queue_model import Column

CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def wait_focus(qtbot: QtBot, widget: QWidget) -> None:
    """A dialog takes the focus once its window is activated (an event, not a delay)."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_keyboard_only_triage_categorise_route_answer(
    qtbot: QtBot, central: CentralHandle, workstation: WorkstationFactory
) -> None:
    fresh = new_appeal(
        central,
        "Яма во дворе дома",
        "Во дворе дома 5 по улице Ленина огромная колдобина, машины не проехать.",
        number="T-TRIAGE-1",
    )
    ws = workstation("operator")
    window = ws.window
    # find it: all open appeals (Ctrl+1), search (Ctrl+F) for a word of it, to the table (Alt+2)
    window.queue.table.setFocus()
    qtbot.keyClick(window.queue.table, Qt.Key.Key_1, CTRL)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_F, CTRL)
    wait_focus(qtbot, window.queue.filter_bar.search)
    type_text(focused(), "колдобина")
    qtbot.waitUntil(lambda: window.idle() and window.queue.model.rowCount() == 1)
    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    wait_focus(qtbot, window.queue.table)
    assert window.current_queue() == "open"
    assert window.selected_ids() == [fresh.id]
    actions = window.appeal_actions.qactions
    assert actions["categorise"].isEnabled()
    assert not actions["answer"].isEnabled()  # a new appeal is not answered before routing

    # categorise: Ctrl+K, type words of the subcategory, Enter
    qtbot.keyClick(window.queue.table, Qt.Key.Key_K, CTRL)
    dialog = window.appeal_actions.dialog
    assert isinstance(dialog, CategoriseDialog)
    wait_focus(qtbot, dialog.paths.search)
    type_text(focused(), "ямы во дворах")
    assert dialog.paths.current_code() == "roads|roads.potholes|roads.potholes.yard"
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert window.queue.model.is_pending(fresh.id)  # marked until the service confirms
    marks = window.queue.model.index(window.queue.model.row_of(fresh.id), Column.MARKS)
    sending = QCoreApplication.translate("QueueTableModel", "sending…")
    assert window.queue.model.data(marks).startswith(sending)
    assert actions["route"].isEnabled()  # the lifecycle on the appeal as it will be
    ws.sync()
    served = on_service(central, fresh.id)
    assert (served.theme, served.category, served.subcategory) == (
        "roads",
        "roads.potholes",
        "roads.potholes.yard",
    )
    assert not window.queue.model.is_pending(fresh.id)

    # route: Ctrl+R, the list holds only bodies serving roads in Tula
    wait_focus(qtbot, window.queue.table)  # back in the table, on the same appeal
    assert window.selected_ids() == [fresh.id]
    qtbot.keyClick(window.queue.table, Qt.Key.Key_R, CTRL)
    route = window.appeal_actions.dialog
    assert isinstance(route, RouteDialog)
    wait_focus(qtbot, route.bodies.search)
    model = route.bodies.model
    codes = {model.data(model.index(r, 0), CODE_ROLE) for r in range(model.rowCount())}
    assert {"min-transport", "adm-70701000"} <= codes
    assert not {"min-health", "adm-70604000"} & codes
    type_text(focused(), "минтранс")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    ws.sync()
    served = on_service(central, fresh.id)
    assert (served.status, served.body) == (Status.ROUTED, "min-transport")

    # answer: Ctrl+E, search a template by keyword, Enter puts it in, Ctrl+Enter sends
    wait_focus(qtbot, window.queue.table)
    assert window.selected_ids() == [fresh.id]
    assert actions["answer"].isEnabled()
    qtbot.keyClick(window.queue.table, Qt.Key.Key_E, CTRL)
    editor = window.appeal_actions.dialog
    assert isinstance(editor, AnswerEditor)
    wait_focus(qtbot, editor.templates.search)
    type_text(focused(), "ямочный")
    assert editor.templates.current_code() == "roads.potholes.done"
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_focus(qtbot, editor.editor)
    text = editor.text()
    for filled in ("T-TRIAGE-1", "Иван Петров", "Министерство транспорта", "ул. Ленина"):
        assert filled in text
    assert not editor.gaps()
    assert str(len(editor.editor.toPlainText())) in editor.counter.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert editor.result() == editor.DialogCode.Accepted
    ws.sync()
    served = on_service(central, fresh.id)
    assert served.status is Status.ANSWERED
    assert served.answer == text
    assert [i.state for i in ws.engine.cache.outbox.items()] == [OutboxState.CONFIRMED] * 3
