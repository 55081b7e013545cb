"""What a role without rights to personal data may see (152-ФЗ): masked once, when written.

:meth:`Appeal.without_personal_data` removes the author, a private address and its
coordinates, the executor and who took the appeal. Free texts carry personal data
too — the author's name in answers rendered from templates, and everyone else's
in what citizens write: kin, neighbours, staff, phones, flats, car plates,
account numbers — so every free text goes through
:class:`~cur_desktop.domain.personal.PersonalMasker` (the author's own data in the
forms people write it, then :mod:`cur_desktop.domain.masking` for everyone's).

The masker runs a NER model (milliseconds a text), so it runs once, when an
appeal is written (:func:`masked_columns`, called by
:func:`cur_desktop.central.writes.commit_writes`), and the result is stored in
central-only columns with :data:`~cur_desktop.domain.masking.MASKER_VERSION`;
``cur-central remask`` (and the service in the background) redoes rows masked by
an older version. Reads serve the stored values (:func:`appeal_from_row`):

* the wall receives only what it shows: the title, the one-line masked summary as
  its text, the masked address; no answer, no interim answer, no attachments, no
  link to the original post, and an ``external_id`` that is not a link or a
  handle (an ИМ post's URL leads to its author; it becomes ``#<id>``);
* another role without rights to personal data gets the masked full texts.

History lines lose the actor's login and every detail that is not a code, a number
or a time; for the wall also the source's id of the appeal (it may be that URL).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cur_desktop.central.scope import User
from cur_desktop.domain.appeal import Appeal, HistoryEntry, JsonScalar, evolve
from cur_desktop.domain.enums import Role
from cur_desktop.domain.masking import MASKER_VERSION, summary
from cur_desktop.domain.personal import PersonalMasker
from cur_desktop.protocol.columns import columns_to_appeal

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
#: What the wall's history lines keep: the safe details but the source's id of the appeal.
WALL_DETAILS = SAFE_DETAILS - {"external_id"}

#: The central-only columns holding an appeal's masked texts (schema.appeals).
MASKED_COLUMNS = (
    "masked_version",
    "masked_title",
    "masked_text",
    "masked_interim",
    "masked_answer",
    "masked_address",
    "masked_summary",
)
#: What the masked columns are computed from: a write that changes none keeps them.
MASK_INPUTS = (
    "title",
    "text",
    "interim_answer",
    "answer",
    "address",
    "address_is_private",
    "author",
)

# a source's number («12345», «im-9102891», «ПОС-77»), not a link, a handle or a path
_PLAIN_ID = re.compile(r"[0-9A-Za-zА-Яа-яЁё]{0,8}[-_#№]?\d{1,20}")


#: A write of more appeals than this at once (a bulk import, demo seeding) is masked by
#: the rules only (~5 ms an appeal instead of ~20 with the name model) and stored as
#: ``-MASKER_VERSION``: stale, so the background re-mask adds the model's names later.
FULL_MASK_BATCH = 100


def masked_columns(appeal: Appeal, *, model: bool = True) -> dict[str, Any]:
    """The masked-column values of ``appeal`` (computed once, when it is written).

    Without ``model`` only the rules run (still every kind, names by the dictionary's
    rules), and the row is marked for the background re-mask.
    """
    a = appeal.author
    masker = PersonalMasker.for_author(
        name=a.name,
        phone=a.phone,
        email=a.email,
        profile_url=a.profile_url,
        address=appeal.address,
        address_is_private=appeal.address_is_private,
    )
    title = masker.mask(appeal.title, model=model)
    text = masker.mask(appeal.text, model=model)
    # an address names streets after people, not people: flats and shapes only, no model
    address = "" if appeal.address_is_private else masker.mask(appeal.address, model=False)
    return {
        "masked_version": MASKER_VERSION if model else -MASKER_VERSION,
        "masked_title": title,
        "masked_text": text,
        "masked_interim": masker.mask(appeal.interim_answer, model=model),
        "masked_answer": masker.mask(appeal.answer, model=model),
        "masked_address": address,
        "masked_summary": summary(title, text),
    }


def needs_masking(before: Appeal | None, after: Appeal) -> bool:
    """Whether a write changes what the masked columns are computed from."""
    if before is None:
        return True
    return any(getattr(before, name) != getattr(after, name) for name in MASK_INPUTS)


def _wall_external_id(appeal: Appeal) -> str:
    ident = appeal.external_id
    return ident if _PLAIN_ID.fullmatch(ident) else f"#{appeal.id}"


def _masked_view(appeal: Appeal, masked: Mapping[Any, Any], *, wall: bool) -> Appeal:
    stripped = appeal.without_personal_data()
    changes: dict[str, object] = {
        "url": "",  # the original post leads to its author's profile
        "attachments": (),  # photos of people, scans of documents
        "title": masked.get("masked_title") or "",
        "address": masked.get("masked_address") or "",
        "redirected_to": "",
    }
    if wall:
        changes |= {
            "text": masked.get("masked_summary") or "",
            "interim_answer": "",
            "answer": "",
            "external_id": _wall_external_id(appeal),
        }
    else:
        changes |= {
            "text": masked.get("masked_text") or "",
            "interim_answer": masked.get("masked_interim") or "",
            "answer": masked.get("masked_answer") or "",
        }
    return evolve(stripped, changes)


def _is_wall(user: User) -> bool:
    return user.role is Role.WALL


def appeal_from_row(user: User, row: Mapping[Any, Any]) -> Appeal:
    """An ``appeals`` row as ``user`` may see it, from the stored masked columns."""
    appeal = columns_to_appeal(row)
    if user.sees_personal_data:
        return appeal
    if row.get("masked_version") is None:
        # written before the masked columns existed and not yet re-masked: mask now, once
        # for this read (``cur-central remask`` stores it)
        return _masked_view(appeal, masked_columns(appeal), wall=_is_wall(user))
    return _masked_view(appeal, row, wall=_is_wall(user))


def wall_appeal(appeal: Appeal) -> Appeal:
    """The appeal as the wall may see it, masked now (for an appeal with no stored row)."""
    return _masked_view(appeal, masked_columns(appeal), wall=True)


def wall_history(entry: HistoryEntry, *, wall: bool = True) -> HistoryEntry:
    keep = WALL_DETAILS if wall else SAFE_DETAILS
    details: dict[str, JsonScalar] = {k: v for k, v in entry.details.items() if k in keep}
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
    """``appeal`` (just written, not read from a row) as ``user`` may see it."""
    if user.sees_personal_data:
        return appeal
    return _masked_view(appeal, masked_columns(appeal), wall=_is_wall(user))


def history_for(user: User, entry: HistoryEntry) -> HistoryEntry:
    return entry if user.sees_personal_data else wall_history(entry, wall=_is_wall(user))
