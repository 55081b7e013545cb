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

Pure data and parsing; safe on any thread (translation happens when a problem is
turned into text).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

FORMAT = "cur-desktop-wall-layout"
VERSION = 1
POSITIONS = ("left-most", "right-most", "top-most", "bottom-most", "primary")
FALLBACKS = ("merge", "spare", "none")


@dataclass(frozen=True, slots=True)
class WallSettings:
    page_seconds: float = 30.0  # a page's time on screen unless its entry says otherwise
    alarm_seconds: float = 120.0  # how long an alarm keeps its page forward and marked
    # an alarm of the same page and kind within this time of the last one waits for it to
    # pass (0: no wait); without it a busy day (a high-importance appeal every minute or
    # two) keeps one page forward all day and the rest of the playlist is never seen
    alarm_repeat_minutes: float = 10.0
    stale_after_minutes: float = 15.0  # freshness turns red past this age of the last sync
    debounce_ms: int = 2000  # a burst of cache commits within this time: one recomputation
    refresh_seconds: float = 60.0  # recompute even without commits (the clock moves on)
    preroll_ms: int = 1500  # the next page is prepared this long before it is shown
    hide_cursor: bool = True
    screenshots_dir: str | None = None  # default: <user data dir>/wall-screens


@dataclass(frozen=True, slots=True)
class PlaylistItem:
    page: str
    seconds: float | None = None  # None: settings.page_seconds


@dataclass(frozen=True, slots=True)
class ScreenSelector:
    """How an entry finds its monitor; tried in this order: name, geometry, position."""

    name: str | None = None  # exact name or a glob (``DP-*``)
    geometry: tuple[int, int, int, int] | None = None  # x, y, width, height
    position: str | int | None = None  # one of POSITIONS, or an index left to right


@dataclass(frozen=True, slots=True)
class ScreenEntry:
    id: str
    selector: ScreenSelector
    playlist: str
    fallback: str = "merge"  # what happens when no connected screen matches
    merge_into: str | None = None  # entry id receiving the pages (default: first placed)


@dataclass(frozen=True, slots=True)
class WallLayout:
    entries: tuple[ScreenEntry, ...]
    playlists: dict[str, tuple[PlaylistItem, ...]]
    settings: WallSettings = field(default_factory=WallSettings)
    source: Path | None = None  # the file it came from (None: built in)

    def items(self, entry: ScreenEntry) -> tuple[PlaylistItem, ...]:
        return self.playlists[entry.playlist]

    def seconds(self, item: PlaylistItem) -> float:
        return item.seconds if item.seconds is not None else self.settings.page_seconds


@dataclass(frozen=True, slots=True)
class LayoutProblem:
    """One problem: where (a JSON path like ``screens[1].playlist``) and what."""

    where: str
    message: str  # English source text with %1, %2… (context WallLayout)
    args: tuple[str, ...] = ()

    def text(self) -> str:
        message = QCoreApplication.translate("WallLayout", self.message)
        for number, arg in enumerate(self.args, start=1):
            message = message.replace(f"%{number}", arg)
        return f"{self.where}: {message}" if self.where else message

    def english(self) -> str:
        message = self.message
        for number, arg in enumerate(self.args, start=1):
            message = message.replace(f"%{number}", arg)
        return f"{self.where}: {message}" if self.where else message


class LayoutError(ValueError):
    """The file cannot be used as it is; ``problems`` lists every reason."""

    def __init__(self, path: Path | None, problems: Sequence[LayoutProblem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        super().__init__("; ".join(p.english() for p in self.problems))

    def text(self) -> str:
        """Translated, one line (the status strip)."""
        head = QCoreApplication.translate("WallLayout", "Layout file %1 not used").replace(
            "%1", self.path.name if self.path else "?"
        )
        return head + " — " + "; ".join(p.text() for p in self.problems)


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
    from ui.wall.layout_check import LayoutChecker

    checker = LayoutChecker()
    layout = checker.layout(doc, page_keys, source)
    if checker.problems or layout is None:
        raise LayoutError(source, checker.problems)
    return layout
