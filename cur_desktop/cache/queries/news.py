"""Which appeals are news to an operator: new, of high importance, not seen before.

The console announces a new high-importance appeal once, when the sync first brings
it (ui/console/session/notifier.py). What counts as news, which appeals already are news
when the notifier is armed (they are the operator's starting point, not news), and
which of the appeals a sync just wrote are fresh news, are questions to the cache
and live here; the notifier only remembers what it announced and shows it.

Qt-free; any thread.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import Engine, select

from cur_desktop.cache import AppealStore, schema
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Importance, Status


def is_news(appeal: Appeal) -> bool:
    """A new appeal of high importance (the one kind the console announces)."""
    return appeal.importance is Importance.HIGH and appeal.status is Status.NEW


def news_ids(engine: Engine) -> set[int]:
    """Ids of every appeal that is news now (what an armed notifier already knows)."""
    a = schema.appeals
    query = select(a.c.id).where(
        a.c.importance == Importance.HIGH.value, a.c.status == Status.NEW.value
    )
    with engine.connect() as conn:
        return {int(r[0]) for r in conn.execute(query)}


def fresh_news(store: AppealStore, changed: Sequence[int], known: Collection[int]) -> list[Appeal]:
    """The appeals among ``changed`` that are news and not in ``known`` (in that order)."""
    if not changed:
        return []
    return [
        appeal
        for appeal in store.get_many(list(changed))
        if is_news(appeal) and appeal.id not in known
    ]
