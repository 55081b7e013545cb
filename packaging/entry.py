"""Entry script of the frozen app: ``cur-desktop``, or ``cur-central`` when started by that name.

One executable serves both programs (the bundle carries one copy of the Python code):
on Linux ``cur-central`` is a symbolic link to ``cur-desktop`` inside the bundle.

The app also starts helpers of its own as ``sys.executable -m cur_desktop.central …``
(``cur-desktop demo`` runs the demo service that way). Frozen, ``sys.executable`` is
this program, so it answers ``-m MODULE`` for the app's own packages like Python would.
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path

#: Packages whose modules may be run with ``-m`` (the app's own, nothing else).
RUNNABLE_PACKAGES = ("cur_desktop", "widgets", "ui")


def _run() -> int:
    # Alembic imports the migration scripts from source files inside the bundle; writing
    # their byte-code there would leave files the package manager does not know about.
    sys.dont_write_bytecode = True
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    if len(sys.argv) >= 3 and sys.argv[1] == "-m":
        module = sys.argv[2]
        if module.split(".", 1)[0] not in RUNNABLE_PACKAGES:
            print(f"cur-desktop: -m {module}: not a module of this program", file=sys.stderr)
            return 2
        sys.argv = [module, *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        return 0
    if Path(sys.argv[0]).name.lower().startswith("cur-central"):
        from cur_desktop.central.cli import main as central_main

        return central_main()
    from ui.main import main

    return main()


if __name__ == "__main__":
    sys.exit(_run())
