"""The rotation's rules for alarms: every page of the playlist keeps its time.

A situation room watched one screen stay on three pages for six minutes, each pulled
forward by a chain of alarms of other kinds and municipalities. The rules
(``ui/wall/rotation.py``): a page comes forward at most once per
``alarm_repeat_minutes`` whatever the alarm's kind or place; alarms for one page
coalesce into one banner; an alarm's dwell is capped and followed by twice as much
playlist time; the playlist continues where it was.

The real wall runs in this process (offscreen, one screen) over a generated cache; its
rotators run on :class:`~ui.wall.rotation.SimulatedTime`, so minutes of layout time pass
as fast as the pages are drawn and every instant asserted is exact.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from cur_desktop.analytics import Alarm
from tests.qt.wall.conftest import NOW, layout_doc, write_layout
from ui.wall.rotation import SimulatedTime

SCREEN = {"id": "main", "screen": {"position": "primary"}, "playlist": "p"}
PAGES = ["kpi", "feed", "heatmap", "map", "trends", "rating", "risk"]


def _started(
    make_shell: Any, tmp_path: Path, cache: Path, qtbot: QtBot, **settings: Any
) -> tuple[Any, SimulatedTime]:
    layout = write_layout(tmp_path, layout_doc({"p": PAGES}, [SCREEN], **settings))
    shell = make_shell(layout=layout, cache=cache)
    shell.service.worker.clock = lambda: NOW + timedelta(days=10)  # no alarms of their own
    time = SimulatedTime()
    shell.rotators["main"].use_time(time)
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()
    return shell, time


def _alarm(kind: str, page: str, n: int, target: str = "70701000") -> Alarm:
    return Alarm(kind, page, f"{kind}:{page}:{n}", "x", NOW, target=target)


def test_alarms_for_one_page_coalesce_into_one_banner_whatever_their_kind(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    shell, time = _started(make_shell, tmp_path, wall_cache, qtbot, alarm_seconds=120)
    rotator = shell.rotators["main"]
    started: list[Alarm] = []
    rotator.alarm_started.connect(started.append)
    municipalities = shell.context.municipality_codes()
    for n, code in enumerate(municipalities[:3]):  # three places, two kinds, one page
        time.call_at(
            5 + n, lambda n=n, code=code: shell.raise_alarm(_alarm("surge", "map", n, code))
        )
    time.call_at(100, lambda: shell.raise_alarm(_alarm("overdue_spike", "map", 9)))
    time.run_until(101)
    assert len(started) == 1  # brought forward once
    assert rotator.current.key == "map"
    assert len(rotator.alarm_group) == 4
    banner = rotator.current.page.banner.text()
    assert banner.startswith("Сигналов: 4. Последний: "), banner
    assert rotator._waiting == {}
    time.run_until(125.5)  # the dwell is not extended by the alarms that joined it
    assert rotator.alarm is None
    assert rotator.current.key == "kpi"  # cut at 5 s of its 30: its turn again
    assert rotator.current.page.banner.isHidden()


def test_a_page_comes_forward_once_per_repeat_time_whatever_the_kind_or_place(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    shell, time = _started(
        make_shell, tmp_path, wall_cache, qtbot, alarm_seconds=20, alarm_repeat_minutes=60
    )
    rotator = shell.rotators["main"]
    shell.raise_alarm(_alarm("high_importance", "feed", 1, "11"))
    assert rotator.current.key == "feed"
    time.run_until(100)  # the alarm is over, its quiet time too
    assert rotator.alarm is None
    # another kind, another place, same page: it waits for the repeat time
    shell.raise_alarm(_alarm("surge", "feed", 2, "71"))
    assert rotator.alarm is None
    assert "feed" in rotator._waiting
    # ... or the feed's regular turn, where its banner shows in the page's own time
    feed = rotator.own[1]
    while rotator.current is not feed:
        time.run_until(time.now + 1)
    turn = time.now
    assert rotator.alarm is None  # not pre-empting: its turn
    assert not feed.page.banner.isHidden()
    assert "feed" not in rotator._waiting
    time.run_until(turn + 30)
    assert rotator.current.key == "heatmap"
    assert feed.page.banner.isHidden()


def test_after_an_alarm_the_playlist_gets_its_time_before_another_pre_empts(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    shell, time = _started(make_shell, tmp_path, wall_cache, qtbot, alarm_seconds=60)
    rotator = shell.rotators["main"]
    time.run_until(20)
    shell.raise_alarm(_alarm("surge", "heatmap", 1))
    assert rotator.current.key == "heatmap"
    time.run_until(30)
    shell.raise_alarm(_alarm("high_importance", "risk", 2, "12"))  # another page
    time.run_until(79)
    assert rotator.current.key == "heatmap"  # the dwell is not cut
    time.run_until(80)
    # the playlist continues where it was: kpi had shown 20 of its 30 s, so the next
    assert rotator.alarm is None
    assert rotator.current.key == "feed"
    time.run_until(199)  # twice the alarm's 60 s of playlist
    assert rotator.alarm is None
    time.run_until(200)
    assert rotator.alarm is not None
    assert rotator.current.key == "risk"


def test_a_stream_of_alarms_leaves_every_page_at_least_half_its_fair_share(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """The room's morning: a high-importance appeal every 20 s and surges of other
    municipalities and categories every minute, for an hour."""
    shell, time = _started(
        make_shell,
        tmp_path,
        wall_cache,
        qtbot,
        page_seconds=30,
        alarm_seconds=120,
        alarm_repeat_minutes=2,
    )
    rotator = shell.rotators["main"]
    screen_time: dict[str, float] = defaultdict(float)
    mark = {"key": rotator.current.key, "at": time.now}

    def shown(key: str) -> None:
        screen_time[mark["key"]] += time.now - mark["at"]
        mark["key"], mark["at"] = key, time.now

    rotator.page_shown.connect(shown)
    for n in range(180):
        at = 20.0 * n + 7
        time.call_at(
            at, lambda n=n: shell.raise_alarm(_alarm("high_importance", "feed", n, str(n)))
        )
        if n % 3 == 0:
            time.call_at(at + 1, lambda n=n: shell.raise_alarm(_alarm("surge", "map", n)))
            time.call_at(at + 2, lambda n=n: shell.raise_alarm(_alarm("surge", "heatmap", n)))
            time.call_at(at + 3, lambda n=n: shell.raise_alarm(_alarm("overdue_spike", "risk", n)))
    time.run_until(3600)
    shown(rotator.current.key)
    fair = 3600 / len(PAGES)
    shares = {key: screen_time[key] / fair for key in PAGES}
    assert min(shares.values()) >= 0.5, shares
    # and a cycle never lost a page: every page was shown in every 15 minutes
    assert all(screen_time[key] > 0 for key in PAGES)


def test_each_window_is_titled_with_the_page_it_shows(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """A window's title (what a task switcher or a remote desktop shows) is its page's
    name, never the layout's entry id or the program's."""
    shell, time = _started(make_shell, tmp_path, wall_cache, qtbot)
    rotator = shell.rotators["main"]
    window = shell.windows["main"]
    titles = set()
    for _ in PAGES:
        assert window.windowTitle() == rotator.current.page.title()
        assert "main" not in window.windowTitle()
        titles.add(window.windowTitle())
        time.run_until(time.now + rotator.current.seconds + 0.1)
    assert {"Ключевые показатели", "Новые обращения", "Где проблемы"} <= titles, titles


def test_a_lost_link_is_said_in_words() -> None:
    from ui.wall.shell import sync_problem

    for code in ("unreachable", "stream_lost", "http_502"):
        text = sync_problem(code)
        assert text.startswith("Нет связи с центральным сервисом"), text
        assert code not in text
