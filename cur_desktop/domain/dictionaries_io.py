"""The JSON form of a region's dictionaries (``cur-dictionaries``, version 1).

Dictionaries are hand-edited region data (DOMAIN.md §4: "category trees are regional
data, not code"), so a mistake in them must say *where* it is: every refusal is a
:class:`DictionaryError` naming the JSON path of the bad field (``categories[12].theme``),
never a bare ``KeyError``. A region pack is usually the shipped defaults with a small
override on top; :func:`merge_dictionary_docs` does that merge on plain documents,
before parsing, so the result is validated as one whole.

Keys starting with ``_`` are comments and are ignored; any other unknown key is an
error, because a misspelt optional key would otherwise vanish silently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict
from typing import Any, TypeVar

from cur_desktop.domain.dictionaries import (
    CATEGORY_TARGETS,
    AnswerTemplate,
    Body,
    Category,
    ChannelInfo,
    Dictionaries,
    ImportanceInfo,
    Municipality,
    RejectionReason,
    Theme,
)
from cur_desktop.domain.enums import Importance, Source
from cur_desktop.paths import resources_dir

FORMAT = "cur-dictionaries"
VERSION = 1

#: Every list of the document, in output order, with the field entries are keyed by.
LIST_KEYS: Mapping[str, str] = {
    "themes": "code",
    "categories": "code",
    "municipalities": "oktmo",
    "bodies": "code",
    "rejection_reasons": "code",
    "templates": "code",
    "channels": "code",
    "importance_levels": "code",
}

_T = TypeVar("_T")
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_MISSING = object()


class DictionaryError(ValueError):
    """A malformed dictionaries document; ``path`` locates the bad field."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def load_default_dictionaries_doc() -> dict[str, Any]:
    """The shipped default dictionaries as a plain document (to merge a region onto)."""
    path = resources_dir() / "dictionaries" / "defaults.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict):
        raise DictionaryError("$", f"{path.name} must hold a JSON object")
    return doc


def load_default_dictionaries() -> Dictionaries:
    return dictionaries_from_json(load_default_dictionaries_doc())


