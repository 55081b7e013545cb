"""The region's documents kept current while a cache follows the feed (issue 17).

``GET /region`` is read when the sync connects. The dictionaries can change while
it runs (a head edits a category or an answer template in the app,
:mod:`cur_desktop.central.region_dictionaries`): every ``/changes`` answer names the
dictionaries version in force (header ``X-Region-Version``), the cache keeps the
version it holds (:data:`REGION_VERSION`), and when the two differ the region is
read again and saved, so every workstation and wall gets the edit with its next pull.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from cur_desktop.cache import Cache
    from cur_desktop.domain.dictionaries import Dictionaries

log = logging.getLogger(__name__)

#: The sync-state key of the dictionaries version the cache holds.
REGION_VERSION = "sync.region_version"


def version_of(region: Mapping[str, Any]) -> str:
    """The region version of a ``GET /region`` answer, as ``/changes`` announces it: the
    dictionaries' ("0": the pack's own) and the methodology's once one is loaded
    (``"3.m2"``, cur_desktop.central.methodology.region_version)."""
    value = region.get("dictionaries_version")
    base = str(value) if isinstance(value, int) and not isinstance(value, bool) else "0"
    method = region.get("methodology")
    loaded = method.get("version") if isinstance(method, dict) else None
    if isinstance(loaded, int) and not isinstance(loaded, bool) and loaded > 0:
        return f"{base}.m{loaded}"
    return base


def remember(cache: Cache, region: Mapping[str, Any]) -> None:
    cache.set_state(REGION_VERSION, version_of(region))


def moved(cache: Cache, announced: str | None) -> bool:
    """Whether the service announced a dictionaries version other than the cache's."""
    if announced is None:
        return False  # a service without edited dictionaries (or an older one)
    held = cache.get_state(REGION_VERSION)
    if held != announced:
        log.info("the region's dictionaries moved from version %s to %s", held, announced)
        return True
    return False


def held_version(cache_path: Path) -> str:
    """The region version the cache at ``cache_path`` holds ("" none, no file, unreadable).

    Read without migrating or creating anything, as :func:`with_synced_dictionaries`.
    """
    if not cache_path.is_file():
        return ""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from cur_desktop.cache.db import create_cache_engine

    engine = create_cache_engine(cache_path)
    try:
        with engine.connect() as conn:
            value = conn.execute(
                text("SELECT value FROM sync_state WHERE key = :key"), {"key": REGION_VERSION}
            ).scalar_one_or_none()
    except SQLAlchemyError:
        return ""
    finally:
        engine.dispose()
    return "" if value is None else str(value)


def with_synced_dictionaries(base: Dictionaries, cache_path: Path) -> Dictionaries:
    """``base`` (a pack's) with the categories and templates synced into ``cache_path``.

    The wall names themes and categories by the pack it runs with (which also gives
    population and map positions); the categories and answer templates edited in the
    app arrive through the sync and take the pack's place here. Read without migrating
    or creating anything; a missing file, row or an unusable document: ``base``.
    """
    if not cache_path.is_file():
        return base
    import dataclasses

    import orjson
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from cur_desktop.cache.db import create_cache_engine
    from cur_desktop.domain.dictionaries_io import DictionaryError, dictionaries_from_json

    engine = create_cache_engine(cache_path)
    try:
        with engine.connect() as conn:
            raw = conn.execute(
                text("SELECT doc FROM dictionaries WHERE name = 'region'")
            ).scalar_one_or_none()
    except SQLAlchemyError:
        return base
    finally:
        engine.dispose()
    if raw is None:
        return base
    try:
        synced = dictionaries_from_json(orjson.loads(raw))
        return dataclasses.replace(
            base, categories=synced.categories, templates=synced.templates, _by={}
        )
    except (orjson.JSONDecodeError, DictionaryError, ValueError):
        log.warning("the synced dictionaries in %s cannot be used: the pack's serve", cache_path)
        return base
