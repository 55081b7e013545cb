"""Sync and outbox replay when things go wrong, against the real service.

Chained commands whose predecessor was not applied, answers that are not the
protocol's (a garbled or cut body behind a 200), and a ``400`` answer: none may
apply a command behind the operator's back, lose one or a change of the feed, or
stop the sync or the queue for good.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from cur_desktop.cache import Cache, OutboxItem, OutboxState
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Action, Importance, Status
from cur_desktop.domain.lifecycle import Command
from cur_desktop.sync import CentralClient, SyncEngine
from cur_desktop.sync.status import Backoff, Link, SyncStatus
from tests.support.central import CentralHandle, central_thread, new_appeal
from tests.sync.sync_support import (
    FAST,
    cache_checksum,
    central_checksum,
    engine_for,
    service_user,
)

WORKING = (Status.NEW, Status.ROUTED, Status.IN_PROGRESS)


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=500) as handle:
        yield handle


def _free_appeal(central: CentralHandle) -> int:
    """A new working appeal nobody holds: made on the service, not searched for."""
    return new_appeal(central).id


def _history(central: CentralHandle, appeal_id: int) -> list[tuple[str, str]]:
    assert central.service is not None
    head = service_user(central, "cur_head")
    return [
        (h.entry.action, h.entry.actor) for h in central.service.get_appeal(head, appeal_id).history
    ]


def _on_service(central: CentralHandle, appeal_id: int) -> Appeal:
    assert central.service is not None
    return central.service.get_appeal(service_user(central, "cur_head"), appeal_id).appeal


def _colleague(central: CentralHandle, appeal_id: int, key: str, action: str, **params: str) -> int:
    """The head of the centre acts on the service directly; returns the new version."""
    assert central.service is not None
    head = service_user(central, "cur_head")
    version = _on_service(central, appeal_id).version
    outcome = central.service.apply_action(head, appeal_id, key, action, params, version)
    return outcome.appeal.version


# --- commands chained on one appeal (ui/console/actions.py stores base + 1) -------------


def test_a_command_chained_on_a_conflicted_one_is_not_applied_behind_the_operators_back(
    central: CentralHandle, tmp_path: Path
) -> None:
    x = _free_appeal(central)
    login = central.accounts["operator"].login
    conflicts: list[tuple[OutboxItem, Appeal]] = []
    with engine_for(
        central, tmp_path / "c.sqlite", on_conflict=lambda i, cur: conflicts.append((i, cur))
    ) as engine:
        engine.sync_once()
        seen = engine.cache.appeals.get(x)
        assert seen is not None
        outbox = engine.cache.outbox
        # offline, two commands in a row: the second is based on the first's result
        first = outbox.enqueue(
            x,
            Command.of(Action.SET_IMPORTANCE, importance="private"),
            base_version=seen.version,
            actor=login,
        )
        second = outbox.enqueue(
            x,
            Command.of(Action.SET_IMPORTANCE, importance="normal"),
            base_version=seen.version + 1,
            actor=login,
        )
        # meanwhile a colleague changes the appeal: one version on, as the first would
        theirs = _colleague(central, x, f"colleague-{x}", "set_importance", importance="high")
        assert theirs == seen.version + 1

        report = engine.sync_once()

        states = {i.idempotency_key: i.state for i in outbox.items()}
        assert states[first.idempotency_key] is OutboxState.CONFLICT
        # the second was meant for the appeal after the first, which never happened:
        # sent as it was, it would apply on top of the colleague's change unseen
        assert states[second.idempotency_key] is OutboxState.CONFLICT
        assert report.conflicts == 2
        assert report.confirmed == 0
        assert [i.idempotency_key for i, _ in conflicts] == [
            first.idempotency_key,
            second.idempotency_key,
        ]
        assert all(current.version == theirs for _, current in conflicts)
        settled_second = conflicts[1][0]
        assert settled_second.result is not None
        assert settled_second.result["current"]["version"] == theirs

    on_service = _on_service(central, x)
    assert (on_service.version, on_service.importance) == (theirs, Importance.HIGH)
    assert _history(central, x).count(("set_importance", login)) == 0


def test_chained_conflicts_reapplied_in_order_both_apply(
    central: CentralHandle, tmp_path: Path
) -> None:
    x = _free_appeal(central)
    login = central.accounts["operator"].login
    conflicts: list[OutboxItem] = []
    with engine_for(
        central, tmp_path / "c.sqlite", on_conflict=lambda i, _cur: conflicts.append(i)
    ) as engine:
        engine.sync_once()
        seen = engine.cache.appeals.get(x)
        assert seen is not None
        outbox = engine.cache.outbox
        for n, importance in enumerate(("private", "normal")):
            outbox.enqueue(
                x,
                Command.of(Action.SET_IMPORTANCE, importance=importance),
                base_version=seen.version + n,
                actor=login,
            )
        theirs = _colleague(central, x, f"colleague2-{x}", "set_importance", importance="high")
        engine.sync_once()
        assert len(conflicts) == 2

        # the operator looks at both and keeps both, in the order they were made
        again = [engine.resolve_conflict(item, reapply=True) for item in conflicts]
        assert [a.base_version for a in again if a is not None] == [theirs, theirs + 1]
        report = engine.sync_once()
        assert (report.confirmed, report.conflicts) == (2, 0)

    on_service = _on_service(central, x)
    assert (on_service.version, on_service.importance) == (theirs + 2, Importance.NORMAL)
    assert _history(central, x).count(("set_importance", login)) == 2


def test_a_command_chained_on_a_refused_one_is_held_as_a_conflict(
    central: CentralHandle, tmp_path: Path
) -> None:
    x = _free_appeal(central)
    login = central.accounts["operator"].login
    conflicts: list[tuple[OutboxItem, Appeal]] = []
    with engine_for(
        central, tmp_path / "c.sqlite", on_conflict=lambda i, cur: conflicts.append((i, cur))
    ) as engine:
        engine.sync_once()
        seen = engine.cache.appeals.get(x)
        assert seen is not None
        outbox = engine.cache.outbox
        take = outbox.enqueue(x, Command.of(Action.TAKE), base_version=seen.version, actor=login)
        wanted = next(i for i in Importance if i is not seen.importance)
        mark = outbox.enqueue(
            x,
            Command.of(Action.SET_IMPORTANCE, importance=wanted.value),
            base_version=seen.version + 1,
            actor=login,
        )
        theirs = _colleague(central, x, f"colleague-take-{x}", "take")  # faster
        assert theirs == seen.version + 1

        report = engine.sync_once()

        (refused,) = outbox.items(OutboxState.REFUSED)
        assert refused.idempotency_key == take.idempotency_key
        assert refused.result is not None
        assert refused.result["error"] == "taken_by_other"
        states = {i.idempotency_key: i.state for i in outbox.items()}
        assert states[mark.idempotency_key] is OutboxState.CONFLICT
        assert (report.refused, report.conflicts, report.confirmed) == (1, 1, 0)
        ((item, current),) = conflicts
        assert item.idempotency_key == mark.idempotency_key
        assert current.version == theirs
        assert current.taken_by == central.accounts["cur_head"].login

    on_service = _on_service(central, x)
    assert (on_service.version, on_service.importance) == (theirs, seen.importance)
    assert _history(central, x).count(("set_importance", login)) == 0


def test_an_unrelated_later_command_on_the_same_appeal_still_goes(
    central: CentralHandle, tmp_path: Path
) -> None:
    """After the operator decided a conflict, new commands are not held by the old one."""
    x = _free_appeal(central)
    login = central.accounts["operator"].login
    conflicts: list[OutboxItem] = []
    with engine_for(
        central, tmp_path / "c.sqlite", on_conflict=lambda i, _cur: conflicts.append(i)
    ) as engine:
        engine.sync_once()
        seen = engine.cache.appeals.get(x)
        assert seen is not None
        engine.cache.outbox.enqueue(
            x,
            Command.of(Action.SET_IMPORTANCE, importance="private"),
            base_version=seen.version,
            actor=login,
        )
        theirs = _colleague(central, x, f"colleague3-{x}", "set_importance", importance="high")
        engine.sync_once()
        (conflict,) = conflicts
        engine.resolve_conflict(conflict, reapply=False)
        later = engine.cache.outbox.enqueue(
            x,
            Command.of(Action.SET_IMPORTANCE, importance="normal"),
            base_version=theirs,
            actor=login,
        )
        report = engine.sync_once()
        assert report.confirmed == 1
        states = {i.idempotency_key: i.state for i in engine.cache.outbox.items()}
        assert states[later.idempotency_key] is OutboxState.CONFIRMED
    assert _on_service(central, x).importance is Importance.NORMAL


# --- answers that are not the protocol's ------------------------------------------------


class Garble(httpx.BaseTransport):
    """Passes every request to the real service; the first ``times`` answers to
    ``method`` on a path ending in ``suffix`` come back as ``body`` with status 200
    (a proxy, or a cut the HTTP framing did not notice). The service has done the
    work all the same (an action is applied)."""

    def __init__(self, method: str, suffix: str, body: bytes, times: int = 1) -> None:
        self._inner = httpx.HTTPTransport()
        self._match = (method, suffix)
        self._body = body
        self.left = times

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        method, suffix = self._match
        if request.method == method and request.url.path.endswith(suffix) and self.left:
            self.left -= 1
            response.read()
            response.close()
            return httpx.Response(200, content=self._body, request=request)
        return response

    def close(self) -> None:
        self._inner.close()


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"result": "applied", "appeal": {"id": 1', id="cut-json"),
        pytest.param(b"<html><body>proxy</body></html>", id="not-json"),
        pytest.param(b"{}", id="json-without-appeal"),
        pytest.param(b'{"result": "applied", "appeal": {"id": "x"}}', id="undecodable-appeal"),
    ],
)
def test_a_garbled_answer_keeps_the_item_and_is_retried_with_backoff(
    central: CentralHandle, tmp_path: Path, body: bytes
) -> None:
    x = _free_appeal(central)
    login = central.accounts["operator"].login
    garble = Garble("POST", "/actions", body)
    statuses: list[SyncStatus] = []
    with (
        CentralClient(central.url, transport=garble) as client,
        Cache.open(tmp_path / "c.sqlite") as cache,
    ):
        client.token = central.login("operator")
        engine = SyncEngine(cache, client, backoff=Backoff(**FAST), on_status=statuses.append)
        engine.sync_once()
        seen = cache.appeals.get(x)
        assert seen is not None
        item = cache.outbox.enqueue(
            x, Command.of(Action.ADD_NOTE, text="garbled"), base_version=seen.version, actor=login
        )

        report = engine.sync_once(give_up_after=30)

        assert garble.left == 0
        assert not report.cancelled
        assert report.confirmed == 1
        (done,) = cache.outbox.items(OutboxState.CONFIRMED)
        assert done.idempotency_key == item.idempotency_key
        assert done.result is not None
        assert done.result["result"] == "duplicate"  # the first delivery had applied it
        assert done.attempts == 2
        offline = [s for s in statuses if s.link is Link.OFFLINE]
        assert offline
        assert offline[0].error == "bad_response"
        assert offline[0].retry_in is not None
    assert _history(central, x).count(("add_note", login)) == 1


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"changes": [{"seq": 1, "op": "ups', id="cut-json"),
        pytest.param(b"{}", id="json-without-changes"),
        pytest.param(b'{"changes": [{"op": "upsert"}], "last": 1, "has_more": false}', id="bad"),
    ],
)
def test_a_garbled_feed_page_is_asked_for_again_and_nothing_is_lost(
    central: CentralHandle, tmp_path: Path, body: bytes
) -> None:
    assert central.service is not None
    x = _free_appeal(central)
    garble = Garble("GET", "/changes", body)
    statuses: list[SyncStatus] = []
    with (
        CentralClient(central.url, transport=garble) as client,
        Cache.open(tmp_path / "c.sqlite") as cache,
    ):
        client.token = central.login("operator")
        engine = SyncEngine(cache, client, backoff=Backoff(**FAST), on_status=statuses.append)
        garble.left = 0
        engine.sync_once()
        _colleague(central, x, f"feed-{x}-{len(body)}", "add_note", text="в ленте")
        garble.left = 1

        report = engine.sync_once(give_up_after=30)

        assert garble.left == 0
        assert not report.cancelled
        assert [s.error for s in statuses if s.link is Link.OFFLINE] == ["bad_response"]
        cached = cache.appeals.get(x)
        assert cached is not None
        assert cached.version == _on_service(central, x).version
        assert cache_checksum(cache) == central_checksum(central, service_user(central, "operator"))


class LoseNthActionAnswer(httpx.BaseTransport):
    """The real service; the answer to the ``nth`` action is lost on the way back
    (the service has applied it), as when the link drops at that moment."""

    def __init__(self, nth: int) -> None:
        self._inner = httpx.HTTPTransport()
        self._nth = nth
        self.actions = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if request.method == "POST" and request.url.path.endswith("/actions"):
            self.actions += 1
            if self.actions == self._nth:
                response.read()
                response.close()
                raise httpx.ReadError("connection reset", request=request)
        return response

    def close(self) -> None:
        self._inner.close()


def test_what_a_failed_pass_confirmed_is_reported_and_refreshed(
    central: CentralHandle, tmp_path: Path
) -> None:
    ids = [_free_appeal(central) for _ in range(3)]
    login = central.accounts["operator"].login
    lose = LoseNthActionAnswer(2)
    changed: list[int] = []
    with (
        CentralClient(central.url, transport=lose) as client,
        Cache.open(tmp_path / "c.sqlite") as cache,
    ):
        client.token = central.login("operator")
        engine = SyncEngine(cache, client, backoff=Backoff(**FAST))
        engine.sync_once()
        for appeal_id in ids:
            cached = cache.appeals.get(appeal_id)
            assert cached is not None
            cache.outbox.enqueue(
                appeal_id,
                Command.of(Action.ADD_NOTE, text="по очереди"),
                base_version=cached.version,
                actor=login,
            )
        engine.on_changes = lambda c, _r: changed.extend(c)

        report = engine.sync_once(give_up_after=30)

        assert lose.actions == 4  # the second was sent twice
        assert cache.outbox.size() == 0
        # the summary counts the one confirmed before the link dropped as well
        assert (report.confirmed, report.conflicts, report.refused) == (3, 0, 0)
        assert ids[0] in changed
    for appeal_id in ids:
        assert _history(central, appeal_id).count(("add_note", login)) == 1


class ProxyRefusesFirstAction(httpx.BaseTransport):
    """A proxy between us and the service answers the first action itself with a
    ``status`` page of its own; the service never sees that request."""

    def __init__(self, status: int) -> None:
        self._inner = httpx.HTTPTransport()
        self._status = status
        self.left = 1

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/actions") and self.left:
            self.left -= 1
            page = b"<html><body><h1>Access denied by proxy</h1></body></html>"
            return httpx.Response(self._status, content=page, request=request)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


@pytest.mark.parametrize("status", [403, 404, 400])
def test_a_proxys_error_page_is_no_refusal_of_the_command(
    central: CentralHandle, tmp_path: Path, status: int
) -> None:
    x = _free_appeal(central)
    login = central.accounts["operator"].login
    proxy = ProxyRefusesFirstAction(status)
    with (
        CentralClient(central.url, transport=proxy) as client,
        Cache.open(tmp_path / "c.sqlite") as cache,
    ):
        client.token = central.login("operator")
        engine = SyncEngine(cache, client, backoff=Backoff(**FAST))
        engine.sync_once()
        seen = cache.appeals.get(x)
        assert seen is not None
        item = cache.outbox.enqueue(
            x,
            Command.of(Action.ADD_NOTE, text="через прокси"),
            base_version=seen.version,
            actor=login,
        )

        report = engine.sync_once(give_up_after=30)

        assert proxy.left == 0
        assert (report.confirmed, report.refused) == (1, 0)
        (done,) = cache.outbox.items(OutboxState.CONFIRMED)
        assert done.idempotency_key == item.idempotency_key
    assert _history(central, x).count(("add_note", login)) == 1


# --- a token that stops working mid-replay ----------------------------------------------


class RevokeAfterFirstAction(httpx.BaseTransport):
    """The real service; right after the first action's answer the token is revoked
    (an administrator, or its expiry), so the next command meets a real ``401``."""

    def __init__(self, api: str) -> None:
        self._inner = httpx.HTTPTransport()
        self._api = api
        self.revoked = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        action = request.method == "POST" and request.url.path.endswith("/actions")
        if action and not self.revoked:
            self.revoked = True
            auth = {"Authorization": request.headers["Authorization"]}
            httpx.post(f"{self._api}/auth/revoke", headers=auth, timeout=10).raise_for_status()
        return response

    def close(self) -> None:
        self._inner.close()


def test_a_token_revoked_mid_replay_loses_and_doubles_nothing(
    central: CentralHandle, tmp_path: Path
) -> None:
    from cur_desktop.sync import Unauthorized

    x, y = _free_appeal(central), _free_appeal(central)
    login = central.accounts["operator"].login
    revoke = RevokeAfterFirstAction(central.api)
    statuses: list[SyncStatus] = []
    with Cache.open(tmp_path / "c.sqlite") as cache:
        with CentralClient(central.url, transport=revoke) as client:
            client.token = central.login("operator")
            engine = SyncEngine(cache, client, backoff=Backoff(**FAST), on_status=statuses.append)
            engine.sync_once()
            items = []
            for appeal_id, text in ((x, "первая"), (y, "вторая")):
                cached = cache.appeals.get(appeal_id)
                assert cached is not None
                items.append(
                    cache.outbox.enqueue(
                        appeal_id,
                        Command.of(Action.ADD_NOTE, text=text),
                        base_version=cached.version,
                        actor=login,
                    )
                )
            with pytest.raises(Unauthorized):
                engine.sync_once()
            assert engine.status.link is Link.UNAUTHORIZED
            states = {i.idempotency_key: i for i in cache.outbox.items()}
            assert states[items[0].idempotency_key].state is OutboxState.CONFIRMED
            assert states[items[1].idempotency_key].state is OutboxState.PENDING

        # the operator signs in again: the rest goes, nothing twice
        with engine_for(central, tmp_path / "c.sqlite") as again:
            report = again.sync_once()
            assert (report.confirmed, report.conflicts, report.refused) == (1, 0, 0)
    assert _history(central, x).count(("add_note", login)) == 1
    assert _history(central, y).count(("add_note", login)) == 1


# --- a 400 answer -----------------------------------------------------------------------


def test_a_bad_request_answer_refuses_the_item_and_the_queue_goes_on(
    central: CentralHandle, tmp_path: Path
) -> None:
    x, y, z = _free_appeal(central), _free_appeal(central), _free_appeal(central)
    login = central.accounts["operator"].login
    with engine_for(central, tmp_path / "c.sqlite") as engine:
        engine.sync_once()
        versions = {}
        for appeal_id in (x, y, z):
            cached = engine.cache.appeals.get(appeal_id)
            assert cached is not None
            versions[appeal_id] = cached.version
        used = "reused-key-0001"
        answer = central.client("operator").post(
            f"/appeals/{x}/actions",
            json={"key": used, "action": "add_note", "params": {"text": "a"}},
        )
        assert answer.status_code == 200
        # an item the service answers 400 (here: its key was used for another appeal)
        bad = engine.cache.outbox.enqueue(
            y,
            Command.of(Action.ADD_NOTE, text="b"),
            base_version=versions[y],
            actor=login,
            key=used,
        )
        good = engine.cache.outbox.enqueue(
            z, Command.of(Action.ADD_NOTE, text="c"), base_version=versions[z], actor=login
        )

        report = engine.sync_once(give_up_after=10)

        states = {i.idempotency_key: i for i in engine.cache.outbox.items()}
        assert states[bad.idempotency_key].state is OutboxState.REFUSED
        result = states[bad.idempotency_key].result
        assert result is not None
        assert result["error"] == "bad_request"
        assert states[good.idempotency_key].state is OutboxState.CONFIRMED
        assert (report.refused, report.confirmed) == (1, 1)
    assert _history(central, y).count(("add_note", login)) == 0
    assert _history(central, z).count(("add_note", login)) == 1
