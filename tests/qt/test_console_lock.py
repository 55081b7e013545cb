"""A colleague's lock in the real console: shown, enforced in the menus, refused with a name.

The real service on 127.0.0.1, a real sync engine and console window per person. An
operator routes an appeal while it is free (stored, not yet sent); a colleague takes
it meanwhile; the sync brings the service's refusal, told with the colleague's name.
The queue row and the detail pane then show the padlock in amber with the holder, the
«Обращение» menu disables what the service would refuse (route, answer, reject, …),
keeps notes and flags, and offers «Забрать себе» (Ctrl+Shift+G): pressed by the
operator it is refused while the colleague is at work, pressed by the head of the
centre it makes the appeal theirs. A screenshot of the lock goes to /tmp/shots/taken/.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache, OutboxState
from cur_desktop.central.auth import add_user
from cur_desktop.domain.enums import Action, Role
from cur_desktop.domain.lifecycle import Command
from tests.qt.actions.support import Workstation, on_service
from tests.support.central import TULA, Account, CentralHandle, central_thread, new_appeal
from tests.sync.sync_support import engine_for, service_user
from ui.console.actions_specs import refusal_text
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow
from widgets.lock_icon import LOCK_BACKGROUND
from widgets.queue_model import Column

SHOTS = Path("/tmp/shots/taken")
COLLEAGUE = ("petrova", "Петрова Ольга Ивановна")
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
#: What only the holder may do, as the console's menu keys.
#: («Взять себе» stays enabled: pressing it says who has the appeal, actions_menu.py.)
REFUSED = (
    "take_into_work",
    "categorise",
    "route",
    "redirect",
    "reject",
    "importance",
)


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralHandle]:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=30, seed=5) as handle:
        assert handle.service is not None
        login, name = COLLEAGUE
        add_user(handle.service.engine, login, name, Role.OPERATOR, "colleague-pass")
        handle.accounts[login] = Account(login, "colleague-pass", Role.OPERATOR.value, {})
        yield handle


@pytest.fixture
def open_desk(qtbot: QtBot, central: CentralHandle, tmp_path: Path) -> Iterator[object]:
    with ExitStack() as stack:

        def make(who: str) -> Workstation:
            folder = tmp_path / who
            folder.mkdir()
            engine = stack.enter_context(engine_for(central, folder / "cache.sqlite", who))
            engine.sync_once(give_up_after=10)
            cache = stack.enter_context(Cache.open(folder / "cache.sqlite"))
            settings = QSettings(str(folder / "layout.ini"), QSettings.Format.IniFormat)
            window = ConsoleWindow(ConsoleContext(cache), settings=settings)
            stack.callback(window.deleteLater)
            stack.callback(window.close)
            window.resize(1600, 900)
            window.show()
            qtbot.waitExposed(window)
            qtbot.waitUntil(window.idle, timeout=15_000)
            return Workstation(who, engine, window, qtbot, [])

        yield make


def _select(ws: Workstation, appeal_id: int) -> None:
    window = ws.window
    window.open_queue("open")
    ws.qtbot.waitUntil(window.idle)
    model = window.queue.model
    row = model.row_of(appeal_id)
    assert row >= 0
    table = window.queue.table
    table.setCurrentIndex(model.index(row, 0))
    table.selectionModel().select(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.setFocus()
    ws.qtbot.waitUntil(window.idle)
    assert window.selected_ids() == [appeal_id]


def _press_take_over(ws: Workstation) -> None:
    ws.window.activateWindow()
    ws.qtbot.waitUntil(lambda: QApplication.activeWindow() is ws.window)
    ws.qtbot.keyClick(ws.window.queue.table, Qt.Key.Key_G, CTRL_SHIFT)


def test_a_colleagues_lock_is_shown_enforced_and_can_be_taken_over(
    central: CentralHandle, open_desk: object
) -> None:
    assert central.service is not None
    service = central.service
    head = service_user(central, "cur_head")
    colleague = service_user(central, COLLEAGUE[0])
    fresh = new_appeal(central, "Не горит фонарь", "Третью неделю не горит фонарь у подъезда")
    service.apply_action(
        head, fresh.id, "lock-cat", "categorise", {"theme": "energy"}, fresh.version
    )
    body = service.region.dicts.bodies_for("energy", TULA)[0].code

    me = open_desk("operator")  # type: ignore[operator]
    _select(me, fresh.id)
    actions = me.window.appeal_actions.qactions
    assert actions["route"].isEnabled()
    assert not actions["take_over"].isEnabled()  # nobody holds it: nothing to take over
    seen = me.engine.cache.appeals.get(fresh.id)
    assert seen is not None
    # routed while free, stored; the sync has not sent it yet
    me.window.appeal_actions.submit([seen], Command.of(Action.ROUTE, body=body))
    current = service.get_appeal(head, fresh.id).appeal
    service.apply_action(colleague, fresh.id, "lock-take", "take", {}, current.version)

    me.sync()  # the stored route reaches the service, which refuses it: the colleague holds it
    (refused,) = me.engine.cache.outbox.items(OutboxState.REFUSED)
    assert refused.result is not None
    assert refused.result["params"]["taken_by_name"] == COLLEAGUE[1]
    told = refusal_text("taken_by_other", refused.result["params"])
    assert COLLEAGUE[1] in told
    assert told in me.window.status.currentMessage()
    assert told in me.window.detail.notice()
    assert on_service(central, fresh.id).body is None  # not routed

    # the lock in the queue row: padlock before the number and the holder, in amber
    model = me.window.queue.model
    row = model.row_of(fresh.id)
    for column in (Column.NUMBER, Column.TAKEN_BY):
        icon = model.data(model.index(row, column), Qt.ItemDataRole.DecorationRole)
        assert isinstance(icon, QIcon)
        assert not icon.isNull()
    background = model.data(model.index(row, Column.TAKEN_BY), Qt.ItemDataRole.BackgroundRole)
    assert background == QColor(LOCK_BACKGROUND)
    holder = str(model.data(model.index(row, Column.TAKEN_BY), Qt.ItemDataRole.DisplayRole))
    assert holder  # who holds it (their name once the console shows names)
    # ... and in the detail pane
    detail = me.window.detail
    assert detail.held_by_colleague()
    assert LOCK_BACKGROUND in detail.toHtml().lower()

    # the menu: what the service would refuse is off; notes, flags and take over are on
    _select(me, fresh.id)
    for key in REFUSED:
        assert not actions[key].isEnabled(), key
    for key in ("answer", "interim_answer", "postpone"):
        assert not actions[key].isEnabled(), key
    for key in ("note", "flag_important", "flag_conflict", "take_over"):
        assert actions[key].isEnabled(), key

    SHOTS.mkdir(parents=True, exist_ok=True)
    me.window.grab().save(str(SHOTS / "console-colleague-lock.png"))

    # the operator's take over: the colleague took it a moment ago, so it is refused, by name
    me.window.status.clearMessage()
    _press_take_over(me)
    me.sync()
    refusals = me.engine.cache.outbox.items(OutboxState.REFUSED)
    assert [i.command.action for i in refusals] == [Action.ROUTE, Action.TAKE_OVER]
    active = refusals[-1].result
    assert active is not None
    assert active["error"] == "holder_active"
    assert COLLEAGUE[1] in refusal_text("holder_active", active["params"])
    assert COLLEAGUE[1] in me.window.status.currentMessage()

    # the head of the centre takes it over at once; it is in the history with the colleague
    boss = open_desk("cur_head")  # type: ignore[operator]
    _select(boss, fresh.id)
    assert boss.window.appeal_actions.qactions["take_over"].isEnabled()
    _press_take_over(boss)
    boss.sync()
    served = on_service(central, fresh.id)
    assert served.taken_by == central.accounts["cur_head"].login
    last = service.get_appeal(head, fresh.id).history[-1].entry
    assert (last.action, last.details["previous_taken_by"]) == ("take_over", COLLEAGUE[0])
    assert boss.window.appeal_actions.qactions["route"].isEnabled()
    assert not boss.window.detail.held_by_colleague()
