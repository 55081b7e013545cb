"""How social-media posts differ from letters: loose punctuation and small typos.

Real ИМ posts start in lower case, skip commas, run sentences together, break lines
and misspell a word now and then. Operators and the search index must cope with that,
so the demo reproduces it. Only cheap string operations here: this runs once per
composed post, a million times per demo database.
"""

from __future__ import annotations

from collections.abc import Callable

_SENTENCE_END = frozenset(".!?…)(»")


def join_parts(rnd: Callable[[], float], parts: list[str]) -> str:
    """Join fragments the way people type: a missing full stop, sometimes a new line."""
    out = parts[0]
    for part in parts[1:]:
        last = out[-1]
        if last in _SENTENCE_END:
            sep = "\n" if rnd() < 0.12 else " "
        elif out.rsplit(None, 1)[-1][0] in "#@":  # a hashtag or mention ends the line
            sep = "\n" if rnd() < 0.5 else " "
        else:
            r = rnd()
            sep = ". " if r < 0.45 else "! " if r < 0.6 else "\n" if r < 0.75 else " "
        out = out + sep + part
    return out


def add_typos(rnd: Callable[[], float], text: str) -> str:
    """A lower-case start, a dropped comma, one swapped, lost or doubled letter."""
    if rnd() < 0.35 and text[0].isupper():
        text = text[0].lower() + text[1:]
    if rnd() < 0.2:
        comma = text.find(", ", int(rnd() * len(text)))
        if comma > 0:
            text = text[:comma] + text[comma + 1 :]
    r = rnd()
    if r < 0.18 and len(text) > 8:
        p = 2 + int(rnd() * (len(text) - 5))
        if text[p - 1 : p + 3].isalpha():  # inside a word, away from its edges
            if r < 0.09:
                text = text[:p] + text[p + 1] + text[p] + text[p + 2 :]
            elif r < 0.14:
                text = text[:p] + text[p + 1 :]
            else:
                text = text[:p] + text[p] + text[p:]
    return text
