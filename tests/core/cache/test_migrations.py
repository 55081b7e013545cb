"""Cache migrations: from empty and from the previous schema, with the outbox intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from cur_desktop.cache import Cache, CacheError, schema
from cur_desktop.cache.db import create_cache_engine
from cur_desktop.cache.migrate import current_revision, head_revision, upgrade


def outbox_rows(path: Path) -> list[tuple[object, ...]]:
    raw = sqlite3.connect(path)  # noqa: TID251 - reading the file as an outsider would
    try:
        return raw.execute(
            "SELECT idempotency_key, appeal_id, action, params, base_version, state "
            "FROM outbox ORDER BY id"
        ).fetchall()
    finally:
        raw.close()


def cache_at_0001_with_outbox(path: Path) -> list[tuple[object, ...]]:
    engine = create_cache_engine(path)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO outbox (idempotency_key, appeal_id, action, params, base_version, "
            "created_at) VALUES ('k-1', 10, 'answer', '{\"text\": \"Ответ\"}', 3, 1.0), "
            "('k-2', 11, 'take', '{}', 1, 2.0)"
        )
    engine.dispose()
    return outbox_rows(path)


def test_empty_file_reaches_head_and_matches_the_metadata(tmp_path: Path) -> None:
    with Cache.open(tmp_path / "c.sqlite") as cache:
        assert current_revision(cache.engine) == head_revision()
        with cache.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
        # The FTS5 virtual table and its shadow tables are made by raw SQL in 0001 and
        # deliberately kept out of the metadata; every other difference is drift.
        drift = [
            d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("appeals_fts"))
        ]
        assert drift == []
        assert {d[1].name for d in diff} <= {
            "appeals_fts",
            "appeals_fts_data",
            "appeals_fts_idx",
            "appeals_fts_docsize",
            "appeals_fts_config",
        }


def test_upgrade_from_previous_schema_keeps_the_outbox(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    before = cache_at_0001_with_outbox(path)
    assert len(before) == 2
    with Cache.open(path) as cache:
        assert current_revision(cache.engine) == head_revision()
        items = cache.outbox.pending()
        assert [i.idempotency_key for i in items] == ["k-1", "k-2"]
        assert items[0].command.params == {"text": "Ответ"}
        assert items[0].actor == ""
    assert outbox_rows(path) == before
    assert (tmp_path / "c.sqlite.before-0001.bak").exists()
    assert outbox_rows(tmp_path / "c.sqlite.before-0001.bak") == before


def test_a_failed_upgrade_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    before = cache_at_0001_with_outbox(path)
    raw = sqlite3.connect(path)  # noqa: TID251
    # Something already holds the name revision 0002 wants: its CREATE TABLE fails
    # after its ALTER TABLE on the outbox succeeded. Both must roll back.
    raw.execute("CREATE TABLE saved_queries (x)")
    raw.commit()
    raw.close()
    with pytest.raises(CacheError) as failed:
        Cache.open(path)
    assert failed.value.code == "migration_failed"
    engine = create_cache_engine(path)
    try:
        assert current_revision(engine) == "0001"
    finally:
        engine.dispose()
    raw = sqlite3.connect(path)  # noqa: TID251
    try:
        columns = [r[1] for r in raw.execute("PRAGMA table_info(outbox)")]
    finally:
        raw.close()
    assert "actor" not in columns
    assert outbox_rows(path) == before


def test_a_cache_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    Cache.open(path).close()
    raw = sqlite3.connect(path)  # noqa: TID251
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.close()
    with pytest.raises(CacheError) as refused:
        Cache.open(path)
    assert refused.value.code == "too_new"
