"""What the situation-room wall may see: appeals and history without personal data (152-ФЗ).

:meth:`Appeal.without_personal_data` removes the author, a private address and
its coordinates, the executor and who took the appeal. The service goes one step
further for the wall, because free texts carry personal data too: answers are
rendered from templates with the author's name (``{author_name}``) and the
private address, and citizens write their phone numbers into the text. So in
every free text the author's own name, phone, e-mail and profile link and a
private address are masked, as is anything shaped like a phone number or an
e-mail address; the link to the original post (which leads to the author's
profile) is left out. History lines lose the actor's login and every detail
that is not a code, a number or a time.
"""

from __future__ import annotations

from collections.abc import Iterable

from cur_desktop.central.scope import User
from cur_desktop.domain.appeal import Appeal, HistoryEntry, JsonScalar, evolve
from cur_desktop.logs import mask_personal

MASK = "***"

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

_TEXT_FIELDS = ("title", "text", "interim_answer", "answer", "redirected_to")


def _secrets_of(appeal: Appeal) -> list[str]:
    a = appeal.author
    found = [a.name, a.phone, a.email, a.profile_url]
    if appeal.address_is_private:
        found.append(appeal.address)
    # longest first, so "Иванов Иван" is masked whole before "Иван" could be
    return sorted((x for x in found if len(x.strip()) >= 3), key=len, reverse=True)


def _scrub(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return mask_personal(text)


def wall_appeal(appeal: Appeal) -> Appeal:
    """The appeal as the wall may see it."""
    secrets = _secrets_of(appeal)
    stripped = appeal.without_personal_data()
    changes: dict[str, object] = {"url": ""}
    for name in _TEXT_FIELDS:
        value = getattr(stripped, name)
        if value:
            changes[name] = _scrub(value, secrets)
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
