"""The live feed's items, with personal data masked where they are read (152-ФЗ).

A wall normally follows a cache synced with a wall-role token, which carries no
personal data at all (:mod:`cur_desktop.central.privacy`). But an operator's
cache may be shown on a wall too, so the feed masks again, the same way the
service does: the author's own name, phone, e-mail and profile link and a
private address are replaced wherever they occur in the text, then anything
shaped like a phone number or an e-mail address
(:func:`cur_desktop.logs.mask_personal`). The author columns themselves never
leave this module, and the text is shortened to one ticker line.

Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from cur_desktop.analytics.wall_data import FeedItem
from cur_desktop.logs import mask_personal

MASK = "***"
MAX_TEXT = 160


def _secrets(row: Mapping[str, Any]) -> list[str]:
    found = [
        str(row.get(name) or "")
        for name in ("author_name", "author_phone", "author_email", "author_profile")
    ]
    if row.get("address_is_private"):
        found.append(str(row.get("address") or ""))
    # A full name also appears as its parts ("Иванов Иван" -> "Иванов"): mask each
    # word of three letters or more too, longest first so the whole goes before a part.
    words = [w for name in found[:1] for w in name.split()]
    found.extend(words)
    return sorted({x.strip() for x in found if len(x.strip()) >= 3}, key=len, reverse=True)


def mask_text(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return mask_personal(text)


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    one_line = " ".join(text.split())
    if len(one_line) <= limit:
        return one_line
    cut = one_line[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def mask_feed_row(row: Mapping[str, Any]) -> FeedItem:
    """One cache row (``frame.FEED_COLUMNS``) as a ticker item with nothing personal."""
    secrets = _secrets(row)
    title = str(row.get("title") or "")
    body = str(row.get("text") or "")
    # the title says what, the text adds where and how; the ticker line shows both
    text = f"{title}. {body}" if title and body and not body.startswith(title) else title or body
    return FeedItem(
        appeal_id=int(row["id"]),
        created_at=datetime.fromtimestamp(float(row["created_at"]), tz=UTC),
        source=str(row.get("source") or ""),
        importance=str(row.get("importance") or "normal"),
        theme=row.get("theme"),
        category=row.get("category"),
        municipality=row.get("municipality"),
        # mask before shortening: a cut could split a phone number and hide it from the regex
        text=shorten(mask_text(text, secrets)),
        title=shorten(mask_text(title, secrets), 80),
    )


def mask_feed_rows(rows: Iterable[Mapping[str, Any]]) -> tuple[FeedItem, ...]:
    return tuple(mask_feed_row(r) for r in rows)
