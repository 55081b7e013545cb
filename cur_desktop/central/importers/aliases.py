"""Alias tables: the names foreign systems use for our dictionary entries, as region data.

A ПОС export says «ЖКХ» where our theme is «Жилищно-коммунальное хозяйство», an
ИМ export says «Тула» for «Городской округ город Тула». Such synonyms are data,
not code: the shipped table ``resources/importers/aliases.json`` is merged with
``resources/importers/<REGION>.json`` (a region's own names), an
``import_aliases.json`` in the region pack folder and the ``aliases`` section of
a ``--mapping`` file, later ones winning. Keys are matched normalised
(case-, ё/е- and punctuation-insensitive).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cur_desktop.central.importers.cells import norm
from cur_desktop.paths import resources_dir

FORMAT = "cur-import-aliases"
#: Tables mapping a foreign name to one of our codes.
CODE_TABLES = ("themes", "categories", "municipalities", "bodies", "rejection_reasons")
#: Place tables read by :mod:`cur_desktop.regions.gazetteer` (name → OKTMO), checked like
#: municipalities: a settlement or a district of a city, a street.
PLACE_TABLES = ("settlements", "streets")
#: Tables mapping a foreign status word to a word the built-in vocabulary knows.
STATUS_TABLES = ("pos_stages", "pos_statuses", "im_closing_reasons", "im_statuses", "open311")
PACK_FILE = "import_aliases.json"


class AliasError(ValueError):
    """A malformed alias or mapping file; the message names the file and key."""


@dataclass(frozen=True)
class Aliases:
    """Normalised alias tables: ``tables[name][norm(alias)] = target``."""

    tables: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def get(self, table: str, name: str) -> str | None:
        return self.tables.get(table, {}).get(norm(name))

    def merged(self, other: Aliases) -> Aliases:
        out: dict[str, dict[str, str]] = {k: dict(v) for k, v in self.tables.items()}
        for table, entries in other.tables.items():
            out.setdefault(table, {}).update(entries)
        return Aliases(out)


def aliases_from_doc(doc: object, where: str) -> Aliases:
    """Read an alias document (the whole file, or a mapping file's ``aliases`` section)."""
    if not isinstance(doc, Mapping):
        raise AliasError(f"{where}: expected an object of alias tables")
    tables: dict[str, dict[str, str]] = {}
    for table, entries in doc.items():
        if table.startswith("_") or table in ("format", "version"):
            continue
        if table not in CODE_TABLES and table not in STATUS_TABLES and table not in PLACE_TABLES:
            known = ", ".join((*CODE_TABLES, *PLACE_TABLES, *STATUS_TABLES))
            raise AliasError(f"{where}: unknown alias table {table!r} (known: {known})")
        if not isinstance(entries, Mapping):
            raise AliasError(f"{where}.{table}: expected an object of name → code")
        out: dict[str, str] = {}
        for name, target in entries.items():
            if name.startswith("_"):
                continue
            if not isinstance(target, str):
                raise AliasError(f"{where}.{table}[{name!r}]: expected a string")
            key = norm(name)
            if not key:
                raise AliasError(f"{where}.{table}: an alias must not be empty")
            out[key] = target.strip()
        tables[table] = out
    return Aliases(tables)


def read_document(path: Path) -> dict[str, Any]:
    """A JSON or TOML file (by suffix) as a plain object."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AliasError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        if path.suffix.lower() == ".toml":
            doc: object = tomllib.loads(raw.decode("utf-8-sig"))
        else:
            doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        kind = path.suffix[1:].upper() or "JSON"
        raise AliasError(f"{path.name}: not valid {kind}: {exc}") from exc
    if not isinstance(doc, dict):
        raise AliasError(f"{path.name}: must hold an object")
    return doc


def load_aliases(path: Path) -> Aliases:
    doc = read_document(path)
    if doc.get("format", FORMAT) != FORMAT:
        raise AliasError(f"{path.name}: format must be {FORMAT!r}")
    return aliases_from_doc(doc, path.name)


def default_aliases(region_code: str | None = None, pack_dir: Path | None = None) -> Aliases:
    """Shipped aliases, then the region's shipped table, then the pack's own file."""
    folder = resources_dir() / "importers"
    result = load_aliases(folder / "aliases.json")
    candidates = []
    if region_code:
        candidates.append(folder / f"{region_code}.json")
    if pack_dir is not None:
        candidates.append(pack_dir / PACK_FILE)
    for path in candidates:
        if path.is_file():
            result = result.merged(load_aliases(path))
    return result
