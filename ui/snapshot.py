"""``cur-desktop snapshot``: the console or a wall page over a cache, rendered to PNG.

No display is needed: the renderers use Qt's ``offscreen`` platform when no
application exists yet. Documentation and support use it; ЦУРs send such
pictures to officials.
"""

from __future__ import annotations

import argparse
import logging
import sys

log = logging.getLogger(__name__)


def run_snapshot(args: argparse.Namespace) -> int:
    """Render the view ``args.view`` into ``args.out``; exit code."""
    if not args.cache.exists():
        print(f"cur-desktop: no cache at {args.cache}", file=sys.stderr)
        return 1
    if args.view == "wall":
        import importlib

        # ui.wall is imported by name: the wall's modules load only for a wall snapshot
        wall = importlib.import_module("ui.wall.snapshot")
        out = wall.render_wall_snapshot(
            args.cache, args.out, args.size, page=args.page, pack=args.pack, now=args.now
        )
    else:
        from ui.console.snapshot import render_console_snapshot

        out = render_console_snapshot(args.cache, args.out, args.size, now=args.now)
    print(f"snapshot: {out}")
    return 0
