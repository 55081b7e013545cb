"""The wall layout file as Windows editors save it: read, or refused with the built-in layout.

The contract (ui/wall/layout.py): a wall with a broken layout file still starts, on
the built-in layout, and says why. A file the wall cannot decode is such a file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ui.wall.app import resolve_layout
from ui.wall.layout import LayoutError, load_layout

PAGES = ("kpi", "map", "feed")
DOC = {
    "format": "cur-desktop-wall-layout",
    "version": 1,
    "playlists": {"обзор": ["kpi", "map"]},
    "screens": [{"id": "left", "screen": {"position": "left-most"}, "playlist": "обзор"}],
}


def test_a_layout_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "layout.json"
    path.write_bytes(json.dumps(DOC, ensure_ascii=False).encode("utf-8-sig"))
    layout = load_layout(path, PAGES)
    assert [item.page for item in layout.playlists["обзор"]] == ["kpi", "map"]


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16"])
def test_a_layout_not_in_utf8_starts_the_wall_on_the_built_in_layout(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "layout.json"
    path.write_bytes(json.dumps(DOC, ensure_ascii=False).encode(encoding))
    layout, error = resolve_layout(path, PAGES)
    assert layout.source is None  # the built-in one
    assert isinstance(error, LayoutError)
    assert "not UTF-8" in str(error)


def test_a_layout_nested_too_deeply_starts_the_wall_on_the_built_in_layout(
    tmp_path: Path,
) -> None:
    path = tmp_path / "layout.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    layout, error = resolve_layout(path, PAGES)
    assert layout.source is None
    assert isinstance(error, LayoutError)
    assert "nested too deeply" in str(error)
