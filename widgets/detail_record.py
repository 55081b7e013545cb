"""Everything the detail pane shows about one appeal, resolved to display values.

The console reads the cache and resolves codes to the region's names; the detail
widget only lays the record out. Keeping the two apart lets the widget be shown and
tested with any record, and keeps SQL out of ``widgets/`` (STYLE.md §2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.domain.enums import Status
from widgets.sla_format import Deadline


class Relation(StrEnum):
    """Why another appeal is shown beside this one."""

    SAME_AUTHOR = "same_author"
    SAME_ADDRESS = "same_address"
    SAME_CATEGORY = "same_category"  # same category, same municipality, close in time
    SIMILAR_TEXT = "similar_text"
    MERGED = "merged"  # this one was merged into it, or it into this one


@dataclass(frozen=True, slots=True)
class RelatedAppeal:
    appeal_id: int
    number: str
    title: str
    created_at: datetime
    status: Status
    relation: Relation


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
