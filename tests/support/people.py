"""Who acts in the central service's tests, and how much data the test database holds."""

from __future__ import annotations

from dataclasses import dataclass

from cur_desktop.central.scope import User

#: Generated appeals in the tests' template database (tests/central/conftest.py).
SEEDED = 300


@dataclass(frozen=True)
class People:
    operator: User
    operator2: User
    mcu: User  # municipal operator of the busiest municipality
    theme_head: User  # roads only
    curator: User
    wall: User
    head: User
    municipality: str
    other_municipality: str
