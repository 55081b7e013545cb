"""What every importer produces: source-neutral records plus row-level errors.

Parsers (ПОС, ИМ, Open311, CSV) turn a foreign file or feed into
:class:`ImportedAppeal` records already mapped to our vocabulary (category
codes, OKTMO, body codes, :class:`Status`). The central service's
``import_appeals(records, *, actor)`` consumes them in one transaction. A row
that cannot be mapped becomes a :class:`RowError` instead of a record, so one
bad row never stops the rest, and the error names the row, never its personal
data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cur_desktop.domain.appeal import Attachment, Author, utc
from cur_desktop.domain.enums import Flag, Importance, Kind, Reaction, Source, Status

#: Row number used for problems of the whole file (not a spreadsheet row).
WHOLE_FILE = 0
_TIMES = ("created_at", "answered_at", "due_at", "registered_at", "updated_at", "closed_at")


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportedAppeal:
    """One appeal as a source reports it, in our codes; identity is (source, external_id)."""

    source: Source
    external_id: str
    kind: Kind
    created_at: datetime  # aware, UTC
    row: int  # source row (spreadsheet row, CSV line, Open311 item index) for reports
    text: str = ""
    title: str = ""
    theme: str | None = None  # Theme.code
    category: str | None = None  # Category.code
    subcategory: str | None = None  # Category.code of a subcategory
    municipality: str | None = None  # OKTMO
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    body: str | None = None  # Body.code
    executor: str = ""
    author_name: str = ""
    author_phone: str = ""
    author_email: str = ""
    author_profile: str = ""
    url: str = ""
    status: Status = Status.NEW
    importance: Importance = Importance.NORMAL
    answer: str = ""
    answered_at: datetime | None = None
    satisfaction_rating: int | None = None  # ПОС 1..5
    satisfaction_reaction: Reaction | None = None  # ИМ reaction
    due_at: datetime | None = None
    flags: Flag = Flag.NONE
    # Optional extras some sources carry; the service may use or ignore them.
    registered_at: datetime | None = None
    updated_at: datetime | None = None  # the source's own "last changed" time
    closed_at: datetime | None = None
    rejection_reason: str | None = None  # RejectionReason.code
    redirected_to: str = ""
    interim_answer: str = ""
    overdue: bool | None = None  # ПОС «Просрочено»: the source's own verdict
    attachments: tuple[Attachment, ...] = ()
    # False when the source gave no creation time and ``created_at`` is the import
    # time: on re-import the service keeps the existing appeal's created_at.
    created_at_known: bool = True
    # The source's own text of a field we stored converted (HTML → plain text), for the
    # service to keep where a source needs it back: ``(("text", "<p>…"), …)``.
    originals: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not self.external_id:
            msg = "an imported appeal needs its source's id"
            raise ValueError(msg)
        for name in _TIMES:
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, utc(value))
        if self.satisfaction_rating is not None and not 1 <= self.satisfaction_rating <= 5:
            msg = f"satisfaction rating {self.satisfaction_rating} outside 1..5"
            raise ValueError(msg)
        if self.municipality is not None and not (
            len(self.municipality) in (8, 11) and self.municipality.isdigit()
        ):
            msg = f"OKTMO code {self.municipality!r} is not 8 or 11 digits"
            raise ValueError(msg)

    @property
    def key(self) -> tuple[Source, str]:
        """The identity a re-import matches on."""
        return (self.source, self.external_id)

    @property
    def author(self) -> Author:
        return Author(
            name=self.author_name,
            phone=self.author_phone,
            email=self.author_email,
            profile_url=self.author_profile,
        )

    def appeal_fields(self) -> dict[str, Any]:
        """Keyword arguments for :class:`~cur_desktop.domain.appeal.Appeal` (without id/version).

        One place that knows how an import maps onto the appeal, so the service
        does not re-spell it. ``closed_at`` falls back to ``answered_at`` for a
        closed appeal whose source gave no separate closing time.
        """
        closed_at = self.closed_at
        if closed_at is None and self.status in (Status.CLOSED, Status.REJECTED):
            closed_at = self.answered_at or self.updated_at
        return {
            "source": self.source,
            "external_id": self.external_id,
            "kind": self.kind,
            "created_at": self.created_at,
            "text": self.text,
            "status": self.status,
            "title": self.title,
            "theme": self.theme,
            "category": self.category,
            "subcategory": self.subcategory,
            "municipality": self.municipality,
            "address": self.address,
            "lat": self.lat,
            "lon": self.lon,
            "body": self.body,
            "executor": self.executor,
            "author": self.author,
            "url": self.url,
            "registered_at": self.registered_at,
            "importance": self.importance,
            "flags": self.flags,
            "due_at": self.due_at,
            "interim_answer": self.interim_answer,
            "answer": self.answer,
            "answered_at": self.answered_at,
            "closed_at": closed_at,
            "rejection_reason": self.rejection_reason,
            "redirected_to": self.redirected_to,
            "satisfaction_rating": self.satisfaction_rating,
            "satisfaction_reaction": self.satisfaction_reaction,
            "attachments": self.attachments,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True, slots=True)
class RowError:
    """Why one row (or, with ``row == WHOLE_FILE``, the whole file) was not imported.

    ``reason_code`` is stable (tests and the CLI branch on it); ``message`` is
    for people and never quotes personal data, only codes and column names.
    """

    row: int
    field: str  # our field or the source column; "" for the whole row/file
    reason_code: str
    message: str


@dataclass(frozen=True, slots=True)
class UnknownValue:
    """A value no vocabulary knew, kept for the admin: the rows were imported without it.

    ``kind`` is what the value should have named (``category``, ``subcategory``,
    ``theme``, ``status``, ``municipality``, ``body``); ``column`` the source's column;
    ``count`` how many rows carried it; ``first_row`` where to look.
    """

    kind: str
    column: str
    value: str
    count: int
    first_row: int


@dataclass(frozen=True, slots=True)
class ParseResult:
    records: tuple[ImportedAppeal, ...] = ()
    errors: tuple[RowError, ...] = field(default=())
    unknowns: tuple[UnknownValue, ...] = field(default=())  # most frequent first

    @property
    def ok(self) -> bool:
        return not self.errors
