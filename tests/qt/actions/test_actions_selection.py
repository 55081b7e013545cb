"""The selection never moves by itself: after every action of the «Обращение» menu, and
after the sync that brings its result (or a colleague's), the appeal acted on stays
selected and shown.

Each case makes a fresh appeal on the real service, brings it to a state where the
action is allowed (directly on the service, as the head of the centre), opens a queue
the action is likely to take it out of, presses the action's shortcut on the real
window and answers its dialog with keys. After the sync the same appeal is current,
selected, in the detail pane and what the next shortcut acts on — kept greyed in the
table («ушло из очереди») when it left the queue.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from cur_desktop.domain.appeal import Appeal, JsonScalar
from cur_desktop.domain.enums import Action
from cur_desktop.domain.lifecycle import Command
from tests.qt.actions.support import Workstation, WorkstationFactory, type_text
from tests.support.central import CentralHandle, head_of_centre, new_appeal
from tests.sync.sync_support import service_user
from ui.console.actions_specs import BY_KEY, Ask
from widgets.answer_editor import AnswerEditor

CATEGORISED: Mapping[str, JsonScalar] = {
    "theme": "roads",
    "category": "roads.potholes",
    "subcategory": "roads.potholes.yard",
}
ROUTED = (("categorise", CATEGORISED), ("route", {"body": "min-transport"}))
ANSWERED = (*ROUTED, ("answer", {"text": "Яму заделали."}))

# action key -> (commands that make it allowed, the queue to watch it in)
CASES: dict[str, tuple[tuple[tuple[str, Mapping[str, JsonScalar]], ...], str]] = {
    "take": ((), "new"),
    "take_over": ((("take@operator", {}),), "new"),  # a colleague holds it
    "release": ((("take", {}),), "mine"),
    "take_into_work": ((("categorise", CATEGORISED),), "new"),
    "categorise": ((), "new"),
    "route": ((("categorise", CATEGORISED),), "new"),
    "redirect": ((), "new"),
    "interim_answer": (ROUTED, "open"),
    "answer": (ROUTED, "open"),
    "request_info": (ROUTED, "open"),
    "info_received": ((*ROUTED, ("request_info", {"text": "Уточните адрес"})), "open"),
    "postpone": (ROUTED, "open"),
    "return_for_rework": (ANSWERED, "all"),
    "close": (ANSWERED, "all"),
    "rate": (ANSWERED, "all"),
    "reopen": ((*ANSWERED, ("close", {})), "all"),
    "reject": ((), "new"),
    "flag_important": ((), "open"),
    "flag_conflict": ((), "open"),
    "flag_disinformation": ((), "open"),
    "flag_resonance": ((), "open"),
    "flag_repeat": ((), "open"),
    "importance": ((), "open"),
    "merge": ((), "new"),
    "note": ((), "open"),
}


# the actions that take the appeal out of the queue it is watched in
LEAVE_THE_QUEUE = frozenset(
    {"release", "take_into_work", "route", "redirect", "answer", "reject", "merge"}
)


def test_every_action_of_the_menu_has_a_case() -> None:
    assert set(CASES) == set(BY_KEY)


def prepare(
    central: CentralHandle, appeal: Appeal, steps: tuple[tuple[str, Mapping[str, JsonScalar]], ...]
) -> None:
    assert central.service is not None
    head = head_of_centre(central)
    for step, params in steps:
        action, _, who = step.partition("@")
        actor = service_user(central, who) if who else head
        version = central.service.get_appeal(head, appeal.id).appeal.version
        outcome = central.service.apply_action(
            actor, appeal.id, uuid.uuid4().hex, action, dict(params), version
        )
        assert outcome.result == "applied", (action, outcome)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def answer_dialog(
    qtbot: QtBot, dialog: QDialog, ask: Ask, ws: Workstation, keep: Appeal | None
) -> None:
    """Fill the action's dialog with keys, as an operator would, and confirm it."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    if ask is Ask.CATEGORISE:
        type_text(focused(), "ямы во дворах")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    elif ask is Ask.ROUTE:
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    elif ask is Ask.REJECT:
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    elif ask is Ask.REDIRECT:
        type_text(focused(), "Прокуратура региона")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    elif ask is Ask.RATE:
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    elif ask is Ask.POSTPONE:
        type_text(focused(), "ждём подрядчика")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    elif ask is Ask.MERGE:
        assert keep is not None
        type_text(focused(), keep.external_id)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    elif ask in (Ask.ANSWER, Ask.INTERIM):
        assert isinstance(dialog, AnswerEditor)
        dialog.editor.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.editor)
        type_text(dialog.editor, "Работы выполнены, яма заделана.")
        qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    else:  # a note, a reason, a question: one text, Enter confirms
        type_text(focused(), "по звонку заявителя")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.windowTitle()


