"""Generator realism: theme and channel mix, reaction times, overdue share, lifecycle history."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from cur_desktop.demo.generator import DemoGenerator, Generated
from cur_desktop.domain import Flag, Source, Status
from cur_desktop.regions import builtin_pack_dir, load_pack
from cur_desktop.sla import SlaStatus, compute_sla

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
N = 4000


@pytest.fixture(scope="module")
def generator() -> DemoGenerator:
    return DemoGenerator(load_pack(builtin_pack_dir()), seed=11, now=NOW)


@pytest.fixture(scope="module")
def items(generator: DemoGenerator) -> list[Generated]:
    return list(generator.generate(N))


def test_deterministic_for_a_seed(generator: DemoGenerator, items: list[Generated]) -> None:
    again = DemoGenerator(generator.pack, seed=11, now=NOW)
    assert [g.appeal for g in again.generate(300)] != []
    first = list(DemoGenerator(generator.pack, seed=11, now=NOW).generate(N))[:300]
    assert [g.appeal for g in first] == [g.appeal for g in items[:300]]
    other = list(DemoGenerator(generator.pack, seed=12, now=NOW).generate(300))
    assert [g.appeal.text for g in other] != [g.appeal.text for g in items[:300]]


def test_ids_follow_time_and_nothing_is_in_the_future(items: list[Generated]) -> None:
    assert [g.appeal.id for g in items] == list(range(1, N + 1))
    created = [g.appeal.created_at for g in items]
    assert created == sorted(created)
    assert created[-1] <= NOW
    assert all(h.at <= NOW for g in items for h in g.history)
    assert created[0] >= NOW - timedelta(days=731)


def test_theme_mix_as_in_real_centres(items: list[Generated]) -> None:
    themes = Counter(g.appeal.theme for g in items if g.appeal.theme)
    ranked = [t for t, _ in themes.most_common()]
    assert ranked[:3] == ["roads", "improvement", "housing"]
    assert set(themes) == {
        "roads", "improvement", "housing", "waste", "energy",
        "transport", "health", "education", "social",
    }  # fmt: skip
    assert 0.17 < themes["roads"] / sum(themes.values()) < 0.28


def test_channel_mix(items: list[Generated]) -> None:
    sources = Counter(g.appeal.source for g in items)
    assert sources.most_common(1)[0][0] is Source.IM
    assert sources[Source.POS] > sources[Source.PORTAL] > 0
    assert sources[Source.HOTLINE] > 0
    assert sources[Source.GOSPUBLIC] > 0


def _reaction_hours(items: list[Generated], sources: set[Source]) -> list[float]:
    return [
        (g.appeal.first_reaction_at - g.appeal.created_at).total_seconds() / 3600
        for g in items
        if g.appeal.source in sources and g.appeal.first_reaction_at is not None
    ]


def test_reaction_times_by_channel(items: list[Generated]) -> None:
    social = _reaction_hours(items, {Source.IM, Source.GOSPUBLIC})
    letters = _reaction_hours(items, {Source.POS, Source.PORTAL})
    # ИМ: hours (real centres report averages of 1 h 20 min to 5 h 20 min)
    assert 1.0 < statistics.median(social) < 8.0
    # ПОС and portals: days, within the 30-day norm for most
    assert 24 < statistics.median(letters) < 14 * 24
    assert statistics.median(letters) > 10 * statistics.median(social)


def test_some_open_appeals_are_overdue(generator: DemoGenerator, items: list[Generated]) -> None:
    open_items = [g.appeal for g in items if g.appeal.is_open]
    assert len(open_items) > 0.03 * N
    overdue = [a for a in open_items if a.due_at is not None and a.due_at < NOW]
    share = len(overdue) / len(open_items)
    assert 0.02 < share < 0.5
    # the stored deadline is the SLA engine's, as the central service would store it
    for a in open_items[:50]:
        state = compute_sla(a, generator.rules, generator.calendar, now=NOW)
        assert state.due_at == a.due_at
    states = Counter(
        compute_sla(a, generator.rules, generator.calendar, now=NOW).status for a in open_items
    )
    assert states[SlaStatus.OVERDUE] > 0
    assert states[SlaStatus.NORMAL] > 0


def test_satisfaction_close_to_the_federal_target(items: list[Generated]) -> None:
    ratings = [g.appeal.satisfaction_rating for g in items if g.appeal.satisfaction_rating]
    assert len(ratings) > 100
    good = sum(1 for r in ratings if r >= 4) / len(ratings)
    assert 0.5 < good < 0.75
    reactions = [g.appeal.satisfaction_reaction for g in items if g.appeal.satisfaction_reaction]
    assert len(reactions) > 100


def test_history_replays_the_lifecycle(items: list[Generated]) -> None:
    for g in items:
        history = g.history
        assert history[0].action == "create"
        assert history[0].at == g.appeal.created_at
        for before, after in pairwise(history):
            assert after.from_status is before.to_status
            assert after.at >= before.at
        assert history[-1].to_status is g.appeal.status
        assert g.appeal.version == len(history)


def test_statuses_cover_the_lifecycle(items: list[Generated]) -> None:
    statuses = Counter(g.appeal.status for g in items)
    for status in (
        Status.NEW, Status.ROUTED, Status.IN_PROGRESS, Status.INTERIM_ANSWER,
        Status.ANSWERED, Status.CLOSED, Status.REJECTED, Status.REDIRECTED,
    ):  # fmt: skip
        assert statuses[status] > 0, status
    actions = Counter(h.action for g in items for h in g.history)
    for action in ("postpone", "request_info", "info_received", "return_for_rework", "reopen"):
        assert actions[action] > 0, action


def test_repeats_and_merged_duplicates(items: list[Generated]) -> None:
    repeats = [g.appeal for g in items if Flag.REPEAT in g.appeal.flags]
    assert 0.005 * N < len(repeats) < 0.1 * N
    merged = [g.appeal for g in items if g.appeal.merged_into is not None]
    assert merged
    by_id = {g.appeal.id: g.appeal for g in items}
    for a in merged:
        original = by_id[a.merged_into]  # type: ignore[index]
        assert original.id < a.id
        assert original.author == a.author


def test_texts_read_like_messages_and_do_not_repeat(items: list[Generated]) -> None:
    texts = [g.appeal.text for g in items]
    assert len(set(texts)) > 0.97 * len(texts)
    assert all("{" not in t and "}" not in t for t in texts)
    assert all(any("а" <= ch <= "я" for ch in t.lower()) for t in texts)
    answered = [g.appeal.answer for g in items if g.appeal.answer]
    assert answered
    assert all("{" not in t for t in answered)


def test_span_grows_with_volume(generator: DemoGenerator) -> None:
    assert generator.span_days(1000) == 30
    assert generator.span_days(60_000) > 300
    assert generator.span_days(5_000_000) == 730
