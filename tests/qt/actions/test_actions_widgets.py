"""The action dialogs and models on their own, and the appeal menu over a generated cache:
item models pass the model tester, lists filter as the operator types, required
parameters are required, templates leave no gap unnoticed, every action has a shortcut."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimeZone
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.dictionaries import AnswerTemplate
from cur_desktop.domain.enums import Action, Kind, Reaction, Source
from cur_desktop.regions.pack import builtin_pack_dir, load_pack
from cur_desktop.sync.writer import CacheWriter
from tests.qt.actions.support import type_text
from tests.support.caches import generated_cache, private_copy
from ui.console.actions_specs import SPECS, refusal_text
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow
from widgets.action_dialogs import PostponeDialog, RejectDialog
from widgets.action_dialogs_categorise import CategoriseDialog, category_choices
from widgets.action_dialogs_choice import Choice, ChoiceModel, ChoicePicker
from widgets.action_dialogs_outcome import RateDialog, RedirectDialog
from widgets.answer_editor import AnswerEditor
from widgets.queue_model import Column, QueueTableModel
from widgets.queue_rows import RowBuilder

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
DICTS = load_pack(builtin_pack_dir()).dictionaries


def test_choice_model_passes_the_model_tester_while_filtering(qtmodeltester: ModelTester):
    model = ChoiceModel(category_choices(DICTS))
    qtmodeltester.check(model)
    model.set_filter("снег тротуар")
    assert [model.choice(r).code for r in range(model.rowCount())] == [  # type: ignore[union-attr]
        "roads|roads.snow|roads.snow.sidewalk"
    ]
    model.set_filter("")
    model.set_choices([Choice("a", "Один"), Choice("b", "Два", keywords="второй")])
    model.set_filter("втор")
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "Два"


def test_queue_model_with_pending_marks_passes_the_model_tester(qtmodeltester: ModelTester):
    appeals = [
        Appeal(i, Source.POS, f"N-{i}", Kind.MESSAGE, NOW, f"текст {i}") for i in range(1, 40)
    ]
    build = RowBuilder(DICTS).build
    model = QueueTableModel(lambda ids: [build(appeals[i - 1]) for i in ids])
    model.set_ids([a.id for a in appeals])
    model.set_pending(frozenset({3, 7}))
    qtmodeltester.check(model)
    assert model.is_pending(3)
    assert model.data(model.index(2, Column.MARKS)) == model.tr("sending…")
    assert model.data(model.index(3, Column.MARKS)) == ""
    model.set_pending(frozenset())
    assert model.data(model.index(2, Column.MARKS)) == ""


def test_picker_moves_from_the_search_field_and_needs_a_choice_when_asked(qtbot: QtBot):
    picker = ChoicePicker([Choice(str(n), f"Пункт {n}") for n in range(5)], auto_select=False)
    qtbot.addWidget(picker)
    assert picker.current() is None
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.current_code() == "0"
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    assert picker.current_code() == "1"
    type_text(picker.search, "4")
    assert picker.current_code() == "4"  # typing highlights the first match
    type_text(picker.search, "9")
    assert picker.current() is None  # nothing matches "49"


def test_categorise_dialog_returns_the_path_and_keeps_the_municipality(qtbot: QtBot):
    dialog = CategoriseDialog(
        DICTS, "№ 1", current_path="", current_municipality="70701000", parent=None
    )
    qtbot.addWidget(dialog)
    type_text(dialog.paths.search, "ямы двор")
    assert dialog.problem() is None
    assert dialog.params() == {
        "theme": "roads",
        "category": "roads.potholes",
        "subcategory": "roads.potholes.yard",
        "municipality": "70701000",
    }
    dialog.places.set_current("")
    assert "municipality" not in dialog.params()


def test_reject_and_postpone_need_their_reasons(qtbot: QtBot):
    reject = RejectDialog([Choice(r.code, r.name) for r in DICTS.rejection_reasons], "№ 1", None)
    qtbot.addWidget(reject)
    reject.try_accept()
    assert reject.result() != reject.DialogCode.Accepted
    assert reject.problem_label.text() == reject.tr("Choose a reason for the rejection")

    zone = QTimeZone(b"Europe/Moscow")
    postpone = PostponeDialog("№ 1", current=NOW + timedelta(days=1), now=NOW, time_zone=zone,
                              parent=None)  # fmt: skip
    qtbot.addWidget(postpone)
    assert postpone.problem() == postpone.tr("Give the reason for the postponement")
    type_text(postpone.reason, "ждём подрядчика")
    assert postpone.problem() is None
    params = postpone.params()
    assert datetime.fromisoformat(str(params["until"])) == NOW + timedelta(days=4)
    assert params["reason"] == "ждём подрядчика"
    postpone.until.setDateTime(postpone.until.dateTime().addDays(-5))
    assert postpone.problem() == postpone.tr("The new deadline must be later than the current one")


def test_redirect_offers_known_organisations_and_takes_a_new_one_as_typed(qtbot: QtBot):
    known = ["Прокуратура региона", "Управление Роспотребнадзора"]
    dialog = RedirectDialog(known, "№ 1", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.try_accept()
    assert dialog.problem_label.text() == dialog.tr("Choose the organisation or type its name")
    type_text(dialog.organisations.search, "роспотреб")
    assert dialog.params() == {"to": "Управление Роспотребнадзора"}
    # a name nobody used before: offered as the last entry, chosen when nothing else fits
    dialog.organisations.search.clear()
    type_text(dialog.organisations.search, "Прокуратура  Щёкинского района")
    assert dialog.organisations.current_code() is not None
    assert dialog.params() == {"to": "Прокуратура Щёкинского района"}
    # typing a part of a known name first highlights the known one; Down reaches the new one
    dialog.organisations.search.clear()
    type_text(dialog.organisations.search, "Прокуратура")
    assert dialog.params() == {"to": "Прокуратура региона"}
    qtbot.keyClick(dialog.organisations.search, Qt.Key.Key_Down)
    assert dialog.params() == {"to": "Прокуратура"}
    qtbot.keyClick(dialog.organisations.search, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_rate_needs_a_rating_or_a_reaction(qtbot: QtBot):
    dialog = RateDialog("№ 1", reaction=Reaction.NEUTRAL)
    qtbot.addWidget(dialog)
    assert dialog.params() == {"reaction": "neutral"}  # what the appeal already has
    dialog.reaction.setCurrentIndex(0)
    dialog.try_accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.problem_label.text() == dialog.tr("Give the rating or the reaction")
    dialog.rating.setCurrentIndex(dialog.rating.findData(2))
    dialog.reaction.setCurrentIndex(dialog.reaction.findData("dissatisfied"))
    assert dialog.params() == {"rating": 2, "reaction": "dissatisfied"}
    dialog.try_accept()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_answer_editor_fills_placeholders_counts_and_refuses_gaps(qtbot: QtBot):
    template = AnswerTemplate(
        "t", "Выполнено", "Уважаемый(ая) {author_name}! По № {number}: {address}."
    )
    editor = AnswerEditor([template], {"number": "N-1", "author_name": ""}, interim=False,
                          summary="№ N-1")  # fmt: skip
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.keyClick(editor.templates.search, Qt.Key.Key_Return)
    assert editor.text() == "Уважаемый(ая) {author_name}! По № N-1: {address}."
    assert editor.gaps() == ["{author_name}", "{address}"]
    assert editor.editor.textCursor().selectedText() == "{author_name}"  # the first gap
    assert editor.counter.text() == editor.tr("%n character(s)", "", len(editor.text()))
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.result() != editor.DialogCode.Accepted
    assert "{address}" in editor.problem_label.text()
    editor.editor.setPlainText("Уважаемый житель! Работы выполнены.")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.result() == editor.DialogCode.Accepted
    assert editor.template_code() == "t"


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "actions-menu", 300, 3, NOW)


@pytest.fixture
def window(qtbot: QtBot, demo_cache: Path, tmp_path: Path) -> Iterator[ConsoleWindow]:
    with private_copy(demo_cache, tmp_path) as cache:
        settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
        shown = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
        shown.show()
        qtbot.waitExposed(shown)
        qtbot.waitUntil(shown.idle, timeout=15_000)
        yield shown
        shown.close()
        shown.deleteLater()


def test_every_action_is_in_the_appeal_menu_with_a_unique_shortcut(window: ConsoleWindow):
    menu = window.menu("appeal")
    in_menu = set(menu.actions())
    for spec in SPECS:
        if spec is None:
            continue
        action = window.appeal_actions.qactions[spec.key]
        assert action in in_menu, spec.key
        assert not action.shortcut().isEmpty(), spec.key
        assert action.text().replace("&", "").strip(), spec.key
    shortcuts = [a.shortcut().toString() for a in window.menus.actions.values()]
    shortcuts = [s for s in shortcuts if s]
    assert len(shortcuts) == len(set(shortcuts))


def test_menu_follows_the_lifecycle_for_the_selected_appeal(window: ConsoleWindow, qtbot: QtBot):
    actions = window.appeal_actions.qactions
    cache: Cache = window.context.cache
    answered = next(
        a for a in cache.appeals.get_many(list(range(1, 301))) if a.status.value == "answered"
    )
    window.show_appeal(answered.id)
    qtbot.waitUntil(window.idle)
    assert window.appeal_actions.targets() == [answered.id]
    assert actions["return_for_rework"].isEnabled()
    assert actions["close"].isEnabled()
    assert not actions["answer"].isEnabled()
    assert not actions["route"].isEnabled()
    assert actions["note"].isEnabled()


def test_recording_the_citizens_rating_from_the_keyboard(window: ConsoleWindow, qtbot: QtBot):
    cache: Cache = window.context.cache
    answered = next(
        a for a in cache.appeals.get_many(list(range(1, 301))) if a.status.value == "answered"
    )
    window.show_appeal(answered.id)
    qtbot.waitUntil(window.idle)
    actions = window.appeal_actions
    assert actions.qactions["rate"].isEnabled()
    actions.trigger("rate")
    dialog = actions.dialog
    assert isinstance(dialog, RateDialog)
    qtbot.keyClick(dialog.rating, Qt.Key.Key_Down)  # "not given" -> 5
    qtbot.keyClick(dialog.rating, Qt.Key.Key_Down)  # -> 4
    dialog.reaction.setCurrentIndex(dialog.reaction.findData("satisfied"))
    qtbot.keyClick(dialog.rating, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.dialog is None)
    (stored,) = cache.outbox.pending()
    assert stored.appeal_id == answered.id
    assert stored.command.action is Action.RATE
    assert dict(stored.command.params) == {"rating": 4, "reaction": "satisfied"}
    assert stored.base_version == answered.version


def test_redirect_lists_the_organisations_used_before(window: ConsoleWindow, qtbot: QtBot):
    cache: Cache = window.context.cache
    used = [a.redirected_to for a in cache.appeals.get_many(list(range(1, 301)))]
    used = [u for u in used if u]
    assert used, "the demo data redirects some appeals"
    new = next(a for a in cache.appeals.get_many(list(range(1, 301))) if a.status.value == "new")
    window.show_appeal(new.id)
    qtbot.waitUntil(window.idle)
    window.appeal_actions.trigger("redirect")
    dialog = window.appeal_actions.dialog
    assert isinstance(dialog, RedirectDialog)
    offered = [c.code for c in dialog._known]
    assert set(offered) == set(used)
    assert offered[0] == max(set(used), key=lambda u: (used.count(u), -offered.index(u)))
    dialog.reject()


def test_what_the_operator_saw_survives_a_restart(window: ConsoleWindow, qtbot: QtBot):
    """A conflict found after the console restarted still shows the appeal as it was seen."""
    from cur_desktop.domain.appeal import evolve
    from cur_desktop.domain.lifecycle import Command
    from ui.console.actions import ActionSubmitter

    cache: Cache = window.context.cache
    appeal = next(a for a in cache.appeals.get_many(list(range(1, 301))) if a.status.value == "new")
    (key,) = window.actions.submit([appeal.id], Command.of(Action.ADD_NOTE, text="позвонить"))
    # meanwhile a colleague's change arrives with the next sync
    CacheWriter(cache.engine).upsert_newer(
        [evolve(appeal, {"theme": "housing", "version": appeal.version + 1})]
    )
    restarted = ActionSubmitter(cache, window.actions.actor)  # a new session, empty memory
    seen = restarted.seen(key)
    assert seen is not None
    assert seen.appeal == appeal
    assert seen.command == Command.of(Action.ADD_NOTE, text="позвонить")
    assert restarted.seen("no-such-key") is None


def test_a_malformed_request_is_told_in_words_not_as_the_protocol_code(qtbot: QtBot) -> None:
    told = refusal_text("bad_request")
    assert "bad_request" not in told  # was «отклонено сервером (bad_request)»
    assert told != refusal_text("a_code_of_a_newer_service")
    assert "a_code_of_a_newer_service" in refusal_text("a_code_of_a_newer_service")
