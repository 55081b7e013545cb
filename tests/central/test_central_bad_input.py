"""Malformed requests to the real central service: a clear 4xx, no 500; nothing personal logged.

The service runs as ``cur-central demo`` (a real subprocess with its real log set-up,
``cur_desktop.logs``), so the log file read here is the one an administrator reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from cur_desktop.central.db import create_central_engine
from cur_desktop.domain.appeal import Author
from tests.support.central import CentralHandle, central_process, new_appeal

TOO_BIG = 10**20  # beyond a signed 64-bit integer: what SQLite and PostgreSQL store


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralHandle]:
    with central_process(tmp_path_factory.mktemp("bad-input"), appeals=60) as handle:
        yield handle


@pytest.fixture(scope="module")
def op(central: CentralHandle) -> httpx.Client:
    client = central.client("operator")
    # One connection per request: a failing request must not take the next one with it.
    client.headers["Connection"] = "close"
    return client


def _sql(db: Path, statement: str) -> list[tuple[object, ...]]:
    engine = create_central_engine(db, pool_size=1)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement))
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("who", "method", "path", "body"),
    [
        ("operator", "GET", f"/changes?after={TOO_BIG}", None),
        ("operator", "GET", f"/appeals/{TOO_BIG}", None),
        ("operator", "GET", f"/appeals?closed_before=1e9&after_id={TOO_BIG}", None),
        ("operator", "GET", f"/snapshot/{{snapshot}}/pages?after_id={TOO_BIG}", None),
        ("operator", "POST", f"/appeals/{TOO_BIG}/actions", {"key": "big", "action": "take"}),
        ("cur_head", "POST", f"/admin/tokens/{TOO_BIG}/revoke", None),
    ],
)
def test_an_integer_too_big_for_the_database_is_400(
    central: CentralHandle, who: str, method: str, path: str, body: dict[str, object] | None
) -> None:
    client = central.client(who)
    client.headers["Connection"] = "close"
    if "{snapshot}" in path:
        path = path.format(snapshot=client.post("/snapshot", json={}).json()["snapshot"])
    response = client.request(method, path, json=body)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "bad_request"
    assert client.get("/me").status_code == 200  # the service carries on


def test_an_action_parameter_too_big_for_the_database_is_400(
    central: CentralHandle, op: httpx.Client
) -> None:
    appeal = new_appeal(central)
    appeal_id, version = appeal.id, appeal.version
    body = {
        "key": "merge-into-nowhere",
        "action": "merge",
        "params": {"into": TOO_BIG},
        "base_version": version,
    }
    response = op.post(f"/appeals/{appeal_id}/actions", json=body)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "bad_request"
    assert op.get(f"/appeals/{appeal_id}").json()["appeal"]["version"] == version


def test_a_failed_write_logs_no_personal_data(central: CentralHandle, op: httpx.Client) -> None:
    """A database error names the statement's values; none of the author's may reach the log."""
    author = Author("Сидоренко Анна Павловна", "+7 910 555-12-34", "sidorenko.a@example.ru")
    appeal = new_appeal(central, author=author)
    appeal_id, name, phone, email = appeal.id, author.name, author.phone, author.email
    # A fault SQLite cannot produce on demand otherwise (disk full, I/O error).
    _sql(
        central.db_path,
        "CREATE TRIGGER refuse_updates BEFORE UPDATE ON appeals "
        "BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END",
    )
    try:
        response = op.post(
            f"/appeals/{appeal_id}/actions", json={"key": "doomed-take", "action": "take"}
        )
    finally:
        _sql(central.db_path, "DROP TRIGGER refuse_updates")
    assert response.status_code == 500
    assert response.json() == {"error": "internal"}
    assert central.log_path is not None
    log = central.log_path.read_text(encoding="utf-8")
    assert "simulated write failure" in log  # the failure itself is logged
    surname = name.split()[0]
    for secret in (surname, phone, email):
        assert secret not in log


def test_a_body_over_the_limit_is_413_declared_or_chunked(
    central: CentralHandle, op: httpx.Client
) -> None:
    from cur_desktop.central.api import MAX_BODY_BYTES

    appeal = new_appeal(central)
    appeal_id, version = appeal.id, appeal.version
    path = f"/appeals/{appeal_id}/actions"
    note = {"key": "huge-note", "action": "add_note", "base_version": version}
    huge = {**note, "params": {"text": "я" * MAX_BODY_BYTES}}  # 2 bytes a letter in UTF-8

    declared = op.post(path, json=huge)
    assert declared.status_code == 413, declared.text
    assert declared.json() == {"error": "too_large", "limit": MAX_BODY_BYTES}

    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked, as it is made
        body = httpx.Request("POST", "http://x", json=huge).content
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]

    chunked = op.post(path, content=chunks(), headers={"Content-Type": "application/json"})
    assert chunked.status_code == 413, chunked.text
    assert chunked.json()["error"] == "too_large"

    # under the limit, chunked or not, the same command goes through, once
    small = {**note, "params": {"text": "Проверено на месте"}}
    body = httpx.Request("POST", "http://x", json=small).content
    applied = op.post(
        path, content=iter([body[:10], body[10:]]), headers={"Content-Type": "application/json"}
    )
    assert applied.status_code == 200, applied.text
    assert applied.json()["result"] == "applied"
    notes = _sql(
        central.db_path,
        f"SELECT count(*) FROM history WHERE appeal_id = {appeal_id} AND action = 'add_note'",
    )
    assert notes == [(1,)]
