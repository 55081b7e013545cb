"""Appeals registered by hand on the service (issue 20): roles, scope, validation, exactly once.

A real SQLite file with generated appeals (tests/central/conftest.py); the HTTP
route is exercised on the real service in a thread (tests/support/central.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx
from cur_desktop.central.errors import ServiceError
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Role, Source, Status
from cur_desktop.domain.numbers import display_number, number_keys
from cur_desktop.domain.registration import number_key, provisional_number
from cur_desktop.protocol.wire import appeal_from_wire
from tests.support.central import TULA, central_thread
from tests.support.people import People

KEY = "7f1c1d0e-4a7b-4c55-9a7e-0d6c3a2b1f00"


def hotline_call(municipality: str | None = None, **extra: object) -> dict[str, object]:
    params: dict[str, object] = {
        "channel": "hotline",
        "text": "Во дворе дома не горят фонари уже неделю, темно и опасно",
        "address": "ул. Ленина, д. 5",
        "author_name": "Мария Кузнецова",
        "author_phone": "+7 910 123-45-67",
        "provisional": provisional_number(KEY),
    }
    if municipality is not None:
        params["municipality"] = municipality
    params.update(extra)
    return params


def count(service: CentralService, table: s.Table, **where: object) -> int:
    with read_tx(service.engine) as conn:
        query = select(func.count()).select_from(table)
        for name, value in where.items():
            query = query.where(table.c[name] == value)
        return int(conn.execute(query).scalar_one())


def test_a_registration_creates_a_new_appeal_with_number_deadline_and_registrar(
    central_service: CentralService, people: People
) -> None:
    before = central_service.head()
    outcome = central_service.register_appeal(
        people.operator, KEY, hotline_call(people.municipality)
    )
    appeal = outcome.appeal
    assert outcome.result == "applied"
    assert outcome.seq == before + 1  # one feed position: workstations receive it
    assert appeal.source is Source.HOTLINE
    assert appeal.status is Status.NEW
    assert display_number(appeal.id) == str(appeal.id)  # the number read out on the phone
    # the number told first stays the source number (compact): still found
    assert appeal.external_id == number_key(provisional_number(KEY))
    assert appeal.author.phone == "+7 910 123-45-67"
    assert appeal.due_at is not None
    assert appeal.due_at > appeal.created_at
    assert appeal.registered_at == appeal.created_at
    item = central_service.get_appeal(people.head, appeal.id)
    (line,) = [h.entry for h in item.history]
    assert line.action == "create"
    assert line.actor == people.operator.login  # who registered it
    assert line.details["channel"] == "hotline"
    assert line.details["provisional"] == provisional_number(KEY)
    changes = central_service.changes(people.operator, before)
    assert [c.appeal_id for c in changes.changes] == [appeal.id]


def test_both_numbers_find_the_appeal_and_a_taken_provisional_number_is_not_reused(
    central_service: CentralService, people: People
) -> None:
    first = central_service.register_appeal(people.operator, KEY, hotline_call(TULA)).appeal
    keys = number_keys(first.id, first.external_id)
    assert str(first.id) in keys
    assert "".join(provisional_number(KEY).casefold().split("-")) in keys
    # another workstation drew the same provisional number (1 in 34 million)
    twin = central_service.register_appeal(people.operator2, "other-key", hotline_call(TULA))
    assert twin.appeal.external_id == str(twin.appeal.id)
    no_provisional = {**hotline_call(TULA)}
    del no_provisional["provisional"]
    plain = central_service.register_appeal(people.operator, "plain", no_provisional).appeal
    assert plain.external_id == str(plain.id)


def test_the_same_key_twice_creates_one_appeal(
    central_service: CentralService, people: People
) -> None:
    appeals = count(central_service, s.appeals)
    first = central_service.register_appeal(people.operator, KEY, hotline_call(TULA))
    second = central_service.register_appeal(people.operator, KEY, hotline_call(TULA))
    assert (first.result, second.result) == ("applied", "duplicate")
    assert second.appeal.id == first.appeal.id
    assert second.seq == first.seq
    assert count(central_service, s.appeals) == appeals + 1
    # the key is the operator's: someone else's key is a bad request, never a duplicate
    with pytest.raises(ServiceError) as other:
        central_service.register_appeal(people.operator2, KEY, hotline_call(TULA))
    assert other.value.status == 400


@pytest.mark.parametrize("who", ["curator", "wall"])
def test_roles_that_may_not_register_are_refused(
    central_service: CentralService, people: People, who: str
) -> None:
    head = central_service.head()
    with pytest.raises(ServiceError) as refused:
        central_service.register_appeal(getattr(people, who), KEY, hotline_call(TULA))
    assert (refused.value.status, refused.value.code) == (403, "forbidden_role")
    assert central_service.head() == head
    assert count(central_service, s.idempotency_keys, key=KEY) == 0


def test_a_municipal_operator_registers_within_their_scope_only(
    central_service: CentralService, people: People
) -> None:
    with pytest.raises(ServiceError) as outside:
        central_service.register_appeal(
            people.mcu, "k-out", hotline_call(people.other_municipality)
        )
    assert (outside.value.status, outside.value.code) == (403, "out_of_scope")
    with pytest.raises(ServiceError) as nowhere:
        central_service.register_appeal(people.mcu, "k-none", hotline_call())
    assert nowhere.value.code == "out_of_scope"  # no municipality: not theirs to register
    inside = central_service.register_appeal(people.mcu, "k-in", hotline_call(people.municipality))
    assert inside.result == "applied"
    assert inside.appeal.municipality == people.municipality
    # a refused key is not consumed: sent again within scope, it applies
    again = central_service.register_appeal(people.mcu, "k-out", hotline_call(people.municipality))
    assert again.result == "applied"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"text": "   "}, "missing_param"),
        ({"channel": "pigeon"}, "invalid_param"),
        ({"kind": "rumour"}, "invalid_param"),
        ({"importance": "urgent"}, "invalid_param"),
        ({"theme": "no-such-theme"}, "invalid_param"),
        ({"category": "no.such.category"}, "invalid_param"),
        ({"body": "no-such-body"}, "invalid_param"),
        ({"municipality": "12345"}, "invalid_param"),
        ({"municipality": "99999999"}, "invalid_param"),  # an OKTMO code, not the region's
        ({"text": "я" * 30_001}, "too_long"),
        ({"address_is_private": "yes"}, "invalid_param"),
    ],
)
def test_a_registration_is_validated_like_an_import_row(
    central_service: CentralService, people: People, change: dict[str, object], code: str
) -> None:
    head = central_service.head()
    with pytest.raises(ServiceError) as refused:
        central_service.register_appeal(people.operator, KEY, {**hotline_call(TULA), **change})
    assert (refused.value.status, refused.value.code) == (422, code)
    assert central_service.head() == head


def test_codes_from_the_dictionaries_are_kept(
    central_service: CentralService, people: People
) -> None:
    dicts = central_service.region.dicts
    category = dicts.categories[0]
    body = dicts.bodies[0].code
    params = hotline_call(
        TULA,
        channel="letter",
        kind="message",
        importance="high",
        theme=category.theme,
        category=category.code,
        body=body,
    )
    appeal = central_service.register_appeal(people.head, KEY, params).appeal
    assert appeal.source is Source.LETTER
    assert (appeal.theme, appeal.category, appeal.body) == (category.theme, category.code, body)
    assert appeal.importance.value == "high"


def test_the_wall_sees_the_registration_without_the_callers_data(
    central_service: CentralService, people: People
) -> None:
    before = central_service.head()
    central_service.register_appeal(people.operator, KEY, hotline_call(TULA))
    (change,) = central_service.changes(people.wall, before).changes
    assert change.appeal is not None
    assert change.appeal.author.is_empty
    (line,) = [h.entry for h in change.history]
    assert line.actor == ""  # the wall never learns who registered it


def test_register_over_http(tmp_path: Path) -> None:
    with central_thread(tmp_path, appeals=0) as central:
        operator = central.client("operator")
        answer = operator.post("/appeals", json={"key": KEY, "params": hotline_call(TULA)})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["result"] == "applied"
        appeal = appeal_from_wire(body["appeal"])
        again = operator.post("/appeals", json={"key": KEY, "params": hotline_call(TULA)})
        assert again.json()["result"] == "duplicate"
        assert appeal_from_wire(again.json()["appeal"]).id == appeal.id
        wall = central.client("wall")
        refused = wall.post("/appeals", json={"key": "w-1", "params": hotline_call(TULA)})
        assert (refused.status_code, refused.json()["error"]) == (403, "forbidden_role")
        bad = operator.post("/appeals", json={"key": "b-1", "params": {"channel": "hotline"}})
        assert (bad.status_code, bad.json()["error"]) == (422, "missing_param")
        # an action on an existing appeal still cannot be a create
        create = operator.post(
            f"/appeals/{appeal.id}/actions",
            json={"key": "c-1", "action": "create", "params": {}, "base_version": 1},
        )
        assert create.status_code == 400
        assert Role.OPERATOR.value == central.accounts["operator"].role
