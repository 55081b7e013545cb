"""The wall layout file: which playlist runs on which screen, and the wall's timings.

A layout is JSON (docs/wall.md has the full format)::

    {"format": "cur-desktop-wall-layout", "version": 1,
     "settings": {"page_seconds": 30, "alarm_seconds": 120, "stale_after_minutes": 15},
     "playlists": {"overview": [{"page": "kpi", "seconds": 40}, "map", "trends"]},
     "screens": [{"id": "left", "screen": {"name": "DP-1", "position": "left-most"},
                  "playlist": "overview", "fallback": "merge"}]}

:func:`parse_layout` checks it the way a JSON schema would (types, enumerations,
ranges, references between sections; :mod:`ui.wall.layout_check`) and collects
*every* problem with its place in the file, so the wall's log and status strip say
exactly what to fix. Problems
are English source strings translated through Qt (context ``WallLayout``); nothing
here opens a dialog. A wall with a broken file still starts, on :func:`default_layout`.
The types (:class:`WallLayout` and its parts, :class:`LayoutProblem`) live in
:mod:`ui.wall.layout_model`, below the checker, and are offered here as well.

Pure data and parsing; safe on any thread (translation happens when a problem is
turned into text).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from ui.wall.layout_check import LayoutChecker
from ui.wall.layout_model import (
    FALLBACKS,
    FORMAT,
    POSITIONS,
    VERSION,
    LayoutError,
    LayoutProblem,
    PlaylistItem,
    ScreenEntry,
    ScreenSelector,
    WallLayout,
    WallSettings,
)

#: The layout's types are defined in :mod:`ui.wall.layout_model` and offered here too:
#: the rest of the wall reads "the layout" from this one module.
__all__ = [
    "FALLBACKS",
    "FORMAT",
    "POSITIONS",
    "VERSION",
    "LayoutError",
    "LayoutProblem",
    "PlaylistItem",
    "ScreenEntry",
    "ScreenSelector",
    "WallLayout",
    "WallSettings",
    "default_layout",
    "load_layout",
    "parse_layout",
]


def default_layout(page_keys: Sequence[str]) -> WallLayout:
    """One window on the primary screen running every page: the wall with no layout file."""
    items = tuple(PlaylistItem(key) for key in page_keys)
    entry = ScreenEntry("main", ScreenSelector(position="primary"), "default", "spare")
    return WallLayout((entry,), {"default": items})


def load_layout(path: Path, page_keys: Collection[str]) -> WallLayout:
    """Read and check the layout file at ``path``; :class:`LayoutError` lists all problems."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = LayoutProblem("", "the file cannot be read: %1", (exc.strerror or str(exc),))
        raise LayoutError(path, [problem]) from exc
    try:
        raw = data.decode("utf-8-sig")  # Windows editors start a UTF-8 file with a BOM
    except UnicodeDecodeError as exc:
        problem = LayoutProblem(
            "", "not UTF-8 text (byte %1): save the file in UTF-8", (str(exc.start),)
        )
        raise LayoutError(path, [problem]) from exc
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        problem = LayoutProblem(
            "", "not valid JSON at line %1, column %2", (str(exc.lineno), str(exc.colno))
        )
        raise LayoutError(path, [problem]) from exc
    except RecursionError as exc:
        problem = LayoutProblem("", "nested too deeply to be a layout")
        raise LayoutError(path, [problem]) from exc
    return parse_layout(doc, page_keys, source=path)


def parse_layout(doc: Any, page_keys: Collection[str], *, source: Path | None = None) -> WallLayout:
    """Check ``doc`` (a parsed layout file); :class:`LayoutError` lists all problems."""
    checker = LayoutChecker()
    layout = checker.layout(doc, page_keys, source)
    if checker.problems or layout is None:
        raise LayoutError(source, checker.problems)
    return layout
