"""A deterministic generator of realistic appeals for a region pack.

Used by the demo (``cur-desktop demo``, ``cur-central demo``), by tests and by
benchmarks, from a thousand to millions of appeals. The same pack, seed and
``now`` give the same appeals, byte for byte.

What makes the data realistic (DOMAIN.md, public practice of real ЦУРs):

* volume by day with weekly and seasonal rhythm, fewer on holidays; by hour
  with morning and evening peaks; ids follow creation time;
* channel mix (ИМ social-media incidents are the bulk, then ПОС, portals,
  hotline, comments on official pages) and the theme mix of real ЦУРs
  (roads > благоустройство > ЖКХ > …), with seasonal categories (snow in
  winter, potholes in spring, heating in the cold months);
* municipalities weighted by population;
* each appeal is driven through the real lifecycle (:func:`lifecycle.apply`)
  with reaction times of its channel: ИМ in hours (median ≈ 2.5 h), ПОС in
  days; interim answers, postponements, waits for the citizen, answers returned
  for rework, rejections, redirections, satisfaction, reopening; a share
  neglected so that some are overdue, as in life;
* repeats and duplicates of earlier appeals by the same author, some merged.

The deadline (``due_at``) comes from the SLA engine, as on the central service.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any

from cur_desktop.demo import simulate
from cur_desktop.demo.profile import DemoProfile
from cur_desktop.demo.weighted import Weighted
from cur_desktop.domain.appeal import Appeal, HistoryEntry, evolve
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Source
from cur_desktop.regions import RegionPack
from cur_desktop.sla import ProductionCalendar, SlaRules, compute_sla, rules_for_region


@dataclass(frozen=True, slots=True)
class Generated:
    appeal: Appeal
    history: tuple[HistoryEntry, ...]


class DemoGenerator:
    """Appeals of one region, created over the days before ``now``."""

    def __init__(
        self,
        pack: RegionPack,
        *,
        seed: int,
        now: datetime,
        days: int | None = None,
        profile: DemoProfile | None = None,
    ) -> None:
        self.pack = pack
        self.seed = seed
        self.now = now.astimezone(UTC)
        self.days = days
        self.profile = profile or DemoProfile()
        self.dicts: Dictionaries = pack.dictionaries
        self.calendar: ProductionCalendar = pack.production_calendar(missing_years="derive")
        self.rules: SlaRules = rules_for_region(pack.root)
        self._municipalities = Weighted(
            self.dicts.municipalities,
            [max(m.population, 1000) ** 0.92 for m in self.dicts.municipalities],
        )
        self._sources = Weighted(
            list(self.profile.source_mix), list(self.profile.source_mix.values())
        )

    def dictionaries_doc(self) -> dict[str, Any]:
        from cur_desktop.domain.dictionaries_io import dictionaries_to_json

        return dictionaries_to_json(self.dicts)

    # --- time ------------------------------------------------------------------------

    def span_days(self, count: int) -> int:
        if self.days is not None:
            return self.days
        per_day = self.profile.appeals_per_day_per_100k * self._population() / 100_000
        return max(30, min(730, math.ceil(count / max(per_day, 1.0))))

    def _population(self) -> int:
        return sum(m.population for m in self.dicts.municipalities) or 1_000_000

    def _day_weight(self, day: date) -> float:
        p = self.profile
        weight = p.weekday_factor[day.weekday()] * p.month_factor[day.month - 1]
        if not self.calendar.is_working_day(day) and day.weekday() < 5:
            weight *= p.holiday_factor
        return weight

    def creation_times(self, count: int, rng: random.Random) -> list[datetime]:
        """``count`` creation times over the span, in order, with daily and hourly rhythm."""
        tz = self.pack.timezone
        local_now = self.now.astimezone(tz)
        days = self.span_days(count)
        first = local_now.date() - timedelta(days=days - 1)
        calendar_days = [first + timedelta(days=i) for i in range(days)]
        weights = [self._day_weight(d) for d in calendar_days]
        # the last day is only partly over: weigh it by the share of its hours gone
        hour_cum = list(accumulate(self.profile.hour_weights))
        done = local_now.hour + local_now.minute / 60
        weights[-1] *= _share_of_day(hour_cum, done)
        total = sum(weights)
        exact = [count * w / total for w in weights]
        counts = [int(x) for x in exact]
        by_fraction = sorted(range(days), key=lambda i: exact[i] - counts[i], reverse=True)
        for i in by_fraction[: count - sum(counts)]:
            counts[i] += 1
        hours = Weighted(range(24), self.profile.hour_weights)
        out: list[datetime] = []
        for day, n in zip(calendar_days, counts, strict=True):
            limit = 24 * 3600 if day != local_now.date() else int(done * 3600)
            stamps = sorted(_second_of_day(hours, rng, limit) for _ in range(n))
            midnight = datetime(day.year, day.month, day.day, tzinfo=tz)
            out.extend((midnight + timedelta(seconds=s)).astimezone(UTC) for s in stamps)
        return out

    # --- appeals ----------------------------------------------------------------------

    def generate(self, count: int, *, first_id: int = 1) -> Iterator[Generated]:
        rng = random.Random(self.seed)
        times = self.creation_times(count, rng)
        sim = simulate.Simulator(self, rng)
        for offset, created in enumerate(times):
            appeal, history = sim.appeal(first_id + offset, created)
            state = compute_sla(appeal, self.rules, self.calendar, now=self.now)
            yield Generated(evolve(appeal, {"due_at": state.due_at}), tuple(history))

    def batches(self, count: int, size: int = 10_000) -> Iterator[list[Generated]]:
        batch: list[Generated] = []
        for item in self.generate(count):
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch

    def pick_municipality(self, rng: random.Random) -> Any:
        return self._municipalities.pick(rng)

    def pick_source(self, rng: random.Random) -> Source:
        source: Source = self._sources.pick(rng)
        return source


def _second_of_day(hours: Weighted, rng: random.Random, limit: int) -> int:
    """A second of the day before ``limit``, by the hourly rhythm.

    Today is only partly over: its times follow the same rhythm up to now (drawn
    again when past it), not piled up on the last second before now.
    """
    for _ in range(1000):
        second = int(hours.pick(rng)) * 3600 + rng.randrange(3600)
        if second < limit:
            return second
    return rng.randrange(max(limit, 1))  # just after midnight: almost no rhythm to follow


def _share_of_day(hour_cum: Sequence[float], hours_done: float) -> float:
    whole = int(hours_done)
    if whole >= 24:
        return 1.0
    before = hour_cum[whole - 1] if whole else 0.0
    part = (hour_cum[whole] - before) * (hours_done - whole)
    return max((before + part) / hour_cum[-1], 0.01)
