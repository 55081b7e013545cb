"""Users of the central service and the scope of appeals each may see and act on.

The scope rule (``docs/sync-protocol.md``, Scope rules) exists twice on purpose:
:meth:`Scope.contains` for one appeal in Python (actions, on-demand reads) and
:meth:`Scope.clause` as SQL for lists (snapshot pages, the feed), so that large
reads filter in the database. Both are tested against each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import ColumnElement, and_, or_, true

from cur_desktop.domain.enums import Role


@dataclass(frozen=True, slots=True)
class Scope:
    """Which appeals a user sees: empty tuples mean "no restriction"."""

    municipalities: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()

    @property
    def unrestricted(self) -> bool:
        return not self.municipalities and not self.themes

    def contains(self, municipality: str | None, theme: str | None) -> bool:
        if self.municipalities and municipality not in self.municipalities:
            return False
        return not self.themes or theme in self.themes

    def clause(
        self, municipality: ColumnElement[Any], theme: ColumnElement[Any]
    ) -> ColumnElement[bool]:
        """The same test as :meth:`contains`, on two columns."""
        parts: list[ColumnElement[bool]] = []
        if self.municipalities:
            parts.append(municipality.in_(self.municipalities))
        if self.themes:
            parts.append(theme.in_(self.themes))
        return and_(*parts) if parts else true()

    def either_clause(
        self,
        municipality_before: ColumnElement[Any],
        theme_before: ColumnElement[Any],
        municipality_after: ColumnElement[Any],
        theme_after: ColumnElement[Any],
    ) -> ColumnElement[bool]:
        """A feed row concerns the scope when the appeal was in it before or is after."""
        if self.unrestricted:
            return true()
        return or_(
            self.clause(municipality_before, theme_before),
            self.clause(municipality_after, theme_after),
        )

    def to_wire(self) -> dict[str, list[str]]:
        return {"municipalities": list(self.municipalities), "themes": list(self.themes)}

    def to_json(self) -> str:
        return orjson.dumps(self.to_wire()).decode()

    @classmethod
    def from_wire(cls, raw: Mapping[str, Any]) -> Scope:
        return cls(
            municipalities=tuple(str(m) for m in raw.get("municipalities") or ()),
            themes=tuple(str(t) for t in raw.get("themes") or ()),
        )

    @classmethod
    def from_json(cls, text: str) -> Scope:
        raw = orjson.loads(text) if text else {}
        return cls.from_wire(raw if isinstance(raw, Mapping) else {})


@dataclass(frozen=True, slots=True)
class User:
    """An authenticated person (or a bot: importers, the demo generator) acting on the service."""

    id: int
    login: str
    name: str
    role: Role
    scope: Scope = Scope()

    @property
    def sees_personal_data(self) -> bool:
        return self.role is not Role.WALL  # Role.sees_personal_data, without an enum lookup

    def to_wire(self) -> dict[str, Any]:
        """The protocol's ``User`` object."""
        return {
            "login": self.login,
            "name": self.name,
            "role": self.role.value,
            "scope": self.scope.to_wire(),
        }


def system_user(login: str, role: Role = Role.SYSTEM) -> User:
    """A bot identity with no database row (id 0): importers, the demo generator."""
    return User(id=0, login=login, name=login, role=role)
