"""Text that is not Unicode (lone surrogates, invalid UTF-8) is refused at the edge with a
clear 4xx, never a 500 (issue 15, item 6); the workstation settles such a command as
refused and shows why, instead of retrying it for ever."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from cur_desktop.domain.enums import Status
from tests.support.central import CentralHandle, central_thread

LONE = '"\\ud800"'  # a lone surrogate, as JSON writes it


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralHandle]:
    with central_thread(tmp_path_factory.mktemp("unicode"), appeals=30) as handle:
        yield handle


@pytest.fixture(scope="module")
def op(central: CentralHandle) -> httpx.Client:
    return central.client("operator")


@pytest.fixture(scope="module")
def appeal_id(central: CentralHandle) -> int:
    assert central.service is not None
    return central.service.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS])[0]


def _post(op: httpx.Client, path: str, raw: bytes) -> httpx.Response:
    return op.post(path, content=raw, headers={"Content-Type": "application/json"})


def _note(text_json: str) -> bytes:
    key = uuid.uuid4().hex
    return (
        f'{{"key": "{key}", "action": "add_note", "params": {{"text": {text_json}}}, '
        '"base_version": null}'
    ).encode()


@pytest.mark.parametrize(
    ("what", "raw"),
    [
        ("a lone surrogate escaped in JSON", _note(LONE)),
        ("a lone surrogate as raw bytes", _note('"x').rstrip(b'"') + b'"\xed\xa0\x80x"}'),
        ("invalid UTF-8", _note('"ok"').replace(b'"ok"', b'"\xff\xfe"')),
    ],
)
def test_a_command_with_bad_unicode_is_refused_with_a_reason(
    op: httpx.Client, appeal_id: int, what: str, raw: bytes
) -> None:
    answer = _post(op, f"/appeals/{appeal_id}/actions", raw)
    assert 400 <= answer.status_code < 500, (what, answer.status_code, answer.text)
    body = answer.json()
    assert body["error"] in ("bad_request", "invalid_param")
    assert "Unicode" in str(body) or "UTF-8" in str(body)


@pytest.mark.parametrize(
    ("path", "raw"),
    [
        ("/appeals", b'{"key": "k-surrogate", "params": {"text": ' + LONE.encode() + b"}}"),
        ("/appeals", b'{"key": ' + LONE.encode() + b', "params": {"text": "x"}}'),
        ("/appeals", b'{"key": "k", "params": {' + LONE.encode() + b': "x"}}'),
        ("/auth/token", b'{"login": ' + LONE.encode() + b', "password": "12345678"}'),
        ("/auth/token", b'{"login": "a", "password": ' + LONE.encode() + b"}"),
        ("/snapshot", b'{"closed_window_days": ' + LONE.encode() + b"}"),
    ],
)
def test_bad_unicode_anywhere_in_a_body_is_a_4xx(op: httpx.Client, path: str, raw: bytes) -> None:
    answer = _post(op, path, raw)
    assert 400 <= answer.status_code < 500, (path, answer.status_code, answer.text)
    assert answer.json()["error"] in ("bad_request", "invalid_param")


@pytest.mark.parametrize(
    "path",
    [
        "/changes?after=0&mark=%ED%A0%80",
        "/appeals?closed_before=%ED%A0%80",
        "/snapshot/%ED%A0%80/pages",
        "/appeals/%ED%A0%80",
    ],
)
def test_bad_unicode_in_a_url_is_a_4xx(op: httpx.Client, path: str) -> None:
    answer = op.get(path)
    assert 400 <= answer.status_code < 500, (path, answer.status_code, answer.text)


def test_the_workstation_client_refuses_such_text_as_final_not_transient(
    central: CentralHandle, appeal_id: int
) -> None:
    """The client cannot even encode a lone surrogate: it answers as the service would
    (400, the service's verdict), so the outbox settles the command as refused with its
    reason instead of retrying it (outbox_replay: a non-transient 4xx is final)."""
    from cur_desktop.sync.client import CentralClient
    from cur_desktop.sync.errors import ServerError

    with CentralClient(central.url, token=central.login("operator")) as client:
        with pytest.raises(ServerError) as refused:
            client.action(
                appeal_id,
                key=uuid.uuid4().hex,
                action="add_note",
                params={"text": "pasted \ud800 text"},
                base_version=1,
            )
        assert refused.value.status == 400
        assert not refused.value.transient
        assert "not valid Unicode" in str(refused.value)
        # and the service's own 400 for such a body is final too
        answer = httpx.post(
            f"{central.api}/appeals/{appeal_id}/actions",
            content=_note(LONE),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {client.token}",
            },
        )
        from cur_desktop.sync.errors import error_from_response

        verdict = error_from_response(answer.status_code, answer.content)
        assert isinstance(verdict, ServerError)
        assert not verdict.transient
