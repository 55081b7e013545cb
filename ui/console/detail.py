"""The detail pane's data: one appeal with names, history in words, related appeals.

:meth:`DetailSource.record` reads one appeal and its history (two indexed lookups:
fast enough for the GUI thread as the operator moves through the queue).
:meth:`DetailSource.related` looks for related appeals and possible duplicates and
may take longer on a big cache, so the console runs it on the reader thread; what
it looks for, and how, is the cache's read API
(:func:`cur_desktop.cache.queries.related.related_appeals`). Roles that may not see
personal data get no same-author or same-address matches, and the related appeals'
titles are masked as the appeal's own are (their authors' names, phones, e-mails
cut out).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from cur_desktop.cache.queries.related import RelatedAppeal, related_appeals
from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.domain.enums import Action, Flag
from ui.console.console_context import ConsoleContext
from widgets.detail_record import DetailRecord, HistoryLine
from widgets.labels import flag_label, importance_label, source_label
from widgets.queue_rows import masked as masked_appeal


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
            people=self._ctx.people,
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
        if action == Action.TAKE_OVER.value and d.get("previous_taken_by"):
            return _t("from %1").replace("%1", self._ctx.person(_s(d.get("previous_taken_by"))))
        for key in ("reason", "text"):
            if d.get(key):
                return _s(d.get(key))
        return ""

    # -- related appeals (reader thread) -------------------------------------------------

    def related(self, appeal_id: int) -> list[RelatedAppeal]:
        appeal = self._ctx.cache.appeals.get(appeal_id)
        if appeal is None:
            return []
        found = related_appeals(self._ctx.cache.engine, appeal, personal=not self._ctx.masked)
        if self._ctx.masked and found:
            # other appeals' titles name their authors as often as this one's does
            others = self._ctx.cache.appeals.get_many([r.appeal_id for r in found])
            titles = {a.id: masked_appeal(a).title for a in others}
            found = [replace(r, title=titles.get(r.appeal_id, "")) for r in found]
        return found


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
    QCoreApplication.translate("DetailSource", "from %1")
