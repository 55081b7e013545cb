"""The statements of the cache's one writer: bulk SQL on the appeal and history tables.

:class:`~cur_desktop.sync.writer.CacheWriter` decides *what* a sync page, an
action's answer or a tool's load writes; this module holds *how*: the INSERT and
upsert statements over the schema's columns, the sync-state upsert, the delete of
appeals with their history, and the history de-duplication of the snapshot/feed
overlap. Every function takes the caller's connection, so what one page writes
commits in the caller's one transaction.

Threading: the writer's thread only (the cache has one writer).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from cur_desktop.cache import schema
from cur_desktop.chunks import chunks

A = schema.appeals
H = schema.history
S = schema.sync_state

# Bulk statements go to the driver as they are (``exec_driver_sql``): SQLAlchemy's
# per-row parameter processing cost a third of the write time of a snapshot page,
# and these rows are plain dicts of the codec already. Column names come from the
# schema, never from input.
_COLUMNS = [c.name for c in A.columns]
INSERT = (
    f"INSERT INTO appeals ({', '.join(_COLUMNS)})"  # noqa: S608 - schema names only
    f" VALUES ({', '.join(':' + c for c in _COLUMNS)})"
)
_SET = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c != "id")
NEWER = f"{INSERT} ON CONFLICT (id) DO UPDATE SET {_SET} WHERE excluded.version > appeals.version"
# Snapshot pages are live reads, never older than the cache: any other version is
# taken as it is (a service restored from a backup has lower versions, not newer).
# The same version is not always the same row: after a restore, a change the backup
# lost and one made since can both have taken an appeal from version v to v+1. Every
# write of the service stamps ``updated_at``, so the pair tells them apart.
DIFFERENT = (
    f"{INSERT} ON CONFLICT (id) DO UPDATE SET {_SET}"
    " WHERE excluded.version IS NOT appeals.version"
    " OR excluded.updated_at IS NOT appeals.updated_at"
)
_H_COLUMNS = [c.name for c in H.columns if c.name != "id"]
INSERT_HISTORY = (
    f"INSERT INTO appeal_history ({', '.join(_H_COLUMNS)})"  # noqa: S608 - schema names only
    f" VALUES ({', '.join(':' + c for c in _H_COLUMNS)})"
)
# Rows of (lo, hi] the snapshot did not send: out of scope, out of window or deleted.
SWEPT = (
    "SELECT id FROM appeals WHERE id > :lo AND id <= :hi"
    " AND id NOT IN (SELECT value FROM json_each(:keep))"
)


def get_state(conn: Connection, key: str) -> str | None:
    value = conn.execute(select(S.c.value).where(S.c.key == key)).scalar()
    return None if value is None else str(value)


def put_state(conn: Connection, values: Mapping[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            conn.execute(delete(S).where(S.c.key == key))
            continue
        stmt = sqlite_insert(S).values(key=key, value=value)
        conn.execute(stmt.on_conflict_do_update(index_elements=[S.c.key], set_={"value": value}))


def delete_appeals(conn: Connection, ids: Sequence[int]) -> int:
    """Delete appeals and their history; the number of appeals deleted."""
    removed = 0
    for chunk in chunks(ids):
        conn.execute(delete(H).where(H.c.appeal_id.in_(chunk)))
        removed += conn.execute(delete(A).where(A.c.id.in_(chunk))).rowcount
    return removed


def not_held(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The feed's history lines the cache does not hold yet.

    Lines have no id on the wire and are matched on (appeal, time, action, actor). A
    line already held can only come from a snapshot page of the overlap; a feed page
    never carries one line twice. Matches are counted, not merely looked up: one
    change may add several lines alike in those four (an import listing one appeal
    twice writes two lines at one moment), and each is a line of its own.
    """
    if not rows:
        return rows
    held: Counter[tuple[Any, ...]] = Counter()
    ids = sorted({int(r["appeal_id"]) for r in rows})
    since = min(float(r["at"]) for r in rows)
    for chunk in chunks(ids):
        query = (
            select(H.c.appeal_id, H.c.at, H.c.action, H.c.actor, func.count())
            .where(H.c.appeal_id.in_(chunk), H.c.at >= since)
            .group_by(H.c.appeal_id, H.c.at, H.c.action, H.c.actor)
        )
        for appeal_id, at, action, actor, count in conn.execute(query):
            held[(appeal_id, at, action, actor)] = int(count)
    new: list[dict[str, Any]] = []
    for row in rows:
        key = (row["appeal_id"], row["at"], row["action"], row["actor"])
        if held[key] > 0:
            held[key] -= 1
        else:
            new.append(row)
    return new
