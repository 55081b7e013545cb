"""The console window over a real generated cache: navigator counts, detail pane, privacy,
status bar, keyboard navigation, and the window layout restored onto a live screen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache, QueueFilter
from cur_desktop.cache.queries import queue as q
from cur_desktop.domain.enums import Flag, Importance, Status
from cur_desktop.regions.pack import builtin_pack_dir, load_pack
from cur_desktop.sla import SlaStatus, compute_sla
from cur_desktop.sync.writer import CacheWriter
from tests.support.caches import generated_cache, private_copy
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow
from widgets.navigator_model import NavEntry, NavGroup, NavigatorModel

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
APPEALS = 1200
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "console-window", APPEALS, 5, NOW)


@pytest.fixture
def cache(demo_cache: Path, tmp_path: Path) -> Iterator[Cache]:
    with private_copy(demo_cache, tmp_path) as opened:
        yield opened


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)


WindowFactory = Callable[..., ConsoleWindow]


@pytest.fixture
def open_window(qtbot: QtBot, cache: Cache, settings: QSettings) -> Iterator[WindowFactory]:
    windows: list[ConsoleWindow] = []

    def make(*, size: tuple[int, int] | None = (1600, 900), **kwargs: object) -> ConsoleWindow:
        context = ConsoleContext(cache, clock=lambda: NOW)
        window = ConsoleWindow(context, settings=settings, **kwargs)  # type: ignore[arg-type]
        windows.append(window)
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.idle, timeout=15_000)
        return window

    yield make
    for window in windows:
        window.close()
        window.deleteLater()


# -- navigator ----------------------------------------------------------------------------


def test_navigator_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = NavigatorModel()
    model.set_groups(
        [
            NavGroup(
                "work", "Очереди", (NavEntry("open", "Все"), NavEntry("risk", "Срок", alert=True))
            ),
            NavGroup("muns", "Муниципалитеты", (NavEntry("mun:1", "Тула"),)),
        ]
    )
    model.set_counts({"open": 12, "risk": 3, "mun:1": 0})
    qtmodeltester.check(model, force_py=True)
    assert model.keys() == ["open", "risk", "mun:1"]
    assert model.index_of("risk").siblingAtColumn(1).data() == "3"


def test_navigator_counts_equal_the_cache(open_window: WindowFactory, cache: Cache) -> None:
    window = open_window()
    nav = window.navigator_model
    open_filter = QueueFilter()
    assert nav.count("open") == cache.appeals.count(open_filter)
    assert nav.count("all") == cache.appeals.count(QueueFilter(open_only=False))
    appeals = cache.appeals.get_many(
        [int(i) for i in q.load_ids(cache.engine, q.QueueQuery(flt=open_filter))]
    )
    assert nav.count("new") == sum(a.status is Status.NEW or a.theme is None for a in appeals)
    assert nav.count("important") == sum(
        Flag.IMPORTANT in a.flags or a.importance is Importance.HIGH for a in appeals
    )
    assert nav.count("rework") == sum(a.rework_count > 0 for a in appeals)
    sla = window.context.sla
    at_risk = sum(
        compute_sla(a, sla.rules, sla.calendar, now=NOW).status
        in (SlaStatus.AT_RISK, SlaStatus.OVERDUE)
        for a in appeals
    )
    assert nav.count("risk") == at_risk > 0
    by_mun = cache.appeals.counts_by("municipality", flt=open_filter)
    for oktmo, count in by_mun.items():
        if oktmo is not None:
            assert nav.count(f"mun:{oktmo}") == count
    d = window.context.dictionaries
    assert d is not None
    by_theme = cache.appeals.counts_by("theme", flt=open_filter)
    block = d.themes[0].block
    codes = [t.code for t in d.themes if t.block == block]
    assert nav.count(f"block:{block}") == sum(by_theme.get(c, 0) for c in codes)


def test_a_queue_switch_does_not_wait_behind_the_counts(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts take seconds on a big cache (conflict situations among them): they
    run on their own thread, and a queue opened meanwhile shows at once."""
    import threading

    window = open_window()
    catalog = window.catalog
    counted = catalog.counts
    started, release = threading.Event(), threading.Event()

    def slow_counts(now: datetime) -> dict[str, int]:
        started.set()
        release.wait(60)  # a count still running while the operator switches queue
        return counted(now)

    monkeypatch.setattr(catalog, "counts", slow_counts)
    try:
        window._request_counts()
        assert started.wait(15)
        assert window.open_queue("all")
        expected = window.navigator_model.count("all")
        qtbot.waitUntil(lambda: window.queue.total() == expected, timeout=15_000)
        assert window.queue.model.rowCount() == expected
        assert not release.is_set()
        assert window.counter.busy("counts")
    finally:
        release.set()
    qtbot.waitUntil(window.idle, timeout=15_000)


