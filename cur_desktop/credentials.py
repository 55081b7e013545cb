"""Where a workstation keeps its access tokens: the OS keyring, never a password.

The console signs in once with a password and keeps only the token the central
service returns (docs/sync-protocol.md §Auth), in the operating system's keyring
(Secret Service on Linux, Credential Locker on Windows, Keychain on macOS) under
one entry per service URL and login: switching servers never mixes tokens.

A headless Linux machine or a kiosk session often has no usable keyring
(``keyring`` then picks ``keyring.backends.fail``, or its Secret Service backend
fails at the first call without a D-Bus session). The token then goes to
:class:`FileKeyring`, a JSON file of mode 0600 in the user's config folder, and a
warning is logged once: the token can be revoked by the service, the password is
never written anywhere. :class:`FileKeyring` is a real ``keyring`` backend, so the
tests run the same code against a file they own.

Qt-free; any thread may use a :class:`TokenStore` (calls are short and serialised
by a lock).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import orjson
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE_PREFIX = "cur-desktop"
TOKENS_FILE = "tokens.json"


def service_name(server: str) -> str:
    """The keyring's service name of one central service (normalised URL)."""
    return f"{SERVICE_PREFIX} {normalise_server(server)}"


def normalise_server(server: str) -> str:
    """``HTTP://Host:8080/`` and ``http://host:8080`` name the same service."""
    text = server.strip().rstrip("/")
    scheme, sep, rest = text.partition("://")
    if not sep:
        return text
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}{slash}{path}"


def default_tokens_file() -> Path:
    from cur_desktop.settings import folders

    return folders().config / TOKENS_FILE


class FileKeyring(KeyringBackend):
    """Secrets in one JSON file of mode 0600: ``{service: {username: secret}}``.

    Never chosen by ``keyring`` on its own (its priority says it is not suitable):
    :class:`TokenStore` uses it when the OS has no keyring, and tests use it
    explicitly.
    """

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - a class property
        msg = "a plain file: used only as an explicit fallback"
        raise RuntimeError(msg)

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.path = Path(path) if path is not None else default_tokens_file()
        self._lock = threading.Lock()

    def __str__(self) -> str:
        return f"cur-desktop file keyring ({self.path})"

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        try:
            doc = orjson.loads(raw)
        except orjson.JSONDecodeError:
            log.warning("the token file %s is unreadable: starting it afresh", self.path)
            return {}
        return doc if isinstance(doc, dict) else {}

    def _save(self, doc: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)  # an existing file keeps its mode otherwise
            handle.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
        tmp.replace(self.path)

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            doc = self._load()
            doc.setdefault(service, {})[username] = password
            self._save(doc)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            doc = self._load()
            if username not in doc.get(service, {}):
                raise PasswordDeleteError(f"no secret for {username} at {service}")
            del doc[service][username]
            if not doc[service]:
                del doc[service]
            self._save(doc)


def _usable(backend: KeyringBackend) -> bool:
    from keyring.backends import fail

    if isinstance(backend, fail.Keyring):
        return False
    chained = getattr(backend, "backends", None)  # keyring's ChainerBackend
    return not (chained is not None and not chained)


class TokenStore:
    """Tokens per (server, login), in ``backend`` or the OS keyring with a file fallback."""

    def __init__(
        self, backend: KeyringBackend | None = None, *, fallback: Path | None = None
    ) -> None:
        self._backend = backend
        self._fallback_path = fallback
        self._lock = threading.Lock()

    @property
    def backend(self) -> KeyringBackend:
        """The backend in use (resolved on first use: importing keyring costs time)."""
        with self._lock:
            if self._backend is None:
                import keyring

                chosen = keyring.get_keyring()
                if _usable(chosen):
                    self._backend = chosen
                else:
                    self._backend = self._fall_back("no keyring backend is available")
            return self._backend

    def _fall_back(self, why: str) -> KeyringBackend:
        backend = FileKeyring(self._fallback_path)
        log.warning("%s: tokens are kept in %s (mode 0600)", why, backend.path)
        return backend

    def _call_with_fallback(self, call: str, *args: str) -> str | None:
        backend = self.backend
        try:
            result: str | None = getattr(backend, call)(*args)
        except PasswordDeleteError:
            return None
        except (KeyringError, OSError) as exc:  # e.g. Secret Service without a D-Bus session
            if isinstance(backend, FileKeyring):
                raise
            with self._lock:
                self._backend = self._fall_back(f"the keyring failed ({type(exc).__name__})")
            return self._call_with_fallback(call, *args)
        return result

    def get(self, server: str, login: str) -> str | None:
        """The stored token of ``login`` at ``server``, or None."""
        if not login:
            return None
        return self._call_with_fallback("get_password", service_name(server), login)

    def put(self, server: str, login: str, token: str) -> None:
        self._call_with_fallback("set_password", service_name(server), login, token)
        log.info("token for %s kept in %s", normalise_server(server), type(self.backend).__name__)

    def forget(self, server: str, login: str) -> None:
        """Drop the token (refused by the service, or the operator signed out)."""
        if login:
            self._call_with_fallback("delete_password", service_name(server), login)
