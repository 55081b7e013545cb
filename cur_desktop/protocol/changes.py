"""The change feed's envelopes: one ``Change`` type for the service and the sync client.

``GET /changes`` sends a page of changes, each an appeal as it is *now* (or a
``remove``) with the history lines that change added; a snapshot page and
``GET /appeals/{id}`` send items of an appeal with its whole history
(``docs/sync-protocol.md``). The service builds :class:`Change` objects and
encodes them with :meth:`Change.to_wire`; the sync client decodes the same JSON
with :meth:`Change.from_wire` and writes them to the cache. One type for both, so
a field added on one side is a field the other side sees.

Qt-free and SQLAlchemy-free; imports only the domain and the wire codec.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.protocol.wire import (
    WireDict,
    WireError,
    appeal_from_wire,
    appeal_to_wire,
    history_from_wire,
    history_to_wire,
)

__all__ = ["REMOVE", "UPSERT", "Change", "HistoryItem", "Op", "item_from_wire"]

Op = Literal["upsert", "remove"]
UPSERT: Op = "upsert"
REMOVE: Op = "remove"


def _position(raw: Mapping[str, Any], key: str) -> int:
    value = raw.get(key, 0)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise WireError(f"{key} must be an integer, got {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """A history line with the service's row ``id`` and the feed position ``seq`` that
    added it (0 for either when the sender left it out)."""

    entry: HistoryEntry
    id: int = 0
    seq: int = 0

    def to_wire(self) -> WireDict:
        return history_to_wire(self.entry, entry_id=self.id, seq=self.seq)

    @classmethod
    def from_wire(cls, raw: Mapping[str, Any]) -> HistoryItem:
        return cls(history_from_wire(raw), _position(raw, "id"), _position(raw, "seq"))


@dataclass(frozen=True, slots=True)
class Change:
    """One position of the feed: ``upsert`` carries the appeal, ``remove`` does not."""

    seq: int
    op: Op
    appeal_id: int
    appeal: Appeal | None
    history: tuple[HistoryItem, ...] = ()

    @property
    def entries(self) -> tuple[HistoryEntry, ...]:
        """The history lines without their service ids."""
        return tuple(h.entry for h in self.history)

    def to_wire(self) -> WireDict:
        return {
            "seq": self.seq,
            "op": self.op,
            "id": self.appeal_id,
            "appeal": appeal_to_wire(self.appeal) if self.appeal is not None else None,
            "history": [h.to_wire() for h in self.history],
        }

    @classmethod
    def from_wire(cls, raw: Mapping[str, Any]) -> Change:
        """Decode one change; raise :class:`WireError` if it is not one."""
        if not isinstance(raw, Mapping):
            raise WireError("a change must be an object")
        op = raw.get("op")
        if op not in (UPSERT, REMOVE):
            raise WireError(f"unknown change op {op!r}")
        appeal = appeal_from_wire(raw["appeal"]) if raw.get("appeal") is not None else None
        if op == UPSERT and appeal is None:
            raise WireError("an upsert change without its appeal")
        try:
            seq, appeal_id = int(raw["seq"]), int(raw["id"])
        except (KeyError, TypeError, ValueError) as exc:
            raise WireError(f"a change needs its seq and id: {exc}") from exc
        return cls(
            seq=seq,
            op=UPSERT if op == UPSERT else REMOVE,
            appeal_id=appeal_id,
            appeal=appeal,
            history=tuple(HistoryItem.from_wire(h) for h in raw.get("history") or ()),
        )


def item_from_wire(raw: Mapping[str, Any]) -> tuple[Appeal, list[HistoryEntry]]:
    """``{"appeal", "history"}`` of a snapshot page or of ``GET /appeals/{id}``."""
    appeal = appeal_from_wire(raw["appeal"])
    return appeal, [history_from_wire(h) for h in raw.get("history") or ()]
