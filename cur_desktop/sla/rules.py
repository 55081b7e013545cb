"""SLA rules as data: which deadline norms apply to which appeals.

Every number of a deadline is regional policy (DOMAIN.md §6): ИМ answers within
8 working hours (4 for high importance) and 7 working days after an interim
answer, ПОС and 59-ФЗ appeals within 30 days with an 8-day target, and a region
may change any of it. So the norms live in ``resources/sla/default.json`` and in
a region pack's ``sla.json`` (format in ``resources/sla/README.md``), and this
module only reads, checks and matches them.

A rule matches on any of source, kind, theme and importance; the most specific
matching rule wins (the most fields constrained), ties go to the earlier rule.
A rule set must hold a catch-all rule, so every appeal gets a norm.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

from cur_desktop.domain.appeal import Appeal, utc
from cur_desktop.domain.enums import Importance, Kind, Source
from cur_desktop.sla.calendar import ProductionCalendar
from cur_desktop.sla.paths import default_rules_path

FORMAT = "cur-sla-rules"
VERSION = 1
MATCH_FIELDS = ("source", "kind", "theme", "importance")
CLOCK_STARTS = ("registered", "created")
_ENUMS: Mapping[str, frozenset[str]] = {
    "source": frozenset(s.value for s in Source),
    "kind": frozenset(k.value for k in Kind),
    "importance": frozenset(i.value for i in Importance),
}


class RulesError(ValueError):
    """A malformed rule file; ``path`` names the bad field (``rules[2].first_answer.unit``)."""

    def __init__(self, origin: str, path: str, problem: str) -> None:
        super().__init__(f"{origin}: {path}: {problem}" if path else f"{origin}: {problem}")
        self.origin = origin
        self.path = path
        self.problem = problem


class Unit(StrEnum):
    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    CALENDAR_HOURS = "calendar_hours"

    @property
    def is_working(self) -> bool:
        return self in (Unit.WORKING_HOURS, Unit.WORKING_DAYS)


@dataclass(frozen=True, slots=True)
class Norm:
    """An amount of time in one unit: "8 working hours", "30 calendar days"."""

    value: float
    unit: Unit

    def deadline(self, calendar: ProductionCalendar, start: datetime) -> datetime:
        """When this much time has passed since ``start`` (see the calendar's rules)."""
        if self.unit is Unit.WORKING_HOURS:
            return calendar.add_working_time(start, timedelta(hours=self.value))
        if self.unit is Unit.WORKING_DAYS:
            return calendar.add_working_days(start, int(self.value))
        if self.unit is Unit.CALENDAR_DAYS:
            return calendar.add_calendar_days(start, int(self.value))
        return utc(start) + timedelta(hours=self.value)

    def amount(self) -> timedelta:
        """The norm as a fixed duration; working days have none (days differ in length)."""
        if self.unit is Unit.WORKING_DAYS:
            msg = "a number of working days is not a fixed duration"
            raise ValueError(msg)
        if self.unit is Unit.CALENDAR_DAYS:
            return timedelta(days=self.value)
        return timedelta(hours=self.value)

    def measure(self, calendar: ProductionCalendar, a: datetime, b: datetime) -> timedelta:
        """Time from ``a`` to ``b`` as this norm counts it: working or elapsed."""
        if self.unit.is_working:
            return calendar.working_time_between(a, b)
        return b - a

    def extend(self, calendar: ProductionCalendar, moment: datetime, amount: timedelta) -> datetime:
        """``moment`` pushed later by ``amount`` of this norm's kind of time."""
        if amount <= timedelta(0):
            return moment
        if self.unit.is_working:
            return calendar.add_working_time(moment, amount)
        return moment + amount


@dataclass(frozen=True, slots=True)
class AtRisk:
    """When an open appeal turns amber: in the last ``share`` of its norm, or ``within`` of it."""

    share: float | None = 0.25
    within: Norm | None = None


@dataclass(frozen=True, slots=True)
class SlaRule:
    name: str
    match: Mapping[str, frozenset[str]]
    first_answer: Norm
    final_answer: Norm | None = None  # None: an interim answer does not change the deadline
    target: Norm | None = None  # a softer goal, e.g. the ПОС 8-day target
    at_risk: AtRisk = AtRisk()
    clock_starts: str = "registered"

    @property
    def specificity(self) -> int:
        return len(self.match)

    def matches(self, key: Mapping[str, str | None]) -> bool:
        return all(key.get(field) in allowed for field, allowed in self.match.items())


class SlaRules:
    """An ordered rule set; :meth:`rule_for` picks the rule of an appeal."""

    def __init__(self, rules: tuple[SlaRule, ...], *, origin: str = "<rules>") -> None:
        if not any(rule.specificity == 0 for rule in rules):
            raise RulesError(origin, "rules", "no catch-all rule (one with an empty match)")
        self.rules = rules
        self.origin = origin
        self._cache: dict[tuple[str | None, ...], SlaRule] = {}

    def rule_for(self, appeal: Appeal) -> SlaRule:
        return self.match(
            source=appeal.source.value,
            kind=appeal.kind.value,
            theme=appeal.theme,
            importance=appeal.importance.value,
        )

    def match(
        self,
        *,
        source: str | None = None,
        kind: str | None = None,
        theme: str | None = None,
        importance: str | None = None,
    ) -> SlaRule:
        key = (source, kind, theme, importance)
        found = self._cache.get(key)
        if found is None:
            fields = dict(zip(MATCH_FIELDS, key, strict=True))
            best: SlaRule | None = None
            for rule in self.rules:
                if rule.matches(fields) and (best is None or rule.specificity > best.specificity):
                    best = rule
            assert best is not None  # the catch-all always matches
            found = self._cache[key] = best
        return found


def load_rules(path: Path | None = None) -> SlaRules:
    """Read a rule file (``resources/sla/default.json`` when ``path`` is None).

    A file with ``"extends": "default"`` gets the default rules after its own, so a
    region overrides only what it changes.
    """
    path = path or default_rules_path()
    return parse_rules(_read(path), origin=str(path))


def rules_for_region(region_dir: Path | None) -> SlaRules:
    """The region pack's ``sla.json`` when it ships one, else the default rules."""
    if region_dir is not None and (region_dir / "sla.json").is_file():
        return load_rules(region_dir / "sla.json")
    return load_rules()


def parse_rules(raw: Any, *, origin: str = "<rules>") -> SlaRules:
    """Check and build a rule set from decoded JSON."""
    if not isinstance(raw, dict):
        _fail(origin, "", "must be a JSON object")
    if raw.get("format") != FORMAT:
        _fail(origin, "format", f"must be {FORMAT!r}")
    if raw.get("version") != VERSION:
        _fail(origin, "version", f"unsupported version {raw.get('version')!r}")
    extends = raw.get("extends")
    if extends is not None and extends != "default":
        _fail(origin, "extends", "only 'default' can be extended")
    unknown = set(raw) - {"format", "version", "description", "extends", "rules"}
    if unknown:
        _fail(origin, "", f"unknown fields {sorted(unknown)}")
    items = raw.get("rules")
    if not isinstance(items, list) or not items:
        _fail(origin, "rules", "must be a non-empty list")
    rules = tuple(_rule(item, f"rules[{i}]", origin) for i, item in enumerate(items))
    names = [r.name for r in rules]
    for i, name in enumerate(names):
        if name in names[:i]:
            _fail(origin, f"rules[{i}].name", f"duplicate rule name {name!r}")
    if extends == "default":
        default = default_rules_path()
        if origin == str(default):
            _fail(origin, "extends", "the default rules cannot extend themselves")
        rules += load_rules(default).rules
    return SlaRules(rules, origin=origin)


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RulesError(str(path), "", f"cannot read rules: {exc}") from exc


def _rule(raw: Any, where: str, origin: str) -> SlaRule:
    if not isinstance(raw, dict):
        _fail(origin, where, "must be an object")
    allowed = {"name", "match", "first_answer", "final_answer", "target", "at_risk"}
    unknown = set(raw) - allowed - {"clock_starts", "comment"}
    if unknown:
        _fail(origin, where, f"unknown fields {sorted(unknown)}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        _fail(origin, f"{where}.name", "must be a non-empty string")
    clock = raw.get("clock_starts", "registered")
    if clock not in CLOCK_STARTS:
        _fail(origin, f"{where}.clock_starts", f"must be one of {CLOCK_STARTS}")
    if "first_answer" not in raw:
        _fail(origin, f"{where}.first_answer", "is required")
    return SlaRule(
        name=name,
        match=_match(raw.get("match", {}), f"{where}.match", origin),
        first_answer=_norm(raw["first_answer"], f"{where}.first_answer", origin),
        final_answer=_optional_norm(raw.get("final_answer"), f"{where}.final_answer", origin),
        target=_optional_norm(raw.get("target"), f"{where}.target", origin),
        at_risk=_at_risk(raw.get("at_risk"), f"{where}.at_risk", origin),
        clock_starts=clock,
    )


def _match(raw: Any, where: str, origin: str) -> dict[str, frozenset[str]]:
    if not isinstance(raw, dict):
        _fail(origin, where, "must be an object")
    out: dict[str, frozenset[str]] = {}
    for field, value in raw.items():
        if field not in MATCH_FIELDS:
            _fail(origin, f"{where}.{field}", f"cannot match on it (use {', '.join(MATCH_FIELDS)})")
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v for v in values):
            _fail(origin, f"{where}.{field}", "must be a code or a non-empty list of codes")
        known = _ENUMS.get(field)
        for v in values:
            if known is not None and v not in known:
                _fail(origin, f"{where}.{field}", f"unknown {field} {v!r} (one of {sorted(known)})")
        out[field] = frozenset(values)
    return out


def _norm(raw: Any, where: str, origin: str) -> Norm:
    if not isinstance(raw, dict) or set(raw) != {"value", "unit"}:
        _fail(origin, where, 'must be {"value": number, "unit": "..."}')
    try:
        unit = Unit(raw["unit"])
    except ValueError:
        units = ", ".join(u.value for u in Unit)
        _fail(origin, f"{where}.unit", f"unknown unit {raw['unit']!r} (use {units})")
    value = raw["value"]
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not value > 0:
        _fail(origin, f"{where}.value", "must be a positive number")
    if unit in (Unit.WORKING_DAYS, Unit.CALENDAR_DAYS) and not float(value).is_integer():
        _fail(origin, f"{where}.value", f"{unit.value} must be a whole number")
    if value > 10_000:
        _fail(origin, f"{where}.value", "is implausibly large")
    return Norm(float(value), unit)


def _optional_norm(raw: Any, where: str, origin: str) -> Norm | None:
    return None if raw is None else _norm(raw, where, origin)


def _at_risk(raw: Any, where: str, origin: str) -> AtRisk:
    if raw is None:
        return AtRisk()
    if not isinstance(raw, dict) or len(raw) != 1 or not set(raw) <= {"share", "within"}:
        _fail(origin, where, 'must be {"share": 0..1} or {"within": {"value", "unit"}}')
    if "share" in raw:
        share = raw["share"]
        if not isinstance(share, (int, float)) or isinstance(share, bool) or not 0 <= share < 1:
            _fail(origin, f"{where}.share", "must be a number from 0 to below 1")
        return AtRisk(share=float(share))
    return AtRisk(share=None, within=_norm(raw["within"], f"{where}.within", origin))


def _fail(origin: str, path: str, problem: str) -> NoReturn:
    raise RulesError(origin, path, problem)
