"""A span of personal data in a text, its kind, and the placeholder that replaces it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

NAME = "name"
PHONE = "phone"
EMAIL = "email"
HANDLE = "handle"
FLAT = "flat"
BIRTH_DATE = "birth_date"
PLATE = "plate"
ACCOUNT = "account"
SNILS = "snils"
PASSPORT = "passport"
ADDRESS = "address"  # the author's own private address (PersonalMasker)

#: What the reader sees instead of the data: the kind stays readable («звонил [ФИО]»).
PLACEHOLDERS: dict[str, str] = {
    NAME: "[ФИО]",
    PHONE: "[телефон]",
    EMAIL: "[e-mail]",
    HANDLE: "[профиль]",
    FLAT: "[кв.]",
    BIRTH_DATE: "[дата рождения]",
    PLATE: "[госномер]",
    ACCOUNT: "[лиц. счёт]",
    SNILS: "[СНИЛС]",
    PASSPORT: "[паспорт]",
    ADDRESS: "[адрес]",
}

KINDS = tuple(k for k in PLACEHOLDERS if k != ADDRESS)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int
    kind: str


def merge(spans: Iterable[Span]) -> list[Span]:
    """Overlapping or touching spans as one (the earlier one's kind), in text order."""
    out: list[Span] = []
    for span in sorted(spans):
        if span.end <= span.start:
            continue
        if out and span.start <= out[-1].end:
            last = out[-1]
            if span.end > last.end:
                # the longer span names the kind: «Алина 12.03.2015 г.р.» is a birth date
                kind = last.kind if last.end - last.start >= span.end - span.start else span.kind
                out[-1] = Span(last.start, span.end, kind)
            continue
        out.append(span)
    return out


def replace(text: str, spans: Iterable[Span]) -> str:
    """``text`` with each (merged) span replaced by its kind's placeholder.

    Spans of one kind with only spaces between them become one placeholder
    («[ФИО]», not «[ФИО] [ФИО]» for a name found word by word).
    """
    joined: list[Span] = []
    for span in merge(spans):
        if joined:
            last = joined[-1]
            if last.kind == span.kind and not text[last.end : span.start].strip():
                joined[-1] = Span(last.start, span.end, last.kind)
                continue
        joined.append(span)
    parts: list[str] = []
    pos = 0
    for span in joined:
        parts.append(text[pos : span.start])
        parts.append(PLACEHOLDERS[span.kind])
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)
