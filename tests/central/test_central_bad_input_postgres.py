"""Text PostgreSQL cannot hold (a NUL character) in requests to the real service on PostgreSQL.

PostgreSQL refuses NUL in text outright, even in a comparison, so such a request made
the service fail (500). It is malformed input: a 400, or for an operator's command the
422 ``invalid_param`` the workstation settles and shows. Skipped without a server
(``tests/support/postgres.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from cur_desktop.central.api import create_app
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.demo import ensure_demo_accounts, seed_demo
from cur_desktop.central.scope import system_user
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Role, Status
from cur_desktop.regions import builtin_pack_dir
from tests.support.central import serve_in_thread
from tests.support.clock import GENERATED_AT
from tests.support.postgres import temp_database


@dataclass
class Running:
    url: str
    service: CentralService
    login: str
    password: str


@pytest.fixture(scope="module")
def central() -> Iterator[Running]:
    with temp_database("cur_nul_api") as url:
        service = open_service(url, pack=builtin_pack_dir(), migrate=True, demo=True)
        seed_demo(service, 30, seed=5, now=GENERATED_AT)
        accounts = {a.key: a for a in ensure_demo_accounts(service.engine, service.region.dicts)}
        server, thread = serve_in_thread(create_app(service, demo=True), service.hub)
        operator = accounts["operator"]
        try:
            yield Running(f"{server.url}/api/v1", service, operator.login, operator.password)
        finally:
            server.stop()
            thread.join(10)
            service.engine.dispose()


@pytest.fixture(scope="module")
def op(central: Running) -> Iterator[httpx.Client]:
    token = httpx.post(
        f"{central.url}/auth/token", json={"login": central.login, "password": central.password}
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}", "Connection": "close"}
    with httpx.Client(base_url=central.url, headers=headers, timeout=10) as client:
        yield client


@pytest.mark.parametrize("field", ["login", "workstation"])
def test_a_sign_in_with_a_nul_character_is_400(central: Running, field: str) -> None:
    body = {"login": central.login, "password": central.password, "workstation": "ws"}
    body[field] += "\x00"
    response = httpx.post(f"{central.url}/auth/token", json=body, headers={"Connection": "close"})
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "bad_request"


def test_a_snapshot_id_with_a_nul_character_is_400(op: httpx.Client) -> None:
    response = op.get("/snapshot/abc%00def/pages")
    assert response.status_code == 400, response.text


def test_an_answer_with_a_nul_character_is_refused_and_nothing_changes(
    central: Running, op: httpx.Client
) -> None:
    appeal_id = central.service.appeal_ids([Status.IN_PROGRESS])[0]
    held = op.get(f"/appeals/{appeal_id}").json()["appeal"]
    if held["taken_by"]:  # a colleague's appeal is theirs to answer: a head releases it
        head = system_user("test-head", Role.CUR_HEAD)
        central.service.apply_action(head, appeal_id, "nul-free", "release", {}, held["version"])
    before = op.get(f"/appeals/{appeal_id}").json()["appeal"]
    body = {
        "key": "answer-with-nul",
        "action": "answer",
        "params": {"text": "Яма заделана\x00"},
        "base_version": before["version"],
    }
    response = op.post(f"/appeals/{appeal_id}/actions", json=body)
    assert response.status_code == 422, response.text
    assert response.json() == {
        "error": "invalid_param",
        "reason": "text contains a NUL character",
        "params": {"param": "text"},
    }
    assert op.get(f"/appeals/{appeal_id}").json()["appeal"] == before
    body["params"] = {"text": "Яма заделана"}
    assert op.post(f"/appeals/{appeal_id}/actions", json=body).status_code == 200
