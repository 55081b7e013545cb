"""The region's methodology: loaded into the real service (versioned), sent with GET /region,
kept in the workstation's cache by the sync, and read by the desk and the wall from there."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from cur_desktop.cache import Cache
from cur_desktop.central.cli import main as central_main
from cur_desktop.central.methodology import current_methodology
from cur_desktop.desk.methodology import Methodology, for_cache, wall_methodology
from tests.support.central import central_thread
from tests.sync.sync_support import engine_for


def _write(path: Path, **changes: object) -> Path:
    doc = {**Methodology.bundled().doc, **changes}
    path.write_bytes(orjson.dumps(doc))
    return path


def test_loaded_versions_reach_the_cache_the_desk_and_the_wall(tmp_path: Path) -> None:
    with central_thread(tmp_path, appeals=30) as central:
        db = str(central.db_path)
        rating = dict(Methodology.bundled().doc["rating"])
        first = _write(tmp_path / "m1.json")
        stricter = {**rating, "min_volume": 7, "weights": {"timeliness": 0.5, "quality": 0.5}}
        second = _write(tmp_path / "m2.json", rating=stricter)
        bad = _write(tmp_path / "bad.json", rating={**rating, "weights": {"loudness": 1}})
        assert central_main(["region", "methodology", "load", str(first), "--db", db]) == 0
        assert central_main(["region", "methodology", "load", str(second), "--db", db]) == 0
        assert central_main(["region", "methodology", "load", str(bad), "--db", db]) == 1
        assert central.service is not None
        stored = current_methodology(central.service.engine)
        assert stored is not None
        assert stored["version"] == 2

        region = central.client("operator").get("/region").json()
        assert region["methodology"]["version"] == 2

        cache_path = tmp_path / "ws.sqlite"
        with engine_for(central, cache_path) as engine:
            engine.sync_once()
        with Cache.open(cache_path) as cache:
            synced = cache.load_dictionaries("methodology")
            assert synced is not None
            assert synced["version"] == 2
            desk = for_cache(cache)
        assert desk.rating.min_volume == 7
        assert desk.rating.weights == {"timeliness": 0.5, "quality": 0.5}
        wall = wall_methodology(cache_path)
        assert wall is not None
        assert wall.min_volume == 7
        assert wall.weights == {"timeliness": 0.5, "quality": 0.5}  # the same criteria


def test_without_a_synced_one_the_bundled_methodology_serves(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    with Cache.open(path) as cache:
        assert for_cache(cache) == Methodology.bundled()
    assert wall_methodology(path) is None
    assert wall_methodology(tmp_path / "missing.sqlite") is None


def test_a_head_loads_it_through_the_service_others_are_refused(tmp_path: Path) -> None:
    from cur_desktop.sync.client import CentralClient
    from cur_desktop.sync.errors import CentralError

    with central_thread(tmp_path, appeals=30) as central:
        doc = dict(Methodology.bundled().doc)
        doc["rating"] = {**doc["rating"], "min_volume": 5}
        with CentralClient(central.url, token=central.login("cur_head")) as head:
            assert head.load_methodology(doc) == 1
            bad = {**doc, "rating": {**doc["rating"], "weights": {"loudness": 1}}}
            with pytest.raises(CentralError) as refused:
                head.load_methodology(bad)
            assert refused.value.code == "methodology_refused"
        for who in ("operator", "theme_head"):
            with CentralClient(central.url, token=central.login(who)) as other:
                with pytest.raises(CentralError) as forbidden:
                    other.load_methodology(doc)
                assert forbidden.value.code == "forbidden_role"
        answer = central.client("cur_head").post("/region/methodology", content=b"[1, 2]")
        assert answer.status_code in (400, 422)
        region = central.client("operator").get("/region").json()
        assert region["methodology"]["version"] == 1
        assert region["methodology"]["rating"]["min_volume"] == 5
        cache_path = tmp_path / "ws.sqlite"
        with engine_for(central, cache_path) as engine:
            engine.sync_once()
        with Cache.open(cache_path) as cache:
            assert for_cache(cache).rating.min_volume == 5
        wall = wall_methodology(cache_path)
        assert wall is not None
        assert wall.min_volume == 5


def test_a_loaded_methodology_reaches_a_running_workstation_at_its_next_pass(
    tmp_path: Path,
) -> None:
    from cur_desktop.sync.client import CentralClient

    with central_thread(tmp_path, appeals=30) as central:
        cache_path = tmp_path / "ws.sqlite"
        with engine_for(central, cache_path) as engine:
            engine.sync_once()
            with Cache.open(cache_path) as cache:
                assert cache.load_dictionaries("methodology") is None
            doc = dict(Methodology.bundled().doc)
            doc["rating"] = {**doc["rating"], "min_volume": 11}
            with CentralClient(central.url, token=central.login("cur_head")) as head:
                assert head.load_methodology(doc) == 1
            engine.sync_once()  # no new connection: the feed's region version moved
        with Cache.open(cache_path) as cache:
            assert for_cache(cache).rating.min_volume == 11
