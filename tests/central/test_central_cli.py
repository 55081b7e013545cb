"""``cur-central`` commands: migrate, accounts and tokens, refusals before serving."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

import pytest

from cur_desktop.central import auth
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.cli import build_parser, main
from cur_desktop.central.db import create_central_engine
from cur_desktop.regions import builtin_pack_dir

PASSWORD = "a long enough password"


def run(args: list[str], capsys: pytest.CaptureFixture[str], stdin: str = "") -> tuple[int, str]:
    """``main(args)`` with ``stdin``; returns the exit code and what it printed (stdout, then
    stderr without log lines). The root logger's set-up is restored for pytest afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(args)
    finally:
        sys.stdin = old
        root.handlers[:] = handlers
        root.setLevel(level)
    out, err = capsys.readouterr()
    messages = [line for line in err.splitlines() if not line[:2].isdigit()]  # not "14:03:41 INFO"
    return code, "\n".join([out, *messages])


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "central.sqlite")
    code, out = run(["migrate", "--db", path], capsys)
    assert code == 0
    from cur_desktop.central.migrate import head_revision

    assert f"schema at revision {head_revision()}" in out
    return path


def test_serve_refuses_an_unmigrated_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(["serve", "--db", str(tmp_path / "empty.sqlite"), "--port", "0"], capsys)
    assert code == 1
    assert "cur-central migrate" in out


def test_serve_needs_a_region_once(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["serve", "--db", db, "--port", "0"], capsys)
    assert code == 1
    assert "--pack" in out


def test_accounts_and_tokens(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(
        [
            "user",
            "add",
            "mcu-tula",
            "--db",
            db,
            "--role",
            "municipal_operator",
            "--name",
            "МЦУ Тулы",
            "--municipality",
            "70701000",
        ],
        capsys,
        stdin=PASSWORD + "\n",
    )
    assert (code, out.strip()) == (0, "account mcu-tula (municipal_operator) saved")
    assert PASSWORD not in out
    code, out = run(["user", "list", "--db", db], capsys)
    assert "mcu-tula\tmunicipal_operator\tactive\tМЦУ Тулы" in out
    assert "70701000" in out

    service = open_service(db, pack=builtin_pack_dir())
    try:
        token, user = service.login("mcu-tula", PASSWORD, "desk-3")
        assert user.scope.municipalities == ("70701000",)
        _, token_id = service.authenticate(token)
        code, out = run(["token", "list", "--db", db], capsys)
        assert f"{token_id}\tmcu-tula\tdesk-3" in out
        assert run(["token", "revoke", str(token_id), "--db", db], capsys)[0] == 0
        assert run(["token", "revoke", str(token_id), "--db", db], capsys)[0] == 1
        with pytest.raises(Exception, match="bad_token"):
            service.authenticate(token)
        again, _ = service.login("mcu-tula", PASSWORD, "desk-3")
        code, out = run(["user", "revoke", "mcu-tula", "--db", db], capsys)
        assert (code, out.strip()) == (0, "account mcu-tula locked, 1 token(s) revoked")
        with pytest.raises(Exception, match="bad_token"):
            service.authenticate(again)
        code, out = run(["user", "list", "--db", db], capsys)
        assert "mcu-tula\tmunicipal_operator\tlocked" in out
    finally:
        service.engine.dispose()


def test_passwords_are_never_command_line_arguments(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["user", "add", "x", "--db", db, "--role", "wall", "--password", PASSWORD])
    assert usage.value.code == 2
    code, out = run(["user", "add", "x", "--db", db, "--role", "wall"], capsys, stdin="short\n")
    assert code == 1
    assert "at least 8 characters" in out
    engine = create_central_engine(db)
    assert auth.list_users(engine) == []
    engine.dispose()


def test_the_importers_add_their_command() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"serve", "migrate", "user", "token", "demo", "import"} <= set(commands)


def test_backup_and_restore_a_sqlite_database(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``cur-central backup`` then ``restore --from``: the backup's data, a new feed epoch."""
    from cur_desktop.central import feed
    from cur_desktop.central.db import read_tx

    def epoch() -> str:
        engine = create_central_engine(db)
        try:
            with read_tx(engine) as conn:
                return feed.epoch_of(conn)
        finally:
            engine.dispose()

    saved = tmp_path / "backups" / "central.sqlite"
    code, out = run(["backup", "--db", db, "--to", str(saved)], capsys)
    assert (code, out.strip()) == (0, f"backup written to {saved}")
    before = epoch()
    added = ["user", "add", "after-backup", "--db", db, "--role", "operator"]
    code, _ = run(added, capsys, PASSWORD)
    assert code == 0
    code, out = run(["restore", "--db", db, "--from", str(saved)], capsys)
    assert code == 0
    assert "workstations will take a new snapshot" in out
    engine = create_central_engine(db)
    logins = {user.login for user, _ in auth.list_users(engine)}
    engine.dispose()
    assert "after-backup" not in logins  # the backup's data
    assert epoch() != before
