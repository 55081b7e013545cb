"""The region's methodology (ratings, targets, report sections) kept by the service, versioned.

A ЦУР head loads a ``cur-region-methodology`` document
(``cur-central region methodology load FILE``); every load is a new version, never
overwritten, so last month's ratings can be read by last month's rules. The newest
version goes out with ``GET /region`` (key ``methodology``) and reaches workstations
and walls with the other region documents (``cur_desktop.sync.identity``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import func, insert, select

from cur_desktop.central import schema as s
from cur_desktop.desk.methodology import parse

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)


def store_methodology(engine: Engine, doc: Any, loaded_by: str, at: float) -> int:
    """Validate ``doc`` and keep it as the newest version; its version number.

    Raises :class:`cur_desktop.desk.methodology.MethodologyError` for a bad document.
    """
    parse(doc)
    with engine.begin() as conn:
        version = (
            int(
                conn.execute(
                    select(func.coalesce(func.max(s.region_methodology.c.version), 0))
                ).scalar_one()
            )
            + 1
        )
        conn.execute(
            insert(s.region_methodology).values(
                version=version,
                doc=orjson.dumps({**doc, "version": version}).decode(),
                loaded_by=loaded_by,
                loaded_at=at,
            )
        )
    log.info("region methodology version %d stored (by %s)", version, loaded_by)
    return version


def methodology_version(engine: Engine) -> int:
    """The newest stored version (0 before any was loaded)."""
    with engine.connect() as conn:
        return int(
            conn.execute(
                select(func.coalesce(func.max(s.region_methodology.c.version), 0))
            ).scalar_one()
        )


def region_version(engine: Engine, dictionaries_version: int) -> str:
    """What ``/changes`` announces as the region's version: the dictionaries' and, once
    one is loaded, the methodology's (``"3.m2"``); a client reads ``GET /region`` again
    when it moves (:func:`cur_desktop.sync.region_docs.version_of` builds the same)."""
    version = methodology_version(engine)
    return f"{dictionaries_version}.m{version}" if version else str(dictionaries_version)


def current_methodology(engine: Engine) -> dict[str, Any] | None:
    """The newest stored document (with its ``version``), None before any was loaded."""
    with engine.connect() as conn:
        raw = conn.execute(
            select(s.region_methodology.c.doc)
            .order_by(s.region_methodology.c.version.desc())
            .limit(1)
        ).scalar_one_or_none()
    if raw is None:
        return None
    doc = orjson.loads(raw)
    return doc if isinstance(doc, dict) else None
