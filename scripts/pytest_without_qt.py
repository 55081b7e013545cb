"""Run pytest with PySide6, shiboken6 and pyqtgraph made unimportable.

Proves at run time what import-linter proves statically: the core
(``cur_desktop``) works on a machine without Qt. A meta-path finder refuses
the Qt modules before anything is imported; pytest-qt is not loaded.
"""

from __future__ import annotations

import importlib.abc
import sys

BLOCKED = ("PySide6", "shiboken6", "pyqtgraph")


class _QtBlocker(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        if fullname.split(".", maxsplit=1)[0] in BLOCKED:
            msg = f"{fullname} is blocked: the core must not need Qt"
            raise ModuleNotFoundError(msg, name=fullname)


def main() -> int:
    sys.meta_path.insert(0, _QtBlocker())
    import pytest

    args = [
        "-p",
        "no:pytest-qt",
        "-o",
        "addopts=--strict-markers -ra",
        # pyproject's qt_* settings are unknown without pytest-qt: not an error here.
        "-W",
        "ignore:Unknown config option:pytest.PytestConfigWarning",
        "-m",
        "not qt",
        *sys.argv[1:],
    ]
    code = pytest.main(args)
    leaked = [m for m in sys.modules if m.split(".")[0] in BLOCKED]
    if leaked:
        sys.stderr.write(f"Qt modules were imported despite the block: {leaked}\n")
        return 1
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
