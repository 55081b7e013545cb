"""The layout file and the placement rules, on plain data (no windows)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.qt.wall.conftest import layout_doc
from ui.wall.layout import (
    LayoutError,
    PlaylistItem,
    ScreenEntry,
    ScreenSelector,
    load_layout,
    parse_layout,
)
from ui.wall.placement import ScreenInfo, by_position, place

PAGES = ("kpi", "heatmap", "map", "trends", "rating", "risk", "feed")

# Two wall screens side by side, an operator screen below the first (the offscreen file).
WALL_1 = ScreenInfo("WALL-1", 0, 0, 1920, 1080)
WALL_2 = ScreenInfo("WALL-2", 1920, 0, 1920, 1080)
OPERATOR = ScreenInfo("OPERATOR", 0, 1080, 2560, 1440, primary=True)
SCREENS = [OPERATOR, WALL_2, WALL_1]


def entry(
    entry_id: str, fallback: str = "merge", merge_into: str | None = None, **selector: object
) -> ScreenEntry:
    return ScreenEntry(entry_id, ScreenSelector(**selector), "p", fallback, merge_into)  # type: ignore[arg-type]


def test_a_complete_layout_is_read() -> None:
    doc = layout_doc(
        {"overview": [{"page": "kpi", "seconds": 40}, "map"], "ops": ["risk", "feed"]},
        [
            {
                "id": "left",
                "screen": {"name": "DP-1", "position": "left-most"},
                "playlist": "overview",
            },
            {"screen": {"geometry": "1920x1080+1920+0"}, "playlist": "ops", "fallback": "spare"},
        ],
        page_seconds=25,
        stale_after_minutes=5,
        hide_cursor=False,
    )
    layout = parse_layout(doc, PAGES)
    assert [e.id for e in layout.entries] == ["left", "screen-2"]
    assert layout.entries[0].selector == ScreenSelector("DP-1", None, "left-most")
    assert layout.entries[1].selector.geometry == (1920, 0, 1920, 1080)
    assert layout.entries[1].fallback == "spare"
    assert layout.playlists["overview"] == (PlaylistItem("kpi", 40.0), PlaylistItem("map"))
    assert layout.seconds(layout.playlists["overview"][1]) == 25.0
    assert layout.settings.stale_after_minutes == 5.0
    assert layout.settings.hide_cursor is False


def test_every_problem_is_listed_with_its_place() -> None:
    doc = {
        "format": "cur-desktop-wall-layout",
        "version": 2,
        "settings": {"page_seconds": 0, "colour": "red"},
        "playlists": {"a": ["kpi", "weather"], "b": []},
        "screens": [
            {"screen": {"position": "middle"}, "playlist": "a"},
            {"screen": {}, "playlist": "missing", "fallback": "pray", "merge_into": "nobody"},
        ],
    }
    with pytest.raises(LayoutError) as caught:
        parse_layout(doc, PAGES)
    where = {p.where for p in caught.value.problems}
    assert where == {
        "version",
        "settings.page_seconds",
        "settings.colour",
        "playlists.a[1].page",
        "playlists.b",
        "screens[0].screen.position",
        "screens[1].screen",
        "screens[1].playlist",
        "screens[1].fallback",
    }


def test_problems_are_translated(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "cur-desktop-wall-layout", "version": 1,\n "screens": [}', "utf-8")
    with pytest.raises(LayoutError) as caught:
        load_layout(path, PAGES)
    text = caught.value.text()
    assert "broken.json" in text
    assert "JSON" in text
    assert "строка 2" in text  # Russian, with the place of the syntax error
    missing = tmp_path / "absent.json"
    with pytest.raises(LayoutError) as caught:
        load_layout(missing, PAGES)
    assert "не удаётся прочитать" in caught.value.text()


def test_example_layouts_are_valid() -> None:
    folder = Path(__file__).resolve().parents[3] / "resources" / "wall" / "layouts"
    files = sorted(folder.glob("*.json"))
    assert files
    for path in files:
        load_layout(path, PAGES)
        json.loads(path.read_text("utf-8"))


def test_positions() -> None:
    assert by_position(SCREENS, "left-most") == WALL_1
    assert by_position(SCREENS, "right-most") == WALL_2
    assert by_position(SCREENS, "top-most") == WALL_1
    assert by_position(SCREENS, "bottom-most") == OPERATOR
    assert by_position(SCREENS, "primary") == OPERATOR
    assert by_position(SCREENS, 0) == WALL_1  # left to right, then top to bottom
    assert by_position(SCREENS, 1) == OPERATOR
    assert by_position(SCREENS, 2) == WALL_2
    assert by_position(SCREENS, 3) is None


def test_name_beats_geometry_beats_position() -> None:
    entries = [
        entry("by-position", position="left-most"),
        entry("by-name", name="WALL-1"),
        entry("by-geometry", geometry=(1920, 0, 1920, 1080), position="left-most"),
    ]
    placement = place(entries, SCREENS)
    assert placement.screens == {"by-name": "WALL-1", "by-geometry": "WALL-2"}
    assert placement.how == {"by-name": "name", "by-geometry": "geometry"}
    # the left-most screen was taken by name: merged into the first placed entry
    assert placement.merged == {"by-position": "by-name"}


def test_glob_names_and_missing_screen_falls_back_to_position() -> None:
    entries = [entry("a", name="WALL-*"), entry("b", name="HDMI-1", position="right-most")]
    placement = place(entries, SCREENS)
    assert placement.screens == {"a": "WALL-1", "b": "WALL-2"}
    assert placement.how == {"a": "name", "b": "position"}


def test_fallbacks_spare_merge_none_and_remembered() -> None:
    entries = [
        entry("main", name="WALL-1"),
        entry("second", name="DP-2", fallback="spare"),
        entry("third", name="DP-3", fallback="merge", merge_into="second"),
        entry("fourth", name="DP-4", fallback="none"),
    ]
    placement = place(entries, SCREENS)
    # spare screens are taken left to right, then top to bottom: OPERATOR before WALL-2
    assert placement.screens == {"main": "WALL-1", "second": "OPERATOR"}
    assert placement.merged == {"third": "second"}
    assert placement.hidden == ("fourth",)
    remembered = place(entries, SCREENS, {"second": "WALL-2", "fourth": "OPERATOR"})
    assert remembered.screens == {"main": "WALL-1", "second": "WALL-2", "fourth": "OPERATOR"}
    assert remembered.how["second"] == "remembered"


def test_unplug_and_replug_is_a_new_placement() -> None:
    entries = [entry("left", position="left-most"), entry("right", name="WALL-2")]
    assert place(entries, SCREENS).screens == {"left": "WALL-1", "right": "WALL-2"}
    gone = place(entries, [WALL_1, OPERATOR])
    assert gone.screens == {"left": "WALL-1"}
    assert gone.merged == {"right": "left"}
    assert place(entries, []).hidden == ("left", "right")
    assert place(entries, SCREENS).screens == {"left": "WALL-1", "right": "WALL-2"}
