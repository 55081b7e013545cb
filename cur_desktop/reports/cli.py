"""``cur-desktop report`` and ``cur-desktop forecast evaluate``: the desk from the command line."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from cur_desktop.errors import UserError


def add_arguments(sub: Any) -> None:
    """The ``report`` and ``forecast`` subcommands (called by cur_desktop.cli)."""
    from cur_desktop.cli import _parse_now

    report = sub.add_parser("report", help="the governor's report for a period as XLSX or PDF")
    report.add_argument("kind", choices=("monthly", "quarterly", "weekly"))
    report.add_argument("--period", required=True, help="2026-11, 2026-Q4 or 2026-W48")
    report.add_argument(
        "--cache", type=Path, default=None, help="local cache (default: the demo's)"
    )
    report.add_argument("--pack", type=Path, default=None, help="region pack (default: built-in)")
    report.add_argument("--out", type=Path, required=True, help="FILE.xlsx or FILE.pdf")
    report.add_argument("--methodology", type=Path, default=None, help="a methodology file")
    report.add_argument("--now", type=_parse_now, default=None, help="the clock to report at")

    forecast = sub.add_parser("forecast", help="forecasts of incoming volume")
    forecast_sub = forecast.add_subparsers(dest="forecast_command", required=True)
    evaluate = forecast_sub.add_parser("evaluate", help="backtest against seasonal-naive")
    evaluate.add_argument("--cache", type=Path, default=None)
    evaluate.add_argument("--pack", type=Path, default=None)
    evaluate.add_argument("--by", choices=("region", "theme", "municipality"), default="region")
    evaluate.add_argument("--weeks", type=int, default=8)
    evaluate.add_argument("--now", type=_parse_now, default=None)


def _open(args: argparse.Namespace) -> tuple[Any, Any]:
    from cur_desktop.analytics import context_from_pack
    from cur_desktop.cache import Cache
    from cur_desktop.regions import PackError, builtin_pack_dir, load_pack

    path = args.cache
    if path is None:
        from cur_desktop.cli import default_demo_dir

        path = default_demo_dir() / "demo.sqlite"
    if not Path(path).is_file():
        raise UserError(f"no cache at {path}")
    try:
        pack = load_pack(args.pack or builtin_pack_dir())
    except PackError as exc:
        raise UserError(str(exc)) from exc
    return Cache.open(Path(path)), context_from_pack(pack)


def _now(args: argparse.Namespace, cache: Any) -> Any:
    from datetime import datetime

    from cur_desktop.clock import system_clock

    if args.now is not None:
        return args.now
    demo_now = cache.get_state("demo.now")  # a generated cache reports at its own end
    return datetime.fromisoformat(demo_now) if demo_now else system_clock()


def run_report(args: argparse.Namespace) -> int:
    from cur_desktop.desk import PeriodError
    from cur_desktop.desk.methodology import MethodologyError, read_file
    from cur_desktop.reports import build_content, report_period, write_report

    if args.out.suffix.lower() not in (".xlsx", ".pdf"):
        raise UserError(f"{args.out}: give a .xlsx or .pdf file")
    try:
        period = report_period(args.kind, args.period)
        method = read_file(args.methodology) if args.methodology else None
    except (PeriodError, MethodologyError) as exc:
        raise UserError(str(exc)) from exc
    cache, context = _open(args)
    try:
        started = time.monotonic()
        content = build_content(cache, args.kind, period, context, _now(args, cache), method)
        write_report(content, args.out)
    finally:
        cache.close()
    print(f"{content.title}: {args.out} ({time.monotonic() - started:.1f} s)")
    return 0


def run_forecast(args: argparse.Namespace) -> int:
    from cur_desktop.forecast import daily_counts
    from cur_desktop.forecast.evaluate import evaluate

    cache, context = _open(args)
    try:
        today = _now(args, cache).astimezone(context.time_zone).date()
        counts = daily_counts(
            cache, context.time_zone, today, args.by, days=7 * (2 * args.weeks + 12)
        )
    finally:
        cache.close()
    # the last, unfinished day would read as a drop
    evaluate(counts.iloc[:-1], args.weeks)
    sys.stdout.flush()
    return 0
