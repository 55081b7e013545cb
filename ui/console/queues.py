"""The queues of the navigator: what each shows, and how many appeals each holds now.

Built-in work queues («Новые и неразобранные», «Под угрозой и просроченные»,
«Важные», …), one queue per theme block and per municipality from the region's
dictionaries, and the operator's saved filters. Each has a stable key
(``risk``, ``block:Городская среда``, ``mun:70701000``, ``saved:12``) that the window
remembers across sessions and the navigator shows.

Counts of the built-in queues come from one pass over the open appeals (one SQL
aggregate with a ``CASE`` per queue), the blocks and municipalities from one
``GROUP BY`` each: a navigator refresh costs three statements, not one per queue.

Queries and counts are Qt-free and may run on the reader thread; the titles are
translated, so :meth:`QueueCatalog.groups` runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from sqlalchemy import ColumnElement, case, func, or_, select

from cur_desktop.cache import QueueFilter, schema
from cur_desktop.domain.enums import Flag, Importance, Status
from ui.console import query as q
from ui.console.context import ConsoleContext
from ui.console.filters import narrow
from ui.console.risk import at_risk_clause
from ui.console.saved import SavedQueue, list_saved
from widgets.navigator_model import NavEntry, NavGroup

A = schema.appeals
DEFAULT_QUEUE = "open"
_WORK_KEYS = ("open", "new", "mine", "risk", "important", "rework")


def _t(text: str) -> str:
    return QCoreApplication.translate("Queues", text)


class QueueCatalog:
    """Every queue the navigator offers, for one console context."""

    def __init__(self, context: ConsoleContext) -> None:
        self._ctx = context
        self._saved: list[SavedQueue] = []
        self.reload_saved()

    # -- the tree ------------------------------------------------------------------------

    def reload_saved(self) -> None:
        self._saved = list_saved(self._ctx.cache.engine, self._ctx.identity.owner)

    def saved(self) -> list[SavedQueue]:
        return list(self._saved)

    def groups(self) -> list[NavGroup]:
        work = [
            NavEntry("open", _t("All open"), _t("Every appeal still to be acted on")),
            NavEntry("new", _t("New and unsorted"), _t("New appeals and those without a theme")),
        ]
        if self._ctx.identity.login:
            work.append(NavEntry("mine", _t("Taken by me")))
        work += [
            NavEntry("risk", _t("At risk and overdue"), alert=True),
            NavEntry("important", _t("Important"), _t("Flagged important or of high importance")),
            NavEntry(
                "rework", _t("Returned for rework"), _t("Open appeals whose answer came back")
            ),
            NavEntry("all", _t("All appeals"), _t("Closed ones too, newest first")),
        ]
        groups = [NavGroup("work", _t("Queues"), tuple(work))]
        blocks = self._blocks()
        if blocks:
            entries = tuple(
                NavEntry(f"block:{name}", name, ", ".join(titles))
                for name, (_codes, titles) in blocks.items()
            )
            groups.append(NavGroup("blocks", _t("Theme blocks"), entries))
        d = self._ctx.dictionaries
        if d is not None and d.municipalities:
            muns = sorted(d.municipalities, key=lambda m: m.display_name.casefold())
            entries = tuple(NavEntry(f"mun:{m.oktmo}", m.display_name, m.name) for m in muns)
            groups.append(NavGroup("municipalities", _t("Municipalities"), entries))
        if self._saved:
            entries = tuple(NavEntry(s.key, s.name) for s in self._saved)
            groups.append(NavGroup("saved", _t("My filters"), entries))
        return groups

    # -- what each queue shows -----------------------------------------------------------

    def query(self, key: str, now: datetime) -> q.QueueQuery | None:
        """The queue's query at ``now``; None for a key that no longer exists."""
        if key.startswith("saved:"):
            saved = next((s for s in self._saved if s.key == key), None)
            if saved is None or saved.base.startswith("saved:"):
                return None
            base = self.query(saved.base, now)
            if base is None:
                return None
            return narrow(base, saved.filters, time_zone=self._ctx.sla.time_zone, now=now)
        if key == "all":
            return q.QueueQuery(flt=QueueFilter(open_only=False), order=q.Order.NEWEST)
        if key.startswith("block:"):
            codes = self._blocks().get(key.removeprefix("block:"), ((), ()))[0]
            return q.QueueQuery(flt=QueueFilter(themes=codes)) if codes else None
        if key.startswith("mun:"):
            return q.QueueQuery(flt=QueueFilter(municipalities=(key.removeprefix("mun:"),)))
        clause = self._work_clause(key, now)
        if key != "open" and clause is None:
            return None
        return q.QueueQuery(extra=(clause,) if clause is not None else ())

    def _work_clause(self, key: str, now: datetime) -> ColumnElement[bool] | None:
        if key == "new":
            return or_(A.c.status == Status.NEW.value, A.c.theme.is_(None))
        if key == "mine":
            return A.c.taken_by == self._ctx.identity.login
        if key == "risk":
            return at_risk_clause(self._ctx.sla.rules, self._ctx.sla.calendar, now)
        if key == "important":
            important = int(Flag.IMPORTANT)
            return or_(
                A.c.flags.op("&")(important) == important,
                A.c.importance == Importance.HIGH.value,
            )
        if key == "rework":
            return A.c.rework_count > 0
        return None

    def _blocks(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Theme block name → (theme codes, theme names), in dictionary order."""
        d = self._ctx.dictionaries
        blocks: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for theme in d.themes if d else ():
            name = theme.block or theme.name
            codes, titles = blocks.get(name, ((), ()))
            blocks[name] = ((*codes, theme.code), (*titles, theme.name))
        return blocks

    # -- counts --------------------------------------------------------------------------

    def counts(self, now: datetime) -> dict[str, int]:
        """Every queue's count at ``now`` (reader thread: a few statements)."""
        engine = self._ctx.cache.engine
        login = self._ctx.identity.login
        sums = []
        keys = []
        for key in _WORK_KEYS:
            clause = self._work_clause(key, now) if key != "open" else None
            if key == "mine" and not login:
                continue
            keys.append(key)
            sums.append(func.count() if clause is None else func.sum(case((clause, 1), else_=0)))
        counts: dict[str, int] = {}
        with engine.connect() as conn:
            row = conn.execute(select(*sums).where(A.c.is_open == 1)).one()
            counts.update({k: int(v or 0) for k, v in zip(keys, row, strict=True)})
            counts["all"] = int(conn.execute(select(func.count()).select_from(A)).scalar_one())
        by_theme = self._ctx.cache.appeals.counts_by("theme", flt=QueueFilter())
        for name, (codes, _titles) in self._blocks().items():
            counts[f"block:{name}"] = sum(by_theme.get(code, 0) for code in codes)
        by_mun: Mapping[str | None, int] = self._ctx.cache.appeals.counts_by(
            "municipality", flt=QueueFilter()
        )
        d = self._ctx.dictionaries
        for m in d.municipalities if d else ():
            counts[f"mun:{m.oktmo}"] = by_mun.get(m.oktmo, 0)
        for saved in self._saved:
            query = self.query(saved.key, now)
            if query is not None:
                counts[saved.key] = q.count(engine, query)
        return counts


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("Queues", "All appeals")
    QCoreApplication.translate("Queues", "All open")
    QCoreApplication.translate("Queues", "At risk and overdue")
    QCoreApplication.translate("Queues", "Every appeal still to be acted on")
    QCoreApplication.translate("Queues", "Flagged important or of high importance")
    QCoreApplication.translate("Queues", "Important")
    QCoreApplication.translate("Queues", "Municipalities")
    QCoreApplication.translate("Queues", "My filters")
    QCoreApplication.translate("Queues", "New and unsorted")
    QCoreApplication.translate("Queues", "New appeals and those without a theme")
    QCoreApplication.translate("Queues", "Closed ones too, newest first")
    QCoreApplication.translate("Queues", "Open appeals whose answer came back")
    QCoreApplication.translate("Queues", "Queues")
    QCoreApplication.translate("Queues", "Returned for rework")
    QCoreApplication.translate("Queues", "Taken by me")
    QCoreApplication.translate("Queues", "Theme blocks")
