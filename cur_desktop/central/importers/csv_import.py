"""Any CSV export, read through a small mapping file (JSON or TOML).

Portals, hotlines and one-off spreadsheets have no fixed format, so the
mapping says which column is which of our fields::

    {"source": "portal", "kind": "message", "encoding": "cp1251", "delimiter": ";",
     "date_format": "%d.%m.%Y %H:%M",
     "columns": {"external_id": "Номер", "created_at": "Дата", "text": "Текст",
                 "category": "Категория", "municipality": "Район", "status": "Статус"},
     "values": {"status": {"Новое": "new", "Исполнено": "answered"}},
     "aliases": {"categories": {"Ямы": "roads.potholes"}}}

``encoding`` is ``utf-8`` (a BOM is accepted), ``cp1251`` or ``auto`` (UTF-8,
else cp1251); ``delimiter`` defaults to whichever of ``;``, ``,`` or tab the
header line has most of. ``external_id`` and ``created_at`` are required;
theme/category/subcategory columns resolve as one hierarchy. Row numbers are
the file's line numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from datetime import tzinfo
from pathlib import Path
from typing import Any

from cur_desktop.central.importers.cells import (
    CellError,
    cell_text,
    norm,
    parse_datetime,
    parse_float,
    parse_rating,
    plain_text,
    short_plain,
)
from cur_desktop.central.importers.collect import Collector, RowCheck, file_error
from cur_desktop.central.importers.mapping import lookup_any, lookup_importance
from cur_desktop.central.importers.records import ImportedAppeal, ParseResult
from cur_desktop.central.importers.sheets import FileProblem
from cur_desktop.central.importers.softpath import categorise, path_flags
from cur_desktop.central.importers.vocabulary import Vocabulary
from cur_desktop.domain.enums import Importance, Kind, Reaction, Source, Status

TEXT_FIELDS = frozenset(
    {"external_id", "title", "address", "executor", "url"}
    | {"author_name", "author_phone", "author_email", "author_profile"}
)
DATE_FIELDS = frozenset({"created_at", "registered_at", "answered_at", "due_at"})
DATE_FIELDS |= {"closed_at", "updated_at"}
OTHER_FIELDS = frozenset({"text", "answer", "theme", "category", "subcategory", "municipality"})
OTHER_FIELDS |= {"lat", "lon", "body", "status", "importance", "reaction", "rating"}
OTHER_FIELDS |= {"rejection_reason"}
FIELDS = TEXT_FIELDS | DATE_FIELDS | OTHER_FIELDS
CODED_FIELDS = frozenset({"theme", "category", "subcategory", "municipality", "body", "status"})
CODED_FIELDS |= {"importance", "reaction", "rejection_reason"}
REQUIRED = ("external_id", "created_at")
OPTION_KEYS = frozenset({"source", "kind", "encoding", "delimiter", "date_format", "date_formats"})
OPTION_KEYS |= {"columns", "values", "aliases"}


def parse_csv(
    path: Path, vocabulary: Vocabulary, *, tz: tzinfo, mapping: Mapping[str, Any]
) -> ParseResult:
    """Read ``path`` as ``mapping`` describes; region-local times are read in ``tz``."""
    try:
        plan = _Plan(mapping)
        text = _decode(path, plan.encoding)
        rows = _rows(text, plan)
    except FileProblem as exc:
        return file_error(exc.code, exc.message, exc.field)
    collector = Collector("CSV", path.name)
    for number, cells in rows:
        _parse_row(collector, number, cells, plan, vocabulary, tz)
    return collector.result()


class _Plan:
    """A validated mapping document."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        unknown = set(doc) - OPTION_KEYS
        if unknown:
            raise FileProblem("bad_mapping", f"unknown mapping keys: {sorted(unknown)}")
        try:
            self.source = Source(doc.get("source", Source.PORTAL))
            self.kind = Kind(doc.get("kind", Kind.MESSAGE))
        except ValueError as exc:
            raise FileProblem("bad_mapping", f"mapping: {exc}") from exc
        self.encoding = str(doc.get("encoding", "auto")).lower().replace("_", "-")
        if self.encoding not in ("auto", "utf-8", "utf-8-sig", "utf8", "cp1251", "windows-1251"):
            raise FileProblem("bad_mapping", f"unsupported encoding {self.encoding!r}")
        self.delimiter = doc.get("delimiter")
        if self.delimiter is not None and (
            not isinstance(self.delimiter, str) or len(self.delimiter) != 1
        ):
            raise FileProblem("bad_mapping", "delimiter must be one character")
        formats = doc.get("date_formats", [])
        if not isinstance(formats, list) or not all(isinstance(f, str) for f in formats):
            raise FileProblem("bad_mapping", "date_formats must be a list of strptime formats")
        if "date_format" in doc:
            if not isinstance(doc["date_format"], str):
                raise FileProblem("bad_mapping", "date_format must be a strptime format")
            formats = [doc["date_format"], *formats]
        self.date_formats = tuple(formats)
        columns = doc.get("columns")
        if not isinstance(columns, Mapping) or not columns:
            raise FileProblem("bad_mapping", "mapping needs a 'columns' object: field → header")
        bad = sorted(set(columns) - FIELDS)
        if bad:
            raise FileProblem("bad_mapping", f"unknown fields in columns: {bad}")
        missing = [f for f in REQUIRED if f not in columns]
        if missing:
            raise FileProblem("bad_mapping", f"columns must map {missing}")
        self.columns = {str(k): str(v) for k, v in columns.items()}
        values = doc.get("values", {})
        if not isinstance(values, Mapping):
            raise FileProblem("bad_mapping", "values must map a field to {source word: our code}")
        self.values = {
            str(field): {norm(k): str(v) for k, v in table.items()}
            for field, table in values.items()
            if isinstance(table, Mapping)
        }


