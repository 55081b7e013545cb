"""«Новое обращение» in the console (issue 20), by keyboard alone, against the real service.

A real service in this process on 127.0.0.1, a cache synced by a real sync engine,
the real console window offscreen with real key events. The engine is driven by the
test (as tests/qt/actions do) so "offline" is a cut proxy between it and the service.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cur_desktop.cache import Cache, OutboxState
from cur_desktop.cache.registrations import Registrations
from cur_desktop.central import schema as central_schema
from cur_desktop.domain.enums import Action, Source
from cur_desktop.domain.registration import is_provisional, number_key
from cur_desktop.sync import SyncEngine
from cur_desktop.sync.errors import Offline
from tests.e2e.switch_proxy import SwitchProxy
from tests.qt.actions.support import type_text
from tests.support.central import TULA, CentralHandle, central_thread, new_appeal
from tests.sync.sync_support import engine_for, service_user
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow
from widgets.registration_form import RegistrationForm

pytestmark = pytest.mark.qt

SHOTS = Path("/tmp/shots/registration")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralHandle]:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=80, seed=5) as handle:
        yield handle


class Console:
    def __init__(self, engine: SyncEngine, window: ConsoleWindow, qtbot: QtBot) -> None:
        self.engine = engine
        self.window = window
        self.qtbot = qtbot

    def sync(self) -> None:
        self.engine.sync_once(give_up_after=10)
        self.settle()

    def settle(self) -> None:
        self.window.refresh()
        self.qtbot.waitUntil(self.window.idle, timeout=15_000)

    def open_form(self) -> RegistrationForm:
        """Ctrl+Shift+N in the console: the form, focused on the caller's name."""
        self.qtbot.keyClick(self.window.queue.table, Qt.Key.Key_N, CTRL | SHIFT)
        form = self.window.registration.form
        assert form is not None
        self.qtbot.waitExposed(form)
        form.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is form.author_name)
        return form


@pytest.fixture
def console(qtbot: QtBot, central: CentralHandle, tmp_path: Path) -> Iterator[object]:
    with ExitStack() as stack:

        def make(url: str | None = None, who: str = "operator") -> Console:
            folder = tmp_path / "ws"
            folder.mkdir()
            # the first day at this workstation: a full sync
            with engine_for(central, folder / "cache.sqlite", who) as first:
                first.sync_once(give_up_after=10)
            cache_file = folder / "cache.sqlite"
            engine = stack.enter_context(engine_for(central, cache_file, who, url=url))
            cache = stack.enter_context(Cache.open(folder / "cache.sqlite"))
            settings = QSettings(str(folder / "layout.ini"), QSettings.Format.IniFormat)
            window = ConsoleWindow(ConsoleContext(cache), settings=settings)
            stack.callback(window.deleteLater)
            stack.callback(window.close)
            window.resize(1600, 900)
            window.show()
            qtbot.waitExposed(window)
            window.activateWindow()
            qtbot.waitUntil(window.idle, timeout=15_000)
            return Console(engine, window, qtbot)

        yield make


def type_call(qtbot: QtBot, form: RegistrationForm, address: str, text: str) -> None:
    """A hotline call typed as the caller speaks: name, phone, (no e-mail), address, text."""
    focus = QApplication.focusWidget
    type_text(focus(), "Ольга Иванова")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is form.author_phone
    type_text(focus(), "+7 910 555-01-02")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is form.author_email
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is form.address
    type_text(focus(), address)
    popup = form.address.completer().popup()
    if popup.isVisible():  # a street completion offered: Esc keeps what was typed
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    # the offscreen platform leaves a closed popup the active window: give it back
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    for _ in range(5):
        if focus() is form.text:
            break
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is form.text
    type_text(focus(), text)


