"""The demo activity: new appeals arrive and open ones move on, at the pace of a real ЦУР.

A background thread writes through the same service methods as real
integrations and operators: new appeals are composed by the demo generator's
simulator (so they look like the seeded ones) and stored with
:meth:`CentralService.create_appeal`; open appeals are moved one lifecycle step
by :meth:`CentralService.apply_action` with idempotency keys, as a bot operator.
Workstations therefore see the feed, the stream and the queues move exactly as
they would in production.

Pace (defaults): a new appeal every 2–6 s, a step on an open appeal every
0.5–2.5 s; ``pace`` divides both (``cur-central demo --pace 100`` for soak runs:
about 25 new appeals and 65 steps a second). A refusal (someone else took the
appeal, it moved meanwhile) is skipped, as an operator would.

Timing: each kind of event is scheduled from its previous due time, not from when
the last one finished, and a wake-up does every event due by then, oldest first,
so a fast pace is kept even though each write takes milliseconds. When the
service cannot keep up for more than ``MAX_LAG_SECONDS`` the backlog is dropped
(counted in :attr:`DemoActivity.fell_behind`) rather than written in one burst.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

from cur_desktop.central.errors import ServiceError
from cur_desktop.central.scope import User, system_user
from cur_desktop.central.service import CentralService
from cur_desktop.domain.appeal import Appeal, JsonScalar, evolve
from cur_desktop.domain.dictionaries import template_values
from cur_desktop.domain.enums import Action, Reaction, Role, Source, Status

log = logging.getLogger(__name__)

_SOCIAL = frozenset({Source.IM, Source.GOSPUBLIC})
MAX_LAG_SECONDS = 2.0
LAG_WARNING_EVERY = 60.0  # seconds between two warnings that the demo fell behind


class DemoActivity:
    """Adds and progresses appeals until :meth:`stop`."""

    def __init__(
        self,
        service: CentralService,
        *,
        seed: int | None = None,
        new_every: tuple[float, float] = (2.0, 6.0),
        act_every: tuple[float, float] = (0.5, 2.5),
        pace: float = 1.0,
    ) -> None:
        from cur_desktop.demo.generator import DemoGenerator
        from cur_desktop.demo.simulate import Simulator

        if not pace > 0:  # also refuses NaN
            msg = f"pace must be > 0, not {pace}"
            raise ValueError(msg)
        for bounds in (new_every, act_every):
            if not 0 <= bounds[0] <= bounds[1] or bounds[1] <= 0:
                msg = f"an interval must be 0 <= low <= high, high > 0: {bounds}"
                raise ValueError(msg)
        self.service = service
        self.rng = random.Random(seed)
        self.new_every = new_every
        self.act_every = act_every
        self.pace = pace
        self.operator: User = system_user("demo-bot", Role.OPERATOR)
        self.integration: User = system_user("demo-integration", Role.SYSTEM)
        self._generator = DemoGenerator(
            service.region.pack, seed=self.rng.randrange(1 << 30), now=service.clock()
        )
        self._simulator = Simulator(self._generator, self.rng)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="cur-central-demo-activity", daemon=True
        )
        self._open: list[int] = []
        self.created = 0
        self.steps = 0
        self.fell_behind = 0  # times the backlog was dropped (the service could not keep up)
        self._warned_at = -LAG_WARNING_EVERY

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    @property
    def running(self) -> bool:
        """Whether the generator's thread is alive (after :meth:`stop`, it writes nothing)."""
        return self._thread.is_alive()

    def _interval(self, bounds: tuple[float, float]) -> float:
        return self.rng.uniform(*bounds) / self.pace

    def _run(self) -> None:
        start = time.monotonic()
        next_new = start + self._interval(self.new_every)
        next_step = start + self._interval(self.act_every)
        while not self._stop.is_set():
            now = time.monotonic()
            if now - min(next_new, next_step) > MAX_LAG_SECONDS:
                next_new, next_step = max(next_new, now), max(next_step, now)
                self._behind()
            # every event due by now, oldest first; the lag check above bounds the batch
            while min(next_new, next_step) <= now and not self._stop.is_set():
                if next_new <= next_step:
                    self._safely(self.add_appeal)
                    next_new += self._interval(self.new_every)
                else:
                    self._safely(self.step)
                    next_step += self._interval(self.act_every)
            self._stop.wait(max(0.0, min(next_new, next_step) - time.monotonic()))

    def _safely(self, event: Callable[[], object]) -> None:
        try:
            event()
        except Exception:
            log.exception("demo activity step failed; carrying on")

    def _behind(self) -> None:
        self.fell_behind += 1
        now = time.monotonic()
        if now - self._warned_at >= LAG_WARNING_EVERY:
            self._warned_at = now
            log.warning(
                "demo activity fell more than %.0f s behind its pace (%g); backlog dropped "
                "(%d time(s) so far)",
                MAX_LAG_SECONDS,
                self.pace,
                self.fell_behind,
            )

    def add_appeal(self) -> Appeal:
        """One new appeal, created now, in the state a source delivers it."""
        now = self.service.clock()
        self.created += 1
        # the simulator derives links from the id it is given; the service assigns the real one
        appeal, _history = self._simulator.appeal(10**9 + self.created, now)
        # a channel's number people can say on the phone («im-482913577»), not a hash
        digits = 100_000_000 + uuid.uuid4().int % 900_000_000  # nine digits, random
        external_id = f"{appeal.source.value}-{digits}"
        written = self.service.create_appeal(
            evolve(appeal, {"id": 0, "external_id": external_id}), actor=self.integration
        )
        self._open.append(written.appeal.id)
        return written.appeal

    def step(self) -> bool:
        """Move one open appeal one step along; False when nothing was applied."""
        if self.rng.random() < 0.2:
            answered = self.service.appeal_ids((Status.ANSWERED,), limit=200)
            if not answered:
                return False
            appeal = self.service.get_appeal(self.operator, self.rng.choice(answered)).appeal
            plan = self._close(appeal)
        else:
            if not self._open or self.rng.random() < 0.05:
                self._open = self.service.appeal_ids(tuple(s for s in Status if s.is_open))
            if not self._open:
                return False
            appeal_id = self.rng.choice(self._open[:400])
            appeal = self.service.get_appeal(self.operator, appeal_id).appeal
            if not appeal.is_open:
                self._open.remove(appeal_id)
                return False
            plan = self._next(appeal)
        if plan is None:
            return False
        action, params, user = plan
        if appeal.taken_by and user is self.operator:
            # the demo plays every operator: the one who holds the appeal does its next step
            # (the service refuses a colleague's lifecycle action on a held appeal)
            user = system_user(appeal.taken_by, Role.OPERATOR)
        try:
            self.service.apply_action(
                user, appeal.id, str(uuid.uuid4()), action.value, params, appeal.version
            )
        except ServiceError as exc:
            log.debug("demo activity step on %d refused: %s", appeal.id, exc.code)
            return False
        self.steps += 1
        return True

    def _next(self, a: Appeal) -> tuple[Action, dict[str, JsonScalar], User] | None:
        dicts = self.service.region.dicts
        op = self.operator
        if a.theme is None:
            theme = self.rng.choice([t.code for t in dicts.themes if dicts.categories_of(t.code)])
            category = self.rng.choice(dicts.categories_of(theme)).code
            return Action.CATEGORISE, {"theme": theme, "category": category}, op
        if a.status in (Status.NEW, Status.REOPENED):
            bodies = dicts.bodies_for(a.theme, a.municipality)
            if a.status is Status.NEW and bodies:
                return Action.ROUTE, {"body": self.rng.choice(bodies).code}, op
            return Action.TAKE_INTO_WORK, {}, op
        if a.status is Status.ROUTED:
            return Action.TAKE_INTO_WORK, {}, op
        interim = a.status is Status.IN_PROGRESS and self.rng.random() < 0.3
        if a.status in (Status.IN_PROGRESS, Status.INTERIM_ANSWER):
            text = self._answer(a, interim=interim)
            if text is None:
                return None
            return (Action.INTERIM_ANSWER if interim else Action.ANSWER), {"text": text}, op
        return None

    def _close(self, a: Appeal) -> tuple[Action, dict[str, JsonScalar], User] | None:
        if a.status is not Status.ANSWERED:
            return None
        if a.source in _SOCIAL:
            reaction = self.rng.choice(list(Reaction)).value
            return Action.CLOSE, {"reaction": reaction}, self.integration
        return Action.RATE, {"rating": self.rng.randint(1, 5)}, self.integration

    def _answer(self, a: Appeal, *, interim: bool) -> str | None:
        dicts = self.service.region.dicts
        fitting = dicts.templates_for(a.theme)
        pool = [t for t in fitting if t.interim == interim] or list(fitting)
        if not pool:
            return None
        tpl = self.rng.choice(pool)
        tz = self.service.region.pack.timezone
        body = dicts.body(a.body or "")
        mun = dicts.municipality(a.municipality or "")
        values = template_values(
            number=a.external_id,
            created_at=a.created_at.astimezone(tz),
            address=a.address,
            municipality=mun.display_name if mun else "",
            body=(body.short_name or body.name) if body else "",
            deadline=(self.service.clock() + timedelta(days=14)).astimezone(tz),
            author_name=a.author.name,
        )
        return tpl.render(values)
