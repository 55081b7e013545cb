"""Outbox replay against the real service: exactly once, conflicts, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from cur_desktop.cache import OutboxItem, OutboxState
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Action, Importance, Status
from cur_desktop.domain.lifecycle import Command
from tests.support.central import CentralHandle, central_thread
from tests.sync.sync_support import engine_for, service_user


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=300) as handle:
        yield handle


def _working(central: CentralHandle, n: int, statuses: tuple[Status, ...]) -> list[int]:
    assert central.service is not None
    return central.service.appeal_ids(list(statuses), limit=n)


def _service_history(central: CentralHandle, appeal_id: int) -> list[tuple[str, str, str]]:
    assert central.service is not None
    head = service_user(central, "cur_head")
    return [
        (h.entry.action, h.entry.actor, str(h.entry.details.get("text") or ""))
        for h in central.service.get_appeal(head, appeal_id).history
    ]


def test_outbox_replayed_after_a_restart_applies_each_command_once(
    central: CentralHandle, tmp_path: Path
) -> None:
    cache_path = tmp_path / "c.sqlite"
    login = central.accounts["operator"].login
    assert central.service is not None
    head = service_user(central, "cur_head")
    candidates = _working(central, 50, (Status.NEW, Status.ROUTED, Status.IN_PROGRESS))
    free = [i for i in candidates if not central.service.get_appeal(head, i).appeal.taken_by]
    a, b, c = free[:3]  # nobody holds them: "take" is not refused as taken by another
    with engine_for(central, cache_path) as engine:
        engine.sync_once()
        outbox = engine.cache.outbox
        version_b = engine.cache.appeals.get(b)
        assert version_b is not None
        first = outbox.enqueue(
            a, Command.of(Action.ADD_NOTE, text="до сбоя"), base_version=1, actor=login
        )
        outbox.enqueue(
            b,
            Command.of(Action.SET_IMPORTANCE, importance="high"),
            base_version=version_b.version,
            actor=login,
        )
        outbox.enqueue(c, Command.of(Action.TAKE), base_version=1, actor=login)
    # the previous run had sent the first item and died before recording the answer
    sent = central.client("operator").post(
        f"/appeals/{a}/actions",
        json={
            "key": first.idempotency_key,
            "action": "add_note",
            "params": {"text": "до сбоя"},
            "base_version": 1,
        },
    )
    assert sent.json()["result"] == "applied"
    notes_before = _service_history(central, a).count(("add_note", login, "до сбоя"))

    with engine_for(central, cache_path) as engine:  # the restart
        report = engine.sync_once()
        settled = [(i.state, i.result) for i in engine.cache.outbox.items()]
        assert (report.confirmed, report.conflicts, report.refused) == (3, 0, 0), settled
        results = [i.result for i in engine.cache.outbox.items(OutboxState.CONFIRMED)]
        assert [r["result"] for r in results if r] == ["duplicate", "applied", "applied"]
        assert engine.cache.outbox.size() == 0
        cached_b = engine.cache.appeals.get(b)
        assert cached_b is not None
        assert cached_b.importance is Importance.HIGH
        cached_c = engine.cache.appeals.get(c)
        assert cached_c is not None
        assert cached_c.taken_by == login

    assert notes_before == 1
    assert _service_history(central, a).count(("add_note", login, "до сбоя")) == 1
    assert [h[0] for h in _service_history(central, b)].count("set_importance") == 1
    assert [h[0] for h in _service_history(central, c)].count("take") == 1


def test_a_stale_version_is_handed_over_and_resolved(
    central: CentralHandle, tmp_path: Path
) -> None:
    service = central.service
    assert service is not None
    head = service_user(central, "cur_head")
    login = central.accounts["operator"].login
    candidates = _working(central, 40, (Status.NEW, Status.ROUTED, Status.IN_PROGRESS))
    # nobody holds them: a colleague's hold is refused before any version is compared
    x, y = [i for i in candidates if not service.get_appeal(head, i).appeal.taken_by][-2:]
    conflicts: list[tuple[OutboxItem, Appeal]] = []
    with engine_for(
        central, tmp_path / "c.sqlite", on_conflict=lambda i, cur: conflicts.append((i, cur))
    ) as engine:
        engine.sync_once()
        seen = {i: engine.cache.appeals.get(i) for i in (x, y)}
        for appeal_id, key in ((x, "head-x"), (y, "head-y")):  # someone else was faster
            version = service.get_appeal(head, appeal_id).appeal.version
            service.apply_action(
                head, appeal_id, key, "set_importance", {"importance": "high"}, version
            )
        for appeal_id in (x, y):
            mine = seen[appeal_id]
            assert mine is not None
            engine.cache.outbox.enqueue(
                appeal_id,
                Command.of(Action.SET_IMPORTANCE, importance="private"),
                base_version=mine.version,
                actor=login,
            )

        report = engine.sync_once()
        assert report.conflicts == 2
        assert [i.appeal_id for i, _ in conflicts] == [x, y]
        item, current = conflicts[0]
        mine_x = seen[x]
        assert mine_x is not None
        assert item.state is OutboxState.CONFLICT
        assert item.base_version == mine_x.version  # the operator's version ...
        assert current.version == mine_x.version + 1  # ... and the service's
        assert current.importance is Importance.HIGH
        assert item.result is not None
        assert item.result["current"]["version"] == current.version
        cached = engine.cache.appeals.get(x)
        assert cached is not None
        assert cached.version == current.version

        again = engine.resolve_conflict(item, reapply=True)
        assert again is not None
        assert again.idempotency_key != item.idempotency_key
        assert (again.base_version, again.state) == (current.version, OutboxState.PENDING)
        assert engine.resolve_conflict(item, reapply=True) is None  # decided already
        assert engine.resolve_conflict(conflicts[1][0], reapply=False) is None

        report = engine.sync_once()
        assert report.confirmed == 1
        states = {i.idempotency_key: i.state for i in engine.cache.outbox.items()}
        assert states[item.idempotency_key] is OutboxState.DISCARDED
        assert states[conflicts[1][0].idempotency_key] is OutboxState.DISCARDED
        assert states[again.idempotency_key] is OutboxState.CONFIRMED

    assert service.get_appeal(head, x).appeal.importance is Importance.PRIVATE
    assert service.get_appeal(head, y).appeal.importance is Importance.HIGH  # dropped
    mine_on_x = [h for h in _service_history(central, x) if h[:2] == ("set_importance", login)]
    assert len(mine_on_x) == 1


def test_a_refused_command_is_settled_with_its_reason(
    central: CentralHandle, tmp_path: Path
) -> None:
    (z,) = _working(central, 1, (Status.NEW,))
    login = central.accounts["operator"].login
    with engine_for(central, tmp_path / "c.sqlite") as engine:
        engine.sync_once()
        cached = engine.cache.appeals.get(z)
        assert cached is not None
        engine.cache.outbox.enqueue(
            z, Command.of(Action.CLOSE), base_version=cached.version, actor=login
        )
        report = engine.sync_once()
        assert report.refused == 1
        (item,) = engine.cache.outbox.items(OutboxState.REFUSED)
        assert item.result is not None
        assert item.result["error"] == "wrong_status"
