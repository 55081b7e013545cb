"""Drives one generated appeal through the real lifecycle, step by step, up to ``now``.

Every change goes through :func:`cur_desktop.domain.lifecycle.apply`, so the
demo data obeys the same state machine and records the same history as real
operators' work. A step whose time lies after the generator's ``now`` is not
taken: the appeal stays where life would have left it at that moment.
"""

from __future__ import annotations

import contextlib
import math
import random
from collections import deque
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Protocol

from cur_desktop.demo import texts
from cur_desktop.demo.profile import DemoProfile
from cur_desktop.demo.weighted import Weighted
from cur_desktop.domain.appeal import Appeal, Author, HistoryEntry, evolve
from cur_desktop.domain.dictionaries import Category, Dictionaries, template_values
from cur_desktop.domain.enums import Action, Importance, Kind, Reaction, Role, Source
from cur_desktop.domain.lifecycle import Command, TransitionRefused, apply, creation_entry
from cur_desktop.regions import RegionPack

_KIND = {
    Source.IM: Kind.INCIDENT,
    Source.GOSPUBLIC: Kind.INCIDENT,
    Source.POS: Kind.MESSAGE,
    Source.PORTAL: Kind.APPEAL,
    Source.HOTLINE: Kind.APPEAL,
    Source.OPEN311: Kind.MESSAGE,
}
_INTEGRATION = {
    Source.IM: "im-integration",
    Source.GOSPUBLIC: "im-integration",
    Source.POS: "pos-integration",
    Source.PORTAL: "portal-integration",
    Source.HOTLINE: "hotline",
    Source.OPEN311: "open311-import",
}
_SOCIAL = frozenset({Source.IM, Source.GOSPUBLIC})
_URL = {
    Source.IM: "https://vk.com/wall-{a}_{b}",
    Source.GOSPUBLIC: "https://vk.com/wall-{a}_{b}?reply={c}",
    Source.POS: "https://pos.gosuslugi.ru/lkp/messages/{b}",
    Source.PORTAL: "https://portal.example-region.ru/appeals/{b}",
}
_REDIRECT_TO = (
    "Прокуратура региона",
    "Управление Роспотребнадзора",
    "МВД: отдел полиции по месту проблемы",
    "Государственная жилищная инспекция",
    "ПАО «Россети»: филиал в регионе",
)


class _Stop(Exception):  # noqa: N818 - control flow: the next step lies in the future
    pass


class DemoSetup(Protocol):
    """What the simulator reads from the run that drives it.

    :class:`~cur_desktop.demo.generator.DemoGenerator` is one; the generator imports
    this module, never the other way round.
    """

    pack: RegionPack
    now: datetime
    profile: DemoProfile
    dicts: Dictionaries

    def pick_municipality(self, rng: random.Random) -> Any: ...

    def pick_source(self, rng: random.Random) -> Source: ...


