"""The «Конфликтные» queue end to end: detected in the synced cache, settled through the service.

A citizen writes twice about the same problem within days (the region's
``repeat_author`` rule): the second appeal is in the queue and the panel says why,
with the first one's number. The operator records the resolution with the keyboard;
the command goes through the outbox to the real service, comes back through the
feed, and the appeal leaves the queue on this workstation.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from cur_desktop.domain.appeal import Author
from cur_desktop.problems.conflicts import ReasonCode
from tests.qt.actions.support import WorkstationFactory, on_service, type_text
from tests.support.central import CentralHandle, head_of_centre, new_appeal
from ui.console.problems_conflicts import ConflictPanel

WATER = "Нет холодной воды в доме уже третий день, управляющая компания не отвечает"
WATER_AGAIN = "Снова нет холодной воды в доме, управляющая компания ничего не делает"
SHOTS = Path(os.environ.get("CUR_SHOTS", "/tmp/shots/problems"))


def test_a_repeat_is_in_the_conflict_queue_and_a_resolution_takes_it_out(
    qtbot: QtBot, central: CentralHandle, workstation: WorkstationFactory
) -> None:
    author = Author(name="Ольга Тестова", phone="+7 900 111-22-33")
    first = new_appeal(central, "Нет воды", WATER, author=author)
    second = new_appeal(central, "Снова нет воды", WATER_AGAIN, author=author)
    ws = workstation("operator")
    window = ws.window
    panel = window.conflict_panel
    assert isinstance(panel, ConflictPanel)
    assert panel.isHidden()

    assert window.open_queue("conflict")
    qtbot.waitUntil(lambda: panel.isVisible() and bool(panel.rows()), timeout=15_000)
    qtbot.waitUntil(window.idle, timeout=15_000)
    rows = {r.conflict.appeal_id: r for r in panel.rows()}
    assert first.id not in rows
    repeat = rows[second.id]
    assert [(r.code, r.earlier_id) for r in repeat.conflict.reasons] == [
        (ReasonCode.REPEAT_AUTHOR, first.id)
    ]
    assert window.queue.model.row_of(second.id) >= 0
    assert window.navigator_model.count("conflict") == len(rows)
    line = next(i for i in range(panel.table.rowCount()) if panel.table.item(i, 0).text()
                == f"№ {second.id}")  # fmt: skip
    assert f"№ {first.id}" in panel.table.item(line, 2).text()  # the reason names the first
    assert "Тестова" not in panel.table.item(line, 2).text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "conflict_queue.png"))

    panel.table.setFocus()
    panel.table.selectRow(line)
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    dialog = panel.dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # «how» is required
    type_text(dialog.how, "Позвонили, воду дали, извинились")
    dialog.grab().save(str(SHOTS / "conflict_resolution_dialog.png"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.dialog is None)

    ws.sync()
    head = head_of_centre(central)
    assert central.service is not None
    history = central.service.get_appeal(head, second.id).history
    settled = [h.entry for h in history if h.entry.action == "resolve_conflict"]
    assert len(settled) == 1
    assert settled[0].details["resolved"] is True
    assert settled[0].details["how"] == "Позвонили, воду дали, извинились"
    assert settled[0].details["reasons"] == "repeat_author"
    assert on_service(central, second.id).version == second.version + 1
    qtbot.waitUntil(
        lambda: second.id not in {r.conflict.appeal_id for r in panel.rows()}, timeout=15_000
    )
    qtbot.waitUntil(window.idle, timeout=15_000)
    model = window.queue.model  # a row that left is kept, marked gone, until the operator moves
    assert model.row_of(second.id) < 0 or model.is_gone(second.id)
    assert window.navigator_model.count("conflict") == len(panel.rows())
