"""The desk reads a period's rows from the wall's covering index, not the wide table."""

from __future__ import annotations

from sqlalchemy import text

from cur_desktop.cache import Cache
from cur_desktop.cache.schema import appeals
from cur_desktop.desk.figures import ROW_COLUMNS, rows_sql


def test_the_wall_index_covers_every_column_the_desk_reads(desk_cache: Cache) -> None:
    index = next(i for i in appeals.indexes if i.name == "ix_appeals_wall")
    assert set(ROW_COLUMNS) <= {c.name for c in index.columns}
    with desk_cache.engine.connect() as conn:
        plan = " ".join(
            str(row[-1])
            for row in conn.execute(
                text(f"EXPLAIN QUERY PLAN {rows_sql()}"), {"start": 0.0, "end": 1.0}
            )
        )
    assert "COVERING INDEX ix_appeals_wall" in plan


def test_a_period_picked_from_a_wider_read_has_the_same_figures(desk_cache: Cache) -> None:
    from cur_desktop.analytics import context_from_pack
    from cur_desktop.desk import Period
    from cur_desktop.desk.desk import figures_within, load_period, row_keys
    from cur_desktop.desk.figures import load_rows
    from cur_desktop.regions import builtin_pack_dir, load_pack
    from tests.core.desk.conftest import DESK_NOW

    context = context_from_pack(load_pack(builtin_pack_dir()))
    at = DESK_NOW.timestamp()
    wide = Period.parse("2026-06-01..2026-11-30").bounds(context.time_zone)
    rows = load_rows(desk_cache, *wide)
    keys = row_keys(rows, context)
    for label in ("2026-11", "2026-10", "2026-W45"):
        period = Period.parse(label)
        direct = load_period(desk_cache, period, context, at)
        picked = figures_within(rows, keys, period, context, at)
        assert picked.tables == direct.tables
        assert sorted(picked.ids.tolist()) == sorted(direct.ids.tolist())
