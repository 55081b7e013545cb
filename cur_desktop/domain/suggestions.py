"""What the region's own history suggests for a new appeal, stored with it and synced.

The central service computes a :class:`Suggestions` when an appeal is written
(:mod:`cur_desktop.suggest`), so a workstation reviewing offline has them too: they
travel down the feed as one small JSON object like any other field, and the triage
dialog opens pre-filled with them.

Each field is a short list of ``(code, confidence)`` candidates, best first; the
confidence is in 0..1 (a softmax of the classifier's scores, or the share of the
region's routings for the body), comparable within a field, not a calibrated
probability. ``routes`` holds the body the history suggests for each of the
candidate categories, so the dialog re-suggests the body when the operator picks
another category.

Qt-free, no personal data (codes and numbers only).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

FORMAT = 1
FIELDS = ("theme", "category", "subcategory", "municipality", "body")


@dataclass(frozen=True, slots=True)
class Scored:
    code: str
    confidence: float


Candidates = tuple[Scored, ...]


@dataclass(frozen=True, slots=True)
class Suggestions:
    """Candidates per field, best first (empty: nothing to suggest)."""

    theme: Candidates = ()
    category: Candidates = ()
    subcategory: Candidates = ()
    municipality: Candidates = ()
    body: Candidates = ()
    routes: tuple[tuple[str, Candidates], ...] = ()  # category code -> bodies
    model: str = ""  # the model that computed them (its training time)

    def best(self, name: str) -> Scored | None:
        """The top candidate of a field (``theme``, ``category``, … ``body``)."""
        found: Candidates = getattr(self, name)
        return found[0] if found else None

    def bodies_for(self, category: str | None) -> Candidates:
        """The bodies the history suggests for ``category`` (the field's own if unknown)."""
        if category is not None:
            for code, bodies in self.routes:
                if code == category:
                    return bodies
        return self.body

    def to_json(self) -> dict[str, Any]:
        """A JSON-able object (the wire's and the stores' form)."""
        out: dict[str, Any] = {"v": FORMAT}
        for name in FIELDS:
            out[name] = [[s.code, round(s.confidence, 4)] for s in getattr(self, name)]
        out["routes"] = {
            code: [[s.code, round(s.confidence, 4)] for s in bodies] for code, bodies in self.routes
        }
        if self.model:
            out["model"] = self.model
        return out

    @classmethod
    def from_json(cls, raw: object) -> Suggestions:
        """Decode :meth:`to_json`'s object; anything else is a ``ValueError``."""
        if not isinstance(raw, Mapping):
            msg = "suggestions must be an object"
            raise ValueError(msg)  # noqa: TRY004 - the wire codec turns ValueError into WireError
        values: dict[str, Any] = {name: _candidates(raw.get(name), name) for name in FIELDS}
        routes = raw.get("routes") or {}
        if not isinstance(routes, Mapping):
            msg = "suggestions.routes must be an object"
            raise ValueError(msg)  # noqa: TRY004
        values["routes"] = tuple(
            (str(code), _candidates(bodies, f"routes.{code}")) for code, bodies in routes.items()
        )
        model = raw.get("model", "")
        values["model"] = model if isinstance(model, str) else ""
        return cls(**values)


def _candidates(raw: object, name: str) -> Candidates:
    if not raw:
        return ()
    if not isinstance(raw, list):
        msg = f"suggestions.{name} must be a list"
        raise ValueError(msg)  # noqa: TRY004
    out = []
    for item in raw:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not isinstance(item[0], str)
            or isinstance(item[1], bool)
            or not isinstance(item[1], int | float)
        ):
            msg = f"suggestions.{name}: a candidate is [code, confidence], got {item!r}"
            raise ValueError(msg)
        out.append(Scored(item[0], float(item[1])))
    return tuple(out)
