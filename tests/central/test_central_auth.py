"""Accounts and tokens: hashed storage, bad passwords, revocation, expiry — service and HTTP."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select, update

from cur_desktop.central import auth
from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx, write_tx
from cur_desktop.central.errors import ServiceError
from cur_desktop.central.scope import Scope
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Role
from tests.support.clock import now as clock_now

PASSWORD = "correct horse battery"


def db_bytes(service: CentralService, path: Path) -> bytes:
    service.engine.dispose()  # checkpoint the WAL into the file
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_passwords_and_tokens_are_stored_only_hashed(
    central_service: CentralService, central_db: Path
) -> None:
    engine = central_service.engine
    auth.add_user(engine, "ivanova", "Иванова", Role.OPERATOR, PASSWORD, Scope(themes=("roads",)))
    token, user = central_service.login("ivanova", PASSWORD, "ws-7")
    assert user.scope.themes == ("roads",)
    with read_tx(engine) as conn:
        stored = conn.execute(select(s.users.c.password_hash)).scalar_one()
        digest = conn.execute(select(s.tokens.c.token_hash)).scalar_one()
    kind, n, r, p, salt, _hash = stored.split("$")
    assert (kind, n, r, p, len(bytes.fromhex(salt))) == ("scrypt", "131072", "8", "1", 16)
    assert digest == hashlib.sha256(token.encode()).hexdigest()
    raw = db_bytes(central_service, central_db)
    assert PASSWORD.encode() not in raw
    assert token.encode() not in raw
    assert digest.encode() in raw


def test_wrong_password_and_unknown_login_answer_the_same(
    central_service: CentralService,
) -> None:
    auth.add_user(central_service.engine, "petrov", "Петров", Role.OPERATOR, PASSWORD)
    answers = []
    for login, password in [("petrov", "wrong password"), ("nobody", PASSWORD)]:
        with pytest.raises(ServiceError) as refused:
            central_service.login(login, password, "ws")
        answers.append((refused.value.status, refused.value.body()))
    assert answers == [(401, {"error": "bad_credentials"})] * 2


def test_revoked_expired_and_locked_out_tokens_are_refused(
    central_service: CentralService,
) -> None:
    engine = central_service.engine
    auth.add_user(engine, "sidorov", "Сидоров", Role.OPERATOR, PASSWORD)
    first, _ = central_service.login("sidorov", PASSWORD, "ws-1")
    second, _ = central_service.login("sidorov", PASSWORD, "ws-2")
    third, _ = central_service.login("sidorov", PASSWORD, "ws-3")
    user, first_id = central_service.authenticate(first)
    assert user.login == "sidorov"
    assert central_service.revoke_token(first_id)
    assert not central_service.revoke_token(first_id)
    with pytest.raises(ServiceError) as revoked:
        central_service.authenticate(first)
    assert revoked.value.body() == {"error": "bad_token"}
    _, second_id = central_service.authenticate(second)
    with write_tx(engine) as conn:
        conn.execute(
            update(s.tokens)
            .where(s.tokens.c.id == second_id)
            .values(last_used_at=clock_now().timestamp() - (auth.TOKEN_IDLE_DAYS + 1) * 86400)
        )
    with pytest.raises(ServiceError):
        central_service.authenticate(second)
    central_service.authenticate(third)
    assert auth.deactivate_user(engine, "sidorov") == 2  # the second is expired, not revoked
    with pytest.raises(ServiceError):
        central_service.authenticate(third)
    with pytest.raises(ServiceError):
        central_service.login("sidorov", PASSWORD, "ws-4")


def test_short_passwords_are_refused(central_service: CentralService) -> None:
    with pytest.raises(ServiceError):
        auth.add_user(central_service.engine, "x", "X", Role.WALL, "short")
