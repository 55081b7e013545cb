"""First sync and the feed against the real service: the cache ends as an exact copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from cur_desktop.central import schema as central_schema
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Status
from cur_desktop.sync import Phase, Progress
from tests.support.central import CentralHandle, central_thread
from tests.sync.sync_support import cache_checksum, central_checksum, engine_for, service_user

APPEALS = 500


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=APPEALS) as handle:
        yield handle


def test_snapshot_then_feed_reproduce_the_service_exactly(
    central: CentralHandle, tmp_path: Path
) -> None:
    service = central.service
    assert service is not None
    head = service_user(central, "cur_head")
    operator = service_user(central, "operator")
    with engine_for(central, tmp_path / "c.sqlite", snapshot_page_size=120) as engine:
        first = engine.sync_once()
        assert first.snapshot
        assert cache_checksum(engine.cache) == central_checksum(central, operator)

        # behind the workstation's back: a lifecycle action, an integration's edit,
        # a deletion and a new appeal
        open_ids = service.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS], limit=3)
        target = service.get_appeal(head, open_ids[0]).appeal
        service.apply_action(
            head, target.id, "k-imp", "set_importance", {"importance": "high"}, target.version
        )
        service.update_appeal(open_ids[1], {"title": "Исправлено интеграцией"}, actor=head)
        service.delete_appeal(open_ids[2], actor=head)
        template = service.get_appeal(head, open_ids[0]).appeal
        draft = Appeal(
            id=0,
            source=template.source,
            external_id="new-one",
            kind=template.kind,
            created_at=template.created_at,
            text="Новое обращение",
            municipality=template.municipality,
        )
        created = service.create_appeal(draft, actor=head)

        second = engine.sync_once()
        assert not second.snapshot
        assert second.removed == 1
        assert engine.cache.appeals.get(open_ids[2]) is None
        assert engine.cache.appeals.get(created.appeal.id) is not None
        assert cache_checksum(engine.cache) == central_checksum(central, operator)
        assert engine.cache.get_state("sync.cursor") == str(service.head())


def test_changes_during_the_snapshot_arrive_once(central: CentralHandle, tmp_path: Path) -> None:
    """Appeals changed while pages are read (before and after their page) end current,
    and no history entry is stored twice."""
    service = central.service
    assert service is not None
    head = service_user(central, "cur_head")
    operator = service_user(central, "operator")
    working = service.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS], limit=5000)
    early, late = min(working), max(working)
    pages: list[int] = []

    def meddle(progress: Progress) -> None:
        if progress.phase is Phase.SNAPSHOT:
            pages.append(progress.done)
            if len(pages) == 1:  # `early` is stored already, `late` not yet
                for n, appeal_id in enumerate((early, late)):
                    service.apply_action(
                        head, appeal_id, f"note-{appeal_id}-{n}", "add_note", {"text": "x"}, None
                    )

    with engine_for(
        central, tmp_path / "c.sqlite", snapshot_page_size=100, on_progress=meddle
    ) as engine:
        report = engine.sync_once()
        assert len(pages) >= 3
        assert report.snapshot
        assert cache_checksum(engine.cache) == central_checksum(central, operator)
        late_notes = [h for h in engine.cache.appeals.history(late) if h.action == "add_note"]
        assert len(late_notes) == len(
            [h for h in service.get_appeal(head, late).history if h.entry.action == "add_note"]
        )


def test_an_expired_snapshot_continues_with_a_new_one(
    central: CentralHandle, tmp_path: Path
) -> None:
    service = central.service
    assert service is not None
    operator = service_user(central, "operator")
    head = service_user(central, "cur_head")
    expired: list[str] = []

    def expire(progress: Progress) -> None:
        if progress.phase is Phase.SNAPSHOT and not expired:
            snap = engine.cache.get_state("sync.snapshot.id")
            assert snap is not None
            expired.append(snap)
            with service.engine.begin() as conn:
                conn.execute(
                    update(central_schema.snapshots)
                    .where(central_schema.snapshots.c.id == snap)
                    .values(expires_at=0.0)
                )
            # and a change after the first snapshot's cursor, in a page already stored
            first_id = min(service.appeal_ids([Status.NEW, Status.ROUTED], limit=5000))
            service.apply_action(head, first_id, "exp-note", "add_note", {"text": "y"}, None)

    with engine_for(
        central, tmp_path / "c.sqlite", snapshot_page_size=150, on_progress=expire
    ) as engine:
        engine.sync_once()
        assert expired
        assert cache_checksum(engine.cache) == central_checksum(central, operator)
