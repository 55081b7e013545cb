"""Schema upgrades of the cache with Alembic: atomic, backed up, never losing the outbox.

The cache holds the outbox of operator actions not yet confirmed by the central
service, so an upgrade must never lose data. Three guards:

1. all pending revisions run in one transaction (SQLite DDL is transactional
   with the driver set-up of :mod:`cur_desktop.cache.db`): a failure rolls back;
2. before upgrading an existing cache, a consistent copy is taken with SQLite's
   online backup API (``<cache>.before-<revision>.bak``) and kept;
3. a cache written by a newer program (unknown revision) is refused, not touched.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect

from cur_desktop.cache.db import CacheError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _config(connection: Connection | None = None) -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())  # type: ignore[arg-type]
    head = script.get_current_head()
    if head is None:
        msg = "no cache migrations found"
        raise RuntimeError(msg)
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())  # type: ignore[arg-type]
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _backup(engine: Engine, revision: str) -> Path | None:
    db_path = engine.url.database
    if not db_path:
        return None
    source = Path(db_path)
    target = source.with_name(f"{source.name}.before-{revision}.bak")
    raw = engine.raw_connection()
    try:
        dbapi = raw.driver_connection
        assert isinstance(dbapi, sqlite3.Connection)
        dest = sqlite3.connect(target)  # noqa: TID251 - a plain copy, no cache functions needed
        try:
            dbapi.backup(dest)
        finally:
            dest.close()
    finally:
        raw.close()
    log.info("cache backed up before upgrade from revision %s to %s", revision, target)
    return target


def upgrade(engine: Engine, target: str = "head") -> str:
    """Bring the cache to ``target`` (default: the newest schema); return the revision."""
    from alembic import command

    current = current_revision(engine)
    head = head_revision()
    if current is not None and current not in known_revisions():
        raise CacheError(
            "too_new",
            f"the cache has schema revision {current}, unknown to this version of the program",
        )
    if current == head and target == "head":
        return head
    if current is None and inspect(engine).get_table_names():
        raise CacheError("not_a_cache", "the file holds tables but no cache schema revision")
    if current is not None:
        _backup(engine, current)
    try:
        with engine.begin() as conn:
            command.upgrade(_config(conn), target)  # type: ignore[arg-type]
    except CacheError:
        raise
    except Exception as exc:
        log.exception("cache migration from %s to %s failed; nothing was changed", current, target)
        raise CacheError("migration_failed", f"cache upgrade failed: {exc}") from exc
    new = current_revision(engine)
    log.info("cache schema upgraded from %s to %s", current, new)
    return new or ""
