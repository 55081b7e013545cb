"""Importers: ПОС and ИМ exports, Open311 GeoReport v2 and mapped CSV into the central service.

Each parser turns a source into a :class:`~.records.ParseResult` (records in
our vocabulary plus row errors); :func:`~.run.run_import` hands the records to
the service in one transaction. Parsers are imported lazily by ``run``, so
importing this package does not load openpyxl, httpx or defusedxml.
See docs/importers.md.
"""

from cur_desktop.central.importers.records import (
    WHOLE_FILE,
    ImportedAppeal,
    ParseResult,
    RowError,
)
from cur_desktop.central.importers.run import ImportFormat, ImportReport, parse_source, run_import

__all__ = [
    "WHOLE_FILE",
    "ImportFormat",
    "ImportReport",
    "ImportedAppeal",
    "ParseResult",
    "RowError",
    "parse_source",
    "run_import",
]
