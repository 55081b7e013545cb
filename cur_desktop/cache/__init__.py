"""The local cache: what every screen reads and only the sync engine writes.

``Cache.open(path)`` opens (or creates) the SQLite file, brings its schema to
the newest revision without losing the outbox, and checks the full-text index
was built by the lemmatizer this program uses (rebuilding it if not: a new
pymorphy3 or dictionary release, or a new index layout).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError

from cur_desktop.cache import deferred_index, schema
from cur_desktop.cache.db import PAGE_CACHE_MIB, CacheError, classify, create_cache_engine
from cur_desktop.cache.migrate import upgrade
from cur_desktop.cache.outbox import Outbox, OutboxItem, OutboxState
from cur_desktop.cache.search import index_id
from cur_desktop.cache.store import AppealStore, QueueFilter
from cur_desktop.clock import Clock, epoch, system_clock

__all__ = [
    "AppealStore",
    "Cache",
    "CacheError",
    "Outbox",
    "OutboxItem",
    "OutboxState",
    "QueueFilter",
]

log = logging.getLogger(__name__)

#: The snapshot's keys (cur_desktop.sync.status; the cache does not import the sync).
SNAPSHOT_ID = "sync.snapshot.id"
SNAPSHOT_MODE = "sync.snapshot.mode"
_STEMMER_KEY = "fts.stemmer"  # the name of what built the index (kept from the stemmer's days)


class Cache:
    """One open cache file: appeals, history, outbox, sync state, dictionaries."""

    def __init__(self, engine: Engine, *, clock: Clock = system_clock) -> None:
        self.engine = engine
        self.clock = clock  # when outbox items and sync states are stamped
        self.appeals = AppealStore(engine)
        self.outbox = Outbox(engine, clock=clock)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        page_cache_mib: int = PAGE_CACHE_MIB,
        clock: Clock = system_clock,
    ) -> Cache:
        engine = create_cache_engine(path, page_cache_mib=page_cache_mib)
        try:
            upgrade(engine)
            cache = cls(engine, clock=clock)
            cache._check_fts()
        except DBAPIError as exc:
            engine.dispose()
            known = classify(exc)
            if known is not None:
                raise known from exc
            raise
        except BaseException:
            engine.dispose()
            raise
        return cache

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return Path(self.engine.url.database or "")

    # --- sync state: small key/value facts (cursor, server, scope) --------------------

    def get_state(self, key: str, default: str | None = None) -> str | None:
        s = schema.sync_state
        with self.engine.connect() as conn:
            value = conn.execute(select(s.c.value).where(s.c.key == key)).scalar_one_or_none()
        return default if value is None else str(value)

    def set_state(self, key: str, value: str) -> None:
        s = schema.sync_state
        stmt = sqlite_insert(s).values(key=key, value=value)
        stmt = stmt.on_conflict_do_update(index_elements=[s.c.key], set_={"value": value})
        with self.engine.begin() as conn:
            conn.execute(stmt)

    # --- dictionaries: the region's vocabularies as the service sent them ---------------

    def save_dictionaries(self, doc: dict[str, Any], name: str = "region") -> None:
        d = schema.dictionaries
        payload = orjson.dumps(doc).decode()
        stmt = sqlite_insert(d).values(name=name, doc=payload, updated_at=epoch(self.clock))
        stmt = stmt.on_conflict_do_update(
            index_elements=[d.c.name], set_={"doc": payload, "updated_at": epoch(self.clock)}
        )
        with self.engine.begin() as conn:
            conn.execute(stmt)

    def load_dictionaries(self, name: str = "region") -> dict[str, Any] | None:
        d = schema.dictionaries
        with self.engine.connect() as conn:
            raw = conn.execute(select(d.c.doc).where(d.c.name == name)).scalar_one_or_none()
        if raw is None:
            return None
        doc: dict[str, Any] = orjson.loads(raw)
        return doc

    # --- full-text index upkeep ---------------------------------------------------------

    def _check_fts(self) -> None:
        if self.get_state(deferred_index.DEFERRED) is not None and (
            self.get_state(SNAPSHOT_MODE) != "bulk" or self.get_state(SNAPSHOT_ID) is None
        ):
            # a first load's index deferred, and no first load left to finish it
            with self.engine.begin() as conn:
                deferred_index.restore(conn)
        built_with = self.get_state(_STEMMER_KEY)
        wanted = index_id()
        if built_with == wanted:
            return
        if built_with is not None:
            log.warning("full-text index built by %s, rebuilding for %s", built_with, wanted)
        self.rebuild_fts()

    def rebuild_fts(self) -> None:
        """Re-index every appeal with the current lemmatizer (contentless index: delete-all)."""
        started = time.monotonic()
        wanted = index_id()
        with self.engine.begin() as conn:
            conn.execute(text("INSERT INTO appeals_fts(appeals_fts) VALUES ('delete-all')"))
            columns = ", ".join(schema.FTS_COLUMNS)
            rebuild = f"INSERT INTO appeals_fts(rowid, body) SELECT id, ru_index({columns}) "
            conn.execute(text(rebuild + "FROM appeals"))
            conn.execute(
                sqlite_insert(schema.sync_state)
                .values(key=_STEMMER_KEY, value=wanted)
                .on_conflict_do_update(
                    index_elements=[schema.sync_state.c.key], set_={"value": wanted}
                )
            )
        log.info("full-text index rebuilt in %.1f s", time.monotonic() - started)
