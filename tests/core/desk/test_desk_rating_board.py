"""Weekly and monthly ratings with their history, and the appeals behind a cell,
checked against raw SQL over the fixed generated dataset."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from cur_desktop.analytics import WallContext
from cur_desktop.cache import Cache
from cur_desktop.desk import Methodology, Period
from cur_desktop.desk.ratings import rating_board
from tests.core.desk.conftest import DESK_NOW

FIN = (
    "CASE WHEN is_open = 0 THEN min(coalesce(answered_at, closed_at), "
    "coalesce(closed_at, answered_at)) END"
)
BASE = "FROM appeals WHERE merged_into IS NULL AND id > 0"


def _bounds(label: str, context: WallContext) -> tuple[float, float]:
    return Period.parse(label).bounds(context.time_zone)


@pytest.mark.parametrize(("cadence", "labels"), [("month", 6), ("week", 6)])
def test_board_counts_history_and_drill_match_raw_sql(
    desk_cache: Cache, desk_context: WallContext, cadence: str, labels: int
) -> None:
    method = Methodology.bundled()
    known = tuple(b.code for b in desk_context.dictionaries.bodies)
    board = rating_board(
        desk_cache, "bodies", cadence, date(2026, 11, 20), desk_context, DESK_NOW, method.rating,
        known,
    )  # fmt: skip
    assert len(board.labels) == labels
    assert board.labels[-1] == board.rating.period_label
    assert board.labels[-1] == ("2026-11" if cadence == "month" else "2026-W47")
    start, end = _bounds(board.labels[-1], desk_context)
    with desk_cache.engine.connect() as conn:
        received = dict(
            conn.execute(
                text(
                    f"SELECT body, count(*) {BASE} AND created_at >= :s AND created_at < :e "
                    "GROUP BY body"
                ),
                {"s": start, "e": end},
            ).all()
        )
        reworked = {
            body: sorted(int(i) for i in ids.split(","))
            for body, ids in conn.execute(
                text(
                    f"SELECT body, group_concat(id) {BASE} AND {FIN} >= :s AND {FIN} < :e "
                    "AND rework_count > 0 GROUP BY body"
                ),
                {"s": start, "e": end},
            ).all()
        }
    rated = [r for r in board.rating.rows if r.score is not None]
    assert len(rated) >= 5
    for row in board.rating.rows:
        assert row.received == received.get(row.code, 0)
        assert board.history[row.code][-1] == row.score
        assert len(board.appeal_ids(row.code, "received")) == row.received
        assert sorted(board.appeal_ids(row.code, "quality")) == reworked.get(row.code, [])
    # the history's earlier periods are the ratings of those periods, places before too
    before = rating_board(
        desk_cache, "bodies", cadence, Period.parse(board.labels[-2]).first, desk_context,
        DESK_NOW, method.rating, known,
    )  # fmt: skip
    for row in before.rating.rows:
        assert board.history[row.code][-2] == row.score
        assert board.places_before[row.code] == row.place
    assert any(r.zone == "red" and r.why for r in board.rating.rows)


def test_board_refuses_other_cadences(desk_cache: Cache, desk_context: WallContext) -> None:
    with pytest.raises(ValueError, match="weekly or monthly"):
        rating_board(
            desk_cache, "bodies", "quarter", date(2026, 11, 20), desk_context, DESK_NOW,
            Methodology.bundled().rating,
        )  # fmt: skip
