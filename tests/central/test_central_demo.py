"""The demo: ``cur-central demo`` as a real process, its accounts, and the live generator."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx
from cur_desktop.central.demo_activity import DemoActivity
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Role, Status
from tests.support.central import central_process
from tests.support.clock import wait_until
from tests.support.people import SEEDED, People


def test_the_live_generator_adds_and_progresses_appeals(
    central_service: CentralService, people: People
) -> None:
    live = DemoActivity(central_service, seed=4)
    start = central_service.head()
    new = [live.add_appeal() for _ in range(3)]
    for appeal in new:
        assert appeal.id > SEEDED
        assert appeal.status is Status.NEW
        assert appeal.due_at is not None
        assert appeal.created_at <= central_service.clock()
    applied = sum(live.step() for _ in range(40))
    assert applied >= 10
    page = central_service.changes(people.operator, start)
    assert len(page.changes) == 3 + applied
    with read_tx(central_service.engine) as conn:
        actors = {
            r[0] for r in conn.execute(select(s.history.c.actor).where(s.history.c.seq > start))
        }
    assert actors >= {"demo-integration", "demo-bot"}
    with read_tx(central_service.engine) as conn:
        seqs = [r[0] for r in conn.execute(select(s.feed.c.seq).order_by(s.feed.c.seq))]
    assert seqs == list(range(1, central_service.head() + 1))


def test_the_live_generator_moves_a_held_appeal_as_its_holder(
    central_service: CentralService, people: People
) -> None:
    """The service refuses a colleague's step on a held appeal: the demo acts as the holder."""
    live = DemoActivity(central_service, seed=7)
    held = [
        a
        for a in (
            central_service.get_appeal(people.head, i).appeal
            for i in central_service.appeal_ids((Status.IN_PROGRESS,), limit=400)
        )
        if a.taken_by and a.taken_by != "demo-bot"
    ]
    assert held, "the generated data hold appeals in work"
    appeal = held[0]
    for _ in range(60):  # a step may close an answered appeal elsewhere instead
        live._open = [appeal.id]
        live.step()
        now = central_service.get_appeal(people.head, appeal.id).appeal
        if now.version != appeal.version:
            break
    assert now.version > appeal.version, "the held appeal never moved"
    with read_tx(central_service.engine) as conn:
        actor = conn.execute(
            select(s.history.c.actor)
            .where(s.history.c.appeal_id == appeal.id)
            .order_by(s.history.c.seq.desc())
            .limit(1)
        ).scalar_one()
    assert actor == appeal.taken_by


def test_the_live_generator_runs_in_its_thread_until_stopped(
    central_service: CentralService,
) -> None:
    live = DemoActivity(central_service, seed=5, new_every=(0.05, 0.1), act_every=(0.02, 0.05))
    start = central_service.head()
    live.start()
    wait_until(lambda: live.created >= 3 and live.steps >= 3, what="three of each in its thread")
    live.stop()
    # stopped means stopped: its thread has ended, and every change on the feed is one
    # it counted (a write after stop() returned would be on the feed and not counted)
    assert not live.running
    assert central_service.head() - start == live.created + live.steps


def test_demo_process_serves_generated_data_to_every_account(tmp_path: Path) -> None:
    with central_process(tmp_path, appeals=120) as central:
        assert set(central.accounts) == {
            "operator",
            "municipal_operator",
            "theme_head",
            "wall",
            "cur_head",
        }
        op = central.client("operator")
        me = op.get("/me").json()
        assert me["demo"] is True
        assert op.get("/region").json()["pack"]["name"] == "Тульская область (демо)"
        assert op.post("/snapshot", json={"closed_window_days": 3650}).json()["count"] == 120
        mcu = central.client("municipal_operator")
        oktmo = central.accounts["municipal_operator"].scope["municipalities"][0]
        snap = mcu.post("/snapshot", json={"closed_window_days": 3650}).json()
        page = mcu.get(f"/snapshot/{snap['snapshot']}/pages").json()
        assert 0 < len(page["items"]) < 120
        assert {i["appeal"]["municipality"] for i in page["items"]} == {oktmo}
        assert central.accounts["wall"].role == Role.WALL.value


@pytest.mark.slow
def test_demo_is_live_and_keeps_its_data_across_restarts(tmp_path: Path) -> None:
    with central_process(tmp_path, appeals=60, live=True) as central:
        op = central.client("operator")
        first = op.get("/changes", params={"after": 0}).json()["head"]
        wait_until(
            lambda: op.get("/changes", params={"after": 0}).json()["head"] != first,
            timeout=15,
            every=0.3,
            what="the demo activity writes",
        )
        old_password = central.accounts["operator"].password
    with central_process(tmp_path, appeals=60) as again:
        op = again.client("operator")
        assert op.post("/snapshot", json={}).json()["count"] >= 60  # not generated anew
        head = op.get("/changes", params={"after": 0}).json()["head"]
        assert head > first
        refused = httpx.post(
            f"{again.api}/auth/token",
            json={"login": "demo-operator", "password": old_password, "workstation": "w"},
        )
        assert refused.status_code == 401  # passwords are new at every start
