"""One Change type for both sides: what the service encodes, the sync client decodes."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest

from cur_desktop.chunks import chunks
from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.domain.enums import Kind, Source, Status
from cur_desktop.protocol.changes import REMOVE, UPSERT, Change, HistoryItem, item_from_wire
from cur_desktop.protocol.columns import appeal_to_columns, columns_to_appeal
from cur_desktop.protocol.wire import WireError, appeal_to_wire, from_epoch, history_to_wire

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def appeal(i: int = 7) -> Appeal:
    return Appeal(
        id=i,
        source=Source.POS,
        external_id=f"ext-{i}",
        kind=Kind.MESSAGE,
        created_at=T0,
        text="яма на дороге",
        status=Status.NEW,
        version=3,
    )


def entry(i: int = 7) -> HistoryEntry:
    return HistoryEntry(i, T0, "op1", "operator", "add_note", None, None, {"text": "звонил"})


def through_json(change: Change) -> Change:
    return Change.from_wire(orjson.loads(orjson.dumps(change.to_wire())))


def test_a_change_survives_the_wire_with_its_history_ids() -> None:
    sent = Change(41, UPSERT, 7, appeal(), (HistoryItem(entry(), id=900, seq=41),))
    assert through_json(sent) == sent
    assert through_json(sent).entries == (entry(),)
    assert sent.to_wire()["id"] == 7  # the wire names the appeal "id", as it always did


def test_a_remove_carries_no_appeal() -> None:
    gone = Change(42, REMOVE, 7, None)
    assert through_json(gone) == gone


@pytest.mark.parametrize(
    "raw",
    [
        {"seq": 1, "op": "rename", "id": 7, "appeal": None},
        {"seq": 1, "op": "upsert", "id": 7, "appeal": None},
        {"op": "remove", "id": 7},
        ["not", "a", "change"],
    ],
)
def test_what_is_not_a_change_is_a_wire_error(raw: object) -> None:
    with pytest.raises(WireError):
        Change.from_wire(raw)  # type: ignore[arg-type]


def test_an_item_decodes_to_the_appeal_and_its_history() -> None:
    raw = {"appeal": appeal_to_wire(appeal()), "history": [history_to_wire(entry(), seq=5)]}
    assert item_from_wire(raw) == (appeal(), [entry()])


def test_one_epoch_codec_for_the_wire_and_the_columns() -> None:
    assert from_epoch(T0.timestamp()) == T0
    assert from_epoch(int(T0.timestamp())) == T0
    assert from_epoch(None) is None
    for bad in (True, "2026-11-01", [1]):
        with pytest.raises(WireError):
            from_epoch(bad)
    assert columns_to_appeal(appeal_to_columns(appeal())) == appeal()


def test_chunks_cut_lists_and_generators_alike() -> None:
    assert list(chunks([1, 2, 3, 4, 5], 2)) == [[1, 2], [3, 4], [5]]
    assert list(chunks((i for i in range(5)), 2)) == [[0, 1], [2, 3], [4]]
    assert list(chunks([], 900)) == []
    assert [len(c) for c in chunks(range(1801))] == [900, 900, 1]
    with pytest.raises(ValueError, match="at least one"):
        list(chunks([1], 0))
