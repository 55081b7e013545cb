"""Appeals related to one appeal, and possible duplicates of it, for its detail pane.

An operator deciding on an appeal wants to see what else the same citizen wrote,
what came from the same address, and whether it repeats an appeal already being
worked on. :func:`related_appeals` looks for, in this order (an appeal found by an
earlier relation keeps that relation):

* the appeal it was merged into;
* the same author (name, profile, phone or e-mail) or the same address within
  :data:`NEAR_DAYS` days — only when the reader may see personal data;
* the same category in the same municipality within :data:`CATEGORY_DAYS` days;
* similar text: the full-text index over the stems of the title's words, the hits
  nearest in time on either side.

Every search is bounded by the creation-time index (or walks the full-text index
from the appeal's rowid), so none scans the whole cache; each takes at most
:data:`PER_RELATION` rows. Titles come back as stored: a screen that hides personal
data masks them itself.

Qt-free; any thread. It may take longer than a keystroke on a big cache, so the
console runs it on its reader thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, or_, select, text

from cur_desktop.cache import schema
from cur_desktop.cache.search import all_words_query
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Status
from cur_desktop.protocol.wire import from_epoch

A = schema.appeals
NEAR_DAYS = 30
CATEGORY_DAYS = 3
MERGED_DAYS = 3650  # the appeal it was merged into, however far back
PER_RELATION = 5
_MIN_STEM = 4  # shorter title words («на», «в», «ул») find everything


class Relation(StrEnum):
    """Why another appeal is shown beside this one."""

    SAME_AUTHOR = "same_author"
    SAME_ADDRESS = "same_address"
    SAME_CATEGORY = "same_category"  # same category, same municipality, close in time
    SIMILAR_TEXT = "similar_text"
    MERGED = "merged"  # this one was merged into it, or it into this one


@dataclass(frozen=True, slots=True)
class RelatedAppeal:
    appeal_id: int
    number: str
    title: str
    created_at: datetime
    status: Status
    relation: Relation


def related_appeals(engine: Engine, appeal: Appeal, *, personal: bool) -> list[RelatedAppeal]:
    """Appeals related to ``appeal``, each once; ``personal``: may match on the author.

    Without ``personal`` the same-author and same-address searches are skipped (a
    role that may not see personal data must not learn who else wrote).
    """
    found: dict[int, RelatedAppeal] = {}
    with engine.connect() as conn:

        def add(relation: Relation, where: ColumnElement[bool], days: float) -> None:
            middle = appeal.created_at.timestamp()
            span = timedelta(days=days).total_seconds()
            query = (
                select(A.c.id, A.c.external_id, A.c.title, A.c.created_at, A.c.status)
                .where(A.c.created_at.between(middle - span, middle + span))
                .where(A.c.id != appeal.id, where)
                .order_by(A.c.created_at.desc())
                .limit(PER_RELATION)
            )
            for row in conn.execute(query):
                found.setdefault(row[0], _related(row, relation))

        if appeal.merged_into:
            add(Relation.MERGED, A.c.id == appeal.merged_into, MERGED_DAYS)
        if personal:
            same_author = _author_clause(appeal)
            if same_author is not None:
                add(Relation.SAME_AUTHOR, same_author, NEAR_DAYS)
            if appeal.address:
                add(Relation.SAME_ADDRESS, A.c.address == appeal.address, NEAR_DAYS)
        if appeal.category:
            same = and_(
                A.c.category == appeal.category,
                A.c.municipality == appeal.municipality,
            )
            add(Relation.SAME_CATEGORY, same, CATEGORY_DAYS)
        for row in _similar(conn, appeal):
            found.setdefault(row[0], _related(row, Relation.SIMILAR_TEXT))
    return list(found.values())


def _similar(conn: Connection, appeal: Appeal) -> list[Any]:
    match = all_words_query(appeal.title, min_length=_MIN_STEM)  # every form of each word
    if match is None:
        return []
    columns = "a.id, a.external_id, a.title, a.created_at, a.status"
    sql = (
        f"SELECT {columns} FROM appeals_fts f JOIN appeals a ON a.id = f.rowid "  # noqa: S608
        "WHERE appeals_fts MATCH :m AND f.rowid {op} :id ORDER BY f.rowid {order} LIMIT :n"
    )
    rows: list[Any] = []
    for op, order in (("<", "DESC"), (">", "ASC")):
        statement = text(sql.format(op=op, order=order))
        rows.extend(conn.execute(statement, {"m": match, "id": appeal.id, "n": PER_RELATION}))
    return rows


def _author_clause(appeal: Appeal) -> ColumnElement[bool] | None:
    author = appeal.author
    options = [
        column == value
        for column, value in (
            (A.c.author_name, author.name),
            (A.c.author_profile, author.profile_url),
            (A.c.author_phone, author.phone),
            (A.c.author_email, author.email),
        )
        if value
    ]
    return or_(*options) if options else None


def _related(row: Any, relation: Relation) -> RelatedAppeal:
    created = from_epoch(row[3])
    assert created is not None
    return RelatedAppeal(
        appeal_id=int(row[0]),
        number=str(row[1]),
        title=str(row[2] or ""),
        created_at=created,
        status=Status(row[4]),
        relation=relation,
    )
