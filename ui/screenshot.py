"""``cur-desktop screenshot``: the console or a wall page over a cache, rendered to PNG.

No display is needed: the renderers use Qt's ``offscreen`` platform when no
application exists yet. Documentation and support use it; ЦУРs send such
pictures to officials. ``cur-desktop snapshot``, the command's old name, runs
it too (:mod:`cur_desktop.cli`).
"""

from __future__ import annotations

import argparse
import logging
import sys

log = logging.getLogger(__name__)


def run_screenshot(args: argparse.Namespace) -> int:
    """Render the view ``args.view`` into ``args.out``; exit code."""
    if not args.cache.exists():
        print(f"cur-desktop: no cache at {args.cache}", file=sys.stderr)
        return 1
    if args.view == "wall":
        import importlib

        # ui.wall is imported by name: the wall's modules load only for a wall screenshot
        wall = importlib.import_module("ui.wall.screenshot")
        out = wall.render_wall_screenshot(
            args.cache, args.out, args.size, page=args.page, pack=args.pack, now=args.now
        )
    else:
        from ui.console.screenshot import render_console_screenshot

        out = render_console_screenshot(args.cache, args.out, args.size, now=args.now)
    print(f"screenshot: {out}")
    return 0
