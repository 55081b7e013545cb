"""What an operator has typed and picked in the filter bar, as a plain value.

Kept apart from the widget so that a saved custom queue (a row of the cache's
``saved_queries`` table) stores exactly this, as JSON, and the console turns it into
SQL without touching Qt. Every field is optional; set fields are ANDed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class FilterValues:
    text: str = ""  # full-text terms (Russian morphology)
    theme: str | None = None  # Theme.code
    category: str | None = None  # Category.code (a category or a subcategory)
    municipality: str | None = None  # OKTMO
    body: str | None = None  # Body.code
    source: str | None = None  # Source value
    status: str | None = None  # Status value
    importance: str | None = None  # Importance value
    flag: int = 0  # one Flag bit (0: any)
    overdue: bool = False  # only appeals past their deadline
    date_from: date | None = None  # created on or after (region's local date)
    date_to: date | None = None  # created on or before (inclusive)

    def is_empty(self) -> bool:
        return self == FilterValues()

    def has_structure(self) -> bool:
        """Whether anything beyond the search text is set."""
        return FilterValues(text=self.text) != self

    def to_json(self) -> dict[str, Any]:
        """Only the fields that are set, dates as ISO strings."""
        out: dict[str, Any] = {}
        for name, value in asdict(self).items():
            if value in (None, "", 0, False):
                continue
            out[name] = value.isoformat() if isinstance(value, date) else value
        return out

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> FilterValues:
        """Read :meth:`to_json` output; unknown keys are ignored (newer builds)."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, value in doc.items():
            if name not in known or value is None:
                continue
            if name in ("date_from", "date_to"):
                values[name] = date.fromisoformat(str(value))
            elif name == "flag":
                values[name] = int(value)
            elif name == "overdue":
                values[name] = bool(value)
            else:
                values[name] = str(value)
        return cls(**values)
