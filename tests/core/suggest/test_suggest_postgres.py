"""The suggestion model in PostgreSQL: stored as bytea, shared, applied on write.

Skipped without CUR_TEST_PG_URL (tests/support/postgres.py says how to run it).
"""

from __future__ import annotations

from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.demo import seed_demo
from cur_desktop.central.scope import Scope, User
from cur_desktop.central.suggest import train_and_store
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Kind, Role, Source
from cur_desktop.regions import builtin_pack_dir
from tests.support.clock import GENERATED_AT
from tests.support.postgres import temp_database

HEAD = User(0, "head", "Head", Role.CUR_HEAD, Scope())


def test_a_model_trained_in_postgres_suggests_for_every_service_on_it() -> None:
    with temp_database("cur_suggest") as url:
        service = open_service(url, pack=builtin_pack_dir(), migrate=True, demo=True)
        try:
            seed_demo(service, 300, seed=5, now=GENERATED_AT)
            report = train_and_store(service.suggestions)
            assert report is not None
            assert report.backfilled > 0
        finally:
            service.engine.dispose()
        other = open_service(url)
        try:
            assert other.suggestions.model is not None
            draft = Appeal(
                id=0,
                source=Source.POS,
                external_id="PG-1",
                kind=Kind.MESSAGE,
                created_at=GENERATED_AT,
                text="Не горят фонари на улице, темно",
                address="г. Тула, ул. Мира, д. 3",
            )
            written = other.create_appeal(draft, actor=HEAD).appeal
            assert written.suggestions is not None
            assert written.suggestions.municipality[0].code == "70701000"
        finally:
            other.engine.dispose()
