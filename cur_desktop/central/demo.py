"""The demo service: a generated region with accounts for each kind of desk.

``cur-central demo`` stores the built-in demo region (its name marked « (демо)»),
seeds it with generated appeals through the bulk write path, and creates one
account per kind of workstation — an operator of the whole region, a municipal
operator of the most populous municipality, a theme head, the wall and the head
of ЦУР. Passwords are new random ones at every start and are printed: this is
demo data on 127.0.0.1, and a fixed password would outlive the demo.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from cur_desktop.central import schema as s
from cur_desktop.central.auth import add_user
from cur_desktop.central.db import read_tx
from cur_desktop.central.scope import Scope
from cur_desktop.central.service import CentralService
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Role

log = logging.getLogger(__name__)

DEMO_THEME = "roads"


@dataclass(frozen=True, slots=True)
class DemoAccount:
    key: str  # operator, municipal_operator, theme_head, wall, cur_head
    login: str
    password: str
    name: str
    role: Role
    scope: Scope

    def to_dict(self) -> dict[str, object]:
        return {
            "login": self.login,
            "password": self.password,
            "name": self.name,
            "role": self.role.value,
            "scope": self.scope.to_wire(),
        }


def demo_accounts(dicts: Dictionaries) -> list[DemoAccount]:
    """The demo's accounts with fresh random passwords."""
    biggest = max(dicts.municipalities, key=lambda m: m.population)
    theme = DEMO_THEME if dicts.theme(DEMO_THEME) is not None else dicts.themes[0].code

    def pw() -> str:
        return secrets.token_urlsafe(9)

    return [
        DemoAccount("operator", "demo-operator", pw(), "Demo operator", Role.OPERATOR, Scope()),
        DemoAccount(
            "municipal_operator",
            "demo-mcu",
            pw(),
            f"Demo municipal operator ({biggest.oktmo})",
            Role.MUNICIPAL_OPERATOR,
            Scope(municipalities=(biggest.oktmo,)),
        ),
        DemoAccount(
            "theme_head",
            "demo-theme-head",
            pw(),
            f"Demo theme head ({theme})",
            Role.THEME_HEAD,
            Scope(themes=(theme,)),
        ),
        DemoAccount("wall", "demo-wall", pw(), "Demo wall", Role.WALL, Scope()),
        DemoAccount("cur_head", "demo-head", pw(), "Demo head of ЦУР", Role.CUR_HEAD, Scope()),
    ]


def ensure_demo_accounts(engine: Engine, dicts: Dictionaries) -> list[DemoAccount]:
    """Create the demo accounts, or reset them with new passwords."""
    accounts = demo_accounts(dicts)
    for a in accounts:
        # random passwords of the service's own making: no work factor (central/auth.py)
        add_user(engine, a.login, a.name, a.role, a.password, a.scope, generated=True)
    return accounts


def appeal_count(engine: Engine) -> int:
    with read_tx(engine) as conn:
        return int(conn.execute(select(func.count()).select_from(s.appeals)).scalar_one())


def seed_demo(
    service: CentralService, count: int, *, seed: int, now: datetime, plant: bool = False
) -> int:
    """Generate ``count`` appeals of the service's region up to ``now`` and store them.

    ``plant``: with the known problems (a burst, threads, a disinformation wave, a
    growing «Прочие») and two measures, when ``count`` is big enough for them
    (cur_desktop/demo/problems.py).
    """
    from cur_desktop.demo.generator import DemoGenerator
    from cur_desktop.demo.problems import MIN_APPEALS, GroundTruth, plant_stream

    generator = DemoGenerator(service.region.pack, seed=seed, now=now)
    items = generator.generate(count)
    truth: list[GroundTruth] = []
    if plant and count >= MIN_APPEALS:
        items = plant_stream(items, seed=seed, now=now, truth=truth)
    stored = service.store_generated((item.appeal, item.history) for item in items)
    log.info("demo seeded with %d generated appeals", stored)
    for found in truth:
        log.info("demo problems planted: %s", {k: len(v) for k, v in found.problems.items()})
    return stored


# Fictional staff of the demo region: the generated history names them by login
# (``operator07``, ``mcu-70701000``), and a console shows people by name.
_DEMO_STAFF_NAMES = (
    "Анна Смирнова", "Игорь Кузнецов", "Мария Волкова", "Дмитрий Орлов", "Елена Павлова",
    "Сергей Морозов", "Ольга Никитина", "Алексей Фёдоров", "Татьяна Белова", "Павел Соколов",
    "Наталья Лебедева", "Виктор Егоров", "Ирина Козлова", "Андрей Попов", "Юлия Захарова",
    "Михаил Новиков", "Светлана Зайцева", "Роман Васильев", "Ксения Медведева", "Олег Андреев",
)  # fmt: skip
DEMO_OPERATORS = 40  # more than any generator profile has


def demo_staff(dicts: Dictionaries) -> dict[str, str]:
    """Login → name of the staff the demo generator writes into appeals' histories."""
    staff = {
        f"operator{i:02d}": _DEMO_STAFF_NAMES[(i - 1) % len(_DEMO_STAFF_NAMES)]
        for i in range(1, DEMO_OPERATORS + 1)
    }
    for m in dicts.municipalities:
        staff[f"mcu-{m.oktmo}"] = f"МЦУ: {m.display_name}"
    staff.update(_DEMO_SYSTEMS)
    return staff


def _staff_role(login: str) -> Role:
    if login.startswith("mcu-"):
        return Role.MUNICIPAL_OPERATOR
    return Role.SYSTEM if login in _DEMO_SYSTEMS else Role.OPERATOR


# the integrations the generated history and the live activity act as (demo/simulate.py)
_DEMO_SYSTEMS = {
    "im-integration": "Интеграция: Инцидент Менеджмент",
    "pos-integration": "Интеграция: ПОС",
    "portal-integration": "Интеграция: портал",
    "hotline": "Горячая линия",
    "open311-import": "Импорт Open311",
    "demo-integration": "Интеграция (демо)",
}


def ensure_demo_staff(engine: Engine, dicts: Dictionaries) -> int:
    """Name the generated staff as users who cannot sign in (no password, inactive)."""
    from sqlalchemy import insert

    from cur_desktop.central.db import write_tx
    from cur_desktop.clock import epoch

    staff = demo_staff(dicts)
    with write_tx(engine) as conn:
        known = set(conn.execute(select(s.users.c.login)).scalars())
        rows = [
            {
                "login": login,
                "name": name,
                "role": _staff_role(login).value,
                "scope": Scope().to_json(),
                "password_hash": "!",  # matches no password
                "active": False,
                "created_at": epoch(),
            }
            for login, name in staff.items()
            if login not in known
        ]
        if rows:
            conn.execute(insert(s.users), rows)
    return len(rows)
