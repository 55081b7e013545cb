"""Slot values of one composed text: the hot path of the demo text composer.

A :class:`Filler` lives for one text. Each ``{slot}`` is computed on first use and
reused, so a text that names ``{date}`` twice names one date. Leaf slots are the
functions in :data:`LEAVES` (one per :data:`~cur_desktop.demo.texts_corpus.LEAF_SLOTS`
entry, same order); phrase slots draw a phrase from the corpus. Draws use
``rng.random()`` directly: ``choice`` and ``randint`` cost several times more in pure
Python, and this runs a million times per demo database.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TypeVar

from cur_desktop.demo.texts_corpus import LEAF_SLOTS, Template
from cur_desktop.demo.texts_places import PlaceSlots

_T = TypeVar("_T")


SlotFunc = Callable[["Filler"], str]


class Filler:
    """Slot values for one text: computed on first use, then reused within the text."""

    __slots__ = ("funcs", "months", "place", "random", "values", "when")

    def __init__(
        self,
        funcs: tuple[SlotFunc, ...],  # per slot id: LEAVES, then phrase slots
        months: tuple[str, ...],  # genitive month names
        rng: random.Random,
        place: PlaceSlots,
        when: date | None,
    ) -> None:
        self.funcs = funcs
        self.months = months
        self.random = rng.random
        self.place = place
        self.when = when
        self.values: list[str | None] = [None] * len(funcs)

    def pick(self, items: Sequence[_T]) -> _T:
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """An integer in ``low..high``, both included."""
        return low + int(self.random() * (high - low + 1))

    def render(self, template: Template) -> str:
        slots = template.slots
        if not slots:
            return template.fmt
        values, args = self.values, []
        for i in slots:
            value = values[i]
            if value is None:
                value = values[i] = self.funcs[i](self)
            args.append(value)
        return template.fmt.format(*args)

    def value(self, slot: int) -> str:
        found = self.values[slot]
        if found is None:
            found = self.values[slot] = self.funcs[slot](self)
        return found


def _city_tag(f: Filler) -> str:
    return "#" + "".join(ch for ch in f.place.settlement if ch.isalnum())


def _date(f: Filler) -> str:
    months = f.months
    if f.when is None:
        return f"{f.between(1, 28)} {f.pick(months)}"
    day = f.when - timedelta(days=f.between(1, 20))
    return f"{day.day} {months[day.month - 1]}"


def _amount(f: Filler) -> str:
    return f"{f.between(480, 14_999):,}".replace(",", " ")


# One function per LEAF_SLOTS entry, in the same order.
LEAVES: tuple[SlotFunc, ...] = (
    lambda f: f.place.settlement,
    lambda f: f"{f.place.settlement_type} {f.place.settlement}",
    _city_tag,
    lambda f: f.place.address,
    lambda f: f.place.street.official,
    lambda f: f.place.street.on,
    lambda f: f.place.house,
    lambda f: str(f.place.flat),
    lambda f: str(f.between(2, 9)),
    lambda f: str(f.place.school),
    lambda f: str(f.place.kindergarten),
    lambda f: str(f.place.clinic),
    lambda f: f.place.route,
    _date,
    lambda f: str(f.between(12, 17)),
    lambda f: str(f.between(2012, (f.when.year if f.when else 2025) - 1)),
    _amount,
    lambda f: str(f.between(1_000_000_000, 9_999_999_999)),
)


assert len(LEAVES) == len(LEAF_SLOTS)


#: Slot id of the settlement hashtag (social posts end with it).
CITY_TAG = LEAF_SLOTS.index("city_tag")


def phrase_slot(phrases: tuple[Template, ...]) -> SlotFunc:
    def fill(f: Filler) -> str:
        return f.render(phrases[int(f.random() * len(phrases))])

    return fill
