"""«Категории»: «Прочие» in a theme's top said, categories proposed, a head's edits sent.

On a demo cache with the planted growing «Прочие» problem (electric scooters, in
«roads.other»): the dock says that «Прочие по направлению» is in the top of «Дороги»
and proposes the scooters as a group (screenshot). Against the real service on
127.0.0.1: a block head creates a category from a proposal, the service stores the
new dictionaries version, this workstation has it at once and the proposal's open
appeals move to it through the outbox; renaming and the templates' placeholder check
go through the same path.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache
from cur_desktop.demo.problems import generate_with_problems
from cur_desktop.domain.appeal import Appeal, Author
from cur_desktop.domain.enums import Kind, Source
from cur_desktop.sync.client import CentralClient
from tests.qt.actions.support import WorkstationFactory
from tests.support.central import TULA, CentralHandle, head_of_centre
from tests.support.clock import now as clock_now
from tests.sync.sync_support import engine_for
from ui.console.categories_view import CategoryDialog, CategoryState
from ui.console.console_context import AUTH_ROLE, ConsoleContext
from ui.console.templates_dialog import TemplatesDialog
from ui.console.window import ConsoleWindow
from ui.wall.app import load_context

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
SHOTS = Path(os.environ.get("CUR_SHOTS", "/tmp/shots/problems"))


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("categories") / "cache.sqlite"
    generate_with_problems(path, 2500, 11, NOW)
    with Cache.open(path) as cache:
        cache.set_state(AUTH_ROLE, "theme_head")
    return path


@pytest.fixture
def window(qtbot: QtBot, demo_cache: Path, tmp_path: Path) -> Iterator[ConsoleWindow]:
    with Cache.open(demo_cache) as cache:
        settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
        shown = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
        shown.resize(1600, 1000)
        shown.show()
        qtbot.waitExposed(shown)
        qtbot.waitUntil(shown.idle, timeout=15_000)
        yield shown
        shown.close()
        shown.deleteLater()


def _open(qtbot: QtBot, window: ConsoleWindow) -> CategoryState:
    view = window.categories_view
    window.menus.actions["categories"].trigger()
    qtbot.waitUntil(lambda: view.state() is not None, timeout=60_000)
    state = view.state()
    assert state is not None
    return state


def test_the_catch_all_never_covers_a_message_the_operator_needs(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    toggle = window.menus.actions["categories"]
    plain = toggle.text()
    window.status.showMessage("обращение уже взял Петров")  # as a refusal is told
    window.refresh()
    qtbot.waitUntil(lambda: toggle.text() != plain, timeout=30_000)
    qtbot.waitUntil(window.idle, timeout=30_000)
    assert window.status.currentMessage() == "обращение уже взял Петров"


def test_the_catch_all_in_the_top_is_said_and_split(qtbot: QtBot, window: ConsoleWindow) -> None:
    view = window.categories_view
    toggle = window.menus.actions["categories"]
    plain = toggle.text()
    window.refresh()  # closed, the dock still marks its menu entry and tells the status bar
    qtbot.waitUntil(lambda: toggle.text() != plain, timeout=30_000)
    assert "«Прочие по направлению»" in window.status.currentMessage()
    state = _open(qtbot, window)
    # the planted one (another theme's catch-all may be in its top as the draws fall)
    assert "roads.other" in [a.category for a in state.alerts]
    if view.theme_box.currentData() != "roads":
        view.theme_box.setCurrentIndex(view.theme_box.findData("roads"))
        view.refresh(force=True)
        qtbot.waitUntil(lambda: view.state().catch_all == "roads.other", timeout=60_000)  # type: ignore[union-attr]
        state = view.state()
        assert state is not None
    assert not view.alert.isHidden()
    assert "«Прочие по направлению»" in view.alert.text()
    assert "«Дороги" in view.alert.text()
    assert view.theme_box.currentData() == "roads"
    assert state.catch_all == "roads.other"
    scooters = state.proposals[0]
    assert "самокат" in scooters.terms
    first = view.proposals.item(0, 0)
    assert first is not None
    assert first.text().startswith("самокат")
    assert view.create_button.isEnabled()  # a block head
    assert view.categories.rowCount() >= 3
    view.raise_()
    window.resizeDocks([view], [620], Qt.Orientation.Vertical)
    qtbot.wait(50)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "categories_catch_all.png"))


def test_without_the_service_an_edit_is_not_made(qtbot: QtBot, window: ConsoleWindow) -> None:
    view = window.categories_view
    _open(qtbot, window)
    failed: list[str] = []
    view.send([{"op": "rename_category", "code": "roads.other", "name": "X"}], print, failed.append)
    assert failed
    assert "service" in view.message.text() or "сервис" in view.message.text()


def _other_appeals(central: CentralHandle, texts: list[str]) -> list[int]:
    service = central.service
    assert service is not None
    head = head_of_centre(central)
    ids = []
    for n, text in enumerate(texts):
        draft = Appeal(
            id=0,
            source=Source.POS,
            external_id=f"CAT-{n:04d}",
            kind=Kind.MESSAGE,
            created_at=clock_now(),
            text=text,
            title="Самокаты на тротуаре",
            municipality=TULA,
            address="г. Тула, ул. Седова, д. 5",
            author=Author(name="Иван Петров"),
            theme="roads",
            category="roads.other",
        )
        ids.append(service.create_appeal(draft, actor=head).appeal.id)
    return ids


class _Session:
    def __init__(self, client: CentralClient) -> None:
        self.client = client


def test_a_head_creates_a_category_and_moves_the_proposal(
    qtbot: QtBot, central: CentralHandle, workstation: WorkstationFactory, tmp_path: Path
) -> None:
    texts = [
        f"Электросамокаты прокатные бросают прямо на тротуаре у дома {n}, пешеходам не пройти"
        for n in range(8)
    ]
    ids = _other_appeals(central, texts)
    other = workstation("operator")  # a second workstation, running before the edit
    wall_cache = tmp_path / "wall.sqlite"
    with engine_for(central, wall_cache, "wall") as wall:
        wall.sync_once()  # a wall, synced before the edit
    ws = workstation("theme_head")
    window = ws.window
    view = window.categories_view
    client = CentralClient(central.url)
    account = central.accounts["theme_head"]
    client.login(account.login, account.password, "head-ws")
    view.session = _Session(client)
    try:
        _open(qtbot, window)
        view.theme_box.setCurrentIndex(view.theme_box.findData("roads"))
        view.refresh(force=True)
        qtbot.waitUntil(
            lambda: any(set(ids) <= set(p.appeal_ids) for p in view.state().proposals),  # type: ignore[union-attr]
            timeout=60_000,
        )
        state = view.state()
        assert state is not None
        row = next(i for i, p in enumerate(state.proposals) if set(ids) <= set(p.appeal_ids))
        view.proposals.selectRow(row)
        view.create_button.click()
        dialog = view.dialog
        assert isinstance(dialog, CategoryDialog)
        dialog.name.setText("Самокаты на тротуарах")
        dialog.monthly.setValue(10)
        dialog.done(QDialog.DialogCode.Accepted)
        qtbot.waitUntil(
            lambda: (
                window.context.dictionaries is not None
                and window.context.dictionaries.category("roads.r1") is not None
            ),
            timeout=30_000,
        )
        qtbot.waitUntil(lambda: not window.reader.busy(), timeout=30_000)
        d = window.context.dictionaries
        assert d is not None
        created = d.category("roads.r1")
        assert created is not None
        assert created.name == "Самокаты на тротуарах"
        assert created.target("monthly_max") == 10.0
        ws.sync()  # the outbox's re-categorisations reach the service
        service = central.service
        assert service is not None
        head = head_of_centre(central)
        moved = [service.get_appeal(head, i).appeal.category for i in ids]
        assert moved == ["roads.r1"] * len(ids)

        # the edit made in the app reaches the second workstation and the wall by sync
        other.sync()
        other.window.refresh()
        seen = other.window.context.dictionaries
        assert seen is not None
        assert seen.category("roads.r1") is not None
        assert [other.engine.cache.appeals.get(i).category for i in ids] == ["roads.r1"] * 8  # type: ignore[union-attr]
        with engine_for(central, wall_cache, "wall") as wall:
            wall.sync_once()
        on_wall = load_context(None, wall_cache).dictionaries.category("roads.r1")
        assert on_wall is not None
        assert on_wall.name == "Самокаты на тротуарах"

        # the templates: a wrong placeholder keeps Save off, a right one is stored
        view.templates_button.click()
        templates = view.dialog
        assert isinstance(templates, TemplatesDialog)
        templates.new_template()
        templates.code.setText("roads.scooters")
        templates.title.setText("Самокаты убраны")
        templates.text.setPlainText("По обращению № {nomer} самокаты убраны.")
        assert not templates.save_button.isEnabled()
        assert "{nomer}" in templates.check.text()
        templates.text.setPlainText("По обращению № {number} от {date} самокаты убраны.")
        assert templates.save_button.isEnabled()
        templates.save_button.click()

        def stored() -> bool:
            doc = ws.engine.cache.load_dictionaries()
            return doc is not None and any(t["code"] == "roads.scooters" for t in doc["templates"])

        qtbot.waitUntil(stored, timeout=30_000)
        qtbot.waitUntil(templates.save_button.isEnabled, timeout=30_000)
        assert "2" in templates.status.text()  # the version it was saved as
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert templates.grab().save(str(SHOTS / "templates_dialog.png"))
        templates.close()
    finally:
        client.close()
