"""The migrations build exactly the tables the code queries, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from cur_desktop.central import schema
from cur_desktop.central.db import create_central_engine
from cur_desktop.central.migrate import (
    MIGRATIONS_DIR,
    SchemaError,
    check_current,
    current_revision,
    head_revision,
    upgrade,
)
from tests.support.postgres import temp_database


def differences(engine: Engine) -> list[object]:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, schema.metadata))


def test_sqlite_schema_matches_the_code_and_uses_wal(tmp_path: Path) -> None:
    engine = create_central_engine(tmp_path / "c.sqlite")
    with pytest.raises(SchemaError, match="migrate"):
        check_current(engine)
    assert upgrade(engine) == head_revision()
    check_current(engine)
    assert differences(engine) == []
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.execute(text("SELECT value FROM feed_counter WHERE id = 1")).scalar() == 0
    assert upgrade(engine) == head_revision()  # a second run is a no-op
    engine.dispose()


def test_a_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    engine = create_central_engine(tmp_path / "c.sqlite")
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    with pytest.raises(SchemaError, match="too new"):
        check_current(engine)
    with pytest.raises(SchemaError, match="too new"):
        upgrade(engine)
    engine.dispose()


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    engine = create_central_engine(tmp_path / "c.sqlite")
    upgrade(engine)
    from alembic import command

    from cur_desktop.central.migrate import _config

    with engine.begin() as conn:
        command.downgrade(_config(conn), "base")  # type: ignore[arg-type]
    assert current_revision(engine) is None
    upgrade(engine)
    assert differences(engine) == []
    engine.dispose()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()


def test_postgres_schema_matches_the_code() -> None:
    with temp_database("cur_mig") as url:
        engine = create_central_engine(url)
        try:
            upgrade(engine)
            check_current(engine)
            assert differences(engine) == []
            with engine.connect() as conn:
                assert conn.execute(text("SELECT nextval('appeal_id_seq')")).scalar() == 1
        finally:
            engine.dispose()