@pytest.mark.parametrize("key", sorted(CASES))
def test_the_appeal_acted_on_stays_selected_after_the_action_and_the_sync(
    key: str, qtbot: QtBot, central: CentralHandle, workstation: WorkstationFactory
) -> None:
    spec = BY_KEY[key]
    steps, queue = CASES[key]
    number = f"T-SEL-{key}-{uuid.uuid4().hex[:6]}"
    keep = None
    if spec.ask is Ask.MERGE:
        keep = new_appeal(central, "Сломан фонарь", "Не горит фонарь у дома 3", number=number + "k")
        appeal = new_appeal(central, "Сломан фонарь", "Фонарь у дома 3 не горит", number=number)
    else:
        appeal = new_appeal(central, "Яма во дворе", "Во дворе дома 5 яма", number=number)
    # neighbours in the same queue: a jump would land on one of them
    for n in range(2):
        new_appeal(central, "Яма во дворе", f"Соседняя яма {n}", number=f"{number}-n{n}")
    prepare(central, appeal, steps)
    ws = workstation("cur_head")
    window = ws.window
    assert window.open_queue(queue)
    qtbot.waitUntil(window.idle, timeout=15_000)
    window.show_appeal(appeal.id)
    table = window.queue.table
    table.setFocus()
    qtbot.waitUntil(lambda: window.selected_ids() == [appeal.id])
    if spec.ask is Ask.MERGE:  # the duplicates are looked up once the operator rests
        qtbot.waitUntil(lambda: window.detail.record().related is not None)  # type: ignore[union-attr]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    action = window.appeal_actions.qactions[key]
    window.appeal_actions.update()
    assert action.isEnabled(), key

    sequence = QKeySequence(spec.shortcut)[0]
    qtbot.keyClick(table, sequence.key(), sequence.keyboardModifiers())
    dialog = window.appeal_actions.dialog
    if dialog is not None:
        answer_dialog(qtbot, dialog, spec.ask, ws, keep)
    qtbot.waitUntil(lambda: window.actions.waiting([appeal.id]) != {})
    assert window.selected_ids() == [appeal.id]

    ws.sync()
    qtbot.waitUntil(lambda: not window.actions.waiting([appeal.id]))
    ws.settle()  # the cache now holds the service's answer to the action

    assert window.selected_ids() == [appeal.id], key
    assert table.current_appeal_id() == appeal.id
    record = window.detail.record()
    assert record is not None
    assert record.appeal.id == appeal.id
    assert window.appeal_actions.targets() == [appeal.id]
    states = [i.state.value for i in ws.engine.cache.outbox.items()]
    assert states == ["confirmed"], (key, states)
    model = window.queue.model
    assert model.is_gone(appeal.id) == (key in LEAVE_THE_QUEUE), key
    if key in LEAVE_THE_QUEUE:  # left the queue: greyed and said so, in its old place
        status = model.data(model.index(model.row_of(appeal.id), 5))  # «Суть»
        assert status.startswith(QApplication.translate("QueueTableModel", "left the queue"))


def test_an_offline_replay_does_not_move_the_selection(
    qtbot: QtBot, central: CentralHandle, workstation: WorkstationFactory
) -> None:
    """Two commands stored while the service was away; the operator moved on to the
    second appeal. The replay takes both out of the queue: the second stays current."""
    first = new_appeal(central, "Яма", "Яма у подъезда 1", number="T-SEL-OFF-1")
    second = new_appeal(central, "Яма", "Яма у подъезда 2", number="T-SEL-OFF-2")
    for n in range(3):
        new_appeal(central, "Яма", f"Другая яма {n}", number=f"T-SEL-OFF-n{n}")
    ws = workstation("cur_head")
    window = ws.window
    window.open_queue("new")
    qtbot.waitUntil(window.idle, timeout=15_000)
    for appeal in (first, second):  # stored, not sent: no sync runs between them
        window.show_appeal(appeal.id)
        qtbot.waitUntil(lambda a=appeal: window.selected_ids() == [a.id])
        window.actions.submit([appeal.id], Command.of(Action.REDIRECT, to="Прокуратура"))
    ws.settle()
    assert window.selected_ids() == [second.id]

    ws.sync()  # the service is back: the replay sends both, the feed brings them back

    assert window.selected_ids() == [second.id]
    assert window.queue.model.is_gone(second.id)
    assert window.queue.model.row_of(first.id) == -1  # not held: it simply left
    record = window.detail.record()
    assert record is not None
    assert record.appeal.id == second.id
