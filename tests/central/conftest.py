"""Fixtures of the central service's tests: a real SQLite file seeded with generated appeals.

Generating and storing the appeals takes a moment, so it is done once per session
into a template database, which each test copies (a closed SQLite file in WAL
mode has checkpointed everything into the main file). Fixture names start with
``central_`` or are specific (``people``) so they never shadow the importers'
fixtures in the same folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.demo import seed_demo
from cur_desktop.central.scope import Scope, User
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Role
from cur_desktop.regions import builtin_pack_dir
from tests.support.clock import GENERATED_AT
from tests.support.people import SEEDED, People

SEED_NOW = GENERATED_AT


@pytest.fixture(scope="session")
def central_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("central-template") / "central.sqlite"
    service = open_service(path, pack=builtin_pack_dir(), migrate=True, demo=True)
    seed_demo(service, SEEDED, seed=11, now=SEED_NOW)
    service.engine.dispose()
    return path


@pytest.fixture
def central_db(central_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "central.sqlite"
    shutil.copy(central_template, path)
    return path


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the built-in region and no appeals (migrating is slow)."""
    path = tmp_path_factory.mktemp("central") / "template.db"
    service = open_service(path, pack=builtin_pack_dir(), migrate=True)
    service.engine.dispose()
    return path


@pytest.fixture
def db(template_db: Path, tmp_path: Path) -> Path:
    """A copy of :func:`template_db` for one test."""
    path = tmp_path / "central.db"
    shutil.copy(template_db, path)
    return path


@pytest.fixture
def central_service(central_db: Path) -> Iterator[CentralService]:
    service = open_service(central_db)
    yield service
    service.engine.dispose()


@pytest.fixture
def people(central_service: CentralService) -> People:
    from sqlalchemy import func, select

    from cur_desktop.central import schema as s
    from cur_desktop.central.db import read_tx

    a = s.appeals.c
    with read_tx(central_service.engine) as conn:
        ranked = conn.execute(
            select(a.municipality, func.count())
            .where(a.is_open.is_(True))
            .group_by(a.municipality)
            .order_by(func.count().desc())
        ).all()
    busiest, second = ranked[0][0], ranked[1][0]
    return People(
        operator=User(1, "op1", "Operator One", Role.OPERATOR),
        operator2=User(2, "op2", "Operator Two", Role.OPERATOR),
        mcu=User(3, "mcu", "Municipal", Role.MUNICIPAL_OPERATOR, Scope(municipalities=(busiest,))),
        theme_head=User(4, "roads-head", "Roads head", Role.THEME_HEAD, Scope(themes=("roads",))),
        curator=User(5, "curator", "Curator", Role.CURATOR),
        wall=User(6, "wall", "Wall", Role.WALL),
        head=User(7, "head", "Head", Role.CUR_HEAD),
        municipality=busiest,
        other_municipality=second,
    )
