"""Scope edges (issue 15, item 9): an action that would move an appeal out of the
actor's scope needs a role whose scope spans both sides; a merge needs both appeals in
scope; and a merge target outside the scope is answered like one that does not exist.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx
from cur_desktop.central.errors import ServiceError
from cur_desktop.central.service import CentralService
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Status
from tests.central.test_central_scope import all_appeals
from tests.support.people import People

OPEN = (Status.NEW, Status.ROUTED, Status.IN_PROGRESS)


def _open_in(
    service: CentralService, municipality: str | None = None, theme: str | None = None
) -> list[Appeal]:
    return [
        a
        for a in all_appeals(service)
        if a.status in OPEN
        and not a.taken_by
        and a.theme is not None
        and (municipality is None or a.municipality == municipality)
        and (theme is None or a.theme == theme)
    ]


def _head(service: CentralService) -> int:
    with read_tx(service.engine) as conn:
        return int(conn.execute(select(func.max(s.feed.c.seq))).scalar_one() or 0)


def test_a_municipal_operator_cannot_categorise_its_appeal_into_another_municipality(
    central_service: CentralService, people: People
) -> None:
    inside = _open_in(central_service, people.municipality)[0]
    before = _head(central_service)
    with pytest.raises(ServiceError) as refused:
        central_service.apply_action(
            people.mcu,
            inside.id,
            "leave-1",
            "categorise",
            {"theme": inside.theme, "municipality": people.other_municipality},
            inside.version,
        )
    assert refused.value.status == 403
    assert refused.value.code == "leaves_scope"
    assert _head(central_service) == before  # nothing written
    # within its municipality the same action goes through
    done = central_service.apply_action(
        people.mcu,
        inside.id,
        "stay-1",
        "categorise",
        {"theme": inside.theme, "municipality": people.municipality},
        inside.version,
    )
    assert done.result == "applied"
    # the operator's scope is the whole region: it spans both sides
    moved = central_service.apply_action(
        people.operator,
        inside.id,
        "move-1",
        "categorise",
        {"theme": inside.theme, "municipality": people.other_municipality},
        done.appeal.version,
    )
    assert moved.appeal.municipality == people.other_municipality


def test_a_theme_head_cannot_merge_into_an_appeal_outside_its_scope_nor_learn_it_exists(
    central_service: CentralService, people: People
) -> None:
    roads = _open_in(central_service, theme="roads")
    source = roads[0]
    outside = next(a for a in _open_in(central_service) if a.theme != "roads")
    with read_tx(central_service.engine) as conn:
        missing = int(conn.execute(select(func.max(s.appeals.c.id))).scalar_one()) + 1000

    answers = []
    for n, target in enumerate((outside.id, missing)):
        with pytest.raises(ServiceError) as refused:
            central_service.apply_action(
                people.theme_head,
                source.id,
                f"merge-{n}",
                "merge",
                {"into": target},
                source.version,
            )
        body = refused.value.body()
        answers.append((refused.value.status, body["error"], body["params"]))
    # the same answer for an appeal outside the scope and for none at all
    assert answers[0] == answers[1] == (422, "invalid_param", {"param": "into"})

    # a merge within the scope goes through (the target may be held by someone)
    target = next(
        a
        for a in all_appeals(central_service)
        if a.theme == "roads" and a.id != source.id and a.status in OPEN
    )
    done = central_service.apply_action(
        people.theme_head, source.id, "merge-in", "merge", {"into": target.id}, source.version
    )
    assert done.result == "applied"
