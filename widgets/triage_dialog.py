"""One triage dialog: take, categorise and route an appeal, pre-filled with the suggestions.

It opens on what the region's history suggests (:mod:`cur_desktop.domain.suggestions`):
the category path, the municipality and the body, each with its confidence, and
«Take» ticked when nobody holds the appeal, so **Enter accepts all**. Each field can
be overridden: the category list searches by meaning
(:class:`~cur_desktop.suggest.category_search.CategoryIndex`: lemmas, any word
order, any word of the path) and ranks by the suggestion's confidence; the body list
follows the chosen category and municipality, the body the history routed such
appeals to first, then the municipality's administration, then the rest.

Macros of the region (:mod:`cur_desktop.suggest.macros`) are one key each (F3…):
the macro's category and body, and an answer from its template, at once.

The dialog returns choices only (:meth:`TriageDialog.choice`); the console turns
them into commands. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.suggestions import Candidates, Suggestions
from cur_desktop.suggest.category_search import (
    SEP,
    CategoryIndex,
    path_code,
    path_confidence,
    suggested_path,
)
from cur_desktop.suggest.macros import Macro, municipal_body
from widgets.action_dialogs import ActionDialog
from widgets.action_dialogs_choice import Choice, ChoiceModel, ChoicePicker

HINT_STYLE = "color: #555"


def percent(confidence: float) -> str:
    return f"{round(confidence * 100)}\u00a0%"


class RankedCategoryModel(ChoiceModel):
    """The category paths, filtered and ranked by :class:`CategoryIndex`."""

    def __init__(
        self, index: CategoryIndex, confidence: dict[str, float], parent: QObject | None = None
    ) -> None:
        self._index = index
        self._confidence = confidence
        super().__init__(self._choices(""), parent)

    def _choices(self, text: str) -> tuple[Choice, ...]:
        out = []
        for entry in self._index.search(text, self._confidence):
            conf = self._confidence.get(entry.code, 0.0)
            shown = f"{entry.text}   · {percent(conf)}" if conf >= 0.01 else entry.text
            out.append(Choice(entry.code, shown, keywords=entry.keywords))
        return tuple(out)

    def _filtered(self, text: str) -> tuple[Choice, ...]:
        return self._choices(text)


class CategoryPicker(ChoicePicker):
    """A :class:`ChoicePicker` over :class:`RankedCategoryModel`."""

    def __init__(
        self,
        index: CategoryIndex,
        confidence: dict[str, float],
        *,
        placeholder: str,
        auto_select: bool,
    ) -> None:
        super().__init__((), placeholder=placeholder, auto_select=auto_select)
        self.model = RankedCategoryModel(index, confidence, self)
        self.list.setModel(self.model)
        self.list.selectionModel().currentRowChanged.connect(self._row_moved)
        self._select(0 if auto_select else -1)

    def _row_moved(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._moved(current, previous)


@dataclass(frozen=True, slots=True)
class TriageSetup:
    """What the console knows about the appeal being triaged."""

    summary: str
    suggestions: Suggestions | None
    current_path: str  # the appeal's own theme|category|subcategory ("" when none)
    municipality: str | None
    body: str | None
    take: bool  # «Take» starts ticked
    take_note: str = ""  # why it cannot be taken (a colleague holds it), "" if it can
    macros: tuple[Macro, ...] = ()


@dataclass(frozen=True, slots=True)
class TriageChoice:
    take: bool
    theme: str
    category: str | None
    subcategory: str | None
    municipality: str | None
    body: str | None
    macro: Macro | None = None


#: The macro's answer, rendered for the appeal as it will be: (text, what is unfilled).
MacroAnswer = Callable[[Macro, TriageChoice], tuple[str, Sequence[str]]]


class TriageDialog(ActionDialog):
    """Take + categorise + route in one dialog; Enter accepts all."""

    def __init__(
        self,
        dicts: Dictionaries,
        setup: TriageSetup,
        *,
        macro_answer: MacroAnswer | None = None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(self.tr("Triage"), self.tr("Accept all"), setup.summary, parent)
        self.dicts = dicts
        self.setup = setup
        self.macro: Macro | None = None
        self._macro_answer = macro_answer
        self.answer_text = ""
        suggestions = setup.suggestions
        self.index = CategoryIndex(dicts)
        start = setup.current_path or suggested_path(suggestions, dicts)
        # nothing suggested and nothing set: nothing chosen until the operator types
        # (Enter must not accept the first theme of the list)
        self.paths = CategoryPicker(
            self.index,
            path_confidence(suggestions, dicts),
            placeholder=self.tr("Type words of the theme, category or subcategory"),
            auto_select=bool(start),
        )
        self.paths.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.paths.activated.connect(lambda _code: self.try_accept())
        if start:
            self.paths.set_current(start)

        place = setup.municipality or _best(suggestions.municipality if suggestions else ())
        self.places = self.picker(
            self._place_choices(), self.tr("Type part of the name"), auto=bool(place)
        )
        if place:
            self.places.set_current(place)
        self.places.current_changed.connect(lambda _code: self._refill_bodies())
        self.bodies = self.picker([], self.tr("Type part of the body's name"), auto=True)
        self.paths.current_changed.connect(lambda _code: self._category_changed())

        self.take = QCheckBox(self.tr("&Take (mark as mine)"))
        self.take.setChecked(setup.take and not setup.take_note)
        self.take.setEnabled(not setup.take_note)
        if setup.take_note:
            self.take.setToolTip(setup.take_note)
        self.hint = QLabel()
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setWordWrap(True)

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Theme › category › subcategory:")), 0, 0)
        grid.addWidget(self.paths, 1, 0, 3, 1)
        grid.addWidget(QLabel(self.tr("Municipality:")), 0, 1)
        grid.addWidget(self.places, 1, 1)
        grid.addWidget(QLabel(self.tr("Responsible body:")), 2, 1)
        grid.addWidget(self.bodies, 3, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(3, 2)
        self.body.addWidget(self.hint)
        self.body.addLayout(grid, stretch=1)
        self.body.addWidget(self.take)
        self._add_macros(setup.macros)
        self._refill_bodies()
        self._show_hint()
        self.paths.setFocus()
        self.resize(1100, 640)

    # -- fields ------------------------------------------------------------------------------

    def _place_choices(self) -> list[Choice]:
        found = self.setup.suggestions.municipality if self.setup.suggestions else ()
        conf = {s.code: s.confidence for s in found}
        ordered = sorted(
            self.dicts.municipalities,
            key=lambda m: (-conf.get(m.oktmo, 0.0), m.display_name.casefold()),
        )
        return [
            Choice(
                m.oktmo,
                f"{m.display_name}   · {percent(conf[m.oktmo])}" if m.oktmo in conf
                else m.display_name,
                detail=m.name,
                keywords=m.kind,
            )
            for m in ordered
        ]  # fmt: skip

    def _path(self) -> tuple[str | None, str | None, str | None]:
        parts = (self.paths.current_code() or "").split(SEP)
        if not parts[0]:
            return None, None, None
        return (
            parts[0],
            parts[1] if len(parts) > 1 else None,
            parts[2] if len(parts) > 2 else None,
        )

    def _suggested_bodies(self, category: str | None, municipality: str | None) -> Candidates:
        suggestions = self.setup.suggestions
        if suggestions is None:
            return ()
        basis = self.setup.municipality or _best(suggestions.municipality)
        bodies = suggestions.bodies_for(category) if category else ()
        if not category or not any(code == category for code, _ in suggestions.routes):
            bodies = ()  # the history says nothing about this category
        if municipality == basis:
            return bodies
        # another municipality: the same kind of body there (its administration for one)
        moved = []
        for scored in bodies:
            body = self.dicts.body(scored.code)
            if body is not None and body.municipalities:
                other = municipal_body(self.dicts, municipality)
                if other:
                    moved.append(type(scored)(other, scored.confidence))
            else:
                moved.append(scored)
        return tuple(moved)

    def _refill_bodies(self) -> None:
        theme, category, _sub = self._path()
        municipality = self.places.current_code()
        suggested = self._suggested_bodies(category, municipality)
        conf = {s.code: s.confidence for s in suggested}
        own = municipal_body(self.dicts, municipality)
        serving = [b for b in self.dicts.bodies if b.serves(theme, municipality)]
        rank = {s.code: i for i, s in enumerate(suggested)}

        def order(code: str) -> tuple[int, int, str]:
            if code in rank:
                return 0, rank[code], ""
            return (1 if code == own else 2), 0, code

        choices = [
            Choice(
                b.code,
                (f"{b.short_name or b.name}   · {percent(conf[b.code])}" if b.code in conf
                 else b.short_name or b.name),
                detail=b.name,
            )
            for b in sorted(serving, key=lambda b: order(b.code))
        ]  # fmt: skip
        self.bodies.set_choices(choices)
        if self.setup.body and self.setup.body in {b.code for b in serving} and not suggested:
            self.bodies.set_current(self.setup.body)

    def _category_changed(self) -> None:
        self._refill_bodies()
        self.problem_label.hide()

    def _show_hint(self) -> None:
        s = self.setup.suggestions
        if s is None:
            self.hint.setText(self.tr("No suggestions for this appeal yet"))
            return
        parts = []
        path = suggested_path(s, self.dicts)
        entry = self.index.entry(path) if path else None
        best = s.best("subcategory") if path and path.count(SEP) == 2 else s.best("category")
        if entry is not None and best is not None:
            parts.append(f"{entry.text} ({percent(best.confidence)})")
        place = s.best("municipality")
        mun = self.dicts.municipality(place.code) if place else None
        if place is not None and mun is not None:
            parts.append(f"{mun.display_name} ({percent(place.confidence)})")
        body_best = s.best("body")
        body = self.dicts.body(body_best.code) if body_best else None
        if body_best is not None and body is not None:
            parts.append(f"{body.short_name or body.name} ({percent(body_best.confidence)})")
        text = self.tr("Suggested from the region's history: %1").replace("%1", "; ".join(parts))
        self.hint.setText(text)

    # -- macros ------------------------------------------------------------------------------

    def _add_macros(self, macros: Sequence[Macro]) -> None:
        self.macro_labels: list[QLabel] = []
        if not macros:
            return
        box = QVBoxLayout()
        box.addWidget(QLabel(self.tr("Macros (one key: categorise, route and answer):")))
        for macro in macros:
            label = QLabel(f"<b>{macro.key}</b> — {macro.title}")
            box.addWidget(label)
            self.macro_labels.append(label)
            shortcut = QShortcut(QKeySequence(macro.key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda m=macro: self.run_macro(m))
        self.body.addLayout(box)

    def run_macro(self, macro: Macro) -> None:
        """Fill the fields as the macro says and accept, or say why it cannot."""
        path = path_code(macro.theme, macro.category, macro.subcategory)
        self.paths.search.clear()
        if not self.paths.set_current(path):
            self._refuse(self.tr("The macro's category is not in the list"))
            return
        municipality = self.places.current_code()
        suggested = self._suggested_bodies(macro.category, municipality)
        body = macro.body_for(self.dicts, municipality, suggested[0].code if suggested else None)
        if not body or not self.bodies.set_current(body):
            self._refuse(self.tr("The macro's body does not serve this municipality"))
            return
        choice = self.choice(macro)
        if macro.template and self._macro_answer is not None:
            text, gaps = self._macro_answer(macro, choice)
            if gaps:
                gaps_text = ", ".join(f"{{{g}}}" for g in gaps)
                self._refuse(self.tr("The template leaves gaps: %1").replace("%1", gaps_text))
                return
            self.answer_text = text
        self.macro = macro
        self.accept()

    def _refuse(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.show()

    # -- result ------------------------------------------------------------------------------

    def problem(self) -> str | None:
        if self.paths.current_code() is None:
            return self.tr("Choose a theme or a category")
        if not self.bodies.model.rowCount() and not self.bodies.search.text():
            return self.tr("No body serves this theme and municipality")
        if self.bodies.current_code() is None:
            return self.tr("Choose a body")
        return None

    def choice(self, macro: Macro | None = None) -> TriageChoice:
        theme, category, subcategory = self._path()
        return TriageChoice(
            take=self.take.isChecked(),
            theme=theme or "",
            category=category,
            subcategory=subcategory,
            municipality=self.places.current_code(),
            body=self.bodies.current_code(),
            macro=macro if macro is not None else self.macro,
        )


def _best(candidates: Candidates) -> str | None:
    return candidates[0].code if candidates else None
