"""Every module of the app imports with the modules the bundle leaves out made unimportable.

The bundle drops Qt modules and tools by name (``manifest.EXCLUDED_MODULES``); a screen
that starts to import one of them (or a library that does: pyqtgraph loads QtOpenGL)
would fail only on the installed workstation. This runs the same imports here, in a
fresh interpreter, with an import hook refusing the excluded names.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import importlib, os, sys
sys.path[:0] = [{root!r}, {packaging!r}]
from curpack import manifest

class Refuse:
    def find_spec(self, name, path=None, target=None):
        for excluded in manifest.EXCLUDED_MODULES:
            if name == excluded or name.startswith(excluded + "."):
                raise ModuleNotFoundError(f"{{name}} is left out of the bundle", name=name)
        return None

sys.meta_path.insert(0, Refuse())
failed = []
for name in [*manifest.hidden_imports(), "pyqtgraph"]:
    if name.endswith("__main__"):
        continue  # runs its program on import
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{{name}}: {{type(exc).__name__}}: {{exc}}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def test_app_modules_import_without_the_excluded_modules(tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    code = CHECK.format(root=str(ROOT), packaging=str(ROOT / "packaging"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
