"""Snapshot items decoded straight into cache rows: the domain path's rows, and as strict."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from cur_desktop.demo.generator import DemoGenerator
from cur_desktop.protocol.changes import item_from_wire
from cur_desktop.protocol.wire import WireError, appeal_to_wire, history_to_wire
from cur_desktop.regions.pack import builtin_pack_dir, load_pack
from cur_desktop.sync.page_rows import item_to_rows
from cur_desktop.sync.writer import PageRows


def wire_items(count: int) -> list[dict[str, Any]]:
    generator = DemoGenerator(
        load_pack(builtin_pack_dir()), seed=3, now=datetime(2026, 3, 2, 12, tzinfo=UTC)
    )
    return [
        {
            "appeal": appeal_to_wire(item.appeal),
            "history": [history_to_wire(h, entry_id=1, seq=2) for h in item.history],
        }
        for batch in generator.batches(count)
        for item in batch
    ]


def test_rows_equal_the_domain_paths_rows() -> None:
    items = wire_items(1500)
    fast = PageRows.of_rows(item_to_rows(i) for i in items)
    slow = PageRows.of(item_from_wire(i) for i in items)
    assert fast.appeals == slow.appeals
    assert fast.history == slow.history
    # the generated appeals exercise the optional parts
    assert any(r["pauses"] for r in fast.appeals)
    assert any(r["closed_at"] for r in fast.appeals)
    assert any(r["details"] for r in fast.history)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "lost"),
        ("status", 3),
        ("source", "fax"),
        ("kind", None),
        ("importance", "urgent!"),
        ("satisfaction_reaction", "meh"),
        ("satisfaction_rating", 9),
        ("municipality", "12ab"),
        ("created_at", None),
        ("created_at", "2026-01-01"),
        ("due_at", "tomorrow"),
        ("due_at", True),
        ("title", 5),
        ("text", ["x"]),
        ("flags", "1"),
        ("version", 1.5),
        ("lat", "north"),
        ("pauses", [[None, None]]),
        ("pauses", "x"),
        ("attachments", [{"url": "u"}]),
        ("author", "someone"),
        ("suggestions", "none"),
    ],
)
def test_a_bad_appeal_field_is_refused_like_the_domain_path(field: str, value: object) -> None:
    (item,) = wire_items(1)
    item["appeal"][field] = value
    with pytest.raises(WireError):
        item_from_wire(item)
    with pytest.raises(WireError):
        item_to_rows(item)


@pytest.mark.parametrize(
    ("field", "value"),
    [("at", None), ("at", "now"), ("to_status", "gone"), ("details", {"x": [1]}), ("actor", 1)],
)
def test_a_bad_history_field_is_refused_like_the_domain_path(field: str, value: object) -> None:
    (item,) = wire_items(1)
    item["history"][0][field] = value
    with pytest.raises(WireError):
        item_from_wire(item)
    with pytest.raises(WireError):
        item_to_rows(item)
