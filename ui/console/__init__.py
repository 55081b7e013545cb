"""The operator console: queues, the queue table and one appeal in detail, over the cache.

``ConsoleWindow(ConsoleContext(cache))`` is the window; :func:`open_console` builds
both from an open cache; :mod:`ui.console.screenshot` renders it to PNG without a
display. Everything here reads the local cache only (STYLE.md §1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from cur_desktop.cache import Cache
    from ui.console.window import ConsoleWindow


def open_console(
    cache: Cache, *, queue: str | None = None, settings: QSettings | None = None
) -> ConsoleWindow:
    """A console window over an open cache (not yet shown)."""
    from ui.console.console_context import ConsoleContext
    from ui.console.window import ConsoleWindow

    return ConsoleWindow(ConsoleContext(cache), queue=queue, settings=settings)
