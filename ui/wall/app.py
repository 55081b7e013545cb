"""``cur-desktop wall``: start the situation-room wall, in stages.

1. the application (fonts, translators, ru_RU) and the per-user memory;
2. the files: ``--layout`` or the layout used last, ``--cache`` or the cache used
   last (default ``<user data>/wall/cache.sqlite``), ``--pack`` or the built-in region;
3. the layout, checked (:mod:`ui.wall.layout`); a broken file is logged and shown
   in the status strip and the wall starts on the built-in layout instead;
4. the shell: windows placed on their screens, pages built, rotation, data worker;
5. with ``--server``, the sync engine in its own thread with the wall's token;
6. the save-screens hooks (SIGUSR1 on Linux) and, for tests and documentation,
   ``--quit-after`` and ``--screenshot``.

Exit codes: 0 after a normal stop, 1 when the wall cannot show anything at all
(no region pack could be loaded). Nothing here opens a dialog.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from ui.wall.layout import LayoutError, WallLayout, default_layout, load_layout
from ui.wall.user_settings import WallUserSettings

if TYPE_CHECKING:
    from cur_desktop.analytics.wall_context import WallContext
    from ui.wall.shell import WallShell

log = logging.getLogger(__name__)


def default_wall_cache() -> Path:
    from cur_desktop.settings import folders

    return folders().wall_cache


def resolve_layout(
    path: Path | None, page_keys: tuple[str, ...]
) -> tuple[WallLayout, LayoutError | None]:
    """The layout to run: the file's, or the built-in one with the reason it was refused."""
    if path is None:
        return default_layout(page_keys), None
    try:
        return load_layout(path, page_keys), None
    except LayoutError as exc:
        for problem in exc.problems:
            log.error("wall layout %s: %s", path, problem.english())  # noqa: TRY400
        log.error("wall layout %s not used: %s", path, exc.text())  # noqa: TRY400
        return default_layout(page_keys), exc


def load_context(pack_path: Path | None, cache_path: Path | None = None) -> WallContext:
    from cur_desktop.analytics import context_from_pack
    from cur_desktop.regions.pack import builtin_pack_dir, load_pack

    pack = load_pack(pack_path or builtin_pack_dir())
    if cache_path is not None:
        # the region's methodology as the service sent it (issue 16), else the bundled one
        from cur_desktop.desk.methodology import wall_methodology
        from cur_desktop.sync.region_docs import with_synced_dictionaries

        # the categories and templates as edited in the app (issue 17), else the pack's
        overrides: dict[str, object] = {
            "dictionaries": with_synced_dictionaries(pack.dictionaries, cache_path)
        }
        synced = wall_methodology(cache_path)
        if synced is not None:
            overrides["methodology"] = synced
        return context_from_pack(pack, **overrides)
    return context_from_pack(pack)


def build_shell(
    args: argparse.Namespace, memory: WallUserSettings | None
) -> tuple[WallShell, Path]:
    """Stages 2–5 (no event loop): the tests build the real wall through here."""
    from ui.wall.shell import WallShell
    from widgets.wall.pages import PAGE_KEYS, create_page

    layout_path: Path | None = args.layout or (memory.last_layout() if memory else None)
    cache_path: Path = (
        args.cache or (memory.last_cache() if memory else None) or default_wall_cache()
    )
    server: str | None = args.server or (memory.last_server() if memory else None)
    token_file: Path | None = args.token_file or (memory.last_token_file() if memory else None)
    layout, layout_error = resolve_layout(layout_path, PAGE_KEYS)
    context: WallContext | None
    context_problem: str | None = None
    from cur_desktop.sync.region_docs import held_version

    version = held_version(cache_path)  # read before the load: a sync after it is followed
    try:
        context = load_context(args.pack, cache_path)
    except Exception as exc:  # a wall still comes up and says why it is empty
        log.exception("wall: the region pack cannot be loaded")
        context = None
        context_problem = str(exc)
    factory = None
    if context is not None:
        ctx = context

        def factory(key: str) -> object:
            return create_page(key, ctx)

    shell = WallShell(
        layout,
        context=context,
        cache_path=cache_path,
        page_factory=factory,  # type: ignore[arg-type]
        windowed=bool(args.windowed),
        memory=memory,
        expect_sync=bool(server),
        context_loader=lambda: load_context(args.pack, cache_path),
        context_version=version,
    )
    if layout_error is not None:
        shell.set_message("layout", layout_error.text())
    if context_problem is not None:
        shell.set_message(
            "pack", _t("The region pack cannot be loaded: %1").replace("%1", context_problem)
        )
    if not cache_path.exists() and not server:
        log.error("wall: no cache at %s and no --server to fill it", cache_path)
    if server:
        from ui.wall.sync_worker import WallSync

        _prepare_cache(cache_path, shell)
        shell.attach_sync(WallSync(server, cache_path, token_file))
    if memory is not None and layout_error is None:
        memory.remember_files(layout_path, cache_path, server=server, token_file=token_file)
    return shell, cache_path


def _prepare_cache(cache_path: Path, shell: WallShell) -> None:
    """Create or migrate the cache once, before two threads open it at the same time."""
    from cur_desktop.cache import Cache, CacheError

    try:
        Cache.open(cache_path).close()
    except CacheError as exc:
        log.error("wall: the cache %s cannot be used: %s", cache_path, exc)  # noqa: TRY400
        shell.set_message("cache", _t("The cache cannot be used (%1)").replace("%1", exc.code))


def run_wall(args: argparse.Namespace) -> int:
    from ui.app import create_application
    from ui.wall.capture import SignalWakeup, save_composite

    app = create_application(["cur-desktop"])
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per sync request otherwise
    app.setQuitOnLastWindowClosed(False)  # a hot-plug may hide every window for a moment
    from ui.settings import user_settings

    memory = WallUserSettings(user_settings())
    shell, cache_path = build_shell(args, memory)
    log.info("wall on cache %s, layout %s", cache_path, shell.layout.source or "built in")
    wakeup = None
    if sys.platform != "win32" and hasattr(signal, "SIGUSR1"):
        # SIGUSR1 saves the screens; SIGTERM (systemctl stop) and SIGINT stop the wall
        # cleanly: the sync engine stops at a page boundary, the worker thread ends.
        wakeup = SignalWakeup(
            {signal.SIGUSR1: shell.save_screens, signal.SIGTERM: app.quit, signal.SIGINT: app.quit},
            shell,
        )
    quit_timer: QTimer | None = None
    screenshot: Path | None = args.screenshot

    def finish() -> None:
        if screenshot is not None:
            save_composite([w for w in shell.windows.values() if w.isVisible()], screenshot)
        app.quit()

    if args.quit_after is not None:
        quit_timer = QTimer(shell)
        quit_timer.setSingleShot(True)
        quit_timer.timeout.connect(finish)
    elif screenshot is not None:
        taken: list[Path] = []

        def first_picture(_revision: int) -> None:
            if not taken:
                taken.append(screenshot)
                save_composite(list(shell.windows.values()), screenshot)

        shell.data_shown.connect(first_picture)
    shell.start()
    if quit_timer is not None:
        quit_timer.start(args.quit_after)
    try:
        return app.exec()
    finally:
        if quit_timer is not None:
            quit_timer.stop()
        if wakeup is not None:
            wakeup.close()
        shell.stop()


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("WallApp", text)


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.translate("WallApp", "The region pack cannot be loaded: %1")
    QCoreApplication.translate("WallApp", "The cache cannot be used (%1)")
