"""Loading and pre-compiling the demo text corpus (``resources/demo/texts_ru.json``).

The demo generator composes up to millions of texts, so every template is parsed once
here: its ``{slot}`` markers become positional ``str.format`` fields plus a tuple of
slot ids, and composing a text is then one C-level ``format`` call per fragment. The
same pass validates the corpus: an unknown slot or a stray brace is refused at load
time (with its JSON path), so a composed text can never show a raw ``{marker}``.

Slots are of two kinds. *Leaf* slots (:data:`LEAF_SLOTS`) are computed in code from
the place and the random generator. *Phrase* slots are the lists under ``phrases`` in
the JSON (``since``, ``duration``, …): adding a list there adds a slot, no code change.
A phrase may use leaf slots but not other phrases, which keeps filling non-recursive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cur_desktop.paths import resources_dir

FORMAT = "cur-demo-texts"
VERSION = 1

#: Slots computed in code (see ``cur_desktop.demo.texts``), in slot-id order.
LEAF_SLOTS: tuple[str, ...] = (
    "city",  # settlement name, nominative: «Самара»
    "settlement",  # with its type: «г. Самара» (safe after prepositions: «в г. Самара»)
    "city_tag",  # hashtag: «#НабережныеЧелны»
    "address",  # «г. Самара, ул. Ленина, д. 12»
    "street",  # official form: «ул. Ленина»
    "on_street",  # colloquial locative with its preposition: «на Советской»
    "house",
    "flat",
    "floor",
    "school",
    "kindergarten",
    "clinic",
    "route",
    "date",  # «12 марта», a few days before the appeal
    "temp",  # indoor temperature, 12..17
    "year",
    "amount",  # roubles, «3 450»
    "account",  # personal account number, 10 digits
)
#: Slots that mean "the text already says where": no extra place line is needed.
PLACE_SLOTS = frozenset({"address", "street", "on_street", "house"})

_SLOT = re.compile(r"\{([a-z_]+)\}")


class CorpusError(ValueError):
    """A malformed text corpus; ``path`` locates the bad field."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path


@dataclass(frozen=True, slots=True)
class Template:
    """A text fragment compiled for ``fmt.format(*values)``."""

    fmt: str
    slots: tuple[int, ...]  # slot id of each positional field
    source: str
    has_place: bool


@dataclass(frozen=True, slots=True)
class Street:
    official: str  # «ул. Советская»: for addresses and formal texts
    on: str  # «на Советской»: how people say where something is


@dataclass(frozen=True, slots=True)
class Entry:
    """Texts of one category: titles, social-media posts, formal messages."""

    titles: tuple[Template, ...]
    social: tuple[Template, ...]
    formal: tuple[Template, ...]


@dataclass(frozen=True, slots=True)
class ThemeTexts:
    hashtags: tuple[str, ...]
    social_extras: tuple[Template, ...]
    formal_extras: tuple[Template, ...]


@dataclass(frozen=True, slots=True)
class Names:
    male_first: tuple[str, ...]
    female_first: tuple[str, ...]
    patronymics: tuple[tuple[str, str], ...]  # (male, female)
    surnames: tuple[str, ...]  # male forms; female forms are derived


@dataclass(frozen=True)
class Corpus:
    slot_names: tuple[str, ...]  # slot id -> name: leaf slots, then phrase slots
    phrases: tuple[tuple[Template, ...], ...]  # per phrase slot (id - len(LEAF_SLOTS))
    months_genitive: tuple[str, ...]
    streets: tuple[Street, ...]
    street_index: Mapping[str, Street]  # by official form
    villages: tuple[tuple[str, str], ...]  # (name, type): «Никольское», «с.»
    names: Names
    social: Mapping[str, tuple[Template, ...]]  # openers, closers, extras, places
    formal: Mapping[str, tuple[Template, ...]]  # greetings, closers, extras, background, places
    themes: Mapping[str, ThemeTexts]
    entries: Mapping[str, Entry]  # the categories written in the corpus
    fallback: Entry

    def entries_for(self, code: str) -> tuple[Entry, ...]:
        """A category's own entry, else its subcategories' entries; empty if neither.

        Subcategories stay separate entries (not one merged list) so that a composed
        title and text always come from the same subcategory.
        """
        own = self.entries.get(code)
        if own is not None:
            return (own,)
        prefix = code + "."
        return tuple(e for c, e in self.entries.items() if c.startswith(prefix))


