"""Russian appeal texts for the demo generator, composed deterministically and fast.

The demo must look like a real ЦУР day: ИМ posts read like VK/Telegram (lower-case
starts, "!!!", @mentions, hashtags, small typos), ПОС and portal messages read like
letters («Прошу принять меры…»), and a million of them must not repeat verbatim. A
text is assembled from fragments of ``resources/demo/texts_ru.json`` — an optional
opener, the category's core text, theme or generic details, a closer — whose
``{slot}`` markers are filled from the place (street, house, school, route…) and from
the ``random.Random`` the caller passes. Everything random comes from that generator:
the same seed gives the same texts, and nothing here touches global state.

Public API (all take the caller's ``rng``)::

    place = place_for(rng, municipality)   # or random_place(rng, "Тула"), PlaceSlots(...)
    title, text = compose_text(rng, "roads", "roads.potholes", "roads.potholes.yard",
                               source_style=style_for(Source.IM), place=place, when=day)
    author = fake_person(rng).author("social")            # an Author
    # plain-value variants, as cur_desktop.demo.simulate calls them:
    fake_author(rng, social=True) -> dict; fake_address(rng, municipality) -> str
    compose(rng, theme=…, category=…, subcategory=…, social=…, municipality=…, address=…)

Category lookup: the subcategory's texts if the corpus has them, else the category's
(a category without its own texts draws from one of its subcategories), else the
theme's ``<theme>.other`` texts, else a generic fallback — so a region's own categories
still get plausible texts. About 15–20 µs per text on the 2-core reference machine.

Threads: a composer may be shared (its caches only grow, under the GIL); a
``random.Random`` may not — give each worker its own.
"""

from __future__ import annotations

import functools
import random
from dataclasses import asdict
from datetime import date

from cur_desktop.demo.texts_corpus import Corpus, Entry, Street, load_corpus
from cur_desktop.demo.texts_noise import add_typos, join_parts
from cur_desktop.demo.texts_people import FakePerson, SourceStyle, make_person
from cur_desktop.demo.texts_places import PlaceSlots, place_from_address, place_in
from cur_desktop.demo.texts_places import random_place as random_place_in
from cur_desktop.demo.texts_slots import CITY_TAG, LEAVES, Filler, phrase_slot
from cur_desktop.domain.dictionaries import Municipality
from cur_desktop.domain.enums import Source

__all__ = [
    "FakePerson",
    "PlaceSlots",
    "SourceStyle",
    "Street",
    "TextComposer",
    "compose",
    "compose_text",
    "default_composer",
    "fake_address",
    "fake_author",
    "fake_person",
    "place_for",
    "random_place",
    "street",
    "style_for",
]

SOCIAL_LENGTH = (80, 600)
FORMAL_LENGTH = (200, 1500)
_SOCIAL_SOURCES = frozenset({Source.IM, Source.GOSPUBLIC})


def style_for(source: Source) -> SourceStyle:
    """How people write in a channel: social networks casually, the rest formally."""
    return "social" if source in _SOCIAL_SOURCES else "formal"


