"""People by name, not login: the service sends staff names with the region, the console
shows them in the queue, the detail pane, its notices and the status bar."""

from __future__ import annotations

import uuid

from pytestqt.qtbot import QtBot

from cur_desktop.cache.queries.people import people_names
from cur_desktop.central.demo import demo_staff, ensure_demo_staff
from tests.qt.actions.support import WorkstationFactory
from tests.support.central import CentralHandle, new_appeal
from tests.sync.sync_support import service_user
from widgets.queue_model import Column


def test_a_colleague_is_shown_by_name_everywhere(
    qtbot: QtBot, central: CentralHandle, workstation: WorkstationFactory
) -> None:
    assert central.service is not None
    dicts = central.service.region.dicts
    ensure_demo_staff(central.service.engine, dicts)  # as `cur-central demo` does
    appeal = new_appeal(central, "Нет света", "Во дворе не горят фонари", number="T-NAMES-1")
    colleague = service_user(central, "operator")
    version = central.service.get_appeal(colleague, appeal.id).appeal.version
    outcome = central.service.apply_action(
        colleague, appeal.id, uuid.uuid4().hex, "take", {}, version
    )
    assert outcome.result == "applied"
    with central.service.engine.connect() as conn:
        name = conn.exec_driver_sql(
            "select name from users where login = ?", (colleague.login,)
        ).scalar_one()
    assert name
    assert name != colleague.login

    ws = workstation("cur_head")
    window = ws.window
    names = people_names(window.context.cache)
    assert names[colleague.login] == name
    staff = demo_staff(dicts)
    assert names["operator05"] == staff["operator05"]  # the generated history's staff too
    mcu = next(login for login in staff if login.startswith("mcu-"))
    assert names[mcu].startswith("МЦУ: ")
    assert names["im-integration"] == staff["im-integration"]  # the systems in the history too

    window.open_queue("open")
    qtbot.waitUntil(window.idle)
    window.show_appeal(appeal.id)
    qtbot.waitUntil(lambda: window.selected_ids() == [appeal.id])
    model = window.queue.model
    row = model.row_of(appeal.id)
    assert model.data(model.index(row, Column.TAKEN_BY)) == name
    record = window.detail.record()
    assert record is not None
    assert record.person(record.appeal.taken_by) == name
    html = window.detail.toHtml()
    assert name in html
    assert colleague.login not in window.detail.toPlainText()
    # who is signed in, by name
    me = service_user(central, "cur_head")
    my_name = names[me.login]
    assert window.status.user.text().startswith(my_name) or my_name in window.status.user.toolTip()
