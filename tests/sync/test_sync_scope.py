"""Scope and privacy in the cache: a municipality's desk, a theme head, the wall."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, or_, select

from cur_desktop.cache import Cache
from cur_desktop.cache import schema as cs
from cur_desktop.domain.enums import Status
from tests.support.central import CentralHandle, central_thread
from tests.sync.sync_support import cache_checksum, central_checksum, engine_for, service_user

A = cs.appeals
PERSONAL = (
    A.c.author_name,
    A.c.author_phone,
    A.c.author_email,
    A.c.author_profile,
    A.c.executor,
    A.c.taken_by,
    A.c.url,
)


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=400) as handle:
        yield handle


def _with_personal_data(cache: Cache) -> int:
    private_place = (A.c.address_is_private == 1) & or_(
        A.c.address.is_not(None), A.c.lat.is_not(None), A.c.lon.is_not(None)
    )
    query = select(func.count()).where(or_(*(c.is_not(None) for c in PERSONAL), private_place))
    with cache.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def test_a_municipal_operator_caches_only_its_municipality(
    central: CentralHandle, tmp_path: Path
) -> None:
    (oktmo,) = central.accounts["municipal_operator"].scope["municipalities"]
    with engine_for(central, tmp_path / "c.sqlite", "municipal_operator") as engine:
        engine.sync_once()
        by_municipality = engine.cache.appeals.counts_by("municipality", flt=None)
        assert set(by_municipality) == {oktmo}
        user = service_user(central, "municipal_operator")
        assert cache_checksum(engine.cache) == central_checksum(central, user)


def test_the_wall_caches_no_personal_data_even_after_an_operator(
    central: CentralHandle, tmp_path: Path
) -> None:
    cache_path = tmp_path / "c.sqlite"
    with engine_for(central, cache_path, "operator") as engine:
        engine.sync_once()
        assert _with_personal_data(engine.cache) > 0  # so the check below can fail
    with engine_for(central, cache_path, "wall") as engine:  # the same file, another account
        engine.sync_once()
        assert _with_personal_data(engine.cache) == 0
        with engine.cache.engine.connect() as conn:
            actors = set(conn.execute(select(cs.history.c.actor).distinct()).scalars())
        assert actors <= {""}
        assert cache_checksum(engine.cache) == central_checksum(
            central, service_user(central, "wall")
        )


def test_an_appeal_entering_a_theme_heads_scope_comes_with_its_whole_history(
    central: CentralHandle, tmp_path: Path
) -> None:
    service = central.service
    assert service is not None
    (theme,) = central.accounts["theme_head"].scope["themes"]
    head = service_user(central, "cur_head")
    with engine_for(central, tmp_path / "c.sqlite", "theme_head") as engine:
        engine.sync_once()
        candidates = service.appeal_ids([Status.ROUTED, Status.IN_PROGRESS], limit=5000)
        # an appeal nobody holds: a colleague's hold refuses even a head's categorising
        outsider = next(
            a
            for a in (service.get_appeal(head, i).appeal for i in candidates)
            if a.theme != theme and not a.taken_by
        )
        assert engine.cache.appeals.get(outsider.id) is None
        service.apply_action(
            head, outsider.id, "into-theme", "categorise", {"theme": theme}, outsider.version
        )
        engine.sync_once()
        actions = [h.action for h in engine.cache.appeals.history(outsider.id)]
        assert actions[0] == "create"
        assert actions[-1] == "categorise"
        assert engine.cache.get_state("sync.backfill") is None
        user = service_user(central, "theme_head")
        assert cache_checksum(engine.cache) == central_checksum(central, user)

        # and moving it out again removes it
        moved = service.get_appeal(head, outsider.id).appeal
        other = next(t.code for t in service.region.dicts.themes if t.code != theme)
        service.apply_action(
            head, moved.id, "out-of-theme", "categorise", {"theme": other}, moved.version
        )
        report = engine.sync_once()
        assert report.removed == 1
        assert engine.cache.appeals.get(outsider.id) is None
        assert engine.cache.appeals.history(outsider.id) == []