class TextComposer:
    """Composes titles and texts from one compiled :class:`Corpus`."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._slot_funcs = LEAVES + tuple(phrase_slot(p) for p in corpus.phrases)
        self._entries: dict[tuple[str, str, str | None], tuple[Entry, ...]] = {}
        s, f = corpus.social, corpus.formal
        self._social = (s["openers"], s["closers"], s["extras"], s["places"])
        self._formal = (f["greetings"], f["closers"], f["extras"], f["places"], f["background"])
        # theme details first, then generic ones: one tuple per theme, built once
        self._formal_pools = {
            code: t.formal_extras + f["extras"] for code, t in corpus.themes.items()
        }

    def entries(
        self, theme: str, category: str, subcategory: str | None = None
    ) -> tuple[Entry, ...]:
        """The texts a category draws from (see the module docstring for the fallbacks)."""
        key = (theme, category, subcategory)
        found = self._entries.get(key)
        if found is None:
            c = self.corpus
            found = (
                (c.entries_for(subcategory) if subcategory else ())
                or c.entries_for(category)
                or c.entries_for(f"{theme}.other")
                or (c.fallback,)
            )
            self._entries[key] = found
        return found

    def compose(
        self,
        rng: random.Random,
        theme: str,
        category: str,
        subcategory: str | None = None,
        *,
        source_style: SourceStyle,
        place: PlaceSlots,
        when: date | None = None,
    ) -> tuple[str, str]:
        """``(title, text)`` of one appeal; ``when`` (its date) anchors relative dates."""
        fill = Filler(self._slot_funcs, self.corpus.months_genitive, rng, place, when)
        entry = fill.pick(self.entries(theme, category, subcategory))
        title = fill.render(fill.pick(entry.titles))
        if source_style == "social":
            return title, self._social_text(fill, entry, theme)
        return title, self._formal_text(fill, entry, theme)

    def _social_text(self, fill: Filler, entry: Entry, theme: str) -> str:
        openers, closers, extras, places = self._social
        pick, rnd = fill.pick, fill.random
        theme_texts = self.corpus.themes.get(theme)
        core = pick(entry.social)
        parts = [fill.render(core)]
        if not core.has_place and rnd() < 0.6:
            parts.insert(0, fill.render(pick(places)))
        if rnd() < 0.4:
            parts.insert(0, fill.render(pick(openers)))
        pool = theme_texts.social_extras if theme_texts and rnd() < 0.6 else extras
        if rnd() < 0.5:
            parts.append(fill.render(pick(pool)))
        if rnd() < 0.06:  # a rant: everything that hurts, at once
            parts.append(fill.render(pick(extras)))
            parts.append(fill.render(pick(theme_texts.social_extras if theme_texts else extras)))
        if rnd() < 0.55:
            parts.append(fill.render(pick(closers)))
        if theme_texts and rnd() < 0.3:
            parts.append(f"{fill.value(CITY_TAG)} {pick(theme_texts.hashtags)}")
        text = join_parts(rnd, parts)
        while len(text) < SOCIAL_LENGTH[0] + 2:  # typos may drop two characters
            text = join_parts(rnd, [text, fill.render(pick(pool))])
        if len(text) > SOCIAL_LENGTH[1]:
            text = fill.render(core)
        return add_typos(rnd, text)

    def _formal_text(self, fill: Filler, entry: Entry, theme: str) -> str:
        greetings, closers, extras, places, background = self._formal
        pick, rnd = fill.pick, fill.random
        core = pick(entry.formal)
        parts = [fill.render(core)]
        if rnd() < 0.7:
            parts.insert(0, fill.render(pick(greetings)))
        # zero to two distinct details, then more (in pool order) if the text is short
        pool = self._formal_pools.get(theme, extras)
        size = len(pool)
        first = int(rnd() * size)
        second = (first + 1 + int(rnd() * (size - 1))) % size
        wanted = pick((0, 1, 1, 2))
        parts.extend(fill.render(pool[i]) for i in (first, second)[:wanted])
        if not core.has_place and rnd() < 0.6:
            parts.append(fill.render(pick(places)))
        if rnd() < 0.75:
            parts.append(fill.render(pick(closers)))
        text = " ".join(parts)
        for k in range(size):
            if len(text) >= FORMAL_LENGTH[0]:
                break
            i = (first + k) % size
            if not (i == first and wanted) and not (i == second and wanted == 2):
                text = f"{text} {fill.render(pool[i])}"
        if rnd() < 0.04:  # a few citizens write long letters
            first = int(rnd() * len(background))
            for i in range(fill.between(2, 4)):
                addition = fill.render(background[(first + i) % len(background)])
                if len(text) + len(addition) + 2 > FORMAL_LENGTH[1]:
                    break
                text = f"{text}\n\n{addition}"
        return text[0].upper() + text[1:]

    def fake_person(self, rng: random.Random) -> FakePerson:
        return make_person(rng, self.corpus.names)

    def street(self, rng: random.Random) -> Street:
        return rng.choice(self.corpus.streets)

    def random_place(
        self, rng: random.Random, settlement: str, settlement_type: str = "г."
    ) -> PlaceSlots:
        return random_place_in(rng, self.corpus, settlement, settlement_type)

    def place_in(self, rng: random.Random, municipality: Municipality | None) -> PlaceSlots:
        return place_in(rng, self.corpus, municipality)


@functools.cache
def default_composer() -> TextComposer:
    """The composer of the shipped corpus, loaded and compiled once per process."""
    return TextComposer(load_corpus())


def compose_text(
    rng: random.Random,
    theme: str,
    category: str,
    subcategory: str | None = None,
    *,
    source_style: SourceStyle,
    place: PlaceSlots,
    when: date | None = None,
) -> tuple[str, str]:
    """``(title, text)`` from the shipped corpus; see :meth:`TextComposer.compose`."""
    return default_composer().compose(
        rng, theme, category, subcategory, source_style=source_style, place=place, when=when
    )


def fake_person(rng: random.Random) -> FakePerson:
    return default_composer().fake_person(rng)


def street(rng: random.Random) -> Street:
    return default_composer().street(rng)


def random_place(rng: random.Random, settlement: str, settlement_type: str = "г.") -> PlaceSlots:
    return default_composer().random_place(rng, settlement, settlement_type)


def place_for(rng: random.Random, municipality: Municipality | None) -> PlaceSlots:
    """A place in a region's municipality (its city, or a village of a rural district)."""
    return default_composer().place_in(rng, municipality)


# --- the shape cur_desktop.demo.simulate calls: plain values in, plain values out -------


def fake_author(rng: random.Random, *, social: bool) -> dict[str, str]:
    """Keyword arguments for :class:`~cur_desktop.domain.appeal.Author`."""
    return asdict(fake_person(rng).author("social" if social else "formal"))


def fake_address(rng: random.Random, municipality: Municipality | None) -> str:
    """An address in the municipality, in the form :func:`compose` reads back."""
    return place_for(rng, municipality).address


def compose(
    rng: random.Random,
    *,
    theme: str,
    category: str,
    subcategory: str | None,
    social: bool,
    municipality: Municipality | None,
    address: str,
    when: date | None = None,
) -> tuple[str, str]:
    """``(title, text)`` about ``address`` (as :func:`fake_address` wrote it)."""
    composer = default_composer()
    place = place_from_address(rng, composer.corpus, address, municipality)
    style: SourceStyle = "social" if social else "formal"
    return composer.compose(
        rng, theme, category, subcategory, source_style=style, place=place, when=when
    )
