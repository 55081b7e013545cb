"""The wall layout file: which playlist runs on which screen, and the wall's timings.

A layout is JSON (docs/wall.md has the full format)::

    {"format": "cur-desktop-wall-layout", "version": 1,
     "settings": {"page_seconds": 30, "alarm_seconds": 120, "stale_after_minutes": 15},
     "playlists": {"overview": [{"page": "kpi", "seconds": 40}, "map", "trends"]},
     "screens": [{"id": "left", "screen": {"name": "DP-1", "position": "left-most"},
                  "playlist": "overview", "fallback": "merge"}]}

:func:`parse_layout` checks it the way a JSON schema would (types, enumerations,
ranges, references between sections) and collects *every* problem with its place
in the file, so the wall's log and status strip say exactly what to fix. Problems
are English source strings translated through Qt (context ``WallLayout``); nothing
here opens a dialog. A wall with a broken file still starts, on :func:`default_layout`.

Pure data and parsing; safe on any thread (translation happens when a problem is
turned into text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

FORMAT = "cur-desktop-wall-layout"
VERSION = 1
POSITIONS = ("left-most", "right-most", "top-most", "bottom-most", "primary")
FALLBACKS = ("merge", "spare", "none")
_GEOMETRY = re.compile(r"(\d+)x(\d+)([+-]\d+)([+-]\d+)")
_ID = re.compile(r"[A-Za-z0-9_.-]{1,40}")


@dataclass(frozen=True, slots=True)
class WallSettings:
    page_seconds: float = 30.0  # a page's time on screen unless its entry says otherwise
    alarm_seconds: float = 120.0  # how long an alarm keeps its page forward and marked
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
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        problem = LayoutProblem("", "the file cannot be read: %1", (exc.strerror or str(exc),))
        raise LayoutError(path, [problem]) from exc
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        problem = LayoutProblem(
            "", "not valid JSON at line %1, column %2", (str(exc.lineno), str(exc.colno))
        )
        raise LayoutError(path, [problem]) from exc
    return parse_layout(doc, page_keys, source=path)


def parse_layout(doc: Any, page_keys: Collection[str], *, source: Path | None = None) -> WallLayout:
    checker = _Checker()
    layout = checker.layout(doc, page_keys, source)
    if checker.problems or layout is None:
        raise LayoutError(source, checker.problems)
    return layout


class _Checker:
    """Walks the document, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[LayoutProblem] = []

    def fail(self, where: str, message: str, *args: str) -> None:
        self.problems.append(LayoutProblem(where, message, args))

    def object(self, value: Any, where: str, keys: Collection[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(where, "expected an object {…}")
            return None
        for key in value:
            if key not in keys:
                allowed = ", ".join(sorted(keys))
                self.fail(f"{where}.{key}" if where else key, "unknown key (allowed: %1)", allowed)
        return value

    def number(self, value: Any, where: str, low: float, high: float) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(where, "expected a number")
            return None
        if not low <= value <= high:
            self.fail(where, "must be between %1 and %2", f"{low:g}", f"{high:g}")
            return None
        return float(value)

    def layout(
        self, doc: Any, page_keys: Collection[str], source: Path | None
    ) -> WallLayout | None:
        top = self.object(doc, "", ("format", "version", "settings", "playlists", "screens"))
        if top is None:
            return None
        if top.get("format") != FORMAT:
            self.fail("format", "must be %1", json.dumps(FORMAT))
        if top.get("version") != VERSION or isinstance(top.get("version"), bool):
            self.fail("version", "unsupported version (this program reads %1)", str(VERSION))
        settings = self.settings(top.get("settings", {}))
        playlists = self.playlists(top.get("playlists"), page_keys)
        entries = self.entries(top.get("screens"), playlists)
        if self.problems:
            return None
        return WallLayout(tuple(entries), playlists, settings, source)

    def settings(self, value: Any) -> WallSettings:
        names = WallSettings.__dataclass_fields__
        found = self.object(value, "settings", names) or {}
        base = WallSettings()
        limits = {
            "page_seconds": (1, 3600),
            "alarm_seconds": (1, 86400),
            "stale_after_minutes": (0.1, 10080),
            "debounce_ms": (0, 600_000),
            "refresh_seconds": (1, 86400),
            "preroll_ms": (0, 60_000),
        }
        changes: dict[str, Any] = {}
        for key, (low, high) in limits.items():
            if key in found:
                number = self.number(found[key], f"settings.{key}", low, high)
                if number is not None:
                    is_int = isinstance(getattr(base, key), int)
                    changes[key] = int(number) if is_int else number
        if "hide_cursor" in found:
            if isinstance(found["hide_cursor"], bool):
                changes["hide_cursor"] = found["hide_cursor"]
            else:
                self.fail("settings.hide_cursor", "expected true or false")
        shots = found.get("screenshots_dir")
        if shots is not None:
            if isinstance(shots, str) and shots.strip():
                changes["screenshots_dir"] = shots
            else:
                self.fail("settings.screenshots_dir", "expected a folder path")
        return WallSettings(**{**_as_dict(base), **changes})

    def playlists(
        self, value: Any, page_keys: Collection[str]
    ) -> dict[str, tuple[PlaylistItem, ...]]:
        if not isinstance(value, dict) or not value:
            self.fail("playlists", "expected an object of named page lists, at least one")
            return {}
        result: dict[str, tuple[PlaylistItem, ...]] = {}
        known = ", ".join(page_keys)
        for name, pages in value.items():
            where = f"playlists.{name}"
            if not isinstance(pages, list) or not pages:
                self.fail(where, "expected a non-empty list of pages")
                continue
            items: list[PlaylistItem] = []
            for index, raw in enumerate(pages):
                at = f"{where}[{index}]"
                spec = (
                    {"page": raw}
                    if isinstance(raw, str)
                    else self.object(raw, at, ("page", "seconds"))
                )
                if spec is None:
                    continue
                key = spec.get("page")
                if not isinstance(key, str) or key not in page_keys:
                    self.fail(f"{at}.page", "unknown page %1 (known: %2)", json.dumps(key), known)
                    continue
                seconds = None
                if "seconds" in spec:
                    seconds = self.number(spec["seconds"], f"{at}.seconds", 1, 3600)
                items.append(PlaylistItem(key, seconds))
            result[name] = tuple(items)
        return result

    def entries(self, value: Any, playlists: dict[str, Any]) -> list[ScreenEntry]:
        if not isinstance(value, list) or not value:
            self.fail("screens", "expected a non-empty list of screen entries")
            return []
        entries: list[ScreenEntry] = []
        ids: set[str] = set()
        for index, raw in enumerate(value):
            where = f"screens[{index}]"
            spec = self.object(raw, where, ("id", "screen", "playlist", "fallback", "merge_into"))
            if spec is None:
                continue
            entry_id = spec.get("id", f"screen-{index + 1}")
            if not isinstance(entry_id, str) or not _ID.fullmatch(entry_id) or entry_id in ids:
                self.fail(f"{where}.id", "expected a unique short name (letters, digits, - _ .)")
                continue
            ids.add(entry_id)
            selector = self.selector(spec.get("screen"), f"{where}.screen")
            playlist = spec.get("playlist")
            if not isinstance(playlist, str) or playlist not in playlists:
                names = ", ".join(playlists) or "—"
                self.fail(
                    f"{where}.playlist", "no playlist %1 (defined: %2)", json.dumps(playlist), names
                )
            fallback = spec.get("fallback", "merge")
            if fallback not in FALLBACKS:
                self.fail(f"{where}.fallback", "expected one of %1", ", ".join(FALLBACKS))
            merge_into = spec.get("merge_into")
            if merge_into is not None and not isinstance(merge_into, str):
                self.fail(f"{where}.merge_into", "expected the id of another entry")
            if selector is not None:
                entries.append(
                    ScreenEntry(entry_id, selector, str(playlist), str(fallback), merge_into)
                )
        for index, entry in enumerate(entries):
            if entry.merge_into is not None and entry.merge_into not in ids - {entry.id}:
                self.fail(
                    f"screens[{index}].merge_into", "no other entry has the id %1", entry.merge_into
                )
        return entries

    def selector(self, value: Any, where: str) -> ScreenSelector | None:
        spec = self.object(value, where, ("name", "geometry", "position"))
        if spec is None:
            return None
        if not spec:
            self.fail(where, "give at least one of name, geometry, position")
            return None
        name = spec.get("name")
        if name is not None and (not isinstance(name, str) or not name):
            self.fail(f"{where}.name", "expected a screen name such as DP-1")
        geometry = None
        if "geometry" in spec:
            match = _GEOMETRY.fullmatch(str(spec["geometry"]))
            if match is None:
                self.fail(f"{where}.geometry", "expected WIDTHxHEIGHT+X+Y, e.g. 1920x1080+1920+0")
            else:
                w, h, x, y = (int(part) for part in match.groups())
                geometry = (x, y, w, h)
        position = spec.get("position")
        if position is not None:
            valid = position in POSITIONS or (
                isinstance(position, int) and not isinstance(position, bool) and 0 <= position < 64
            )
            if not valid:
                choices = ", ".join(POSITIONS)
                self.fail(f"{where}.position", "expected one of %1 or a number from 0", choices)
                position = None
        return ScreenSelector(name, geometry, position)


def _as_dict(settings: WallSettings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in WallSettings.__dataclass_fields__}


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("WallLayout", "the file cannot be read: %1")
    QCoreApplication.translate("WallLayout", "not valid JSON at line %1, column %2")
    QCoreApplication.translate("WallLayout", "expected an object {…}")
    QCoreApplication.translate("WallLayout", "unknown key (allowed: %1)")
    QCoreApplication.translate("WallLayout", "expected a number")
    QCoreApplication.translate("WallLayout", "must be between %1 and %2")
    QCoreApplication.translate("WallLayout", "must be %1")
    QCoreApplication.translate("WallLayout", "unsupported version (this program reads %1)")
    QCoreApplication.translate("WallLayout", "expected true or false")
    QCoreApplication.translate("WallLayout", "expected a folder path")
    QCoreApplication.translate("WallLayout", "expected an object of named page lists, at least one")
    QCoreApplication.translate("WallLayout", "expected a non-empty list of pages")
    QCoreApplication.translate("WallLayout", "unknown page %1 (known: %2)")
    QCoreApplication.translate("WallLayout", "expected a non-empty list of screen entries")
    QCoreApplication.translate(
        "WallLayout", "expected a unique short name (letters, digits, - _ .)"
    )
    QCoreApplication.translate("WallLayout", "no playlist %1 (defined: %2)")
    QCoreApplication.translate("WallLayout", "expected one of %1")
    QCoreApplication.translate("WallLayout", "expected the id of another entry")
    QCoreApplication.translate("WallLayout", "no other entry has the id %1")
    QCoreApplication.translate("WallLayout", "give at least one of name, geometry, position")
    QCoreApplication.translate("WallLayout", "expected a screen name such as DP-1")
    QCoreApplication.translate("WallLayout", "expected WIDTHxHEIGHT+X+Y, e.g. 1920x1080+1920+0")
    QCoreApplication.translate("WallLayout", "expected one of %1 or a number from 0")
