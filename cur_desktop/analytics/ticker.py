"""The wall ticker's items, with personal data masked where they are read (152-ФЗ).

A wall normally follows a cache synced with a wall-role token, which carries no
personal data at all (the central service's ``privacy`` module). But an operator's
cache may be shown on a wall too, so the ticker masks again, the same way the
service does (:class:`~cur_desktop.domain.personal.PersonalMasker`): the
author's name in any capitals and grammatical case, phone, e-mail, profile link
and a private address, then anything shaped like a phone number, an e-mail
address, a profile link or a flat number. The author columns themselves never
leave this module, and the text is shortened to one ticker line.

Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from cur_desktop.analytics.wall_data import TickerItem
from cur_desktop.domain.personal import PersonalMasker

MAX_TEXT = 160
_SENTENCE_ENDS = (".", "!", "?", "…")


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    one_line = " ".join(text.split())
    if len(one_line) <= limit:
        return one_line
    cut = one_line[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def headline(title: str) -> str:
    """``title`` as the first sentence of a line: a full stop unless it ends a sentence.

    "Яма на дороге" -> "Яма на дороге.", but "Когда включат отопление?" stays as it is
    (not "отопление?.").
    """
    title = title.rstrip()
    return title if title.endswith(_SENTENCE_ENDS) else title + "."


def mask_ticker_row(row: Mapping[str, Any]) -> TickerItem:
    """One cache row (``wall_frame.TICKER_COLUMNS``) as a ticker item with nothing personal."""
    masker = PersonalMasker.for_author(
        name=str(row.get("author_name") or ""),
        phone=str(row.get("author_phone") or ""),
        email=str(row.get("author_email") or ""),
        profile_url=str(row.get("author_profile") or ""),
        address=str(row.get("address") or ""),
        address_is_private=bool(row.get("address_is_private")),
    )
    title = str(row.get("title") or "")
    body = str(row.get("text") or "")
    # the title says what, the text adds where and how; the ticker line shows both
    text = (
        f"{headline(title)} {body}"
        if title and body and not body.startswith(title)
        else title or body
    )
    return TickerItem(
        appeal_id=int(row["id"]),
        created_at=datetime.fromtimestamp(float(row["created_at"]), tz=UTC),
        source=str(row.get("source") or ""),
        importance=str(row.get("importance") or "normal"),
        theme=row.get("theme"),
        category=row.get("category"),
        municipality=row.get("municipality"),
        # mask before shortening: a cut could split a phone number and hide it from the regex
        text=shorten(masker.mask(text)),
        title=shorten(masker.mask(title), 80),
    )


def mask_ticker_rows(rows: Iterable[Mapping[str, Any]]) -> tuple[TickerItem, ...]:
    return tuple(mask_ticker_row(r) for r in rows)
