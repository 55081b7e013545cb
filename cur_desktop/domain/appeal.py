"""The appeal (обращение / сообщение / инцидент) and its history entries.

Plain frozen dataclasses: they cross every layer (cache queries, sync, the
central service, widgets) and never carry an ORM session with them. All
timestamps are timezone-aware UTC; the region's time zone is applied only by
the SLA calendar and by the screens.

Personal data (DOMAIN.md §9) lives only in :class:`Author` and in the address
of a private person; :meth:`Appeal.without_personal_data` is the one place that
strips it for the wall, logs and public exports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from cur_desktop.domain.enums import Flag, Importance, Kind, Reaction, Source, Status
from cur_desktop.domain.suggestions import Suggestions

JsonScalar = str | int | float | bool | None


def utc(dt: datetime) -> datetime:
    """Return ``dt`` in UTC; naive datetimes are refused, not guessed."""
    if dt.tzinfo is None:
        msg = f"naive datetime {dt!r}: every timestamp must carry a time zone"
        raise ValueError(msg)
    return dt.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Author:
    """The citizen who wrote. Personal data: never on the wall or in logs."""

    name: str = ""
    phone: str = ""
    email: str = ""
    profile_url: str = ""  # social-network profile

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.phone or self.email or self.profile_url)


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    url: str
    size: int | None = None


@dataclass(frozen=True, slots=True)
class Pause:
    """An interval during which the SLA clock stood still (waiting for the citizen)."""

    start: datetime
    end: datetime | None = None  # None: still paused


@dataclass(frozen=True, slots=True)
class Appeal:
    """One citizen message, in any channel, at one version."""

    id: int
    source: Source
    external_id: str
    kind: Kind
    created_at: datetime
    text: str
    status: Status = Status.NEW
    version: int = 1
    title: str = ""
    theme: str | None = None  # Theme.code
    category: str | None = None  # Category.code
    subcategory: str | None = None
    municipality: str | None = None  # OKTMO, 8 digits
    address: str = ""
    address_is_private: bool = False  # a private person's home: personal data
    lat: float | None = None
    lon: float | None = None
    body: str | None = None  # responsible Body.code
    executor: str = ""  # person or department at the body
    author: Author = field(default_factory=Author)
    url: str = ""  # link to the original post / message
    registered_at: datetime | None = None
    importance: Importance = Importance.NORMAL
    flags: Flag = Flag.NONE
    me_too: int = 0  # «я тоже»
    taken_by: str = ""
    taken_at: datetime | None = None
    due_at: datetime | None = None  # current deadline as the SLA engine computed it
    postponed_to: datetime | None = None
    pauses: tuple[Pause, ...] = ()
    first_reaction_at: datetime | None = None
    interim_answer: str = ""
    interim_answer_at: datetime | None = None
    answer: str = ""
    answered_at: datetime | None = None
    closed_at: datetime | None = None
    reopened_at: datetime | None = None  # the SLA clock restarts here
    rework_count: int = 0
    rejection_reason: str | None = None  # RejectionReason.code
    redirected_to: str = ""
    satisfaction_rating: int | None = None  # ПОС 1..5
    satisfaction_reaction: Reaction | None = None  # ИМ reaction
    merged_into: int | None = None
    attachments: tuple[Attachment, ...] = ()
    updated_at: datetime | None = None
    suggestions: Suggestions | None = None  # from the region's history (cur_desktop.suggest)

    def __post_init__(self) -> None:
        if self.satisfaction_rating is not None and not 1 <= self.satisfaction_rating <= 5:
            msg = f"satisfaction rating {self.satisfaction_rating} outside 1..5"
            raise ValueError(msg)
        if self.municipality is not None and not (
            len(self.municipality) in (8, 11) and self.municipality.isdigit()
        ):
            msg = f"OKTMO code {self.municipality!r} is not 8 or 11 digits"
            raise ValueError(msg)

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    @property
    def is_paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1].end is None

    @property
    def is_satisfied(self) -> bool | None:
        """Satisfaction in one sense across channels: ПОС 4–5 or ИМ «доволен»."""
        if self.satisfaction_rating is not None:
            return self.satisfaction_rating >= 4
        if self.satisfaction_reaction is not None:
            return self.satisfaction_reaction is Reaction.SATISFIED
        return None

    def without_personal_data(self) -> Appeal:
        """The same appeal as the wall may see it (152-ФЗ)."""
        return replace(
            self,
            author=Author(),
            address="" if self.address_is_private else self.address,
            lat=None if self.address_is_private else self.lat,
            lon=None if self.address_is_private else self.lon,
            executor="",
            taken_by="",
        )


_FIELD_NAMES = tuple(f.name for f in fields(Appeal))
_ALL_FIELDS = attrgetter(*_FIELD_NAMES)
_FIELD_INDEX = {name: i for i, name in enumerate(_FIELD_NAMES)}


def evolve(appeal: Appeal, changes: dict[str, Any]) -> Appeal:
    """``dataclasses.replace`` for appeals, about four times faster.

    The lifecycle builds a new appeal for every command, the central service for
    every write and the demo generator millions of times; ``replace`` inspects
    every field's metadata on each call, this reads them all at once.
    """
    values = list(_ALL_FIELDS(appeal))
    for name, value in changes.items():
        values[_FIELD_INDEX[name]] = value
    return Appeal(*values)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of an appeal's history: who did what, when, and what it changed."""

    appeal_id: int
    at: datetime
    actor: str
    role: str
    action: str
    from_status: Status | None
    to_status: Status | None
    details: Mapping[str, JsonScalar] = field(default_factory=dict)
