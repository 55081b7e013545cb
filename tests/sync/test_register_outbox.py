"""Registrations through the outbox (issue 20): stored first with a provisional number,
confirmed with the real one, applied exactly once on the service — even when the
workstation is killed after the service applied it and before it heard the answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cur_desktop.cache import Cache, OutboxState
from cur_desktop.cache.registrations import Registrations
from cur_desktop.central import schema as central_schema
from cur_desktop.domain.appeal import Author
from cur_desktop.domain.enums import Source
from cur_desktop.domain.registration import Channel, Registration, is_provisional, number_key
from tests.support.central import TULA, CentralHandle, central_thread
from tests.support.clock import wait_until
from tests.sync.sync_support import REPO, engine_for

TEXT = "Во дворе дома 12 на улице Мира не горят фонари уже неделю"


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=60) as handle:
        yield handle


def call(text: str = TEXT) -> Registration:
    return Registration(
        channel=Channel.HOTLINE,
        text=text,
        address="г. Тула, ул. Мира, д. 12",
        municipality=TULA,
        author=Author(name="Ольга Иванова", phone="+7 910 555-01-02"),
    )


def synced_workstation(central: CentralHandle, tmp_path: Path) -> tuple[Path, str]:
    """A cache synced once as the operator (yesterday's work), and the operator's login."""
    cache_path = tmp_path / "c.sqlite"
    with engine_for(central, cache_path) as engine:
        engine.sync_once()
    return cache_path, central.accounts["operator"].login


def on_service(central: CentralHandle, text: str) -> list[int]:
    """Ids of the service's appeals with this text (a registration applied twice shows twice)."""
    a = central_schema.appeals
    assert central.service is not None
    with central.service.engine.connect() as conn:
        return [int(r[0]) for r in conn.execute(select(a.c.id).where(a.c.text == text))]


def test_stored_offline_with_a_provisional_number_then_confirmed_with_the_real_one(
    central: CentralHandle, tmp_path: Path
) -> None:
    cache_path, login = synced_workstation(central, tmp_path)
    text = TEXT + " (первый звонок)"
    # offline: nothing but the cache file
    with Cache.open(cache_path) as cache:
        stored = Registrations(cache.engine, clock=cache.clock).store(call(text), actor=login)
        assert is_provisional(stored.number)
        provisional = cache.appeals.get(stored.provisional_id)
        assert provisional is not None  # in the queue at once
        assert provisional.external_id == stored.number
        assert provisional.source is Source.HOTLINE
        assert cache.outbox.size() == 1
    assert on_service(central, text) == []
    with engine_for(central, cache_path) as engine:
        report = engine.sync_once()
        assert report.confirmed == 1
        cache = engine.cache
        assert cache.outbox.size() == 0
        assert cache.appeals.get(stored.provisional_id) is None  # the real row took its place
        (real_id,) = on_service(central, text)
        real = cache.appeals.get(real_id)
        assert real is not None
        assert real.text == text
        assert real.external_id == number_key(stored.number)  # the number told first
        registrations = Registrations(cache.engine)
        by_provisional = registrations.find(stored.number.lower().replace("-", " "))
        by_real = registrations.find(str(real_id))
        assert by_provisional is not None
        assert by_real is not None
        assert by_provisional.current_id == by_real.current_id == real_id
        assert by_provisional.number == str(real_id)


_CHILD = r"""
import sys, time
from pathlib import Path
from cur_desktop.cache import Cache
from cur_desktop.cache.registrations import Registrations
from cur_desktop.domain.appeal import Author
from cur_desktop.domain.registration import Channel, Registration
from cur_desktop.sync import CentralClient, SyncEngine

cache_path, url, token, login, text, answered = sys.argv[1:7]
cache = Cache.open(cache_path)
stored = Registrations(cache.engine, clock=cache.clock).store(
    Registration(Channel.HOTLINE, text, address="г. Тула, ул. Мира, д. 12",
                 municipality="70701000", author=Author(name="Ольга Иванова")),
    actor=login,
)
print(stored.key, stored.provisional_id, stored.number, flush=True)
client = CentralClient(url)
client.token = token
send = client.register


def register(**kwargs):
    answer = send(**kwargs)  # the service has applied it...
    Path(answered).write_text(answer["result"])
    # ...and the console dies before it records the verdict: the test kills it here
    # (not a timed wait: the parent waits for the file, then sends SIGKILL)
    time.sleep(600)
    return answer


client.register = register
SyncEngine(cache, client).sync_once()
"""


def test_killed_between_storing_and_confirming_it_is_applied_exactly_once(
    central: CentralHandle, tmp_path: Path
) -> None:
    cache_path, login = synced_workstation(central, tmp_path)
    text = TEXT + " (звонок, консоль упала)"
    answered = tmp_path / "answered"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _CHILD,
            str(cache_path),
            central.url,
            central.login("operator"),
            login,
            text,
            str(answered),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    try:
        assert child.stdout is not None
        key, provisional_id, number = child.stdout.readline().decode().split()
        wait_until(
            lambda: answered.exists() or child.poll() is not None,
            timeout=60,
            what="the service answered the child's registration",
        )
        assert answered.exists(), child.stderr.read().decode() if child.stderr else ""
        assert answered.read_text() == "applied"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        for pipe in (child.stdout, child.stderr):
            if pipe is not None:
                pipe.close()
    assert child.returncode == -signal.SIGKILL
    (real_id,) = on_service(central, text)  # applied once, and the console never heard it

    with Cache.open(cache_path) as cache:
        (item,) = cache.outbox.items()
        assert item.idempotency_key == key
        assert item.state is OutboxState.PENDING  # the verdict was never stored
        assert cache.appeals.get(int(provisional_id)) is not None

    with engine_for(central, cache_path) as engine:
        report = engine.sync_once()  # the next start sends the same key again
        assert report.confirmed == 1
        cache = engine.cache
        (item,) = cache.outbox.items()
        assert item.state is OutboxState.CONFIRMED
        assert item.result is not None
        assert item.result["result"] == "duplicate"
        assert cache.appeals.get(int(provisional_id)) is None
        assert cache.appeals.get(real_id) is not None
        found = Registrations(cache.engine).find(number)
        assert found is not None
        assert found.current_id == real_id
    assert on_service(central, text) == [real_id]  # exactly once
    assert central.service is not None
    a = central_schema.appeals
    with central.service.engine.connect() as conn:
        count = conn.execute(select(func.count()).where(a.c.text == text)).scalar_one()
    assert count == 1


def test_a_refused_registration_loses_its_provisional_row_and_keeps_the_reason(
    central: CentralHandle, tmp_path: Path
) -> None:
    """A municipal operator's registration for another municipality: the service refuses."""
    cache_path = tmp_path / "c.sqlite"
    with engine_for(central, cache_path, "municipal_operator") as engine:
        engine.sync_once()
        login = central.accounts["municipal_operator"].login
        outside = next(
            m.oktmo
            for m in central.service.region.dicts.municipalities  # type: ignore[union-attr]
            if m.oktmo not in central.accounts["municipal_operator"].scope["municipalities"]
        )
        text = TEXT + " (не свой район)"
        registration = Registration(Channel.RECEPTION, text, municipality=outside)
        stored = Registrations(engine.cache.engine).store(registration, actor=login)
        report = engine.sync_once()
        assert report.refused == 1
        (item,) = engine.cache.outbox.items()
        assert item.state is OutboxState.REFUSED
        assert item.result is not None
        assert item.result["error"] == "out_of_scope"
        assert engine.cache.appeals.get(stored.provisional_id) is None
        row = Registrations(engine.cache.engine).get(stored.key)
        assert row is not None
        assert row.state == "refused"
    assert on_service(central, text) == []
