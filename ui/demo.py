"""``cur-desktop demo``: a generated demo region in the local cache, shown in a window.

On first start (or with ``--regenerate``) the demo cache is generated from the
built-in region pack; later starts open it at once. Until the operator console
exists the window is the overview of the cache (themes × statuses). With
``--screenshot`` the window is saved as PNG before it closes (machines without
a screen, documentation).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from cur_desktop.cache import Cache, QueueFilter
from cur_desktop.cli import default_demo_dir
from cur_desktop.commands import generate_into
from cur_desktop.domain.enums import Status

log = logging.getLogger(__name__)


def ensure_demo_cache(directory: Path, appeals: int, seed: int, *, regenerate: bool) -> Path:
    """The demo cache file, generated if missing (or asked to)."""
    path = directory / "cache.sqlite"
    if regenerate:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if not path.exists():
        log.info("generating %d demo appeals into %s", appeals, path)
        generate_into(path, None, appeals, seed)
    return path


def theme_status_rows(cache: Cache) -> list[tuple[str, str, int]]:
    """(theme name, status label, count) for the overview window."""
    from widgets.labels import status_label

    doc = cache.load_dictionaries()
    names = {t["code"]: t["name"] for t in (doc or {}).get("themes", [])}
    counts = cache.appeals.counts_by("theme", "status", flt=QueueFilter(open_only=False))
    totals: dict[str | None, int] = {}
    for (theme, _status), n in counts.items():
        totals[theme] = totals.get(theme, 0) + n
    order = {status.value: i for i, status in enumerate(Status)}
    # busiest themes first, the not-yet-categorised last; statuses in lifecycle order
    keys = sorted(
        counts,
        key=lambda k: (k[0] is None, -totals[k[0]], order.get(k[1], len(order))),
    )
    rows = []
    for theme, status in keys:
        theme_name = names.get(theme, theme) if theme else _untriaged()
        rows.append((theme_name, status_label(Status(status)), counts[(theme, status)]))
    return rows


def _untriaged() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Demo", "Not categorised yet")


def run_demo(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer

    from ui.app import create_application
    from ui.overview_window import OverviewWindow

    directory = args.dir if getattr(args, "dir", None) else default_demo_dir()
    path = ensure_demo_cache(
        directory,
        getattr(args, "appeals", 10_000),
        getattr(args, "seed", 2026),
        regenerate=getattr(args, "regenerate", False),
    )
    app = create_application(["cur-desktop"])
    cache = Cache.open(path)
    try:
        window = OverviewWindow(lambda: theme_status_rows(cache))
        window.resize(1280, 800)
        window.show()
        quit_after = getattr(args, "quit_after", None)
        screenshot = getattr(args, "screenshot", None)
        if quit_after is not None or screenshot is not None:

            def finish() -> None:
                if screenshot is not None:
                    screenshot.parent.mkdir(parents=True, exist_ok=True)
                    window.grab().save(str(screenshot))
                    print(f"demo: window saved to {screenshot}")
                window.close()
                app.quit()

            QTimer.singleShot(quit_after or 1000, window, finish)
        code = app.exec()
        window.deleteLater()
        return int(code)
    finally:
        cache.close()
