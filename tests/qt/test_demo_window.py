"""``cur-desktop demo``: the demo cache is generated once and shown with Russian labels."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from cur_desktop.cache import Cache
from ui.demo import ensure_demo_cache, run_demo, theme_status_rows

pytestmark = pytest.mark.qt


def test_rows_from_the_cache_are_russian_and_ordered(tmp_path: Path, qapp: object) -> None:
    path = ensure_demo_cache(tmp_path, 400, 5, regenerate=False)
    with Cache.open(path) as cache:
        rows = theme_status_rows(cache)
        total = cache.appeals.count(None)
    assert sum(n for _, _, n in rows) == total == 400
    themes = list(dict.fromkeys(theme for theme, _, _ in rows))
    assert themes[0] == "Дороги"
    statuses = {status for _, status, _ in rows}
    assert "Закрыто" in statuses
    assert all(s.isascii() is False for s in statuses)


def test_demo_command_saves_a_screenshot(tmp_path: Path, qapp: object) -> None:
    shot = tmp_path / "demo.png"
    args = argparse.Namespace(
        dir=tmp_path, appeals=300, seed=1, regenerate=True, quit_after=300, screenshot=shot
    )
    assert run_demo(args) == 0
    assert shot.stat().st_size > 10_000
    # a second start reuses the cache instead of generating again
    before = (tmp_path / "cache.sqlite").stat().st_mtime_ns
    args.regenerate = False
    args.screenshot = None
    assert run_demo(args) == 0
    assert (tmp_path / "cache.sqlite").stat().st_mtime_ns >= before
