"""An appeal's numbers: the one people see, and every form of a number people type.

An appeal has two numbers. The **appeal number** is the central service's id: unique
across channels, short, never personal data, present on every workstation and on the
wall. The **source number** is the channel's own (``external_id``): a ПОС message
number, an ИМ incident id, a portal's registration number; channels' numbers can
collide with each other, and some are not numbers at all (an ИМ post URL: a link to
the author's page, personal data). So every screen shows :func:`display_number` —
the console's table and card, the wall's pages — and the console shows the source
number beside it (:func:`source_number`), where it is not a link.

Search finds an appeal by either, in any form an operator types: «20015», «№ 20015»,
«im-9102891», «ИМ-9102891», «9102891», «T-000123», «000123», «123».
:func:`number_keys` gives the normalised keys an appeal is indexed under and
:func:`query_number` recognises a typed number; both are pure and Qt-free.
"""

from __future__ import annotations

import re

from cur_desktop.domain.enums import Source

#: How channels' numbers are prefixed, in exports and as operators write them
#: (lower case; «ИМ-9102891», «pos-3260254», «пос3260254»).
CHANNEL_PREFIXES: frozenset[str] = frozenset(
    {s.value for s in Source} | {"им", "пос", "портал", "гл", "hl", "гп", "gp", "os", "311"}
)

_MAX_KEY = 40  # longer "numbers" are links or free text, not numbers
_LINK = re.compile(r"://|www\.|@|\.(?:ru|com|net|org|рф|me)\b", re.IGNORECASE)
_ALNUM = re.compile(r"[^\W_]+")
_PREFIXED = re.compile(r"^([^\W\d_]{1,12})[-_ ]?(\d+)$")


def display_number(appeal_id: int) -> str:
    """The number people see for an appeal, on every screen: «20015» (shown as «№ 20015»)."""
    return str(appeal_id)


def shown_number(appeal_id: int, external_id: str) -> str:
    """:func:`display_number`, or the provisional number of a registration the service has
    not confirmed yet (a provisional row: negative id, cache/registrations.py). Once
    confirmed, that provisional number is the appeal's source number: still found."""
    return display_number(appeal_id) if appeal_id > 0 else external_id


def source_number(external_id: str) -> str:
    """The channel's number as the channel gave it, or "" when it is a link, not a number."""
    value = external_id.strip()
    if not value or len(value) > _MAX_KEY or _LINK.search(value):
        return ""
    return value


def _normal(value: str) -> str:
    return "".join(_ALNUM.findall(value.casefold().replace("ё", "е")))


def number_keys(appeal_id: int, external_id: str | None) -> list[str]:
    """Normalised keys an appeal is found by: its id and every form of its source number.

    «im-9102891» gives «9102891» (a channel's prefix is typed or not, and the query
    drops it); «T-000123» gives «t000123», «000123» and «123». Links give nothing
    (they are not numbers, and an ИМ post URL points at the author).
    """
    # a provisional row (negative id, not yet confirmed) is found by its provisional number
    own = {display_number(appeal_id)} if appeal_id > 0 else set()
    value = (external_id or "").strip()
    if not value or len(value) > _MAX_KEY or _LINK.search(value):
        return sorted(own)
    prefixed = _PREFIXED.match(value)
    if prefixed is not None:  # the usual shape: «im-9102891», «T-000123»
        digits = prefixed.group(2)
        prefix = prefixed.group(1).casefold().replace("ё", "е")
        # a channel's prefix is typed or not: its digits are the key (one term less each)
        whole = "" if prefix in CHANNEL_PREFIXES else prefix + digits
    else:
        whole = _normal(value)
        digits = whole if whole.isdigit() else ""
    keys = own | {whole} if whole else own
    if digits:
        keys.add(digits)
        keys.add(digits.lstrip("0") or "0")
    return sorted(keys)


_QUERY_NUMBER = re.compile(r"^(?:[№#]\s*)?(?:([^\W\d_]{1,12})\s*[-_]?\s*)?(\d+)$")


def query_number(typed: str) -> tuple[str, ...]:
    """The keys a typed number may mean, or () when ``typed`` is not a number.

    «№ 20015», «#20015», «im-9102891», «ИМ9102891» and «000123» are numbers; a
    bare word with digits of another prefix («covid-19») is not.
    """
    found = _QUERY_NUMBER.match(typed.strip().casefold().replace("ё", "е"))
    if not found:
        return ()
    prefix, digits = found.groups()
    if prefix is not None and prefix not in CHANNEL_PREFIXES:
        return ()
    keys = dict.fromkeys((digits, digits.lstrip("0") or "0"))
    return tuple(keys)
