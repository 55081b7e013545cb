"""History lines through the feed: each line once, none dropped as a "double".

The cache drops a feed line it already holds (the overlap of a snapshot page, which
carries whole histories, with the feed read from the snapshot's cursor). One change
may add several lines alike in appeal, time, action and actor: an import whose file
lists one appeal twice records a line per record, in one transaction, at one moment.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from cur_desktop.central.importers.records import ImportedAppeal
from cur_desktop.domain.enums import Importance, Kind, Source
from tests.support.central import CentralHandle, central_thread
from tests.support.clock import now as clock_now
from tests.sync.sync_support import cache_checksum, central_checksum, engine_for, service_user

CREATED = clock_now() - timedelta(days=1)


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=60) as handle:
        yield handle


def _record(n: int, **fields: object) -> ImportedAppeal:
    base: dict[str, object] = {
        "source": Source.POS,
        "external_id": f"hist-{n}",
        "kind": Kind.MESSAGE,
        "created_at": CREATED,
        "row": n + 1,
        "text": f"Не вывозят мусор, двор {n}",
        "theme": "roads",
        "municipality": "70701000",
    }
    base.update(fields)
    return ImportedAppeal(**base)  # type: ignore[arg-type]


def test_lines_alike_added_by_one_import_all_reach_the_cache(
    central: CentralHandle, tmp_path: Path
) -> None:
    service = central.service
    assert service is not None
    service.import_appeals([_record(1)], actor="pos-import")
    operator = service_user(central, "operator")
    with engine_for(central, tmp_path / "c.sqlite") as engine:
        engine.sync_once()
        assert cache_checksum(engine.cache) == central_checksum(central, operator)

        # the next export lists the appeal twice: two import lines, one moment
        summary = service.import_appeals(
            [
                _record(1, text="Не вывозят мусор, двор 1 (повторно)"),
                _record(1, importance=Importance.HIGH),
            ],
            actor="pos-import",
        )
        assert summary.updated == 2
        engine.sync_once()

        assert cache_checksum(engine.cache) == central_checksum(central, operator)
