"""The detail pane's data: one appeal with names, history in words, related appeals.

:meth:`DetailSource.record` reads one appeal and its history (two indexed lookups:
fast enough for the GUI thread as the operator moves through the queue).
:meth:`DetailSource.related` looks for related appeals and possible duplicates and
may take longer on a big cache, so the console runs it on the reader thread:

* the appeal it was merged into;
* the same author (name, profile, phone or e-mail) or the same address within
  :data:`NEAR_DAYS` days — skipped for roles that may not see personal data;
* the same category in the same municipality within :data:`CATEGORY_DAYS` days;
* similar text: the full-text index over the stems of the title's words, the hits
  nearest in time on either side.

For roles that may not see personal data the related appeals' titles are masked as
the appeal's own are (their authors' names, phones, e-mails cut out).

Every search is bounded by the creation-time index, so none scans the whole cache.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from sqlalchemy import ColumnElement, and_, or_, select, text

from cur_desktop.cache import schema
from cur_desktop.cache.codec import from_epoch
from cur_desktop.cache.search import stem_word, words
from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.domain.enums import Action, Flag, Status
from ui.console.context import ConsoleContext
from widgets.detail_record import DetailRecord, HistoryLine, RelatedAppeal, Relation
from widgets.labels import flag_label, importance_label, source_label
from widgets.queue_rows import masked as masked_appeal

A = schema.appeals
NEAR_DAYS = 30
CATEGORY_DAYS = 3
PER_RELATION = 5
_MIN_STEM = 4  # shorter title words («на», «в», «ул») find everything


def _t(text_: str) -> str:
    return QCoreApplication.translate("DetailSource", text_)


class DetailSource:
    """Reads what the detail pane shows, for one console context."""

    def __init__(self, context: ConsoleContext) -> None:
        self._ctx = context

    def record(self, appeal_id: int, now: datetime) -> DetailRecord | None:
        """The appeal as the pane shows it, without related appeals (GUI thread)."""
        appeal = self._ctx.cache.appeals.get(appeal_id)
        if appeal is None:
            return None
        deadline = self._ctx.deadline_of(appeal, now)
        masked = self._ctx.masked
        if masked:
            appeal = masked_appeal(appeal)
        rows = self._ctx.rows
        d = self._ctx.dictionaries
        path = d.category_path(appeal.subcategory or appeal.category) if d else ()
        channels = {c.code: c.name for c in d.channels} if d else {}
        channel = channels.get(appeal.source.value, "")
        reason = ""
        if appeal.rejection_reason:
            found = d.rejection_reason(appeal.rejection_reason) if d else None
            reason = found.name if found else appeal.rejection_reason
        history = [self._line(h) for h in self._ctx.cache.appeals.history(appeal_id)]
        return DetailRecord(
            appeal=appeal,
            masked=masked,
            channel=channel or source_label(appeal.source),
            theme=rows.theme_name(appeal.theme),
            category_path=tuple(c.name for c in path) or _codes(appeal),
            municipality=rows.municipality_name(appeal.municipality),
            body=rows.body_name(appeal.body),
            deadline=deadline,
            history=history,
            rejection_reason=reason,
        )

    # -- history in words ----------------------------------------------------------------

    def _line(self, entry: HistoryEntry) -> HistoryLine:
        return HistoryLine(entry, self._details(entry))

    def _details(self, h: HistoryEntry) -> str:
        rows = self._ctx.rows
        d = dict(h.details)
        action = h.action
        if action == Action.CATEGORISE.value:
            parts = [rows.theme_name(_s(d.get("theme")))]
            category = _s(d.get("subcategory")) or _s(d.get("category"))
            if category:
                parts.append(rows.category_name(category))
            if d.get("municipality"):
                parts.append(rows.municipality_name(_s(d.get("municipality"))))
            return " › ".join(p for p in parts if p)
        if action == Action.ROUTE.value:
            return rows.body_name(_s(d.get("body")))
        if action == Action.POSTPONE.value and d.get("until"):
            zone = ZoneInfo(self._ctx.sla.time_zone)
            until = datetime.fromisoformat(str(d["until"])).astimezone(zone)
            return _t("new deadline %1").replace("%1", until.strftime("%d.%m.%Y %H:%M"))
        if action in (Action.FLAG.value, Action.UNFLAG.value):
            return _flag_name(_s(d.get("flag")))
        if action == Action.SET_IMPORTANCE.value:
            return importance_label(_s(d.get("importance")))
        if action == Action.REJECT.value:
            dicts = self._ctx.dictionaries
            found = dicts.rejection_reason(_s(d.get("reason"))) if dicts else None
            return found.name if found else _s(d.get("reason"))
        if action == Action.REDIRECT.value:
            return _s(d.get("to"))
        if action == Action.MERGE.value and d.get("into"):
            return _t("into appeal %1").replace("%1", str(d["into"]))
        for key in ("reason", "text"):
            if d.get(key):
                return _s(d.get(key))
        return ""

    # -- related appeals (reader thread) -------------------------------------------------

    def related(self, appeal_id: int) -> list[RelatedAppeal]:
        appeal = self._ctx.cache.appeals.get(appeal_id)
        if appeal is None:
            return []
        found: dict[int, RelatedAppeal] = {}
        with self._ctx.cache.engine.connect() as conn:

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
                add(Relation.MERGED, A.c.id == appeal.merged_into, 3650)
            if not self._ctx.masked:
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
            for row in self._similar(conn, appeal):
                found.setdefault(row[0], _related(row, Relation.SIMILAR_TEXT))
        if self._ctx.masked and found:
            # other appeals' titles name their authors as often as this one's does
            others = self._ctx.cache.appeals.get_many(list(found))
            titles = {a.id: masked_appeal(a).title for a in others}
            found = {i: replace(r, title=titles.get(i, "")) for i, r in found.items()}
        return list(found.values())

    def _similar(self, conn: Any, appeal: Appeal) -> list[Any]:
        stems = sorted({stem_word(w) for w in words(appeal.title) if len(w) >= _MIN_STEM})
        if not stems:
            return []
        match = " AND ".join(f'"{s}"' for s in stems)
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


def _codes(appeal: Appeal) -> tuple[str, ...]:
    return tuple(c for c in (appeal.category, appeal.subcategory) if c)


def _s(value: object) -> str:
    return "" if value is None else str(value)


def _flag_name(name: str) -> str:
    try:
        return flag_label(Flag[name.upper()])
    except KeyError:
        return name


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("DetailSource", "new deadline %1")
    QCoreApplication.translate("DetailSource", "into appeal %1")
