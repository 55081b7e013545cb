"""Where a demo appeal is about: settlement, street, house and the numbered places near it.

A :class:`PlaceSlots` is drawn once and may be reused for several appeals, so the demo
shows real clusters (one broken lift, twenty posts). The settlement comes from the
region's municipality when there is one: a city district names its city, while a
rural district gets one of the corpus's common village names, because region packs
list municipalities, not their villages.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cur_desktop.demo.texts_corpus import Corpus, Street
from cur_desktop.domain.dictionaries import Municipality

#: Settlement-type prefixes as region packs write them in ``short_name``.
_TYPE_PREFIXES = ("г.", "рп", "пгт", "п.", "пос.", "с.", "дер.", "д.", "ст-ца")
_HOUSE_SUFFIXES = ("а", "б", "к1", "к2", "/1", "/2")
_ROUTE_SUFFIXES = ("а", "к", "с")


@dataclass(frozen=True, slots=True)
class PlaceSlots:
    """The place slots of a text; reuse one place to make a cluster of appeals."""

    settlement: str  # nominative: «Тула», «Никольское»
    street: Street
    house: str = "1"
    settlement_type: str = "г."  # «г.», «с.», «рп», «пос.», «дер.»
    flat: int = 1
    school: int = 1
    kindergarten: int = 1
    clinic: int = 1
    route: str = "1"

    @property
    def address(self) -> str:
        """«г. Тула, ул. Ленина, д. 12»: what an appeal's address field holds."""
        return f"{self.settlement_type} {self.settlement}, {self.street.official}, д. {self.house}"


def random_place(
    rng: random.Random,
    corpus: Corpus,
    settlement: str,
    settlement_type: str = "г.",
    *,
    street: Street | None = None,
    house: str | None = None,
) -> PlaceSlots:
    """A plausible place in a settlement: street, house, flat, school, clinic, route."""
    city = settlement_type == "г."
    rnd = rng.random  # randint() costs several times more; this runs per appeal

    def between(low: int, high: int) -> int:
        return low + int(rnd() * (high - low + 1))

    if house is None:
        house = str(between(1, 40) if rnd() < 0.6 else between(41, 180))
        if city and rnd() < 0.08:
            house += _HOUSE_SUFFIXES[int(rnd() * len(_HOUSE_SUFFIXES))]
    route = str(between(1, 99) if city else between(100, 599))
    if city and rnd() < 0.1:
        route += _ROUTE_SUFFIXES[int(rnd() * len(_ROUTE_SUFFIXES))]
    if street is None:
        street = corpus.streets[int(rnd() * len(corpus.streets))]
    return PlaceSlots(
        settlement=settlement,
        street=street,
        house=house,
        settlement_type=settlement_type,
        flat=between(1, 220) if city else between(1, 16),
        school=between(1, 75) if city else between(1, 3),
        kindergarten=between(1, 260) if city else between(1, 3),
        clinic=between(1, 14) if city else 1,
        route=route,
    )


def settlement_of(
    rng: random.Random, corpus: Corpus, municipality: Municipality | None
) -> tuple[str, str]:
    """``(name, type)`` of a settlement in the municipality (a village when unknown)."""
    if municipality is not None:
        name = municipality.display_name.strip()
        for prefix in _TYPE_PREFIXES:
            if name.startswith(prefix + " "):
                return name[len(prefix) + 1 :].strip(), prefix
        if municipality.kind.startswith("городской округ") and name:
            return name, "г."
    return rng.choice(corpus.villages)


def place_in(rng: random.Random, corpus: Corpus, municipality: Municipality | None) -> PlaceSlots:
    name, kind = settlement_of(rng, corpus, municipality)
    return random_place(rng, corpus, name, kind)


def place_from_address(
    rng: random.Random, corpus: Corpus, address: str, municipality: Municipality | None
) -> PlaceSlots:
    """The place behind an address :func:`place_in` wrote (a repeat keeps its address).

    Any other address draws a new place in the municipality: a text naming a street
    the address field does not is a smaller flaw than a text with a garbled address.
    """
    parts = address.split(", ")
    if len(parts) == 3 and parts[2].startswith("д. ") and parts[1] in corpus.street_index:
        kind, _, name = parts[0].partition(" ")
        street = corpus.street_index[parts[1]]
        return random_place(rng, corpus, name, kind, street=street, house=parts[2][3:])
    return place_in(rng, corpus, municipality)
