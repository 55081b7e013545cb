"""Accounts and bearer tokens: scrypt password hashes, SHA-256 token digests, revocation,
login limits and token lifetimes.

Nothing secret is stored in clear: a password is kept as
``scrypt$n$r$p$salt$hash`` and a token as the SHA-256 of its 32 random bytes, so a
copy of the database lets nobody log in. A failed login costs the same whether the
login exists or not (a dummy hash is checked), and both cases answer the same.
Passwords and tokens are never logged.

**scrypt parameters** (:data:`SCRYPT`): n=2¹⁷, r=8, p=1 — the OWASP Password
Storage Cheat Sheet's minimum for scrypt (128 MiB and ~0.3 s a hash on a server
core). Hashes made with weaker parameters (the earlier n=2¹⁴) still verify and are
re-hashed with the current ones at the account's next successful login. Secrets the
service generates itself (the demo's random passwords) carry 96+ bits of entropy and
are hashed with the light parameters (``scrypt-generated``, never upgraded): like
tokens, they need no work factor.

**Login limits** (:class:`LoginGuard`): failures are counted per login and per
client address. Past a few free failures each one imposes a growing wait (1, 2,
4 … s) and, past a limit, a temporary lock; while it lasts the service answers
``429 {"error": "too_many_attempts", "retry_after": N}`` with ``Retry-After: N``
at once, without hashing. Nothing ever sleeps in a worker thread: a refused attempt
is held for up to :data:`REFUSAL_DELAY_S` as a coroutine before its answer (a flooding
client is slowed to its number of connections a second), and the wait is the client's.
Password hashing itself runs in at most :data:`HASH_SLOTS` threads of its own, at a
lower CPU priority (the HTTP route waits for one as a coroutine), so a flood of logins
cannot take the threads and cores the feed is served from.

**Tokens** expire after :data:`TOKEN_IDLE_DAYS` without use and, whatever their
use, :data:`TOKEN_MAX_AGE_DAYS` after they were issued (the region's
``tokens.max_age_days``); a password change or a lock revokes all of the account's
tokens. ``last_used_at`` is written at most once a minute per token so that reads do
not turn into writes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import math
import os
import secrets
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, TypeVar

import orjson
from sqlalchemy import Engine, insert, select, update

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx, write_tx
from cur_desktop.central.errors import ServiceError, bad_credentials, bad_request, bad_token
from cur_desktop.central.scope import Scope, User
from cur_desktop.clock import Clock, epoch, system_clock
from cur_desktop.domain.enums import Role

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ScryptParams:
    n: int
    r: int
    p: int

    @property
    def maxmem(self) -> int:
        return 128 * self.n * self.r * self.p + 2 * 1024 * 1024  # what scrypt needs, a margin


#: Human passwords: OWASP's minimum for scrypt (n=2**17, r=8, p=1; 128 MiB a hash).
SCRYPT = ScryptParams(2**17, 8, 1)
#: Secrets the service generated (random, 96+ bits): no work factor needed.
SCRYPT_GENERATED = ScryptParams(2**14, 8, 1)
SALT_BYTES = 16
TOKEN_BYTES = 32
TOKEN_IDLE_DAYS = 30
#: Default of the region's ``tokens.max_age_days``: a token is refused this long after
#: it was issued, however recently it was used.
TOKEN_MAX_AGE_DAYS = 90
#: The hashing threads' nice value: under CPU contention the feed's readers go first.
HASH_NICE = 10
#: Password hashes computed at once, at most: each holds a core (and, at SCRYPT, 128 MiB),
#: so a quarter of the cores, at least one, leaving the rest to the feed's readers.
HASH_SLOTS = max(1, (os.cpu_count() or 2) // 4)
#: Failures per login before waits begin, and the failure count that locks it.
LOGIN_FREE, LOGIN_LOCK_AT = 5, 10
#: The same per client address (an office behind one NAT has many people).
ADDRESS_FREE, ADDRESS_LOCK_AT = 20, 100
#: A temporary lock's length, and how long failures are remembered after the last.
LOCK_S = 900
#: How long a refused login attempt is held before its 429 is sent (a coroutine waits).
REFUSAL_DELAY_S = 1.0
_TOUCH_EVERY_S = 60.0
_KIND, _KIND_GENERATED = "scrypt", "scrypt-generated"


def hash_password(password: str, *, generated: bool = False) -> str:
    params = SCRYPT_GENERATED if generated else SCRYPT
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(
        password.encode(),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=params.maxmem,
        dklen=32,
    )
    kind = _KIND_GENERATED if generated else _KIND
    return f"{kind}${params.n}${params.r}${params.p}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind not in (_KIND, _KIND_GENERATED):
            return False
        params = ScryptParams(int(n), int(r), int(p))
        expected = bytes.fromhex(digest)
        actual = hashlib.scrypt(
            password.encode(),
            salt=bytes.fromhex(salt),
            n=params.n,
            r=params.r,
            p=params.p,
            maxmem=params.maxmem,
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    """A human password's hash made with weaker parameters than :data:`SCRYPT`."""
    try:
        kind, n, r, p, _salt, _digest = stored.split("$")
        cost = int(n) * int(r) * int(p)
    except ValueError:
        return True
    if kind == _KIND_GENERATED:
        return False
    return int(n) < SCRYPT.n or cost < SCRYPT.n * SCRYPT.r * SCRYPT.p


