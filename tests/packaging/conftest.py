"""Tests of the installer build (packaging/): its helpers live in packaging/curpack.

``packaging/`` is put on ``sys.path`` (it is not a package: see packaging/curpack/__init__.py).
Nothing here runs PyInstaller; scripts/build_packages.sh does the full build.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))


def load_build_module() -> ModuleType:
    """``packaging/build.py`` (a script, not a module on the path) loaded as a module."""
    spec = importlib.util.spec_from_file_location("curpack_build", PACKAGING / "build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
