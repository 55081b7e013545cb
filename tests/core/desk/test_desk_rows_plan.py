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
