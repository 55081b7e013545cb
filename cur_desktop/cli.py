"""``cur-desktop``'s command line: the parser and the headless subcommands.

The program's entry point is :func:`ui.main.main` (the GUI lives above the core
and the core may not import it); it parses with :func:`build_parser` and hands
every command that needs no window to :func:`run_headless`. ``main(argv)`` here
runs the headless commands alone, for machines and tests without Qt. Every
subcommand imports what it needs when it runs (start-up time: importing the
whole stack up front costs ~2.4 s before any window, PERFORMANCE.md).

Subcommands print what a person asked for (summaries, progress) to stdout;
diagnostics go to the log on stderr. Exit codes: 0 success, 1 failure the user
can fix (bad file, bad path), 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from cur_desktop import __version__
from cur_desktop.logs import setup_logging

log = logging.getLogger("cur_desktop.cli")


def default_demo_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("cur-desktop", appauthor=False) / "demo"


def _parse_now(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        msg = "give the time with a zone, e.g. 2026-11-22T12:00+03:00"
        raise argparse.ArgumentTypeError(msg)
    return moment.astimezone(UTC)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cur-desktop",
        description="Operator console and situation-room wall of a Regional Management Centre.",
    )
    parser.add_argument("--version", action="version", version=f"cur-desktop {__version__}")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING, ERROR")
    parser.add_argument(
        "--json-logging", action="store_true", help="one JSON object per log line on stderr"
    )
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help="open the app on a generated demo region")
    demo.add_argument("--dir", type=Path, default=None, help="where the demo cache lives")
    demo.add_argument("--appeals", type=int, default=10_000)
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--regenerate", action="store_true", help="build the demo cache anew")
    demo.add_argument(
        "--quit-after", type=int, default=None, metavar="MS", help="close the window after MS ms"
    )
    demo.add_argument("--screenshot", type=Path, default=None, help="save the window as PNG")

    gen = sub.add_parser("generate", help="generate demo appeals into a cache file")
    gen.add_argument("--cache", type=Path, required=True)
    gen.add_argument("--pack", type=Path, default=None, help="region pack (default: built-in)")
    gen.add_argument("--appeals", type=int, default=10_000)
    gen.add_argument("--seed", type=int, default=2026)
    gen.add_argument("--now", type=_parse_now, default=None, help="end of the generated period")

    regions = sub.add_parser("regions", help="region packs")
    regions_sub = regions.add_subparsers(dest="regions_command", required=True)
    build = regions_sub.add_parser("build", help="build packs from the real region data")
    build.add_argument("--source", type=Path, required=True, help="e.g. ../shared/data/regions")
    build.add_argument("--out", type=Path, required=True)
    build.add_argument("--region", action="append", default=None, help="e.g. RU-TUL (repeat)")
    check = regions_sub.add_parser("check", help="load and validate a pack")
    check.add_argument("pack", type=Path)

    cache = sub.add_parser("cache", help="inspect a local cache")
    cache_sub = cache.add_subparsers(dest="cache_command", required=True)
    info = cache_sub.add_parser("info", help="schema revision, counts, outbox")
    info.add_argument("--cache", type=Path, required=True)
    search = cache_sub.add_parser("search", help="full-text search (Russian morphology)")
    search.add_argument("--cache", type=Path, required=True)
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("query")
    return parser


#: Commands that open windows: handled by ui.main, not here.
GUI_COMMANDS = frozenset({None, "demo"})


def run_headless(args: argparse.Namespace) -> int:
    """Run a command that needs no window; exit code."""
    from cur_desktop import commands
    from cur_desktop.errors import UserError

    handlers = {
        "generate": commands.run_generate,
        "regions": commands.run_regions,
        "cache": commands.run_cache,
    }
    handler = handlers.get(args.command)
    if handler is None:
        print(f"cur-desktop: {args.command or 'the GUI'} needs the graphical part", file=sys.stderr)
        return 2
    try:
        return handler(args)
    except UserError as exc:
        print(f"cur-desktop: {exc}", file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Headless entry point (no Qt): ``python -m cur_desktop.cli generate ...``."""
    args = build_parser().parse_args(argv)
    setup_logging(args.log_level, json_lines=args.json_logging)
    return run_headless(args)


if __name__ == "__main__":
    sys.exit(main())
