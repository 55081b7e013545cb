"""Opening the central database (PostgreSQL in production, SQLite embedded) the same way everywhere.

``--db`` takes a SQLAlchemy URL (``postgresql://…`` is driven by psycopg 3) or a
plain file path for SQLite. SQLite runs in WAL mode so readers (snapshot pages,
feed reads) never wait for the writer; writing transactions start with
``BEGIN IMMEDIATE`` so two writers queue on the database lock up front instead of
failing with "database is locked" when a reader tries to become a writer.
The driver's own transaction handling is switched off and SQLAlchemy emits the
``BEGIN`` itself (SQLAlchemy's documented recipe for pysqlite).

Threading: the engine is shared; every request or job takes its own connection
from the pool for one transaction (:func:`write_tx`, :func:`read_tx`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.pool import ConnectionPoolEntry

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
_IMMEDIATE = "cur_sqlite_immediate"


def normalise_url(db: str | Path) -> URL:
    """A SQLAlchemy URL from ``--db``: a URL as given, or a path to a SQLite file."""
    text = str(db)
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    url = make_url(text)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


#: Suffixes of the files SQLite keeps beside a database in WAL mode.
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def private_folder(folder: Path, *, narrow: bool = False) -> None:
    """Create ``folder`` (and missing parents) 0700; with ``narrow``, narrow an existing one.

    Every file the service writes there holds citizens' data or credentials (152-ФЗ):
    the database, exports, logs that name appeals, the demo's ready file with passwords.
    An existing folder is narrowed only when asked (a folder of our own, like the demo's
    data folder): ``--db /srv/data/central.sqlite`` must not change ``/srv/data``; the
    file itself is 0600 either way.
    """
    if os.name != "posix":
        folder.mkdir(parents=True, exist_ok=True)
        return
    if not folder.exists():
        missing = [folder, *(p for p in folder.parents if not p.exists())]
        for made in reversed(missing):
            made.mkdir(mode=0o700, exist_ok=True)
            made.chmod(0o700)  # mkdir's mode is filtered by the umask
        return
    if narrow:
        _narrow(folder, 0o700)


def private_file(path: Path) -> None:
    """Create ``path`` empty 0600 in a 0700 folder, or narrow an existing one (with a warning)."""
    private_folder(path.parent)
    if os.name != "posix":
        return
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        _narrow(path, 0o600)
    else:
        os.close(fd)


def private_sqlite(path: Path) -> None:
    """A SQLite database and its -wal/-shm/-journal files readable by the service's user only.

    SQLite gives its side files the database file's mode, so a database created 0600
    keeps them 0600; side files left readable by an older build are narrowed too.
    """
    private_file(path)
    for suffix in SQLITE_SIDE_FILES[1:]:
        side = path.with_name(path.name + suffix)
        if side.exists():
            _narrow(side, 0o600)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` atomically to ``path``, 0600 in a 0700 folder (exports, ready files)."""
    private_folder(path.parent)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        if os.name == "posix":
            os.fchmod(out.fileno(), 0o600)  # an existing file keeps its mode otherwise
        out.write(data)
    tmp.replace(path)


def _narrow(path: Path, mode: int) -> None:
    if os.name != "posix":
        return
    info = path.stat()
    if info.st_mode & 0o077 == 0:
        return
    if info.st_uid != os.getuid():
        log.warning("%s is readable by other users and not ours to narrow: fix its mode", path)
        return
    path.chmod(mode)
    log.warning(
        "%s was readable by other users (mode %o): narrowed to %o",
        path,
        info.st_mode & 0o777,
        mode,
    )


def _sqlite_on_connect(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN (see module docstring)
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; WAL keeps it safe
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA cache_size = -65536")
    finally:
        cur.close()


def create_central_engine(db: str | Path | URL, *, pool_size: int = 10) -> Engine:
    """An engine on the central database (not migrated: see :mod:`.migrate`)."""
    url = db if isinstance(db, URL) else normalise_url(db)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            private_sqlite(Path(url.database))
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            pool_size=pool_size,
            max_overflow=20,
            hide_parameters=True,  # errors must not carry appeal texts and authors into logs
        )
        event.listen(engine, "connect", _sqlite_on_connect)

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            immediate = conn.get_execution_options().get(_IMMEDIATE, False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    if url.get_backend_name() != "postgresql":
        msg = f"unsupported database {url.get_backend_name()!r}: use PostgreSQL or SQLite"
        raise ValueError(msg)
    return create_engine(
        url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True, hide_parameters=True
    )


def is_postgres(engine_or_conn: Engine | Connection) -> bool:
    return engine_or_conn.dialect.name == "postgresql"


def libpq_url(engine: Engine) -> str:
    """The database URL as libpq (psycopg) reads it: for the LISTEN connection."""
    url = engine.url.set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


@contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """One writing transaction: committed on success, rolled back on any exception."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.execution_options(**{_IMMEDIATE: True})
        with conn.begin():
            yield conn


@contextmanager
def read_tx(engine: Engine) -> Iterator[Connection]:
    """One reading transaction (a consistent snapshot on SQLite, statement-level on PostgreSQL)."""
    with engine.connect() as conn, conn.begin():
        yield conn


def sqlite_path(db: str | Path | URL) -> Path | None:
    """The file of a SQLite ``--db`` (None for PostgreSQL)."""
    url = db if isinstance(db, URL) else normalise_url(db)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of the SQLite database ``source`` into ``target`` (0600).

    SQLite's online backup, page by page: ``source`` may be in use by a running
    service (a backup), and whatever ``target`` held is replaced whole, its WAL
    included (a restore: stop the service first).
    """
    if not source.is_file():
        msg = f"no SQLite database at {source}"
        raise FileNotFoundError(msg)
    private_sqlite(target)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)  # noqa: TID251 - the service's own file
    try:
        dst = sqlite3.connect(target)  # noqa: TID251
        try:
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    finally:
        src.close()
    private_sqlite(target)
