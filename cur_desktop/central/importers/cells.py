"""Reading one cell: names normalised for matching, dates, durations, yes/no, bounded text.

Every importer reads the same kinds of values out of foreign files, each with
its own habits (Excel date cells or «01.02.2024 10:15» strings, «Да»/«Нет»,
durations past 24 hours). A value that cannot be read raises
:class:`CellError` with a stable code; the parser turns it into a
:class:`~.records.RowError` for that row. Messages quote no cell content that
could be personal data.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

#: Longest message text we accept; a longer cell is a broken export, not an appeal.
MAX_TEXT_CHARS = 30_000
#: Longest single-line value (title, address, name, id).
MAX_SHORT_CHARS = 2_000
#: Longest duration a cell may give (a time to answer): ten years, far past any deadline,
#: and small enough that adding it to a date stays a date.
MAX_DURATION = timedelta(days=3660)

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[«»\"'“”„`.,;:!?()\[\]{}/\\_|*#№]+")
_DURATION = re.compile(r"(-?)\s*(\d+):([0-5]?\d)(?::([0-5]?\d))?")

_DATE_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d.%m.%y %H:%M",
    "%d.%m.%y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
)

_YES = frozenset({"да", "yes", "true", "1", "+", "просрочено", "просрочен"})
_NO = frozenset({"нет", "no", "false", "0", "-", ""})


class CellError(ValueError):
    """A cell that cannot be read; ``code`` is the stable reason code.

    ``field`` is set when the problem belongs to a different column than the
    one being read (a subcategory refused because of its category).
    """

    def __init__(self, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def norm(value: object) -> str:
    """Matching key of a name: case-, ё/е-, space- and quote-insensitive."""
    text = "" if value is None else str(value)
    text = text.replace("\u00a0", " ").casefold().replace("ё", "е")
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("russian")


def stems(value: object) -> tuple[str, ...]:
    """Russian word stems of a name, so «города Тулы» meets «город Тула»."""
    words = norm(value).replace("-", " - ").split()
    stemmer = _stemmer()
    out: list[str] = stemmer.stemWords(words)  # type: ignore[attr-defined]
    return tuple(w for w in out if w != "-")


def cell_text(value: object, *, limit: int = MAX_SHORT_CHARS, multiline: bool = False) -> str:
    """A cell as trimmed text; refuses oversized values instead of truncating them.

    NUL characters are dropped: they carry nothing, and PostgreSQL cannot store them
    (one would make the database refuse the whole import's transaction).
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores «12345» ids as 12345.0
    text = str(value).replace("\x00", "").replace("\u00a0", " ").replace("\r\n", "\n").strip()
    if not multiline:
        text = _SPACE.sub(" ", text)
    if len(text) > limit:
        raise CellError("too_long", f"value has {len(text)} characters, the limit is {limit}")
    return text


def long_text(value: object) -> str:
    return cell_text(value, limit=MAX_TEXT_CHARS, multiline=True)


def plain_text(value: object) -> tuple[str, str]:
    """A text cell as plain text, and the source's own text when that was HTML (else "").

    ПОС texts carry ``<p>``, ``<span style=…>``, ``&nbsp;``: parsed by a real HTML
    parser (:func:`cur_desktop.text.html.to_plain_text`), entities decoded,
    whitespace normalised. The limit applies to the plain text.
    """
    from cur_desktop.text.html import looks_like_html, to_plain_text

    raw = cell_text(value, limit=4 * MAX_TEXT_CHARS, multiline=True)
    if not looks_like_html(raw):
        return long_text(raw), ""
    plain = to_plain_text(raw) or ""
    return long_text(plain), raw


def short_plain(value: object) -> str:
    """A one-line cell (title, address, executor) with any HTML removed."""
    from cur_desktop.text.html import looks_like_html, to_plain_text

    text = cell_text(value, limit=4 * MAX_SHORT_CHARS)
    if looks_like_html(text):
        text = to_plain_text(text) or ""
    return cell_text(text)


def parse_datetime(value: object, tz: tzinfo, formats: tuple[str, ...] = ()) -> datetime | None:
    """A date/time cell in UTC; naive values are local times of the region ``tz``.

    Empty gives None. Accepts Excel date cells, ISO 8601 (with or without an
    offset), Russian «ДД.ММ.ГГГГ ЧЧ:ММ» and any ``formats`` given by a mapping.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, date):
        result = datetime.combine(value, time())
    elif isinstance(value, str):
        result = _parse_date_text(value.strip(), formats)
    else:
        raise CellError("bad_date", f"expected a date, got a {type(value).__name__}")
    if result.tzinfo is None:
        result = result.replace(tzinfo=tz)
    if not 1990 <= result.year <= 2100:
        raise CellError("bad_date", f"date year {result.year} is out of range")
    return result.astimezone(UTC)


def _parse_date_text(text: str, formats: tuple[str, ...]) -> datetime:
    for fmt in (*formats, *_DATE_FORMATS):
        try:
            return datetime.strptime(text, fmt)  # noqa: DTZ007 - zone applied by the caller
        except ValueError:
            continue
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    known = "the mapping's formats, " if formats else ""
    raise CellError(
        "bad_date", f"not a date in a known format ({known}ДД.ММ.ГГГГ ЧЧ:ММ or ISO 8601)"
    )


def parse_duration(value: object) -> timedelta | None:
    """«ч:м:с» (hours may exceed 24, may be negative), an Excel time, or a fraction of a day."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, timedelta):
        delta = value
    elif isinstance(value, time):
        delta = timedelta(hours=value.hour, minutes=value.minute, seconds=value.second)
    elif isinstance(value, datetime):
        # Excel keeps [h]:mm:ss past 24 h as days after its 1899-12-30 epoch.
        delta = value - datetime(1899, 12, 30, tzinfo=value.tzinfo)
    else:
        delta = _duration_number_or_text(value)
    if abs(delta) > MAX_DURATION:
        raise CellError("bad_duration", f"not a duration within {MAX_DURATION.days} days")
    return delta


def _duration_number_or_text(value: object) -> timedelta:
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return timedelta(days=float(value))
        if isinstance(value, str):
            match = _DURATION.fullmatch(value.strip())
            if match:
                sign, hours, minutes, seconds = match.groups()
                delta = timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))
                return -delta if sign else delta
    except (OverflowError, ValueError):  # beyond timedelta's range, NaN, infinity
        raise CellError("bad_duration", f"not a duration within {MAX_DURATION.days} days") from None
    raise CellError("bad_duration", "not a duration in ч:м:с")


def parse_yes_no(value: object) -> bool | None:
    """«Да»/«Нет» (and true/false, 1/0); empty is None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    key = norm(value)
    if not key:
        return None
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError("bad_value", "expected «Да» or «Нет»")


def parse_float(value: object, limit: float = 1e9) -> float | None:
    """A coordinate; a decimal comma is accepted (Russian Excel)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError("bad_number", "expected a number")
    text = value.strip().replace(",", ".") if isinstance(value, str) else value
    if not isinstance(text, str | int | float):
        raise CellError("bad_number", "expected a number")
    try:
        number = float(text)
    except ValueError:
        raise CellError("bad_number", "expected a number") from None
    if not abs(number) <= limit:
        raise CellError("bad_number", f"number outside ±{limit}")
    return number


def parse_rating(value: object) -> int | None:
    """A ПОС satisfaction rating 1..5."""
    number = parse_float(value)
    if number is None:
        return None
    if not number.is_integer() or not 1 <= number <= 5:
        raise CellError("bad_rating", "rating must be a whole number from 1 to 5")
    return int(number)
