"""Short labels for municipalities, derived from their official names.

Official names are long and inconsistent in word order («Муниципальный район
Алексеевский», «Агульский муниципальный район», «Городской округ город Тула»);
a map tile or a table column needs «Алексеевский район», «Агульский район»,
«г. Тула». The words involved are Russian data, so the rules come from
``resources/regions/seed_regions.json`` and this module only applies them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class NamingRules:
    drop: tuple[str, ...]  # kind words removed wherever they stand
    abbreviate: tuple[tuple[str, str], ...]  # settlement-type prefixes and their abbreviations
    adjective_endings: tuple[str, ...]  # a name ending so is an adjective needing a noun
    adjective_noun: Mapping[str, str]  # municipality kind -> the noun to add

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> NamingRules:
        # Longest first, so "муниципальный район" is not half-removed by a shorter entry.
        drop = tuple(sorted((str(d) for d in doc["drop"]), key=len, reverse=True))
        return cls(
            drop=drop,
            abbreviate=tuple((str(a), str(b)) for a, b in doc["abbreviate"]),
            adjective_endings=tuple(str(e) for e in doc["adjective_endings"]),
            adjective_noun={str(k): str(v) for k, v in doc["adjective_noun"].items()},
        )

    def short_name(self, name: str, kind: str) -> str:
        """The label for a municipality of this official name and kind."""
        core = name
        for word in self.drop:
            core = core.replace(word, " ")
        core = _SPACES.sub(" ", core).strip()
        for prefix, short in self.abbreviate:
            if core.startswith(prefix):
                return short + core[len(prefix) :]
        noun = self.adjective_noun.get(kind)
        if noun and core.endswith(self.adjective_endings):
            return f"{core} {noun}"
        return core or name