class Simulator:
    """Creates and progresses appeals for one :class:`DemoSetup` run (a generator's)."""

    def __init__(self, gen: DemoSetup, rng: random.Random) -> None:
        self.gen = gen
        self.rng = rng
        self.p = gen.profile
        self.dicts = gen.dicts
        themes = [t for t in self.p.theme_mix if self.dicts.theme(t) is not None]
        extra = [t.code for t in self.dicts.themes if t.code not in self.p.theme_mix]
        self._themes = Weighted(
            themes + extra, [self.p.theme_mix[t] for t in themes] + [0.01] * len(extra)
        )
        self._operators = [f"operator{i:02d}" for i in range(1, self.p.operators + 1)]
        self._recent: deque[Appeal] = deque(maxlen=400)
        self._reasons = [r.code for r in self.dicts.rejection_reasons] or ["spam"]
        self._templates: dict[tuple[str | None, bool], tuple[list[Any], list[Any]]] = {}
        self._tz = gen.pack.timezone
        self.bodies_for = lru_cache(maxsize=None)(self.dicts.bodies_for)
        self.categories_of = lru_cache(maxsize=None)(self.dicts.categories_of)
        self.subcategories_of = lru_cache(maxsize=None)(self.dicts.subcategories_of)

    def templates(self, theme: str | None, interim: bool) -> tuple[list[Any], list[Any]]:
        """(theme-specific, all fitting) templates, computed once per theme."""
        key = (theme, interim)
        if key not in self._templates:
            fitting = [t for t in self.dicts.templates_for(theme) if t.interim == interim]
            self._templates[key] = ([t for t in fitting if t.themes], fitting)
        return self._templates[key]

    def office_hours(self, moment: datetime) -> datetime:
        """People act in the daytime: a step due at night happens next morning."""
        local = moment.astimezone(self._tz)
        if 8 <= local.hour < 21:
            return moment
        morning = local.replace(hour=8, minute=0, second=0, microsecond=0)
        if local.hour >= 21:
            morning += timedelta(days=1)
        return (morning + timedelta(minutes=self.rng.randrange(150))).astimezone(moment.tzinfo)

    # --- helpers ------------------------------------------------------------------------

    def _hours(self, median: float, sigma: float = 0.8) -> timedelta:
        return timedelta(hours=median * math.exp(self.rng.gauss(0.0, sigma)))

    def _category(self, theme: str, month: int) -> tuple[str | None, str | None]:
        cats = self.categories_of(theme)
        if not cats:
            return None, None
        weights = []
        for rank, cat in enumerate(cats):
            w = 1.0 / (rank + 1.5)
            if cat.code.endswith(".other"):
                w = self.p.other_category_share * 3
            if month in self.p.seasonal.get(cat.code, ()):
                w *= self.p.season_boost
            weights.append(w)
        chosen: Category = self.rng.choices(cats, weights)[0]
        subs = self.subcategories_of(chosen.code)
        sub = self.rng.choice(subs).code if subs and self.rng.random() < 0.7 else None
        return chosen.code, sub

    # --- one appeal ---------------------------------------------------------------------

    def appeal(self, appeal_id: int, created: datetime) -> tuple[Appeal, list[HistoryEntry]]:
        rng, p = self.rng, self.p
        source = self.gen.pick_source(rng)
        original = self._repeat_of(created)
        if original is not None:
            mun_code = original.municipality
            theme, category, sub = original.theme, original.category, original.subcategory
            author, address = original.author, original.address
        else:
            mun = self.gen.pick_municipality(rng)
            mun_code = mun.oktmo
            theme = self._themes.pick(rng)
            category, sub = self._category(theme, created.astimezone(self.gen.pack.timezone).month)
            author = Author(**texts.fake_author(rng, social=source in _SOCIAL))
            address = texts.fake_address(rng, self.dicts.municipality(mun_code))
        assert theme is not None
        title, body_text = texts.compose(
            rng,
            theme=theme,
            category=category or f"{theme}.other",
            subcategory=sub,
            social=source in _SOCIAL,
            municipality=self.dicts.municipality(mun_code or ""),
            address=address,
            when=created.astimezone(self.gen.pack.timezone).date(),
        )
        importance = Importance.NORMAL
        if rng.random() < p.high_importance.get(source, 0.02):
            importance = Importance.HIGH
        elif source is Source.IM and rng.random() < p.private_message_share:
            importance = Importance.PRIVATE
        structured = source not in _SOCIAL and source is not Source.HOTLINE
        a = Appeal(
            id=appeal_id,
            source=source,
            external_id=f"{source.value}-{appeal_id * 7919 % 10_000_000:07d}",
            kind=_KIND[source],
            created_at=created,
            registered_at=created,
            updated_at=created,
            title=title,
            text=body_text,
            theme=theme if structured else None,
            category=category if structured else None,
            subcategory=sub if structured else None,
            municipality=mun_code,
            address=address,
            address_is_private=bool(address) and rng.random() < 0.3,
            lat=None,
            lon=None,
            author=author,
            url=_URL.get(source, "").format(
                a=rng.randrange(10**7, 10**8), b=appeal_id + 10**6, c=rng.randrange(10**5)
            ),
            importance=importance,
            me_too=int(rng.paretovariate(2.2)) - 1 if source is Source.POS else 0,
        )
        muni = self.dicts.municipality(mun_code or "")
        if muni is not None and muni.label_lat is not None and muni.label_lon is not None:
            a = evolve(
                a,
                {
                    "lat": round(muni.label_lat + rng.gauss(0, 0.02), 5),
                    "lon": round(muni.label_lon + rng.gauss(0, 0.03), 5),
                },
            )
        history = [creation_entry(a, _INTEGRATION[source], Role.SYSTEM)]
        run = _Run(self, a, history)
        with contextlib.suppress(_Stop):
            self._progress(run, source, original, theme, category, sub)
        self._recent.append(run.appeal)
        return run.appeal, run.history

    def _repeat_of(self, created: datetime) -> Appeal | None:
        if not self._recent or self.rng.random() >= self.p.repeat_share:
            return None
        candidate = self.rng.choice(self._recent)
        if created - candidate.created_at > timedelta(days=30) or candidate.theme is None:
            return None
        return candidate

    def _progress(
        self,
        run: _Run,
        source: Source,
        original: Appeal | None,
        theme: str,
        category: str | None,
        sub: str | None,
    ) -> None:
        rng, p = self.rng, self.p
        speed = "fast" if source in _SOCIAL else "slow"
        op = rng.choice(self._operators)
        if original is not None:
            run.step(Action.FLAG, {"flag": "repeat"}, op, Role.OPERATOR, self._hours(0.3))
        if rng.random() < p.reject_share:
            reason = rng.choice(self._reasons)
            run.step(Action.REJECT, {"reason": reason}, op, Role.OPERATOR, self._hours(0.6))
            return
        if run.appeal.theme is None:
            params: dict[str, Any] = {"theme": theme, "category": category, "subcategory": sub}
            run.step(
                Action.CATEGORISE, params, op, Role.OPERATOR, self._hours(p.categorise_median_h)
            )
        for flag, share in p.flag_shares.items():
            if rng.random() < share:
                run.step(Action.FLAG, {"flag": flag}, op, Role.OPERATOR, self._hours(0.2))
        if (
            original is not None
            and _open_at(original, run.at + timedelta(minutes=30))
            and rng.random() < p.merge_share_of_repeats
        ):
            run.step(Action.MERGE, {"into": original.id}, op, Role.OPERATOR, self._hours(0.5))
            return
        if rng.random() < p.redirect_share:
            to = rng.choice(_REDIRECT_TO)
            run.step(Action.REDIRECT, {"to": to}, op, Role.OPERATOR, self._hours(1.0))
            return
        bodies = self.bodies_for(theme, run.appeal.municipality)
        if not bodies:
            return
        body = rng.choice(bodies)
        executor, role = op, Role.OPERATOR
        if body.municipalities:
            executor, role = f"mcu-{body.municipalities[0]}", Role.MUNICIPAL_OPERATOR
        run.step(
            Action.ROUTE,
            {"body": body.code},
            op,
            Role.OPERATOR,
            self._hours(p.route_median_h[speed]),
        )
        run.step(Action.TAKE_INTO_WORK, {}, executor, role, self._hours(p.take_median_h[speed]))
        if rng.random() < p.request_info_share:
            run.step(
                Action.REQUEST_INFO,
                {"text": "Уточните, пожалуйста, адрес"},
                executor,
                role,
                self._hours(1.0),
            )
            run.step(Action.INFO_RECEIVED, {}, executor, role, self._hours(20.0))
        slow_down = p.neglect_factor if rng.random() < p.neglected_share else 1.0
        if speed == "slow" and rng.random() < p.postpone_share:
            until = run.appeal.created_at + timedelta(days=45)
            if run.at < until:
                reason = "Требуется выезд комиссии и согласование с подрядчиком"
                run.step(
                    Action.POSTPONE,
                    {"until": until.isoformat(), "reason": reason},
                    executor,
                    role,
                    self._hours(24.0),
                )
        answer_h = p.answer_median_h[speed] * slow_down
        if rng.random() < p.interim_share[speed]:
            run.answer(
                Action.INTERIM_ANSWER,
                executor,
                role,
                run.first_answer_at(self._hours(answer_h * 0.6, p.answer_sigma)),
            )
            run.answer(
                Action.ANSWER,
                executor,
                role,
                self._hours(p.final_after_interim_median_h * slow_down),
            )
        else:
            run.answer(
                Action.ANSWER,
                executor,
                role,
                run.first_answer_at(self._hours(answer_h, p.answer_sigma)),
            )
        if rng.random() < p.rework_share:
            head = f"head-{theme}"
            run.step(
                Action.RETURN_FOR_REWORK,
                {"reason": "Ответ не содержит сроков и мер"},
                head,
                Role.THEME_HEAD,
                self._hours(1.5),
            )
            run.answer(Action.ANSWER, executor, role, self._hours(answer_h / 2))
        self._satisfaction(run, source)

    def _satisfaction(self, run: _Run, source: Source) -> None:
        rng, p = self.rng, self.p
        system = _INTEGRATION[source]
        unhappy = False
        if rng.random() < p.rated_share:
            if source in _SOCIAL:
                reaction = rng.choices(list(Reaction), p.reaction_weights)[0]
                unhappy = reaction is Reaction.DISSATISFIED
                run.step(
                    Action.CLOSE,
                    {"reaction": reaction.value},
                    system,
                    Role.SYSTEM,
                    self._hours(8.0),
                )
            else:
                rating = rng.choices(range(1, 6), p.rating_weights)[0]
                unhappy = rating <= 2
                run.step(Action.RATE, {"rating": rating}, system, Role.SYSTEM, self._hours(40.0))
        else:
            run.step(
                Action.CLOSE,
                {},
                system,
                Role.SYSTEM,
                timedelta(days=3 if source in _SOCIAL else 10),
            )
        if unhappy and rng.random() < p.reopen_share_of_unhappy:
            run.step(
                Action.REOPEN,
                {"reason": "Автор сообщает, что проблема не решена"},
                system,
                Role.SYSTEM,
                self._hours(30.0),
            )
            op = rng.choice(self._operators)
            run.step(Action.TAKE_INTO_WORK, {}, op, Role.OPERATOR, self._hours(2.0))
            run.answer(Action.ANSWER, op, Role.OPERATOR, self._hours(p.answer_median_h["fast"] * 2))


