"""The data pipeline: debounced recomputation, freshness, snapshots, saved screens."""

from __future__ import annotations

import os
import signal
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache
from cur_desktop.sync.region_docs import REGION_VERSION
from cur_desktop.sync.writer import CacheWriter
from tests.qt.wall.conftest import NOW, copy_cache, layout_doc, write_layout
from ui.wall.capture import SignalWakeup
from ui.wall.status_strip import Freshness, freshness

SCREEN = [{"id": "main", "screen": {"position": "primary"}, "playlist": "p"}]


def test_freshness_rule() -> None:
    now = 1_000_000.0
    assert freshness(None, now, 900, expect_sync=False).kind is Freshness.LOCAL
    assert freshness(None, now, 900, expect_sync=True).kind is Freshness.NEVER
    assert freshness(now - 60, now, 900, expect_sync=True).kind is Freshness.FRESH
    stale = freshness(now - 901, now, 900, expect_sync=True)
    assert stale.kind is Freshness.STALE
    assert stale.age_seconds == 901


@pytest.mark.parametrize(
    ("age_minutes", "expected", "words"),
    [(47, Freshness.STALE, "Синхронизация остановилась"), (2, Freshness.FRESH, "Данные на")],
)
def test_freshness_indicator_turns_red_when_sync_stalls(
    make_shell: Any,
    wall_cache: Path,
    tmp_path: Path,
    qtbot: QtBot,
    age_minutes: int,
    expected: Freshness,
    words: str,
) -> None:
    cache = copy_cache(wall_cache, tmp_path)
    with Cache.open(cache) as opened:
        opened.set_state("sync.last_success", repr(NOW.timestamp() - age_minutes * 60))
    layout = write_layout(tmp_path, layout_doc({"p": ["kpi"]}, SCREEN, stale_after_minutes=15))
    shell = make_shell(layout=layout, cache=cache)
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()
    strip = shell.windows["main"].strip
    assert strip.state.kind is expected
    assert words in strip.freshness.text()
    assert f"{age_minutes} мин" in strip.freshness.text()
    colour = strip.freshness.grab().toImage().pixelColor(3, strip.freshness.height() // 2)
    is_red = colour.red() > 150 and colour.green() < 80 and colour.blue() < 80
    assert is_red is (expected is Freshness.STALE), colour.name()


def test_a_burst_of_commits_causes_one_recomputation(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    cache = copy_cache(wall_cache, tmp_path)
    layout = write_layout(
        tmp_path, layout_doc({"p": ["kpi"]}, SCREEN, debounce_ms=300, refresh_seconds=3600)
    )
    shell = make_shell(layout=layout, cache=cache)
    service = shell.service
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()
    assert service.recomputations == 1
    with Cache.open(cache) as writer:  # another connection, as the sync engine's
        for n in range(40):
            writer.set_state("test.burst", str(n))
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        pass
    assert service.recomputations == 2
    # nothing else is pending: three polls of the cache after the run saw no new commit,
    # and no debounce is running (observed, not slept for: a loaded machine polls late)
    polls = service.polls
    qtbot.waitUntil(lambda: service.polls >= polls + 3, timeout=30_000)
    assert not service.debounce.isActive()
    assert service.recomputations == 2
    assert not service.busy


def test_snapshot_renders_a_page_at_the_requested_size(wall_cache: Path, tmp_path: Path) -> None:
    from ui.wall.screenshot import WallScreenshotError, render_wall_screenshot

    out = render_wall_screenshot(wall_cache, tmp_path / "kpi.png", (1280, 720), page="kpi", now=NOW)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    # the dark wall background, not an empty white widget
    assert QColor(image.pixel(640, 360)).lightness() < 128
    default = render_wall_screenshot(wall_cache, tmp_path / "first.png", now=NOW)
    assert QImage(str(default)).size().toTuple() == (1920, 1080)
    with pytest.raises(WallScreenshotError):
        render_wall_screenshot(wall_cache, tmp_path / "x.png", page="weather")


def test_snapshot_command(wall_cache: Path, tmp_path: Path) -> None:
    """``cur-desktop snapshot --view wall --page … --size …`` through the program's parser
    (not ``ui.main.main``: it would replace the test session's logging handlers)."""
    from cur_desktop.cli import build_parser
    from ui.screenshot import run_screenshot

    out = tmp_path / "cli.png"
    args = build_parser().parse_args(
        [
            "snapshot",
            "--view",
            "wall",
            "--page",
            "kpi",
            "--cache",
            str(wall_cache),
            "--out",
            str(out),
            "--size",
            "1600x900",
            "--now",
            "2026-11-20T14:00+03:00",
        ]
    )
    assert run_screenshot(args) == 0
    assert QImage(str(out)).size().toTuple() == (1600, 900)


def test_saving_the_screens_on_request(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    shots = tmp_path / "shots"
    layout = write_layout(tmp_path, layout_doc({"p": ["kpi"]}, SCREEN, screenshots_dir=str(shots)))
    shell = make_shell(layout=layout, cache=wall_cache)
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()
    saved: list[list[Path]] = []
    wakeup = SignalWakeup({signal.SIGUSR1: lambda: saved.append(shell.save_screens())})
    try:
        os.kill(os.getpid(), signal.SIGUSR1)
        qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    finally:
        wakeup.close()
    (files,) = saved
    assert len(files) == 1
    assert files[0].parent == shots
    window = shell.windows["main"]
    assert QImage(str(files[0])).size() == window.size()
    # the keyboard shortcut does the same
    before = set(shots.iterdir())
    window.activateWindow()
    qtbot.keyClick(window, "S", modifier=_ctrl_shift())
    qtbot.waitUntil(lambda: set(shots.iterdir()) != before, timeout=5000)


def _ctrl_shift() -> Any:
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_the_wall_starts_with_the_same_layout_after_a_reboot(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    from PySide6.QtGui import QGuiApplication

    from ui.wall.user_settings import layout_key

    layout = write_layout(tmp_path, layout_doc({"p": ["kpi"]}, SCREEN))
    first = make_shell(layout=layout, cache=wall_cache)
    first.start()
    assert first.placement.screens == {"main": QGuiApplication.primaryScreen().name()}
    first.stop()
    # started again at login with no arguments: the same files, the same screens
    again = make_shell()
    assert again.layout.source == layout.resolve()
    assert again.service.cache_path == wall_cache.resolve()
    assert again.memory.assignment(layout_key(layout)) == first.placement.screens
    with qtbot.waitSignal(again.data_shown, timeout=30_000):
        again.start()
    assert again.placement.screens == first.placement.screens


def test_the_service_and_token_file_are_remembered_for_autostart(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from ui.wall.user_settings import WallUserSettings

    def memory() -> WallUserSettings:
        return WallUserSettings(QSettings(str(tmp_path / "wall.ini"), QSettings.Format.IniFormat))

    token = tmp_path / "wall-token"
    memory().remember_files(
        None, tmp_path / "cache.sqlite", server="https://cur.example:8443", token_file=token
    )
    later = memory()  # the next start reads the file anew
    assert later.last_server() == "https://cur.example:8443"
    assert later.last_token_file() == token.resolve()
    assert later.last_layout() is None
    later.remember_files(None, tmp_path / "cache.sqlite")  # a run without them keeps them
    assert memory().last_server() == "https://cur.example:8443"


def test_reported_sync_commits_are_read_by_id_and_the_refresh_catches_the_rest(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """With the wall's own sync as the writer, a commit's ids are read by primary key (no
    table scan: 1.3 s at 1 M appeals, 0.13 s by id) and nothing polls the cache; the
    periodic refresh scans and catches a write nobody reported."""
    from cur_desktop.cache import QueueFilter
    from cur_desktop.domain.appeal import evolve
    from cur_desktop.domain.enums import Status

    cache = copy_cache(wall_cache, tmp_path)
    layout = write_layout(
        tmp_path, layout_doc({"p": ["kpi"]}, SCREEN, debounce_ms=100, refresh_seconds=3600)
    )
    shell = make_shell(layout=layout, cache=cache)
    service = shell.service
    service.ids_reported = True  # as attach_sync sets it
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()

    def open_total() -> int:
        return sum(m.open for m in shell.data.municipalities)

    before = open_total()
    with Cache.open(cache) as writer:
        ids = [row[0] for row in writer.appeals.queue_page(QueueFilter(open_only=True), limit=2)]
        first, second = writer.appeals.get_many(ids)

        def close(appeal: Any) -> None:  # as the service writes it: a new version, stamped
            changes = {"status": Status.CLOSED, "version": appeal.version + 1}
            # stamped on the wall's pinned clock, after everything generated before NOW
            changes["updated_at"] = NOW + timedelta(seconds=1)
            CacheWriter(writer.engine).upsert_newer([evolve(appeal, changes)])

        close(first)
        with qtbot.waitSignal(shell.data_shown, timeout=30_000):
            service.sync_changed([first.id], [])
        assert open_total() == before - 1
        close(second)  # written behind the wall's back: no ids reported, nothing polled
        assert service.polls == 0
        assert not service.poll.isActive()
        with qtbot.waitSignal(shell.data_shown, timeout=30_000):
            service.sync_changed([first.id], [])  # a later commit of other rows: read by id
        assert open_total() == before - 1  # the unreported write is not read yet
        service.request()  # the periodic refresh: a scan catches it
        qtbot.waitUntil(lambda: open_total() == before - 2, timeout=30_000)


def test_alarms_are_not_raised_again_after_a_restart(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    from datetime import timedelta

    from cur_desktop.domain.appeal import evolve
    from cur_desktop.domain.enums import Importance

    cache = copy_cache(wall_cache, tmp_path)
    with Cache.open(cache) as writer:  # a high-importance appeal arrived ten minutes ago
        appeal = writer.appeals.get_many([writer.appeals.max_id()])[0]
        CacheWriter(writer.engine).upsert_newer(
            [
                evolve(
                    appeal,
                    {
                        "importance": Importance.HIGH,
                        "created_at": NOW - timedelta(minutes=10),
                        "version": appeal.version + 1,
                    },
                )
            ]
        )
    layout = write_layout(tmp_path, layout_doc({"p": ["kpi", "feed", "heatmap", "map"]}, SCREEN))
    first = make_shell(layout=layout, cache=cache)
    with qtbot.waitSignal(first.data_shown, timeout=30_000):
        first.start()
    raised = {alarm.key for alarm in first.data.alarms}
    assert f"high_importance:{appeal.id}" in raised
    assert first.seen_alarms == raised
    first.stop()
    # the wall restarts (a power cut) with the same picture: nothing new to announce
    again = make_shell()
    with qtbot.waitSignal(again.data_shown, timeout=30_000):
        again.start()
    assert again.data.alarms == ()
    assert again.seen_alarms == set()
    assert raised <= again.data.alarm_keys


def test_a_category_renamed_in_the_app_reaches_a_running_wall(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """The sync stores new dictionaries and their version; the wall names by them at once
    (it named by the ones it started with until a restart)."""
    cache = copy_cache(wall_cache, tmp_path)
    layout = write_layout(
        tmp_path, layout_doc({"p": ["heatmap", "rating"]}, SCREEN, refresh_seconds=3600)
    )
    shell = make_shell(layout=layout, cache=cache)
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()
    pages = [slot.page for rotator in shell.rotators.values() for slot in rotator.own]
    before = pages[0].names.category("roads.other")
    assert before
    assert before != "Самокаты и прочее"
    with Cache.open(cache) as writer:  # as the sync saves a head's edit
        doc = writer.load_dictionaries()
        assert doc is not None
        for category in doc["categories"]:
            if category["code"] == "roads.other":
                category["name"] = "Самокаты и прочее"
        writer.save_dictionaries(doc)
        writer.set_state(REGION_VERSION, "7")
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        pass
    assert [p.names.category("roads.other") for p in pages] == ["Самокаты и прочее"] * 2
    assert shell.context.dictionaries.category("roads.other").name == "Самокаты и прочее"
    # the same version again changes nothing (no reload per recomputation)
    loaded = shell.context
    with Cache.open(cache) as writer:
        writer.set_state("test.other", "1")
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        pass
    assert shell.context is loaded
