"""Personal data of everyone a text names, masked (152-ФЗ): the author, kin, neighbours, staff.

:func:`find_spans` finds typed spans — person names (natasha's NER plus rules,
:mod:`.names`) and shaped data (:mod:`.patterns`: phones in any spelling, e-mails
written to dodge filters, profiles and handles, flats in every form and in lists,
birth dates, car plates, personal account numbers, СНИЛС, passports) — and
:func:`mask_text` replaces each with its kind's placeholder («[ФИО]»,
«[телефон]», «[кв.]»…). :func:`summary` is the one masked line the wall shows.

The model costs about 3 ms for a 350-character text, so a text is masked once,
when it is written (the central service stores the result with
:data:`MASKER_VERSION` and re-masks in the background when the version changes),
never per request. Recent results are cached: generated and imported texts repeat.
Qt-free.
"""

from __future__ import annotations

from functools import lru_cache

from cur_desktop.domain.masking.names import name_spans
from cur_desktop.domain.masking.patterns import shaped_spans
from cur_desktop.domain.masking.spans import KINDS, PLACEHOLDERS, Span, merge, replace

#: Bumped whenever what is masked changes: stored masked texts older than it are redone.
MASKER_VERSION = 2

SUMMARY_LENGTH = 160
_SENTENCE_ENDS = (".", "!", "?", "…")


@lru_cache(maxsize=4096)
def _spans(text: str, model: bool) -> tuple[Span, ...]:
    return tuple(merge([*shaped_spans(text), *name_spans(text, model=model)]))


def find_spans(text: str, *, model: bool = True) -> list[Span]:
    """Typed spans of personal data in ``text``, merged, in order."""
    if not text or text.isspace():
        return []
    return list(_spans(text, model))


def mask_text(text: str, *, model: bool = True) -> str:
    """``text`` with everyone's personal data replaced by typed placeholders."""
    if not text or text.isspace():
        return text
    return replace(text, find_spans(text, model=model))


def shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """One line of at most ``limit`` characters, cut at a word with «…»."""
    one_line = " ".join(text.split())
    if len(one_line) <= limit:
        return one_line
    cut = one_line[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def headline(title: str) -> str:
    """``title`` as the first sentence of a line: a full stop unless it ends a sentence."""
    title = title.rstrip()
    return title if title.endswith(_SENTENCE_ENDS) else title + "."


def summary(masked_title: str, masked_text: str, limit: int = SUMMARY_LENGTH) -> str:
    """The one line the wall shows: the title, then the text, already masked, shortened.

    Built from masked parts (a cut made before masking could split a phone number
    and hide it from the patterns).
    """
    title = masked_title.strip()
    body = masked_text.strip()
    if title and body:
        # a text that starts with its title (a summary the service made) is kept whole
        line = body if body.startswith(title) else f"{headline(title)} {body}"
    else:
        line = title or body
    return shorten(line, limit)


__all__ = [
    "KINDS",
    "MASKER_VERSION",
    "PLACEHOLDERS",
    "Span",
    "find_spans",
    "headline",
    "mask_text",
    "shorten",
    "summary",
]
