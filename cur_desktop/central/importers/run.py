"""One import, end to end: parse a source, hand the good records to the service in one go.

:func:`run_import` is what the CLI, a scheduled job or a test calls. It reads
the source with the parser of its format, using the service's region (its
dictionaries, time zone and alias tables), then makes **one**
``service.import_appeals`` call: one transaction, so a re-import matches on
``(source, external_id)`` and updates instead of duplicating, and a refusal by
the service leaves nothing half-imported. Rows the parser refused are
reported and never sent. Nothing here logs personal data: only counts, codes
and row numbers.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cur_desktop.central.importers.aliases import (
    AliasError,
    Aliases,
    aliases_from_doc,
    default_aliases,
    read_document,
)
from cur_desktop.central.importers.records import (
    WHOLE_FILE,
    ImportedAppeal,
    ParseResult,
    RowError,
    UnknownValue,
)
from cur_desktop.central.importers.vocabulary import Vocabulary

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import tzinfo

    import httpx

    from cur_desktop.central.region import Region
    from cur_desktop.clock import Clock

log = logging.getLogger(__name__)


class ImportCounts(Protocol):
    @property
    def created(self) -> int: ...

    @property
    def updated(self) -> int: ...

    @property
    def unchanged(self) -> int: ...


class ImportTarget(Protocol):
    """What an import needs of the service: its region, its clock, one write of records.

    :class:`~cur_desktop.central.service.CentralService` is one. The service's modules
    name importer records (:mod:`.records`), and this package's ``__init__`` loads this
    module: naming the service here would close a cycle, so the service is described.
    """

    region: Region
    clock: Clock

    def import_appeals(self, records: Iterable[ImportedAppeal], *, actor: str) -> ImportCounts: ...


class ImportFormat(StrEnum):
    POS = "pos"
    IM = "im"
    OPEN311 = "open311"
    CSV = "csv"


@dataclass(frozen=True)
class ImportReport:
    """What an import did; ``committed`` is False when nothing was written."""

    format: ImportFormat
    parsed: int  # records the parser produced (and sent to the service when committed)
    created: int
    updated: int
    unchanged: int
    errors: tuple[RowError, ...]
    committed: bool
    #: Values no vocabulary knew in the imported rows, most frequent first.
    unknowns: tuple[UnknownValue, ...] = ()
    #: The file (or endpoint) read, as every row-level problem is named by.
    source_name: str = ""

    @property
    def flagged(self) -> int:
        """Rows kept with an unknown value (each once per value it carried)."""
        return sum(u.count for u in self.unknowns)

    def unknowns_by_kind(self) -> dict[str, list[UnknownValue]]:
        """The unknown values per kind (category, subcategory, status, municipality…)."""
        out: dict[str, list[UnknownValue]] = {}
        for item in self.unknowns:
            out.setdefault(item.kind, []).append(item)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (a service's JSON answer, a scheduled job's log)."""
        return {
            "format": self.format.value,
            "source": self.source_name,
            "committed": self.committed,
            "parsed": self.parsed,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected_rows": self.rejected_rows,
            "errors": [
                {
                    "file": self.source_name,
                    "row": e.row,
                    "column": e.field,
                    "code": e.reason_code,
                    "message": e.message,
                }
                for e in self.errors
            ],
            "unknown_values": {
                kind: [
                    {
                        "value": u.value,
                        "column": u.column,
                        "count": u.count,
                        "first_row": u.first_row,
                    }
                    for u in items
                ]
                for kind, items in self.unknowns_by_kind().items()
            },
        }

    @property
    def rejected_rows(self) -> int:
        return len({e.row for e in self.errors if e.row != WHOLE_FILE})

    @property
    def refused_as_a_whole(self) -> bool:
        return not self.committed and any(e.row == WHOLE_FILE for e in self.errors)

    def summary(self) -> str:
        if not self.committed:
            return f"{self.format}: nothing imported ({len(self.errors)} problems)"
        line = (
            f"{self.format}: {self.parsed} records: {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged; "
            f"{self.rejected_rows} rows rejected"
        )
        if self.unknowns:
            line += f"; {len(self.unknowns)} unknown values (rows kept, marked for categorisation)"
        return line


def split_mapping(mapping: Path | Mapping[str, Any] | None) -> tuple[dict[str, Any], Aliases]:
    """A mapping document (file or object) as format options plus its ``aliases`` section."""
    if mapping is None:
        return {}, Aliases()
    where = mapping.name if isinstance(mapping, Path) else "mapping"
    doc = read_document(mapping) if isinstance(mapping, Path) else dict(mapping)
    aliases = aliases_from_doc(doc.pop("aliases", {}), f"{where}.aliases")
    options = {k: v for k, v in doc.items() if not k.startswith("_") and k != "version"}
    return options, aliases


