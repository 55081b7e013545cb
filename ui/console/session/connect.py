"""Signing in to a central service: password → token (kept in the keyring) → a ready client.

Qt-free and blocking: the login dialog runs :func:`sign_in` in a background
thread, :func:`resume` runs at start-up with the stored token. Every failure is a
:class:`SignInError` with a stable ``code`` the dialog translates:

``bad_credentials``, ``unreachable``, ``tls``, ``not_a_service``,
``server_too_old``, ``client_too_old``, ``server_error``, ``bad_url``,
``too_many_attempts`` (the service's login limits; ``seconds`` to wait).

The versions come from ``GET /me`` (docs/sync-protocol.md §Auth): the service
names the oldest client it accepts, and we name the oldest service we speak to.
"""

from __future__ import annotations

import logging
import socket
import ssl
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cur_desktop import __version__
from cur_desktop.client_version import UpdateNotice, update_notice
from cur_desktop.credentials import TokenStore, normalise_server

if TYPE_CHECKING:
    from cur_desktop.sync.client import CentralClient
    from cur_desktop.sync.errors import CentralError

log = logging.getLogger(__name__)

#: The oldest central service whose protocol this program speaks.
MIN_SERVER_VERSION = "0.1.0"


class SignInError(Exception):
    def __init__(self, code: str, server: str, **details: str) -> None:
        super().__init__(f"{code}: {server}")
        self.code = code
        self.server = server
        self.details = details


@dataclass
class Session:
    """A client with a token for one account on one service."""

    server: str
    login: str
    client: CentralClient
    user: dict[str, Any] = field(default_factory=dict)  # empty when not yet confirmed (offline)
    demo: bool = False
    update: UpdateNotice | None = None  # the service announces a newer client

    @property
    def confirmed(self) -> bool:
        """The service confirmed the token (False: it was unreachable at start)."""
        return bool(self.user)


def version_tuple(text: str) -> tuple[int, ...]:
    parts: list[int] = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def check_url(server: str) -> str:
    """The normalised URL, or ``bad_url``."""
    url = normalise_server(server)
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in ("http", "https") or not rest or rest.startswith("/"):
        raise SignInError("bad_url", server)
    return url


def _is_tls_failure(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError):
            return True
        if "SSL" in type(current).__name__ or "CERTIFICATE" in str(current).upper():
            return True
        current = current.__cause__ or current.__context__
    return False


def _translate(exc: CentralError, server: str) -> SignInError:
    from cur_desktop.sync.errors import NotFound, Offline, TooManyAttempts, Unauthorized

    if isinstance(exc, Unauthorized):
        return SignInError("bad_credentials", server)
    if isinstance(exc, TooManyAttempts):  # the service's login limits (429)
        return SignInError("too_many_attempts", server, seconds=str(exc.retry_after))
    if isinstance(exc, Offline):
        return SignInError("tls" if _is_tls_failure(exc) else "unreachable", server)
    if isinstance(exc, NotFound) or exc.code == "bad_response" or exc.code.startswith("http_"):
        # the protocol answers every error with {"error": code}: anything else is not it
        return SignInError("not_a_service", server)
    return SignInError("server_error", server, error=exc.code)


def _check_versions(me: dict[str, Any], server: str) -> None:
    server_version = str(me.get("server_version") or "0")
    if version_tuple(server_version) < version_tuple(MIN_SERVER_VERSION):
        raise SignInError(
            "server_too_old", server, version=server_version, needed=MIN_SERVER_VERSION
        )
    needed = str(me.get("min_client_version") or "0")
    if version_tuple(__version__) < version_tuple(needed):
        raise SignInError("client_too_old", server, version=__version__, needed=needed)


def _client(server: str) -> CentralClient:
    from cur_desktop.sync.client import CentralClient

    return CentralClient(server)


def sign_in(server: str, login: str, password: str, store: TokenStore) -> Session:
    """Log in with a password; the token is stored, the password forgotten."""
    from cur_desktop.sync.errors import CentralError

    url = check_url(server)
    client = _client(url)
    try:
        client.login(login.strip(), password, socket.gethostname())
        me = client.me()
        _check_versions(me, url)
    except CentralError as exc:
        client.close()
        raise _translate(exc, url) from exc
    except SignInError:
        client.close()
        raise
    assert client.token is not None
    store.put(url, login.strip(), client.token)
    log.info("signed in to %s", url)
    return Session(
        url, login.strip(), client, dict(me["user"]), bool(me.get("demo")), update_notice(me)
    )


def resume(server: str, login: str, store: TokenStore) -> Session | None:
    """A session from the stored token; None if there is none or the service refused it.

    An unreachable service still gives a session (not ``confirmed``): the console
    opens from the cache and the sync connects when the service is back.
    """
    from cur_desktop.sync.errors import CentralError, Offline, Unauthorized

    url = check_url(server)
    token = store.get(url, login)
    if not token:
        return None
    client = _client(url)
    client.token = token
    try:
        me = client.me()
        _check_versions(me, url)
    except Unauthorized:
        log.info("the stored token for %s was refused: signing in again", url)
        store.forget(url, login)
        client.close()
        return None
    except Offline:
        log.info("%s unreachable: opening the cache, the sync will retry", url)
        return Session(url, login, client)
    except CentralError as exc:
        client.close()
        raise _translate(exc, url) from exc
    except SignInError:
        client.close()
        raise
    return Session(url, login, client, dict(me["user"]), bool(me.get("demo")), update_notice(me))
