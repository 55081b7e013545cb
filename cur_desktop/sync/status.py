"""What the sync engine tells the rest of the program: progress, link status, reports.

Small frozen values, safe to hand to another thread (the GUI's status bar reads
:class:`SyncStatus`; a progress dialog reads :class:`Progress`). The keys the engine
keeps in the cache's ``sync_state`` table are named here too, so the cache's
``info`` command and the tests read the same names.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

# --- sync_state keys -----------------------------------------------------------------
SERVER = "sync.server"
IDENTITY = "sync.identity"  # JSON: login, role, scope of the account the cache follows
CURSOR = "sync.cursor"  # feed position everything in the cache is current to
FEED_MARK = "sync.feed_mark"  # the service's mark of CURSOR (restore detection)
LAST_SUCCESS = "sync.last_success"  # epoch: the cache was last at the service's head
BACKFILL = "sync.backfill"  # JSON ids whose whole history is still to be fetched
SNAP_ID = "sync.snapshot.id"
SNAP_LAST_ID = "sync.snapshot.last_id"  # pages up to this appeal id are committed
SNAP_CURSOR = "sync.snapshot.cursor"  # feed position to continue from once pages end
SNAP_MODE = "sync.snapshot.mode"  # "bulk" (empty cache) or "replace"
SNAP_COUNT = "sync.snapshot.count"
SNAP_DONE = "sync.snapshot.done"
SNAPSHOT_KEYS = (SNAP_ID, SNAP_LAST_ID, SNAP_CURSOR, SNAP_MODE, SNAP_COUNT, SNAP_DONE)


class Phase(StrEnum):
    CONNECT = "connect"
    REGION = "region"
    SNAPSHOT = "snapshot"
    CHANGES = "changes"
    OUTBOX = "outbox"
    LIVE = "live"
    FETCH = "fetch"
    PRUNE = "prune"


class Link(StrEnum):
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"  # the service cannot be reached: retrying with backoff
    UNAUTHORIZED = "unauthorized"  # the token was refused: the operator must log in
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class Progress:
    """``done`` of ``total`` (None: unknown) in ``phase``."""

    phase: Phase
    done: int
    total: int | None = None


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """The status bar's facts."""

    link: Link
    last_success: float | None  # epoch of the last time the cache reached the head
    error: str | None = None  # code of the last failure while not online
    retry_in: float | None = None  # seconds until the next attempt when offline
    outbox_pending: int = 0
    #: epoch of the moment the cache was taken afresh because the service's feed had
    #: changed under it (its database restored from a backup or replaced); None: never
    resynced_at: float | None = None


@dataclass(slots=True)
class SyncReport:
    """Totals of one sync run (the CLI's summary)."""

    snapshot: bool = False
    appeals: int = 0  # rows inserted or replaced
    removed: int = 0
    history: int = 0
    confirmed: int = 0
    conflicts: int = 0
    refused: int = 0
    cursor: int = 0
    duration: float = 0.0
    cancelled: bool = False
    resynced: bool = False  # the service's feed had changed: a new snapshot was taken


class Cancelled(Exception):  # noqa: N818 - an outcome the caller asked for
    """The cancel event was set; the cache is consistent at the last committed page."""


class Backoff:
    """Exponential delays with jitter: base·2ⁿ capped, each drawn from [d/2, d].

    The jitter keeps a hall of workstations that lost the service together from
    coming back at the same instant.
    """

    def __init__(self, base: float = 1.0, cap: float = 60.0, rng: random.Random | None = None):
        self.base = base
        self.cap = cap
        self.failures = 0
        self._rng = rng or random.Random()

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * 2 ** min(self.failures, 30))
        self.failures += 1
        return self._rng.uniform(ceiling / 2, ceiling)

    def reset(self) -> None:
        self.failures = 0
