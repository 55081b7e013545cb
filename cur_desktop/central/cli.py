"""``cur-central``: run the central service, migrate its database, manage accounts, run the demo.

``main(argv)`` is testable and returns the exit code: 0 success, 1 a problem the
user can fix (database not migrated, no region, unknown account), 2 usage error.
Passwords are read from standard input or a prompt, never from the command line
(it would stay in the shell history and in ``ps``). What a person asked for is
printed to stdout; diagnostics go to the log on stderr.

The importers add their own subcommands: if ``cur_desktop.central.importers.cli``
exists, its ``register(subparsers)`` is called; a subcommand it adds sets
``handler`` (or ``func``) to a ``callable(args) -> int`` with ``set_defaults``.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import logging
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cur_desktop import __version__
from cur_desktop.logs import setup_logging

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger("cur_desktop.central.cli")

DEFAULT_PORT = 8470
ROLES = ("operator", "theme_head", "cur_head", "curator", "municipal_operator", "wall")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cur-central", description="Central service of a Regional Management Centre."
    )
    parser.add_argument("--version", action="version", version=f"cur-central {__version__}")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING, ERROR")
    parser.add_argument("--json-logging", action="store_true", help="one JSON object per line")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the service")
    serve.add_argument("--db", required=True, help="postgresql://… URL or a SQLite file path")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="0: any free port")
    serve.add_argument("--pack", type=Path, default=None, help="region pack to serve (stored)")
    serve.add_argument("--ready-file", type=Path, default=None, help=argparse.SUPPRESS)
    serve.add_argument(
        "--latest-client-version",
        default=None,
        metavar="X.Y.Z",
        help="the workstation build being rolled out: older clients show an update notice",
    )
    serve.set_defaults(handler=_serve)

    migrate = sub.add_parser("migrate", help="create or upgrade the database schema")
    migrate.add_argument("--db", required=True)
    migrate.set_defaults(handler=_migrate)

    backup = sub.add_parser("backup", help="a consistent copy of a SQLite database, online")
    backup.add_argument("--db", required=True)
    backup.add_argument("--to", required=True, type=Path, help="the backup file to write")
    backup.set_defaults(handler=_backup)
    restore = sub.add_parser(
        "restore", help="restore a backup (SQLite: --from FILE) and give the feed a new epoch"
    )
    restore.add_argument("--db", required=True)
    restore.add_argument("--from", dest="source", type=Path, default=None, help="SQLite backup")
    restore.set_defaults(handler=_restore)

    user = sub.add_parser("user", help="accounts")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="create or update an account (password from stdin)")
    add.add_argument("login")
    add.add_argument("--db", required=True)
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", default="")
    add.add_argument("--municipality", action="append", default=[], help="OKTMO (repeat)")
    add.add_argument("--theme", action="append", default=[], help="theme code (repeat)")
    add.set_defaults(handler=_user_add)
    lst = user_sub.add_parser("list", help="list accounts")
    lst.add_argument("--db", required=True)
    lst.set_defaults(handler=_user_list)
    revoke = user_sub.add_parser("revoke", help="lock an account out and revoke its tokens")
    revoke.add_argument("login")
    revoke.add_argument("--db", required=True)
    revoke.set_defaults(handler=_user_revoke)

    token = sub.add_parser("token", help="bearer tokens")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    tlist = token_sub.add_parser("list", help="live tokens")
    tlist.add_argument("--db", required=True)
    tlist.set_defaults(handler=_token_list)
    trevoke = token_sub.add_parser("revoke", help="revoke a token by id")
    trevoke.add_argument("id", type=int)
    trevoke.add_argument("--db", required=True)
    trevoke.set_defaults(handler=_token_revoke)

    demo = sub.add_parser("demo", help="a demo service with generated data and live activity")
    demo.add_argument("--port", type=int, default=DEFAULT_PORT, help="0: any free port")
    demo.add_argument("--appeals", type=int, default=20_000)
    demo.add_argument("--db", type=Path, default=None, help="SQLite file (default: user data)")
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--reset", action="store_true", help="generate the data anew")
    demo.add_argument("--no-live", action="store_true", help="no new appeals while running")
    demo.add_argument(
        "--pace",
        type=_positive_float,
        default=1.0,
        metavar="X",
        help="live activity X times faster than a real centre (e.g. 100 for soak runs)",
    )
    demo.add_argument("--ready-file", type=Path, default=None, help=argparse.SUPPRESS)
    demo.set_defaults(handler=_demo)

    region = sub.add_parser("region", help="the region's documents")
    region_sub = region.add_subparsers(dest="region_command", required=True)
    method = region_sub.add_parser("methodology", help="ratings, targets and report sections")
    method_sub = method.add_subparsers(dest="methodology_command", required=True)
    mload = method_sub.add_parser("load", help="store a methodology file as the newest version")
    mload.add_argument("file", type=Path)
    mload.add_argument("--db", required=True)
    mload.add_argument("--by", default="cli", help="who loads it (kept with the version)")
    mload.set_defaults(handler=_methodology_load)

    _register_importers(sub)
    from cur_desktop.central.suggest_cli import register as register_suggest

    register_suggest(sub)
    from cur_desktop.central.remask import register as register_remask

    register_remask(sub)
    return parser


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        msg = f"not a number: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if not (value > 0 and math.isfinite(value)):
        msg = f"must be a number > 0, not {text}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _register_importers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    try:
        module = importlib.import_module("cur_desktop.central.importers.cli")
    except ModuleNotFoundError as exc:
        if exc.name != "cur_desktop.central.importers.cli":
            raise
        return
    module.register(sub)


def _say(text: str) -> None:
    print(text, flush=True)


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat: ") != first:
        raise SystemExit("the passwords differ")
    return first


def _engine(db: str) -> Engine:
    from cur_desktop.central.db import create_central_engine
    from cur_desktop.central.migrate import check_current

    engine = create_central_engine(db)
    check_current(engine)
    return engine


def _migrate(args: argparse.Namespace) -> int:
    from cur_desktop.central.db import create_central_engine
    from cur_desktop.central.migrate import upgrade

    engine = create_central_engine(args.db)
    print(f"schema at revision {upgrade(engine)}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from cur_desktop.central.bootstrap import backup

    backup(args.db, args.to)
    print(f"backup written to {args.to}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from cur_desktop.central.bootstrap import restore

    epoch = restore(args.db, args.source)
    print(f"restored; the feed's new epoch is {epoch}: workstations will take a new snapshot")
    return 0


def _user_add(args: argparse.Namespace) -> int:
    from cur_desktop.central.auth import add_user
    from cur_desktop.central.scope import Scope
    from cur_desktop.domain.enums import Role

    engine = _engine(args.db)
    password = _read_password()
    scope = Scope(tuple(args.municipality), tuple(args.theme))
    user = add_user(engine, args.login, args.name, Role(args.role), password, scope)
    print(f"account {user.login} ({user.role.value}) saved")
    return 0


def _user_list(args: argparse.Namespace) -> int:
    from cur_desktop.central.auth import list_users

    for user, active in list_users(_engine(args.db)):
        scope = user.scope.to_wire()
        state = "active" if active else "locked"
        print(f"{user.login}\t{user.role.value}\t{state}\t{user.name}\t{scope}")
    return 0


def _user_revoke(args: argparse.Namespace) -> int:
    from cur_desktop.central.auth import deactivate_user

    count = deactivate_user(_engine(args.db), args.login)
    print(f"account {args.login} locked, {count} token(s) revoked")
    return 0


def _token_list(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from cur_desktop.central.auth import list_tokens

    for t in list_tokens(_engine(args.db)):
        used = datetime.fromtimestamp(t.last_used_at, UTC).isoformat(timespec="seconds")
        print(f"{t.id}\t{t.login}\t{t.workstation}\tlast used {used}")
    return 0


def _token_revoke(args: argparse.Namespace) -> int:
    from cur_desktop.central.auth import revoke_token

    if not revoke_token(_engine(args.db), args.id):
        print(f"no live token {args.id}")
        return 1
    print(f"token {args.id} revoked")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from cur_desktop.central.runner import run_service

    return run_service(
        args.db,
        host=args.host,
        port=args.port,
        pack=args.pack,
        ready_file=args.ready_file,
        say=_say,
        latest_client_version=args.latest_client_version,
    )


def _demo(args: argparse.Namespace) -> int:
    from cur_desktop.central.runner import run_demo

    return run_demo(
        db=args.db,
        port=args.port,
        appeals=args.appeals,
        seed=args.seed,
        reset=args.reset,
        live=not args.no_live,
        pace=args.pace,
        ready_file=args.ready_file,
        say=_say,
    )


def _methodology_load(args: argparse.Namespace) -> int:
    import orjson

    from cur_desktop.central.methodology import store_methodology
    from cur_desktop.clock import epoch
    from cur_desktop.desk.methodology import MethodologyError

    try:
        doc = orjson.loads(args.file.read_bytes())
        version = store_methodology(_engine(args.db), doc, args.by, epoch())
    except (OSError, orjson.JSONDecodeError, MethodologyError) as exc:
        print(f"cur-central: {args.file}: {exc}", file=sys.stderr)
        return 1
    print(f"methodology version {version} stored; workstations and walls get it at their sync")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.log_level, json_lines=args.json_logging)
    from cur_desktop.central.errors import ServiceError
    from cur_desktop.central.migrate import SchemaError

    handler = getattr(args, "handler", None) or args.func
    try:
        return int(handler(args))
    except (SchemaError, ServiceError) as exc:
        print(f"cur-central: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
