"""A measure end to end: a head links a problem to it in «Проблемы», the service keeps it.

Four appeals about one problem (no cold water at one house) make a cluster. The head
of the ЦУР selects it in «Проблемы», links a measure (what, who, due, status) through
the dialog; the ``measure`` lines go through the outbox to the real service, one on
each of the cluster's appeals, come back through the feed, and the measures table
shows the measure with its effect and the problem names its measure. Then the
status is changed to «выполнена». A category in a municipality is linked the same
way (its newest appeals there carry it). An operator cannot link one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from cur_desktop.domain.appeal import Author
from cur_desktop.problems.measures import MeasureStatus, category_carriers, category_problem
from tests.qt.actions.support import WorkstationFactory, type_text
from tests.qt.problems.test_disinfo_case import SHOTS
from tests.support.central import CentralHandle, head_of_centre, new_appeal

WATER = (
    "В доме 5 по улице Ленина нет холодной воды с утра, краны сухие",
    "Ленина, дом 5: снова нет холодной воды, в кранах пусто",
    "Нет холодной воды в доме 5 на улице Ленина второй день",
    "Дом 5 по улице Ленина: холодной воды нет, когда дадут воду?",
)


def test_a_head_links_a_problem_to_a_measure_and_changes_its_status(
    qtbot: QtBot, central: CentralHandle, workstation: WorkstationFactory
) -> None:
    water = [
        new_appeal(central, "Нет холодной воды", text, author=Author(name=f"Житель {i}"))
        for i, text in enumerate(WATER)
    ]
    ids = {a.id for a in water}
    ws = workstation("cur_head")
    window = ws.window
    view = window.problems_view
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)  # fmt: skip

    def ours_listed() -> bool:
        return any(ids <= set(p.appeal_ids) for p in view.problems())

    qtbot.waitUntil(ours_listed, timeout=180_000)
    row, problem = next((i, p) for i, p in enumerate(view.problems()) if ids <= set(p.appeal_ids))
    view.table.selectRow(row)
    assert view.link_button.isEnabled()
    qtbot.mouseClick(view.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.measure_dialog is not None and view.measure_dialog.isVisible())
    dialog = view.measure_dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing said yet
    type_text(dialog.what, "Замена участка водопровода на ул. Ленина")
    type_text(dialog.who, "Тулагорводоканал")
    dialog.due.setDate(dialog.due.date().addDays(5))
    due = dialog.due_iso()
    dialog.status.setCurrentIndex(dialog.status.findData(MeasureStatus.IN_PROGRESS.value))
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "measure_dialog.png"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.measure_dialog is None)

    ws.sync()
    qtbot.waitUntil(lambda: bool(view.measures()), timeout=30_000)
    (row_shown,) = view.measures()
    measure = row_shown.measure
    assert measure.problem == problem.key
    assert set(measure.members) == set(problem.appeal_ids)
    assert (measure.what, measure.who, measure.due) == (
        "Замена участка водопровода на ул. Ленина", "Тулагорводоканал", due,
    )  # fmt: skip
    assert measure.status is MeasureStatus.IN_PROGRESS
    assert measure.taken_at is not None
    assert row_shown.effect.before >= len(water)  # its own appeals came before it
    assert row_shown.effect.year_before is None  # the service holds no year-old appeals
    assert central.service is not None
    head = head_of_centre(central)
    for appeal_id in problem.appeal_ids:
        lines = [
            h.entry
            for h in central.service.get_appeal(head, appeal_id).history
            if h.entry.action == "measure"
        ]
        assert [line.details["measure"] for line in lines] == [measure.measure_id]
    shown_row = next(i for i, p in enumerate(view.problems()) if p.key == problem.key)
    measure_cell = view.table.item(shown_row, 6)
    assert measure_cell is not None
    assert "Замена участка водопровода" in measure_cell.text()

    view.measures_table.selectRow(0)
    qtbot.mouseClick(view.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.measure_dialog is not None and view.measure_dialog.isVisible())
    change = view.measure_dialog
    assert change is not None
    assert change.what.text() == measure.what
    change.status.setCurrentIndex(change.status.findData(MeasureStatus.DONE.value))
    qtbot.mouseClick(change.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    qtbot.waitUntil(lambda: view.measure_dialog is None)
    ws.sync()
    qtbot.waitUntil(
        lambda: bool(view.measures()) and view.measures()[0].measure.status is MeasureStatus.DONE,
        timeout=30_000,
    )
    done = view.measures()[0].measure
    assert done.taken_at == measure.taken_at  # the effect is still measured from then
    qtbot.waitUntil(window.idle, timeout=15_000)
    window.grab().save(str(SHOTS / "problems_measure.png"))


def test_an_operator_cannot_link_a_measure(
    qtbot: QtBot, central: CentralHandle, workstation: WorkstationFactory
) -> None:
    ws = workstation("operator")
    view = ws.window.problems_view
    view.show()
    qtbot.waitUntil(lambda: bool(view.problems()), timeout=180_000)
    view.table.selectRow(0)
    assert not view.link_button.isEnabled()
    assert not view.category_button.isEnabled()
    assert not view.status_button.isEnabled()


def test_a_head_links_a_category_in_a_municipality_to_a_measure(
    qtbot: QtBot, central: CentralHandle, workstation: WorkstationFactory
) -> None:
    ws = workstation("cur_head")
    window = ws.window
    view = window.problems_view
    view.show()
    qtbot.waitUntil(view.category_button.isEnabled, timeout=30_000)
    cache = window.context.cache
    with cache.engine.connect() as conn:
        category, municipality = conn.exec_driver_sql(
            "SELECT category, municipality FROM appeals WHERE category IS NOT NULL "
            "AND municipality IS NOT NULL GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1"
        ).one()
    now = window.context.clock().timestamp()
    carriers = category_carriers(cache.engine, category, municipality, now)
    assert carriers
    qtbot.mouseClick(view.category_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.measure_dialog is not None and view.measure_dialog.isVisible())
    dialog = view.measure_dialog
    assert dialog is not None
    assert dialog.category is not None
    assert dialog.municipality is not None
    type_text(dialog.what, "Проверка подрядчика")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no category or municipality chosen yet
    dialog.category.setCurrentIndex(dialog.category.findData(category))
    dialog.municipality.setCurrentIndex(dialog.municipality.findData(municipality))
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.measure_dialog is None)
    ws.sync()

    def linked() -> bool:
        return any(r.measure.is_category for r in view.measures())

    qtbot.waitUntil(linked, timeout=30_000)
    row = next(r for r in view.measures() if r.measure.is_category)
    assert row.measure.problem == category_problem(category, municipality)
    assert (row.measure.category, row.measure.municipality) == (category, municipality)
    assert set(row.measure.members) == set(carriers)
    assert row.measure.status is MeasureStatus.PLANNED
    assert row.effect.before >= sum(
        1 for a in cache.appeals.get_many(carriers) if a.created_at.timestamp() < row.measure.since
    )
