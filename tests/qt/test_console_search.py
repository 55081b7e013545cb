"""Search and filters in the console: Russian word forms, numbers, combinable filters, saved queues.

The search box is typed into with real key events (a press and a release carrying
the character, as a keyboard layout sends Cyrillic), and the test waits for the
debounced query to be shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cur_desktop.cache import Cache, QueueFilter, schema
from cur_desktop.cache.queries.filters import FilterValues
from cur_desktop.domain.enums import Flag, Status
from cur_desktop.domain.numbers import display_number, source_number
from tests.support.caches import generated_cache, private_copy
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow
from widgets.filter_bar import FilterBar
from widgets.queue_model import Column

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
APPEALS = 1500


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "console-search", APPEALS, 23, NOW)


@pytest.fixture
def cache(demo_cache: Path, tmp_path: Path) -> Iterator[Cache]:
    with private_copy(demo_cache, tmp_path) as opened:
        yield opened


@pytest.fixture
def window(qtbot: QtBot, cache: Cache, tmp_path: Path) -> Iterator[ConsoleWindow]:
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    window = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings, queue="all")
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.idle, timeout=15_000)
    yield window
    window.close()
    window.deleteLater()


def shown(qtbot: QtBot, window: ConsoleWindow, values: FilterValues) -> list[int]:
    window.queue.filter_bar.set_values(values)
    qtbot.waitUntil(window.idle, timeout=15_000)
    return [int(i) for i in window.queue.model.ids()]


def test_search_finds_every_form_of_a_russian_word(
    qtbot: QtBot, window: ConsoleWindow, cache: Cache
) -> None:
    forms = ("двор", "дворе", "двора", "дворов", "Дворами")
    results = [shown(qtbot, window, FilterValues(text=form)) for form in forms]
    assert results[0], "the demo texts mention yards"
    assert all(found == results[0] for found in results[1:])
    assert results[0] == sorted(results[0], reverse=True)  # newest first
    assert window.queue.total() == cache.appeals.search_count("двор")
    for appeal in cache.appeals.get_many(results[0][:50]):
        haystack = f"{appeal.title} {appeal.text} {appeal.address}".casefold()
        assert "двор" in haystack


def test_filters_combine(qtbot: QtBot, window: ConsoleWindow, cache: Cache) -> None:
    (theme, mun), _ = max(
        cache.appeals.counts_by("theme", "municipality", flt=QueueFilter(open_only=False)).items(),
        key=lambda item: item[1],
    )
    values = FilterValues(theme=theme, municipality=mun, status=Status.CLOSED.value)
    ids = shown(qtbot, window, values)
    expected = cache.appeals.count(
        QueueFilter(
            open_only=False, themes=(theme,), municipalities=(mun,), statuses=(Status.CLOSED,)
        )
    )
    assert len(ids) == expected > 0
    for appeal in cache.appeals.get_many(ids):
        assert (appeal.theme, appeal.municipality, appeal.status) == (theme, mun, Status.CLOSED)
    word_hits = set(cache.appeals.search("яма", limit=100_000))
    narrowed = shown(qtbot, window, FilterValues(text="ям", theme=theme, municipality=mun))
    assert set(narrowed) <= word_hits | set(cache.appeals.search("ям", limit=100_000))
    assert set(narrowed) <= {a.id for a in cache.appeals.get_many(narrowed) if a.theme == theme}


def test_category_dates_overdue_and_flags(qtbot: QtBot, window: ConsoleWindow, cache: Cache):
    zone = ZoneInfo(window.context.sla.time_zone)
    sample = cache.appeals.get_many(cache.appeals.search("двор", limit=50))
    category = next(a.subcategory for a in sample if a.subcategory)
    ids = shown(qtbot, window, FilterValues(category=category))
    assert ids
    assert all(category in (a.category, a.subcategory) for a in cache.appeals.get_many(ids))
    day = (NOW - timedelta(days=10)).astimezone(zone).date()
    ids = shown(qtbot, window, FilterValues(date_from=day, date_to=day))
    assert ids
    assert {a.created_at.astimezone(zone).date() for a in cache.appeals.get_many(ids)} == {day}
    ids = shown(qtbot, window, FilterValues(overdue=True))
    appeals = cache.appeals.get_many(ids)
    assert appeals
    assert all(a.is_open and a.due_at and a.due_at < NOW for a in appeals)
    ids = shown(qtbot, window, FilterValues(flag=int(Flag.REPEAT)))
    assert ids
    assert all(Flag.REPEAT in a.flags for a in cache.appeals.get_many(ids))
    assert len(ids) == cache.appeals.count(QueueFilter(open_only=False, flags=Flag.REPEAT))


def test_save_as_queue(qtbot: QtBot, window: ConsoleWindow, cache: Cache) -> None:
    values = FilterValues(text="дворе", municipality="70701000")
    before = shown(qtbot, window, values)
    key = window.save_filters_as("Дворы Тулы", values)
    assert key is not None
    qtbot.waitUntil(window.idle, timeout=15_000)
    saved = schema.saved_queries
    with cache.engine.connect() as conn:
        rows = conn.execute(select(saved.c.owner, saved.c.name)).all()
    assert rows == [("local", "Дворы Тулы")]
    assert window.current_queue() == key
    assert window.queue.filters().is_empty()  # the saved queue carries the filters now
    assert [int(i) for i in window.queue.model.ids()] == before
    assert window.navigator_model.count(key) == len(before)
    assert window.save_filters_as("Дворы Тулы", values) is None  # names are unique per owner


def test_typing_is_debounced_into_one_query(qtbot: QtBot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    emitted: list[FilterValues] = []
    bar.values_changed.connect(emitted.append)
    with qtbot.waitSignal(bar.values_changed, timeout=3000):
        for char in "подъезд":  # QTest.keyClicks only types ASCII: insert as typing does
            bar.search.insert(char)
    assert [v.text for v in emitted] == ["подъезд"]


SHOTS = Path("/tmp/shots/search")


def key(
    widget: QWidget,
    code: Qt.Key,
    text: str = "",
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """One key stroke: a press and a release, the character in the event as a layout sends it."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, code, modifiers, text))


