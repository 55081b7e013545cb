"""Alembic environment for the central database (PostgreSQL or SQLite).

Migrations run only through :func:`cur_desktop.central.migrate.upgrade`, on the
connection it hands over (``config.attributes["connection"]``) and inside one
transaction: DDL is transactional on both backends, so a failed upgrade leaves
the database exactly as it was.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    msg = "the central migrations run only through cur_desktop.central.migrate"
    raise RuntimeError(msg)

context.configure(
    connection=connection,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
