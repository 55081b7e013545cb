"""Tests of the installer build (packaging/): its helpers live in packaging/curpack.

``packaging/`` is put on ``sys.path`` (it is not a package: see packaging/curpack/__init__.py).
Nothing here runs PyInstaller; scripts/build_packages.sh does the full build.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))
