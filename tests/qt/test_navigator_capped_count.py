"""A saved queue's count stops at the cap and the navigator says «более 10 000» (issue 19).

Counting every hit of a saved search for a frequent word scanned a third of a million
rows per navigator refresh at 1 M appeals; the cache counts at most ``COUNT_CAP + 1``
rows (``cur_desktop.cache.queries.queue.count``), and the console shows such a count
as «более …», never as the capped (wrong) exact number. Exact counts above the cap
(«Все обращения») stay exact.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cur_desktop.cache import Cache
from cur_desktop.cache.queries import queue as q
from cur_desktop.cache.queries.filters import FilterValues
from cur_desktop.cache.queries.queues import all_appeals
from cur_desktop.cache.queries.saved import save_queue
from tests.support.caches import generated_cache, private_copy
from ui.console.console_context import ConsoleContext
from ui.console.queues import QueueCatalog
from widgets.navigator_model import MoreThan, NavEntry, NavGroup, NavigatorModel

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "capped-count", 300, 11, NOW)


@pytest.fixture
def cache(demo_cache: Path, tmp_path: Path) -> Iterator[Cache]:
    with private_copy(demo_cache, tmp_path) as opened:
        yield opened


def _model(keys: list[str]) -> NavigatorModel:
    model = NavigatorModel()
    model.set_groups([NavGroup("g", "G", tuple(NavEntry(k, k) for k in keys))])
    return model


def _shown(model: NavigatorModel, key: str) -> str:
    index = model.index_of(key)
    return str(model.index(index.row(), 1, index.parent()).data())


def test_a_capped_count_reads_more_than_the_cap_in_russian(qapp: QApplication) -> None:
    model = _model(["saved:1", "all"])
    model.set_counts({"saved:1": MoreThan(q.COUNT_CAP), "all": 1_000_000})
    assert _shown(model, "saved:1") == f"более 10{NBSP}000"
    assert _shown(model, "all") == f"1{NBSP}000{NBSP}000"  # exact counts stay exact
    # the same number, now exact: the text follows (not skipped as unchanged)
    model.set_counts({"saved:1": q.COUNT_CAP})
    assert _shown(model, "saved:1") == f"10{NBSP}000"
    model.set_counts({"saved:1": MoreThan(q.COUNT_CAP)})
    assert _shown(model, "saved:1") == f"более 10{NBSP}000"
    assert model.count("saved:1") == q.COUNT_CAP


def test_the_catalog_counts_a_saved_queue_only_up_to_the_cap(
    qapp: QApplication, cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = ConsoleContext(cache, clock=lambda: NOW)
    save_queue(cache.engine, context.identity.owner, "Все", "all", FilterValues())
    save_queue(cache.engine, context.identity.owner, "Ничего", "all", FilterValues(text="яхта"))
    catalog = QueueCatalog(context)
    big, none = (s.key for s in catalog.saved())
    total = q.count(cache.engine, all_appeals())
    assert total > 100
    monkeypatch.setattr(q, "COUNT_CAP", 100)  # 300 appeals: past a cap of 100
    counts = catalog.counts(NOW)
    assert isinstance(counts[big], MoreThan)
    assert counts[big] == 100
    assert counts[none] == 0
    assert not isinstance(counts[none], MoreThan)
    assert counts["all"] == total  # a built-in queue's count is exact
    model = NavigatorModel()
    model.set_groups(catalog.groups())
    model.set_counts(counts)
    assert _shown(model, big) == "более 100"
    assert _shown(model, "all") == str(total)