def parse_source(
    kind: ImportFormat | str,
    source: str | Path,
    vocabulary: Vocabulary,
    *,
    tz: tzinfo,
    options: Mapping[str, Any] | None = None,
    client: httpx.Client | None = None,
    now: datetime | None = None,
) -> ParseResult:
    """Parse ``source`` with the parser of ``kind`` (no service needed).

    ``time_zone`` in ``options`` (an IANA name) is the source's zone: times without an
    offset are read in it instead of ``tz`` (the region's), any format.
    """
    fmt = ImportFormat(kind)
    opts = dict(options or {})
    zone = opts.pop("time_zone", None)
    if zone is not None:
        try:
            tz = ZoneInfo(str(zone))
        except (ZoneInfoNotFoundError, ValueError):
            from cur_desktop.central.importers.collect import file_error

            return file_error("bad_mapping", f"time_zone {zone!r} is not an IANA zone name")
    if fmt is ImportFormat.OPEN311:
        from cur_desktop.central.importers.open311_map import parse_open311

        return parse_open311(source, vocabulary, tz=tz, options=opts, client=client, now=now)
    if fmt is ImportFormat.CSV:
        from cur_desktop.central.importers.csv_import import parse_csv

        return parse_csv(Path(source), vocabulary, tz=tz, mapping=opts)
    if opts:
        from cur_desktop.central.importers.collect import file_error

        return file_error("bad_mapping", f"{fmt} takes only 'aliases' in a mapping: {sorted(opts)}")
    if fmt is ImportFormat.POS:
        from cur_desktop.central.importers.pos import parse_pos

        return parse_pos(Path(source), vocabulary, tz=tz, now=now)
    from cur_desktop.central.importers.im import parse_im

    return parse_im(Path(source), vocabulary, tz=tz)


def run_import(
    service: ImportTarget,
    kind: ImportFormat | str,
    source: str | Path,
    *,
    mapping: Path | Mapping[str, Any] | None = None,
    actor: str,
    pack_dir: Path | None = None,
    client: httpx.Client | None = None,
) -> ImportReport:
    """Parse ``source`` and import its good records into ``service`` in one transaction.

    ``mapping`` is a mapping file or document (CSV columns, Open311 options,
    extra ``aliases``); ``pack_dir`` a region pack folder whose
    ``import_aliases.json`` adds to the shipped aliases.
    """
    from cur_desktop.central.errors import ImportRejected

    fmt = ImportFormat(kind)
    pack = service.region.pack
    name = source.name if isinstance(source, Path) else str(source)
    if isinstance(source, str) and "://" not in source:
        name = Path(source).name
    try:
        options, extra = split_mapping(mapping)
        aliases = default_aliases(pack.code, pack_dir).merged(extra)
    except AliasError as exc:
        error = RowError(WHOLE_FILE, "mapping", "bad_mapping", str(exc))
        return ImportReport(fmt, 0, 0, 0, 0, (error,), committed=False, source_name=name)
    vocabulary = Vocabulary(pack.dictionaries, aliases)
    result = parse_source(
        fmt,
        source,
        vocabulary,
        tz=pack.timezone,
        options=options,
        client=client,
        now=service.clock(),
    )
    unknowns = result.unknowns
    if any(e.row == WHOLE_FILE for e in result.errors):
        return ImportReport(
            fmt, 0, 0, 0, 0, result.errors, committed=False, unknowns=unknowns, source_name=name
        )
    if not result.records:
        return ImportReport(
            fmt,
            0,
            0,
            0,
            0,
            result.errors,
            committed=not result.errors,
            unknowns=unknowns,
            source_name=name,
        )
    try:
        summary = service.import_appeals(result.records, actor=actor)
    except ImportRejected as exc:
        log.warning("import refused by the service at row %s; nothing written", exc.row)
        refusal = RowError(exc.row or WHOLE_FILE, "", "rejected_by_service", exc.reason)
        errors = (*result.errors, refusal)
        return ImportReport(
            fmt, 0, 0, 0, 0, errors, committed=False, unknowns=unknowns, source_name=name
        )
    if unknowns:
        log.info("%s: %d unknown values kept for categorisation", fmt, len(unknowns))
    return ImportReport(
        fmt,
        len(result.records),
        summary.created,
        summary.updated,
        summary.unchanged,
        result.errors,
        committed=True,
        unknowns=unknowns,
        source_name=name,
    )
