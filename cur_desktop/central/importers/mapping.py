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
    "lookup_any",
    "lookup_importance",
    "lookup_outcome",
    "lookup_quietly",
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
    code = _TABLES[table][1]
    key = _status_key(text)
    if aliases is not None and (target := aliases.get(table, text)) is not None:
        key = _status_key(target)
    found = _known(table, key)
    if found is None and ":" in text:
        # «Завершено: Решено», «Исполнение: на согласовании»: the detail, else the stage
        head, _, tail = text.partition(":")
        found = lookup_quietly(table, tail, aliases) or lookup_quietly(table, head, aliases)
    if found is not None:
        return found
    raise CellError(code, f"unknown value {text.strip()!r}; add it to the {table} aliases")


def _known(table: str, key: str) -> Outcome | None:
    vocabulary = _NORMALISED[table]
    if key in vocabulary:
        return vocabulary[key]
    own = key.replace(" ", "_")
    if own in Status.__members__.values():
        return Outcome(Status(own))
    return None


def lookup_quietly(table: str, text: str, aliases: Aliases | None = None) -> Outcome | None:
    """Like :func:`lookup_outcome`, but None for an unknown word too."""
    try:
        return lookup_outcome(table, text, aliases)
    except CellError:
        return None


def lookup_any(
    text: str, tables: tuple[str, ...], aliases: Aliases | None = None
) -> Outcome | None:
    """The first table that knows the word; None for an empty cell, CellError if none does.

    Real exports mix vocabularies: a ПОС «Статус» column holds status texts («Отправлен
    ответ заявителю») as often as codes, a US 311 file says ``Pending``.
    """
    if not text.strip():
        return None
    for table in tables:
        found = lookup_quietly(table, text, aliases)
        if found is not None:
            return found
    code = _TABLES[tables[0]][1]
    raise CellError(code, f"unknown value {text.strip()!r}; add it to the {tables[0]} aliases")


def lookup_importance(text: str) -> Importance | None:
    if not text.strip():
        return None
    found = IMPORTANCE.get(norm(text))
    if found is None:
        raise CellError("unknown_importance", f"unknown importance {text.strip()!r}")
    return found
