"""``cur-central suggest train`` and ``cur-central suggest evaluate``.

``train`` learns from the database's history now (instead of waiting for the
service's daily schedule), stores the model for the running service to pick up at
its next housekeeping, and gives the appeals waiting for triage their suggestions.
``evaluate`` prints top-1 / top-3 per field on a time split (older 80 % train,
newer 20 % test) against the majority-class baseline of the same split, for the
database's history or for a JSON-lines corpus (``--corpus``); nothing is stored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _err(text: str) -> None:
    sys.stderr.write(f"cur-central: {text}\n")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    suggest = sub.add_parser("suggest", help="suggestions from the region's history")
    suggest_sub = suggest.add_subparsers(dest="suggest_command", required=True)
    train = suggest_sub.add_parser("train", help="train the suggestion model now and store it")
    train.add_argument("--db", required=True, help="database URL or SQLite file")
    train.add_argument(
        "--no-backfill",
        action="store_true",
        help="do not give the appeals waiting for triage their suggestions",
    )
    train.set_defaults(handler=_train)
    evaluate = suggest_sub.add_parser(
        "evaluate", help="top-1/top-3 per field on a time split, against the majority baseline"
    )
    source = evaluate.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", help="the history of this database")
    source.add_argument("--corpus", type=Path, help="a JSON-lines corpus (see suggest.evaluate)")
    evaluate.add_argument(
        "--pack", type=Path, help="the region pack of a corpus (default: the built-in region)"
    )
    evaluate.set_defaults(handler=_evaluate)


def _train(args: argparse.Namespace) -> int:
    from cur_desktop.central.bootstrap import open_service
    from cur_desktop.central.suggest import train_and_store

    service = open_service(args.db)
    try:
        report = train_and_store(service.suggestions, fill=not args.no_backfill)
    finally:
        service.engine.dispose()
    if report is None:
        _err("nothing to learn from: no categorised appeal in the database")
        return 1
    _say(
        f"trained on {report.rows} appeals ({report.categorised} categorised)"
        f" in {report.seconds:.1f} s; model {report.trained_at};"
        f" {report.backfilled} waiting appeals got suggestions"
    )
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from cur_desktop.regions.gazetteer import Gazetteer
    from cur_desktop.suggest.evaluate import evaluate, format_report, load_corpus

    if args.corpus is not None:
        from cur_desktop.regions import load_pack
        from cur_desktop.regions.pack import builtin_pack_dir

        pack = load_pack(args.pack or builtin_pack_dir())
        examples = load_corpus(args.corpus)
        title = f"corpus {args.corpus.name}"
        dicts = pack.dictionaries
        gazetteer = Gazetteer.for_region(dicts, pack.code, pack_dir=pack.root)
    else:
        from cur_desktop.central.bootstrap import open_service
        from cur_desktop.central.suggest import read_examples, region_gazetteer

        service = open_service(args.db)
        try:
            examples = read_examples(service.engine)
            dicts = service.region.dicts
            title = service.region.name
            gazetteer = region_gazetteer(service.region)
        finally:
            service.engine.dispose()
    if len(examples) < 10:
        _err(f"too few appeals to evaluate: {len(examples)}")
        return 1
    _say(format_report(title, evaluate(examples, dicts, gazetteer)))
    return 0
