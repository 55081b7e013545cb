"""Which layout entry goes on which connected screen: a pure function, re-run on hot-plug.

The shell describes the connected monitors as :class:`ScreenInfo` values (name and
geometry, as QScreen reports them) and calls :func:`place` at start-up and again on
every ``screenAdded`` / ``screenRemoved`` / geometry change. Each entry is matched
in passes, so an explicit choice always beats a looser one:

1. by **name** (exact or glob, ``DP-*``), 2. by **geometry** (``1920x1080+1920+0``),
3. by **position** (``left-most``, ``right-most``, ``top-most``, ``bottom-most``,
``primary``, or an index counted left to right, then top to bottom), 4. the screen it
was on last time (remembered per user, so a restart after a reboot keeps the layout),
then its **fallback**: ``spare`` takes a connected screen no entry claimed, ``merge``
adds its pages to another window's rotation (``merge_into`` or the first placed
entry), ``none`` shows it nowhere. A screen carries at most one window.

Qt-free and side-effect free: the tests feed it lists of screens.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ui.wall.layout import ScreenEntry, ScreenSelector


@dataclass(frozen=True, slots=True)
class ScreenInfo:
    name: str
    x: int
    y: int
    width: int
    height: int
    primary: bool = False

    @property
    def geometry(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.width, self.height)


@dataclass(frozen=True, slots=True)
class Placement:
    screens: dict[str, str] = field(default_factory=dict)  # entry id -> screen name
    how: dict[str, str] = field(default_factory=dict)  # entry id -> the pass that placed it
    merged: dict[str, str] = field(default_factory=dict)  # entry id -> host entry id
    hidden: tuple[str, ...] = ()  # entries shown nowhere (fallback "none", or no host)

    def describe(self) -> str:
        parts = [f"{e}→{s} ({self.how[e]})" for e, s in self.screens.items()]
        parts += [f"{e}→merged into {h}" for e, h in self.merged.items()]
        parts += [f"{e}→hidden" for e in self.hidden]
        return ", ".join(parts) or "nothing placed"


def ordered(screens: Sequence[ScreenInfo]) -> list[ScreenInfo]:
    """Left to right, then top to bottom: the order indices count in."""
    return sorted(screens, key=lambda s: (s.x, s.y, s.name))


def by_position(screens: Sequence[ScreenInfo], position: str | int) -> ScreenInfo | None:
    if not screens:
        return None
    if isinstance(position, int):
        row = ordered(screens)
        return row[position] if position < len(row) else None
    if position == "left-most":
        return min(screens, key=lambda s: (s.x, s.y, s.name))
    if position == "right-most":
        return max(screens, key=lambda s: (s.x + s.width, -s.y, s.name))
    if position == "top-most":
        return min(screens, key=lambda s: (s.y, s.x, s.name))
    if position == "bottom-most":
        return max(screens, key=lambda s: (s.y + s.height, -s.x, s.name))
    if position == "primary":
        return next((s for s in screens if s.primary), ordered(screens)[0])
    return None


def _by_name(screens: Sequence[ScreenInfo], pattern: str) -> list[ScreenInfo]:
    exact = [s for s in screens if s.name == pattern]
    return exact or [s for s in ordered(screens) if fnmatch.fnmatchcase(s.name, pattern)]


def place(
    entries: Sequence[ScreenEntry],
    screens: Sequence[ScreenInfo],
    remembered: Mapping[str, str] | None = None,
) -> Placement:
    """Assign every entry a screen, a host window, or nothing (see the module docstring)."""
    remembered = remembered or {}
    names = {s.name: s for s in screens}
    taken: set[str] = set()
    result: dict[str, str] = {}
    how: dict[str, str] = {}

    def claim(entry: ScreenEntry, screen: ScreenInfo | None, reason: str) -> None:
        if screen is not None and screen.name not in taken and entry.id not in result:
            taken.add(screen.name)
            result[entry.id] = screen.name
            how[entry.id] = reason

    def each(select: str) -> list[tuple[ScreenEntry, ScreenSelector]]:
        return [
            (e, e.selector)
            for e in entries
            if e.id not in result and getattr(e.selector, select) is not None
        ]

    for entry, sel in each("name"):
        assert sel.name is not None
        free = [s for s in _by_name(screens, sel.name) if s.name not in taken]
        claim(entry, free[0] if free else None, "name")
    for entry, sel in each("geometry"):
        claim(entry, next((s for s in screens if s.geometry == sel.geometry), None), "geometry")
    for entry, sel in each("position"):
        assert sel.position is not None
        claim(entry, by_position(screens, sel.position), "position")
    for entry in entries:
        if entry.id not in result and entry.id in remembered:
            claim(entry, names.get(remembered[entry.id]), "remembered")
    for entry in entries:
        if entry.id not in result and entry.fallback == "spare":
            spare = [s for s in ordered(screens) if s.name not in taken]
            claim(entry, spare[0] if spare else None, "spare")

    merged: dict[str, str] = {}
    hidden: list[str] = []
    first_placed = next((e.id for e in entries if e.id in result), None)
    for entry in entries:
        if entry.id in result:
            continue
        host = entry.merge_into if entry.merge_into in result else first_placed
        if entry.fallback == "none" or host is None:
            hidden.append(entry.id)
        else:
            merged[entry.id] = host
    return Placement(result, how, merged, tuple(hidden))
