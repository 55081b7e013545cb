"""Opening the local cache: one SQLite file in WAL mode, set up the same way everywhere.

Every connection gets the same pragmas and the SQL functions of
:func:`register_functions`: ``ru_index``, which the full-text triggers call
(:mod:`cur_desktop.cache.search`), and ``ru_stems`` (the Snowball index of older
revisions, kept so their triggers and migrations still run). The driver's own
transaction handling is switched off and SQLAlchemy emits ``BEGIN`` itself
(SQLAlchemy's documented recipe for pysqlite): DDL then runs inside real
transactions, so a failed migration rolls back whole, and SAVEPOINTs work.

Threading: an :class:`~sqlalchemy.engine.Engine` may be shared across threads;
each thread takes its own connection from the pool. The sync engine is the
only writer (STYLE.md §1); screens only read.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

from cur_desktop.cache.search import index_columns, stem_columns

log = logging.getLogger(__name__)

#: Execution option asking the ``begin`` hook for ``BEGIN IMMEDIATE`` (:func:`write_locked`).
WRITE_LOCK = "cur_write_lock"

BUSY_TIMEOUT_MS = 15_000


class CacheError(Exception):
    """The cache file cannot be used: a known environment problem, not a bug.

    ``code`` is stable and translated by the UI: ``unreadable``, ``not_a_cache``,
    ``too_new``, ``disk_full``, ``locked``, ``migration_failed``.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


#: SQLite's page cache per connection, MiB: the console's queues and searches re-read the
#: same index pages all day. The wall reads a few rows per change and passes less
#: (``Cache.open(..., page_cache_mib=)``): each cache is heap memory kept for good.
#: Chosen by measurement (issue 19): a console workload (five queues and searches, ids,
#: counts, first and last pages, three threads) over 200,000 appeals peaked at 153 MB
#: RSS with 16 MiB and no memory map against 93 MB on an empty cache, at no measurable
#: cost in time on this machine; 64 MiB with a 256 MB map peaked at 1,070 MB (each
#: pooled connection maps the file on its own, and every mapped page read counts).
PAGE_CACHE_MIB = 16

#: Bytes of the cache file SQLite memory-maps per connection: none (see PAGE_CACHE_MIB).
#: The operating system's file cache still keeps hot pages; a read copies them once.
MMAP_SIZE = 0


def register_functions(dbapi_conn: sqlite3.Connection) -> None:
    """The SQL functions the cache's full-text triggers call (every connection, raw ones too)."""
    dbapi_conn.create_function("ru_index", 7, index_columns, deterministic=True)
    dbapi_conn.create_function("ru_stems", -1, stem_columns, deterministic=True)


def _on_connect(
    dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry, page_cache_mib: int
) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN (see module docstring)
    register_functions(dbapi_conn)
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; WAL keeps it safe
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA temp_store = MEMORY")
        cur.execute(f"PRAGMA cache_size = -{int(page_cache_mib) * 1024}")  # KiB
        cur.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
    finally:
        cur.close()


def _private_file(target: Path) -> None:
    """The cache holds citizens' personal data: readable by its user only (152-ФЗ).

    A new cache's folder is made 0700 and the file 0600 before SQLite opens it (SQLite
    gives its -wal and -shm files the database file's mode); an existing cache made
    readable to others (by an older build, a copy) is narrowed to 0600. On Windows
    the user's profile folder already keeps other users out.
    """
    if os.name != "posix":
        target.parent.mkdir(parents=True, exist_ok=True)
        return
    if not target.parent.exists():
        target.parent.mkdir(parents=True, mode=0o700)
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        for file in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            if not file.exists():
                continue
            info = file.stat()
            if info.st_mode & 0o077 and info.st_uid == os.getuid():
                file.chmod(info.st_mode & 0o700)
                log.info("%s was readable by other users: narrowed to its owner", file)
    else:
        os.close(fd)


def create_cache_engine(path: Path | str, *, page_cache_mib: int = PAGE_CACHE_MIB) -> Engine:
    """An engine on the cache file at ``path`` (created if missing, not migrated)."""
    target = Path(path)
    if target.exists() and target.is_dir():
        raise CacheError("unreadable", f"{target} is a folder, not a cache file")
    _private_file(target)
    engine = create_engine(
        f"sqlite:///{target}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        hide_parameters=True,  # errors must not carry appeal texts and authors into logs
    )
    event.listen(engine, "connect", partial(_on_connect, page_cache_mib=page_cache_mib))

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(WRITE_LOCK, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def write_locked(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the write lock from its first statement (BEGIN IMMEDIATE).

    For read-then-write decisions two threads must not interleave: what is read is
    still true when the write commits (a deferred BEGIN would read an older snapshot
    and fail, or decide on it). Waits up to the busy timeout for another writer.
    """
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_LOCK: True})
        with conn.begin():
            yield conn


def fetch_tuples(engine: Engine, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of one read through the driver's own cursor, as plain tuples.

    For reads of hundreds of thousands of rows (the desk's period, the conflict
    rules' facts): SQLAlchemy's row objects cost as much again as the query there.
    """
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        try:
            rows: list[tuple[Any, ...]] = cursor.execute(sql, params).fetchall()
        finally:
            cursor.close()
    return rows


def classify(exc: BaseException) -> CacheError | None:
    """Turn an environment failure into a translated-code error; None for our own bugs."""
    message = str(getattr(exc, "orig", exc)).lower()
    if "database or disk is full" in message or "no space left" in message:
        return CacheError("disk_full", "the disk holding the cache is full")
    if "file is not a database" in message or "file is encrypted" in message:
        return CacheError("not_a_cache", "the file is not a cache database")
    if "database is locked" in message:
        return CacheError("locked", "another program holds the cache locked")
    if "unable to open database" in message or "readonly database" in message:
        return CacheError("unreadable", "the cache file cannot be opened for writing")
    if "disk i/o error" in message or "malformed" in message:
        return CacheError("unreadable", "the cache file is damaged or the disk failed")
    return None
