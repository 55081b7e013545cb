"""A row's category levels resolved softly: what the vocabularies lack is noted, the row kept.

Real exports carry names in none of our tables (regions rename, classifiers change
every year). Such a row is imported with what did resolve (the theme, or nothing),
marked :attr:`~cur_desktop.domain.enums.Flag.NEEDS_CATEGORY` («требует
категоризации»), and every unknown name is counted for the import summary.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cur_desktop.central.importers.cells import CellError
from cur_desktop.central.importers.collect import RowCheck
from cur_desktop.central.importers.vocabulary import SoftPath, Vocabulary
from cur_desktop.domain.enums import Flag


def categorise(
    check: RowCheck,
    vocabulary: Vocabulary,
    levels: Sequence[tuple[str, str]],
    kinds: Mapping[str, str],
    *,
    fact: str = "",
) -> SoftPath:
    """Resolve ``levels`` (``(column, name)``, most general first), noting unknown names.

    ``kinds`` names what each column holds (``category``, ``subcategory``, ``theme``) for
    the summary. The ``fact`` column (ПОС «Факт», a third level with thousands of
    values) only narrows: an unknown fact is neither counted nor flagged.
    """
    main = [(c, t) for c, t in levels if c != fact or not fact]
    try:
        path = vocabulary.soft_path(main)
    except CellError as exc:  # a stale alias: the configuration is wrong, the row refused
        check.fail(exc.field or (main[0][0] if main else ""), exc.code, exc.message)
        return SoftPath()
    fact_text = next((t for c, t in levels if fact and c == fact), "")
    if fact_text.strip() and path.subcategory is None and not path.unknown:
        narrowed = vocabulary.soft_path([*main, (fact, fact_text)])
        if not narrowed.unknown and narrowed.subcategory is not None:
            path = narrowed
    for column, value in path.unknown:
        check.unknown(kinds.get(column, "category"), column, value)
    return path


def path_flags(path: SoftPath) -> Flag:
    """«требует категоризации» when a level was unknown or named nothing of ours."""
    if path.unknown or (path.recognised and path.category is None):
        return Flag.NEEDS_CATEGORY
    return Flag.NONE
