"""An appeal registered by hand: a hotline call, a visitor, a letter (issue 20).

A registration is a command like any other operator action: the console stores it
in the outbox with an idempotency key and a *provisional number* the citizen can be
told at once, offline too; the central service applies it exactly once, gives it
its real number and deadline, and records who registered it. Both sides read the
command's parameters through :func:`registration_from_params`, so the console
refuses locally exactly what the service would refuse.

Numbers are read out on the phone: the real one is the service's appeal id in
digits (``12345``, :func:`cur_desktop.domain.numbers.display_number`), and the
provisional one stays the appeal's source number (``external_id``, in its compact
form «П7ЖЛ4Ц2»: the workstation's provisional row holds the spelled one until the
answer comes) once confirmed, so number search finds it too. The provisional one
is ``П-`` and six characters of an alphabet without look-alikes (no 0/О, 1/І, 3/З,
6/Б, 4/Ч, no Cyrillic letter that has a Latin twin), grouped by three: ``П-7ЖЛ-4Ц2``.
:func:`number_key` folds what an operator types (any case, spaces, hyphens, «З» for
«3») to the form both are searched by.

Pure and Qt-free.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from cur_desktop.domain.appeal import Appeal, Author, JsonScalar
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Importance, Kind, Role, Source, Status
from cur_desktop.domain.refusal import TransitionRefused


class Channel(StrEnum):
    """How the citizen reached the centre, as the registration form offers it."""

    HOTLINE = "hotline"
    RECEPTION = "reception"
    LETTER = "letter"
    EMAIL = "email"
    OTHER = "other"


#: The appeal's source (its channel in every report) for each registration channel.
CHANNEL_SOURCE: Mapping[Channel, Source] = {
    Channel.HOTLINE: Source.HOTLINE,
    Channel.RECEPTION: Source.RECEPTION,
    Channel.LETTER: Source.LETTER,
    Channel.EMAIL: Source.EMAIL,
    Channel.OTHER: Source.OTHER,
}
#: Every channel's default kind: an oral or written appeal under 59-ФЗ.
DEFAULT_KIND: Mapping[Channel, Kind] = dict.fromkeys(Channel, Kind.APPEAL)

#: Who may register an appeal by hand (a municipal operator within their scope).
REGISTRARS = frozenset({Role.OPERATOR, Role.MUNICIPAL_OPERATOR, Role.THEME_HEAD, Role.CUR_HEAD})

MAX_TEXT = 30_000
MAX_FIELD = 500
TEXT_FIELDS = ("text", "title", "address", "author_name", "author_phone", "author_email")
CODE_FIELDS = ("theme", "category", "municipality", "body")
AUTHOR_FIELDS = ("author_name", "author_phone", "author_email")

#: Characters of a provisional number: read out on the phone without a doubt.
NUMBER_ALPHABET = "23456789ГДЖИЛПФЦШЯ"
PROVISIONAL_PREFIX = "П"
_PROVISIONAL_LENGTH = 6
# the one look-alike a careless hand types for a character of the alphabet
_FOLD = str.maketrans({"З": "3"})
_NOT_NUMBER = re.compile(r"[\s\-‐-―_./№#]+")


@dataclass(frozen=True, slots=True)
class Registration:
    """What the operator typed; becomes an appeal on the service (and a provisional row)."""

    channel: Channel
    text: str
    kind: Kind = Kind.APPEAL
    title: str = ""
    address: str = ""
    address_is_private: bool = False
    municipality: str | None = None
    importance: Importance = Importance.NORMAL
    theme: str | None = None
    category: str | None = None
    body: str | None = None
    author: Author = field(default_factory=Author)
    provisional: str = ""  # the number the citizen was told before the service confirmed

    @property
    def source(self) -> Source:
        return CHANNEL_SOURCE[self.channel]

    def to_params(self) -> dict[str, JsonScalar]:
        """The command's parameters (flat JSON scalars, as every outbox command's)."""
        params: dict[str, JsonScalar] = {
            "channel": self.channel.value,
            "kind": self.kind.value,
            "text": self.text,
            "title": self.title,
            "address": self.address,
            "address_is_private": self.address_is_private,
            "municipality": self.municipality,
            "importance": self.importance.value,
            "theme": self.theme,
            "category": self.category,
            "body": self.body,
            "author_name": self.author.name,
            "author_phone": self.author.phone,
            "author_email": self.author.email,
            "provisional": self.provisional,
        }
        return {k: v for k, v in params.items() if v not in (None, "", False)}

    def to_appeal(self, appeal_id: int, external_id: str, now: datetime) -> Appeal:
        """The new appeal (status new, version 1; the deadline is the writer's business)."""
        return Appeal(
            id=appeal_id,
            source=self.source,
            external_id=external_id,
            kind=self.kind,
            created_at=now,
            text=self.text,
            status=Status.NEW,
            title=self.title,
            theme=self.theme,
            category=self.category,
            municipality=self.municipality,
            address=self.address,
            address_is_private=self.address_is_private,
            body=self.body,
            author=self.author,
            registered_at=now,
            importance=self.importance,
            updated_at=now,
        )


def _refuse(code: str, reason: str, **params: JsonScalar) -> TransitionRefused:
    return TransitionRefused(code, reason, **params)


def _text(params: Mapping[str, JsonScalar], name: str) -> str:
    value = params.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _refuse("invalid_param", f"{name} must be text", param=name)
    limit = MAX_TEXT if name == "text" else MAX_FIELD
    if len(value) > limit:
        raise _refuse("too_long", f"{name} is longer than {limit}", param=name, limit=limit)
    return value.strip()


def _code(params: Mapping[str, JsonScalar], name: str) -> str | None:
    return _text(params, name) or None


def _closed(params: Mapping[str, JsonScalar], name: str, enum: type[StrEnum], default: str) -> str:
    value = _text(params, name) or default
    if value not in {e.value for e in enum}:
        raise _refuse("invalid_param", f"unknown {name} {value!r}", param=name)
    return value


def registration_from_params(
    params: Mapping[str, JsonScalar],
    *,
    dicts: Dictionaries | None = None,
    personal_data: bool = True,
) -> Registration:
    """Read and check a registration command, as an import row is checked.

    Refused (:class:`TransitionRefused`, the service answers 422): no text, an
    unknown channel, kind or importance, a code the region's dictionaries do not
    know, a municipality that is not an OKTMO code, the author's data from a role
    that may not hold personal data (``personal_data=False``).
    """
    channel = Channel(_closed(params, "channel", Channel, Channel.HOTLINE.value))
    kind = Kind(_closed(params, "kind", Kind, DEFAULT_KIND[channel].value))
    importance = Importance(_closed(params, "importance", Importance, Importance.NORMAL.value))
    texts = {name: _text(params, name) for name in TEXT_FIELDS}
    if not texts["text"]:
        raise _refuse("missing_param", "a registration needs the text", param="text")
    codes = {name: _code(params, name) for name in CODE_FIELDS}
    municipality = codes["municipality"]
    if municipality is not None and not (len(municipality) in (8, 11) and municipality.isdigit()):
        raise _refuse("invalid_param", "municipality is not an OKTMO code", param="municipality")
    if dicts is not None:
        lookups = {
            "theme": dicts.theme,
            "category": dicts.category,
            "municipality": dicts.municipality,
            "body": dicts.body,
        }
        for name, code in codes.items():
            if code is not None and lookups[name](code) is None:
                raise _refuse("invalid_param", f"unknown {name} code {code!r}", param=name)
    author = Author(
        name=texts["author_name"], phone=texts["author_phone"], email=texts["author_email"]
    )
    if not personal_data and not author.is_empty:
        raise _refuse("forbidden_role", "this role may not record personal data")
    private = params.get("address_is_private", False)
    if not isinstance(private, bool):
        raise _refuse("invalid_param", "address_is_private must be true or false", param="address")
    provisional = _text(params, "provisional")
    return Registration(
        channel=channel,
        text=texts["text"],
        kind=kind,
        title=texts["title"],
        address=texts["address"],
        address_is_private=private,
        municipality=municipality,
        importance=importance,
        theme=codes["theme"],
        category=codes["category"],
        body=codes["body"],
        author=author,
        provisional=provisional,
    )


# --- numbers ----------------------------------------------------------------------------


def registration_number(appeal_id: int) -> str:
    """The real number of an appeal registered by hand: its id on the service, in digits."""
    return str(appeal_id)


def provisional_number(key: str | None = None) -> str:
    """A number to tell the citizen before the service confirms (from the command's key).

    Six characters of :data:`NUMBER_ALPHABET` (18⁶ ≈ 34 million): unique enough to
    find a registration by, and it never looks like a real (all-digit) number.
    """
    value = uuid.UUID(key).int if key else uuid.uuid4().int
    chars = []
    for _ in range(_PROVISIONAL_LENGTH):
        value, digit = divmod(value, len(NUMBER_ALPHABET))
        chars.append(NUMBER_ALPHABET[digit])
    if all(c.isdigit() for c in chars):  # always at least one letter: never a real number
        chars[0] = NUMBER_ALPHABET[8 + value % (len(NUMBER_ALPHABET) - 8)]
    return f"{PROVISIONAL_PREFIX}-{''.join(chars[:3])}-{''.join(chars[3:])}"


def number_key(typed: str) -> str:
    """What an operator typed, folded for a number search: «п 7жл4ц2» → «П7ЖЛ4Ц2»."""
    return _NOT_NUMBER.sub("", typed.strip().upper().translate(_FOLD))


def is_provisional(number: str) -> bool:
    key = number_key(number)
    return key.startswith(PROVISIONAL_PREFIX) and len(key) == 1 + _PROVISIONAL_LENGTH
