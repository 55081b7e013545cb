"""The central service as plain Python: one object the HTTP layer, the CLI and tests call.

:class:`CentralService` holds the engine, the region and a clock, and tells the
:class:`~cur_desktop.central.notify.FeedHub` after every commit so that live
streams learn about it. Each method is one transaction and raises
:class:`~cur_desktop.central.errors.ServiceError` for refusals; nothing here knows
about HTTP. Thread-safe: methods may be called from many threads at once.

Writers besides operators (importers, demo seeding, the demo activity generator,
integrations) use :meth:`import_appeals`, :meth:`store_generated`,
:meth:`create_appeal` and :meth:`update_appeal`; every write recomputes the
deadline and takes feed positions through :mod:`cur_desktop.central.writes`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete, select

from cur_desktop.central import actions, auth, feed, imports, reads
from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx, write_tx
from cur_desktop.central.errors import ServiceError, bad_request, not_found
from cur_desktop.central.notify import FeedHub
from cur_desktop.central.region import Region
from cur_desktop.central.remask import remask_stale
from cur_desktop.central.scope import User
from cur_desktop.central.suggest import SuggestHolder
from cur_desktop.central.writes import Write, Written, allocate_ids, commit_writes, keep_ids_above
from cur_desktop.clock import Clock, system_clock
from cur_desktop.domain.appeal import Appeal, HistoryEntry, JsonScalar, evolve
from cur_desktop.domain.enums import Status
from cur_desktop.domain.lifecycle import creation_entry
from cur_desktop.protocol.columns import columns_to_appeal

if TYPE_CHECKING:
    from cur_desktop.central.importers.records import ImportedAppeal

log = logging.getLogger(__name__)

KEY_RETENTION_S = 30 * 86400
#: Housekeeping re-masks stale texts for at most this long a round (central.remask).
REMASK_BUDGET_S = 60.0
#: Fields an integration may not set through :meth:`CentralService.update_appeal`.
_NOT_UPDATABLE = frozenset({"id", "version", "source", "external_id", "status", "due_at"})


class CentralService:
    def __init__(
        self,
        engine: Engine,
        region: Region,
        *,
        hub: FeedHub | None = None,
        clock: Clock = system_clock,
    ) -> None:
        self.engine = engine
        self.region = region
        self.hub = hub or FeedHub()
        self.clock = clock
        # login limits and hashing slots, and who hears of revoked tokens (central/auth.py)
        self.login_guard = auth.LoginGuard(clock)
        self.revocations = auth.Revocations()
        self.hub.publish(self.head())
        # the suggestion model in force (cur_desktop.central.suggest): the newest stored one
        self.suggestions = SuggestHolder(engine, region, clock, publish=self._committed)
        self.suggestions.load_latest()

    def _committed(self, seq: int | None) -> None:
        if seq is not None:
            self.hub.publish(seq)

    # --- auth -----------------------------------------------------------------------------

    def login(
        self, login: str, password: str, workstation: str, address: str = ""
    ) -> tuple[str, User]:
        return auth.issue_token(
            self.engine,
            login,
            password,
            workstation,
            clock=self.clock,
            guard=self.login_guard,
            address=address,
        )

    async def login_async(
        self, login: str, password: str, workstation: str, address: str
    ) -> tuple[str, User]:
        """:meth:`login` from the event loop: waiting costs no worker thread."""
        return await auth.issue_token_async(
            self.engine,
            login,
            password,
            workstation,
            clock=self.clock,
            guard=self.login_guard,
            address=address,
        )

    @property
    def max_token_age_days(self) -> float:
        return auth.max_token_age_days(self.region.pack_doc)

    def authenticate(self, token: str) -> tuple[User, int]:
        """The user behind a bearer token, and the token's id."""
        return auth.user_for_token(
            self.engine, token, clock=self.clock, max_age_days=self.max_token_age_days
        )

    def token_alive(self, token_id: int) -> bool:
        return auth.token_alive(
            self.engine, token_id, clock=self.clock, max_age_days=self.max_token_age_days
        )

    def revoke_token(self, token_id: int) -> bool:
        revoked = auth.revoke_token(self.engine, token_id, clock=self.clock)
        if revoked:
            self.revocations.revoked(frozenset({token_id}))
        return revoked

    # --- reads ----------------------------------------------------------------------------

    def head(self) -> int:
        with read_tx(self.engine) as conn:
            return feed.head(conn)

    def changes(self, user: User, after: int, limit: int = reads.MAX_CHANGES) -> reads.ChangesPage:
        return reads.changes(self.engine, user, after, limit)

    def start_snapshot(self, user: User, closed_window_days: float = 90) -> reads.SnapshotInfo:
        return reads.start_snapshot(self.engine, user, closed_window_days, clock=self.clock)

    def snapshot_page(
        self, user: User, snapshot: str, after_id: int = 0, limit: int = reads.MAX_PAGE
    ) -> reads.Page:
        return reads.snapshot_page(self.engine, user, snapshot, after_id, limit, clock=self.clock)

    def snapshot_page_wire(
        self, user: User, snapshot: str, after_id: int = 0, limit: int = reads.MAX_PAGE
    ) -> dict[str, Any]:
        """:meth:`snapshot_page` as its JSON object, rendered straight from the rows."""
        return reads.snapshot_page_wire(
            self.engine, user, snapshot, after_id, limit, clock=self.clock
        )

    def get_appeal(self, user: User, appeal_id: int) -> reads.Item:
        return reads.get_appeal(self.engine, user, appeal_id)

    def closed_appeals(
        self, user: User, closed_before: float, after_id: int = 0, limit: int = 1000
    ) -> reads.Page:
        return reads.closed_appeals(self.engine, user, closed_before, after_id, limit)

    # --- operator commands ----------------------------------------------------------------

    def apply_action(
        self,
        user: User,
        appeal_id: int,
        key: str,
        action: str,
        params: Mapping[str, JsonScalar],
        base_version: int | None,
    ) -> actions.ActionOutcome:
        outcome = actions.apply_action(
            self.engine, self.region, self.clock, user, appeal_id, key, action, params, base_version
        )
        if outcome.result == "applied":
            self._committed(outcome.seq)
        return outcome

    def register_appeal(
        self, user: User, key: str, params: Mapping[str, JsonScalar]
    ) -> actions.ActionOutcome:
        """An appeal registered by hand at a console (``POST /appeals``), exactly once per key."""
        from cur_desktop.central.registration import register

        outcome = register(self.engine, self.region, self.clock, user, key, params)
        if outcome.result == "applied":
            self._committed(outcome.seq)
        return outcome

    # --- other writers --------------------------------------------------------------------

    def create_appeal(
        self, draft: Appeal, *, actor: User, history: Sequence[HistoryEntry] = ()
    ) -> Written:
        """Store a new appeal; an id of 0 gets a fresh one. History defaults to a creation line."""
        now = self.clock()
        with write_tx(self.engine) as conn:
            appeal = draft
            if appeal.id <= 0:
                (new_id,) = allocate_ids(conn, 1)
                appeal = evolve(draft, {"id": new_id})
            else:
                keep_ids_above(conn, appeal.id)
            appeal = evolve(appeal, {"version": 1, "updated_at": appeal.updated_at or now})
            lines = tuple(evolve_history(h, appeal.id) for h in history) or (
                creation_entry(appeal, actor.login, actor.role),
            )
            (written,) = commit_writes(
                conn, [Write(None, appeal, lines, "create")], self.region, now
            )
        self._committed(written.seq)
        return written

    def update_appeal(
        self,
        appeal_id: int,
        changes: Mapping[str, Any],
        *,
        actor: User,
        base_version: int | None = None,
    ) -> Written:
        """Change fields outside the lifecycle (an integration correcting text, address…)."""
        refused = set(changes) & _NOT_UPDATABLE
        if refused:
            raise bad_request(f"fields {sorted(refused)} change only through the lifecycle")
        unknown = set(changes) - set(Appeal.__dataclass_fields__)
        if unknown:
            raise bad_request(f"appeals have no fields {sorted(unknown)}")
        now = self.clock()
        with write_tx(self.engine) as conn:
            query = select(s.appeals).where(s.appeals.c.id == appeal_id)
            if conn.dialect.name == "postgresql":
                query = query.with_for_update()
            row = conn.execute(query).mappings().first()
            if row is None:
                raise not_found()
            before = columns_to_appeal(row)
            if base_version is not None and base_version != before.version:
                raise ServiceError("stale_version", 409)
            after = evolve(before, {**changes, "version": before.version + 1, "updated_at": now})
            entry = HistoryEntry(
                appeal_id=appeal_id,
                at=now,
                actor=actor.login,
                role=actor.role.value,
                action="update",
                from_status=before.status,
                to_status=after.status,
                details={"changed": ",".join(sorted(changes))},
            )
            (written,) = commit_writes(
                conn, [Write(before, after, (entry,), "update")], self.region, now
            )
        self._committed(written.seq)
        return written

    def delete_appeal(self, appeal_id: int, *, actor: User) -> int:
        """Remove an appeal (a duplicate loaded by mistake); every workstation drops it."""
        now = self.clock()
        with write_tx(self.engine) as conn:
            row = (
                conn.execute(select(s.appeals).where(s.appeals.c.id == appeal_id))
                .mappings()
                .first()
            )
            if row is None:
                raise not_found()
            gone = columns_to_appeal(row)
            conn.execute(delete(s.appeals).where(s.appeals.c.id == appeal_id))
            entry = feed.FeedEntry(
                appeal_id,
                gone.version + 1,
                "delete",
                gone.municipality,
                gone.theme,
                gone.municipality,
                gone.theme,
            )
            (seq,) = feed.append(conn, [entry], now.timestamp())
        log.info("appeal %d deleted by %s", appeal_id, actor.login)
        self._committed(seq)
        return seq

    def store_generated(
        self, items: Iterable[tuple[Appeal, Sequence[HistoryEntry]]], *, batch: int = 5000
    ) -> int:
        """Bulk-store appeals that carry their own ids and history (demo data, migrations)."""
        count = 0
        buffer: list[Write] = []

        def flush() -> None:
            now = self.clock()
            with write_tx(self.engine) as conn:
                keep_ids_above(conn, max(w.after.id for w in buffer))
                written = commit_writes(conn, buffer, self.region, now)
            self._committed(written[-1].seq)
            buffer.clear()

        for appeal, history in items:
            buffer.append(Write(None, appeal, tuple(history), "create"))
            count += 1
            if len(buffer) >= batch:
                flush()
        if buffer:
            flush()
        return count

    def import_appeals(
        self, records: Iterable[ImportedAppeal], *, actor: str
    ) -> imports.ImportSummary:
        """Create or update appeals from importer records, in one transaction."""
        summary = imports.import_appeals(
            self.engine, self.region, self.clock(), records, actor=actor
        )
        log.info(
            "import by %s: %d created, %d updated, %d unchanged",
            actor,
            summary.created,
            summary.updated,
            summary.unchanged,
        )
        self._committed(summary.head)
        return summary

    # --- housekeeping ---------------------------------------------------------------------

    def purge_expired(self) -> None:
        """Drop expired snapshots and idempotency keys older than 30 days; retrain suggestions
        when their model is due (:meth:`SuggestHolder.retrain_if_due`)."""
        reads.purge_snapshots(self.engine, clock=self.clock)
        with write_tx(self.engine) as conn:
            conn.execute(
                delete(s.idempotency_keys).where(
                    s.idempotency_keys.c.created_at < self.clock().timestamp() - KEY_RETENTION_S
                )
            )
        self.suggestions.retrain_if_due()
        # texts masked by an older masker (or before the columns existed), a slice a round
        remask_stale(self.engine, budget_s=REMASK_BUDGET_S)

    def appeal_ids(self, statuses: Iterable[Status], limit: int = 5000) -> list[int]:
        """Ids of appeals in ``statuses``, newest first (the demo activity works on these)."""
        a = s.appeals.c
        wanted = [st.value for st in statuses]
        with read_tx(self.engine) as conn:
            rows = conn.execute(
                select(a.id).where(a.status.in_(wanted)).order_by(a.id.desc()).limit(limit)
            )
            return [int(r[0]) for r in rows]


def evolve_history(entry: HistoryEntry, appeal_id: int) -> HistoryEntry:
    if entry.appeal_id == appeal_id:
        return entry
    return HistoryEntry(
        appeal_id,
        entry.at,
        entry.actor,
        entry.role,
        entry.action,
        entry.from_status,
        entry.to_status,
        entry.details,
    )