def test_each_queue_shows_as_many_rows_as_its_count(qtbot: QtBot, open_window: WindowFactory):
    window = open_window()
    for key in ("new", "risk", "important", "rework", "all"):
        assert window.open_queue(key)
        qtbot.waitUntil(window.idle, timeout=15_000)
        assert window.queue.model.rowCount() == window.navigator_model.count(key), key


def test_saved_filters_appear_in_the_navigator(
    qtbot: QtBot, open_window: WindowFactory, cache: Cache
) -> None:
    mun = next(k for k in cache.appeals.counts_by("municipality", flt=QueueFilter()) if k)
    with cache.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO saved_queries (owner, name, query, position, created_at) "
            "VALUES ('local', 'Мой район', ?, 0, 0)",
            (json.dumps({"version": 1, "base": "open", "filters": {"municipality": mun}}),),
        )
    window = open_window()
    key = next(k for k, title in window.navigator_model.titles().items() if title == "Мой район")
    assert window.navigator_model.count(key) == cache.appeals.count(
        QueueFilter(municipalities=(mun,))
    )
    assert window.open_queue(key)
    qtbot.waitUntil(window.idle)
    assert window.queue.total() == window.navigator_model.count(key)


# -- detail pane and personal data -------------------------------------------------------


def _appeal_with_history(cache: Cache) -> int:
    for appeal_id in q.load_ids(cache.engine, q.QueueQuery(flt=QueueFilter(open_only=False))):
        appeal = cache.appeals.get(int(appeal_id))
        if (
            appeal
            and appeal.author.name
            and appeal.answer
            and len(cache.appeals.history(appeal.id)) > 3
        ):
            return appeal.id
    raise AssertionError("the demo cache has no answered appeal with an author")


def test_detail_pane_shows_the_appeal_in_full(
    qtbot: QtBot, open_window: WindowFactory, cache: Cache
) -> None:
    window = open_window(queue="all")
    appeal_id = _appeal_with_history(cache)
    window.show_appeal(appeal_id)
    qtbot.waitUntil(window.idle)
    appeal = cache.appeals.get(appeal_id)
    assert appeal is not None
    text = window.detail.toPlainText()
    assert appeal.author.name in text
    assert appeal.external_id in text
    assert appeal.answer.split()[0] in text
    assert "История" in text
    assert "Поступило" in text
    assert "Направлено" in text
    record = window.detail.record()
    assert record is not None
    assert record.related is not None
    html = window.detail.toHtml()
    assert appeal.url in html


@pytest.mark.parametrize("role", ["wall"])
def test_personal_data_is_masked_for_a_wall_role(
    qtbot: QtBot, open_window: WindowFactory, cache: Cache, role: str
) -> None:
    cache.set_state("auth.role", role)
    window = open_window(queue="all")
    appeal_id = _appeal_with_history(cache)
    appeal = cache.appeals.get(appeal_id)
    assert appeal is not None
    window.show_appeal(appeal_id)
    qtbot.waitUntil(window.idle)
    text = window.detail.toPlainText()
    assert appeal.author.name not in text
    assert "скрыто" in text
    assert appeal.external_id in text  # the appeal itself is shown
    row = window.queue.model.row_of(appeal_id)
    item = window.queue.model.row(row)
    assert item is not None
    assert item.taken_by == ""
    assert item.appeal.author.name == ""


# -- status bar ----------------------------------------------------------------------------


