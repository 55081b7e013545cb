"""The queues of the navigator: what each shows, and how many appeals each holds now.

Built-in work queues («Новые и неразобранные», «Под угрозой и просроченные»,
«Важные», …), one queue per theme block and per municipality from the region's
dictionaries, and the operator's saved filters. Each has a stable key
(``risk``, ``block:Городская среда``, ``mun:70701000``, ``saved:12``) that the window
remembers across sessions and the navigator shows.

What each queue selects, and the counts, are the cache's read API
(:mod:`cur_desktop.cache.queries.queues`): the built-in queues are counted in one
pass over the open appeals, the blocks and municipalities by one ``GROUP BY`` each,
so a navigator refresh costs a few statements, not one per queue.

Queries and counts may run on the reader thread; the titles are translated, so
:meth:`QueueCatalog.groups` runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from cur_desktop.cache import QueueFilter
from cur_desktop.cache.queries import queue as q
from cur_desktop.cache.queries.filters import narrow
from cur_desktop.cache.queries.queues import (
    WorkQueues,
    all_appeals,
    of_municipality,
    of_themes,
)
from cur_desktop.cache.queries.saved import SavedQueue, list_saved
from cur_desktop.problems.conflict_cache import conflict_query, open_conflicts
from cur_desktop.problems.conflict_rules import ConflictRules, region_conflict_rules
from ui.console.console_context import ConsoleContext
from widgets.navigator_model import MoreThan, NavEntry, NavGroup

DEFAULT_QUEUE = "open"


def _t(text: str) -> str:
    return QCoreApplication.translate("Queues", text)


class QueueCatalog:
    """Every queue the navigator offers, for one console context."""

    def __init__(self, context: ConsoleContext) -> None:
        self._ctx = context
        self._saved: list[SavedQueue] = []
        self._conflict_rules: ConflictRules | None = None
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
            NavEntry(  # issue 17; after «all»: Ctrl+1…7 keep their queues
                "conflict",
                _t("Conflict situations"),
                _t("Low ratings, «недоволен», reopened, repeats, escalations, high reach"),
                alert=True,
            ),
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
            return all_appeals()
        if key == "conflict":  # issue 17: detected by the region's rules (cur_desktop.problems)
            return conflict_query(open_conflicts(self._ctx.cache.engine, self.conflict_rules, now))
        if key.startswith("block:"):
            codes = self._blocks().get(key.removeprefix("block:"), ((), ()))[0]
            return of_themes(codes) if codes else None
        if key.startswith("mun:"):
            return of_municipality(key.removeprefix("mun:"))
        return self._work().query(key, now)

    @property
    def conflict_rules(self) -> ConflictRules:
        """The region's conflict rules, read once (a broken file fails loudly, with where)."""
        if self._conflict_rules is None:
            self._conflict_rules = region_conflict_rules()
        return self._conflict_rules

    def _work(self) -> WorkQueues:
        sla = self._ctx.sla
        return WorkQueues(self._ctx.identity.login, sla.rules, sla.calendar)

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
        counts = self._work().counts(engine, now)
        by_theme = self._ctx.cache.appeals.counts_by("theme", flt=QueueFilter())
        for name, (codes, _titles) in self._blocks().items():
            counts[f"block:{name}"] = sum(by_theme.get(code, 0) for code in codes)
        by_mun: Mapping[str | None, int] = self._ctx.cache.appeals.counts_by(
            "municipality", flt=QueueFilter()
        )
        d = self._ctx.dictionaries
        for m in d.municipalities if d else ():
            counts[f"mun:{m.oktmo}"] = by_mun.get(m.oktmo, 0)
        counts["conflict"] = len(open_conflicts(engine, self.conflict_rules, now))
        for saved in self._saved:
            query = self.query(saved.key, now)
            if query is not None:
                # a saved search may hit most of the cache: counting stops past the cap
                n = q.count(engine, query, cap=q.COUNT_CAP)
                counts[saved.key] = MoreThan(q.COUNT_CAP) if n > q.COUNT_CAP else n
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
    QCoreApplication.translate("Queues", "Conflict situations")
    QCoreApplication.translate(
        "Queues", "Low ratings, «недоволен», reopened, repeats, escalations, high reach"
    )
