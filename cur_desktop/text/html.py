"""HTML in a source's text fields, as plain text.

Real ПОС exports carry HTML in most texts (``<p>``, ``<span style=…>``, ``&nbsp;``,
``<br>``); ИМ and portal exports sometimes do. :func:`to_plain_text` parses it with
a real HTML5 parser (selectolax's Lexbor engine), drops scripts and styles, turns
block elements and ``<br>`` into line breaks, decodes entities (``&nbsp;`` becomes a
space, so ``+7&nbsp;910`` is a phone again) and normalises whitespace.
:func:`looks_like_html` decides cheaply whether a text needs it: a plain text with
a «<» in it («температура <18») is left as it is.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")
_BLOCK = (
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "section", "article", "header", "footer", "hr",
)  # fmt: skip
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u200b\ufeff]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def looks_like_html(text: str | None) -> bool:
    """True when the text holds a tag or an entity."""
    return bool(text) and _TAG.search(text or "") is not None


def normalise_whitespace(text: str) -> str:
    """Runs of spaces (non-breaking too) as one space, at most one empty line, trimmed."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def to_plain_text(text: str | None) -> str | None:
    """The text without markup; a text that is not HTML only has its whitespace normalised."""
    if text is None:
        return None
    if not looks_like_html(text):
        return normalise_whitespace(text)
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(f"<body>{text}</body>")
    for node in tree.css("script, style, head, template"):
        node.decompose()
    body = tree.body
    if body is None:
        return normalise_whitespace(html.unescape(text))
    for name in _BLOCK:
        for node in body.css(name):
            if name in {"br", "hr"}:
                node.insert_before("\n")
            else:
                node.insert_before("\n")
                node.insert_after("\n")
    plain = body.text(deep=True, separator="", strip=False)
    # entities the parser left (double-escaped sources: «&amp;nbsp;»)
    if "&" in plain and _TAG.search(plain):
        plain = html.unescape(plain)
    return normalise_whitespace(plain)
