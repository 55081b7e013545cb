"""Where the data files shipped with the product live.

The ``resources/`` folder sits beside the ``cur_desktop`` package in a checkout,
and inside the bundle of a frozen (PyInstaller) build. Data readers (fonts,
translations, the production calendar, the SLA rules, dictionaries, region
packs) must not guess paths from the current directory: the desktop is started
from anywhere, and the central service from a service manager. This one
function answers the question for everyone, Qt-free so it works before Qt starts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: Environment variable that overrides the search (packagers, tests, odd layouts).
RESOURCES_ENV = "CUR_DESKTOP_RESOURCES"


def resources_dir() -> Path:
    """The ``resources`` folder of this installation.

    Looked up, in order: ``$CUR_DESKTOP_RESOURCES``; ``<bundle>/resources`` of a frozen
    build; ``<repository>/resources`` next to the package. Raises
    :class:`FileNotFoundError` naming every place it tried.
    """
    tried: list[Path] = []
    override = os.environ.get(RESOURCES_ENV)
    if override:
        candidate = Path(override)
        if candidate.is_dir():
            return candidate
        tried.append(candidate)
    bundle = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle, str):
        candidate = Path(bundle) / "resources"
        if candidate.is_dir():
            return candidate
        tried.append(candidate)
    candidate = Path(__file__).resolve().parents[1] / "resources"
    if candidate.is_dir():
        return candidate
    tried.append(candidate)
    places = ", ".join(str(p) for p in tried)
    msg = f"the resources folder was not found (tried {places}); set {RESOURCES_ENV}"
    raise FileNotFoundError(msg)
