"""The ``cur-desktop`` program: windows for the GUI commands, the core for the rest.

The core (``cur_desktop``) may not import the GUI, so the program starts here:
it parses with the core's parser, runs headless commands through
:func:`cur_desktop.cli.run_headless` without loading Qt at all, and opens
windows for the rest.

Before a window command runs, :func:`ui.crash.install` puts up the safety net
(exception hooks, the Qt message handler, the run record with faulthandler) and
reports a crash of the command's previous run; a normal return marks the run clean.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from cur_desktop.cli import GUI_COMMANDS, build_parser, run_headless
from cur_desktop.logs import setup_logging
from cur_desktop.preset import PresetError, apply_environment, fill_arguments, find_preset

#: Each window command and the function that runs it ("module:function"), imported
#: only when its command runs: start-up time (PERFORMANCE.md).
GUI_RUNNERS = {
    None: "ui.demo:run_demo",
    "demo": "ui.demo:run_demo",
    "console": "ui.console.app:run_console",
    "wall": "ui.wall.app:run_wall",
    "screenshot": "ui.screenshot:run_screenshot",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.log_level, json_lines=args.json_logging)
    if args.command not in GUI_COMMANDS:
        return run_headless(args)
    try:
        args = _apply_preset(parser, args, argv)
    except PresetError as exc:
        print(f"cur-desktop: {exc}", file=sys.stderr)
        return 1
    from ui import crash

    handling = crash.install(_command_name(args), dialogs=shows_error_windows(args))
    module_name, function_name = GUI_RUNNERS[args.command].split(":")
    runner: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(module_name), function_name
    )
    code = runner(args)
    handling.finish()  # not reached after a crash: the run record stays for the next start
    return code


def _command_name(args: argparse.Namespace) -> str:
    return str(args.command or "demo")


def shows_error_windows(args: argparse.Namespace) -> bool:
    """Error windows in the console only: never on the wall, never in unattended runs."""
    if getattr(args, "quit_after", None) is not None or getattr(args, "screenshot", None):
        return False
    if args.command == "console":
        return True
    return args.command in (None, "demo") and getattr(args, "view", "console") == "console"


def _apply_preset(
    parser: argparse.ArgumentParser, args: argparse.Namespace, argv: Sequence[str] | None
) -> argparse.Namespace:
    """The centre's preset (cur_desktop/preset.py): its mode when none was given, its server."""
    preset = find_preset()
    if preset is None:
        return args
    if args.command is None:
        args = parser.parse_args([*(sys.argv[1:] if argv is None else argv), preset.default_mode])
    fill_arguments(preset, args)
    apply_environment(preset)
    return args


if __name__ == "__main__":
    sys.exit(main())
