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
from typing import Any

from cur_desktop import __version__
from cur_desktop.logs import setup_logging

log = logging.getLogger("cur_desktop.cli")


def default_demo_dir() -> Path:
    from cur_desktop.settings import folders

    return folders().demo_dir


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
    demo.add_argument(
        "--view",
        choices=("console", "wall"),
        default="console",
        help="open the operator console (default) or the situation-room wall",
    )

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
    _add_gui_commands(sub)
    sync = sub.add_parser("sync", help="sync a cache from the central service without a window")
    from cur_desktop.sync.cli import add_arguments as add_sync_arguments

    add_sync_arguments(sync)
    from cur_desktop.reports.cli import add_arguments as add_report_arguments

    add_report_arguments(sub)
    # the usage line lists the commands without the screenshot command's old name
    sub.metavar = "{" + ",".join(name for name in sub.choices if name != OLD_SCREENSHOT_NAME) + "}"
    return parser


def _size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x", 1))
    except ValueError:
        msg = f"give the size as WIDTHxHEIGHT, e.g. 1920x1080, not {value!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if width < 320 or height < 240:
        msg = f"{value} is too small: at least 320x240"
        raise argparse.ArgumentTypeError(msg)
    return width, height


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--quit-after", type=int, default=None, metavar="MS", help="close after MS ms (tests)"
    )
    parser.add_argument("--screenshot", type=Path, default=None, help="save the window as PNG")


def _add_gui_commands(sub: Any) -> None:
    """The commands that open windows (run by ``ui.main``); their options live here."""
    console = sub.add_parser("console", help="the operator console, synced from a central service")
    console.add_argument("--server", default=None, help="central service URL (default: last used)")
    console.add_argument(
        "--cache", type=Path, default=None, help="local cache (default: per server)"
    )
    console.add_argument("--login", default=None, help="user name to offer in the login dialog")
    console.add_argument(
        "--offline", action="store_true", help="open the cache without connecting to the service"
    )
    _add_window_options(console)

    wall = sub.add_parser("wall", help="the situation-room wall on one or more screens")
    wall.add_argument("--layout", type=Path, default=None, help="wall layout file (JSON)")
    wall.add_argument("--server", default=None, help="central service URL")
    wall.add_argument("--cache", type=Path, default=None, help="the wall's local cache")
    wall.add_argument("--token-file", type=Path, default=None, help="the wall account's token")
    wall.add_argument("--pack", type=Path, default=None, help="region pack (default: built-in)")
    wall.add_argument(
        "--windowed", action="store_true", help="ordinary windows instead of full screen"
    )
    _add_window_options(wall)

    screenshot = sub.add_parser(
        "screenshot",
        help="render the console or a wall page to PNG (the old name 'snapshot' still works)",
        description=SCREENSHOT_HELP,
    )
    _add_screenshot_options(screenshot)
    # The command's old name, kept for scripts and notes that still call it; hidden from the
    # command list (no help), and parsed as "screenshot" so nothing downstream sees it.
    old_name = sub.add_parser(OLD_SCREENSHOT_NAME, description=SCREENSHOT_HELP)
    _add_screenshot_options(old_name)
    old_name.set_defaults(command="screenshot")


#: The screenshot command's old name (``cur-desktop snapshot``): still accepted.
OLD_SCREENSHOT_NAME = "snapshot"
SCREENSHOT_HELP = (
    "Render the console or a wall page over a cache to PNG, without a display. "
    "'cur-desktop snapshot', the command's old name, still works."
)


def _add_screenshot_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--view", choices=("console", "wall"), default="console")
    parser.add_argument("--page", default=None, help="wall page (default: the first)")
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", type=_size, default=(1920, 1080), metavar="WxH")
    parser.add_argument("--pack", type=Path, default=None, help="region pack (default: built-in)")
    parser.add_argument("--now", type=_parse_now, default=None, help="the clock to render at")


#: Commands that open windows: handled by ui.main, not here.
GUI_COMMANDS = frozenset({None, "demo", "console", "wall", "screenshot"})


def run_headless(args: argparse.Namespace) -> int:
    """Run a command that needs no window; exit code."""
    from cur_desktop import commands
    from cur_desktop.errors import UserError

    handlers = {
        "generate": commands.run_generate,
        "regions": commands.run_regions,
        "cache": commands.run_cache,
        "sync": _run_sync,
        "report": _run_report,
        "forecast": _run_forecast,
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


def _run_sync(args: argparse.Namespace) -> int:
    from cur_desktop.sync.cli import run

    return run(args)


def _run_report(args: argparse.Namespace) -> int:
    from cur_desktop.reports.cli import run_report

    return run_report(args)


def _run_forecast(args: argparse.Namespace) -> int:
    from cur_desktop.reports.cli import run_forecast

    return run_forecast(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Headless entry point (no Qt): ``python -m cur_desktop.cli generate ...``."""
    args = build_parser().parse_args(argv)
    setup_logging(args.log_level, json_lines=args.json_logging)
    return run_headless(args)


if __name__ == "__main__":
    sys.exit(main())
