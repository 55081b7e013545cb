"""The headless subcommands of ``cur-desktop`` (see :mod:`cur_desktop.cli`).

Each takes the parsed arguments and returns an exit code; input problems are
raised as :class:`~cur_desktop.errors.UserError` with a message that says what
to fix. Output for people goes to stdout; nothing personal is printed.
"""

from __future__ import annotations

import argparse
import logging
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cur_desktop.clock import system_clock
from cur_desktop.errors import UserError

if TYPE_CHECKING:
    from cur_desktop.cache import Cache
    from cur_desktop.regions import RegionPack

log = logging.getLogger(__name__)


def _open_cache(path: Path, *, must_exist: bool) -> Cache:
    from cur_desktop.cache import Cache, CacheError

    if must_exist and not path.is_file():
        raise UserError(f"no cache file at {path}")
    try:
        return Cache.open(path)
    except CacheError as exc:
        raise UserError(f"{path}: {exc}") from exc


def _load_pack(path: Path | None) -> RegionPack:
    from cur_desktop.regions import PackError, builtin_pack_dir, load_pack

    try:
        return load_pack(path or builtin_pack_dir())
    except PackError as exc:
        raise UserError(str(exc)) from exc


def generate_into(
    cache_path: Path,
    pack_path: Path | None,
    appeals: int,
    seed: int,
    now: datetime | None = None,
) -> int:
    """Generate ``appeals`` demo appeals into a new cache; returns the number written."""
    import orjson

    from cur_desktop.chunks import chunks
    from cur_desktop.demo.generator import DemoGenerator
    from cur_desktop.demo.problems import MIN_APPEALS, GroundTruth, plant_stream
    from cur_desktop.sync.writer import CacheWriter

    pack = _load_pack(pack_path)
    end = now or system_clock()
    cache = _open_cache(cache_path, must_exist=False)
    try:
        if cache.appeals.count() > 0:
            raise UserError(f"{cache_path} already holds appeals; give a new file")
        generator = DemoGenerator(pack, seed=seed, now=end)
        cache.save_dictionaries(generator.dictionaries_doc())
        writer = CacheWriter(cache.engine)  # the cache's one writer of appeals
        started = time.monotonic()
        written = 0
        items = generator.generate(appeals)
        truth: list[GroundTruth] = []
        if appeals >= MIN_APPEALS:  # the known problems (cur_desktop/demo/problems.py)
            items = plant_stream(items, seed=seed, now=end, truth=truth)
        for batch in chunks(items, 10_000):
            writer.bulk_load(
                (item.appeal for item in batch), (h for item in batch for h in item.history)
            )
            written += len(batch)
            log.info("generated %d of %d appeals", written, appeals)
        if truth:
            cache.set_state("demo.problems", orjson.dumps(truth[0].to_json()).decode())
        cache.set_state("demo.region", pack.code)
        cache.set_state("demo.seed", str(seed))
        cache.set_state("demo.now", end.isoformat())
        log.info("demo cache ready: %d appeals in %.1f s", written, time.monotonic() - started)
        return written
    finally:
        cache.close()


def run_generate(args: argparse.Namespace) -> int:
    written = generate_into(args.cache, args.pack, args.appeals, args.seed, args.now)
    print(f"{written} demo appeals written to {args.cache}")
    return 0


def run_regions(args: argparse.Namespace) -> int:
    from cur_desktop.regions import PackError, build_packs, load_pack

    if args.regions_command == "build":
        if not args.source.is_dir():
            raise UserError(f"no region data folder at {args.source}")
        try:
            built = build_packs(args.source, args.out, args.region)
        except PackError as exc:
            raise UserError(str(exc)) from exc
        for path in built:
            pack = load_pack(path)
            print(
                f"{pack.code}\t{pack.name}\t{len(pack.dictionaries.municipalities)} municipalities"
                f"\t{path}"
            )
        return 0
    pack = _load_pack(args.pack)
    print(f"{pack.code}\t{pack.name}\tOK")
    return 0


def run_cache(args: argparse.Namespace) -> int:
    from cur_desktop.cache import QueueFilter
    from cur_desktop.cache.migrate import current_revision

    cache = _open_cache(args.cache, must_exist=True)
    try:
        if args.cache_command == "info":
            print(f"file:        {args.cache}")
            print(f"schema:      {current_revision(cache.engine)}")
            print(f"appeals:     {cache.appeals.count(QueueFilter(open_only=False))}")
            print(f"open:        {cache.appeals.count(QueueFilter())}")
            print(f"outbox:      {cache.outbox.size()} not yet confirmed")
            for key in ("demo.region", "sync.server", "sync.cursor"):
                value = cache.get_state(key)
                if value is not None:
                    print(f"{key + ':':<13}{value}")
            return 0
        ids = cache.appeals.search(args.query, limit=args.limit)
        total = cache.appeals.search_count(args.query)
        print(f"{total} found; newest {len(ids)}:")
        for appeal in cache.appeals.get_many(ids):
            when = appeal.created_at.strftime("%d.%m.%Y %H:%M")
            snippet = " ".join((appeal.title or appeal.text).split())[:90]
            print(f"{appeal.id:>9}  {when}  {appeal.status.value:<14} {snippet}")
        return 0
    finally:
        cache.close()
