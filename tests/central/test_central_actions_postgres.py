"""Idempotency keys on real PostgreSQL: concurrent replays from two service processes.

A workstation whose connection died after sending a command re-sends it with the same
key; with several service processes behind a balancer the two deliveries may run at
the same moment in two processes, and a restarted process must still know the key.
Each service here has its own engine (its own connections), as a process would.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from cur_desktop.central import schema as s
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.db import read_tx
from cur_desktop.central.demo import seed_demo
from cur_desktop.central.errors import ServiceError
from cur_desktop.central.scope import User
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Role, Status
from cur_desktop.regions import builtin_pack_dir
from tests.support.clock import GENERATED_AT
from tests.support.postgres import database_name, temp_database

OPERATOR = User(1, "op1", "Operator One", Role.OPERATOR)
HEAD = User(7, "head", "Head", Role.CUR_HEAD)
DELIVERIES = 8  # of one command, spread over two processes


@pytest.fixture(scope="module")
def pg_template() -> Iterator[str]:
    with temp_database("cur_tpl") as url:
        service = open_service(url, pack=builtin_pack_dir(), migrate=True)
        seed_demo(service, 80, seed=5, now=GENERATED_AT)
        service.engine.dispose()
        yield database_name(url)


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    with temp_database(template=pg_template) as url:
        yield url


def _counts(service: CentralService, appeal_id: int) -> tuple[int, int]:
    with read_tx(service.engine) as conn:
        history = conn.execute(
            select(func.count()).where(s.history.c.appeal_id == appeal_id)
        ).scalar_one()
        feed = conn.execute(
            select(func.count()).where(s.feed.c.appeal_id == appeal_id)
        ).scalar_one()
    return int(history), int(feed)


def _deliver_at_once(
    services: list[CentralService],
    appeal_id: int,
    key: str,
    action: str,
    params: dict[str, str],
    base_version: int,
) -> list[object]:
    barrier = threading.Barrier(DELIVERIES)
    outcomes: list[object] = [None] * DELIVERIES

    def deliver(n: int) -> None:
        service = services[n % len(services)]
        barrier.wait()
        try:
            outcomes[n] = service.apply_action(
                OPERATOR, appeal_id, key, action, params, base_version
            )
        except Exception as exc:  # noqa: BLE001 - recorded and asserted on below
            outcomes[n] = exc

    threads = [threading.Thread(target=deliver, args=(n,)) for n in range(DELIVERIES)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


@pytest.mark.parametrize(
    ("action", "params"),
    [("set_importance", {"importance": "high"}), ("add_note", {"text": "перезвонить"})],
)
def test_concurrent_deliveries_of_one_key_from_two_processes_apply_once(
    pg_url: str, action: str, params: dict[str, str]
) -> None:
    services = [open_service(pg_url), open_service(pg_url)]
    try:
        one = services[0]
        ids = one.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS], limit=60)
        free = [i for i in ids if not one.get_appeal(HEAD, i).appeal.taken_by]  # nobody holds
        for round_, appeal_id in enumerate(free[:5]):
            version = one.get_appeal(HEAD, appeal_id).appeal.version
            lines, changes = _counts(one, appeal_id)
            outcomes = _deliver_at_once(
                services, appeal_id, f"key-{action}-{round_}", action, params, version
            )
            errors = [o for o in outcomes if isinstance(o, BaseException)]
            assert not errors, errors
            results = sorted(o.result for o in outcomes)  # type: ignore[attr-defined]
            assert results == ["applied"] + ["duplicate"] * (DELIVERIES - 1)
            assert {o.seq for o in outcomes} == {outcomes[0].seq}  # type: ignore[attr-defined]
            assert _counts(one, appeal_id) == (lines + 1, changes + 1)
            assert one.get_appeal(HEAD, appeal_id).appeal.version == version + 1
    finally:
        for service in services:
            service.engine.dispose()


def test_a_key_survives_a_restart_of_the_service(pg_url: str) -> None:
    first = open_service(pg_url)
    appeal_id = next(  # one nobody holds: a colleague's hold refuses the operator
        i
        for i in first.appeal_ids([Status.NEW, Status.IN_PROGRESS, Status.ROUTED])
        if not first.get_appeal(HEAD, i).appeal.taken_by
    )
    version = first.get_appeal(HEAD, appeal_id).appeal.version
    applied = first.apply_action(
        OPERATOR, appeal_id, "restart-key", "set_importance", {"importance": "high"}, version
    )
    first.engine.dispose()

    restarted = open_service(pg_url)
    try:
        again = restarted.apply_action(
            OPERATOR, appeal_id, "restart-key", "set_importance", {"importance": "high"}, version
        )
        assert (again.result, again.seq) == ("duplicate", applied.seq)
        with pytest.raises(ServiceError) as other:
            restarted.apply_action(
                OPERATOR, appeal_id, "restart-key", "add_note", {"text": "x"}, version
            )
        assert other.value.code == "bad_request"
    finally:
        restarted.engine.dispose()