def test_status_bar_reads_the_sync_state(open_window: WindowFactory, cache: Cache) -> None:
    cache.set_state("sync.online", "1")
    cache.set_state("sync.last_ok", str(datetime(2026, 11, 20, 9, 0, tzinfo=UTC).timestamp()))
    cache.set_state("auth.login", "ivanova")
    cache.set_state("auth.role", "operator")
    cache.set_state("auth.scope", "г. Тула")
    window = open_window()
    bar = window.status
    assert bar.link.text() == "В сети"
    zone = load_pack(builtin_pack_dir()).timezone  # shown in the region's zone (Moscow: 12:00)
    shown = datetime(2026, 11, 20, 9, 0, tzinfo=UTC).astimezone(zone).strftime("%d.%m.%Y %H:%M")
    assert shown in bar.last_sync.text()  # ru_RU format
    assert bar.outbox.text() == "Все действия отправлены"
    assert "ivanova" in bar.user.text()
    assert "Оператор" in bar.user.text()
    assert "г. Тула" in bar.user.text()


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(1, "1 минуту назад"), (3, "3 минуты назад"), (5, "5 минут назад"), (21, "21 минуту назад")],
)
def test_status_bar_plurals(open_window: WindowFactory, minutes: int, expected: str) -> None:
    bar = open_window().status
    assert bar.ago_text(minutes * 60) == expected


def test_status_bar_offline_and_outbox(open_window: WindowFactory, cache: Cache) -> None:
    from cur_desktop.domain.enums import Action
    from cur_desktop.domain.lifecycle import Command

    for n in range(3):
        cache.outbox.enqueue(
            1, Command(Action.ADD_NOTE, {"text": f"заметка {n}"}), base_version=1, actor="ivanova"
        )
    window = open_window()
    assert window.status.link.text() == "Не в сети"
    assert window.status.last_sync.text() == "Синхронизации ещё не было"
    assert window.status.outbox.text() == "3 действия ещё не отправлены"


# -- keyboard ------------------------------------------------------------------------------


def test_every_navigation_has_a_shortcut_shown_in_a_menu(open_window: WindowFactory) -> None:
    window = open_window()
    for key in (
        "next_queue",
        "prev_queue",
        "queue_1",
        "find",
        "next_appeal",
        "prev_appeal",
        "open_detail",
        "focus_nav",
        "focus_table",
        "focus_detail",
        "refresh",
    ):
        action = window.menus.actions[key]
        assert not action.shortcut().isEmpty(), key
        assert action in window.menuBar().actions()[0].menu().actions() or any(
            action in menu_action.menu().actions() for menu_action in window.menuBar().actions()
        )
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["Файл", "Переход", "Поиск", "Обращение", "Вид", "Справка"]


