"""Dialogs for how an appeal ends outside the usual answer: redirected, or rated.

* :class:`RedirectDialog`: the organisation the appeal goes to by competence
  (a prosecutor's office, Rospotrebnadzor, a utility). The list offers the
  organisations this ЦУР has redirected to before, most used first; typing a
  name that is not there adds it as a new one, shown as the list's last entry, so
  a typo'd duplicate of a known name is a visible decision, not an accident.
* :class:`RateDialog`: the citizen's satisfaction, recorded by an operator (a
  call-back survey on the hotline, a rating the citizen gave by phone): the
  rating 1–5 and/or the reaction («доволен», «нейтрально», «недоволен»).

Keyboard first like every action dialog (:mod:`widgets.action_dialogs`).
GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from cur_desktop.domain.appeal import JsonScalar
from cur_desktop.domain.enums import Reaction
from widgets.action_dialogs import ActionDialog
from widgets.action_dialogs_choice import Choice

# The code of the list entry that stands for "the name as typed".
NEW_PREFIX = "new:"


class RedirectDialog(ActionDialog):
    """Choose a known organisation or type a new one (required), with a comment."""

    def __init__(self, organisations: Sequence[str], summary: str, parent: QWidget | None) -> None:
        super().__init__(
            self.tr("Redirect to another organisation"), self.tr("Redirect"), summary, parent
        )
        self._known = [Choice(name, name) for name in organisations]
        self.organisations = self.picker(
            self._known, self.tr("Type part of the name, or a new organisation"), auto=False
        )
        self.organisations.search.textChanged.connect(self._typed)
        self.body.addWidget(QLabel(self.tr("The organisation competent to answer:")))
        self.body.addWidget(self.organisations, stretch=1)
        self.organisations.setFocus()
        self.resize(620, 440)

    def _typed(self, text: str) -> None:
        name = " ".join(text.split())
        choices = list(self._known)
        if name and name.casefold() not in {c.code.casefold() for c in self._known}:
            label = self.tr("%1 (new organisation)").replace("%1", name)
            choices.append(Choice(NEW_PREFIX + name, label, keywords=name))
        self.organisations.set_choices(choices)

    def chosen(self) -> str:
        code = self.organisations.current_code() or ""
        return code.removeprefix(NEW_PREFIX)

    def problem(self) -> str | None:
        if not self.chosen():
            return self.tr("Choose the organisation or type its name")
        return None

    def params(self) -> dict[str, JsonScalar]:
        return {"to": self.chosen()}


class RateDialog(ActionDialog):
    """The citizen's rating (1–5) and/or reaction; at least one of them."""

    def __init__(
        self,
        summary: str,
        *,
        rating: int | None = None,
        reaction: Reaction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("The citizen's rating"), self.tr("Record"), summary, parent)
        self.rating = QComboBox()
        self.rating.addItem(self.tr("not given"), None)
        for value, text in (
            (5, self.tr("5 — excellent")),
            (4, self.tr("4 — good")),
            (3, self.tr("3 — satisfactory")),
            (2, self.tr("2 — poor")),
            (1, self.tr("1 — very poor")),
        ):
            self.rating.addItem(text, value)
        self.reaction = QComboBox()
        self.reaction.addItem(self.tr("not given"), None)
        for kind, text in (
            (Reaction.SATISFIED, self.tr("satisfied")),
            (Reaction.NEUTRAL, self.tr("neutral")),
            (Reaction.DISSATISFIED, self.tr("dissatisfied")),
        ):
            self.reaction.addItem(text, kind.value)
        if rating is not None:
            self.rating.setCurrentIndex(max(self.rating.findData(rating), 0))
        if reaction is not None:
            self.reaction.setCurrentIndex(max(self.reaction.findData(reaction.value), 0))
        form = QFormLayout()
        form.addRow(self.tr("&Rating:"), self.rating)
        form.addRow(self.tr("Re&action:"), self.reaction)
        self.body.addLayout(form)
        self.body.addStretch(1)
        for combo in (self.rating, self.reaction):
            combo.currentIndexChanged.connect(lambda _i: self.problem_label.hide())
        self.rating.setFocus()
        self.resize(480, 220)

    def problem(self) -> str | None:
        if self.rating.currentData() is None and self.reaction.currentData() is None:
            return self.tr("Give the rating or the reaction")
        return None

    def params(self) -> dict[str, JsonScalar]:
        out: dict[str, JsonScalar] = {}
        if self.rating.currentData() is not None:
            out["rating"] = int(self.rating.currentData())
        if self.reaction.currentData() is not None:
            out["reaction"] = str(self.reaction.currentData())
        return out
