"""The HTTP API against real uvicorn on 127.0.0.1: routes, error bodies, gzip, actions."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest
from sqlalchemy import text

from cur_desktop.central.db import write_tx
from cur_desktop.central.scope import system_user
from cur_desktop.domain.enums import Role, Status
from tests.support.central import CentralHandle, central_thread

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralHandle]:
    with central_thread(tmp_path_factory.mktemp("http"), appeals=150) as handle:
        yield handle


@pytest.fixture(scope="module")
def op(central: CentralHandle) -> httpx.Client:
    return central.client("operator")


def test_openapi_lists_every_route_of_the_protocol(central: CentralHandle) -> None:
    doc = httpx.get(f"{central.url}/openapi.json").json()
    paths = set(doc["paths"])
    assert paths >= {
        "/api/v1/auth/token",
        "/api/v1/auth/revoke",
        "/api/v1/admin/tokens/{token_id}/revoke",
        "/api/v1/me",
        "/api/v1/region",
        "/api/v1/region/boundaries",
        "/api/v1/changes",
        "/api/v1/snapshot",
        "/api/v1/snapshot/{snapshot_id}/pages",
        "/api/v1/stream",
        "/api/v1/appeals/{appeal_id}/actions",
        "/api/v1/appeals/{appeal_id}",
        "/api/v1/appeals",
    }


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("GET", "/api/v1/nowhere", None, 404, "not_found"),
        ("DELETE", "/api/v1/me", None, 405, "method_not_allowed"),
        ("POST", "/api/v1/appeals/1/actions", b"{not json", 400, "bad_request"),
        ("POST", "/api/v1/appeals/1/actions", b'{"key": "k"}', 400, "bad_request"),
        ("GET", "/api/v1/changes?after=minus-one", None, 400, "bad_request"),
        ("GET", "/api/v1/changes?limit=0", None, 400, "bad_request"),
        ("GET", "/api/v1/appeals", None, 400, "bad_request"),
        ("GET", "/api/v1/appeals/999999999", None, 404, "not_found"),
        ("GET", "/api/v1/snapshot/nope/pages", None, 404, "not_found"),
    ],
)
def test_errors_are_json_with_a_stable_code(
    op: httpx.Client, method: str, path: str, body: bytes | None, status: int, code: str
) -> None:
    response = op.request(
        method,
        path.removeprefix("/api/v1"),
        content=body,
        headers={"content-type": "application/json"},
    )
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"] == code
    assert "Traceback" not in response.text


def test_calls_without_a_valid_token_are_401(central: CentralHandle) -> None:
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic x"}):
        response = httpx.get(f"{central.api}/me", headers=headers)
        assert response.status_code == 401
        assert response.json() == {"error": "bad_token"}


def test_me_and_region_say_demo(op: httpx.Client) -> None:
    me = op.get("/me").json()
    assert me["demo"] is True
    assert me["user"] == {
        "login": "demo-operator",
        "name": "Demo operator",
        "role": "operator",
        "scope": {"municipalities": [], "themes": []},
    }
    assert {"server_version", "min_client_version", "latest_client_version"} <= set(me)
    region = op.get("/region").json()
    assert region["pack"]["name"].endswith(" (демо)")
    assert region["pack"]["code"] == "RU-TUL"
    assert region["dictionaries"]["format"] == "cur-dictionaries"
    assert region["sla_rules"]["format"] == "cur-sla-rules"
    assert "extends" not in region["sla_rules"]
    assert region["boundaries_etag"] is None
    assert op.get("/region/boundaries").status_code == 404


def test_snapshot_pages_are_gzipped_only_when_asked(op: httpx.Client) -> None:
    snap = op.post("/snapshot", json={"closed_window_days": 3650}).json()
    assert snap["count"] == 150
    url = f"/snapshot/{snap['snapshot']}/pages"
    with op.stream("GET", url, params={"limit": 100}, headers={"Accept-Encoding": "gzip"}) as r:
        raw = b"".join(r.iter_raw())
        assert r.headers["content-encoding"] == "gzip"
    page = orjson.loads(gzip.decompress(raw))
    assert len(page["items"]) == 100
    assert page["has_more"] is True
    plain = op.get(
        url,
        params={"limit": 100, "after_id": page["last_id"]},
        headers={"Accept-Encoding": "identity"},
    )
    assert "content-encoding" not in plain.headers
    rest = plain.json()
    assert len(rest["items"]) == 50
    assert rest["has_more"] is False
    assert rest["items"][0]["appeal"]["id"] > page["last_id"]


def test_actions_over_http(central: CentralHandle, op: httpx.Client) -> None:
    assert central.service is not None
    appeal_id = central.service.appeal_ids([Status.IN_PROGRESS])[0]
    appeal = op.get(f"/appeals/{appeal_id}").json()["appeal"]
    if appeal["taken_by"]:  # a colleague's appeal is theirs to answer: a head releases it
        head = system_user("test-head", Role.CUR_HEAD)
        central.service.apply_action(head, appeal_id, "http-0", "release", {}, appeal["version"])
        appeal = op.get(f"/appeals/{appeal_id}").json()["appeal"]
    body = {
        "key": "http-1",
        "action": "add_note",
        "params": {"text": "x"},
        "base_version": appeal["version"],
    }
    applied = op.post(f"/appeals/{appeal_id}/actions", json=body)
    assert applied.status_code == 200
    assert applied.json()["result"] == "applied"
    duplicate = op.post(f"/appeals/{appeal_id}/actions", json=body).json()
    assert duplicate["result"] == "duplicate"
    assert duplicate["seq"] == applied.json()["seq"]
    stale = op.post(
        f"/appeals/{appeal_id}/actions",
        json={
            "key": "http-2",
            "action": "answer",
            "params": {"text": "ok"},
            "base_version": appeal["version"],
        },
    )
    assert stale.status_code == 409
    assert stale.json()["error"] == "stale_version"
    assert stale.json()["current"]["version"] == appeal["version"] + 1
    refused = op.post(
        f"/appeals/{appeal_id}/actions",
        json={
            "key": "http-3",
            "action": "close",
            "params": {},
            "base_version": appeal["version"] + 1,
        },
    )
    assert refused.status_code == 422
    assert refused.json()["error"] == "wrong_status"
    assert refused.json()["params"]["status"] == "in_progress"
    wall = central.client("wall")
    forbidden = wall.post(f"/appeals/{appeal_id}/actions", json={**body, "key": "http-4"})
    assert (forbidden.status_code, forbidden.json()) == (403, {"error": "forbidden_role"})
    changes = op.get("/changes", params={"after": applied.json()["seq"] - 1}).json()
    assert changes["changes"][0]["id"] == appeal_id
    assert changes["head"] >= applied.json()["seq"]


def test_an_unexpected_failure_is_500_without_a_traceback(
    central: CentralHandle, op: httpx.Client
) -> None:
    assert central.service is not None
    with write_tx(central.service.engine) as conn:
        status = conn.execute(text("SELECT status FROM appeals WHERE id = 3")).scalar_one()
        conn.execute(text("UPDATE appeals SET status = 'haunted' WHERE id = 3"))
    try:
        response = op.get("/appeals/3")
        assert response.status_code == 500
        assert response.json() == {"error": "internal"}
    finally:
        with write_tx(central.service.engine) as conn:
            conn.execute(text("UPDATE appeals SET status = :s WHERE id = 3"), {"s": status})


def test_auth_over_http(central: CentralHandle) -> None:
    bad = httpx.post(
        f"{central.api}/auth/token",
        json={"login": "demo-operator", "password": "not it", "workstation": "w"},
    )
    assert (bad.status_code, bad.json()) == (401, {"error": "bad_credentials"})
    login = httpx.post(
        f"{central.api}/auth/token",
        json={
            "login": "demo-operator",
            "password": central.accounts["operator"].password,
            "workstation": "w",
        },
    ).json()
    assert login["user"]["role"] == "operator"
    headers = {"Authorization": f"Bearer {login['token']}"}
    assert httpx.get(f"{central.api}/me", headers=headers).status_code == 200
    assert httpx.post(f"{central.api}/auth/revoke", headers=headers).json() == {"revoked": True}
    gone = httpx.get(f"{central.api}/me", headers=headers)
    assert (gone.status_code, gone.json()) == (401, {"error": "bad_token"})

    victim = central.login("wall")
    assert central.service is not None
    _, victim_id = central.service.authenticate(victim)
    operator = central.client("operator")
    denied = operator.post(f"/admin/tokens/{victim_id}/revoke")
    assert (denied.status_code, denied.json()) == (403, {"error": "forbidden_role"})
    head = central.client("cur_head")
    assert head.post(f"/admin/tokens/{victim_id}/revoke").json() == {"revoked": True}
    assert head.post(f"/admin/tokens/{victim_id}/revoke").status_code == 404
    wall = httpx.get(f"{central.api}/me", headers={"Authorization": f"Bearer {victim}"})
    assert wall.status_code == 401


def test_boundaries_are_served_with_an_etag(tmp_path: Path) -> None:
    with central_thread(tmp_path, appeals=0, pack=REPO / "tests/data/packs/tiny") as central:
        client = central.client("operator")
        etag = client.get("/region").json()["boundaries_etag"]
        first = client.get("/region/boundaries")
        assert first.status_code == 200
        assert first.headers["etag"] == f'"{etag}"'
        assert first.json()["type"] == "FeatureCollection"
        again = client.get("/region/boundaries", headers={"If-None-Match": f'"{etag}"'})
        assert again.status_code == 304
