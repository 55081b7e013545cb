"""The Qt-free domain model: appeals, dictionaries and the lifecycle state machine."""

from cur_desktop.domain.appeal import Appeal, Attachment, Author, HistoryEntry, Pause, utc
from cur_desktop.domain.enums import (
    Action,
    Flag,
    Importance,
    Kind,
    Reaction,
    Role,
    Source,
    Status,
)

__all__ = [
    "Action",
    "Appeal",
    "Attachment",
    "Author",
    "Flag",
    "HistoryEntry",
    "Importance",
    "Kind",
    "Pause",
    "Reaction",
    "Role",
    "Source",
    "Status",
    "utc",
]
