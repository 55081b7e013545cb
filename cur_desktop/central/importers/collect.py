"""Gathering a parse: every problem of a row at once, duplicates caught, nothing raised.

A person fixing an export wants all of a row's problems in one pass, not one per
attempt; and one broken row must never stop the others. :class:`RowCheck`
reads the cells of one row, turning each :class:`~.values.CellError` into a
:class:`~.records.RowError`; :class:`Collector` keeps the good records, refuses
a second row with the same source id, and produces the
:class:`~.records.ParseResult`.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from cur_desktop.central.importers.cells import CellError
from cur_desktop.central.importers.records import (
    WHOLE_FILE,
    ImportedAppeal,
    ParseResult,
    RowError,
    UnknownValue,
)

_T = TypeVar("_T")
log = logging.getLogger(__name__)


class RowCheck:
    """The problems of one source row, collected while its cells are read."""

    def __init__(self, row: int) -> None:
        self.row = row
        self.errors: list[RowError] = []
        #: Values no vocabulary knew, ``(kind, column, value)``: the row is kept without them.
        self.unknowns: list[tuple[str, str, str]] = []

    def unknown(self, kind: str, column: str, value: str) -> None:
        """Note a value the vocabularies lack; the row goes on without it."""
        self.unknowns.append((kind, column, value.strip()))

    def soft(self, kind: str, field: str, reader: Callable[..., _T], *args: Any) -> _T | None:
        """Like :meth:`read`, but an ``unknown_…`` or ``ambiguous_…`` value is noted, not an error.

        The value read is the first argument (the cell's text).
        """
        try:
            return reader(*args)
        except CellError as exc:
            if exc.code.startswith(("unknown_", "ambiguous_")):
                self.unknown(kind, exc.field or field, str(args[0]) if args else "")
            else:
                self.fail(exc.field or field, exc.code, exc.message)
            return None

    def read(self, field: str, reader: Callable[..., _T], *args: Any) -> _T | None:
        """``reader(*args)``, or None after recording its CellError against ``field``."""
        try:
            return reader(*args)
        except CellError as exc:
            self.fail(exc.field or field, exc.code, exc.message)
            return None

    def read_required(self, field: str, reader: Callable[..., _T | None], *args: Any) -> _T | None:
        """Like :meth:`read`, and an empty result is a ``missing_value`` error."""
        before = len(self.errors)
        value = self.read(field, reader, *args)
        if len(self.errors) == before:
            return self.require(field, value)
        return value

    def require(self, field: str, value: _T | None) -> _T | None:
        """Record a missing value (None or empty) of a required field."""
        if value is None or value == "":
            self.fail(field, "missing_value", "a required value is empty")
            return None
        return value

    def fail(self, field: str, code: str, message: str) -> None:
        self.errors.append(RowError(self.row, field, code, message))

    @property
    def ok(self) -> bool:
        return not self.errors


class Collector:
    """Accumulates one file's records and errors."""

    def __init__(self, label: str, file_name: str = "") -> None:
        self.label = label  # the format, for the log line
        self.file_name = file_name  # the source file, named by the report
        self.records: list[ImportedAppeal] = []
        self.errors: list[RowError] = []
        self._seen: dict[str, int] = {}
        self._unknown: Counter[tuple[str, str, str]] = Counter()
        self._first: dict[tuple[str, str, str], int] = {}

    def add(self, check: RowCheck, build: Callable[[], ImportedAppeal]) -> None:
        """Keep the record ``build()`` makes if the row had no problems."""
        if not check.ok:
            self.errors.extend(check.errors)
            return
        for key in check.unknowns:
            self._unknown[key] += 1
            self._first.setdefault(key, check.row)
        try:
            record = build()
        except ValueError as exc:  # the record's own invariants (rating range, OKTMO…)
            self.errors.append(RowError(check.row, "", "invalid", str(exc)))
            return
        first = self._seen.get(record.external_id)
        if first is not None:
            self.errors.append(
                RowError(
                    check.row,
                    "external_id",
                    "duplicate_in_file",
                    f"the same source id as row {first}; only the first is imported",
                )
            )
            return
        self._seen[record.external_id] = check.row
        self.records.append(record)

    def refuse(self, check: RowCheck) -> None:
        """Record a row's problems without building it."""
        assert check.errors, "a refused row must say why"
        self.errors.extend(check.errors)

    def whole_file(self, code: str, message: str, field: str = "") -> None:
        self.errors.append(RowError(WHOLE_FILE, field, code, message))

    def result(self) -> ParseResult:
        log.info(
            "%s: %d records parsed, %d rows refused",
            self.label,
            len(self.records),
            len({e.row for e in self.errors}),
        )
        return ParseResult(tuple(self.records), tuple(self.errors), self.unknown_values())

    def unknown_values(self) -> tuple[UnknownValue, ...]:
        """Every unknown value of the kept rows with its count, most frequent first."""
        ranked = sorted(
            self._unknown.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][2], kv[0][1])
        )
        return tuple(
            UnknownValue(kind, column, value, count, self._first[(kind, column, value)])
            for (kind, column, value), count in ranked
        )


def file_error(code: str, message: str, field: str = "") -> ParseResult:
    """A parse that failed as a whole: one error, no records."""
    log.info("import refused as a whole: %s", code)
    return ParseResult((), (RowError(WHOLE_FILE, field, code, message),))
