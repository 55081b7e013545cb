"""The one exception a broken region pack raises.

A pack is prepared by people outside the project (a region's ЦУР, an integrator),
so every refusal must say which file and which field is wrong: the message is
what they will read when the application refuses to start with their pack.
"""

from __future__ import annotations

from pathlib import Path


class PackError(ValueError):
    """A region pack is missing, malformed or inconsistent.

    ``path`` is the offending file and ``field`` the JSON field (or feature)
    within it, when known; both are also in the message.
    """

    def __init__(self, path: Path, problem: str, field: str | None = None) -> None:
        self.path = path
        self.field = field
        self.problem = problem
        where = f"{path}: field {field!r}" if field else str(path)
        super().__init__(f"{where}: {problem}")
