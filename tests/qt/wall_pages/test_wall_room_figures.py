"""What the problem-control work adds to the wall: open conflicts and disinformation cases.

Counted by the problem-control code itself (``cur_desktop.problems``) over a generated
demo cache, carried in ``WallData.room`` and shown on the KPI page with the rating's
red zone; the first picture after a restart does not wait for them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cur_desktop.analytics import compute_wall_data, load_wall_frame
from cur_desktop.analytics.compute import RoomReader, room_figures
from cur_desktop.analytics.wall_data import ROOM_CASES
from cur_desktop.cache import Cache
from cur_desktop.problems.conflict_cache import conflict_counts
from cur_desktop.problems.conflict_rules import region_conflict_rules
from cur_desktop.problems.disinfo import case_counts, read_cases
from tests.support.caches import generated_cache
from tests.support.disinfo import cache_with_open_case
from widgets.wall.feed_page import CLAIM_CHARS, shorten
from widgets.wall.page import apply_wall_theme
from widgets.wall.pages import create_page

NOW = datetime(2026, 11, 20, 11, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def cache_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "wall-room", 2500, 11, NOW)


def test_the_room_figures_are_the_problem_controls_own_counts(cache_path: Path) -> None:
    with Cache.open(cache_path) as cache:
        figures = room_figures(cache.engine, NOW)
        assert (
            figures.open_conflicts
            == conflict_counts(cache.engine, region_conflict_rules(), NOW).open
        )
        assert figures.open_disinfo_cases == case_counts(cache.engine).open
        reader = RoomReader(every_seconds=0.0)
        assert reader.read(cache.engine, NOW) is None  # the first picture does not wait
        assert reader.read(cache.engine, NOW) == figures


def test_the_kpi_page_shows_them_with_the_red_zone(cache_path: Path, qapp: Any) -> None:
    from ui.wall.app import load_context

    context = load_context(None)
    with Cache.open(cache_path) as cache:
        frame = load_wall_frame(cache, now=NOW, ticker_size=context.ticker_size)
        room = room_figures(cache.engine, NOW)
        data = compute_wall_data(frame, context=context, now=NOW, room=room)
    page = create_page("kpi", context)
    try:
        apply_wall_theme(page, 1080)
        page.update_data(data)
        # each figure is kept whole on its line (non-breaking spaces inside it)
        line = page.room_line.text().replace("\u00a0", " ")
        assert not page.room_line.isHidden()
        assert f"Открытых конфликтных ситуаций: {page.names.count(room.open_conflicts)}" in line
        assert (
            f"Дел о недостоверной информации на проверке: "
            f"{page.names.count(room.open_disinfo_cases)}" in line
        )
        bodies = len(data.body_rating.red_zone)
        assert f"органов {page.names.count(bodies)}" in line
        # without the room figures (the first picture) the red zone stays
        page.update_data(compute_wall_data(frame, context=context, now=NOW))
        assert "конфликт" not in page.room_line.text()
    finally:
        page.close()
        page.deleteLater()


@pytest.fixture(scope="module")
def problems_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cache_with_open_case(tmp_path_factory.mktemp("wall-room-case") / "cache.sqlite", NOW)


def test_the_open_disinformation_cases_are_named_by_their_claim_masked(
    problems_cache: Path, qapp: Any
) -> None:
    """«Open cases on a wall page» (issue 17): not just a count. The demo's wave spreads
    a claim signed by a named person; the wall names the claim, never the person."""
    from ui.wall.app import load_context

    context = load_context(None)
    with Cache.open(problems_cache) as cache:
        opened = [c for c in read_cases(cache.engine) if c.open]
        frame = load_wall_frame(cache, now=NOW, ticker_size=context.ticker_size)
        room = room_figures(cache.engine, NOW)
        data = compute_wall_data(frame, context=context, now=NOW, room=room)
    assert opened
    assert any("Сидоров" in c.claim for c in opened)  # the demo names someone
    assert len(room.cases) == min(ROOM_CASES, len(opened))
    assert [c.appeals for c in room.cases] == [
        len(c.members) for c in sorted(opened, key=lambda c: -c.first_seen)[:ROOM_CASES]
    ]
    page = create_page("feed", context)  # under the newest appeals
    try:
        apply_wall_theme(page, 1080)
        page.update_data(data)
        shown = page.cases_box.text()
        assert not page.cases_box.isHidden()
        assert shown.startswith("Проверяется на недостоверность:")
        assert "Холера в водопроводе" in shown.replace("\u00a0", " ")
        assert "Сидоров" not in shown
        assert f"({page.names.count(room.cases[0].appeals)})" in shown.replace("\u00a0", " ")
        page.update_data(compute_wall_data(frame, context=context, now=NOW))  # not read yet
        assert page.cases_box.isHidden()
        long_claim = "слово " * 40
        assert shorten(long_claim, CLAIM_CHARS).endswith("…")
        assert len(shorten(long_claim, CLAIM_CHARS)) <= CLAIM_CHARS
    finally:
        page.close()
        page.deleteLater()
