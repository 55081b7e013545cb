"""What the situation-room wall may see: appeals and history without personal data (152-ФЗ).

:meth:`Appeal.without_personal_data` removes the author, a private address and
its coordinates, the executor and who took the appeal. The service goes one step
further for the wall, because free texts carry personal data too: answers are
rendered from templates with the author's name (``{author_name}``) and the
private address, and citizens write their names and phone numbers into the text,
in any case and form. So every free text, and a public address, goes through
:class:`~cur_desktop.domain.personal.PersonalMasker` (the author's name in any
capitals and grammatical case, phone, e-mail, profile link, a private address,
and anything shaped like a phone, e-mail, profile link or flat number); the
link to the original post (which leads to the author's profile) and the
attachments (photos of people, scanned documents) are left out. History lines lose
the actor's login and every detail that is not a code, a number or a time.
"""

from __future__ import annotations

from cur_desktop.central.scope import User
from cur_desktop.domain.appeal import Appeal, HistoryEntry, JsonScalar, evolve
from cur_desktop.domain.personal import PersonalMasker

#: History details that are codes, numbers or times, never free text or names.
SAFE_DETAILS = frozenset(
    {
        "source",
        "external_id",
        "theme",
        "category",
        "subcategory",
        "municipality",
        "previous_theme",
        "previous_category",
        "body",
        "previous_body",
        "flag",
        "importance",
        "previous",
        "rating",
        "reaction",
        "into",
        "until",
        "previous_due",
        "paused_seconds",
        "length",
        "template",
        "changed",
    }
)

# The address too: a public one keeps its street and house, but a flat number in it
# («…, д. 5, кв. 12») points at a household, and sources do not say which addresses are
# a private person's home (no importer can set ``address_is_private``).
_TEXT_FIELDS = ("title", "text", "interim_answer", "answer", "redirected_to", "address")


def wall_appeal(appeal: Appeal) -> Appeal:
    """The appeal as the wall may see it."""
    a = appeal.author
    masker = PersonalMasker.for_author(
        name=a.name,
        phone=a.phone,
        email=a.email,
        profile_url=a.profile_url,
        address=appeal.address,
        address_is_private=appeal.address_is_private,
    )
    stripped = appeal.without_personal_data()
    # attachments: photos of people, scans of documents, files named after their author
    changes: dict[str, object] = {"url": "", "attachments": ()}
    for name in _TEXT_FIELDS:
        value = getattr(stripped, name)
        if value:
            changes[name] = masker.mask(value)
    return evolve(stripped, changes)


def wall_history(entry: HistoryEntry) -> HistoryEntry:
    details: dict[str, JsonScalar] = {k: v for k, v in entry.details.items() if k in SAFE_DETAILS}
    return HistoryEntry(
        appeal_id=entry.appeal_id,
        at=entry.at,
        actor="",
        role=entry.role,
        action=entry.action,
        from_status=entry.from_status,
        to_status=entry.to_status,
        details=details,
    )


def appeal_for(user: User, appeal: Appeal) -> Appeal:
    return appeal if user.sees_personal_data else wall_appeal(appeal)


def history_for(user: User, entry: HistoryEntry) -> HistoryEntry:
    return entry if user.sees_personal_data else wall_history(entry)
