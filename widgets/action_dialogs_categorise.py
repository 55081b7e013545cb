"""The categorise dialog: theme → category → subcategory in one typed search, and the place.

The region's category tree is flattened into paths («Дороги › Ямы на дорогах ›
Во дворе»), searched by every typed word and by the categories' keywords, so
«яма двор» finds the subcategory in two words; a theme alone or a category without
a subcategory are paths too. The municipality is a second list beside it, starting
on the appeal's own (or on «keep each appeal's» for a multi-selection).

GUI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cur_desktop.domain.appeal import JsonScalar
from cur_desktop.domain.dictionaries import Dictionaries
from widgets.action_dialogs import ActionDialog
from widgets.action_dialogs_choice import Choice

SEP = "|"
KEEP = ""


def category_choices(dicts: Dictionaries) -> list[Choice]:
    """Every theme, category and subcategory as a path, in the region's order."""
    out: list[Choice] = []
    for theme in dicts.themes:
        out.append(Choice(theme.code, theme.name, keywords=theme.block))
        for cat in dicts.categories_of(theme.code):
            path = f"{theme.name} › {cat.name}"
            code = f"{theme.code}{SEP}{cat.code}"
            out.append(Choice(code, path, keywords=" ".join(cat.keywords)))
            out.extend(
                Choice(
                    f"{code}{SEP}{sub.code}",
                    f"{path} › {sub.name}",
                    keywords=" ".join((*cat.keywords, *sub.keywords)),
                )
                for sub in dicts.subcategories_of(cat.code)
            )
    return out


def path_code(theme: str | None, category: str | None, subcategory: str | None) -> str:
    return SEP.join(c for c in (theme, category, subcategory) if c)


class CategoriseDialog(ActionDialog):
    """Choose the category path and the municipality."""

    def __init__(
        self,
        dicts: Dictionaries,
        summary: str,
        *,
        current_path: str,
        current_municipality: str | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(self.tr("Categorisation"), self.tr("Categorise"), summary, parent)
        self.paths = self.picker(
            category_choices(dicts), self.tr("Type words of the theme or category"), auto=False
        )
        if current_path:
            self.paths.set_current(current_path)
        places = [Choice(KEEP, self.tr("Keep each appeal's municipality"))]
        places.extend(
            Choice(m.oktmo, m.display_name, detail=m.name, keywords=m.kind)
            for m in sorted(dicts.municipalities, key=lambda m: m.display_name.casefold())
        )
        self.places = self.picker(places, self.tr("Type part of the name"), auto=True)
        if current_municipality:
            self.places.set_current(current_municipality)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Theme › category › subcategory:")))
        left.addWidget(self.paths, stretch=1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Municipality:")))
        right.addWidget(self.places, stretch=1)
        row = QHBoxLayout()
        row.addLayout(left, stretch=3)
        row.addLayout(right, stretch=2)
        self.body.addLayout(row, stretch=1)
        self.paths.setFocus()
        self.resize(900, 560)

    def problem(self) -> str | None:
        if self.paths.current_code() is None:
            return self.tr("Choose a theme or a category")
        return None

    def params(self) -> dict[str, JsonScalar]:
        parts = (self.paths.current_code() or "").split(SEP)
        out: dict[str, JsonScalar] = {"theme": parts[0]}
        if len(parts) > 1:
            out["category"] = parts[1]
        if len(parts) > 2:
            out["subcategory"] = parts[2]
        place = self.places.current_code()
        if place:
            out["municipality"] = place
        return out
