"""Rotation, the page prepared before it is shown, and an alarm pre-empting the schedule.

The real wall runs in this process (offscreen, one screen) over a generated cache.
Time is driven by the rotation's own timers with every duration scaled down
(``ms_per_second``), never by sleeping.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from pytestqt.qtbot import QtBot

from cur_desktop.analytics import Alarm
from tests.qt.wall.conftest import NOW, layout_doc, write_layout

SCREEN = {"id": "main", "screen": {"position": "primary"}, "playlist": "p"}


def _shell(make_shell: Any, tmp_path: Path, cache: Path, pages: list[Any], **settings: Any) -> Any:
    layout = write_layout(tmp_path, layout_doc({"p": pages}, [SCREEN], **settings))
    return make_shell(layout=layout, cache=cache)


def test_pages_rotate_in_order_for_their_durations(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    shell = _shell(
        make_shell,
        tmp_path,
        wall_cache,
        [{"page": "kpi", "seconds": 3}, {"page": "heatmap", "seconds": 1}],
    )
    rotator = shell.rotators["main"]
    rotator.ms_per_second = 20  # 1 "second" of the layout lasts 20 ms here
    shown: list[str] = []
    rotator.page_shown.connect(shown.append)
    shell.start()
    qtbot.waitUntil(lambda: len(shown) >= 5, timeout=10_000)
    assert shown[:5] == ["kpi", "heatmap", "kpi", "heatmap", "kpi"]
    window = shell.windows["main"]
    assert window.stack.currentWidget() is rotator.current.page
    # only the page on top repaints; the covered one is laid out but silent
    assert [s.page.updatesEnabled() for s in rotator.own] == [
        s is rotator.current for s in rotator.own
    ]
    assert window.strip.page.text().endswith(f"{rotator.index + 1}/2")


class _Recorder(QObject):
    """Paint events of one page, with what the page held and how big it was."""

    def __init__(self, page: Any, stack: Any, shell: Any) -> None:
        super().__init__()
        self.page, self.stack, self.shell = page, stack, shell
        self.events: list[tuple[str, bool, bool]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.Paint:
            has_data = self.shell.data is not None and self.page.data is self.shell.data
            laid_out = self.page.geometry() == self.stack.contentsRect()
            self.events.append(("paint", has_data, laid_out))
        return False

    def became_current(self, index: int) -> None:
        if self.stack.widget(index) is self.page:
            self.events.append(("current", self.page.isVisible(), True))


def test_next_page_is_drawn_with_current_data_before_it_is_shown(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    shell = _shell(
        make_shell,
        tmp_path,
        wall_cache,
        [{"page": "kpi", "seconds": 20}, {"page": "heatmap", "seconds": 20}],
        preroll_ms=5000,
    )
    rotator = shell.rotators["main"]
    rotator.ms_per_second = 100  # kpi for 2 s, the heat map prepared 0.5 s before its turn
    heatmap = rotator.own[1].page
    stack = shell.windows["main"].stack
    recorder = _Recorder(heatmap, stack, shell)
    heatmap.installEventFilter(recorder)
    stack.currentChanged.connect(recorder.became_current)
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()
    assert heatmap.data is None  # hidden pages are not updated with every recomputation
    qtbot.waitUntil(lambda: ("current", True, True) in recorder.events, timeout=10_000)
    heatmap.removeEventFilter(recorder)
    became = recorder.events.index(("current", True, True))
    before = recorder.events[:became]
    # painted once off screen, with the figures of the latest computation, at full size
    assert ("paint", True, True) in before, recorder.events


def test_alarm_brings_its_page_forward_marks_it_then_rotation_resumes(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    shell = _shell(
        make_shell,
        tmp_path,
        wall_cache,
        [{"page": "kpi", "seconds": 3600}, {"page": "kpi"}, {"page": "heatmap"}],
        alarm_seconds=30,
    )
    # ten days after the last appeal: the figures raise no alarm of their own
    shell.service.worker.clock = lambda: NOW + timedelta(days=10)
    rotator = shell.rotators["main"]
    rotator.ms_per_second = 10  # the alarm lasts 0.3 s; the first page would stay 36 s
    window = shell.windows["main"]
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()
    assert rotator.index == 0
    heatmap = rotator.own[2].page
    alarm = Alarm(
        kind="surge",
        page="heatmap",
        key="surge:municipality:70701000:2026-11-20",
        text="Surge of appeals in %1",
        raised_at=NOW,
        target="70701000",
    )
    with qtbot.waitSignal(rotator.alarm_started, timeout=5000):
        shell.raise_alarm(alarm)
    assert rotator.current is rotator.own[2]
    assert window.stack.currentWidget() is heatmap
    assert heatmap.alarm is alarm
    assert heatmap.banner.isVisible()
    assert window.strip.alarm_text() == "Тревога: всплеск обращений"
    shell.raise_alarm(alarm)  # the same alarm again: it fires once
    assert rotator._waiting == {}
    with qtbot.waitSignal(rotator.alarm_ended, timeout=5000):
        pass
    assert heatmap.alarm is None
    assert not heatmap.banner.isVisible()
    # resumed where it was: the interrupted page had shown less than half of its turn
    assert rotator.index == 0
    assert window.stack.currentWidget() is rotator.own[0].page
    assert window.strip.alarm_text() == ""


def test_data_reaches_every_window_through_one_worker(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    screens = [
        {"id": "a", "screen": {"position": "primary"}, "playlist": "one"},
        {"id": "b", "screen": {"name": "ELSEWHERE"}, "playlist": "two", "fallback": "merge"},
    ]
    layout = write_layout(tmp_path, layout_doc({"one": ["kpi"], "two": ["heatmap"]}, screens))
    shell = make_shell(layout=layout, cache=wall_cache)
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()
    # one screen offscreen: b's page rotates in a's window, fed by the same computation
    assert shell.placement.merged == {"b": "a"}
    assert shell.rotators["a"].keys() == ["kpi", "heatmap"]
    assert shell.rotators["a"].own[0].page.data is shell.data
    assert shell.service.recomputations == 1


def test_every_screen_gone_and_back_in_process(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """The hot-plug handler with no monitor at all, then the monitor back (offscreen, one
    screen: unplugging is simulated by hiding screens from the shell)."""
    screens = [
        {"id": "a", "screen": {"position": "primary"}, "playlist": "one"},
        {"id": "b", "screen": {"name": "ELSEWHERE"}, "playlist": "two"},
    ]
    layout = write_layout(tmp_path, layout_doc({"one": ["kpi"], "two": ["heatmap"]}, screens))
    shell = make_shell(layout=layout, cache=wall_cache)
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()
    a, b = shell.rotators["a"], shell.rotators["b"]
    heatmap = b.own[0].page
    alarm = Alarm("surge", "heatmap", "surge:x", "Surge", NOW, None)
    shell.raise_alarm(alarm)
    assert a.current.page is heatmap  # b's page, lent to a, brought forward
    assert heatmap.alarm is alarm

    shell.screen_filter = lambda screen: False
    shell.screens_changed()
    assert shell.placement.hidden == ("a", "b")
    assert not shell.windows["a"].isVisible()
    assert heatmap.alarm is None  # the mark went with the alarm
    assert heatmap.parent() is shell.windows["b"].stack  # home again, not in a's stack

    shell.screen_filter = None
    shell.screens_changed()
    assert shell.windows["a"].isVisible()
    assert shell.placement.merged == {"b": "a"}
    assert a.keys() == ["kpi", "heatmap"]
    assert heatmap.parent() is shell.windows["a"].stack
    assert a.alarm is None
    assert shell.windows["a"].stack.currentWidget() is a.current.page


def test_new_figures_reach_every_window_one_per_turn_even_when_they_keep_coming(
    qtbot: QtBot,
) -> None:
    from ui.wall.rotation import DataFanout

    class Window:  # records what a rotator's set_data receives
        def __init__(self) -> None:
            self.revisions: list[int] = []

        def set_data(self, _data: object, revision: int) -> None:
            self.revisions.append(revision)

    windows = [Window() for _ in range(4)]
    fanout = DataFanout()
    done: list[int] = []
    fanout.finished.connect(done.append)
    fanout.start(windows, "figures 1", 1)  # type: ignore[arg-type]
    assert all(w.revisions == [] for w in windows)  # nothing in the same turn
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()  # one turn of the event loop
    assert [len(w.revisions) for w in windows] == [1, 0, 0, 0]  # one window per turn
    # a newer snapshot after every single window: no starting over from the first one
    for revision in range(2, 8):
        fanout.start(windows, f"figures {revision}", revision)  # type: ignore[arg-type]
        QCoreApplication.processEvents()
    assert [w.revisions for w in windows] == [[1, 5], [2, 6], [3, 7], [4]]  # round robin
    assert done == []
    qtbot.waitUntil(lambda: done != [], timeout=2000)
    assert done == [7]
    assert all(w.revisions[-1] == 7 for w in windows)
