"""What a status bar reads from the cache: the link, the last sync, unsent actions.

The sync engine keeps small facts in the cache's sync state — ``sync.online`` and
``sync.last_ok`` (falling back to the engine's ``sync.last_success``) — and the
operator's actions wait in the outbox until the central service confirms them. A
screen opened on a cache (the console, the wall, a console opened offline) shows
them without a running sync engine, so they are read here, from the file.

On a shared workstation the outbox may hold another operator's actions too: they
wait for that operator's next sign-in and are not this operator's to count
(:func:`waiting_actions`).

Qt-free; any thread.
"""

from __future__ import annotations

from sqlalchemy import func, select

from cur_desktop.cache import Cache, OutboxState, schema

SYNC_ONLINE = "sync.online"
SYNC_LAST_OK = "sync.last_ok"
SYNC_LAST_SUCCESS = "sync.last_success"  # cur_desktop.sync.status.LAST_SUCCESS
_TRUE = frozenset({"1", "true", "yes", "online"})


def is_online(cache: Cache) -> bool:
    """Whether the sync engine last said it reached the central service."""
    return (cache.get_state(SYNC_ONLINE) or "").strip().casefold() in _TRUE


def last_sync(cache: Cache) -> float | None:
    """Epoch seconds of the last successful sync; None if there never was one."""
    raw = cache.get_state(SYNC_LAST_OK) or cache.get_state(SYNC_LAST_SUCCESS)
    try:
        return float(raw) if raw else None
    except ValueError:
        return None


def waiting_actions(cache: Cache, login: str) -> int:
    """Actions of ``login`` (or of no recorded actor) the service has not confirmed yet.

    All pending actions when nobody signed in.
    """
    if not login:
        return cache.outbox.size()
    o = schema.outbox
    query = (
        select(func.count())
        .select_from(o)
        .where(o.c.state == OutboxState.PENDING.value, o.c.actor.in_([login, ""]))
    )
    with cache.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())