@cache
def _dummy_hash() -> str:
    """Checked for an unknown login, so that it costs what a known one costs."""
    return hash_password(secrets.token_hex(8))


def _lower_priority() -> None:
    """A hashing thread yields the CPU to the request threads (Linux: nice is per thread)."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASH_NICE)


def too_many_attempts(retry_after: int) -> ServiceError:
    return ServiceError(
        "too_many_attempts",
        429,
        f"too many attempts, retry in {retry_after} s",
        retry_after=retry_after,
    )


@dataclass(slots=True)
class _Tally:
    failures: int = 0
    last: float = 0.0  # epoch of the newest failure


def _wait(failures: int, free: int, lock_at: int) -> float:
    if failures < free:
        return 0.0
    if failures >= lock_at:
        return float(LOCK_S)
    return float(min(2 ** (failures - free), LOCK_S))


class LoginGuard:
    """Failed logins per login and per address, and the slots password hashing runs in.

    In memory, per service process: several processes behind a balancer each count
    their own (an attacker spread over them gets that many times the tries, each
    still throttled). Thread-safe.
    """

    MAX_TRACKED = 100_000

    def __init__(self, clock: Clock = system_clock, *, hash_slots: int = HASH_SLOTS) -> None:
        self.clock = clock
        self.hash_slots = hash_slots
        self._lock = threading.Lock()
        self._logins: dict[str, _Tally] = {}
        self._addresses: dict[str, _Tally] = {}
        # the hashing threads: their own, few, and behind the feed's readers for the CPU
        self._executor = ThreadPoolExecutor(
            max_workers=hash_slots, thread_name_prefix="cur-hash", initializer=_lower_priority
        )

    def retry_after(self, login: str, address: str) -> int:
        """Seconds until ``login`` from ``address`` may try again (0: now)."""
        now = epoch(self.clock)
        with self._lock:
            waits = [0.0]
            for table, key, free, lock_at in (
                (self._logins, login, LOGIN_FREE, LOGIN_LOCK_AT),
                (self._addresses, address, ADDRESS_FREE, ADDRESS_LOCK_AT),
            ):
                tally = table.get(key)
                if tally is not None:
                    waits.append(tally.last + _wait(tally.failures, free, lock_at) - now)
        return max(math.ceil(max(waits)), 0)

    def address_wait(self, address: str) -> int:
        """Seconds until anyone may try from ``address`` again (0: now)."""
        now = epoch(self.clock)
        with self._lock:
            tally = self._addresses.get(address)
            if tally is None:
                return 0
            wait = tally.last + _wait(tally.failures, ADDRESS_FREE, ADDRESS_LOCK_AT) - now
        return max(math.ceil(wait), 0)

    def check(self, login: str, address: str, *, count: bool = False) -> None:
        """``429 too_many_attempts`` while ``login`` or ``address`` must wait.

        ``count``: a refused attempt counts against the address (not the login): an
        address that keeps trying through its waits soon has its lock, and from then
        on is refused before its request is even read (:class:`ThrottledAddresses`).
        """
        wait = self.retry_after(login, address)
        if wait > 0:
            if count:
                self._count_refused(address)
            raise too_many_attempts(wait)

    def _count_refused(self, address: str) -> None:
        now = epoch(self.clock)
        with self._lock:
            tally = self._addresses.setdefault(address, _Tally())
            tally.failures += 1
            tally.last = now
            if tally.failures == ADDRESS_LOCK_AT:
                log.warning(
                    "address %r locked for %d s after %d attempts",
                    address[:100],
                    LOCK_S,
                    ADDRESS_LOCK_AT,
                )

    def failed(self, login: str, address: str) -> None:
        now = epoch(self.clock)
        with self._lock:
            for table, key, free, lock_at, what in (
                (self._logins, login, LOGIN_FREE, LOGIN_LOCK_AT, "login"),
                (self._addresses, address, ADDRESS_FREE, ADDRESS_LOCK_AT, "address"),
            ):
                tally = table.get(key)
                if tally is None or now - tally.last > LOCK_S + _wait(
                    tally.failures, free, lock_at
                ):
                    tally = table[key] = _Tally()
                tally.failures += 1
                tally.last = now
                if tally.failures == lock_at:
                    log.warning(
                        "%s %r locked for %d s after %d failed logins",
                        what,
                        key[:100],
                        LOCK_S,
                        tally.failures,
                    )
                elif tally.failures == free:
                    log.warning(
                        "%s %r: failed logins now wait (%d failures)", what, key[:100], free
                    )
                if len(table) > self.MAX_TRACKED:
                    self._forget(table, now)

    def succeeded(self, login: str) -> None:
        with self._lock:
            self._logins.pop(login, None)

    @staticmethod
    def _forget(table: dict[str, _Tally], now: float) -> None:
        for key in [k for k, v in table.items() if now - v.last > 2 * LOCK_S]:
            del table[key]

    def hash_in_slot(self, work: Callable[[], T]) -> T:
        """Run ``work`` (it hashes a password) in one of the hashing threads, waiting for one."""
        return self._executor.submit(work).result()

    async def hash_in_slot_async(self, work: Callable[[], T]) -> T:
        """The same from the event loop: waits as a coroutine, hashes in a hashing thread."""
        return await asyncio.wrap_future(self._executor.submit(work))

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


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
    engine: Engine,
    login: str,
    name: str,
    role: Role,
    password: str,
    scope: Scope | None = None,
    *,
    generated: bool = False,
    clock: Clock = system_clock,
) -> User:
    """Create an account, or replace name, role, scope and password of an existing one.

    A changed password revokes every token of the account (a password is changed
    because it may be known to someone else). ``generated``: the password is a random
    secret the service made (the demo's), hashed without a work factor.
    """
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
        "password_hash": hash_password(password, generated=generated),
        "active": True,
    }
    revoked = 0
    with write_tx(engine) as conn:
        found = conn.execute(
            select(s.users.c.id, s.users.c.password_hash).where(s.users.c.login == login)
        ).first()
        if found is None:
            conn.execute(insert(s.users).values(login=login, created_at=epoch(clock), **values))
        else:
            conn.execute(update(s.users).where(s.users.c.id == found.id).values(**values))
            if not verify_password(password, found.password_hash):
                revoked = _revoke_all(conn, found.id, epoch(clock))
        row = conn.execute(select(s.users).where(s.users.c.login == login)).one()
    log.info("account %s saved (role %s)", login, role.value)
    if revoked:
        log.info("account %s: password changed, %d token(s) revoked", login, revoked)
    return _user(row)


def _revoke_all(conn: Any, user_id: int, now: float) -> int:
    result = conn.execute(
        update(s.tokens)
        .where(s.tokens.c.user_id == user_id, s.tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount)


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
        count = _revoke_all(conn, user_id, now)
    log.info("account %s deactivated", login)
    return count


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: int
    login: str
    workstation: str
    created_at: float
    last_used_at: float
    revoked_at: float | None


def issue_token(
    engine: Engine,
    login: str,
    password: str,
    workstation: str,
    *,
    clock: Clock = system_clock,
    guard: LoginGuard | None = None,
    address: str = "",
) -> tuple[str, User]:
    """Check the password and hand out a new token (the only time it exists in clear).

    With a ``guard``: ``429 too_many_attempts`` while the login or the address must
    wait, and the password is hashed in one of the guard's slots (this thread waits
    for one: callers in the event loop use :func:`issue_token_async`).
    """
    if guard is None:
        return _issue(engine, login, password, workstation, clock, None, address)
    guard.check(login, address, count=True)
    return guard.hash_in_slot(
        partial(_issue, engine, login, password, workstation, clock, guard, address)
    )


async def issue_token_async(
    engine: Engine,
    login: str,
    password: str,
    workstation: str,
    *,
    clock: Clock,
    guard: LoginGuard,
    address: str,
) -> tuple[str, User]:
    """:func:`issue_token` for the HTTP route: a refused attempt costs no thread at all,
    and one that waits for a hashing slot waits as a coroutine."""
    try:
        guard.check(login, address, count=True)
    except ServiceError as refused:
        # held for a moment as a coroutine (no thread), like ThrottledAddresses
        await asyncio.sleep(min(float(refused.extra["retry_after"]), REFUSAL_DELAY_S))
        raise
    return await guard.hash_in_slot_async(
        partial(_issue, engine, login, password, workstation, clock, guard, address)
    )


def _issue(
    engine: Engine,
    login: str,
    password: str,
    workstation: str,
    clock: Clock,
    guard: LoginGuard | None,
    address: str,
) -> tuple[str, User]:
    if guard is not None:
        guard.check(login, address)  # again: failures may have come while this one queued
    with read_tx(engine) as conn:
        row = conn.execute(
            select(s.users).where(s.users.c.login == login, s.users.c.active.is_(True))
        ).first()
    ok = verify_password(password, row.password_hash if row is not None else _dummy_hash())
    if row is None or not ok:
        if guard is not None:
            guard.failed(login, address)
        log.info("failed login attempt from %s, workstation %r", address or "-", workstation[:80])
        raise bad_credentials()
    if guard is not None:
        guard.succeeded(login)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = epoch(clock)
    rehashed = hash_password(password) if needs_rehash(row.password_hash) else None
    with write_tx(engine) as conn:
        if rehashed is not None:
            # the parameters of the day, now that the password is at hand (module docstring)
            conn.execute(
                update(s.users)
                .where(s.users.c.id == row.id, s.users.c.password_hash == row.password_hash)
                .values(password_hash=rehashed)
            )
        conn.execute(
            insert(s.tokens).values(
                token_hash=token_digest(token),
                user_id=row.id,
                workstation=workstation[:200],
                created_at=now,
                last_used_at=now,
            )
        )
    if rehashed is not None:
        log.info("account %s: password hash upgraded to n=%d r=%d p=%d", login, *_params())
    log.info("token issued to %s for workstation %r", login, workstation[:80])
    return token, _user(row)


def _params() -> tuple[int, int, int]:
    return SCRYPT.n, SCRYPT.r, SCRYPT.p


def user_for_token(
    engine: Engine,
    token: str,
    *,
    clock: Clock = system_clock,
    max_age_days: float = TOKEN_MAX_AGE_DAYS,
) -> tuple[User, int]:
    """The user behind a bearer token and the token's id; ``bad_token`` if none.

    Refused when revoked, its account locked, unused for :data:`TOKEN_IDLE_DAYS`, or
    issued more than ``max_age_days`` ago (the region's ``tokens.max_age_days``).
    """
    if not token:
        raise bad_token()
    now = epoch(clock)
    with read_tx(engine) as conn:
        row = conn.execute(
            select(
                s.users,
                s.tokens.c.id.label("token_id"),
                s.tokens.c.last_used_at,
                s.tokens.c.created_at.label("issued_at"),
            )
            .join(s.tokens, s.tokens.c.user_id == s.users.c.id)
            .where(
                s.tokens.c.token_hash == token_digest(token),
                s.tokens.c.revoked_at.is_(None),
                s.users.c.active.is_(True),
            )
        ).first()
    if (
        row is None
        or now - row.last_used_at > TOKEN_IDLE_DAYS * 86400
        or now - row.issued_at > max_age_days * 86400
    ):
        raise bad_token()
    if now - row.last_used_at > _TOUCH_EVERY_S:
        with write_tx(engine) as conn:
            conn.execute(
                update(s.tokens).where(s.tokens.c.id == row.token_id).values(last_used_at=now)
            )
    return _user(row), int(row.token_id)


def token_alive(
    engine: Engine,
    token_id: int,
    *,
    clock: Clock = system_clock,
    max_age_days: float = TOKEN_MAX_AGE_DAYS,
) -> bool:
    """Whether token ``token_id`` would still be accepted (an open stream re-checks it)."""
    now = epoch(clock)
    with read_tx(engine) as conn:
        row = conn.execute(
            select(s.tokens.c.last_used_at, s.tokens.c.created_at)
            .join(s.users, s.tokens.c.user_id == s.users.c.id)
            .where(
                s.tokens.c.id == token_id,
                s.tokens.c.revoked_at.is_(None),
                s.users.c.active.is_(True),
            )
        ).first()
    return (
        row is not None
        and now - row.last_used_at <= TOKEN_IDLE_DAYS * 86400
        and now - row.created_at <= max_age_days * 86400
    )


def max_token_age_days(pack_doc: Any) -> float:
    """The region's ``tokens.max_age_days`` (pack.json), :data:`TOKEN_MAX_AGE_DAYS` if absent."""
    tokens = pack_doc.get("tokens") if isinstance(pack_doc, dict) else None
    value = tokens.get("max_age_days") if isinstance(tokens, dict) else None
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 3650:
        return float(value)
    return float(TOKEN_MAX_AGE_DAYS)


class Revocations:
    """Who wants to know that tokens were revoked in this process (open streams)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Callable[[frozenset[int] | None], None]] = []

    def listen(self, callback: Callable[[frozenset[int] | None], None]) -> None:
        with self._lock:
            self._listeners.append(callback)

    def revoked(self, token_ids: frozenset[int] | None) -> None:
        """``token_ids`` were revoked; None: some tokens, unknown which (re-check all)."""
        with self._lock:
            listeners = list(self._listeners)
        for callback in listeners:
            callback(token_ids)


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


class ThrottledAddresses:
    """Pure ASGI: ``POST /api/v1/auth/token`` from an address that must wait is refused
    with ``429`` before its body is read or validated.

    A flood from one address then costs the service a few microseconds a request, in
    the event loop, instead of a request's parsing and validation: the feed's readers
    do not feel it. (The per-login limits need the body and are checked in the route.)
    """

    def __init__(self, app: Any, guard: LoginGuard, path: str = "/api/v1/auth/token") -> None:
        self.app = app
        self.guard = guard
        self.path = path

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == self.path:
            client = scope.get("client")
            wait = self.guard.address_wait(str(client[0]) if client else "")
            if wait > 0:
                # held for a moment as a coroutine (no thread): a flooding client's
                # loop is slowed to its number of connections a second
                await asyncio.sleep(min(wait, REFUSAL_DELAY_S))
                body = orjson.dumps(too_many_attempts(wait).body())
                headers = [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(wait).encode()),
                ]
                await send({"type": "http.response.start", "status": 429, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
