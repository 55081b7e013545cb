"""A logged exception carries no personal data, in either log format.

A database error quotes the failed statement's values (SQLAlchemy appends them as
``[parameters: …]``): an appeal's text and its author's name, phone and e-mail. The
product's engines are made with ``hide_parameters`` so their errors hold none; as a
second line of defence (an engine made elsewhere, a driver's own message) the log
set-up (``cur_desktop.logs``) drops them from messages and tracebacks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from cur_desktop.cache.db import create_cache_engine
from cur_desktop.central.db import create_central_engine
from cur_desktop.logs import setup_logging

NAME, PHONE, EMAIL = "Секретова Анна", "+7 916 123-45-67", "anna.sekretova@example.com"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _database_error(engine: Engine) -> SQLAlchemyError:
    """A real SQLite failure on a statement carrying an author's data."""
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE authors (name TEXT, phone TEXT, email TEXT)"))
            conn.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON authors "
                    "BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END"
                )
            )
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO authors VALUES (:name, :phone, :email)"),
                {"name": NAME, "phone": PHONE, "email": EMAIL},
            )
    except SQLAlchemyError as exc:
        return exc
    finally:
        engine.dispose()
    pytest.fail("the insert was not refused")


@pytest.mark.parametrize("json_lines", [False, True])
def test_a_database_error_is_logged_without_the_authors_data(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    restore_logging: None,
    json_lines: bool,
) -> None:
    error = _database_error(create_engine(f"sqlite:///{tmp_path / 'plain.sqlite'}"))
    assert PHONE in str(error)  # what SQLAlchemy says by default, and why the log must not
    setup_logging("INFO", json_lines=json_lines)
    logging.getLogger("cur_desktop.test").error("unexpected failure", exc_info=error)
    logging.getLogger("cur_desktop.test").error("sync failed: %s", error)
    written = capsys.readouterr().err
    if json_lines:
        entries = [orjson.loads(line) for line in written.splitlines()]
        assert "simulated write failure" in entries[0]["exception"]
    assert "simulated write failure" in written
    for secret in (NAME.split()[0], PHONE, EMAIL):
        assert secret not in written


@pytest.mark.parametrize("kind", ["central", "cache"])
def test_the_products_database_errors_carry_no_values(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.sqlite"
    engine = (
        create_central_engine(path, pool_size=1) if kind == "central" else create_cache_engine(path)
    )
    message = str(_database_error(engine))
    assert "simulated write failure" in message
    for secret in (NAME, PHONE, EMAIL):
        assert secret not in message
