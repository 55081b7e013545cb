"""Triage macros: "categorise + route + answer from a template" chains, as region data.

A block head writes them in the region pack (``macros.json`` beside ``pack.json``);
the triage dialog offers each under its key, and one key press categorises,
routes and answers the appeal. The file::

    {"format": "cur-triage-macros", "version": 1, "macros": [
      {"code": "yard-pothole", "key": "F3", "title": "Яма во дворе → администрация",
       "theme": "roads", "category": "roads.potholes", "subcategory": "roads.potholes.yard",
       "body": "@municipality", "template": "general.accepted"}]}

``body`` is a body code, ``"@municipality"`` (the administration of the appeal's
municipality) or ``"@suggested"`` (what the history suggests; the default);
``theme`` may be left out when ``category`` is given; ``template`` is optional (no
answer). An interim template gives an interim answer, any other the final one.
Every code is checked against the region's dictionaries when the file is read: a
mistake is a :class:`MacroError` naming the file, the macro and the field.

Qt-free.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cur_desktop.domain.dictionaries import Dictionaries

FORMAT = "cur-triage-macros"
FILE_NAME = "macros.json"
AT_MUNICIPALITY = "@municipality"
AT_SUGGESTED = "@suggested"
#: Keys a macro may take in the triage dialog (Enter accepts, Esc cancels, F2 opens it).
KEYS = tuple(f"F{n}" for n in range(3, 13)) + tuple(f"Alt+{n}" for n in range(1, 10))


class MacroError(ValueError):
    """A macros file that cannot be used, with where and why."""


@dataclass(frozen=True, slots=True)
class Macro:
    code: str
    key: str
    title: str
    theme: str
    category: str | None = None
    subcategory: str | None = None
    body: str = AT_SUGGESTED
    template: str | None = None

    def body_for(self, dicts: Dictionaries, municipality: str | None, suggested: str | None) -> str:
        """The body this macro routes an appeal of ``municipality`` to ("" if none fits)."""
        if self.body == AT_SUGGESTED:
            return suggested or ""
        if self.body == AT_MUNICIPALITY:
            return municipal_body(dicts, municipality) or ""
        return self.body


def municipal_body(dicts: Dictionaries, municipality: str | None) -> str | None:
    """The administration of a municipality: the body that serves it alone, for every theme."""
    if not municipality:
        return None
    for body in dicts.bodies:
        if body.municipalities == (municipality,) and not body.themes:
            return body.code
    return None


def _text(raw: Mapping[str, object], name: str, where: str, *, required: bool) -> str | None:
    value = raw.get(name)
    if value is None or value == "":
        if required:
            msg = f"{where}: «{name}» is required"
            raise MacroError(msg)
        return None
    if not isinstance(value, str):
        msg = f"{where}: «{name}» must be text, not {type(value).__name__}"
        raise MacroError(msg)
    return value


def _macro(raw: object, where: str, dicts: Dictionaries) -> Macro:
    if not isinstance(raw, Mapping):
        msg = f"{where}: a macro is an object"
        raise MacroError(msg)
    code = _text(raw, "code", where, required=True)
    where = f"{where} «{code}»"
    key = _text(raw, "key", where, required=True)
    if key not in KEYS:
        msg = f"{where}: key {key!r} is not one of {', '.join(KEYS)}"
        raise MacroError(msg)
    title = _text(raw, "title", where, required=True)
    category = _text(raw, "category", where, required=False)
    subcategory = _text(raw, "subcategory", where, required=False)
    theme = _text(raw, "theme", where, required=category is None)
    if category is not None:
        cat = dicts.category(category)
        if cat is None or cat.parent is not None:
            msg = f"{where}: category {category!r} is not a category of the region"
            raise MacroError(msg)
        if theme is not None and theme != cat.theme:
            msg = f"{where}: category {category!r} belongs to theme {cat.theme!r}, not {theme!r}"
            raise MacroError(msg)
        theme = cat.theme
    if theme is None or dicts.theme(theme) is None:
        msg = f"{where}: theme {theme!r} is not a theme of the region"
        raise MacroError(msg)
    if subcategory is not None:
        sub = dicts.category(subcategory)
        if sub is None or sub.parent != category:
            msg = f"{where}: subcategory {subcategory!r} is not under category {category!r}"
            raise MacroError(msg)
    body = _text(raw, "body", where, required=False) or AT_SUGGESTED
    if body not in (AT_SUGGESTED, AT_MUNICIPALITY) and dicts.body(body) is None:
        msg = f"{where}: body {body!r} is not a body of the region (or @municipality, @suggested)"
        raise MacroError(msg)
    template = _text(raw, "template", where, required=False)
    if template is not None and template not in {t.code for t in dicts.templates}:
        msg = f"{where}: template {template!r} is not an answer template of the region"
        raise MacroError(msg)
    return Macro(str(code), str(key), str(title), theme, category, subcategory, body, template)


def parse_macros(doc: object, dicts: Dictionaries, *, source: str = FILE_NAME) -> tuple[Macro, ...]:
    """Validate a macros document against the region's dictionaries."""
    if not isinstance(doc, Mapping) or doc.get("format") != FORMAT:
        msg = f'{source}: not a macros file (expected "format": "{FORMAT}")'
        raise MacroError(msg)
    if doc.get("version") != 1:
        msg = f"{source}: version {doc.get('version')!r} is not supported (1 is)"
        raise MacroError(msg)
    items = doc.get("macros")
    if not isinstance(items, list):
        msg = f"{source}: «macros» must be a list"
        raise MacroError(msg)
    out = [_macro(raw, f"{source}: macro {i}", dicts) for i, raw in enumerate(items, 1)]
    for field in ("code", "key"):
        seen: set[str] = set()
        for macro in out:
            value = getattr(macro, field)
            if value in seen:
                msg = f"{source}: two macros have the {field} {value!r}"
                raise MacroError(msg)
            seen.add(value)
    return tuple(out)


def load_macros(pack_dir: Path, dicts: Dictionaries) -> tuple[Macro, ...]:
    """The macros of a region pack directory; none when it has no ``macros.json``."""
    path = pack_dir / FILE_NAME
    if not path.is_file():
        return ()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"{path}: cannot be read as JSON ({exc})"
        raise MacroError(msg) from exc
    return parse_macros(doc, dicts, source=str(path))
