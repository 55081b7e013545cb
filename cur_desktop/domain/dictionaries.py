"""Regional dictionaries: the open vocabularies an operator structures messages with.

Themes, their category trees, municipalities (keyed by OKTMO), responsible bodies,
rejection reasons and answer templates are data of a region (seed 002 §14–16:
"category trees are regional data, not code"). They arrive in a region pack
(:mod:`cur_desktop.regions`) and, on a workstation, from the central service.

Everything here is immutable; lookups are by stable ``code``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, TypeVar

_T = TypeVar("_T")

#: The nine default themes (seeds 000, 002; seed 003 adds благоустройство).
DEFAULT_THEME_CODES: tuple[str, ...] = (
    "roads",
    "improvement",
    "housing",
    "waste",
    "energy",
    "transport",
    "health",
    "education",
    "social",
)


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name: str
    theme: str
    parent: str | None = None  # a subcategory names its category
    keywords: tuple[str, ...] = ()
    #: the category's targets (seed 002 §16): (figure, value) pairs, CATEGORY_TARGETS
    targets: tuple[tuple[str, float], ...] = ()

    def target(self, figure: str) -> float | None:
        return dict(self.targets).get(figure)

    @property
    def catch_all(self) -> bool:
        """«Прочие по направлению» and the like: what did not fit elsewhere."""
        return self.code.rsplit(".", 1)[-1] == "other" or self.name.casefold().startswith("прочие")


#: Figures a category may have a target for: at most so many appeals in 30 days (the
#: aim of removing their cause), the share answered within the norm (0–1).
CATEGORY_TARGETS: tuple[str, ...] = ("monthly_max", "within_norm")


@dataclass(frozen=True, slots=True)
class Theme:
    code: str
    name: str
    block: str = ""  # отраслевой блок it belongs to; several themes may share one
    color: str = "#808080"


@dataclass(frozen=True, slots=True)
class Municipality:
    oktmo: str
    name: str
    short_name: str = ""
    kind: str = ""  # городской округ, муниципальный район, муниципальный округ
    population: int = 0
    label_lon: float | None = None
    label_lat: float | None = None
    tile_col: int | None = None  # position in the tile cartogram (map fallback)
    tile_row: int | None = None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, slots=True)
class Body:
    """A responsible body: ministry, municipal administration, utility."""

    code: str
    name: str
    short_name: str = ""
    themes: tuple[str, ...] = ()  # empty: every theme
    municipalities: tuple[str, ...] = ()  # empty: the whole region

    def serves(self, theme: str | None, oktmo: str | None) -> bool:
        theme_ok = not self.themes or (theme is not None and theme in self.themes)
        mun_ok = not self.municipalities or (oktmo is not None and oktmo in self.municipalities)
        return theme_ok and mun_ok


@dataclass(frozen=True, slots=True)
class RejectionReason:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class ChannelInfo:
    code: str  # a Source value
    name: str


@dataclass(frozen=True, slots=True)
class ImportanceInfo:
    code: str  # an Importance value
    name: str


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True, slots=True)
class AnswerTemplate:
    """An answer text with ``{placeholder}`` slots filled from the appeal."""

    code: str
    title: str
    text: str
    themes: tuple[str, ...] = ()  # empty: any theme
    keywords: tuple[str, ...] = ()
    interim: bool = False  # an interim answer ("работы запланированы…")

    @property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(_PLACEHOLDER.findall(self.text)))

    def render(self, values: Mapping[str, str]) -> str:
        """Fill the placeholders; an unknown or empty one stays visible as ``{name}``.

        Leaving it visible is deliberate: an operator must notice a gap before
        sending, rather than a citizen reading a sentence with a hole in it.
        """

        def fill(match: re.Match[str]) -> str:
            value = values.get(match.group(1), "")
            return value or match.group(0)

        return _PLACEHOLDER.sub(fill, self.text)


def template_values(
    *,
    number: str,
    created_at: datetime,
    address: str = "",
    municipality: str = "",
    body: str = "",
    category: str = "",
    deadline: datetime | None = None,
    author_name: str = "",
) -> dict[str, str]:
    """The placeholder values an appeal offers, formatted the Russian way."""
    return {
        "number": number,
        "date": created_at.strftime("%d.%m.%Y"),
        "address": address,
        "municipality": municipality,
        "body": body,
        "category": category,
        "deadline": deadline.strftime("%d.%m.%Y") if deadline else "",
        "author_name": author_name,
    }


#: The placeholders an answer template may use: what :func:`template_values` fills in.
PLACEHOLDERS: tuple[str, ...] = (
    "number",
    "date",
    "address",
    "municipality",
    "body",
    "category",
    "deadline",
    "author_name",
)
_BRACES = re.compile(r"\{([^{}]*)\}")


def check_placeholders(text: str) -> list[str]:
    """What is wrong with an answer template's placeholders (English; empty: nothing).

    Every ``{…}`` must name one of :data:`PLACEHOLDERS`; a brace without its pair is
    a mistake too (a citizen would read it).
    """
    problems = [
        f"unknown placeholder {{{name}}}"
        for name in dict.fromkeys(_BRACES.findall(text))
        if name not in PLACEHOLDERS
    ]
    rest = _BRACES.sub("", text)
    if "{" in rest or "}" in rest:
        problems.append("a brace without its pair")
    return problems


def _index(items: Iterable[_T], key: str) -> Mapping[str, _T]:
    out: dict[str, _T] = {}
    for item in items:
        code = getattr(item, key)
        if code in out:
            msg = f"duplicate {type(item).__name__} code {code!r}"
            raise ValueError(msg)
        out[code] = item
    return MappingProxyType(out)


@dataclass(frozen=True)
class Dictionaries:
    """All dictionaries of one region, validated for internal consistency."""

    themes: tuple[Theme, ...]
    categories: tuple[Category, ...]
    municipalities: tuple[Municipality, ...]
    bodies: tuple[Body, ...]
    rejection_reasons: tuple[RejectionReason, ...]
    templates: tuple[AnswerTemplate, ...]
    channels: tuple[ChannelInfo, ...] = ()
    importance_levels: tuple[ImportanceInfo, ...] = ()
    _by: dict[str, Mapping[str, Any]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by["theme"] = _index(self.themes, "code")
        self._by["category"] = _index(self.categories, "code")
        self._by["municipality"] = _index(self.municipalities, "oktmo")
        self._by["body"] = _index(self.bodies, "code")
        self._by["reason"] = _index(self.rejection_reasons, "code")
        self._by["template"] = _index(self.templates, "code")
        self._validate()

    def _validate(self) -> None:
        themes = self._by["theme"]
        cats = self._by["category"]
        for cat in self.categories:
            if cat.theme not in themes:
                msg = f"category {cat.code!r} names unknown theme {cat.theme!r}"
                raise ValueError(msg)
            if cat.parent is not None:
                parent = cats.get(cat.parent)
                if parent is None or parent.theme != cat.theme or parent.parent is not None:
                    msg = f"subcategory {cat.code!r} has no valid parent {cat.parent!r}"
                    raise ValueError(msg)
        muns = self._by["municipality"]
        for body in self.bodies:
            for code in body.themes:
                if code not in themes:
                    msg = f"body {body.code!r} names unknown theme {code!r}"
                    raise ValueError(msg)
            for oktmo in body.municipalities:
                if oktmo not in muns:
                    msg = f"body {body.code!r} names unknown municipality {oktmo!r}"
                    raise ValueError(msg)

    def theme(self, code: str) -> Theme | None:
        result: Theme | None = self._by["theme"].get(code)
        return result

    def category(self, code: str) -> Category | None:
        result: Category | None = self._by["category"].get(code)
        return result

    def municipality(self, oktmo: str) -> Municipality | None:
        result: Municipality | None = self._by["municipality"].get(oktmo)
        return result

    def body(self, code: str) -> Body | None:
        result: Body | None = self._by["body"].get(code)
        return result

    def rejection_reason(self, code: str) -> RejectionReason | None:
        result: RejectionReason | None = self._by["reason"].get(code)
        return result

    def template(self, code: str) -> AnswerTemplate | None:
        result: AnswerTemplate | None = self._by["template"].get(code)
        return result

    def categories_of(self, theme: str) -> tuple[Category, ...]:
        """Top-level categories of one theme, in pack order."""
        return tuple(c for c in self.categories if c.theme == theme and c.parent is None)

    def subcategories_of(self, category: str) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if c.parent == category)

    def category_path(self, code: str | None) -> tuple[Category, ...]:
        """Category then subcategory, root first; empty for an unknown code."""
        path: list[Category] = []
        current = self.category(code) if code else None
        while current is not None:
            path.insert(0, current)
            current = self.category(current.parent) if current.parent else None
        return tuple(path)

    def bodies_for(self, theme: str | None, oktmo: str | None) -> tuple[Body, ...]:
        """Bodies that may receive an appeal of this theme in this municipality."""
        return tuple(b for b in self.bodies if b.serves(theme, oktmo))

    def templates_for(self, theme: str | None, query: str = "") -> tuple[AnswerTemplate, ...]:
        """Templates fit for a theme, filtered by a keyword (case-insensitive, Cyrillic-aware)."""
        needle = query.casefold().strip()
        out = []
        for tpl in self.templates:
            if tpl.themes and theme not in tpl.themes:
                continue
            hay = " ".join((tpl.title, tpl.text, *tpl.keywords)).casefold()
            if needle and needle not in hay:
                continue
            out.append(tpl)
        return tuple(out)
