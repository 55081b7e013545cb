"""Taken means taken: who may act on an appeal a colleague holds, and when it may be taken over.

An operator who *takes* an appeal («Взять себе») holds it until they answer, reject,
redirect or merge it, or release it. While they hold it, a colleague may add notes
and set flags (they tell the holder something; they decide nothing), but every action
that moves the appeal on or changes what it is about (:data:`HELD`) is the holder's
alone, and the lifecycle refuses it to anyone else with ``taken_by_other``.

A colleague who must act anyway takes it over («Забрать себе», ``take_over``): an
explicit command, recorded in history with the previous holder. Who may take over
and when is region data (:class:`TakeOverRule`, the ``take_over`` object of the
region's ``pack.json``). By default:

- a head (``theme_head`` in their themes, ``cur_head``) may take over at once: the
  seeds give the head of the ЦУР the "direct management" of its work and the heads of
  theme blocks the distribution of its messages — reassigning work is their job;
- an operator (or a municipal operator) may take over only an appeal whose holder has
  not touched it for :attr:`TakeOverRule.idle_working_hours` working hours (half a
  working day: a colleague on leave or gone home, not one who stepped out for lunch);
- with ``"heads_only": true`` only heads take over.

Heads do not act over a colleague's hold either — they take it over first, so that
history says who holds the appeal — except for what a head does *to* the holder's
work without taking it (:data:`HEAD_OVER_HOLD`): returning an answer for rework
(quality control sends it back to its holder) and raising or lowering its importance
(prioritising is the heads' distribution of work; the holder keeps the appeal).

Integrations (role ``system``: ПОС, ИМ, the citizen's rating) record facts from
outside and are never held back. Pure and Qt-free.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Action, Role

HEADS = frozenset({Role.THEME_HEAD, Role.CUR_HEAD})

#: Actions only the holder may do while the appeal is taken: everything that moves it
#: on or changes what it is about. Not here, so open to a colleague: ``add_note``,
#: ``flag``/``unflag`` (they inform, they decide nothing), ``take``/``release``/
#: ``take_over`` (their own rules), ``rate`` (the citizen's rating arriving).
HELD = frozenset(
    {
        Action.TAKE_INTO_WORK,
        Action.CATEGORISE,
        Action.ROUTE,
        Action.POSTPONE,
        Action.REQUEST_INFO,
        Action.INFO_RECEIVED,
        Action.INTERIM_ANSWER,
        Action.ANSWER,
        Action.RETURN_FOR_REWORK,
        Action.CLOSE,
        Action.REOPEN,
        Action.REJECT,
        Action.REDIRECT,
        Action.SET_IMPORTANCE,
        Action.MERGE,
    }
)
#: What a head does over a colleague's hold, leaving the appeal with its holder.
HEAD_OVER_HOLD = frozenset({Action.RETURN_FOR_REWORK, Action.SET_IMPORTANCE})

#: Working hours a holder must have left the appeal alone before an operator may take it over.
DEFAULT_IDLE_WORKING_HOURS = 4.0


@dataclass(frozen=True, slots=True)
class TakeOverRule:
    """When a colleague's appeal may be taken over: the region's ``"take_over"`` object."""

    heads_only: bool = False
    idle_working_hours: float = DEFAULT_IDLE_WORKING_HOURS

    @property
    def idle(self) -> timedelta:
        return timedelta(hours=self.idle_working_hours)

    @classmethod
    def from_doc(cls, raw: object) -> TakeOverRule:
        """Read ``{"heads_only": bool, "idle_working_hours": number}``; absent keys default.

        A malformed value is a pack error, raised as :class:`ValueError`.
        """
        if raw is None:
            return cls()
        if not isinstance(raw, Mapping):
            msg = "take_over must be an object"
            raise ValueError(msg)  # noqa: TRY004 - one error type for a bad pack
        heads_only = raw.get("heads_only", False)
        hours = raw.get("idle_working_hours", DEFAULT_IDLE_WORKING_HOURS)
        if not isinstance(heads_only, bool):
            msg = "take_over.heads_only must be true or false"
            raise ValueError(msg)  # noqa: TRY004 - one error type for a bad pack
        if isinstance(hours, bool) or not isinstance(hours, (int, float)) or hours < 0:
            msg = "take_over.idle_working_hours must be a number of hours, 0 or more"
            raise ValueError(msg)
        return cls(heads_only=heads_only, idle_working_hours=float(hours))


def held_by_other(appeal: Appeal, actor: str) -> bool:
    """Someone other than ``actor`` holds the appeal."""
    return bool(appeal.taken_by) and appeal.taken_by != actor


def blocked_by_hold(appeal: Appeal, action: Action, role: Role, actor: str) -> bool:
    """The hold of a colleague keeps ``actor`` from doing ``action`` on this appeal."""
    if action not in HELD or role is Role.SYSTEM or not held_by_other(appeal, actor):
        return False
    return not (role in HEADS and action in HEAD_OVER_HOLD)


def may_take_over_at_once(role: Role) -> bool:
    """Heads take over without waiting; operators wait for the holder to be idle."""
    return role in HEADS


def take_over_forbidden(role: Role, rule: TakeOverRule) -> bool:
    """The region lets only heads take over, and this role is not a head's."""
    return rule.heads_only and role not in HEADS


__all__ = [
    "DEFAULT_IDLE_WORKING_HOURS",
    "HEADS",
    "HEAD_OVER_HOLD",
    "HELD",
    "TakeOverRule",
    "blocked_by_hold",
    "held_by_other",
    "may_take_over_at_once",
    "take_over_forbidden",
]
