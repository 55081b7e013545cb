"""The ticker's line joins title and text as a sentence: "отопление? Уважаемые", never "?.".

Appeals from a real cache file, read the way the wall reads them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cur_desktop.analytics import load_wall_frame
from cur_desktop.cache import Cache
from cur_desktop.sync.writer import CacheWriter
from tests.core.analytics.small_dataset import NOW, H, make

TEXT = "Уважаемые сотрудники администрации! Прошу продлить отопительный сезон."


@pytest.mark.parametrize(
    ("title", "line"),
    [
        ("Когда включат отопление?", f"Когда включат отопление? {TEXT}"),
        ("Сколько можно терпеть?!", f"Сколько можно терпеть?! {TEXT}"),
        ("Холодно в квартирах!", f"Холодно в квартирах! {TEXT}"),
        ("Батареи еле тёплые.", f"Батареи еле тёплые. {TEXT}"),
        ("Батареи еле тёплые", f"Батареи еле тёплые. {TEXT}"),
    ],
)
def test_ticker_line_ends_the_title_once(tmp_path: Path, title: str, line: str) -> None:
    with Cache.open(tmp_path / "wall.sqlite") as cache:
        CacheWriter(cache.engine).bulk_load([make(1, NOW - H, title=title, text=TEXT)])
        frame = load_wall_frame(cache, now=NOW)
    (item,) = frame.ticker
    assert item.text == line
    assert item.title == title
