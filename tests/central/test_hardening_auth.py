"""Login limits, scrypt upgrades and the token lifecycle (issue 15, items 2 and 4).

Failed logins per login and per address grow into waits and a temporary lock, answered
``429`` with ``Retry-After`` and never slept in a worker thread; password hashing runs
in capped slots; a hash made with older parameters is upgraded at the next successful
login. A password change or a lock revokes the account's tokens, a token is refused
past the region's maximum age, and a revoked token's open streams are closed.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from cur_desktop.central import auth
from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx, write_tx
from cur_desktop.central.errors import ServiceError
from cur_desktop.central.service import CentralService
from cur_desktop.clock import PinnedClock
from cur_desktop.domain.enums import Role
from tests.support.central import CentralHandle, central_thread
from tests.support.clock import now as clock_now
from tests.support.clock import wait_until

PASSWORD = "correct horse battery"


@pytest.fixture
def central(tmp_path: Path) -> CentralHandle:
    with central_thread(tmp_path / "central", appeals=10, ping_every=0.3) as handle:
        yield handle


# --- login limits ---------------------------------------------------------------------


def test_failures_grow_into_waits_and_a_lock_that_passes() -> None:
    clock = PinnedClock(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    guard = auth.LoginGuard(clock)
    for _ in range(auth.LOGIN_FREE):
        guard.check("ivanova", "10.0.0.7")  # free failures: no wait
        guard.failed("ivanova", "10.0.0.7")
    waits = []
    for _ in range(auth.LOGIN_LOCK_AT - auth.LOGIN_FREE):
        waits.append(guard.retry_after("ivanova", "10.0.0.7"))
        with pytest.raises(ServiceError) as refused:
            guard.check("ivanova", "10.0.0.7")
        assert refused.value.status == 429
        assert refused.value.body() == {"error": "too_many_attempts", "retry_after": waits[-1]}
        clock.advance(timedelta(seconds=waits[-1]))
        guard.check("ivanova", "10.0.0.7")  # the wait is over
        guard.failed("ivanova", "10.0.0.7")
    assert waits == [1, 2, 4, 8, 16]
    assert guard.retry_after("ivanova", "10.0.0.7") == auth.LOCK_S  # locked
    assert guard.retry_after("petrov", "10.0.0.8") == 0  # others are not
    clock.advance(timedelta(seconds=auth.LOCK_S))
    guard.check("ivanova", "10.0.0.7")


def test_one_address_trying_many_logins_is_throttled_too() -> None:
    clock = PinnedClock(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    guard = auth.LoginGuard(clock)
    for n in range(auth.ADDRESS_FREE):
        guard.failed(f"user{n}", "203.0.113.5")
    with pytest.raises(ServiceError):
        guard.check("somebody-else", "203.0.113.5")
    guard.check("somebody-else", "198.51.100.1")


def test_a_success_clears_the_login_s_failures() -> None:
    clock = PinnedClock(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    guard = auth.LoginGuard(clock)
    for _ in range(auth.LOGIN_FREE - 1):
        guard.failed("ivanova", "10.0.0.7")
    guard.succeeded("ivanova")
    for _ in range(auth.LOGIN_FREE - 1):
        guard.failed("ivanova", "10.0.0.7")
    assert guard.retry_after("ivanova", "10.0.0.7") == 0


def test_password_hashing_runs_in_capped_slots_and_waiters_hold_no_thread() -> None:
    guard = auth.LoginGuard(hash_slots=2)
    running = 0
    most = 0
    lock = threading.Lock()
    release = threading.Event()

    def work() -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        release.wait(10)
        with lock:
            running -= 1
        return 1

    async def flood() -> int:
        tasks = [asyncio.ensure_future(guard.hash_in_slot_async(work)) for _ in range(40)]
        while True:  # the loop stays free: the other 38 wait as coroutines
            await asyncio.sleep(0.01)
            with lock:
                if running == 2:
                    break
        threads_busy = threading.active_count()
        release.set()
        assert sum(await asyncio.gather(*tasks)) == 40
        return threads_busy

    before = threading.active_count()
    busy = asyncio.run(flood())
    assert most == 2
    assert busy - before <= 2  # two hashing threads, not forty


def test_http_flood_gets_429_with_retry_after_and_the_sync_message(
    central: CentralHandle,
) -> None:
    login = central.accounts["operator"].login
    statuses = []
    with httpx.Client(base_url=central.api, timeout=30) as http:
        for _ in range(auth.LOGIN_FREE + 1):
            answer = http.post(
                "/auth/token", json={"login": login, "password": "wrong-pass", "workstation": "x"}
            )
            statuses.append(answer.status_code)
        assert statuses == [401] * auth.LOGIN_FREE + [429]
        assert answer.json()["error"] == "too_many_attempts"
        wait = int(answer.headers["Retry-After"])
        assert wait == answer.json()["retry_after"] >= 1
    # the workstation's client turns it into the message the console and `sync` show
    from cur_desktop.sync.client import CentralClient
    from cur_desktop.sync.errors import TooManyAttempts, too_many_attempts_message

    assert central.service is not None
    for _ in range(auth.LOGIN_LOCK_AT):  # locked, whatever the test's pace
        central.service.login_guard.failed(login, "127.0.0.1")
    with CentralClient(central.url) as client, pytest.raises(TooManyAttempts) as refused:
        client.login(login, central.accounts["operator"].password, "ws")
    assert refused.value.retry_after > auth.LOCK_S - 60
    message = too_many_attempts_message(refused.value.retry_after)
    assert message == f"слишком много попыток, повторите через {refused.value.retry_after} с"


# --- scrypt parameters -------------------------------------------------------------------


def _stored_hash(service: CentralService, login: str) -> str:
    with read_tx(service.engine) as conn:
        return str(
            conn.execute(
                select(s.users.c.password_hash).where(s.users.c.login == login)
            ).scalar_one()
        )


def test_an_older_hash_is_upgraded_at_the_next_successful_login(
    central_service: CentralService,
) -> None:
    auth.add_user(central_service.engine, "old-timer", "Старожил", Role.OPERATOR, PASSWORD)
    old = "scrypt$16384$8$1$" + "00" * 16 + "$"
    import hashlib

    digest = hashlib.scrypt(PASSWORD.encode(), salt=bytes(16), n=2**14, r=8, p=1, dklen=32)
    with write_tx(central_service.engine) as conn:
        conn.execute(
            update(s.users)
            .where(s.users.c.login == "old-timer")
            .values(password_hash=old + digest.hex())
        )
    assert auth.needs_rehash(_stored_hash(central_service, "old-timer"))
    with pytest.raises(ServiceError):  # a wrong password upgrades nothing
        central_service.login("old-timer", "wrong password", "ws")
    assert _stored_hash(central_service, "old-timer").startswith("scrypt$16384$")
    central_service.login("old-timer", PASSWORD, "ws")
    upgraded = _stored_hash(central_service, "old-timer")
    assert upgraded.split("$")[:4] == ["scrypt", str(auth.SCRYPT.n), "8", "1"]
    assert not auth.needs_rehash(upgraded)
    central_service.login("old-timer", PASSWORD, "ws")  # the new hash verifies


def test_generated_passwords_are_not_upgraded() -> None:
    stored = auth.hash_password("a-random-demo-secret", generated=True)
    assert stored.startswith("scrypt-generated$16384$")
    assert not auth.needs_rehash(stored)
    assert auth.verify_password("a-random-demo-secret", stored)


# --- token lifecycle ---------------------------------------------------------------------


def test_a_password_change_revokes_the_account_s_tokens(central_service: CentralService) -> None:
    engine = central_service.engine
    auth.add_user(engine, "ivanova", "Иванова", Role.OPERATOR, PASSWORD)
    token, _ = central_service.login("ivanova", PASSWORD, "ws-1")
    auth.add_user(engine, "ivanova", "Иванова А. П.", Role.OPERATOR, PASSWORD)  # same password
    central_service.authenticate(token)  # a rename keeps the sessions
    auth.add_user(engine, "ivanova", "Иванова А. П.", Role.OPERATOR, "a new password!")
    with pytest.raises(ServiceError) as refused:
        central_service.authenticate(token)
    assert refused.value.body() == {"error": "bad_token"}
    fresh, _ = central_service.login("ivanova", "a new password!", "ws-1")
    central_service.authenticate(fresh)


def test_a_token_older_than_the_region_s_maximum_age_is_refused(
    central_service: CentralService,
) -> None:
    engine = central_service.engine
    auth.add_user(engine, "petrov", "Петров", Role.OPERATOR, PASSWORD)
    token, _ = central_service.login("petrov", PASSWORD, "ws")
    _, token_id = central_service.authenticate(token)
    issued = clock_now().timestamp() - (auth.TOKEN_MAX_AGE_DAYS + 1) * 86400
    with write_tx(engine) as conn:  # issued 91 days ago, used a minute ago
        conn.execute(
            update(s.tokens)
            .where(s.tokens.c.id == token_id)
            .values(created_at=issued, last_used_at=clock_now().timestamp() - 60)
        )
    with pytest.raises(ServiceError):
        central_service.authenticate(token)
    assert not central_service.token_alive(token_id)
    # a region that allows 400 days accepts it
    region = central_service.region
    central_service.region = dataclasses.replace(
        region, pack_doc={**region.pack_doc, "tokens": {"max_age_days": 400}}
    )
    user, _ = central_service.authenticate(token)
    assert user.login == "petrov"
    assert central_service.token_alive(token_id)


def _open_stream(central: CentralHandle, token: str) -> tuple[httpx.Client, httpx.Response]:
    http = httpx.Client(timeout=httpx.Timeout(10, read=20))
    request = http.build_request(
        "GET", f"{central.api}/stream", headers={"Authorization": f"Bearer {token}"}
    )
    response = http.send(request, stream=True)
    assert response.status_code == 200
    return http, response


def _read_to_end(response: httpx.Response, ended: threading.Event) -> None:
    try:
        for _ in response.iter_bytes():
            pass
    except httpx.HTTPError:
        pass
    ended.set()


@pytest.mark.parametrize("how", ["POST /auth/revoke", "the account locked elsewhere"])
def test_revoking_a_token_closes_its_open_streams(central: CentralHandle, how: str) -> None:
    token = central.login("operator")
    other = central.login("wall")
    http, response = _open_stream(central, token)
    other_http, other_response = _open_stream(central, other)
    ended, other_ended = threading.Event(), threading.Event()
    threading.Thread(target=_read_to_end, args=(response, ended), daemon=True).start()
    threading.Thread(target=_read_to_end, args=(other_response, other_ended), daemon=True).start()
    try:
        assert not ended.wait(0.5)  # open and pinging
        if how == "POST /auth/revoke":
            answer = httpx.post(
                f"{central.api}/auth/revoke", headers={"Authorization": f"Bearer {token}"}
            )
            assert answer.status_code == 200
        else:  # `cur-central user revoke` in another process: found at the next ping
            assert central.service is not None
            auth.deactivate_user(central.service.engine, central.accounts["operator"].login)
        wait_until(ended.is_set, timeout=10, what="the revoked token's stream closed")
        assert not other_ended.is_set()  # another account's stream stays open
    finally:
        response.close()
        other_response.close()
        http.close()
        other_http.close()


def test_a_stream_whose_client_left_ends_cleanly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The client goes while its stream waits on the hub (between pings): the stream's
    generator ends, stops waiting on the hub, and nothing is logged as a failure."""
    with central_thread(tmp_path / "central", appeals=5) as central:  # 15 s pings
        assert central.service is not None
        hub = central.service.hub
        with caplog.at_level(logging.ERROR):
            http, response = _open_stream(central, central.login("operator"))
            lines = response.iter_lines()
            assert next(lines).startswith("retry:")
            wait_until(lambda: hub.listening == 1, timeout=10, what="the stream waits")
            response.close()
            http.close()
            wait_until(lambda: hub.listening == 0, timeout=10, what="the stream ended")
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
