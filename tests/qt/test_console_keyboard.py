"""The console by keyboard alone, and what it says about itself (issue 14, parts 5–7).

A real window over a real generated cache, driven by real key events: Tab reaches
every focusable widget and leaves each one; F1 lists the shortcuts of the real
actions; the filters are reached and changed with keys; Ctrl+1…7 moves the
navigator's highlight; the answer editor sends only on Ctrl+Enter and asks before
Esc throws a changed text away; «Осталось» is one unit that sorts as it reads; the
offline banner says what offline means; the sending indicator ends with the outbox.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache
from cur_desktop.domain.dictionaries import AnswerTemplate
from cur_desktop.regions.pack import builtin_pack_dir, load_pack
from cur_desktop.sla import SlaStatus
from cur_desktop.sla.engine import Phase as SlaPhase
from cur_desktop.sla.engine import SlaState
from cur_desktop.sync.status import Link, Phase, Progress, SyncStatus
from tests.qt.actions.support import type_text
from tests.support.caches import generated_cache, private_copy
from ui.console.console_context import ConsoleContext
from ui.console.session.progress import SyncProgress
from ui.console.window import ConsoleWindow
from ui.shortcuts_dialog import ShortcutsDialog, plain
from widgets.answer_editor import AnswerEditor
from widgets.sla_format import Deadline, deadline_text

# 12:30 on a working Friday in the region's zone
NOW = datetime(2026, 11, 20, 12, 30, tzinfo=load_pack(builtin_pack_dir()).timezone).astimezone(UTC)
SHOTS = Path("/tmp/shots/console")


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "console-keyboard", 800, 5, NOW)


@pytest.fixture
def cache(demo_cache: Path, tmp_path: Path) -> Iterator[Cache]:
    with private_copy(demo_cache, tmp_path) as opened:
        yield opened


@pytest.fixture
def window(qtbot: QtBot, cache: Cache, tmp_path: Path) -> Iterator[ConsoleWindow]:
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    shown = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
    shown.resize(1600, 900)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    qtbot.waitUntil(shown.idle, timeout=15_000)
    yield shown
    shown.close()
    shown.deleteLater()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab_stops(window: QWidget) -> list[QWidget]:
    """Every widget of the window the keyboard should reach with Tab."""
    return [
        w
        for w in window.findChildren(QWidget)
        if w.isVisibleTo(window)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and w.window() is window
    ]


# -- Tab -------------------------------------------------------------------------------------


def test_tab_reaches_every_focusable_widget_and_leaves_each(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    stops = tab_stops(window)
    names = {id(w): f"{type(w).__name__} {w.objectName() or w.accessibleName()}" for w in stops}
    assert window.queue.filter_bar.date_from in stops
    assert window.queue.filter_bar.overdue in stops
    window.navigator.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.navigator)
    seen: list[QWidget] = [window.navigator]
    for _ in range(2 * len(stops) + 2):
        before = focused()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        after = focused()
        assert after is not before, f"Tab did not leave {names.get(id(before), before)}"
        seen.append(after)
    missed = [names[id(w)] for w in stops if w not in seen]
    assert not missed, missed
    # the date edit that was a trap: one Tab, and the focus is on the next filter
    bar = window.queue.filter_bar
    bar.date_from.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar.date_from)
    qtbot.keyClick(bar.date_from, Qt.Key.Key_Tab)
    assert focused() is bar.date_to
    qtbot.keyClick(bar.date_to, Qt.Key.Key_Tab)
    assert focused() is bar.overdue
    qtbot.keyClick(bar.overdue, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is bar.date_to


def test_every_filter_is_reached_and_changed_by_keys(qtbot: QtBot, window: ConsoleWindow) -> None:
    bar = window.queue.filter_bar
    total = window.queue.total()
    assert total
    qtbot.keyClick(window.queue.table, Qt.Key.Key_P, CTRL_SHIFT)  # «Только просроченные»
    assert bar.overdue.isChecked()
    qtbot.waitUntil(lambda: window.idle() and window.queue.total() not in (None, total))
    qtbot.keyClick(window.queue.table, Qt.Key.Key_P, CTRL_SHIFT)
    assert not bar.overdue.isChecked()

    qtbot.keyClick(focused(), Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # to the filters
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar.theme)
    qtbot.keyClick(bar.theme, Qt.Key.Key_Down)  # the first theme
    assert bar.values().theme is not None
    for combo in [bar.category, bar.municipality, bar.body, bar.source, bar.status,
                  bar.importance, bar.flag]:  # fmt: skip
        while focused() is not combo:  # Tab on through the lists, in reading order
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() == 1, combo
    bar.date_from.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar.date_from)
    for key in (Qt.Key.Key_Up,):  # «not set» → a date, with the arrow key
        qtbot.keyClick(bar.date_from, key)
    assert bar.values().date_from is not None
    qtbot.keyClick(focused(), Qt.Key.Key_R, CTRL_SHIFT)  # reset
    assert bar.values() == type(bar.values())()


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


# -- F1 --------------------------------------------------------------------------------------


def test_f1_lists_every_shortcut_of_the_real_actions(qtbot: QtBot, window: ConsoleWindow) -> None:
    qtbot.keyClick(window.queue.table, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    assert isinstance(dialog, ShortcutsDialog)
    qtbot.waitExposed(dialog)
    rows = dialog.visible_rows()
    listed = {keys for _text, keys in rows}
    for action in window.menus.actions.values():
        if action.shortcut().isEmpty() or not action.isVisible():
            continue
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert keys in listed, plain(action.text())
    for spec_key in ("categorise", "route", "answer"):  # the «Обращение» menu, by its keys
        action = window.appeal_actions.qactions[spec_key]
        assert (plain(action.text()), action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText)) in rows  # fmt: skip
    # «Справка» holds it, first
    help_menu = window.menus.menu("help")
    assert help_menu.actions()[0] is window.menus.actions["shortcuts"]
    # the search line filters
    type_text(dialog.search, "F1")
    assert [keys for _t, keys in dialog.visible_rows()] == ["F1"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.search.clear()
    dialog.grab().save(str(SHOTS / "shortcuts.png"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.shortcuts_dialog is None)


def test_the_navigator_follows_ctrl_and_a_number(qtbot: QtBot, window: ConsoleWindow) -> None:
    keys = window.navigator_model.keys()
    for number in (3, 1, 2):
        qtbot.keyClick(window.queue.table, getattr(Qt.Key, f"Key_{number}"),
                       Qt.KeyboardModifier.ControlModifier)  # fmt: skip
        assert window.current_queue() == keys[number - 1]
        current = window.navigator.currentIndex()
        assert window.navigator_model.key_of(current) == keys[number - 1]
        assert window.navigator.selectionModel().isSelected(
            current
        )  # highlighted, not only current


# -- the answer editor -------------------------------------------------------------------


def editor(qtbot: QtBot, text: str = "") -> AnswerEditor:
    template = AnswerTemplate(
        code="t", title="Ответ", text="Работы выполнены по обращению {number}."
    )
    shown = AnswerEditor([template], {"number": "42"}, interim=False, summary="№ 42", text=text)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    return shown


def test_the_answer_editor_sends_only_on_ctrl_enter(qtbot: QtBot) -> None:
    dialog = editor(qtbot)
    dialog.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.editor)
    type_text(dialog.editor, "Работы выполнены")
    # Tab never lands on a button: editor → template search → editor
    stops = set()
    for _ in range(4):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        stops.add(focused())
    assert stops == {dialog.editor, dialog.templates.search}
    dialog.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.editor)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
        qtbot.keyClick(dialog.editor, key)
        assert dialog.isVisible()
        assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.send_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.text().startswith("Работы выполнены")


def test_esc_on_a_changed_answer_asks_and_keeps_it(qtbot: QtBot) -> None:
    unchanged = editor(qtbot, text="Ответ, отклонённый сервисом")
    qtbot.keyClick(unchanged.editor, Qt.Key.Key_Escape)  # nothing written: closes at once
    assert not unchanged.isVisible()
    assert unchanged.confirm is None

    dialog = editor(qtbot)
    dialog.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.editor)
    type_text(dialog.editor, "Длинный ответ заявителю")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.confirm is not None and dialog.confirm.isVisible())
    assert dialog.isVisible()
    box = dialog.confirm
    assert box is not None
    SHOTS.mkdir(parents=True, exist_ok=True)
    box.grab().save(str(SHOTS / "answer_esc_question.png"))
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default is «keep writing»
    qtbot.waitUntil(lambda: dialog.confirm is None)
    assert dialog.isVisible()
    assert dialog.text() == "Длинный ответ заявителю"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.editor)
    dialog.grab().save(str(SHOTS / "answer_dialog_focus.png"))
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.confirm is not None)
    box = dialog.confirm
    assert box is not None
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc in the question keeps writing too
    qtbot.waitUntil(lambda: dialog.confirm is None)
    assert dialog.isVisible()


# -- «Осталось» --------------------------------------------------------------------------------


def _state(status: SlaStatus, remaining: timedelta, due: datetime) -> SlaState:
    return SlaState(
        status=status,
        phase=SlaPhase.FIRST_ANSWER,
        due_at=due,
        remaining=remaining,
        target_at=None,
        first_due_at=due,
        clock_started_at=due - timedelta(days=30),
        finished_at=None,
        rule="r",
    )


def test_remaining_time_is_one_unit_that_sorts_as_it_reads(qapp: object) -> None:
    # 76 working days over is 106 calendar days over: more overdue than 90 calendar days
    working = Deadline(
        _state(SlaStatus.OVERDUE, -timedelta(hours=76 * 8), NOW - timedelta(days=106)),
        working=True,
        real_remaining=-timedelta(days=106),
    )
    calendar = Deadline(
        _state(SlaStatus.OVERDUE, -timedelta(days=90), NOW - timedelta(days=90)),
        working=False,
        real_remaining=-timedelta(days=90),
    )
    assert deadline_text(working) == "−106 дн."
    assert deadline_text(calendar) == "−90 дн."


def test_the_deadline_column_sorts_by_real_remaining_time(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    model = window.queue.model
    rows = min(model.rowCount(), 400)
    assert rows > 50
    shown = []
    for row in range(rows):
        deadline = model.deadline(row)
        if deadline is None or deadline.state.status not in (
            SlaStatus.NORMAL,
            SlaStatus.AT_RISK,
            SlaStatus.OVERDUE,
        ):
            continue
        remaining, working = deadline.shown_remaining()
        assert not working  # one unit in the column
        assert "раб." not in deadline_text(deadline)
        shown.append(remaining)
    assert len(shown) > 50
    assert shown == sorted(shown)  # the text sorts as it reads


def test_the_summary_is_wide_enough_to_read_the_gist(qtbot: QtBot, window: ConsoleWindow) -> None:
    from ui.console.queue_pane import SUMMARY_MIN
    from widgets.queue_model import Column

    header = window.queue.table.horizontalHeader()
    viewport = window.queue.table.viewport().width()
    assert header.sectionSize(Column.TITLE) >= SUMMARY_MIN
    assert sum(header.sectionSize(c) for c in Column) <= viewport + 1  # no sideways scrolling
    gist = window.queue.table.fontMetrics().averageCharWidth() * 25  # 25 characters at least
    assert header.sectionSize(Column.TITLE) >= 1.5 * gist
    window.resize(1366, 768)  # a laptop: still the gist
    qtbot.waitUntil(lambda: window.queue.table.viewport().width() < viewport)
    assert header.sectionSize(Column.TITLE) >= max(SUMMARY_MIN, gist)
    shown = sum(header.sectionSize(c) for c in Column if not header.isSectionHidden(c))
    assert shown <= window.queue.table.viewport().width() + 1  # no sideways scrolling here either
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "laptop_1366.png"))


# -- status and start -------------------------------------------------------------------------


def test_the_offline_banner_says_what_offline_means(qtbot: QtBot, window: ConsoleWindow) -> None:
    banner = window.offline_banner
    window.status.show_status(SyncStatus(link=Link.ONLINE, last_success=None))
    assert not banner.isVisible()
    window.status.show_status(SyncStatus(link=Link.OFFLINE, last_success=None, retry_in=30.0))
    assert banner.isVisible()
    assert "Нет связи с центральным сервисом" in banner.title.text()
    assert "будет отправлено, когда связь восстановится" in banner.detail.text()
    # an action taken now says so too
    window.queue.table.select_row(0)
    window.queue.table.setFocus()
    qtbot.waitUntil(window.idle)
    window.appeal_actions.update()
    flag = window.appeal_actions.qactions["flag_resonance"]
    if flag.isEnabled():
        qtbot.keyClick(window.queue.table, Qt.Key.Key_F9)
        assert "будет отправлено, когда связь восстановится" in window.status.currentMessage()
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "offline_banner.png"))
    window.status.show_status(SyncStatus(link=Link.ONLINE, last_success=None))
    assert not banner.isVisible()


def test_the_sending_indicator_ends_with_the_outbox(qtbot: QtBot) -> None:
    progress = SyncProgress()
    qtbot.addWidget(progress)
    progress.on_progress(Progress(Phase.OUTBOX, 0, 1))
    assert progress.busy()
    progress.on_progress(Progress(Phase.OUTBOX, 1, 1))  # the live loop says no more than this
    assert not progress.busy()
    assert not progress.isVisible()
