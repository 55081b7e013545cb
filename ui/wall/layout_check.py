"""Checking a wall layout document the way a JSON schema would, every problem at once.

:class:`LayoutChecker` walks the parsed JSON of a layout file (types, enumerations,
ranges, references between sections) and collects each problem with its place in
the file (``screens[1].playlist``) instead of stopping at the first, so the log and
the status strip say exactly what to fix. Messages are English source strings of
the ``WallLayout`` translation context (listed at the bottom for lupdate); they are
translated when shown (:meth:`ui.wall.layout_model.LayoutProblem.text`).

Pure data; any thread.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.wall.layout_model import (
    FALLBACKS,
    FORMAT,
    POSITIONS,
    VERSION,
    LayoutProblem,
    PlaylistItem,
    ScreenEntry,
    ScreenSelector,
    WallLayout,
    WallSettings,
)

_GEOMETRY = re.compile(r"(\d+)x(\d+)([+-]\d+)([+-]\d+)")
_ID = re.compile(r"[A-Za-z0-9_.-]{1,40}")


class LayoutChecker:
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
            "alarm_repeat_minutes": (0, 1440),
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
        return replace(base, **changes)

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


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("WallLayout", "the file cannot be read: %1")
    QCoreApplication.translate("WallLayout", "not valid JSON at line %1, column %2")
    QCoreApplication.translate("WallLayout", "not UTF-8 text (byte %1): save the file in UTF-8")
    QCoreApplication.translate("WallLayout", "nested too deeply to be a layout")
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
