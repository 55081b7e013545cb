"""Search by the author only where the role may see personal data (a real service, real sync)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cur_desktop.domain.appeal import Author
from tests.support.central import CentralHandle, central_thread, new_appeal
from tests.sync.sync_support import engine_for


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralHandle]:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=30) as handle:
        yield handle


def test_the_author_is_searchable_by_an_operator_and_not_on_the_wall(
    central: CentralHandle, tmp_path: Path
) -> None:
    appeal = new_appeal(
        central,
        "Течёт крыша",
        "Крыша течёт третий день, в подъезде лужи.",
        number="pos-4815162",
        author=Author(name="Залесская Вероника Павловна", phone="+7 (915) 700-12-34"),
    )
    by_person = ("Залесская", "Залесской", "+7 915 700-12-34", "89157001234")
    by_anyone = (f"№ {appeal.id}", "pos-4815162", "4815162", "крыша течет")
    with engine_for(central, tmp_path / "operator.sqlite", "operator") as engine:
        engine.sync_once()
        for typed in by_person + by_anyone:
            assert engine.cache.appeals.search(typed) == [appeal.id], typed
    with engine_for(central, tmp_path / "wall.sqlite", "wall") as engine:
        engine.sync_once()
        assert engine.cache.appeals.get(appeal.id) is not None
        for typed in by_person:
            assert engine.cache.appeals.search(typed) == [], typed
        assert engine.cache.appeals.search(f"№ {appeal.id}") == [appeal.id]
