"""Disinformation cases folded from their members' history lines: status, who, when, timing."""

from __future__ import annotations

from cur_desktop.domain.enums import Action
from cur_desktop.problems.disinfo import (
    CaseEntry,
    CaseStatus,
    case_commands,
    case_of,
    count_cases,
    fold_cases,
)

H = 3600.0
CREATED = {10: 0.0, 11: 2 * H, 12: 5 * H, 20: 0.0}


def line(appeal_id: int, at: float, status: CaseStatus, actor: str = "ivanova", **kw: str):  # type: ignore[no-untyped-def]
    return CaseEntry(appeal_id, at, actor, kw.pop("case", "D-10"), status, **kw)


def test_a_case_is_its_members_newest_line_with_who_decided_and_when() -> None:
    entries = [
        line(10, 6 * H, CaseStatus.CHECKING, claim="В воде нашли холеру"),
        line(11, 6 * H, CaseStatus.CHECKING, claim="В воде нашли холеру"),
        line(12, 7 * H, CaseStatus.CHECKING),  # joined later
        *(
            line(i, 30 * H, CaseStatus.REFUTED, actor="petrov", refutation="Пробы чистые",
                 link="https://tula.ru/news/1")
            for i in (10, 11, 12)
        ),
    ]  # fmt: skip
    (case,) = fold_cases(entries, CREATED)
    assert case.case_id == "D-10"
    assert case.status is CaseStatus.REFUTED
    assert case.members == (10, 11, 12)
    assert case.claim == "В воде нашли холеру"
    assert (case.refutation, case.link) == ("Пробы чистые", "https://tula.ru/news/1")
    assert (case.decided_by, case.decided_at) == ("petrov", 30 * H)
    assert case.hours_to_refutation == 30.0  # from the first post, not from the case
    assert not case.open
    assert case_of([case], 12) is case
    assert case_of([case], 99) is None


def test_a_case_being_checked_is_open_and_undecided() -> None:
    (case,) = fold_cases([line(20, H, CaseStatus.CHECKING, case="D-20")], CREATED)
    assert case.open
    assert (case.decided_by, case.decided_at, case.hours_to_refutation) == ("", None, None)


def test_counts_for_the_wall_and_reports() -> None:
    entries = [
        line(10, 6 * H, CaseStatus.CHECKING),
        line(10, 16 * H, CaseStatus.REFUTED),
        line(20, H, CaseStatus.CHECKING, case="D-20"),
        line(11, H, CaseStatus.CHECKING, case="D-11"),
        line(11, 3 * H, CaseStatus.NOT_CONFIRMED, case="D-11"),
    ]
    figures = count_cases(fold_cases(entries, CREATED))
    assert figures.open == 1
    assert figures.by_status == {"checking": 1, "false": 0, "refuted": 1, "not_confirmed": 1}
    assert figures.appeals_in_open_cases == 1
    assert figures.median_hours_to_refutation == 16.0


def test_the_command_carries_only_what_was_given() -> None:
    command = case_commands("D-10", CaseStatus.FALSE, claim=" Холера ", refutation="")
    assert command.action is Action.DISINFO_CASE
    assert dict(command.params) == {"case": "D-10", "status": "false", "claim": "Холера"}
