"""SLA rules as data: the defaults, matching, region overrides and malformed files."""

from __future__ import annotations

import copy
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cur_desktop.sla import (
    ProductionCalendar,
    RulesError,
    SlaRules,
    Unit,
    load_rules,
    parse_rules,
    rules_for_region,
)
from cur_desktop.sla.paths import default_rules_path

MSK = ZoneInfo("Europe/Moscow")
DEFAULT = load_rules()


def _raw() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(default_rules_path().read_text(encoding="utf-8"))
    return raw


def test_default_norms() -> None:
    im = DEFAULT.match(source="im", kind="incident", importance="normal")
    assert (im.first_answer.value, im.first_answer.unit) == (8, Unit.WORKING_HOURS)
    assert im.final_answer is not None
    assert (im.final_answer.value, im.final_answer.unit) == (7, Unit.WORKING_DAYS)
    high = DEFAULT.match(source="im", kind="incident", importance="high")
    assert (high.first_answer.value, high.first_answer.unit) == (4, Unit.WORKING_HOURS)
    pos = DEFAULT.match(source="pos", kind="message", importance="normal")
    assert (pos.first_answer.value, pos.first_answer.unit) == (30, Unit.CALENDAR_DAYS)
    assert pos.target is not None
    assert pos.target.value == 8
    assert pos.final_answer is None
    for source in ("portal", "hotline"):
        assert DEFAULT.match(source=source, kind="appeal").first_answer.value == 30
    assert DEFAULT.match(source="open311", kind="message").name == "default"


def test_the_most_specific_rule_wins_and_ties_go_to_the_first() -> None:
    raw = {
        "format": "cur-sla-rules",
        "version": 1,
        "rules": [
            {"name": "any", "match": {}, "first_answer": {"value": 30, "unit": "calendar_days"}},
            {
                "name": "roads",
                "match": {"theme": "roads"},
                "first_answer": {"value": 10, "unit": "calendar_days"},
            },
            {
                "name": "im",
                "match": {"source": "im"},
                "first_answer": {"value": 8, "unit": "working_hours"},
            },
            {
                "name": "im-roads-high",
                "match": {"source": "im", "theme": ["roads", "waste"], "importance": "high"},
                "first_answer": {"value": 2, "unit": "working_hours"},
            },
        ],
    }
    rules = parse_rules(raw)
    assert rules.match(source="pos", theme="health").name == "any"
    assert rules.match(source="pos", theme="roads").name == "roads"
    assert rules.match(source="im", theme="roads").name == "roads"  # tie: earlier rule
    assert rules.match(source="im", theme="waste", importance="high").name == "im-roads-high"
    assert rules.match(source="im", theme="health", importance="high").name == "im"


def test_norms_compute_deadlines_in_their_units() -> None:
    calendar = ProductionCalendar(missing_years="raise")
    start = datetime(2026, 3, 2, 10, tzinfo=MSK)
    im = DEFAULT.match(source="im")
    assert im.first_answer.deadline(calendar, start) == datetime(2026, 3, 3, 10, tzinfo=MSK)
    pos = DEFAULT.match(source="pos")
    assert pos.first_answer.deadline(calendar, start) == datetime(2026, 4, 2, tzinfo=MSK)
    hours = parse_rules(
        _raw()
        | {"rules": [{"name": "x", "first_answer": {"value": 1.5, "unit": "calendar_hours"}}]}
    )
    deadline = hours.rules[0].first_answer.deadline(calendar, start)
    assert deadline == start + timedelta(hours=1.5)


def test_a_region_overrides_only_what_it_changes(tmp_path: Path) -> None:
    region = {
        "format": "cur-sla-rules",
        "version": 1,
        "extends": "default",
        "rules": [
            {
                "name": "im-9h",
                "match": {"source": "im"},
                "first_answer": {"value": 9, "unit": "working_hours"},
                "final_answer": {"value": 7, "unit": "working_days"},
            }
        ],
    }
    (tmp_path / "sla.json").write_text(json.dumps(region), encoding="utf-8")
    rules = rules_for_region(tmp_path)
    assert rules.match(source="im", importance="normal").first_answer.value == 9
    assert rules.match(source="im", importance="high").name == "im-high"  # from the default
    assert rules.match(source="pos").name == "pos"
    assert rules_for_region(tmp_path / "elsewhere").match(source="im").name == "im"


def test_a_rule_set_without_a_catch_all_is_refused() -> None:
    raw = _raw()
    raw["rules"] = [r for r in raw["rules"] if r["match"]]
    with pytest.raises(RulesError, match="catch-all"):
        parse_rules(raw)


def _broken(path: str, value: Any) -> dict[str, Any]:
    """The default rules with one field (a dotted path, list indexes allowed) replaced."""
    raw = copy.deepcopy(_raw())
    node: Any = raw
    parts = re.findall(r"[^.\[\]]+", path)
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    last = parts[-1]
    if value is _DELETE:
        del node[last]
    elif last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value
    return raw


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "reported"),
    [
        ("format", "sla", "format"),
        ("version", 9, "version"),
        ("extends", "other", "extends"),
        ("rules", [], "rules"),
        ("rules[0].name", "", "rules[0].name"),
        ("rules[1].name", "im-high", "rules[1].name"),
        ("rules[0].first_answer.unit", "hours", "rules[0].first_answer.unit"),
        ("rules[0].first_answer.value", -4, "rules[0].first_answer.value"),
        ("rules[0].first_answer.value", True, "rules[0].first_answer.value"),
        ("rules[0].first_answer", 4, "rules[0].first_answer"),
        ("rules[0].first_answer", _DELETE, "rules[0].first_answer"),
        ("rules[0].final_answer.value", 1.5, "rules[0].final_answer.value"),
        ("rules[2].target", {"value": 8}, "rules[2].target"),
        ("rules[0].match.source", "twitter", "rules[0].match.source"),
        ("rules[0].match.importance", [], "rules[0].match.importance"),
        ("rules[0].match.region", "x", "rules[0].match.region"),
        ("rules[0].at_risk", {"share": 1.5}, "rules[0].at_risk.share"),
        ("rules[0].at_risk", {"share": 0.2, "within": {}}, "rules[0].at_risk"),
        (
            "rules[0].at_risk",
            {"within": {"value": 2, "unit": "minutes"}},
            "rules[0].at_risk.within.unit",
        ),
        ("rules[0].clock_starts", "posted", "rules[0].clock_starts"),
        ("rules[0].deadline", 5, "rules[0]"),
    ],
)
def test_malformed_rules_name_the_bad_field(path: str, value: Any, reported: str) -> None:
    with pytest.raises(RulesError) as caught:
        parse_rules(_broken(path, value), origin="sla.json")
    assert caught.value.path == reported
    assert str(caught.value).startswith(f"sla.json: {reported}: ")


def test_unreadable_rule_file(tmp_path: Path) -> None:
    bad = tmp_path / "sla.json"
    bad.write_text("[", encoding="utf-8")
    with pytest.raises(RulesError, match="cannot read"):
        load_rules(bad)


def test_matching_is_cached_but_answers_the_same() -> None:
    rules = SlaRules(DEFAULT.rules)
    first = rules.match(source="im", importance="high")
    assert rules.match(source="im", importance="high") is first
