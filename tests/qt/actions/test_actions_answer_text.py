"""The answer an operator wrote is never lost, and never comes back when it should not.

Against the real service: an answer the service refuses is offered again in the
editor, ready to edit (the cursor in it, not in the template search, and a template
put over it can be taken back with Ctrl+Z); once a later answer went through, the
refused text is history: an answer returned for rework does not bring it back.
On a generated cache: an answer cancelled with Esc is what the editor opens on next.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cur_desktop.cache import OutboxState
from cur_desktop.domain.enums import Action, Status
from cur_desktop.domain.lifecycle import Command, allowed_actions
from tests.qt.actions.support import Workstation, WorkstationFactory, on_service, type_text
from tests.support.caches import generated_cache, private_copy
from tests.support.central import CentralHandle, new_appeal
from ui.console.actions_specs import refusal_text
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow
from widgets.answer_editor import AnswerEditor

CTRL = Qt.KeyboardModifier.ControlModifier
REFUSED = "Яму на Ленина заделают до пятницы, бригада уже выехала."
SENT = "Яма на ул. Ленина заделана 12.11, качество проверено заказчиком."


def current(ws: Workstation, appeal_id: int) -> None:
    """Make the appeal current and the only selection, the keyboard in the queue."""
    window = ws.window
    window.open_queue("open")
    ws.qtbot.waitUntil(window.idle)
    table = window.queue.table
    row = window.queue.model.row_of(appeal_id)
    assert row >= 0
    table.select_row(row)
    table.selectionModel().select(
        table.currentIndex(),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.setFocus()
    ws.qtbot.waitUntil(window.idle)
    assert window.selected_ids() == [appeal_id]


def open_answer_editor(window: ConsoleWindow, qtbot: QtBot) -> AnswerEditor:
    """Ctrl+E in the queue, as the operator opens it."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_E, CTRL)
    editor = window.appeal_actions.dialog
    assert isinstance(editor, AnswerEditor)
    qtbot.waitExposed(editor)
    return editor


def test_a_refused_answer_comes_back_ready_to_edit_and_a_sent_one_replaces_it(
    central: CentralHandle, workstation: WorkstationFactory
) -> None:
    fresh = new_appeal(central, "Яма на Ленина", "Яма у дома 5 по ул. Ленина", number="T-ANS-1")
    ws = workstation("operator")
    current(ws, fresh.id)
    # written while another workstation's view allowed it: the service refuses it
    ws.window.actions.submit([fresh.id], Command.of(Action.ANSWER, text=REFUSED))
    ws.sync()
    assert refusal_text("wrong_status") in ws.window.detail.notice()
    # the operator puts it right: categorise, route, then answer again
    body = ws.window.appeal_actions.asker.bodies([fresh])[0].code
    ws.window.actions.submit([fresh.id], Command.of(Action.CATEGORISE, theme="roads"))
    ws.window.actions.submit([fresh.id], Command.of(Action.ROUTE, body=body))
    ws.sync()
    current(ws, fresh.id)

    editor = open_answer_editor(ws.window, ws.qtbot)
    assert editor.text() == REFUSED
    assert editor.focusWidget() is editor.editor  # straight into the text, not the templates
    # a template put over it by mistake (Enter in the template list) is taken back
    editor.templates.setFocus()
    ws.qtbot.keyClick(editor.templates.search, Qt.Key.Key_Return)
    assert editor.text() != REFUSED
    ws.qtbot.keyClick(editor.editor, Qt.Key.Key_Z, CTRL)
    assert editor.text() == REFUSED
    editor.editor.setPlainText(SENT)
    ws.qtbot.keyClick(editor.editor, Qt.Key.Key_Return, CTRL)
    ws.qtbot.waitUntil(lambda: ws.window.appeal_actions.dialog is None)
    ws.sync()
    assert on_service(central, fresh.id).answer == SENT
    assert ws.engine.cache.outbox.items()[-1].state is OutboxState.CONFIRMED

    # the answer is returned for rework: the text refused long ago must not come back
    ws.window.actions.submit(
        [fresh.id], Command.of(Action.RETURN_FOR_REWORK, reason="Уточните сроки")
    )
    ws.sync()
    reworked = on_service(central, fresh.id)
    assert reworked.status is Status.IN_PROGRESS
    current(ws, fresh.id)
    editor = open_answer_editor(ws.window, ws.qtbot)
    assert editor.text() != REFUSED
    assert editor.text() == reworked.answer.strip()  # what the service holds now
    editor.reject()


NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> Iterator[ConsoleWindow]:
    source = generated_cache(tmp_path_factory, "answer-draft", 300, 3, NOW)
    with private_copy(source, tmp_path) as cache:
        settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
        shown = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
        shown.show()
        qtbot.waitExposed(shown)
        qtbot.waitUntil(shown.idle, timeout=15_000)
        yield shown
        shown.close()
        shown.deleteLater()


def test_an_answer_cancelled_with_escape_is_there_when_the_editor_opens_again(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    ctx = window.context
    model = window.queue.model
    answerable = next(
        appeal.id
        for appeal in ctx.cache.appeals.get_many([int(i) for i in model.ids()])
        if Action.ANSWER in allowed_actions(appeal, ctx.identity.role, ctx.identity.login)
        and not appeal.answer
    )
    window.show_appeal(answerable)
    qtbot.waitUntil(window.idle)
    window.queue.table.setFocus()
    editor = open_answer_editor(window, qtbot)
    assert editor.text() == ""
    editor.editor.setFocus()
    written = "Уважаемый заявитель! Работы по ремонту двора включены в план на май."
    type_text(editor.editor, written)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Escape)  # a stray Esc: asked, kept writing
    qtbot.waitUntil(lambda: editor.confirm is not None and editor.confirm.isVisible())
    confirm = editor.confirm
    assert confirm is not None
    qtbot.keyClick(confirm, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.confirm is None)
    assert editor.isVisible()
    assert editor.text() == written
    qtbot.keyClick(editor.editor, Qt.Key.Key_Escape)  # Esc again, and this time close
    qtbot.waitUntil(lambda: editor.confirm is not None and editor.confirm.isVisible())
    box = editor.confirm
    assert box is not None
    close = next(b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.AcceptRole)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.appeal_actions.dialog is None)
    assert window.actions.waiting_for(answerable) == []  # nothing was sent

    editor = open_answer_editor(window, qtbot)
    assert editor.text() == written
    assert editor.focusWidget() is editor.editor
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return, CTRL)  # sent: the draft is done with
    qtbot.waitUntil(lambda: window.appeal_actions.dialog is None)
    assert [i.command.params["text"] for i in window.actions.waiting_for(answerable)] == [written]
    assert not window.appeal_actions.asker.drafts
