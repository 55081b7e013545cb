"""Source vocabulary → ours: category, municipality, body names and every status word.

One module holds every translation an importer makes, so that adding a source
or a region never means hunting through parsers:

* the closed vocabularies of the sources (DOMAIN.md §3) — ПОС status codes and
  stages, ИМ closing reasons, statuses and importance, Open311 statuses — kept
  with the domain model in :mod:`cur_desktop.domain.external_codes` and looked
  up here, normalised, by :func:`lookup_outcome`;
* the open vocabularies — theme, category, municipality, body and rejection
  reason *names* — resolved against the region's
  :class:`~cur_desktop.domain.dictionaries.Dictionaries` plus alias tables
  (:mod:`.aliases`) by :class:`Vocabulary`.

Unknown words raise :class:`~.values.CellError` (``unknown_…``), never a crash.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from cur_desktop.central.importers.aliases import Aliases
from cur_desktop.central.importers.cells import CellError, norm
from cur_desktop.domain.enums import Importance, Status
from cur_desktop.domain.external_codes import (
    IM_CLOSING_REASONS,
    IM_STATUSES,
    IMPORTANCE,
    OPEN311_STATUSES,
    POS_STAGES,
    POS_STATUS_CODES,
    Outcome,
)

__all__ = [
    "IMPORTANCE",
    "IM_CLOSING_REASONS",
    "IM_STATUSES",
    "OPEN311_STATUSES",
    "POS_STAGES",
    "POS_STATUS_CODES",
    "Outcome",
    "lookup_importance",
    "lookup_outcome",
]

log = logging.getLogger(__name__)


_TABLES: Mapping[str, tuple[Mapping[str, Outcome], str]] = {
    "pos_statuses": (POS_STATUS_CODES, "unknown_status"),
    "pos_stages": (POS_STAGES, "unknown_stage"),
    "im_closing_reasons": (IM_CLOSING_REASONS, "unknown_closing_reason"),
    "im_statuses": (IM_STATUSES, "unknown_status"),
    "open311": (OPEN311_STATUSES, "unknown_status"),
}


def _status_key(text: str) -> str:
    return norm(text.replace("_", " ")).replace("-", " ")


_NORMALISED: dict[str, dict[str, Outcome]] = {
    table: {_status_key(word): outcome for word, outcome in vocabulary.items()}
    for table, (vocabulary, _) in _TABLES.items()
}


def lookup_outcome(table: str, text: str, aliases: Aliases | None = None) -> Outcome | None:
    """An :class:`Outcome` for a status word; None for an empty cell, CellError if unknown.

    Our own :class:`Status` values (``in_progress``…) are accepted everywhere.
    """
    if not text.strip():
        return None
    vocabulary, code = _NORMALISED[table], _TABLES[table][1]
    key = _status_key(text)
    if aliases is not None and (target := aliases.get(table, text)) is not None:
        key = _status_key(target)
    if key in vocabulary:
        return vocabulary[key]
    own = key.replace(" ", "_")
    if own in Status.__members__.values():
        return Outcome(Status(own))
    raise CellError(code, f"unknown value {text.strip()!r}; add it to the {table} aliases")


def lookup_importance(text: str) -> Importance | None:
    if not text.strip():
        return None
    found = IMPORTANCE.get(norm(text))
    if found is None:
        raise CellError("unknown_importance", f"unknown importance {text.strip()!r}")
    return found