def _decode(path: Path, encoding: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FileProblem("not_found", f"cannot read {path.name}") from exc
    tries = ["utf-8-sig", "cp1251"] if encoding == "auto" else [encoding]
    for name in tries:
        try:
            return raw.decode("utf-8-sig" if name.startswith("utf") else name)
        except UnicodeDecodeError:
            continue
    raise FileProblem("bad_encoding", f"{path.name} is not valid {encoding} text")


def _rows(text: str, plan: _Plan) -> list[tuple[int, dict[str, str]]]:
    # The csv module refuses a field over 128 KiB, which would refuse the whole file
    # for one oversized cell; no field can be longer than the file, and the cell's
    # own limit (values.MAX_TEXT_CHARS) then refuses only its row.
    if csv.field_size_limit() < len(text):
        csv.field_size_limit(len(text))
    first_line = text.split("\n", 1)[0]
    delimiter = plan.delimiter or max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = [norm(h) for h in next(reader, [])]
        positions: dict[str, int] = {}
        for field, name in plan.columns.items():
            if norm(name) not in header:
                raise FileProblem("missing_columns", f"no column «{name}» (for {field})")
            positions[field] = header.index(norm(name))
        start = reader.line_num + 1
        for cells in reader:
            number, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            rows.append(
                (number, {f: cells[i] if i < len(cells) else "" for f, i in positions.items()})
            )
    except csv.Error as exc:
        raise FileProblem("bad_csv", f"line {reader.line_num}: {exc}") from exc
    if not positions:
        raise FileProblem("missing_columns", "the file has no header line")
    return rows


def _parse_row(
    collector: Collector,
    number: int,
    cells: Mapping[str, str],
    plan: _Plan,
    vocabulary: Vocabulary,
    tz: tzinfo,
) -> None:
    check = RowCheck(number)
    label = plan.columns.get
    # A code column holds a name: an oversized cell is refused before it is looked up
    # (and quoted in an «unknown …» message).
    cells = {
        f: (check.read(label(f, f), cell_text, v) or "") if f in CODED_FIELDS else v
        for f, v in cells.items()
    }

    def read(field: str, reader: Callable[..., Any], *args: Any) -> Any:
        return check.read(label(field, field), reader, cells.get(field, ""), *args)

    values: dict[str, Any] = {f: read(f, cell_text) or "" for f in TEXT_FIELDS}
    for field in DATE_FIELDS:
        values[field] = read(field, parse_datetime, tz, plan.date_formats)
    for field in ("title", "address", "executor"):
        values[field] = read(field, short_plain) or ""
    values["text"], text_html = read("text", plain_text) or ("", "")
    values["answer"], answer_html = read("answer", plain_text) or ("", "")
    values["originals"] = tuple(
        (f, v) for f, v in (("text", text_html), ("answer", answer_html)) if v
    )
    values["lat"] = read("lat", parse_float, 90.0)
    values["lon"] = read("lon", parse_float, 180.0)
    values["satisfaction_rating"] = read("rating", parse_rating)
    fields = [f for f in ("theme", "category", "subcategory") if f in plan.columns]
    levels = [(label(f, f), cells.get(f, "")) for f in fields]
    path = categorise(check, vocabulary, levels, {label(f, f): f for f in fields})
    values["theme"], values["category"], values["subcategory"] = path.as_tuple()
    values["flags"] = path_flags(path)

    def soft(field: str, reader: Callable[..., Any], *args: Any) -> Any:
        return check.soft(field, label(field, field), reader, cells.get(field, ""), *args)

    values["municipality"] = soft("municipality", vocabulary.municipality)
    if values["municipality"] is None and not cells.get("municipality") and values["address"]:
        values["municipality"] = vocabulary.gazetteer.municipality_in(values["address"])
    values["body"] = soft("body", vocabulary.body)
    if values["body"] is None and cells.get("body") and not values["executor"]:
        values["executor"] = cells["body"]
    values["rejection_reason"] = soft("rejection_reason", vocabulary.rejection_reason)
    values["status"] = soft("status", _status, plan.values.get("status"), vocabulary)
    if values["status"] is None:
        values["status"] = Status.ANSWERED if values["answer"] else Status.NEW
    values["importance"] = (
        soft("importance", _importance, plan.values.get("importance")) or Importance.NORMAL
    )
    values["satisfaction_reaction"] = read(
        "reaction", _coded, plan.values.get("reaction"), Reaction, None
    )
    refused = {e.field for e in check.errors}
    for field in REQUIRED:
        if label(field, field) not in refused:
            check.require(label(field, field), values[field])
    if not check.ok:
        collector.refuse(check)
        return
    collector.add(
        check,
        lambda: ImportedAppeal(source=plan.source, kind=plan.kind, row=number, **values),
    )


def _coded(text: str, table: Mapping[str, str] | None, enum: Any, default: Any) -> Any:
    if not text.strip():
        return default
    word = (table or {}).get(norm(text), text.strip())
    try:
        return enum(word)
    except ValueError:
        name = enum.__name__.lower()
        raise CellError(f"unknown_{name}", f"unknown {name} {text.strip()!r}") from None


def _status(text: str, table: Mapping[str, str] | None, vocabulary: Vocabulary) -> Status:
    """Mapped word, our own code, a common Russian status word («В работе», «Отклонено»),
    or a US 311 / Open311 one (``Open``, ``Pending``, ``Assigned``, ``Closed``)."""
    if not text.strip():
        return Status.NEW
    word = (table or {}).get(norm(text), text.strip())
    try:
        outcome = lookup_any(word, _STATUS_TABLES, vocabulary.aliases)
    except CellError:
        raise CellError("unknown_status", f"unknown status {text.strip()!r}") from None
    return outcome.status if outcome else Status.NEW


_STATUS_TABLES = ("pos_stages", "pos_statuses", "im_statuses", "open311")


def _importance(text: str, table: Mapping[str, str] | None) -> Importance:
    word = (table or {}).get(norm(text))
    if word is not None:
        return _coded(word, None, Importance, Importance.NORMAL)  # type: ignore[no-any-return]
    return lookup_importance(text) or Importance.NORMAL
