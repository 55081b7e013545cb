"""A disinformation case end to end: opened from one post, its copies found, refuted.

Three posts spread one claim (cholera in the tap water) and one post is about
something else. From the first post the operator opens a case: the similar texts are
proposed, the unrelated one is not. The case goes through the outbox to the real
service as a ``disinfo_case`` line on each member, comes back through the feed, and
is shown being checked; then the operator records the refutation and its link, and
the case shows who decided, when, and the hours from the first post.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from cur_desktop.domain.appeal import Author
from cur_desktop.domain.enums import Flag
from cur_desktop.problems.disinfo import CaseStatus
from tests.qt.actions.support import WorkstationFactory, on_service, type_text
from tests.support.central import CentralHandle, new_appeal

SHOTS = Path(os.environ.get("CUR_SHOTS", "/tmp/shots/problems"))
WAVE = (
    "В Туле в водопроводной воде нашли холеру, не пейте воду из-под крана, врачи молчат",
    "Говорят, в водопроводной воде Тулы нашли холеру! Не пейте воду из крана",
    "Срочно: в воде из-под крана в Туле холера, пить воду нельзя, передайте всем",
)
OTHER = "Во дворе на улице Мира третью неделю не вывозят мусор, контейнеры переполнены"


def test_a_case_is_opened_from_a_post_with_its_copies_and_refuted(
    qtbot: QtBot, central: CentralHandle, workstation: WorkstationFactory
) -> None:
    posts = [
        new_appeal(central, "Холера в воде", text, author=Author(name=f"Автор {i}"))
        for i, text in enumerate(WAVE)
    ]
    other = new_appeal(central, "Мусор не вывозят", OTHER, author=Author(name="Автор 9"))
    ws = workstation("operator")
    window = ws.window
    panel = window.disinfo_panel
    assert window.open_queue("all")
    qtbot.waitUntil(window.idle, timeout=15_000)
    window.show_appeal(posts[0].id)
    qtbot.waitUntil(lambda: window.selected_ids() == [posts[0].id], timeout=15_000)

    window.queue.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)  # fmt: skip
    qtbot.waitUntil(lambda: panel.open_dialog is not None and panel.open_dialog.isVisible())
    dialog = panel.open_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.members.count() > 0, timeout=15_000)
    proposed = set(dialog.chosen())
    assert {p.id for p in posts} <= proposed
    assert other.id not in proposed
    dialog.claim.selectAll()
    type_text(dialog.claim, "В водопроводной воде Тулы нашли холеру")
    dialog.grab().save(str(SHOTS / "disinfo_open_case.png"))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.open_dialog is None)

    ws.sync()
    qtbot.waitUntil(lambda: bool(panel.cases()), timeout=15_000)
    (case,) = [c for c in panel.cases() if c.case_id == f"D-{posts[0].id}"]
    assert case.status is CaseStatus.CHECKING
    assert set(case.members) == proposed
    assert case.claim == "В водопроводной воде Тулы нашли холеру"
    assert all(Flag.DISINFORMATION in on_service(central, i).flags for i in case.members)

    panel.table.selectRow(0)
    qtbot.mouseClick(panel.decide_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.decide_dialog is not None and panel.decide_dialog.isVisible())
    decide = panel.decide_dialog
    assert decide is not None
    decide.status.setCurrentIndex(decide.status.findData(CaseStatus.REFUTED.value))
    type_text(decide.refutation, "Роспотребнадзор: пробы воды в норме, холеры нет")
    type_text(decide.link, "https://71.rospotrebnadzor.ru/news/1")
    qtbot.mouseClick(decide.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    qtbot.waitUntil(lambda: panel.decide_dialog is None)

    ws.sync()
    login = central.accounts["operator"].login

    def refuted() -> bool:
        found = [c for c in panel.cases() if c.case_id == case.case_id]
        return bool(found) and found[0].status is CaseStatus.REFUTED

    qtbot.waitUntil(refuted, timeout=15_000)
    (case,) = [c for c in panel.cases() if c.case_id == case.case_id]
    assert case.decided_by == login
    assert case.refutation == "Роспотребнадзор: пробы воды в норме, холеры нет"
    assert case.link == "https://71.rospotrebnadzor.ru/news/1"
    assert case.hours_to_refutation is not None
    assert case.hours_to_refutation >= 0
    qtbot.waitUntil(window.idle, timeout=15_000)
    window.grab().save(str(SHOTS / "disinfo_case.png"))
