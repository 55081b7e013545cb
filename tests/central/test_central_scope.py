"""Scopes: a municipal operator reads and acts on nothing outside its municipality."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx
from cur_desktop.central.errors import ServiceError
from cur_desktop.central.scope import Scope, User
from cur_desktop.central.service import CentralService
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Status
from cur_desktop.protocol.columns import columns_to_appeal
from tests.support.people import People


def all_appeals(service: CentralService) -> list[Appeal]:
    with read_tx(service.engine) as conn:
        return [columns_to_appeal(r) for r in conn.execute(select(s.appeals)).mappings()]


def snapshot_ids(service: CentralService, user: User, *, limit: int = 37) -> list[int]:
    snap = service.start_snapshot(user, closed_window_days=10_000 / 3)
    ids: list[int] = []
    after = 0
    while True:
        page = service.snapshot_page(user, snap.snapshot, after, limit)
        ids += [i.appeal.id for i in page.items]
        after = page.last_id
        if not page.has_more:
            break
    assert len(ids) == snap.count
    return ids


def test_sql_and_python_scope_rules_agree(central_service: CentralService, people: People) -> None:
    appeals = all_appeals(central_service)
    municipalities = sorted({a.municipality for a in appeals if a.municipality})[:3]
    scopes = [
        Scope(),
        Scope(municipalities=(people.municipality,)),
        Scope(themes=("roads",)),
        Scope(themes=("roads", "housing"), municipalities=tuple(municipalities)),
        Scope(municipalities=("00000000",)),
    ]
    assert any(a.theme is None for a in appeals)  # the rule for "no theme yet" is exercised
    for n, scope in enumerate(scopes):
        user = User(100 + n, f"u{n}", "u", people.operator.role, scope)
        expected = sorted(a.id for a in appeals if scope.contains(a.municipality, a.theme))
        assert snapshot_ids(central_service, user) == expected, scope


def test_municipal_operator_sees_only_its_municipality(
    central_service: CentralService, people: People
) -> None:
    ids = snapshot_ids(central_service, people.mcu)
    assert ids
    for appeal_id in ids:
        item = central_service.get_appeal(people.mcu, appeal_id)
        assert item.appeal.municipality == people.municipality
    changes = central_service.changes(people.mcu, 0, 5000)
    assert {c.appeal.municipality for c in changes.changes if c.appeal} == {people.municipality}
    assert changes.last == changes.head == central_service.head()
    older = central_service.closed_appeals(people.mcu, central_service.clock().timestamp() + 1)
    assert {i.appeal.municipality for i in older.items} <= {people.municipality}


def test_municipal_operator_reads_and_acts_on_nothing_outside(
    central_service: CentralService, people: People
) -> None:
    outside = [a for a in all_appeals(central_service) if a.municipality != people.municipality]
    for appeal in outside[:20]:
        with pytest.raises(ServiceError) as read:
            central_service.get_appeal(people.mcu, appeal.id)
        assert (read.value.status, read.value.code) == (403, "out_of_scope")
        with pytest.raises(ServiceError) as act:
            central_service.apply_action(
                people.mcu, appeal.id, f"k{appeal.id}", "add_note", {"text": "x"}, appeal.version
            )
        assert (act.value.status, act.value.code) == (403, "out_of_scope")


def test_changes_outside_the_scope_advance_the_cursor_but_are_not_sent(
    central_service: CentralService, people: People
) -> None:
    start = central_service.head()
    outside = next(
        a
        for a in all_appeals(central_service)
        if a.municipality == people.other_municipality and a.status.is_open
    )
    central_service.apply_action(people.operator, outside.id, "o1", "add_note", {"text": "x"}, None)
    page = central_service.changes(people.mcu, start)
    assert page.changes == ()
    assert page.last == page.head == start + 1
    assert central_service.changes(people.operator, start).changes[0].appeal_id == outside.id


def test_an_appeal_moved_out_of_the_scope_is_removed_and_never_sent_again(
    central_service: CentralService, people: People
) -> None:
    inside = next(
        a
        for a in all_appeals(central_service)
        if a.municipality == people.municipality
        and a.status in (Status.NEW, Status.ROUTED, Status.IN_PROGRESS)
        and a.theme is not None
        and not a.taken_by  # a colleague's appeal is not op1's to categorise
    )
    start = central_service.head()
    central_service.apply_action(people.mcu, inside.id, "m1", "add_note", {"text": "x"}, None)
    moved = central_service.apply_action(
        people.operator,
        inside.id,
        "m2",
        "categorise",
        {"theme": inside.theme, "municipality": people.other_municipality},
        inside.version + 1,
    )
    assert moved.appeal.municipality == people.other_municipality
    central_service.apply_action(people.operator, inside.id, "m3", "add_note", {"text": "y"}, None)
    page = central_service.changes(people.mcu, start)
    # the note made while it was inside is not sent in its *current* (outside) state either
    assert [(c.op, c.appeal_id, c.appeal) for c in page.changes] == [
        ("remove", inside.id, None),
        ("remove", inside.id, None),
    ]
    assert page.last == central_service.head()
    with pytest.raises(ServiceError):
        central_service.get_appeal(people.mcu, inside.id)


def test_theme_head_sees_only_its_theme_and_nothing_unthemed(
    central_service: CentralService, people: People
) -> None:
    ids = set(snapshot_ids(central_service, people.theme_head))
    appeals = {a.id: a for a in all_appeals(central_service)}
    assert ids == {i for i, a in appeals.items() if a.theme == "roads"}
    unthemed = [a for a in appeals.values() if a.theme is None]
    assert unthemed
    assert not ids & {a.id for a in unthemed}


def test_scope_combinations_of_the_python_rule() -> None:
    mun, theme = ("70701000", "70702000"), ("roads", "waste")
    for m, t in itertools.product((None, *mun), (None, *theme)):
        assert Scope().contains(m, t)
        assert Scope(municipalities=(mun[0],)).contains(m, t) == (m == mun[0])
        assert Scope(themes=(theme[0],)).contains(m, t) == (t == theme[0])
