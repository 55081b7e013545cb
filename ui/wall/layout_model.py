"""The wall layout's data: screens, playlists, timings, and the problems a file can have.

Plain frozen dataclasses that :mod:`ui.wall.layout` builds from a file (through
:mod:`ui.wall.layout_check`, which reports :class:`LayoutProblem` items) and the
rest of the wall reads: :mod:`ui.wall.placement`, :mod:`ui.wall.rotation`, the shell.
It imports neither of those modules, so the checker and the loader both stand on it.
Problems are English source strings translated through Qt (context ``WallLayout``)
when turned into text.

Pure data; safe on any thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

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
