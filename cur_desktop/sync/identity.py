"""Which account a cache follows, and the region's documents it keeps.

A cache holds what one account on one service may see. Another login, role or
scope sees other appeals (a wall must never keep the personal data an operator's
sync stored), so when the account behind the token is not the one recorded in
``sync_state``, the appeals and their history are wiped and a new snapshot is
taken; the outbox stays, its items carry their actor. A cache that holds appeals
but no identity (demo data, an older program) is wiped the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import orjson

from cur_desktop.cache import Cache
from cur_desktop.sync import status as st
from cur_desktop.sync.writer import CacheWriter

log = logging.getLogger(__name__)

#: ``GET /region`` keys and the names they are saved under in the cache.
REGION_DOCUMENTS = (
    ("dictionaries", "region"),
    ("pack", "pack"),
    ("sla_rules", "sla_rules"),
    ("people", "people"),  # {"names": {login: name}}: staff shown by name, not login
    ("methodology", "methodology"),  # ratings, targets, report sections (cur_desktop.desk)
)


def identity_of(user: Mapping[str, Any], server: str) -> str:
    scope = user.get("scope") or {}
    return orjson.dumps(
        {
            "server": server,
            "login": user.get("login"),
            "role": user.get("role"),
            "municipalities": sorted(scope.get("municipalities") or []),
            "themes": sorted(scope.get("themes") or []),
        }
    ).decode()


def adopt_identity(cache: Cache, writer: CacheWriter, user: Mapping[str, Any], server: str) -> bool:
    """Make the cache follow ``user`` on ``server``; True if it had to start afresh."""
    identity = identity_of(user, server)
    stored = cache.get_state(st.IDENTITY)
    if stored == identity:
        return False
    wipe = stored is not None or cache.appeals.max_id() != 0
    if wipe:
        log.warning("the cache followed another account or service: starting afresh")
    reset: dict[str, str | None] = dict.fromkeys((st.CURSOR, st.BACKFILL, *st.SNAPSHOT_KEYS))
    reset.update({st.IDENTITY: identity, st.SERVER: server})
    # one transaction: a crash must not leave the old cursor over an emptied cache
    writer.reset(reset, wipe=wipe)
    return True


def save_region(cache: Cache, region: Mapping[str, Any]) -> None:
    """The region's dictionaries (what screens name codes with), pack and SLA rules."""
    for key, name in REGION_DOCUMENTS:
        doc = region.get(key)
        if isinstance(doc, dict):
            cache.save_dictionaries(doc, name)
    from cur_desktop.sync.region_docs import remember

    remember(cache, region)  # the dictionaries version they are (issue 17)
