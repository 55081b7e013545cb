"""The cache window: what the snapshot keeps, what prune drops, what comes back on demand."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from cur_desktop.cache import OutboxState, QueueFilter
from cur_desktop.cache import schema as cs
from cur_desktop.central import schema as central_schema
from cur_desktop.domain.enums import Action
from cur_desktop.domain.lifecycle import Command
from tests.support.central import CentralHandle, central_thread
from tests.support.clock import now as clock_now
from tests.sync.sync_support import engine_for, service_user


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=300) as handle:
        yield handle


def _central_counts(central: CentralHandle) -> tuple[int, int]:
    assert central.service is not None
    a = central_schema.appeals.c
    with central.service.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(central_schema.appeals)).scalar_one()
        open_ = conn.execute(select(func.count()).where(a.is_open.is_(True))).scalar_one()
    return int(total), int(open_)


def test_a_zero_day_window_caches_only_open_appeals(central: CentralHandle, tmp_path: Path) -> None:
    total, open_ = _central_counts(central)
    assert 0 < open_ < total
    with engine_for(central, tmp_path / "c.sqlite", closed_window_days=0) as engine:
        engine.sync_once()
        assert engine.cache.appeals.count(QueueFilter(open_only=False)) == open_
        assert engine.cache.appeals.count(QueueFilter(open_only=True)) == open_


def test_prune_keeps_open_appeals_and_the_outbox_and_fetch_brings_one_back(
    central: CentralHandle, tmp_path: Path
) -> None:
    total, open_ = _central_counts(central)
    login = central.accounts["operator"].login
    with engine_for(central, tmp_path / "c.sqlite", closed_window_days=3650) as engine:
        engine.sync_once()
        assert engine.cache.appeals.count(QueueFilter(open_only=False)) == total
        with engine.cache.engine.connect() as conn:
            closed = [
                int(i)
                for i in conn.execute(
                    select(cs.appeals.c.id)
                    .where(cs.appeals.c.is_open == 0)
                    .order_by(cs.appeals.c.id)
                ).scalars()
            ]
        waiting, done = closed[0], closed[1]
        note = Command.of(Action.ADD_NOTE, text="для архива")
        engine.cache.outbox.enqueue(waiting, note, base_version=1, actor=login)
        sent = engine.cache.outbox.enqueue(done, note, base_version=1, actor=login)
        engine.cache.outbox.settle(sent.idempotency_key, OutboxState.REFUSED, {"error": "x"})
        outbox_before = engine.cache.outbox.items()

        engine.closed_window_days = 90
        pruned = engine.prune(
            now=clock_now().timestamp() + 3 * 365 * 86400
        )  # everything closed is old

        assert pruned == len(closed) - 1  # all but the one an unsent action waits on
        assert engine.cache.appeals.count(QueueFilter(open_only=True)) == open_
        assert engine.cache.appeals.get(waiting) is not None
        assert engine.cache.appeals.get(done) is None
        assert engine.cache.appeals.history(done) == []
        assert engine.cache.outbox.items() == outbox_before

        fetched = engine.fetch_on_demand(done)
        assert fetched is not None
        assert engine.cache.appeals.get(done) == fetched
        assert central.service is not None
        on_service = central.service.get_appeal(service_user(central, "operator"), done)
        assert len(engine.cache.appeals.history(done)) == len(on_service.history)
        assert engine.fetch_on_demand(10**9) is None
