"""Registrations on real PostgreSQL: one key delivered at once to two service processes
creates one appeal (issue 20: "applied exactly once whatever the network does")."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from cur_desktop.central import schema as s
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.db import read_tx
from cur_desktop.central.scope import User
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Role
from cur_desktop.domain.registration import provisional_number
from cur_desktop.regions import builtin_pack_dir
from tests.support.central import TULA
from tests.support.postgres import temp_database

OPERATOR = User(1, "op1", "Operator One", Role.OPERATOR)
DELIVERIES = 8
TEXT = "Во дворе дома 7 на улице Мира третий день не убирают снег"


@pytest.fixture
def pg_url() -> Iterator[str]:
    with temp_database("cur_reg") as url:
        service = open_service(url, pack=builtin_pack_dir(), migrate=True)
        service.engine.dispose()
        yield url


def _count(service: CentralService) -> tuple[int, int]:
    with read_tx(service.engine) as conn:
        appeals = conn.execute(select(func.count()).where(s.appeals.c.text == TEXT))
        feed = conn.execute(select(func.count()).select_from(s.feed))
        return int(appeals.scalar_one()), int(feed.scalar_one())


@pytest.mark.parametrize("provisional", [True, False], ids=["with-number", "without"])
def test_one_key_delivered_at_once_to_two_processes_creates_one_appeal(
    pg_url: str, provisional: bool
) -> None:
    services = [open_service(pg_url), open_service(pg_url)]
    key = "0d4f7a2e-0000-4000-8000-00000000000" + ("1" if provisional else "2")
    params: dict[str, object] = {"channel": "hotline", "text": TEXT, "municipality": TULA}
    if provisional:
        params["provisional"] = provisional_number(key)
    barrier = threading.Barrier(DELIVERIES)
    outcomes: list[object] = [None] * DELIVERIES

    def deliver(n: int) -> None:
        barrier.wait()
        try:
            outcomes[n] = services[n % 2].register_appeal(OPERATOR, key, params)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - asserted on below
            outcomes[n] = exc

    try:
        threads = [threading.Thread(target=deliver, args=(n,)) for n in range(DELIVERIES)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        errors = [o for o in outcomes if isinstance(o, BaseException)]
        assert not errors, errors
        results = sorted(o.result for o in outcomes)  # type: ignore[attr-defined]
        assert results == ["applied"] + ["duplicate"] * (DELIVERIES - 1)
        assert len({o.appeal.id for o in outcomes}) == 1  # type: ignore[attr-defined]
        assert _count(services[0]) == (1, 1)  # one appeal, one feed position, no hole
    finally:
        for service in services:
            service.engine.dispose()
