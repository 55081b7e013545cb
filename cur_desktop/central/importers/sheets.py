"""Reading an XLSX export as a table of named columns, whatever their order.

Real exports move columns around, add columns, and sometimes put a title row
above the header. A :class:`Column` lists the header names a field goes by;
:func:`read_table` finds the header row (within the first rows), maps columns
by normalised header name, ignores unknown ones and yields non-empty rows with
their spreadsheet row numbers. Anything wrong with the file as a whole is a
:class:`FileProblem`, which the parser reports as one error.

openpyxl reads in read-only mode (streaming), so a large export does not have
to fit in memory as a cell tree.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cur_desktop.central.importers.cells import norm

HEADER_SCAN_ROWS = 20


class FileProblem(Exception):  # noqa: N818 - a reported outcome, not a program error
    """The file as a whole cannot be read; ``code`` is stable."""

    def __init__(self, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    headers: tuple[str, ...]  # the first is the canonical name, used in messages
    required: bool = False

    @property
    def label(self) -> str:
        return self.headers[0]


@dataclass(frozen=True)
class Table:
    sheet: str
    header_row: int
    positions: Mapping[str, int]  # field -> column index
    rows: Sequence[tuple[int, Mapping[str, Any]]]  # (row number, field -> cell value)
    headers: Mapping[str, str] = field(default_factory=dict)  # field -> the file's own header

    def labels(self, canonical: Mapping[str, str]) -> dict[str, str]:
        """Column names for messages: the file's own headers, else the canonical ones."""
        return {**canonical, **self.headers}

    def has(self, field: str) -> bool:
        return field in self.positions


@contextmanager
def open_workbook(path: Path) -> Iterator[Any]:
    """An openpyxl workbook (read-only, values only); FileProblem if it is not an XLSX."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise FileProblem("not_found", f"file {path.name} does not exist") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileProblem("not_xlsx", f"{path.name} is not a readable XLSX workbook") from exc
    try:
        yield workbook
    finally:
        workbook.close()


def pick_sheet(workbook: Any, names: Sequence[str], columns: Sequence[Column]) -> Any:
    """The sheet called one of ``names``, else the first whose header has the required columns."""
    wanted = {norm(n) for n in names}
    for sheet in workbook.worksheets:
        if norm(sheet.title) in wanted:
            return sheet
    for sheet in workbook.worksheets:
        try:
            _locate_header(_head(sheet), columns, sheet.title)
        except FileProblem:
            continue
        return sheet
    listed = ", ".join(f"«{n}»" for n in names)
    raise FileProblem("missing_sheet", f"no sheet {listed} and no sheet with the expected columns")


def find_sheet(workbook: Any, names: Sequence[str]) -> Any | None:
    wanted = {norm(n) for n in names}
    return next((s for s in workbook.worksheets if norm(s.title) in wanted), None)


def _head(sheet: Any) -> list[tuple[Any, ...]]:
    return list(_cells(sheet, max_row=HEADER_SCAN_ROWS))


def _cells(
    sheet: Any, *, min_row: int = 1, max_row: int | None = None
) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows of values; FileProblem if the sheet's XML is damaged.

    openpyxl reads the sheet while we iterate, so a truncated or corrupt sheet part
    (or a cell its XML says is a number, a date or a shared string and is not) fails
    here, as any of several exceptions of its XML parser and converters.
    """
    rows = sheet.iter_rows(min_row=min_row, max_row=max_row, values_only=True)
    number = min_row - 1
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # whatever a damaged part makes openpyxl raise
            raise FileProblem(
                "not_xlsx",
                f"sheet «{sheet.title}» is damaged after row {number}: the file cannot be read",
            ) from exc
        number += 1
        yield cells


def _locate_header(
    head: list[tuple[Any, ...]], columns: Sequence[Column], sheet: str
) -> tuple[int, dict[str, int]]:
    best: tuple[int, dict[str, int]] = (0, {})
    for index, cells in enumerate(head, start=1):
        keys = [norm(c) for c in cells]
        positions: dict[str, int] = {}
        for column in columns:
            for header in column.headers:
                if norm(header) in keys:
                    positions[column.field] = keys.index(norm(header))
                    break
        if all(c.field in positions for c in columns if c.required):
            return index, positions
        if len(positions) > len(best[1]):
            best = (index, positions)
    missing = [f"«{c.label}»" for c in columns if c.required and c.field not in best[1]]
    raise FileProblem(
        "missing_columns", f"sheet «{sheet}» lacks required columns: {', '.join(missing)}"
    )


def read_table(sheet: Any, columns: Sequence[Column]) -> Table:
    """The sheet's rows keyed by field; entirely empty rows are skipped."""
    head = _head(sheet)
    header_row, positions = _locate_header(head, columns, sheet.title)
    header_cells = head[header_row - 1]
    headers = {
        f: str(header_cells[i]).strip()
        for f, i in positions.items()
        if i < len(header_cells) and header_cells[i] is not None
    }
    rows: list[tuple[int, Mapping[str, Any]]] = []
    for number, cells in enumerate(_cells(sheet, min_row=header_row + 1), start=header_row + 1):
        values = {field: cells[i] if i < len(cells) else None for field, i in positions.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        rows.append((number, values))
    return Table(sheet.title, header_row, positions, rows, headers)
