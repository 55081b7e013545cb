"""Everything the detail pane shows about one appeal, resolved to display values.

The console reads the cache and resolves codes to the region's names; the detail
widget only lays the record out. Keeping the two apart lets the widget be shown and
tested with any record, and keeps SQL out of ``widgets/`` (STYLE.md §2).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cur_desktop.cache.queries.related import RelatedAppeal
from cur_desktop.domain.appeal import Appeal, HistoryEntry
from widgets.sla_format import Deadline


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One history entry with its details already put into words."""

    entry: HistoryEntry
    details: str


@dataclass(frozen=True, slots=True)
class DetailRecord:
    """One appeal as the detail pane shows it.

    ``appeal`` is already stripped of personal data when ``masked`` is set.
    """

    appeal: Appeal
    masked: bool
    channel: str  # the region's full channel name
    theme: str
    category_path: tuple[str, ...]
    municipality: str
    body: str
    deadline: Deadline | None
    history: Sequence[HistoryLine]
    rejection_reason: str = ""  # the reason's name
    related: Sequence[RelatedAppeal] | None = None  # None: still being looked for
    people: Mapping[str, str] = field(default_factory=dict)  # login -> name (staff)

    def person(self, login: str) -> str:
        """A colleague by name; the login when the service did not name them."""
        return self.people.get(login, login) if login else ""
