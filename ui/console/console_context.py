"""What the console knows besides the appeals: who works, in which region, by which clock.

Everything here is read from the local cache once when the console opens (and again
after a sync changes it): the region's dictionaries, the signed-in identity (login,
role, scope) and the SLA calendar and rules deadlines are counted with. The
calendar and rules come from one small function, :func:`region_sla`, so that when
the central service starts sending them the console changes in one place.

The identity is read from the ``auth.*`` state keys, falling back to the JSON the
sync engine keeps under ``sync.identity``; without either the console works as a
local operator (a demo cache).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from cur_desktop.cache import Cache
from cur_desktop.cache.queries.people import people_names
from cur_desktop.cache.queries.queue import Ranks
from cur_desktop.clock import Clock, system_clock
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Role
from cur_desktop.sla import CalendarError, Phase, ProductionCalendar, SlaRules, compute_sla
from widgets.queue_rows import RowBuilder
from widgets.sla_format import Deadline

log = logging.getLogger(__name__)

LOCAL_OWNER = "local"

# State keys the sign-in and the sync engine write (see cur_desktop/sync/status.py).
AUTH_LOGIN = "auth.login"
AUTH_ROLE = "auth.role"
AUTH_SCOPE = "auth.scope"
SYNC_IDENTITY = "sync.identity"


@dataclass(frozen=True, slots=True)
class Identity:
    login: str  # "" when nobody has signed in (a local demo cache)
    role: Role
    scope: str  # as the service describes it; "" for the whole region

    @property
    def owner(self) -> str:
        """Whose saved queues these are."""
        return self.login or LOCAL_OWNER


@dataclass(frozen=True, slots=True)
class SlaSetup:
    rules: SlaRules
    calendar: ProductionCalendar
    time_zone: str  # IANA name of the region's zone


def region_sla(cache: Cache) -> SlaSetup:
    """The calendar and rules deadlines are counted with.

    For now the built-in region pack's (the demo region); the central service will
    send the signed-in region's, and only this function will change.
    """
    from cur_desktop.regions.pack import builtin_pack_dir, load_pack
    from cur_desktop.sla import rules_for_region

    pack = load_pack(builtin_pack_dir())
    return SlaSetup(rules_for_region(pack.root), pack.production_calendar(), pack.timezone.key)


def read_identity(cache: Cache) -> Identity:
    synced: dict[str, Any] = {}
    raw = cache.get_state(SYNC_IDENTITY)
    if raw:
        try:
            loaded = orjson.loads(raw)
            synced = loaded if isinstance(loaded, dict) else {}
        except orjson.JSONDecodeError:
            log.warning("unreadable %s in the cache", SYNC_IDENTITY)
    login = cache.get_state(AUTH_LOGIN) or str(synced.get("login") or "")
    role_code = cache.get_state(AUTH_ROLE) or str(synced.get("role") or Role.OPERATOR.value)
    try:
        role = Role(role_code)
    except ValueError:
        log.warning("unknown role %r in the cache: working as an operator", role_code)
        role = Role.OPERATOR
    scope = cache.get_state(AUTH_SCOPE) or _scope_text(synced)
    return Identity(login=login, role=role, scope=scope)


def _scope_text(synced: dict[str, Any]) -> str:
    parts = [*synced.get("municipalities", []), *synced.get("themes", [])]
    return ", ".join(str(p) for p in parts)


class ConsoleContext:
    """The cache plus everything needed to show its appeals; GUI thread for building rows."""

    def __init__(
        self,
        cache: Cache,
        *,
        sla: SlaSetup | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.cache = cache
        self.clock: Clock = clock or system_clock
        self.sla = sla or region_sla(cache)
        self.identity = read_identity(cache)
        self.dictionaries = _dictionaries(cache)
        self.people = people_names(cache)
        self.rows = RowBuilder(self.dictionaries, mask_personal=self.masked, people=self.people)

    def person(self, login: str) -> str:
        """A colleague's name for a login (the login itself when not known)."""
        return self.rows.person(login)

    def reload(self) -> None:
        """Read identity, dictionaries and staff names again (after a sync wrote new ones)."""
        self.identity = read_identity(self.cache)
        self.dictionaries = _dictionaries(self.cache)
        self.people = people_names(self.cache)
        self.rows = RowBuilder(self.dictionaries, mask_personal=self.masked, people=self.people)

    @property
    def masked(self) -> bool:
        """Personal data is hidden for this role (152-FZ)."""
        return not self.identity.role.sees_personal_data

    def ranks(self) -> Ranks:
        """Themes and municipalities in the order of their names (for column sorts)."""
        d = self.dictionaries
        if d is None:
            return {}
        themes = sorted(d.themes, key=lambda t: t.name.casefold())
        muns = sorted(d.municipalities, key=lambda m: m.display_name.casefold())
        return {
            "theme": {t.code: i for i, t in enumerate(themes)},
            "municipality": {m.oktmo: i for i, m in enumerate(muns)},
        }

    def deadline_of(self, appeal: Appeal, now: datetime) -> Deadline | None:
        """The appeal's SLA state at ``now``; None when the calendar cannot say."""
        try:
            state = compute_sla(appeal, self.sla.rules, self.sla.calendar, now=now)
        except CalendarError:
            return None
        rule = self.sla.rules.rule_for(appeal)
        norm = rule.first_answer
        if state.phase is Phase.FINAL_ANSWER and rule.final_answer is not None:
            norm = rule.final_answer
        return Deadline(state, working=norm.unit.is_working, real_remaining=state.due_at - now)


def _dictionaries(cache: Cache) -> Dictionaries | None:
    from cur_desktop.domain.dictionaries_io import DictionaryError, dictionaries_from_json

    doc = cache.load_dictionaries()
    if doc is None:
        return None
    try:
        return dictionaries_from_json(doc)
    except DictionaryError:
        log.exception("the cache's dictionaries are unreadable: codes will be shown")
        return None
