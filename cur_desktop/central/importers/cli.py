"""``cur-central import``: run one import from the command line and say what happened.

``cur-central import --db URL --format pos|im|open311|csv SOURCE [--mapping FILE]
[--region DIR] [--actor NAME]`` prints a one-line summary, then every refused
row as ``FILE: row N [column] reason_code: message``, then every value no
vocabulary knew (per kind: category, subcategory, status, municipality, body) with
its count, most frequent first: those rows were imported and marked for
categorisation. Exit status: 0 when every row was imported (unknown values
included), 3 when some rows were refused and the rest imported, 1 when
nothing was written (a whole-file problem or a refusal by the service), 2 for
a bad command line (argparse). ``--region`` names the region pack folder: its
``import_aliases.json`` adds aliases, and it sets the region of a database
that has none yet; a pack of another region than the database's is refused.
Messages carry row numbers, columns and codes, never cell contents that could
be personal data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from cur_desktop.central.importers.run import ImportFormat, ImportReport, run_import

EXIT_OK = 0
EXIT_NOTHING_WRITTEN = 1
EXIT_PARTIAL = 3


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``import`` command to ``cur-central``'s subparsers (``handler`` runs it)."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="import appeals from a ПОС/ИМ export, an Open311 server or a CSV file",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", required=True, help="database URL or SQLite file")
    parser.add_argument(
        "--format", required=True, choices=[f.value for f in ImportFormat], dest="import_format"
    )
    parser.add_argument("source", help="file to read, or the Open311 endpoint URL")
    parser.add_argument("--mapping", type=Path, help="mapping file (JSON or TOML)")
    parser.add_argument("--region", type=Path, help="region pack folder (aliases, first region)")
    parser.add_argument("--actor", default="importer", help="name in the appeals' history")
    parser.set_defaults(handler=command)
    return parser


def command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run the import the parsed ``args`` describe; returns the exit status."""
    from sqlalchemy.exc import SQLAlchemyError

    from cur_desktop.central.bootstrap import NoRegionError, open_service
    from cur_desktop.central.migrate import SchemaError
    from cur_desktop.regions import load_pack
    from cur_desktop.regions.errors import PackError

    stream = out or sys.stdout
    try:
        pack = load_pack(args.region) if args.region else None
        try:
            service = open_service(args.db)
        except NoRegionError:
            if args.region is None:
                raise
            service = open_service(args.db, pack=args.region)
    except (SchemaError, PackError, OSError, SQLAlchemyError) as exc:
        first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
        print(f"cannot open the database: {first_line}", file=stream)
        return EXIT_NOTHING_WRITTEN
    try:
        if pack is not None and pack.code != service.region.pack.code:
            print(
                f"--region is {pack.code}, the database serves {service.region.pack.code}",
                file=stream,
            )
            return EXIT_NOTHING_WRITTEN
        report = run_import(
            service,
            args.import_format,
            args.source,
            mapping=args.mapping,
            actor=args.actor,
            pack_dir=args.region,
        )
    except SQLAlchemyError as exc:
        # The import's one transaction rolled back: say so, without the statement's values.
        print(f"database error, nothing imported: {type(exc).__name__}", file=stream)
        return EXIT_NOTHING_WRITTEN
    finally:
        service.engine.dispose()
    print_report(report, stream)
    if not report.committed:
        return EXIT_NOTHING_WRITTEN
    return EXIT_PARTIAL if report.errors else EXIT_OK


def print_report(report: ImportReport, out: TextIO) -> None:
    """The summary, every refused row (file, row, column), then every unknown value."""
    print(report.summary(), file=out)
    name = report.source_name
    for error in sorted(report.errors, key=lambda e: (e.row, e.field)):
        where = "file" if error.row == 0 else f"row {error.row}"
        if name:
            where = f"{name}: {where}"
        column = f" [{error.field}]" if error.field else ""
        print(f"  {where}{column} {error.reason_code}: {error.message}", file=out)
    by_kind = report.unknowns_by_kind()
    if by_kind:
        print("unknown values (rows kept; add them to an alias table):", file=out)
    for kind, items in by_kind.items():
        total = sum(u.count for u in items)
        print(f"  {kind}: {len(items)} values, {total} rows", file=out)
        for item in items:
            where = f"[{item.column}] first at row {item.first_row}"
            print(f"    {item.count:>6}  «{item.value}»  {where}", file=out)
