"""The region's dictionaries edited in the app, on real PostgreSQL and by two service processes.

Two services on one database (each its own engine, as processes would be): an edit
stored by one is in force in the other at its next ``GET /region`` refresh and when it
starts; two edits made on the same version at once store one, the other is stale (in
one process the edits are serialised; across processes the version's primary key
decides, answered as stale too).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from cur_desktop.central import region_dictionaries as rd
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.errors import ServiceError
from cur_desktop.central.scope import User
from cur_desktop.domain.enums import Role
from cur_desktop.regions import builtin_pack_dir
from tests.support.postgres import temp_database

HEAD = User(7, "head", "Head", Role.CUR_HEAD)


@pytest.fixture
def pg_url() -> Iterator[str]:
    with temp_database("cur_dicts") as url:
        open_service(url, pack=builtin_pack_dir(), migrate=True).engine.dispose()
        yield url


def test_two_processes_one_version_at_a_time(pg_url: str) -> None:
    first, second = open_service(pg_url), open_service(pg_url)
    try:
        outcomes: list[object] = []
        barrier = threading.Barrier(2)

        def add(service: object, name: str) -> None:
            barrier.wait()
            try:
                op = {"op": "add_category", "theme": "roads", "name": name}
                outcomes.append(rd.edit(service, HEAD, 0, [op]).version)
            except ServiceError as exc:
                outcomes.append(exc.code)

        threads = [
            threading.Thread(target=add, args=(first, "Первая")),
            threading.Thread(target=add, args=(second, "Вторая")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(map(str, outcomes)) == ["1", "stale_version"]
        assert [v.version for v in rd.versions(first.engine)] == [1]
        for service in (first, second):
            rd.refresh(service)
            assert service.region.dictionaries_version == 1
            assert service.region.dicts.category("roads.r1") is not None
        third = open_service(pg_url)
        try:
            assert third.region.dictionaries_version == 1
        finally:
            third.engine.dispose()
    finally:
        first.engine.dispose()
        second.engine.dispose()
