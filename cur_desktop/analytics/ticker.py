"""The wall ticker's items, with personal data masked where they are read (152-ФЗ).

A wall normally follows a cache synced with a wall-role token: the central service
sends it, as an appeal's text, the one-line summary it masked once when the appeal
was written (``central.privacy``), and no answer. But an operator's cache may be
shown on a wall too, so the ticker masks again, the same way the service does
(:class:`~cur_desktop.domain.personal.PersonalMasker`: the author's own data as
people write it, then everyone's — names of kin, neighbours and staff, phones,
e-mails, flats, plates, account numbers… — into typed placeholders such as
«[ФИО]»). Masking an already masked summary changes nothing. The author columns
never leave this module, and the line is the masked title and text shortened
(:func:`cur_desktop.domain.masking.summary`). Masked spans are cached per text, so
a ticker redrawn over the same rows runs the name model once per text.

Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from cur_desktop.analytics.wall_data import TickerItem
from cur_desktop.domain.masking import headline, shorten, summary
from cur_desktop.domain.personal import PersonalMasker

__all__ = ["headline", "mask_ticker_row", "mask_ticker_rows", "shorten"]


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
    # mask before shortening: a cut could split a phone number and hide it from the patterns
    title = masker.mask(str(row.get("title") or ""))
    body = masker.mask(str(row.get("text") or ""))
    return TickerItem(
        appeal_id=int(row["id"]),
        created_at=datetime.fromtimestamp(float(row["created_at"]), tz=UTC),
        source=str(row.get("source") or ""),
        importance=str(row.get("importance") or "normal"),
        theme=row.get("theme"),
        category=row.get("category"),
        municipality=row.get("municipality"),
        # the title says what, the text adds where and how; the ticker line shows both
        text=summary(title, body),
        title=shorten(title, 80),
    )


def mask_ticker_rows(rows: Iterable[Mapping[str, Any]]) -> tuple[TickerItem, ...]:
    return tuple(mask_ticker_row(r) for r in rows)
