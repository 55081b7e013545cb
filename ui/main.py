"""The ``cur-desktop`` program: windows for the GUI commands, the core for the rest.

The core (``cur_desktop``) may not import the GUI, so the program starts here:
it parses with the core's parser, runs headless commands through
:func:`cur_desktop.cli.run_headless` without loading Qt at all, and opens
windows for the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from cur_desktop.cli import GUI_COMMANDS, build_parser, run_headless
from cur_desktop.logs import setup_logging


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(args.log_level, json_lines=args.json_logging)
    if args.command not in GUI_COMMANDS:
        return run_headless(args)
    from ui.demo import run_demo

    return run_demo(args)


if __name__ == "__main__":
    sys.exit(main())
