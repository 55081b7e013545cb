"""Console actions against the real service: bulk triage, conflicts both ways, the taken
mark seen by a second workstation, refusals, and a rejection that needs its reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache, OutboxState
from cur_desktop.domain.enums import Action, Flag, Status
from cur_desktop.domain.lifecycle import Command
from tests.qt.actions.support import Workstation, WorkstationFactory, on_service, type_text
from tests.support.central import CentralHandle, new_appeal
from tests.support.clock import now as clock_now
from tests.sync.sync_support import service_user
from ui.console.actions_specs import refusal_text
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow
from widgets.action_dialogs import RejectDialog
from widgets.action_dialogs_categorise import CategoriseDialog
from widgets.action_dialogs_conflict import ConflictDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def select(ws: Workstation, ids: list[int]) -> None:
    """Select these appeals in the queue (the "open" queue holds every open appeal)."""
    window = ws.window
    window.open_queue("open")
    ws.qtbot.waitUntil(window.idle)
    model = window.queue.model
    selection = QItemSelection()
    for appeal_id in ids:
        row = model.row_of(appeal_id)
        assert row >= 0, appeal_id
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    table = window.queue.table
    table.setCurrentIndex(model.index(model.row_of(ids[0]), 0))
    table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    table.setFocus()
    ws.qtbot.waitUntil(window.idle)
    assert sorted(window.selected_ids()) == sorted(ids)


def press(ws: Workstation, key: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL) -> None:
    ws.window.activateWindow()
    ws.qtbot.waitUntil(lambda: QApplication.activeWindow() is ws.window)
    ws.qtbot.keyClick(ws.window.queue.table, key, modifiers)


@pytest.fixture
def three(central: CentralHandle) -> list[int]:
    return [
        new_appeal(
            central, f"Не убран снег {n}", f"Сугробище во дворе дома {n}", number=f"T-BULK-{n}"
        ).id
        for n in range(3)
    ]


def test_bulk_categorise_route_and_flag_a_multi_selection(
    central: CentralHandle, workstation: WorkstationFactory, three: list[int]
) -> None:
    ws = workstation("operator")
    window = ws.window
    # select them with the keyboard: search a word of theirs, to the table, select all
    press(ws, Qt.Key.Key_F)
    type_text(window.queue.filter_bar.search, "сугробище")
    ws.qtbot.waitUntil(lambda: window.idle() and window.queue.model.rowCount() == 3)
    ws.qtbot.keyClick(window.queue.filter_bar.search, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    ws.qtbot.keyClick(window.queue.table, Qt.Key.Key_A, CTRL)
    assert sorted(window.selected_ids()) == sorted(three)
    actions = ws.window.appeal_actions.qactions
    assert actions["categorise"].isEnabled()
    assert not actions["answer"].isEnabled()  # answers are written one by one
    assert not actions["merge"].isEnabled()

    press(ws, Qt.Key.Key_K)
    dialog = ws.window.appeal_actions.dialog
    assert isinstance(dialog, CategoriseDialog)
    type_text(dialog.paths.search, "снег на тротуарах")
    ws.qtbot.keyClick(dialog.paths.search, Qt.Key.Key_Return)
    assert ws.window.appeal_actions.qactions["route"].isEnabled()
    press(ws, Qt.Key.Key_R)
    route = ws.window.appeal_actions.dialog
    assert route is not None
    type_text(route.bodies.search, "администрация")  # type: ignore[attr-defined]
    ws.qtbot.keyClick(route.bodies.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    press(ws, Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier)  # important
    assert all(ws.window.queue.model.is_pending(i) for i in three)
    ws.sync()

    for appeal_id in three:
        served = on_service(central, appeal_id)
        assert served.subcategory == "roads.snow.sidewalk"
        assert served.status is Status.ROUTED
        assert served.body == "adm-70701000"  # the only administration serving Tula
        assert Flag.IMPORTANT in served.flags
    states = [i.state for i in ws.engine.cache.outbox.items()]
    assert states == [OutboxState.CONFIRMED] * 9
    select(ws, three)
    assert ws.window.appeal_actions.qactions["flag_important"].isChecked()
    press(ws, Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier)  # again: the flag comes off
    ws.sync()
    assert all(Flag.IMPORTANT not in on_service(central, i).flags for i in three)


@pytest.mark.parametrize("keep_mine", [True, False])
def test_a_stale_version_conflict_is_resolved_in_the_dialog(
    central: CentralHandle, workstation: WorkstationFactory, keep_mine: bool
) -> None:
    fresh = new_appeal(central, "Яма", "Яма на дороге", number=f"T-CONFLICT-{keep_mine}")
    ws = workstation("operator")
    select(ws, [fresh.id])
    ws.window.actions.submit(
        [fresh.id], Command.of(Action.CATEGORISE, theme="roads", category="roads.potholes")
    )
    # meanwhile the head of the centre categorises it differently on the service
    assert central.service is not None
    head = service_user(central, "cur_head")
    central.service.apply_action(
        head, fresh.id, "behind-" + str(keep_mine), "categorise", {"theme": "housing"}, 1
    )
    ws.engine.replay_outbox()
    assert len(ws.conflicts) == 1
    ws.window.show_conflict(ws.conflicts[0])  # what the worker's conflict_found does
    dialog = ws.window.appeal_actions.conflicts.dialogs[ws.conflicts[0].idempotency_key]
    assert isinstance(dialog, ConflictDialog)
    changed = {f.label for f in dialog.view.fields if f.changed}
    assert changed == {field_label("Theme")}
    assert "Жилищно" in dialog.theirs.toPlainText() or "ЖКХ" in dialog.theirs.toPlainText()
    ws.window.show_conflict(ws.conflicts[0])  # a second report raises the same dialog
    assert len(ws.window.appeal_actions.conflicts.dialogs) == 1
    dialog.reject()  # "decide later": the menu brings it back
    assert not ws.window.appeal_actions.conflicts.dialogs
    ws.window.refresh()
    assert ws.window.appeal_actions.qactions["conflicts"].isEnabled()
    press(ws, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = ws.window.appeal_actions.conflicts.dialogs[ws.conflicts[0].idempotency_key]

    with ws.qtbot.waitSignal(ws.window.conflict_resolved) as resolved:
        button = dialog.keep_button if keep_mine else dialog.take_button
        button.setFocus()
        ws.qtbot.keyClick(button, Qt.Key.Key_Space)
    assert resolved.args == [ws.conflicts[0].idempotency_key, keep_mine]
    ws.sync()
    served = on_service(central, fresh.id)
    assert served.theme == ("roads" if keep_mine else "housing")
    states = [i.state for i in ws.engine.cache.outbox.items()]
    expected = (
        [OutboxState.DISCARDED, OutboxState.CONFIRMED] if keep_mine else [OutboxState.DISCARDED]
    )
    assert states == expected
    assert not ws.window.appeal_actions.conflicts.dialogs


def field_label(text: str) -> str:
    from ui.console.actions_specs import ui_text

    return ui_text(text)


def test_taken_is_seen_by_a_second_workstation_and_a_refusal_is_told(
    central: CentralHandle, workstation: WorkstationFactory
) -> None:
    fresh = new_appeal(central, "Нет света", "Нет света в подъезде", number="T-TAKE-1")
    mine = workstation("operator")
    other = workstation("cur_head")
    select(mine, [fresh.id])
    select(other, [fresh.id])
    press(mine, Qt.Key.Key_T)  # take
    other.window.appeal_actions.trigger("take")  # the colleague's take, stored offline
    mine.sync()
    assert on_service(central, fresh.id).taken_by == "demo-operator"

    other.sync()  # the colleague's stored take is refused; then the feed shows who has it
    detail = other.window.detail
    assert detail.record() is not None
    assert detail.record().appeal.taken_by == "demo-operator"  # type: ignore[union-attr]
    (item,) = other.engine.cache.outbox.items(OutboxState.REFUSED)
    assert item.result is not None
    assert item.result["params"]["taken_by"] == "demo-operator"
    refused = refusal_text("taken_by_other", item.result["params"])  # by the holder's name
    assert refused in other.window.status.currentMessage()
    assert refused in detail.notice()
    assert [i.state for i in other.engine.cache.outbox.items()] == [OutboxState.REFUSED]
    take = other.window.appeal_actions.qactions["take"]
    holder = other.window.context.person("demo-operator")  # by name, not login (issue 14)
    assert holder != "demo-operator"
    assert holder in take.text()
    assert holder in detail.notice() or refused in detail.notice()
    other.window.status.clearMessage()
    select(other, [fresh.id])
    press(other, Qt.Key.Key_T)  # taking it again warns and stores nothing
    assert holder in other.window.status.currentMessage()
    assert len(other.engine.cache.outbox.items()) == 1

    # taking it into work warns and stores nothing
    select(other, [fresh.id])
    press(other, Qt.Key.Key_I)
    assert holder in other.window.status.currentMessage()
    assert len(other.engine.cache.outbox.items()) == 1


def test_reject_without_a_reason_is_refused_by_the_dialog(
    central: CentralHandle, workstation: WorkstationFactory, qtbot: QtBot
) -> None:
    fresh = new_appeal(central, "Реклама", "Купите окна недорого", number="T-REJECT-1")
    ws = workstation("operator")
    select(ws, [fresh.id])
    press(ws, Qt.Key.Key_J)
    dialog = ws.window.appeal_actions.dialog
    assert isinstance(dialog, RejectDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reasons.search)
    qtbot.keyClick(dialog.reasons.search, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.problem_label.isVisible()
    assert dialog.problem_label.text() == dialog.tr("Choose a reason for the rejection")
    assert ws.engine.cache.outbox.items() == []
    type_text(dialog.reasons.search, "спам")
    qtbot.keyClick(dialog.reasons.search, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    ws.sync()
    served = on_service(central, fresh.id)
    assert (served.status, served.rejection_reason) == (Status.REJECTED, "spam")


def test_merge_postpone_and_note_reach_the_service(
    central: CentralHandle, workstation: WorkstationFactory, qtbot: QtBot
) -> None:
    keep = new_appeal(central, "Сломан фонарь", "Не горит фонарь у дома 3", number="T-MERGE-1")
    dup = new_appeal(central, "Сломан фонарь", "Фонарь у дома 3 не горит", number="T-MERGE-2")
    ws = workstation("cur_head")
    select(ws, [dup.id])
    # the related appeals (same author, similar text) are looked up once the operator rests
    qtbot.waitUntil(lambda: ws.window.detail.record().related is not None)  # type: ignore[union-attr]
    ws.window.appeal_actions.update()

    press(ws, Qt.Key.Key_N)  # a note: Enter sends it
    note = ws.window.appeal_actions.dialog
    assert note is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is note.text)  # type: ignore[attr-defined]
    type_text(note.text, "звонили в МУП, обещали сегодня")  # type: ignore[attr-defined]
    qtbot.keyClick(note.text, Qt.Key.Key_Return)  # type: ignore[attr-defined]

    press(ws, Qt.Key.Key_M)  # merge into the duplicate the detail pane found
    merge = ws.window.appeal_actions.dialog
    assert merge is not None
    type_text(merge.targets.search, "T-MERGE-1")  # type: ignore[attr-defined]
    qtbot.keyClick(merge.targets.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert not merge.isVisible()
    ws.sync()
    merged = on_service(central, dup.id)
    assert (merged.status, merged.merged_into) == (Status.CLOSED, keep.id)

    # postpone needs a routed appeal: route it first, then Ctrl+P with a reason
    select(ws, [keep.id])
    ws.window.actions.submit([keep.id], Command.of(Action.CATEGORISE, theme="energy"))
    ws.sync()
    select(ws, [keep.id])
    press(ws, Qt.Key.Key_R)
    route = ws.window.appeal_actions.dialog
    assert route is not None
    qtbot.keyClick(route.bodies.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    ws.sync()
    select(ws, [keep.id])
    press(ws, Qt.Key.Key_P)
    postpone = ws.window.appeal_actions.dialog
    assert postpone is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is postpone.reason)  # type: ignore[attr-defined]
    qtbot.keyClick(postpone.reason, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert postpone.isVisible()  # no reason: refused
    type_text(postpone.reason, "ждём поставку ламп")  # type: ignore[attr-defined]
    qtbot.keyClick(postpone.reason, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    ws.sync()
    served = on_service(central, keep.id)
    assert served.status is Status.ROUTED
    assert served.postponed_to is not None
    assert served.postponed_to > clock_now()
    assert central.service is not None
    history = central.service.get_appeal(service_user(central, "cur_head"), dup.id).history
    assert any(h.entry.action == "add_note" for h in history)


def test_a_refused_answer_is_told_and_its_text_offered_again(
    central: CentralHandle, workstation: WorkstationFactory
) -> None:
    fresh = new_appeal(central, "Вопрос", "Когда отремонтируют дорогу?", number="T-REFUSED-1")
    ws = workstation("operator")
    select(ws, [fresh.id])
    # stored while another workstation's view allowed it; the service's lifecycle refuses it
    ws.window.actions.submit([fresh.id], Command.of(Action.ANSWER, text="Дорогу отремонтируют"))
    ws.sync()
    assert [i.state for i in ws.engine.cache.outbox.items()] == [OutboxState.REFUSED]
    refused = refusal_text("wrong_status")
    assert refused in ws.window.status.currentMessage()
    assert refused in ws.window.detail.notice()
    assert ws.window.actions.unsent_text(fresh.id, Action.ANSWER) == "Дорогу отремонтируют"


def test_a_command_stored_before_a_restart_and_refused_after_it_is_told(
    central: CentralHandle, workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """Stored offline, the console closed before it was sent: the next console, started on
    the same cache, tells the operator when the service refuses it."""
    fresh = new_appeal(central, "Вопрос", "Когда починят фонарь?", number="T-REFUSED-2")
    ws = workstation("operator")
    select(ws, [fresh.id])
    ws.window.actions.submit([fresh.id], Command.of(Action.ANSWER, text="Фонарь починят"))
    ws.window.close()  # the console is closed with the command still pending

    cache = Cache.open(tmp_path / "operator" / "cache.sqlite")
    settings = QSettings(str(tmp_path / "restarted.ini"), QSettings.Format.IniFormat)
    window = ConsoleWindow(ConsoleContext(cache), settings=settings)
    try:
        window.resize(1600, 900)
        window.show()
        ws.qtbot.waitExposed(window)
        ws.window = window
        ws.settle()
        ws.sync()
        assert [i.state for i in ws.engine.cache.outbox.items()] == [OutboxState.REFUSED]
        assert refusal_text("wrong_status") in window.status.currentMessage()
    finally:
        window.close()
        window.deleteLater()
        cache.close()
