"""Opening a ready-to-use :class:`CentralService` from a database URL (CLI, importers, tests).

One function so that every entry point makes the same checks in the same order:
the schema is current (or is brought there when asked), and a region is known —
given as a pack directory (then stored for the other processes) or read back
from the database.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from cur_desktop.central import feed
from cur_desktop.central.db import copy_sqlite, create_central_engine, sqlite_path, write_tx
from cur_desktop.central.migrate import SchemaError, check_current, upgrade
from cur_desktop.central.notify import FeedHub
from cur_desktop.central.region import Region, load_region, region_from_pack, store_region
from cur_desktop.central.service import CentralService


class NoRegionError(SchemaError):
    """The database has no region yet and none was given."""


def open_service(
    db: str | Path,
    *,
    pack: Path | None = None,
    migrate: bool = False,
    demo: bool = False,
    hub: FeedHub | None = None,
) -> CentralService:
    """A service on ``db``; ``pack`` (re)sets the region, ``migrate`` upgrades the schema first."""
    engine = create_central_engine(db)
    try:
        if migrate:
            upgrade(engine)
        else:
            check_current(engine)
        region = _region(engine, pack, demo=demo)
        # the dictionaries as edited in the app (issue 17) are in force over the pack's
        from cur_desktop.central.region_dictionaries import with_newest

        region = with_newest(engine, region)
    except BaseException:
        engine.dispose()
        raise
    return CentralService(engine, region, hub=hub)


def _region(engine: Engine, pack: Path | None, *, demo: bool) -> Region:
    stored = load_region(engine)
    if pack is not None:
        region = region_from_pack(pack, demo=demo)
        if stored is not None and stored.pack.code != region.pack.code:
            msg = (
                f"the database serves region {stored.pack.code}, the pack is "
                f"{region.pack.code}: use the pack of {stored.pack.code} or another database"
            )
            raise SchemaError(msg)
        store_region(engine, region)
        return region
    if stored is None:
        msg = "the database has no region yet: start once with --pack DIR"
        raise NoRegionError(msg)
    return stored


def backup(db: str | Path, target: Path) -> None:
    """``cur-central backup``: a consistent copy of a SQLite database, while it serves.

    PostgreSQL is backed up with its own tools (``pg_dump -Fc``, docs/central.md).
    """
    source = sqlite_path(db)
    if source is None:
        msg = "back a PostgreSQL database up with pg_dump -Fc (docs/central.md)"
        raise SchemaError(msg)
    copy_sqlite(source, target)


def restore(db: str | Path, source: Path | None = None) -> str:
    """``cur-central restore``: put a backup in place and give the feed a new epoch.

    For SQLite ``source`` is the backup file, copied over the database (stop the
    service first). For PostgreSQL the backup is restored with ``pg_restore`` first
    and this only rotates the epoch (``source`` None). Either way every workstation
    that synced from the database before finds its cursor's mark no longer matches and
    takes a new snapshot (docs/central.md, Backup and restore). Returns the new epoch.
    """
    if source is not None:
        target = sqlite_path(db)
        if target is None:
            msg = "restore a PostgreSQL backup with pg_restore, then run restore without --from"
            raise SchemaError(msg)
        copy_sqlite(source, target)
    engine = create_central_engine(db)
    try:
        upgrade(engine)  # a backup from an older build is brought to this one
        with write_tx(engine) as conn:
            epoch = feed.rotate_epoch(conn)
    finally:
        engine.dispose()
    return epoch
