"""A throw-away PostgreSQL database per test, on the server ``CUR_TEST_PG_URL`` names.

``scripts/ensure_postgres.sh`` prints the URL (a role with CREATEDB). Without the
variable, the default URL is tried once; when no server answers, PostgreSQL tests
are skipped with a reason saying how to run them. Each test gets its own database
(``CREATE DATABASE``), dropped afterwards even if connections are still open.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import pytest

DEFAULT_URL = "postgresql://cur:cur@127.0.0.1:5432/cur_test"
ENV = "CUR_TEST_PG_URL"


@cache
def _reachable(url: str) -> str | None:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}"


def admin_url() -> str:
    """The server's URL, or skip the test with the reason."""
    url = os.environ.get(ENV)
    if url:
        problem = _reachable(url)
        if problem is not None:
            pytest.fail(f"{ENV}={url} is set but PostgreSQL does not answer: {problem}")
        return url
    problem = _reachable(DEFAULT_URL)
    if problem is not None:
        pytest.skip(
            f"PostgreSQL not available ({problem}); run scripts/ensure_postgres.sh "
            f"and set {ENV} to the URL it prints"
        )
    return DEFAULT_URL


def _with_database(url: str, name: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


def database_name(url: str) -> str:
    from sqlalchemy import make_url

    return str(make_url(url).database)


@contextmanager
def temp_database(prefix: str = "cur_t", *, template: str | None = None) -> Iterator[str]:
    """A new database (empty, or a copy of the database ``template`` names); yields its URL.

    A template must have no open connections while it is copied (dispose its engine).
    """
    import psycopg
    from psycopg import sql

    base = admin_url()
    name = f"{prefix}_{secrets.token_hex(5)}"
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template is not None:
        create = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)
        )
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(create)
    try:
        yield _with_database(base, name)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
