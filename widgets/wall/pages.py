"""The wall's pages by key: the default order and a factory.

Page modules are imported when a page is created, so a wall that shows only the
KPI board never loads pyqtgraph. GUI thread only.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from cur_desktop.analytics import WallContext
    from widgets.wall.page import WallPage

#: Default playlist order.
PAGE_KEYS: tuple[str, ...] = ("kpi", "heatmap", "map", "trends", "rating", "risk", "feed")

_CLASSES = {
    "kpi": "widgets.wall.kpi_page:KpiPage",
    "heatmap": "widgets.wall.heatmap_page:HeatmapPage",
    "map": "widgets.wall.map_page:MapPage",
    "trends": "widgets.wall.trends_page:TrendsPage",
    "rating": "widgets.wall.rating_page:RatingPage",
    "risk": "widgets.wall.risk_page:RiskPage",
    "feed": "widgets.wall.feed_page:FeedPage",
}


def page_class(key: str) -> type[WallPage]:
    try:
        target = _CLASSES[key]
    except KeyError:
        msg = f"unknown wall page {key!r} (known: {', '.join(PAGE_KEYS)})"
        raise KeyError(msg) from None
    module, name = target.split(":")
    cls: type[WallPage] = getattr(import_module(module), name)
    return cls


def create_page(key: str, context: WallContext, parent: QWidget | None = None) -> WallPage:
    """A new page ``key`` for ``context`` (metrics for a 1080-line screen until themed).

    pyqtgraph builds context menus and option panels for its plots as parentless
    widgets, i.e. hidden top-level windows that outlive the page. The page adopts
    every window created while it was built, so closing and deleting the page
    deletes them too (a wall runs for months: nothing may pile up).
    """
    from PySide6.QtWidgets import QApplication
    from shiboken6 import getCppPointer

    before = {getCppPointer(w)[0] for w in QApplication.topLevelWidgets()}
    page = page_class(key)(context, parent)
    for window in QApplication.topLevelWidgets():
        if getCppPointer(window)[0] not in before and window is not page:
            window.setParent(page, window.windowFlags())
    page.apply_metrics(page.metrics)
    return page
