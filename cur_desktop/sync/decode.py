"""From the protocol's JSON objects to domain objects, through the shared wire codec.

The codec itself is :mod:`cur_desktop.central.wire` (one codec for both sides);
this module only knows the envelopes the sync calls put around appeals: snapshot
items, feed changes, on-demand answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cur_desktop.central.wire import WireError, appeal_from_wire, history_from_wire
from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.sync.writer import Change

__all__ = ["WireError", "decode_appeal", "decode_change", "decode_item"]


def decode_appeal(raw: Mapping[str, Any]) -> Appeal:
    return appeal_from_wire(raw)


def decode_item(raw: Mapping[str, Any]) -> tuple[Appeal, list[HistoryEntry]]:
    """``{"appeal", "history"}`` of a snapshot page or of ``GET /appeals/{id}``."""
    appeal = appeal_from_wire(raw["appeal"])
    return appeal, [history_from_wire(h) for h in raw.get("history") or ()]


def decode_change(raw: Mapping[str, Any]) -> Change:
    op = raw.get("op")
    if op not in ("upsert", "remove"):
        raise WireError(f"unknown change op {op!r}")
    appeal = appeal_from_wire(raw["appeal"]) if raw.get("appeal") is not None else None
    if op == "upsert" and appeal is None:
        raise WireError("an upsert change without its appeal")
    return Change(
        seq=int(raw["seq"]),
        op=op,
        appeal_id=int(raw["id"]),
        appeal=appeal,
        history=[history_from_wire(h) for h in raw.get("history") or ()],
    )
