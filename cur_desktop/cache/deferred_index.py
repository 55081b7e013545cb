"""The full-text index built after the rows of a first load, not row by row.

A first sync into an empty cache inserts every appeal once. With the index's
triggers in place each row is lemmatised and added to the FTS5 index as it comes;
:func:`defer` drops the triggers (keeping their SQL in ``sync_state``) and
:func:`restore` indexes every appeal in one statement and puts them back. All
three go: a contentless index refuses to "delete" a row it never indexed, so an
action's answer updating an appeal mid-load would fail with the update trigger
left in place.

Safety rests on one rule, the same as the snapshot's: **the triggers are absent
exactly while the key** :data:`DEFERRED` **is stored**, and both change in the
transaction of a page. The snapshot's last page restores the index in its own
transaction, so the cache never holds a feed cursor (a cache that "looks whole")
without a complete index. A crash mid-load leaves the key, the dropped trigger
and the snapshot's resume point; the restarted load goes on deferred. Any other
writer that finds the key outside a bulk snapshot (a wiped cache, a snapshot that
switched to replacing rows, :meth:`cur_desktop.cache.Cache.open` after an abandoned
load) restores first. Appeals written meanwhile by other paths (an action's answer)
are covered: the restore empties the index and indexes every row.
"""

from __future__ import annotations

import orjson
from sqlalchemy import Connection, text

from cur_desktop.cache import schema

__all__ = ["DEFERRED", "TRIGGER", "TRIGGERS", "defer", "is_deferred", "restore"]

#: The ``sync_state`` key holding the dropped triggers' SQL (a JSON list).
DEFERRED = "fts.deferred_triggers"
#: The insert trigger of the full-text index (cache migration 0004).
TRIGGER = "appeals_fts_ai"
#: Every trigger of the full-text index: insert, delete, update.
TRIGGERS = (TRIGGER, "appeals_fts_ad", "appeals_fts_au")


def is_deferred(conn: Connection) -> bool:
    found = conn.execute(text("SELECT 1 FROM sync_state WHERE key = :k"), {"k": DEFERRED}).scalar()
    return found is not None


def defer(conn: Connection) -> None:
    """Drop the index's triggers, keeping their SQL (no-op when already deferred)."""
    if is_deferred(conn):
        return
    found: dict[str, str] = dict(
        conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE :p"),
            {"p": "appeals_fts_%"},
        ).all()
    )
    if set(found) != set(TRIGGERS):  # not the index this module knows: left as it is
        return
    statements = [str(found[name]) for name in TRIGGERS]
    conn.execute(
        text("INSERT INTO sync_state (key, value) VALUES (:k, :v)"),
        {"k": DEFERRED, "v": orjson.dumps(statements).decode()},
    )
    for name in TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")


def restore(conn: Connection) -> bool:
    """Index every appeal and put the triggers back (no-op unless deferred); True if it did."""
    raw = conn.execute(
        text("SELECT value FROM sync_state WHERE key = :k"), {"k": DEFERRED}
    ).scalar()
    if raw is None:
        return False
    conn.exec_driver_sql("INSERT INTO appeals_fts(appeals_fts) VALUES ('delete-all')")
    columns = ", ".join(schema.FTS_COLUMNS)
    conn.exec_driver_sql(
        f"INSERT INTO appeals_fts(rowid, body) SELECT id, ru_index({columns}) FROM appeals"  # noqa: S608 - schema names
    )
    for statement in orjson.loads(raw):
        conn.exec_driver_sql(str(statement))
    conn.execute(text("DELETE FROM sync_state WHERE key = :k"), {"k": DEFERRED})
    return True
