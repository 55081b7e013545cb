"""Schema upgrades of the central database with Alembic, in one transaction.

``cur-central migrate`` (and the demo) call :func:`upgrade`; ``cur-central
serve`` calls :func:`check_current` and refuses to start on a database that is
not at the newest revision, because in production an upgrade is an operator's
decision (backups, several service processes), not a side effect of a restart.
A database written by a newer program (unknown revision) is refused.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class SchemaError(Exception):
    """The database is not at a schema this program can use (message says what to do)."""


def _config(connection: Connection | None = None) -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _script() -> object:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())  # type: ignore[arg-type]


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = _script()
    assert isinstance(script, ScriptDirectory)
    head = script.get_current_head()
    if head is None:
        msg = "no central migrations found"
        raise RuntimeError(msg)
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = _script()
    assert isinstance(script, ScriptDirectory)
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> str:
    """Bring the database to ``target`` (default: the newest schema); return the revision."""
    from alembic import command

    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        msg = f"the database has schema revision {current}, unknown to this program (too new)"
        raise SchemaError(msg)
    if current is None and "appeals" in inspect(engine).get_table_names():
        msg = "the database holds an 'appeals' table but no schema revision: not ours"
        raise SchemaError(msg)
    with engine.begin() as conn:
        command.upgrade(_config(conn), target)  # type: ignore[arg-type]
    new = current_revision(engine) or ""
    if new != current:
        log.info("central schema upgraded from %s to %s", current, new)
    return new


def check_current(engine: Engine) -> None:
    """Raise :class:`SchemaError` unless the database is at the newest revision."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        msg = "the database is empty: run `cur-central migrate --db URL` first"
    elif current not in known_revisions():
        msg = f"the database has schema revision {current}, unknown to this program (too new)"
    else:
        msg = f"the database is at revision {current}, not {head}: run `cur-central migrate`"
    raise SchemaError(msg)
