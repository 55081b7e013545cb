"""The region's methodology: loaded into the real service (versioned), sent with GET /region,
kept in the workstation's cache by the sync, and read by the desk and the wall from there."""

from __future__ import annotations

from pathlib import Path

import orjson

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
        assert wall.weights == {"timeliness": 0.5}  # the wall rates by its own criteria


def test_without_a_synced_one_the_bundled_methodology_serves(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    with Cache.open(path) as cache:
        assert for_cache(cache) == Methodology.bundled()
    assert wall_methodology(path) is None
    assert wall_methodology(tmp_path / "missing.sqlite") is None
