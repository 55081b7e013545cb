"""The wire codec: every field of generated appeals survives JSON, bad documents are refused."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest

from cur_desktop.demo.generator import DemoGenerator, Generated
from cur_desktop.domain.appeal import Appeal, Attachment, Author, Pause
from cur_desktop.domain.enums import Flag, Kind, Reaction, Source, Status
from cur_desktop.protocol.wire import (
    WireError,
    appeal_from_wire,
    appeal_to_wire,
    history_from_wire,
    history_to_wire,
)
from cur_desktop.regions import builtin_pack_dir, load_pack


@pytest.fixture(scope="module")
def generated() -> list[Generated]:
    pack = load_pack(builtin_pack_dir())
    return list(
        DemoGenerator(pack, seed=5, now=datetime(2026, 11, 20, 12, tzinfo=UTC)).generate(400)
    )


def test_generated_appeals_and_history_round_trip_through_json(generated: list[Generated]) -> None:
    for item in generated:
        doc = orjson.loads(orjson.dumps(appeal_to_wire(item.appeal)))
        assert appeal_from_wire(doc) == item.appeal
        for entry in item.history:
            line = orjson.loads(orjson.dumps(history_to_wire(entry, entry_id=9, seq=3)))
            assert line["id"] == 9
            assert line["seq"] == 3
            assert history_from_wire(line) == entry


def test_every_optional_field_survives() -> None:
    t = datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
    appeal = Appeal(
        id=77,
        source=Source.POS,
        external_id="pos-1",
        kind=Kind.MESSAGE,
        created_at=t,
        text="текст",
        status=Status.CLOSED,
        version=9,
        author=Author("Иванов Иван", "+7 900 000-00-00", "i@example.org", "https://vk.com/id1"),
        pauses=(Pause(t, t.replace(hour=10)), Pause(t.replace(hour=11))),
        attachments=(Attachment("photo.jpg", "https://x/1.jpg", 1024), Attachment("a", "b")),
        flags=Flag.CONFLICT | Flag.RESONANCE,
        satisfaction_rating=4,
        satisfaction_reaction=Reaction.NEUTRAL,
        merged_into=5,
        lat=54.2,
        lon=37.6,
        due_at=t,
        closed_at=t,
    )
    doc = appeal_to_wire(appeal)
    assert doc["created_at"] == t.timestamp()
    assert doc["pauses"][1] == [t.replace(hour=11).timestamp(), None]
    assert doc["flags"] == 9
    assert appeal_from_wire(orjson.loads(orjson.dumps(doc))) == appeal


def test_unknown_fields_are_ignored_and_missing_ones_default() -> None:
    doc = {
        "id": 1,
        "source": "im",
        "external_id": "x",
        "kind": "incident",
        "created_at": 1.7e9,
        "text": "t",
        "field_from_the_future": [1, 2],
    }
    appeal = appeal_from_wire(doc)
    assert appeal.status is Status.NEW
    assert appeal.version == 1
    assert appeal.author == Author()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "lost"),
        ("created_at", "2025-01-01T00:00:00Z"),
        ("created_at", None),
        ("flags", "1"),
        ("municipality", "123"),
        ("satisfaction_rating", 9),
        ("pauses", [[1.0]]),
        ("author", "Иванов"),
        ("source", None),
    ],
)
def test_malformed_appeals_are_refused(field: str, value: object) -> None:
    doc = {
        "id": 1,
        "source": "im",
        "external_id": "x",
        "kind": "incident",
        "created_at": 1.7e9,
        "text": "t",
        field: value,
    }
    with pytest.raises(WireError):
        appeal_from_wire(doc)


def test_malformed_history_is_refused() -> None:
    good = {"appeal_id": 1, "at": 1.7e9, "actor": "a", "role": "operator", "action": "take"}
    assert history_from_wire(good).details == {}
    with pytest.raises(WireError):
        history_from_wire({**good, "details": {"nested": {"no": 1}}})
    with pytest.raises(WireError):
        history_from_wire({**good, "to_status": "gone"})
