"""``import_appeals``: match on (source, external id), change only what changed, all or nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx
from cur_desktop.central.errors import ImportRejected
from cur_desktop.central.importers.records import ImportedAppeal
from cur_desktop.central.service import CentralService
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Flag, Importance, Kind, Source, Status
from tests.support.clock import GENERATED_AT
from tests.support.people import People

# five weeks before the run's instant: a fixed date fell after "now" when the clock matrix
# ran the suite in January, and a deadline 90 days on was then earlier than the norm's
CREATED = (GENERATED_AT - timedelta(days=35)).replace(hour=8, minute=30, second=0)


def record(n: int, **fields: Any) -> ImportedAppeal:
    base: dict[str, Any] = {
        "source": Source.POS,
        "external_id": f"pos-ext-{n}",
        "kind": Kind.MESSAGE,
        "created_at": CREATED + timedelta(minutes=n),
        "row": n + 1,
        "text": f"Яма на дороге номер {n}",
        "theme": "roads",
        "municipality": "70701000",
        "author_name": f"Автор {n}",
    }
    base.update(fields)
    return ImportedAppeal(**base)


def by_external(service: CentralService, people: People) -> dict[str, Appeal]:
    with read_tx(service.engine) as conn:
        ids = [
            r[0] for r in conn.execute(select(s.appeals.c.id).where(s.appeals.c.source == "pos"))
        ]
    out = {}
    for appeal_id in ids:
        appeal = service.get_appeal(people.operator, appeal_id).appeal
        out[appeal.external_id] = appeal
    return out


def counts(service: CentralService) -> tuple[int, int, int]:
    with read_tx(service.engine) as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (s.appeals, s.history, s.feed)
        )


def test_new_records_are_created_with_history_and_feed(
    central_service: CentralService, people: People
) -> None:
    start = central_service.head()
    summary = central_service.import_appeals([record(n) for n in range(5)], actor="pos-import")
    assert (summary.created, summary.updated, summary.unchanged) == (5, 0, 0)
    assert summary.head == start + 5 == central_service.head()
    appeals = by_external(central_service, people)
    assert set(appeals) >= {f"pos-ext-{n}" for n in range(5)}
    new = appeals["pos-ext-3"]
    assert new.version == 1
    assert new.due_at is not None
    assert new.author.name == "Автор 3"
    history = central_service.get_appeal(people.operator, new.id).history
    assert [(h.entry.action, h.entry.actor) for h in history] == [("create", "pos-import")]
    ops = [c.op for c in central_service.changes(people.operator, start).changes]
    assert ops == ["upsert"] * 5


def test_reimport_changes_only_what_changed(
    central_service: CentralService, people: People
) -> None:
    central_service.import_appeals([record(n) for n in range(4)], actor="pos-import")
    start = central_service.head()
    again = [
        record(0),  # unchanged
        record(
            1,
            status=Status.ANSWERED,
            answer="Отремонтировано",
            answered_at=CREATED + timedelta(days=2),
        ),
        record(2, text=""),  # the source says nothing about the text: keep it
        record(3, theme=None, municipality=None),  # nor about the codes
        record(9),  # new
    ]
    summary = central_service.import_appeals(again, actor="pos-import")
    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 3)
    appeals = by_external(central_service, people)
    answered = appeals["pos-ext-1"]
    assert (answered.version, answered.status, answered.answer) == (
        2,
        Status.ANSWERED,
        "Отремонтировано",
    )
    assert appeals["pos-ext-2"].text == "Яма на дороге номер 2"
    assert (appeals["pos-ext-3"].theme, appeals["pos-ext-3"].municipality) == ("roads", "70701000")
    line = central_service.get_appeal(people.operator, answered.id).history[-1]
    assert line.entry.action == "import"
    assert line.entry.details["changed"] == "answer,answered_at,status"
    assert (line.entry.from_status, line.entry.to_status) == (Status.NEW, Status.ANSWERED)
    changes = central_service.changes(people.operator, start).changes
    assert sorted(c.appeal_id for c in changes) == sorted([answered.id, appeals["pos-ext-9"].id])


def test_operator_work_survives_a_reimport(central_service: CentralService, people: People) -> None:
    central_service.import_appeals(
        [record(1, theme=None, category=None, municipality="70701000")], actor="pos-import"
    )
    appeal = by_external(central_service, people)["pos-ext-1"]
    central_service.apply_action(
        people.operator, appeal.id, "cat", "categorise", {"theme": "housing"}, appeal.version
    )
    central_service.apply_action(
        people.operator, appeal.id, "flag", "flag", {"flag": "resonance"}, None
    )
    central_service.apply_action(
        people.operator,
        appeal.id,
        "imp",
        "set_importance",
        {"importance": "high"},
        appeal.version + 2,
    )
    summary = central_service.import_appeals(
        [record(1, theme=None, category=None, flags=Flag.REPEAT)], actor="pos-import"
    )
    assert summary.updated == 1
    after = by_external(central_service, people)["pos-ext-1"]
    assert after.theme == "housing"
    assert after.importance is Importance.HIGH
    assert after.flags == Flag.RESONANCE | Flag.REPEAT


def test_a_bad_record_rejects_the_whole_batch(
    central_service: CentralService, people: People
) -> None:
    central_service.import_appeals([record(1)], actor="pos-import")
    before = counts(central_service)
    head = central_service.head()
    batch = [record(1, text="изменено"), record(2), record(3, theme="no-such-theme"), record(4)]
    with pytest.raises(ImportRejected) as rejected:
        central_service.import_appeals(batch, actor="pos-import")
    assert rejected.value.row == 4
    assert counts(central_service) == before
    assert central_service.head() == head
    assert by_external(central_service, people)["pos-ext-1"].text == "Яма на дороге номер 1"


def test_a_later_source_deadline_becomes_a_postponement(
    central_service: CentralService, people: People
) -> None:
    late = central_service.clock() + timedelta(days=90)
    early = CREATED + timedelta(hours=1)
    central_service.import_appeals(
        [record(1, due_at=late), record(2, due_at=early)], actor="pos-import"
    )
    appeals = by_external(central_service, people)
    assert appeals["pos-ext-1"].postponed_to == late
    assert appeals["pos-ext-1"].due_at == late
    assert appeals["pos-ext-2"].postponed_to is None
    assert appeals["pos-ext-2"].due_at is not None
    assert appeals["pos-ext-2"].due_at > early


def test_the_same_record_twice_in_one_batch_is_one_appeal(
    central_service: CentralService, people: People
) -> None:
    summary = central_service.import_appeals(
        [record(7), record(7, status=Status.IN_PROGRESS)], actor="pos-import"
    )
    assert (summary.created, summary.updated) == (1, 1)
    appeal = by_external(central_service, people)["pos-ext-7"]
    assert appeal.status is Status.IN_PROGRESS
    history = central_service.get_appeal(people.operator, appeal.id).history
    assert [h.entry.action for h in history] == ["create", "import"]