def _open_at(appeal: Appeal, moment: datetime) -> bool:
    """Whether an appeal (in its final simulated state) was still open at ``moment``."""
    if appeal.is_open:
        return True
    ended = appeal.answered_at or appeal.closed_at
    return ended is not None and ended > moment


class _Run:
    """One appeal's walk through time: applies steps until one lies after ``now``."""

    def __init__(self, sim: Simulator, appeal: Appeal, history: list[HistoryEntry]) -> None:
        self.sim = sim
        self.appeal = appeal
        self.history = history
        self.at = appeal.created_at

    def first_answer_at(self, after_creation: timedelta) -> timedelta:
        """A delay measured from creation (reaction time), as a delay from the last step."""
        target = self.appeal.created_at + after_creation
        return max(target - self.at, timedelta(minutes=3))

    def step(
        self, action: Action, params: dict[str, Any], actor: str, role: Role, delay: timedelta
    ) -> None:
        at = self.at + delay
        if role is not Role.SYSTEM:
            at = self.sim.office_hours(at)
        if at > self.sim.gen.now:
            raise _Stop
        try:
            self.appeal, entry = apply(
                self.appeal,
                Command(action, params),
                actor=actor,
                role=role,
                now=at,
                dicts=self.sim.dicts,
            )
        except TransitionRefused:
            # The demo's own data broke a rule (e.g. a pack without fitting bodies):
            # leave the appeal where it is, as an operator would have to.
            raise _Stop from None
        self.history.append(entry)
        self.at = at

    def answer(self, action: Action, actor: str, role: Role, delay: timedelta) -> None:
        sim = self.sim
        interim = action is Action.INTERIM_ANSWER
        a = self.appeal
        specific, choices = sim.templates(a.theme, interim)
        pool = specific if specific and sim.rng.random() < 0.7 else choices
        if not pool:
            text = "Работы запланированы." if interim else "Проблема решена."
            template = ""
        else:
            tpl = sim.rng.choice(pool)
            body = sim.dicts.body(a.body or "")
            mun = sim.dicts.municipality(a.municipality or "")
            cat = sim.dicts.category(a.category or "")
            values = template_values(
                number=a.external_id,
                created_at=a.created_at.astimezone(sim.gen.pack.timezone),
                address=a.address,
                municipality=mun.display_name if mun else "",
                body=body.short_name or body.name if body else "",
                category=cat.name if cat else "",
                deadline=(self.at + delay + timedelta(days=14)).astimezone(sim.gen.pack.timezone),
                author_name=a.author.name,
            )
            text, template = tpl.render(values), tpl.code
        self.step(action, {"text": text, "template": template}, actor, role, delay)