def test_keyboard_moves_through_queues_and_appeals(qtbot: QtBot, open_window: WindowFactory):
    window = open_window()
    window.queue.table.setFocus()
    keys = window.navigator_model.keys()
    assert window.current_queue() == keys[0]
    qtbot.keyClick(window.queue.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.idle)
    assert window.current_queue() == keys[1]
    qtbot.keyClick(window.queue.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.idle)
    assert window.current_queue() == keys[0]
    first = window.queue.table.current_appeal_id()
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.queue.table.current_appeal_id() == window.queue.model.appeal_id(1) != first
    qtbot.waitUntil(window.idle)
    assert window.detail.record() is not None
    assert window.detail.record().appeal.id == window.queue.model.appeal_id(1)  # type: ignore[union-attr]
    qtbot.keyClick(window.queue.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.queue.filter_bar.search.hasFocus()


# -- window layout per user, on a screen that exists ---------------------------------------


def test_layout_is_restored_per_user(qtbot: QtBot, open_window: WindowFactory, cache: Cache):
    window = open_window(queue="rework")
    window.splitter.setSizes([250, 900, 450])
    sizes = window.splitter.sizes()
    window.close()
    again = open_window()
    assert again.current_queue() == "rework"
    assert again.splitter.sizes() == sizes
    cache.set_state("auth.login", "petrov")  # another operator on the same workstation
    other = open_window()
    assert other.current_queue() == "open"


def test_window_saved_on_a_missing_screen_comes_back(
    qtbot: QtBot, open_window: WindowFactory, settings: QSettings
) -> None:
    window = open_window()
    window.move(20_000, 15_000)  # where a monitor used to be
    window.close()
    again = open_window(size=None)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    frame = again.frameGeometry()
    assert screen.contains(frame.topLeft()), (frame, screen)
    # As large as the screen allows (never smaller than the window's minimum size).
    assert again.width() <= max(screen.width(), again.minimumSizeHint().width())


SCREENS = {
    "synchronousWindowSystemEvents": False,
    "windowFrameMargins": False,
    "screens": [
        {
            "name": "WALL-1",
            "x": 0,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        },
        {
            "name": "WALL-2",
            "x": 1920,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        },
        {
            "name": "OPERATOR",
            "x": 0,
            "y": 1080,
            "width": 2560,
            "height": 1440,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        },
    ],
}

_PLACE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication
    from cur_desktop.cache import Cache
    from ui.app import create_application
    from ui.console import open_console

    app = create_application(["test"])
    cache = Cache.open(sys.argv[1])
    settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
    window = open_console(cache, settings=settings)
    if sys.argv[3] == "save":
        window.resize(1400, 900)
        window.move(600, 1300)  # on the OPERATOR screen
        window.show()
    else:
        window.show()
    app.processEvents()
    frame = window.frameGeometry()
    screen = QGuiApplication.screenAt(frame.center())
    print(screen.name() if screen else "-", frame.x(), frame.y(), frame.width(), frame.height())
    window.close()
    cache.close()
    """
)


def _place(tmp_path: Path, cache: Path, screens: dict[str, object], mode: str) -> list[str]:
    layout = tmp_path / f"screens-{mode}.json"
    layout.write_text(json.dumps(screens), encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={layout}",
        "PYTHONPATH": str(ROOT),
    }
    run = subprocess.run(
        [sys.executable, "-c", _PLACE, str(cache), str(tmp_path / "layout.ini"), mode],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


@pytest.mark.slow  # two fresh Qt processes
def test_window_on_a_screen_that_was_unplugged_moves_to_one_that_exists(
    tmp_path: Path, demo_cache: Path
) -> None:
    cache = tmp_path / "cache.sqlite"
    shutil.copy(demo_cache, cache)
    saved = _place(tmp_path, cache, SCREENS, "save")
    assert saved[0] == "OPERATOR"
    one_screen = {**SCREENS, "screens": SCREENS["screens"][:1]}  # type: ignore[index]
    restored = _place(tmp_path, cache, one_screen, "restore")
    name, x, y, width, height = restored[0], *map(int, restored[1:])
    assert name == "WALL-1"
    assert x >= 0
    assert y >= 0
    assert x + width <= 1920
    assert y + height <= 1080


def test_translations_make_the_menus_russian(qapp: QApplication) -> None:
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("ConsoleMenus", "&Go") == "&Переход"
    assert QKeySequence("Ctrl+PgDown").toString(QKeySequence.SequenceFormat.NativeText)


def test_snapshot_renders_the_console_to_png(tmp_path: Path, demo_cache: Path) -> None:
    from PySide6.QtGui import QImage

    from ui.console.screenshot import render_console_screenshot

    cache = tmp_path / "cache.sqlite"
    shutil.copy(demo_cache, cache)
    out = render_console_screenshot(
        cache, tmp_path / "shot.png", size=(1280, 720), queue="risk", now=NOW
    )
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    # Not a blank picture: the overdue chips are drawn in their red.
    red = QColor("#c62828").rgb()
    assert any(image.pixel(x, y) == red for x in range(0, 700, 2) for y in range(150, 400, 3))


def test_a_commit_reported_by_the_sync_refreshes_the_console(
    qtbot: QtBot, open_window: WindowFactory, cache: Cache
) -> None:
    """One notification path: the sync worker's change signal, not a poll of the cache."""
    from datetime import timedelta

    from cur_desktop.domain.appeal import evolve

    window = open_window()
    before = window.navigator_model.count("open")
    assert before is not None
    template = cache.appeals.get(window.queue.model.appeal_id(0))
    assert template is not None
    new_id = cache.appeals.max_id() + 1
    fresh = evolve(
        template,
        {"id": new_id, "external_id": "test-new", "due_at": NOW - timedelta(days=900)},
    )
    CacheWriter(cache.engine).upsert_newer(
        [fresh]
    )  # as the sync engine would, on its own connection
    window._tick()  # the window's timer keeps the clock's work: it reads no queue
    assert window.idle()
    assert window.queue.model.appeal_id(0) != new_id
    window.refresh()  # what the launcher calls on the sync worker's changes_arrived
    qtbot.waitUntil(window.idle, timeout=15_000)
    assert window.queue.model.appeal_id(0) == new_id
    assert window.navigator_model.count("open") == before + 1