def service_count(central: CentralHandle, text: str) -> int:
    a = central_schema.appeals
    assert central.service is not None
    with central.service.engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(a.c.text == text)).scalar_one())


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_a_hotline_call_registered_by_keyboard_alone(
    console: object, central: CentralHandle, qtbot: QtBot, offline: bool
) -> None:
    proxy = SwitchProxy(central.url)
    try:
        ws: Console = console(url=proxy.url)  # type: ignore[operator]
        if offline:
            proxy.down()
        form = ws.open_form()
        text = (
            f"Не горят фонари во дворе уже неделю, темно ({'без связи' if offline else 'в сети'})"
        )
        type_call(qtbot, form, "г. Тула, ул. Мира, д. 12", text)
        qtbot.waitUntil(lambda: form.municipality.currentData() == TULA)  # the gazetteer's
        # what the caller's words name in the region's category tree, suggested
        qtbot.waitUntil(lambda: form.category.currentData() == "improvement.lighting")
        assert form.theme.currentData() == "improvement"
        assert form.suggestion_note.isVisible()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)

        qtbot.waitUntil(lambda: "П-" in form.message.text())
        number = form.message.text().split("№ ")[1].split(" ")[0]
        assert is_provisional(number)
        cache = ws.window.context.cache
        registered = Registrations(cache.engine).find(number)
        assert registered is not None
        assert registered.state == "pending"
        provisional = cache.appeals.get(registered.provisional_id)
        assert provisional is not None
        assert provisional.source is Source.HOTLINE
        assert provisional.author.name == "Ольга Иванова"
        assert provisional.municipality == TULA
        assert provisional.category == "improvement.lighting"
        # in the queue at once, under its provisional number
        model = ws.window.queue.model
        qtbot.waitUntil(lambda: model.row_of(registered.provisional_id) >= 0, timeout=15_000)
        if offline:  # what the operator sees: the call in the queue under its provisional number
            ws.window.show_appeal(registered.provisional_id)
            qtbot.waitUntil(ws.window.idle, timeout=15_000)
            SHOTS.mkdir(parents=True, exist_ok=True)
            assert ws.window.grab().save(str(SHOTS / "queue_provisional.png"))
        assert cache.outbox.size() == 1
        assert service_count(central, text) == 0

        if offline:
            with pytest.raises(Offline):
                ws.engine.sync_once(give_up_after=0.3)
            assert cache.outbox.size() == 1
            assert service_count(central, text) == 0
            proxy.up()
        ws.sync()

        confirmed = Registrations(cache.engine).find(number)
        assert confirmed is not None
        assert confirmed.state == "confirmed"
        assert confirmed.number is not None
        assert confirmed.number in form.message.text()  # the real number, read out next time
        assert number in form.message.text()
        assert service_count(central, text) == 1  # exactly once
        assert cache.outbox.size() == 0
        assert cache.appeals.get(registered.provisional_id) is None
        real = cache.appeals.get(confirmed.current_id)
        assert real is not None
        assert str(real.id) == confirmed.number
        assert real.external_id == number_key(number)  # the number told first: still found
        qtbot.waitUntil(lambda: model.row_of(real.id) >= 0, timeout=15_000)
        qtbot.waitUntil(lambda: model.row_of(registered.provisional_id) < 0, timeout=15_000)
        if offline:  # it was selected: the real one is now
            shown = ws.window.detail.record()
            assert shown is not None
            assert shown.appeal.id == real.id
        # the service knows who registered it
        assert central.service is not None
        history = central.service.get_appeal(service_user(central, "cur_head"), real.id).history
        assert history[0].entry.actor == central.accounts["operator"].login
    finally:
        proxy.close()


