"""The region's rules for conflict situations: ``conflict_rules.json`` in its pack.

Seed 000 §2.2б asks the centre to find conflict situations; what counts as one is
region data, not code: a rating at or below ``max_rating``, the citizen's
«недоволен», a reopened appeal, a second appeal from the same author or at the same
address about the same problem within N days, an appeal to a higher body about an
earlier one, a public post with high reach. Each rule can be switched off and has
its own thresholds.

The file is validated when loaded; every mistake names the file and the key
(``conflict_rules.json: rules.repeat_author.days: must be a whole number ≥ 1``), so a
region's author fixes it without reading code. A pack without the file has no
conflict rules (:data:`NO_RULES`): nothing is detected, nothing fails.

Qt-free; any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from cur_desktop.domain.enums import Source
from cur_desktop.text.lemmas import lemmatize

FILE_NAME = "conflict_rules.json"
FORMAT = "cur-conflict-rules"
RULE_NAMES = (
    "low_rating",
    "dissatisfied",
    "reopened",
    "repeat_author",
    "repeat_address",
    "higher_body",
    "high_reach",
)


class ConflictRulesError(ValueError):
    """The rules file is unreadable or says something impossible; the message says where."""


@dataclass(frozen=True, slots=True)
class ConflictRules:
    """Every rule's switch and thresholds (the defaults are the demo region's)."""

    low_rating: bool = False
    max_rating: int = 3
    dissatisfied: bool = False
    reopened: bool = False
    repeat_author: bool = False
    repeat_author_days: int = 30
    repeat_author_similarity: float = 0.25
    repeat_address: bool = False
    repeat_address_days: int = 14
    repeat_address_similarity: float = 0.25
    higher_body: bool = False
    higher_body_days: int = 90
    #: lemma phrases naming a higher body («губернатор», «прокуратура»)
    higher_markers: tuple[tuple[str, ...], ...] = ()
    #: lemma phrases referring to an earlier appeal («уже обращаться», «отписка»)
    earlier_markers: tuple[tuple[str, ...], ...] = ()
    high_reach: bool = False
    reach_sources: frozenset[str] = frozenset()
    reach_min_me_too: int = 10
    reach_resonance_flag: bool = True

    @property
    def enabled(self) -> tuple[str, ...]:
        """The names of the rules switched on, in the file's order."""
        return tuple(name for name in RULE_NAMES if getattr(self, name))

    @property
    def look_back_days(self) -> int:
        """How far back an earlier appeal may lie for any rule that compares two."""
        return max(self.repeat_author_days, self.repeat_address_days, self.higher_body_days)


NO_RULES = ConflictRules()


def load_conflict_rules(pack_dir: Path) -> ConflictRules:
    """The rules of the pack in ``pack_dir``; :data:`NO_RULES` when it has no file."""
    path = pack_dir / FILE_NAME
    if not path.is_file():
        return NO_RULES
    try:
        doc = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        msg = f"{FILE_NAME}: not readable JSON: {exc}"
        raise ConflictRulesError(msg) from exc
    return parse_conflict_rules(doc)


def parse_conflict_rules(doc: Any) -> ConflictRules:
    """Validate a rules document; :class:`ConflictRulesError` says what and where."""
    if not isinstance(doc, Mapping):
        _fail("", "must be a JSON object")
    if doc.get("format") != FORMAT:
        _fail("format", f"must be {FORMAT!r}")
    if doc.get("version") != 1:
        _fail("version", "must be 1")
    rules = doc.get("rules")
    if not isinstance(rules, Mapping):
        _fail("rules", "must be an object")
    unknown = sorted(set(rules) - set(RULE_NAMES))
    if unknown:
        _fail(f"rules.{unknown[0]}", f"unknown rule (known: {', '.join(RULE_NAMES)})")
    r = _Rules(rules)
    return ConflictRules(
        low_rating=r.on("low_rating"),
        max_rating=r.integer("low_rating", "max_rating", 3, low=1, high=4),
        dissatisfied=r.on("dissatisfied"),
        reopened=r.on("reopened"),
        repeat_author=r.on("repeat_author"),
        repeat_author_days=r.integer("repeat_author", "days", 30, low=1, high=3650),
        repeat_author_similarity=r.share("repeat_author", "min_similarity", 0.25),
        repeat_address=r.on("repeat_address"),
        repeat_address_days=r.integer("repeat_address", "days", 14, low=1, high=3650),
        repeat_address_similarity=r.share("repeat_address", "min_similarity", 0.25),
        higher_body=r.on("higher_body"),
        higher_body_days=r.integer("higher_body", "days", 90, low=1, high=3650),
        higher_markers=r.phrases("higher_body", "markers"),
        earlier_markers=r.phrases("higher_body", "earlier_markers"),
        high_reach=r.on("high_reach"),
        reach_sources=r.sources("high_reach", "sources"),
        reach_min_me_too=r.integer("high_reach", "min_me_too", 10, low=1, high=10**6),
        reach_resonance_flag=r.flag("high_reach", "resonance_flag", default=True),
    )


def _fail(key: str, problem: str) -> Any:
    where = f"{FILE_NAME}: {key}: " if key else f"{FILE_NAME}: "
    raise ConflictRulesError(where + problem)


class _Rules:
    def __init__(self, rules: Mapping[str, Any]) -> None:
        self._rules = rules

    def _rule(self, name: str) -> Mapping[str, Any]:
        rule: Any = self._rules.get(name, {})
        if not isinstance(rule, Mapping):
            _fail(f"rules.{name}", "must be an object")
        return dict(rule)

    def flag(self, name: str, key: str, *, default: bool) -> bool:
        value = self._rule(name).get(key, default)
        if not isinstance(value, bool):
            _fail(f"rules.{name}.{key}", "must be true or false")
        return bool(value)

    def on(self, name: str) -> bool:
        return name in self._rules and self.flag(name, "enabled", default=True)

    def integer(self, name: str, key: str, default: int, *, low: int, high: int) -> int:
        value = self._rule(name).get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            _fail(f"rules.{name}.{key}", f"must be a whole number from {low} to {high}")
        return int(value)

    def share(self, name: str, key: str, default: float) -> float:
        value = self._rule(name).get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
            _fail(f"rules.{name}.{key}", "must be a number above 0 and at most 1")
        return float(value)

    def _strings(self, name: str, key: str) -> list[str]:
        value = self._rule(name).get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            _fail(f"rules.{name}.{key}", "must be a list of non-empty strings")
        return [str(v) for v in value]

    def phrases(self, name: str, key: str) -> tuple[tuple[str, ...], ...]:
        """Marker phrases as lemma sequences (so «губернатору» matches «губернатор»)."""
        return tuple(tuple(lemmatize(v)) for v in self._strings(name, key) if lemmatize(v))

    def sources(self, name: str, key: str) -> frozenset[str]:
        known = {s.value for s in Source}
        values = self._strings(name, key)
        for value in values:
            if value not in known:
                _fail(f"rules.{name}.{key}", f"unknown source {value!r} (known: {sorted(known)})")
        return frozenset(values)


def region_conflict_rules() -> ConflictRules:
    """The built-in region pack's rules (the demo region), as the console uses them.

    Like :func:`ui.console.console_context.region_sla`, the built-in pack for now; a
    broken file raises :class:`ConflictRulesError` with where and why.
    """
    from cur_desktop.regions.pack import builtin_pack_dir

    return load_conflict_rules(builtin_pack_dir())
