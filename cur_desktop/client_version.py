"""Is this client older than what the central service announces?

The service's ``GET /api/v1/me`` answer carries ``min_client_version`` (older clients
should not be used) and ``latest_client_version`` (what the region distributes); see
``docs/sync-protocol.md``. The app compares them with its own version and, when it is
behind, shows a non-modal notice (``ui/about.py``): the operator keeps working and the
centre's administrator installs the new package.

Versions are dotted numbers (``0.1.0``); anything after the numbers (``0.2.0rc1``)
is ignored for the comparison. Qt-free.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from cur_desktop import __version__

_NUMBERS = re.compile(r"^\s*v?(\d+(?:\.\d+)*)")


def version_key(text: str) -> tuple[int, ...] | None:
    """``"0.10.2"`` → ``(0, 10, 2)``; trailing zeros dropped; ``None`` if not a version."""
    match = _NUMBERS.match(text)
    if match is None:
        return None
    parts = [int(part) for part in match.group(1).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


@dataclass(frozen=True)
class UpdateNotice:
    """This client is behind what the service announces."""

    current: str
    latest: str
    required: bool  # below min_client_version: the service may refuse this client


def update_notice(answer: Mapping[str, object], current: str = __version__) -> UpdateNotice | None:
    """A notice when ``answer`` (the ``/me`` answer) announces a newer client; else None."""
    mine = version_key(current)
    if mine is None:
        return None
    latest = answer.get("latest_client_version")
    minimum = answer.get("min_client_version")
    latest_key = version_key(latest) if isinstance(latest, str) else None
    minimum_key = version_key(minimum) if isinstance(minimum, str) else None
    required = minimum_key is not None and mine < minimum_key
    if latest_key is not None and mine < latest_key:
        return UpdateNotice(current, str(latest), required)
    if required:
        return UpdateNotice(current, str(minimum), required=True)
    return None