class _Entry:
    """One JSON object being read; tracks its path and which keys were consumed."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, Mapping):
            raise DictionaryError(path, f"expected an object, got {type(value).__name__}")
        self.obj: Mapping[str, Any] = value
        self.path = path
        self.seen: set[str] = set()

    def _get(self, key: str, default: object) -> Any:
        self.seen.add(key)
        value = self.obj.get(key, _MISSING)
        if value is _MISSING or (value is None and default is not _MISSING):
            if default is _MISSING:
                raise DictionaryError(f"{self.path}.{key}", "required field is missing")
            return default
        return value

    def text(self, key: str, default: object = _MISSING) -> str:
        """A string; a required one (no default) must not be blank."""
        value = self._get(key, default)
        if not isinstance(value, str):
            raise DictionaryError(f"{self.path}.{key}", f"expected a string, got {value!r}")
        if default is _MISSING and not value.strip():
            raise DictionaryError(f"{self.path}.{key}", "must not be empty")
        return value

    def optional_text(self, key: str) -> str | None:
        self.seen.add(key)
        return None if self.obj.get(key) is None else self.text(key)

    def integer(self, key: str, default: int | None, *, minimum: int = 0) -> int | None:
        value = self._get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise DictionaryError(f"{self.path}.{key}", f"expected an integer ≥ {minimum}")
        return value

    def coord(self, key: str, limit: float) -> float | None:
        value = self._get(key, None)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > limit:
            raise DictionaryError(f"{self.path}.{key}", f"expected a number within ±{limit}")
        return float(value)

    def flag(self, key: str, *, default: bool) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise DictionaryError(f"{self.path}.{key}", f"expected true or false, got {value!r}")
        return value

    def codes(self, key: str, known: Mapping[str, object] | None = None) -> tuple[str, ...]:
        value = self._get(key, [])
        if not isinstance(value, list):
            raise DictionaryError(f"{self.path}.{key}", "expected a list of strings")
        for i, item in enumerate(value):
            where = f"{self.path}.{key}[{i}]"
            if not isinstance(item, str) or not item.strip():
                raise DictionaryError(where, f"expected a non-empty string, got {item!r}")
            if known is not None and item not in known:
                raise DictionaryError(where, f"unknown code {item!r}")
        return tuple(value)

    def closed_code(self, known: Mapping[str, object]) -> str:
        """The ``code`` of a closed vocabulary (a :mod:`~cur_desktop.domain.enums` value)."""
        code = self.text("code")
        if code not in known:
            raise DictionaryError(f"{self.path}.code", f"unknown code {code!r}")
        return code

    def done(self) -> None:
        for key in self.obj:
            if key not in self.seen and not (isinstance(key, str) and key.startswith("_")):
                raise DictionaryError(f"{self.path}.{key}", "unknown field")


def _entries(doc: Mapping[str, Any], key: str) -> list[_Entry]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise DictionaryError(key, f"expected a list, got {type(value).__name__}")
    return [_Entry(item, f"{key}[{i}]") for i, item in enumerate(value)]


def _parse_list(
    doc: Mapping[str, Any], key: str, build: Callable[[_Entry], _T]
) -> tuple[dict[str, _T], tuple[_T, ...]]:
    """Parse one list; refuse a duplicate key at the path of its second occurrence."""
    id_field = LIST_KEYS[key]
    index: dict[str, _T] = {}
    for entry in _entries(doc, key):
        item = build(entry)
        entry.done()
        ident = getattr(item, id_field)
        if ident in index:
            raise DictionaryError(f"{entry.path}.{id_field}", f"duplicate {ident!r}")
        index[ident] = item
    return index, tuple(index.values())


def _theme(e: _Entry) -> Theme:
    color = e.text("color", "#808080")
    if not _COLOR.fullmatch(color):
        raise DictionaryError(f"{e.path}.color", f"expected #RRGGBB, got {color!r}")
    return Theme(code=e.text("code"), name=e.text("name"), block=e.text("block", ""), color=color)


def _municipality(e: _Entry) -> Municipality:
    oktmo = e.text("oktmo")
    if not (oktmo.isascii() and oktmo.isdigit() and len(oktmo) in (8, 11)):
        raise DictionaryError(f"{e.path}.oktmo", f"OKTMO {oktmo!r} is not 8 or 11 digits")
    return Municipality(
        oktmo=oktmo,
        name=e.text("name"),
        short_name=e.text("short_name", ""),
        kind=e.text("kind", ""),
        population=e.integer("population", 0) or 0,
        label_lon=e.coord("label_lon", 180.0),
        label_lat=e.coord("label_lat", 90.0),
        tile_col=e.integer("tile_col", None),
        tile_row=e.integer("tile_row", None),
    )


def _targets(e: _Entry) -> tuple[tuple[str, float], ...]:
    value = e._get("targets", {})
    if not isinstance(value, Mapping):
        raise DictionaryError(f"{e.path}.targets", "expected an object of figure: number")
    out: list[tuple[str, float]] = []
    for figure, number in value.items():
        where = f"{e.path}.targets.{figure}"
        if figure not in CATEGORY_TARGETS:
            raise DictionaryError(where, f"unknown figure (known: {', '.join(CATEGORY_TARGETS)})")
        if isinstance(number, bool) or not isinstance(number, int | float) or number < 0:
            raise DictionaryError(where, "expected a number ≥ 0")
        if figure == "within_norm" and number > 1:
            raise DictionaryError(where, "a share between 0 and 1")
        out.append((figure, float(number)))
    return tuple(out)


def _check_categories(entries: list[_Entry], categories: tuple[Category, ...]) -> None:
    by_code = {c.code: c for c in categories}
    for entry, cat in zip(entries, categories, strict=True):
        if cat.parent is None:
            continue
        parent = by_code.get(cat.parent)
        if parent is None:
            problem = f"unknown category {cat.parent!r}"
        elif parent.theme != cat.theme:
            problem = f"parent {cat.parent!r} belongs to theme {parent.theme!r}"
        elif parent.parent is not None:
            problem = f"parent {cat.parent!r} is itself a subcategory (two levels at most)"
        else:
            continue
        raise DictionaryError(f"{entry.path}.parent", problem)


def dictionaries_from_json(doc: Mapping[str, Any]) -> Dictionaries:
    """Parse and validate a ``cur-dictionaries`` document."""
    if not isinstance(doc, Mapping):
        raise DictionaryError("$", "expected a JSON object")
    if doc.get("format") != FORMAT:
        raise DictionaryError("format", f"expected {FORMAT!r}, got {doc.get('format')!r}")
    version = doc.get("version")
    if isinstance(version, bool) or version != VERSION:
        raise DictionaryError("version", f"unsupported version {version!r} (expected {VERSION})")
    for key in doc:
        if key not in LIST_KEYS and key not in ("format", "version") and not key.startswith("_"):
            raise DictionaryError(key, "unknown field")

    themes, theme_items = _parse_list(doc, "themes", _theme)

    def category(e: _Entry) -> Category:
        code = e.text("code")
        theme = e.text("theme")
        if theme not in themes:
            raise DictionaryError(f"{e.path}.theme", f"unknown theme {theme!r}")
        parent = e.optional_text("parent")
        targets = _targets(e)
        return Category(code, e.text("name"), theme, parent, e.codes("keywords"), targets)

    categories = _parse_list(doc, "categories", category)[1]
    _check_categories(_entries(doc, "categories"), categories)
    muns, mun_items = _parse_list(doc, "municipalities", _municipality)

    def body(e: _Entry) -> Body:
        return Body(
            code=e.text("code"),
            name=e.text("name"),
            short_name=e.text("short_name", ""),
            themes=e.codes("themes", themes),
            municipalities=e.codes("municipalities", muns),
        )

    def template(e: _Entry) -> AnswerTemplate:
        return AnswerTemplate(
            code=e.text("code"),
            title=e.text("title"),
            text=e.text("text"),
            themes=e.codes("themes", themes),
            keywords=e.codes("keywords"),
            interim=e.flag("interim", default=False),
        )

    sources = {s.value: s for s in Source}
    levels = {i.value: i for i in Importance}
    try:
        return Dictionaries(
            themes=theme_items,
            categories=categories,
            municipalities=mun_items,
            bodies=_parse_list(doc, "bodies", body)[1],
            rejection_reasons=_parse_list(
                doc, "rejection_reasons", lambda e: RejectionReason(e.text("code"), e.text("name"))
            )[1],
            templates=_parse_list(doc, "templates", template)[1],
            channels=_parse_list(
                doc, "channels", lambda e: ChannelInfo(e.closed_code(sources), e.text("name"))
            )[1],
            importance_levels=_parse_list(
                doc,
                "importance_levels",
                lambda e: ImportanceInfo(e.closed_code(levels), e.text("name")),
            )[1],
        )
    except DictionaryError:
        raise
    except ValueError as exc:  # a rule Dictionaries knows and this parser does not (yet)
        raise DictionaryError("$", str(exc)) from exc


def dictionaries_to_json(d: Dictionaries) -> dict[str, Any]:
    """The document :func:`dictionaries_from_json` reads back into an equal object."""

    def rows(items: tuple[Any, ...]) -> list[dict[str, Any]]:
        out = []
        for item in items:
            row = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(item).items()}
            if "parent" in row and row["parent"] is None:
                del row["parent"]
            if "targets" in row:
                targets = dict(getattr(item, "targets", ()))
                if targets:
                    row["targets"] = targets
                else:
                    del row["targets"]
            out.append(row)
        return out

    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for key in LIST_KEYS:
        doc[key] = rows(getattr(d, key))
    return doc


def merge_dictionary_docs(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Lay ``override`` over ``base``, list by list, entry by entry.

    An override entry replaces the base entry with the same key (``code``, or ``oktmo``
    for municipalities) in the base's position; new keys are appended in the override's
    order; lists and entries the override does not mention stay as in the base. Other
    top-level fields take the override's value when it has one. Nothing is validated
    beyond what the merge needs: parse the result with :func:`dictionaries_from_json`.
    """
    merged: dict[str, Any] = {k: v for k, v in base.items() if k not in LIST_KEYS}
    merged.update((k, v) for k, v in override.items() if k not in LIST_KEYS)
    for key, id_field in LIST_KEYS.items():
        if key not in base and key not in override:
            continue
        out = [dict(item) for item in _keyed(base, key, id_field, "base").values()]
        position = {item[id_field]: i for i, item in enumerate(out)}
        for ident, item in _keyed(override, key, id_field, "override").items():
            if ident in position:
                out[position[ident]] = dict(item)
            else:
                position[ident] = len(out)
                out.append(dict(item))
        merged[key] = out
    return merged


def _keyed(
    doc: Mapping[str, Any], key: str, id_field: str, which: str
) -> dict[str, Mapping[str, Any]]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise DictionaryError(key, f"expected a list in the {which} document")
    out: dict[str, Mapping[str, Any]] = {}
    for i, item in enumerate(value):
        ident = item.get(id_field) if isinstance(item, Mapping) else None
        if not isinstance(ident, str) or not ident:
            raise DictionaryError(f"{key}[{i}].{id_field}", f"missing in the {which} document")
        if ident in out:
            raise DictionaryError(f"{key}[{i}].{id_field}", f"duplicate {ident!r} in {which}")
        out[ident] = item
    return out
