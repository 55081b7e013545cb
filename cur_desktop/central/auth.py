"""Accounts and bearer tokens: scrypt password hashes, SHA-256 token digests, revocation.

Nothing secret is stored in clear: a password is kept as
``scrypt$n$r$p$salt$hash`` (hashlib, n=2**14, r=8, p=1, 16-byte salt) and a token
as the SHA-256 of its 32 random bytes, so a copy of the database lets nobody log
in. A failed login costs the same whether the login exists or not (a dummy hash
is checked) plus a short constant delay, and both cases answer the same.
Passwords and tokens are never logged.

Tokens expire after :data:`TOKEN_IDLE_DAYS` without use; ``last_used_at`` is
written at most once a minute per token so that reads do not turn into writes.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, insert, select, update

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx, write_tx
from cur_desktop.central.errors import bad_credentials, bad_request, bad_token
from cur_desktop.central.scope import Scope, User
from cur_desktop.clock import Clock, epoch, system_clock
from cur_desktop.domain.enums import Role

log = logging.getLogger(__name__)

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16
TOKEN_BYTES = 32
TOKEN_IDLE_DAYS = 30
FAILED_LOGIN_DELAY_S = 0.25
_TOUCH_EVERY_S = 60.0


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = bytes.fromhex(digest)
        actual = hashlib.scrypt(
            password.encode(),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


_DUMMY_HASH = hash_password(secrets.token_hex(8))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _user(row: Any) -> User:
    return User(
        id=row.id,
        login=row.login,
        name=row.name,
        role=Role(row.role),
        scope=Scope.from_json(row.scope),
    )


def add_user(
    engine: Engine, login: str, name: str, role: Role, password: str, scope: Scope | None = None
) -> User:
    """Create an account, or replace name, role, scope and password of an existing one."""
    scope = scope or Scope()
    login = login.strip()
    if not login or len(login) > 100:
        raise bad_request("a login is 1 to 100 characters")
    if len(password) < 8:
        raise bad_request("a password has at least 8 characters")
    values = {
        "name": name or login,
        "role": role.value,
        "scope": scope.to_json(),
        "password_hash": hash_password(password),
        "active": True,
    }
    with write_tx(engine) as conn:
        found = conn.execute(select(s.users.c.id).where(s.users.c.login == login)).scalar()
        if found is None:
            conn.execute(insert(s.users).values(login=login, created_at=epoch(), **values))
        else:
            conn.execute(update(s.users).where(s.users.c.id == found).values(**values))
        row = conn.execute(select(s.users).where(s.users.c.login == login)).one()
    log.info("account %s saved (role %s)", login, role.value)
    return _user(row)


def list_users(engine: Engine) -> list[tuple[User, bool]]:
    """Every account with whether it is active."""
    with read_tx(engine) as conn:
        rows = conn.execute(select(s.users).order_by(s.users.c.login)).all()
    return [(_user(r), bool(r.active)) for r in rows]


def deactivate_user(engine: Engine, login: str, *, clock: Clock = system_clock) -> int:
    """Lock an account out and revoke its tokens; returns how many tokens were revoked."""
    now = epoch(clock)
    with write_tx(engine) as conn:
        user_id = conn.execute(select(s.users.c.id).where(s.users.c.login == login)).scalar()
        if user_id is None:
            raise bad_request(f"no account {login!r}")
        conn.execute(update(s.users).where(s.users.c.id == user_id).values(active=False))
        result = conn.execute(
            update(s.tokens)
            .where(s.tokens.c.user_id == user_id, s.tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
    log.info("account %s deactivated", login)
    return result.rowcount


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: int
    login: str
    workstation: str
    created_at: float
    last_used_at: float
    revoked_at: float | None


def issue_token(
    engine: Engine, login: str, password: str, workstation: str, *, clock: Clock = system_clock
) -> tuple[str, User]:
    """Check the password and hand out a new token (the only time it exists in clear)."""
    with read_tx(engine) as conn:
        row = conn.execute(
            select(s.users).where(s.users.c.login == login, s.users.c.active.is_(True))
        ).first()
    ok = verify_password(password, row.password_hash if row is not None else _DUMMY_HASH)
    if row is None or not ok:
        time.sleep(FAILED_LOGIN_DELAY_S)
        log.info("failed login attempt from workstation %r", workstation[:80])
        raise bad_credentials()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = epoch(clock)
    with write_tx(engine) as conn:
        conn.execute(
            insert(s.tokens).values(
                token_hash=token_digest(token),
                user_id=row.id,
                workstation=workstation[:200],
                created_at=now,
                last_used_at=now,
            )
        )
    log.info("token issued to %s for workstation %r", login, workstation[:80])
    return token, _user(row)


def user_for_token(engine: Engine, token: str, *, clock: Clock = system_clock) -> tuple[User, int]:
    """The user behind a bearer token and the token's id; ``bad_token`` if none."""
    if not token:
        raise bad_token()
    now = epoch(clock)
    with read_tx(engine) as conn:
        row = conn.execute(
            select(s.users, s.tokens.c.id.label("token_id"), s.tokens.c.last_used_at)
            .join(s.tokens, s.tokens.c.user_id == s.users.c.id)
            .where(
                s.tokens.c.token_hash == token_digest(token),
                s.tokens.c.revoked_at.is_(None),
                s.users.c.active.is_(True),
            )
        ).first()
    if row is None or now - row.last_used_at > TOKEN_IDLE_DAYS * 86400:
        raise bad_token()
    if now - row.last_used_at > _TOUCH_EVERY_S:
        with write_tx(engine) as conn:
            conn.execute(
                update(s.tokens).where(s.tokens.c.id == row.token_id).values(last_used_at=now)
            )
    return _user(row), int(row.token_id)


def revoke_token(engine: Engine, token_id: int, *, clock: Clock = system_clock) -> bool:
    """Revoke one token by id; False when there is no such live token."""
    with write_tx(engine) as conn:
        result = conn.execute(
            update(s.tokens)
            .where(s.tokens.c.id == token_id, s.tokens.c.revoked_at.is_(None))
            .values(revoked_at=epoch(clock))
        )
    if result.rowcount:
        log.info("token %d revoked", token_id)
    return bool(result.rowcount)


def list_tokens(engine: Engine, *, include_revoked: bool = False) -> list[TokenInfo]:
    query = select(s.tokens, s.users.c.login).join(s.users, s.users.c.id == s.tokens.c.user_id)
    if not include_revoked:
        query = query.where(s.tokens.c.revoked_at.is_(None))
    with read_tx(engine) as conn:
        rows = conn.execute(query.order_by(s.tokens.c.id)).all()
    return [
        TokenInfo(r.id, r.login, r.workstation, r.created_at, r.last_used_at, r.revoked_at)
        for r in rows
    ]
