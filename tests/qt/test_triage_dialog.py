"""The triage dialog on its own: pre-filled from suggestions, nothing chosen without them,
Tab never trapped, a macro with a gap refused, the body following the category."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.suggestions import Scored, Suggestions
from cur_desktop.regions import builtin_pack_dir, load_pack
from cur_desktop.suggest.macros import Macro, load_macros
from tests.qt.actions.support import type_text
from widgets.triage_dialog import TriageChoice, TriageDialog, TriageSetup

TULA = "70701000"
SUGGESTED = Suggestions(
    theme=(Scored("improvement", 0.9),),
    category=(Scored("improvement.lighting", 0.85), Scored("improvement.parks", 0.1)),
    subcategory=(Scored("improvement.lighting.not_working", 0.8),),
    municipality=(Scored(TULA, 0.95),),
    body=(Scored("adm-70701000", 0.7), Scored("min-housing", 0.3)),
    routes=(
        ("improvement.lighting", (Scored("adm-70701000", 0.7), Scored("min-housing", 0.3))),
        ("improvement.parks", (Scored("min-ecology", 0.6),)),
    ),
)


@pytest.fixture(scope="module")
def dicts() -> Dictionaries:
    return load_pack(builtin_pack_dir()).dictionaries


def dialog_for(
    qtbot: QtBot,
    dicts: Dictionaries,
    suggestions: Suggestions | None,
    *,
    municipality: str | None = TULA,
    macros: Sequence[Macro] = (),
    gaps: Sequence[str] = (),
) -> TriageDialog:
    setup = TriageSetup(
        summary="№ 1 — Темно во дворе",
        suggestions=suggestions,
        current_path="",
        municipality=municipality,
        body=None,
        take=True,
        macros=tuple(macros),
    )

    def answer(macro: Macro, choice: TriageChoice) -> tuple[str, Sequence[str]]:
        return f"Ответ: {choice.category}", gaps

    dialog = TriageDialog(dicts, setup, macro_answer=answer, parent=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.paths.search)
    return dialog


def test_pre_filled_from_the_suggestions(qtbot: QtBot, dicts: Dictionaries) -> None:
    dialog = dialog_for(qtbot, dicts, SUGGESTED)
    choice = dialog.choice()
    assert (choice.theme, choice.category, choice.subcategory) == (
        "improvement", "improvement.lighting", "improvement.lighting.not_working"
    )  # fmt: skip
    assert (choice.municipality, choice.body, choice.take) == (TULA, "adm-70701000", True)
    assert "85" in dialog.hint.text() or "80" in dialog.hint.text()
    # another category: the history's body for it comes first
    type_text(dialog.paths.search, "парк")
    qtbot.waitUntil(lambda: dialog.choice().category == "improvement.parks")
    assert dialog.choice().body == "min-ecology"
    # a category the history says nothing about: the municipality's administration first
    dialog.paths.search.clear()
    type_text(dialog.paths.search, "скамейки")
    qtbot.waitUntil(lambda: (dialog.choice().category or "").startswith("improvement.yards"))
    assert dialog.choice().body == "adm-70701000"


def test_without_suggestions_nothing_is_chosen_until_typed(
    qtbot: QtBot, dicts: Dictionaries
) -> None:
    dialog = dialog_for(qtbot, dicts, None, municipality=None)
    assert dialog.paths.current_code() is None
    assert dialog.places.current_code() is None
    qtbot.keyClick(dialog.paths.search, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter did not accept the first theme of the list
    assert dialog.problem_label.text()
    type_text(dialog.paths.search, "фонарь")
    qtbot.waitUntil(lambda: dialog.choice().category == "improvement.lighting")


def test_tab_goes_through_every_field_and_out_again(qtbot: QtBot, dicts: Dictionaries) -> None:
    dialog = dialog_for(qtbot, dicts, SUGGESTED)
    seen: list[QWidget] = []
    for _ in range(8):
        widget = QApplication.focusWidget()
        assert widget is not None
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert dialog.places.search in seen
    assert dialog.bodies.search in seen
    assert dialog.take in seen
    assert seen.count(dialog.paths.search) >= 2  # round and back: no trap


def test_a_macro_whose_template_leaves_a_gap_is_refused(qtbot: QtBot, dicts: Dictionaries) -> None:
    macros = load_macros(builtin_pack_dir(), dicts)
    dialog = dialog_for(qtbot, dicts, SUGGESTED, macros=macros, gaps=["author_name"])
    qtbot.keyClick(dialog.paths.search, Qt.Key.Key_F4)
    assert dialog.isVisible()
    assert "{author_name}" in dialog.problem_label.text()
    assert dialog.macro is None
    filled = dialog_for(qtbot, dicts, SUGGESTED, macros=macros)
    with qtbot.waitSignal(filled.accepted):
        qtbot.keyClick(filled.paths.search, Qt.Key.Key_F4)
    assert filled.macro is not None
    assert filled.macro.code == "street-lights"
    assert filled.answer_text == "Ответ: improvement.lighting"
    assert filled.choice().body == "adm-70701000"
