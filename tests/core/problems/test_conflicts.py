"""Conflict situations on crafted threads: each rule finds its case and leaves the near miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from cur_desktop.domain.enums import Flag
from cur_desktop.problems.conflict_rules import (
    ConflictRulesError,
    load_conflict_rules,
    parse_conflict_rules,
)
from cur_desktop.problems.conflicts import (
    DAY,
    AppealFacts,
    Conflict,
    Reason,
    ReasonCode,
    Resolution,
    address_key,
    author_key,
    detect,
)
from cur_desktop.regions.pack import builtin_pack_dir

RULES = load_conflict_rules(builtin_pack_dir())
T0 = 1_780_000_000.0  # an instant; only differences matter here
PETROV = author_key("Иван Петров", "+7 (910) 123-45-67", "", "")
SIDOROVA = author_key("Анна Сидорова", "8 920 765 43 21", "", "")
LENINA_5 = address_key("г. Тула, ул. Ленина, д. 5")
WATER = "Нет холодной воды в доме уже третий день, управляющая компания не отвечает"
WATER_AGAIN = "Снова нет холодной воды в доме, управляющая компания ничего не делает"
POTHOLE = "Огромная яма на дороге у остановки, машины объезжают по встречной"


def facts(appeal_id: int, days: float, text: str = WATER, **kw: object) -> AppealFacts:
    return AppealFacts(id=appeal_id, created_at=T0 + days * DAY, text=text, **kw)  # type: ignore[arg-type]


def codes(found: dict[int, tuple[Reason, ...]], appeal_id: int) -> set[ReasonCode]:
    return {r.code for r in found.get(appeal_id, ())}


def test_the_demo_region_has_every_rule_on() -> None:
    assert set(RULES.enabled) == {c.value for c in ReasonCode}
    assert RULES.max_rating == 3
    assert ("губернатор",) in RULES.higher_markers


@pytest.mark.parametrize(("rating", "conflict"), [(1, True), (3, True), (4, False), (5, False)])
def test_a_rating_of_three_or_less_is_a_conflict(rating: int, conflict: bool) -> None:
    found = detect([facts(1, 0, rating=rating)], RULES)
    assert (ReasonCode.LOW_RATING in codes(found, 1)) is conflict
    if conflict:
        assert found[1][0].value == rating


def test_dissatisfied_and_reopened_are_conflicts() -> None:
    found = detect(
        [
            facts(1, 0, reaction="dissatisfied"),
            facts(2, 0, reaction="satisfied"),
            facts(3, 0, reopened=True),
        ],
        RULES,
    )
    assert codes(found, 1) == {ReasonCode.DISSATISFIED}
    assert 2 not in found
    assert codes(found, 3) == {ReasonCode.REOPENED}


def test_a_second_appeal_from_the_same_author_about_the_same_problem_within_the_window() -> None:
    thread = [
        facts(1, 0, author_key=PETROV),
        facts(2, 5, WATER_AGAIN, author_key=PETROV),  # same author, same problem, 5 days on
        facts(3, 6, POTHOLE, author_key=PETROV),  # same author, another problem
        facts(4, 7, WATER_AGAIN, author_key=SIDOROVA),  # same problem, another author
        facts(5, 45, WATER_AGAIN, author_key=PETROV),  # same problem, after the window
    ]
    found = detect(thread, RULES)
    assert found.get(2) == (Reason(ReasonCode.REPEAT_AUTHOR, earlier_id=1),)
    assert 3 not in found
    assert 4 not in found
    assert 1 not in found
    assert RULES.repeat_author_days == 30
    assert 5 not in found  # 40 days after the 2nd: outside the 30-day window


def test_the_same_category_makes_the_same_problem_whatever_the_words() -> None:
    thread = [
        facts(1, 0, "Прорыв трубы", author_key=PETROV, category="water.supply"),
        facts(2, 3, "Опять течёт", author_key=PETROV, category="water.supply"),
        facts(3, 4, "Опять течёт", author_key=PETROV, category="roads.potholes"),
    ]
    found = detect(thread, RULES)
    assert codes(found, 2) == {ReasonCode.REPEAT_AUTHOR}
    assert 3 not in found


def test_a_second_appeal_at_the_same_address_about_the_same_problem() -> None:
    other_spelling = address_key("Г. ТУЛА,  УЛ. ЛЕНИНА, Д.5")
    assert other_spelling == address_key("г. Тула, ул. Ленина, д. 5")
    thread = [
        facts(1, 0, author_key=PETROV, address_key=LENINA_5),
        facts(2, 10, WATER_AGAIN, author_key=SIDOROVA, address_key=other_spelling),
        facts(3, 40, WATER_AGAIN, author_key="name:третий", address_key=LENINA_5),  # 30 days on
    ]
    found = detect(thread, RULES)
    assert found.get(2) == (Reason(ReasonCode.REPEAT_ADDRESS, earlier_id=1),)
    assert 3 not in found  # the address rule's window is 14 days


def test_a_street_alone_is_not_the_same_address() -> None:
    street = address_key("г. Тула, ул. Кутузова")
    assert street == ""
    assert address_key("г. Тула, ул. 9 Мая") == ""
    assert address_key("г. Тула, пр-т Ленина, 85 к 2") == "г тула пр т ленина 85 к 2"
    thread = [
        facts(1, 0, author_key=PETROV, address_key=street),
        facts(2, 1, WATER_AGAIN, author_key=SIDOROVA, address_key=street),
    ]
    assert detect(thread, RULES) == {}


def test_an_appeal_to_a_higher_body_about_an_earlier_one() -> None:
    escalation = "Пишу губернатору: яма так и не заделана, администрация молчит"
    thread = [
        facts(1, 0, POTHOLE, author_key=PETROV),
        facts(2, 20, escalation, author_key=PETROV),  # a higher body, and an earlier appeal
        facts(3, 21, escalation, author_key=SIDOROVA),  # a higher body, nothing earlier
        facts(4, 22, "Уже обращалась, ответа нет, обращаюсь в прокуратуру", author_key="x"),
        facts(5, 23, "Спасибо губернатору за новый сквер", author_key="y"),
    ]
    found = detect(thread, RULES)
    assert Reason(ReasonCode.HIGHER_BODY, earlier_id=1) in found[2]
    assert 3 not in found
    assert codes(found, 4) == {ReasonCode.HIGHER_BODY}  # it says it wrote before
    assert 5 not in found


def test_a_public_post_with_high_reach() -> None:
    thread = [
        facts(1, 0, POTHOLE, source="im", me_too=12),
        facts(2, 0, POTHOLE, source="im", me_too=3),
        facts(3, 0, POTHOLE, source="im", flags=int(Flag.RESONANCE)),
        facts(4, 0, POTHOLE, source="hotline", me_too=50),  # not a public post
    ]
    found = detect(thread, RULES)
    assert found[1] == (Reason(ReasonCode.HIGH_REACH, value=12),)
    assert 2 not in found
    assert 4 not in found
    assert codes(found, 3) == {ReasonCode.HIGH_REACH}


def test_only_limits_the_answer_but_earlier_appeals_still_count() -> None:
    thread = [facts(1, 0, author_key=PETROV, rating=1), facts(2, 5, author_key=PETROV)]
    assert set(detect(thread, RULES, only=[2])) == {2}


def test_a_resolution_settles_the_reasons_it_names_and_a_new_reason_reopens() -> None:
    reasons = (Reason(ReasonCode.LOW_RATING, value=2),)
    assert Conflict(1, reasons).open
    assert not Conflict(1, reasons, Resolution(True, "позвонили", frozenset({"low_rating"}))).open
    assert Conflict(1, reasons, Resolution(False, "не дозвонились")).open
    both = (*reasons, Reason(ReasonCode.REOPENED))
    assert Conflict(1, both, Resolution(True, "позвонили", frozenset({"low_rating"}))).open
    assert not Conflict(1, both, Resolution(True, "позвонили")).open


def test_the_author_key_prefers_the_phone_and_names_no_one_in_a_reason() -> None:
    assert author_key("Иван Петров", "8-910-123-45-67", "", "") == PETROV
    assert author_key("Иван  ПЕТРОВ", "", "", "") == "name:иван петров"
    assert author_key("", "", "", "") == ""
    found = detect([facts(1, 0, author_key=PETROV), facts(2, 1, author_key=PETROV)], RULES)
    assert "910" not in repr(found)
    assert "Петров" not in repr(found)


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "conflict_rules.json").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "conflict_rules.json: not readable JSON"),
        ('{"format": "x", "version": 1, "rules": {}}', "conflict_rules.json: format: must be"),
        (
            '{"format": "cur-conflict-rules", "version": 1, "rules": {"rudeness": {}}}',
            "rules.rudeness: unknown rule",
        ),
        (
            (
                '{"format": "cur-conflict-rules", "version": 1,'
                ' "rules": {"repeat_author": {"days": 0}}}'
            ),
            "rules.repeat_author.days: must be a whole number from 1 to 3650",
        ),
        (
            (
                '{"format": "cur-conflict-rules", "version": 1,'
                ' "rules": {"high_reach": {"sources": ["telegram"]}}}'
            ),
            "rules.high_reach.sources: unknown source 'telegram'",
        ),
        (
            (
                '{"format": "cur-conflict-rules", "version": 1,'
                ' "rules": {"low_rating": {"enabled": "yes"}}}'
            ),
            "rules.low_rating.enabled: must be true or false",
        ),
    ],
)
def test_a_wrong_rules_file_is_refused_with_where_and_why(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ConflictRulesError) as refused:
        load_conflict_rules(_write(tmp_path, text))
    assert message in str(refused.value)


def test_a_pack_without_rules_detects_nothing(tmp_path: Path) -> None:
    rules = load_conflict_rules(tmp_path)
    assert rules.enabled == ()
    assert detect([facts(1, 0, rating=1, reopened=True)], rules) == {}


def test_a_switched_off_rule_finds_nothing() -> None:
    rules = parse_conflict_rules(
        {
            "format": "cur-conflict-rules",
            "version": 1,
            "rules": {"low_rating": {"enabled": False}, "reopened": {}},
        }
    )
    assert rules.enabled == ("reopened",)
    assert detect([facts(1, 0, rating=1)], rules) == {}