def type_search(qtbot: QtBot, window: ConsoleWindow, text: str) -> list[int]:
    """Focus the search box (Ctrl+F), clear it, type ``text`` key by key, wait for the queue."""
    bar = window.queue.filter_bar
    key(window, Qt.Key.Key_F, "", Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(bar.search.hasFocus, timeout=5_000)
    key(bar.search, Qt.Key.Key_A, "", Qt.KeyboardModifier.ControlModifier)
    key(bar.search, Qt.Key.Key_Backspace)
    for char in text:
        code = Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown
        key(bar.search, code, char)
    assert bar.search.text() == text
    qtbot.waitUntil(
        lambda: window.queue.filters().text == text.strip() and window.idle(), timeout=15_000
    )
    return [int(i) for i in window.queue.model.ids()]


def test_the_search_box_finds_every_form_of_a_word_typed(
    qtbot: QtBot, window: ConsoleWindow, cache: Cache
) -> None:
    window.activateWindow()
    expected = cache.appeals.search("подъезд", limit=100_000)
    assert len(expected) > 20, "the demo texts mention entrances"
    for typed in ("подъезд", "подъезде", "ПОДЪЕЗДОВ", "подъездами"):
        assert type_search(qtbot, window, typed) == expected, typed
    # the last word, still being typed, is a prefix: «подъездной», «подъезжать» too
    partial = type_search(qtbot, window, "подъез")
    assert set(expected) < set(partial)
    for appeal in cache.appeals.get_many(sorted(set(partial) - set(expected))):
        assert "подъез" in f"{appeal.title} {appeal.text} {appeal.address}".casefold()
    SHOTS.mkdir(parents=True, exist_ok=True)
    type_search(qtbot, window, "подъездами")
    window.queue.table.selectRow(0)
    qtbot.waitUntil(window.idle, timeout=15_000)
    window.grab().save(str(SHOTS / "console_lemma_search.png"))


def test_the_search_box_finds_an_appeal_by_its_number(
    qtbot: QtBot, window: ConsoleWindow, cache: Cache
) -> None:
    window.activateWindow()
    (target,) = cache.appeals.get_many(cache.appeals.search("подъезд", limit=7)[-1:])
    channel_number = target.external_id  # «pos-0532271» in the demo
    for typed in (
        f"№ {display_number(target.id)}",
        channel_number,
        channel_number.upper(),
        f"№ {channel_number.split('-')[-1]}",
        f"подъезд {channel_number.split('-')[-1]}",
    ):
        assert type_search(qtbot, window, typed) == [target.id], typed
    model = window.queue.model
    assert model.data(model.index(0, Column.NUMBER)) == display_number(target.id)
    assert source_number(channel_number) in str(
        model.data(model.index(0, Column.NUMBER), Qt.ItemDataRole.ToolTipRole)
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "console_number_search.png"))


def test_the_wall_and_the_console_show_the_same_number(qapp: object, tmp_path: Path) -> None:
    from cur_desktop.analytics import compute_wall_data, load_wall_frame
    from cur_desktop.sync.writer import CacheWriter
    from tests.core.analytics.small_dataset import NOW as WALL_NOW
    from tests.core.analytics.small_dataset import dataset, tiny_wall_context
    from widgets.queue_rows import RowBuilder
    from widgets.wall.page import apply_wall_theme
    from widgets.wall.pages import create_page

    with Cache.open(tmp_path / "wall.sqlite") as wall_cache:
        CacheWriter(wall_cache.engine).bulk_load(dataset())
        data = compute_wall_data(
            load_wall_frame(wall_cache, now=WALL_NOW), context=tiny_wall_context(), now=WALL_NOW
        )
        items = data.risk_items
        assert items, "the small dataset has appeals close to their deadline"
        console = [
            RowBuilder(None).build(a).number
            for a in wall_cache.appeals.get_many([i.appeal_id for i in items])
        ]
    page = create_page("risk", tiny_wall_context())
    page.resize(1920, 1080)
    apply_wall_theme(page, 1080)
    page.update_data(data)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "wall_risk_numbers.png"))
    shown = [label.text() for label in page.findChildren(QLabel) if label.text().startswith("№ ")]
    assert shown
    for text in shown:
        number = text.removeprefix("№ ").split(" · ")[0]
        assert number in console
    page.close()
    page.deleteLater()
