"""Entry script of the frozen app: ``cur-desktop``, or ``cur-central`` when started by that name.

One executable serves both programs (the bundle carries one copy of the Python code):
on Linux ``cur-central`` is a symbolic link to ``cur-desktop`` inside the bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _run() -> int:
    # Alembic imports the migration scripts from source files inside the bundle; writing
    # their byte-code there would leave files the package manager does not know about.
    sys.dont_write_bytecode = True
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    if Path(sys.argv[0]).name.lower().startswith("cur-central"):
        from cur_desktop.central.cli import main as central_main

        return central_main()
    from ui.main import main

    return main()


if __name__ == "__main__":
    sys.exit(_run())