def test_already_reported_finds_the_planted_appeal_and_me_too_attaches_the_caller(
    console: object, central: CentralHandle, qtbot: QtBot
) -> None:
    planted = new_appeal(
        central, "Яма на дороге", "Глубокая яма у дома, машины объезжают по встречной."
    )
    ws: Console = console()  # type: ignore[operator]
    assert ws.window.context.cache.appeals.get(planted.id) is not None
    assert central.service is not None
    with central.service.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(central_schema.appeals))
        appeals_before = int(before.scalar_one())
    form = ws.open_form()
    type_call(
        qtbot,
        form,
        "Ленина 5",
        "Звоню насчёт огромной ямы возле пятого дома, уже два колеса пробили",
    )
    qtbot.waitUntil(lambda: form.candidates.count() > 0, timeout=15_000)
    hit = form.current_candidate()
    assert hit is not None
    assert hit.appeal_id == planted.id
    assert hit.same_house
    # «Ленина 5» names no town: the same house's municipality is suggested
    qtbot.waitUntil(lambda: form.municipality.currentData() == TULA)
    assert form.suggestion_note.isVisible()
    form.resize(1200, 600)
    qtbot.waitUntil(lambda: form.width() == 1200)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert form.grab().save(str(SHOTS / "registration_form.png"))

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)
    assert QApplication.focusWidget() is form.candidates
    qtbot.keyClick(form.candidates, Qt.Key.Key_M, CTRL | SHIFT)
    qtbot.waitUntil(lambda: "«я тоже»: 1" in form.message.text())
    (item,) = ws.engine.cache.outbox.items()
    assert item.command.action is Action.ME_TOO
    assert item.appeal_id == planted.id
    ws.sync()
    assert ws.engine.cache.outbox.items()[0].state is OutboxState.CONFIRMED
    now = central.service.get_appeal(service_user(central, "cur_head"), planted.id)
    assert now.appeal.me_too == planted.me_too + 1
    line = now.history[-1].entry
    assert line.action == Action.ME_TOO.value
    assert line.details["co_author_name"] == "Ольга Иванова"
    assert line.details["co_author_phone"] == "+7 910 555-01-02"
    with central.service.engine.connect() as conn:
        after = conn.execute(select(func.count()).select_from(central_schema.appeals))
        assert int(after.scalar_one()) == appeals_before  # no appeal was created
    cached = ws.window.context.cache.appeals.get(planted.id)
    assert cached is not None
    assert cached.me_too == planted.me_too + 1


def test_a_municipal_operator_registers_for_their_municipality(
    console: object, central: CentralHandle, qtbot: QtBot
) -> None:
    ws: Console = console(who="municipal_operator")  # type: ignore[operator]
    own = central.accounts["municipal_operator"].scope["municipalities"]
    form = ws.open_form()
    assert form.municipality.currentData() == own[0]  # their own, before any address
    type_text(form.author_name, "Анна Петрова")
    form.text.setFocus()
    type_text(form.text, "Сломана скамейка в сквере")
    other = next(
        i for i in range(1, form.municipality.count()) if form.municipality.itemData(i) not in own
    )
    form.municipality.setCurrentIndex(other)
    qtbot.keyClick(form.text, Qt.Key.Key_Return, CTRL)
    assert form.message.text().startswith("Выберите свой муниципалитет: ")
    assert ws.window.context.cache.outbox.size() == 0  # the service would refuse it
    form.municipality.setCurrentIndex(form.municipality.findData(own[0]))
    qtbot.keyClick(form.text, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: "П-" in form.message.text())
    assert ws.window.context.cache.outbox.size() == 1
    ws.sync()
    assert ws.window.context.cache.outbox.size() == 0
    assert service_count(central, "Сломана скамейка в сквере") == 1


@pytest.mark.parametrize(
    ("text", "theme", "category"),
    [
        ("Не горят фонари во дворе уже неделю, темно", "improvement", "improvement.lighting"),
        ("Во дворе прорвало трубу, вода заливает подвал", "housing", "housing.sewerage"),
        ("Не вывозят мусор уже неделю, контейнеры переполнены", "waste", "waste.collection"),
        ("Здравствуйте, хотела спросить", None, None),
    ],
)
def test_the_callers_words_suggest_a_category(
    text: str, theme: str | None, category: str | None
) -> None:
    from cur_desktop.domain.dictionaries_io import load_default_dictionaries
    from cur_desktop.suggest.category_search import CategoryIndex
    from ui.console.registration import category_from_text

    index = CategoryIndex(load_default_dictionaries())
    assert category_from_text(index, text) == (theme, category)
