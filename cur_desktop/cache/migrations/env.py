"""Alembic environment for the local cache.

Migrations always run on a connection handed over by
:func:`cur_desktop.cache.migrate.upgrade` (``config.attributes["connection"]``),
inside one transaction: SQLite's DDL is transactional with the driver set up by
:mod:`cur_desktop.cache.db`, so a failed upgrade leaves the cache, and its outbox,
exactly as it was.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    msg = "the cache migrations run only through cur_desktop.cache.migrate"
    raise RuntimeError(msg)

context.configure(connection=connection, render_as_batch=True, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
