"""Sign-in failures the real service cannot produce on demand: versions out of range, TLS.

A small HTTP server stands in for a central service of another version (the fault is
the point of the test); the TLS case talks HTTPS to a plain HTTP port.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.qt.session.session_support import file_store, ini
from ui.console.session.login_dialog import LoginDialog

pytestmark = pytest.mark.qt

USER = {"login": "ivanova", "name": "", "role": "operator", "scope": {}}


@contextmanager
def service_of_version(server_version: str, min_client_version: str) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def _json(self, doc: object) -> None:
            body = json.dumps(doc).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self._json({"token": "t0k3n", "user": USER})

        def do_GET(self) -> None:
            self._json(
                {
                    "user": USER,
                    "server_version": server_version,
                    "min_client_version": min_client_version,
                    "latest_client_version": min_client_version,
                    "demo": False,
                }
            )

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _attempt(tmp_path: Path, qtbot: object, url: str) -> LoginDialog:
    store = file_store(tmp_path)
    dialog = LoginDialog(store, ini(tmp_path), server=url, login="ivanova")
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.password.setText("secret")
    dialog.try_sign_in()
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: not dialog.busy() and dialog.error.text() != "", timeout=20_000
    )
    assert dialog.session is None
    assert store.get(url, "ivanova") is None  # nothing is kept from a refused sign-in
    return dialog


@pytest.mark.parametrize(
    ("server_version", "min_client", "expected"),
    [
        ("0.0.9", "0.0.1", "слишком старый для этой программы (версия 0.0.9; нужна 0.1.0"),
        ("9.0.0", "9.0.0", "Эта программа слишком старая для центрального сервиса"),
    ],
)
def test_versions_out_of_range_are_explained(
    tmp_path: Path, qtbot: object, server_version: str, min_client: str, expected: str
) -> None:
    with service_of_version(server_version, min_client) as address:
        dialog = _attempt(tmp_path, qtbot, f"http://{address}")
        assert expected in dialog.error.text()


def test_tls_failure_is_told_apart_from_unreachable(tmp_path: Path, qtbot: object) -> None:
    with service_of_version("0.1.0", "0.1.0") as address:
        dialog = _attempt(tmp_path, qtbot, f"https://{address}")  # HTTPS to a plain HTTP port
        assert "Не удалось установить защищённое соединение" in dialog.error.text()
