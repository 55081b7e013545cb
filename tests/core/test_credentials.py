"""Token storage: the OS keyring when there is one, a 0600 file when there is none."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.compat import properties
from keyring.errors import KeyringError

from cur_desktop.credentials import FileKeyring, TokenStore, normalise_server, service_name


@pytest.fixture
def no_os_keyring() -> Iterator[None]:
    """As on a headless Linux machine: keyring finds no usable backend."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(before)


def test_without_a_keyring_tokens_go_to_a_private_file(
    tmp_path: Path, no_os_keyring: None, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "config" / "tokens.json"
    store = TokenStore(fallback=path)
    with caplog.at_level(logging.WARNING, "cur_desktop.credentials"):
        store.put("http://CUR.example:8080/", "ivanova", "token-1")
    assert "no keyring backend" in caplog.text
    assert isinstance(store.backend, FileKeyring)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert store.get("http://cur.example:8080", "ivanova") == "token-1"  # same service
    assert store.get("http://cur.example:9090", "ivanova") is None  # another server
    assert store.get("http://cur.example:8080", "petrov") is None  # another login
    store.put("http://cur.example:8080", "ivanova", "token-2")
    assert store.get("http://cur.example:8080", "ivanova") == "token-2"
    store.forget("http://cur.example:8080", "ivanova")
    store.forget("http://cur.example:8080", "ivanova")  # twice is harmless
    assert store.get("http://cur.example:8080", "ivanova") is None
    assert "token" not in path.read_text()


def test_the_file_backend_is_never_chosen_by_keyring_itself() -> None:
    assert not FileKeyring.viable
    assert FileKeyring not in set(KeyringBackend.get_viable_backends())


class _BrokenKeyring(KeyringBackend):
    """A keyring that looks usable and fails at the first call (Secret Service without D-Bus)."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805
        raise RuntimeError("only for this test")

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("no D-Bus session")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("no D-Bus session")


def test_a_keyring_failing_at_run_time_falls_back_to_the_file(tmp_path: Path) -> None:
    store = TokenStore(_BrokenKeyring(), fallback=tmp_path / "tokens.json")
    store.put("https://cur.example", "ivanova", "t")
    assert isinstance(store.backend, FileKeyring)
    assert store.get("https://cur.example", "ivanova") == "t"


def test_service_names_are_per_normalised_url() -> None:
    assert normalise_server(" HTTPS://Cur.Example:8443/api/ ") == "https://cur.example:8443/api"
    assert service_name("http://a:1/") == service_name("HTTP://A:1") == "cur-desktop http://a:1"