class _Compiler:
    def __init__(self, phrase_names: tuple[str, ...]) -> None:
        self.names = LEAF_SLOTS + phrase_names
        self.ids = {name: i for i, name in enumerate(self.names)}

    def template(self, text: object, path: str, *, leaf_only: bool = False) -> Template:
        if not isinstance(text, str) or not text.strip():
            raise CorpusError(path, f"expected a non-empty string, got {text!r}")
        slots: list[int] = []

        def field(match: re.Match[str]) -> str:
            slot = self.ids.get(match.group(1))
            if slot is None or (leaf_only and slot >= len(LEAF_SLOTS)):
                raise CorpusError(path, f"unknown slot {match.group(0)} in {text!r}")
            slots.append(slot)
            return "{" + str(len(slots) - 1) + "}"

        fmt = _SLOT.sub(field, text)
        if "{" in _SLOT.sub("", text) or "}" in _SLOT.sub("", text):
            raise CorpusError(path, f"stray brace in {text!r}")
        names = {self.names[s] for s in slots}
        return Template(fmt, tuple(slots), text, bool(names & PLACE_SLOTS))

    def many(self, doc: Mapping[str, Any], key: str, path: str) -> tuple[Template, ...]:
        items = doc.get(key)
        if not isinstance(items, list) or not items:
            raise CorpusError(f"{path}.{key}", "expected a non-empty list of strings")
        return tuple(self.template(t, f"{path}.{key}[{i}]") for i, t in enumerate(items))

    def entry(self, doc: object, path: str) -> Entry:
        if not isinstance(doc, Mapping):
            raise CorpusError(path, "expected an object")
        return Entry(
            self.many(doc, "titles", path),
            self.many(doc, "social", path),
            self.many(doc, "formal", path),
        )


def _strings(doc: Mapping[str, Any], key: str, path: str) -> tuple[str, ...]:
    items = doc.get(key)
    if not isinstance(items, list) or not items or not all(isinstance(s, str) for s in items):
        raise CorpusError(f"{path}{key}", "expected a non-empty list of strings")
    return tuple(items)


def _pairs(doc: Mapping[str, Any], key: str) -> tuple[tuple[str, str], ...]:
    items = doc.get(key)
    if not isinstance(items, list) or not items:
        raise CorpusError(key, "expected a non-empty list of [string, string] pairs")
    for i, pair in enumerate(items):
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(s, str) for s in pair)
        ):
            raise CorpusError(f"{key}[{i}]", f"expected a pair of strings, got {pair!r}")
    return tuple((a, b) for a, b in items)


def _object(doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = doc.get(key)
    if not isinstance(value, Mapping):
        raise CorpusError(key, "expected an object")
    return value


#: The fragment lists the composer needs besides the categories.
REQUIRED_PARTS: Mapping[str, tuple[str, ...]] = {
    "social": ("openers", "closers", "extras", "places"),
    "formal": ("greetings", "closers", "extras", "places", "background"),
}


def corpus_from_json(doc: Mapping[str, Any]) -> Corpus:
    """Validate and compile a ``cur-demo-texts`` document."""
    if doc.get("format") != FORMAT or doc.get("version") != VERSION:
        raise CorpusError("format", f"expected {FORMAT!r} version {VERSION}")
    phrases_doc = _object(doc, "phrases")
    clash = set(phrases_doc) & set(LEAF_SLOTS)
    if clash:
        raise CorpusError("phrases", f"phrase lists shadow computed slots: {sorted(clash)}")
    comp = _Compiler(tuple(phrases_doc))
    phrases = tuple(
        tuple(
            comp.template(t, f"phrases.{name}[{i}]", leaf_only=True)
            for i, t in enumerate(_strings(phrases_doc, name, "phrases."))
        )
        for name in phrases_doc
    )
    streets = tuple(Street(*pair) for pair in _pairs(doc, "streets"))
    villages = _pairs(doc, "villages")
    people = _object(doc, "people")
    names = Names(
        _strings(people, "male_first", "people."),
        _strings(people, "female_first", "people."),
        _pairs(people, "patronymics"),
        _strings(people, "surnames", "people."),
    )
    parts = {}
    for style, keys in REQUIRED_PARTS.items():
        style_doc = _object(doc, style)
        parts[style] = {k: comp.many(style_doc, k, style) for k in keys}
    themes_doc = _object(doc, "themes")
    for code, t in themes_doc.items():
        if not isinstance(t, Mapping):
            raise CorpusError(f"themes.{code}", "expected an object")
    cats = _object(doc, "categories")
    return Corpus(
        slot_names=comp.names,
        phrases=phrases,
        months_genitive=_strings(doc, "months_genitive", ""),
        streets=streets,
        street_index={s.official: s for s in streets},
        villages=villages,
        names=names,
        social=parts["social"],
        formal=parts["formal"],
        themes={
            code: ThemeTexts(
                _strings(t, "hashtags", f"themes.{code}."),
                comp.many(t, "social_extras", f"themes.{code}"),
                comp.many(t, "formal_extras", f"themes.{code}"),
            )
            for code, t in themes_doc.items()
        },
        entries={code: comp.entry(e, f"categories.{code}") for code, e in cats.items()},
        fallback=comp.entry(doc.get("fallback"), "fallback"),
    )


def load_corpus(path: Path | None = None) -> Corpus:
    """Read and compile the corpus; the shipped Russian one by default."""
    path = path or resources_dir() / "demo" / "texts_ru.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict):
        raise CorpusError("$", "expected a JSON object")
    return corpus_from_json(doc)
