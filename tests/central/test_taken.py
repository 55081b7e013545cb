"""Taken means taken: the real service on 127.0.0.1, over HTTP, on SQLite and PostgreSQL.

A colleague's lifecycle actions on an appeal someone holds are refused with the
holder's display name; notes and flags still go through; «Забрать себе» (take_over)
is a command of its own, recorded in history with the previous holder, after which
the new holder acts and the old one is refused. An operator takes over only an idle
colleague's appeal (the region's rule); a head at once. A command queued offline and
refused this way reaches the operator's outbox with the holder's name.

The service runs on a pinned clock (a Tuesday morning in Tula) so that "idle for four
working hours" means the same at any hour the suite runs.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from cur_desktop.cache import OutboxState
from cur_desktop.central.auth import add_user
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.service import CentralService
from cur_desktop.clock import PinnedClock
from cur_desktop.domain.appeal import Appeal, Author
from cur_desktop.domain.enums import Action, Kind, Role, Source, Status
from cur_desktop.domain.lifecycle import Command
from cur_desktop.regions import builtin_pack_dir
from tests.support.central import TULA, Account, CentralHandle, serve_in_thread
from tests.support.postgres import temp_database
from tests.sync.sync_support import engine_for

#: Tuesday 3 March 2026, 10:00 in Tula (UTC+3): a working morning.
MORNING = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
PASSWORD = "taken-means-taken"
PEOPLE = {
    "ivanova": ("Иванова Анна Петровна", Role.OPERATOR),
    "petrova": ("Петрова Ольга Ивановна", Role.OPERATOR),
    "head": ("Смирнов Виктор Сергеевич", Role.CUR_HEAD),
}


@contextmanager
def _served(db: str | Path, pack: Path) -> Iterator[tuple[CentralHandle, PinnedClock]]:
    from cur_desktop.central.api import create_app

    service = open_service(db, pack=pack, migrate=True)
    clock = PinnedClock(MORNING)
    service.clock = clock
    server = thread = None
    try:
        accounts = {}
        for login, (name, role) in PEOPLE.items():
            add_user(service.engine, login, name, role, PASSWORD)
            accounts[login] = Account(login, PASSWORD, role.value, {})
        server, thread = serve_in_thread(create_app(service), service.hub)
        handle = CentralHandle(server.url, accounts, Path(str(db)), service=service)
        try:
            yield handle, clock
        finally:
            handle.close_clients()
    finally:
        if server is not None:
            server.stop()
        if thread is not None:
            thread.join(10)
        service.engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CentralHandle]:
    yield from _central(request.param, tmp_path, builtin_pack_dir())


def _central(backend: str, tmp_path: Path, pack: Path) -> Iterator[CentralHandle]:
    if backend == "sqlite":
        with _served(tmp_path / "central.sqlite", pack) as (handle, _):
            yield handle
        return
    with temp_database("cur_taken") as url, _served(url, pack) as (handle, _):
        yield handle


def _service(handle: CentralHandle) -> CentralService:
    assert handle.service is not None
    return handle.service


def _clock(handle: CentralHandle) -> PinnedClock:
    clock = _service(handle).clock
    assert isinstance(clock, PinnedClock)
    return clock


def _fresh(handle: CentralHandle) -> Appeal:
    """A new, categorised appeal in Tula that nobody holds."""
    service = _service(handle)
    head = service.authenticate(handle.login("head"))[0]
    draft = Appeal(
        id=0,
        source=Source.POS,
        external_id=f"TK-{service.head() + 1:05d}",
        kind=Kind.MESSAGE,
        created_at=_clock(handle)(),
        text="Глубокая яма у дома, машины объезжают по встречной.",
        title="Яма на дороге",
        municipality=TULA,
        theme="roads",
        address="г. Тула, ул. Ленина, д. 5",
        author=Author(name="Иван Петров"),
    )
    return service.create_appeal(draft, actor=head).appeal


def _body(handle: CentralHandle) -> str:
    return _service(handle).region.dicts.bodies_for("roads", TULA)[0].code


class Desk:
    """One person's HTTP session: sends commands on the appeal's current version."""

    def __init__(self, handle: CentralHandle, login: str) -> None:
        self.handle = handle
        self.login = login
        self.http = handle.client(login)
        self.sent = 0

    def act(self, appeal_id: int, action: str, **params: Any) -> httpx.Response:
        version = self.http.get(f"/appeals/{appeal_id}").json()["appeal"]["version"]
        self.sent += 1
        return self.http.post(
            f"/appeals/{appeal_id}/actions",
            json={
                "key": f"{self.login}-{appeal_id}-{self.sent}-{action}",
                "action": action,
                "params": params,
                "base_version": version,
            },
        )

    def ok(self, appeal_id: int, action: str, **params: Any) -> dict[str, Any]:
        answer = self.act(appeal_id, action, **params)
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return body

    def refused(self, appeal_id: int, action: str, code: str, **params: Any) -> dict[str, Any]:
        answer = self.act(appeal_id, action, **params)
        assert answer.status_code == 422, answer.text
        body: dict[str, Any] = answer.json()
        assert body["error"] == code, body
        return body


def _history(desk: Desk, appeal_id: int) -> list[dict[str, Any]]:
    history: list[dict[str, Any]] = desk.http.get(f"/appeals/{appeal_id}").json()["history"]
    return history


def test_a_colleagues_lifecycle_actions_are_refused_with_the_holders_name(
    central: CentralHandle,
) -> None:
    ivanova, petrova, head = (
        Desk(central, "ivanova"),
        Desk(central, "petrova"),
        Desk(central, "head"),
    )
    appeal = _fresh(central)
    body = _body(central)
    ivanova.ok(appeal.id, "take")

    for action, params in (("route", {"body": body}), ("reject", {"reason": "spam"})):
        refusal = petrova.refused(appeal.id, action, "taken_by_other", **params)
        assert refusal["params"]["taken_by"] == "ivanova"
        assert refusal["params"]["taken_by_name"] == "Иванова Анна Петровна"
    petrova.refused(appeal.id, "take", "taken_by_other")

    ivanova.ok(appeal.id, "route", body=body)
    ivanova.ok(appeal.id, "take_into_work")
    for action, params in (
        ("answer", {"text": "Яма заделана"}),
        ("interim_answer", {"text": "Работы запланированы"}),
        ("postpone", {"until": (MORNING + timedelta(days=40)).timestamp(), "reason": "весной"}),
        ("redirect", {"to": "Прокуратура"}),
    ):
        refusal = petrova.refused(appeal.id, action, "taken_by_other", **params)
        assert refusal["params"]["taken_by_name"] == "Иванова Анна Петровна", action
    # a head does not act over the hold either: they take it over first
    head.refused(appeal.id, "answer", "taken_by_other", text="Яма заделана")

    # notes and flags inform the holder, they decide nothing
    petrova.ok(appeal.id, "add_note", text="звонил автор, яма растёт")
    petrova.ok(appeal.id, "flag", flag="resonance")
    seen = petrova.http.get(f"/appeals/{appeal.id}").json()["appeal"]
    assert seen["taken_by"] == "ivanova"
    assert seen["status"] == Status.IN_PROGRESS.value
    actions = [(h["action"], h["actor"]) for h in _history(petrova, appeal.id)]
    assert ("add_note", "petrova") in actions
    assert ("flag", "petrova") in actions
    assert not any(
        actor == "petrova" and a in ("route", "answer", "reject") for a, actor in actions
    )


def test_a_head_takes_over_and_then_only_the_new_holder_acts(central: CentralHandle) -> None:
    ivanova, head = Desk(central, "ivanova"), Desk(central, "head")
    appeal = _fresh(central)
    ivanova.ok(appeal.id, "take")
    ivanova.ok(appeal.id, "route", body=_body(central))

    taken = head.ok(appeal.id, "take_over")
    assert taken["appeal"]["taken_by"] == "head"
    last = _history(head, appeal.id)[-1]
    assert (last["action"], last["actor"], last["role"]) == ("take_over", "head", "cur_head")
    assert last["details"]["previous_taken_by"] == "ivanova"

    refusal = ivanova.refused(appeal.id, "take_into_work", "taken_by_other")
    assert refusal["params"]["taken_by_name"] == "Смирнов Виктор Сергеевич"
    ivanova.refused(appeal.id, "answer", "taken_by_other", text="Яма заделана")
    head.ok(appeal.id, "take_into_work")
    answered = head.ok(appeal.id, "answer", text="Яма заделана 3 марта")
    assert answered["appeal"]["status"] == Status.ANSWERED.value
    assert answered["appeal"]["taken_by"] == ""


def test_take_over_is_idempotent_and_applied_exactly_once(central: CentralHandle) -> None:
    ivanova, head = Desk(central, "ivanova"), Desk(central, "head")
    appeal = _fresh(central)
    ivanova.ok(appeal.id, "take")
    command = {"key": "take-over-once", "action": "take_over", "params": {}, "base_version": None}
    first = head.http.post(f"/appeals/{appeal.id}/actions", json=command)
    again = head.http.post(f"/appeals/{appeal.id}/actions", json=command)
    assert (first.json()["result"], again.json()["result"]) == ("applied", "duplicate")
    assert again.json()["seq"] == first.json()["seq"]
    overs = [h for h in _history(head, appeal.id) if h["action"] == "take_over"]
    assert len(overs) == 1


def test_an_operator_takes_over_only_an_idle_colleagues_appeal(central: CentralHandle) -> None:
    ivanova, petrova = Desk(central, "ivanova"), Desk(central, "petrova")
    clock = _clock(central)
    appeal = _fresh(central)
    ivanova.ok(appeal.id, "take")

    clock.advance(timedelta(hours=3))  # 13:00: three working hours later
    refusal = petrova.refused(appeal.id, "take_over", "holder_active")
    assert refusal["params"]["taken_by_name"] == "Иванова Анна Петровна"
    assert refusal["params"]["idle_hours"] == 4.0
    clock.advance(timedelta(hours=2))  # 15:00
    ivanova.ok(appeal.id, "add_note", text="жду ответа подрядчика")  # the holder is at work

    clock.advance(timedelta(hours=2, minutes=30))  # 17:30: 2.5 working hours since the note
    petrova.refused(appeal.id, "take_over", "holder_active")
    clock.advance(timedelta(hours=16))  # 09:30 next morning: the night does not count (3.5 h)
    petrova.refused(appeal.id, "take_over", "holder_active")
    clock.advance(timedelta(minutes=30))  # 10:00: four working hours
    taken = petrova.ok(appeal.id, "take_over")
    assert taken["appeal"]["taken_by"] == "petrova"
    last = _history(petrova, appeal.id)[-1]
    assert last["details"]["previous_taken_by"] == "ivanova"
    assert last["details"]["idle_minutes"] >= 4 * 60
    petrova.ok(appeal.id, "route", body=_body(central))
    ivanova.refused(appeal.id, "reject", "taken_by_other", reason="spam")


@pytest.fixture
def heads_only_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    doc = json.loads((pack / "pack.json").read_text(encoding="utf-8"))
    doc["take_over"] = {"heads_only": True}
    (pack / "pack.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return pack


def test_a_region_may_leave_taking_over_to_heads(tmp_path: Path, heads_only_pack: Path) -> None:
    for handle in _central("sqlite", tmp_path, heads_only_pack):
        ivanova, petrova, head = (
            Desk(handle, "ivanova"),
            Desk(handle, "petrova"),
            Desk(handle, "head"),
        )
        appeal = _fresh(handle)
        ivanova.ok(appeal.id, "take")
        _clock(handle).advance(timedelta(days=7))  # idle for a week: still not an operator's
        refusal = petrova.refused(appeal.id, "take_over", "heads_only")
        assert refusal["params"]["taken_by_name"] == "Иванова Анна Петровна"
        assert head.ok(appeal.id, "take_over")["appeal"]["taken_by"] == "head"


def test_an_offline_command_refused_for_a_colleagues_hold_names_the_holder(
    central: CentralHandle, tmp_path: Path
) -> None:
    appeal = _fresh(central)
    ivanova = Desk(central, "ivanova")
    with engine_for(central, tmp_path / "petrova.sqlite", "petrova") as engine:
        engine.sync_once()
        seen = engine.cache.appeals.get(appeal.id)
        assert seen is not None
        assert not seen.taken_by  # free when petrova went offline and routed it
        engine.cache.outbox.enqueue(
            appeal.id,
            Command.of(Action.ROUTE, body=_body(central)),
            base_version=seen.version,
            actor="petrova",
        )
        engine.cache.outbox.enqueue(
            appeal.id, Command.of(Action.ADD_NOTE, text="маршрут уточнить"), actor="petrova",
            base_version=seen.version,
        )  # fmt: skip
        ivanova.ok(appeal.id, "take")  # meanwhile, on the service

        report = engine.sync_once()
        assert (report.refused, report.confirmed) == (1, 1)
        (refused,) = engine.cache.outbox.items(OutboxState.REFUSED)
        assert refused.command.action is Action.ROUTE
        assert refused.result is not None
        assert refused.result["error"] == "taken_by_other"
        assert refused.result["params"]["taken_by_name"] == "Иванова Анна Петровна"
        cached = engine.cache.appeals.get(appeal.id)
        assert cached is not None
        assert cached.taken_by == "ivanova"
