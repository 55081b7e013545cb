"""The service's side: trained from its own history, stored, applied when an appeal is written,
retrained when due, and the ``cur-central suggest`` commands."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cur_desktop.central import schema as s
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.cli import main
from cur_desktop.central.db import read_tx
from cur_desktop.central.demo import seed_demo
from cur_desktop.central.scope import Scope, User
from cur_desktop.central.service import CentralService
from cur_desktop.central.suggest import RETRAIN_EVERY_S, train_and_store
from cur_desktop.clock import PinnedClock
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Kind, Role, Source, Status
from cur_desktop.protocol.columns import columns_to_appeal
from cur_desktop.regions import builtin_pack_dir
from tests.support.clock import GENERATED_AT

CORPUS = Path(__file__).parents[3] / "bench" / "data" / "appeals_ru.jsonl"
HEAD = User(0, "head", "Head", Role.CUR_HEAD, Scope())


@pytest.fixture
def service(tmp_path: Path) -> Iterator[CentralService]:
    path = tmp_path / "central.sqlite"
    seeding = open_service(path, pack=builtin_pack_dir(), migrate=True, demo=True)
    seed_demo(seeding, 400, seed=3, now=GENERATED_AT)
    seeding.engine.dispose()
    service = open_service(path)
    service.clock = PinnedClock(GENERATED_AT)
    service.suggestions.clock = service.clock
    yield service
    service.engine.dispose()


_numbers = itertools.count(1)


def draft(text: str) -> Appeal:
    return Appeal(
        id=0,
        source=Source.POS,
        external_id=f"S-{next(_numbers)}",
        kind=Kind.MESSAGE,
        created_at=GENERATED_AT,
        text=text,
        address="г. Тула, ул. Ленина, д. 5",
    )


def stored(service: CentralService, appeal_id: int) -> Appeal:
    with read_tx(service.engine) as conn:
        row = conn.execute(select(s.appeals).where(s.appeals.c.id == appeal_id)).mappings().one()
    return columns_to_appeal(row)


def waiting_without(service: CentralService) -> int:
    a = s.appeals.c
    with read_tx(service.engine) as conn:
        return int(
            conn.execute(
                select(func.count()).where(a.status == Status.NEW.value, a.suggestions.is_(None))
            ).scalar_one()
        )


def test_new_appeals_get_suggestions_once_a_model_is_trained(service: CentralService) -> None:
    before = service.create_appeal(draft("Во дворе яма на яме, проезд разбит"), actor=HEAD)
    assert before.appeal.suggestions is None  # no model yet: nothing invented
    assert waiting_without(service) > 0
    head = service.head()
    report = train_and_store(service.suggestions)
    assert report is not None
    assert report.categorised > 100
    assert report.backfilled > 0
    assert waiting_without(service) == 0  # the waiting appeals got theirs, as feed changes
    assert service.head() >= head + report.backfilled
    filled = stored(service, before.appeal.id)
    assert filled.suggestions is not None
    assert filled.version == before.appeal.version + 1

    written = service.create_appeal(draft("Во дворе яма на яме, проезд разбит"), actor=HEAD)
    suggestions = written.appeal.suggestions
    assert suggestions is not None
    assert suggestions.category
    assert suggestions.municipality[0].code == "70701000"  # from the address
    assert suggestions.body
    assert stored(service, written.appeal.id).suggestions == suggestions
    assert suggestions.model == report.trained_at


def test_another_process_shares_the_stored_model_and_the_schedule_retrains_when_due(
    service: CentralService, tmp_path: Path
) -> None:
    clock = service.clock
    assert isinstance(clock, PinnedClock)
    assert service.suggestions.retrain_if_due() is None  # 400 appeals: below the schedule's bar
    assert train_and_store(service.suggestions, fill=False) is not None
    other = open_service(tmp_path / "central.sqlite")
    try:
        assert other.suggestions.model is not None
        assert other.suggestions.model.trained_at == service.suggestions.model.trained_at  # type: ignore[union-attr]
    finally:
        other.engine.dispose()
    assert not service.suggestions.due()
    clock.advance(timedelta(seconds=RETRAIN_EVERY_S))
    assert service.suggestions.due()


def test_cli_train_and_evaluate(
    service: CentralService, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "central.sqlite")
    assert main(["suggest", "train", "--db", db]) == 0
    assert "trained on" in capsys.readouterr().out
    assert main(["suggest", "evaluate", "--corpus", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert "majority top-1" in out
    assert "body (history: category × municipality)" in out
    assert main(["suggest", "evaluate", "--db", db]) == 0
    assert "time split" in capsys.readouterr().out
