"""Every system library the built bundle loads at run time comes with the .deb's Depends.

``Depends`` is computed from the ``NEEDED`` entries of the bundle's ELF files
(``curpack/elfdeps.py``), plus a hand list of what Qt opens with ``dlopen()``. A
library opened at run time that neither names would be missing on a fresh machine and
only there. This runs the built bundle (``dist/cur-desktop``, from
``packaging/build.py bundle``) under Xvfb with the xcb platform, the way a workstation
runs it, records with the dynamic loader (``LD_DEBUG=libs``) every library it
initialises, and checks that the package owning each one is in the closure of the
computed ``Depends`` over this machine's installed packages.

Skipped where no bundle has been built (the normal suite); ``scripts/build_packages.sh``
builds one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from curpack import elfdeps, manifest

BUNDLE = manifest.ROOT / "dist" / manifest.APP_NAME

pytestmark = [
    pytest.mark.skipif(
        not (BUNDLE / manifest.APP_NAME).is_file(), reason="no built bundle in dist/"
    ),
    pytest.mark.skipif(
        shutil.which("xvfb-run") is None or shutil.which("dpkg-query") is None,
        reason="needs xvfb-run and dpkg",
    ),
]

_INIT = re.compile(r"calling init: (\S+)")


def _field(package: str, name: str) -> str:
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", f"${{{name}}}", package],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout if out.returncode == 0 else ""


def _installed_providers() -> dict[str, set[str]]:
    """Virtual or real package name → installed packages that are or provide it."""
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Package}\t${Provides}\t${db:Status-Abbrev}\n"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    providers: dict[str, set[str]] = {}
    for line in out.splitlines():
        package, provides, status = line.split("\t")
        if not status.startswith("ii"):
            continue
        providers.setdefault(package, set()).add(package)
        for entry in provides.split(","):
            name = entry.split("(")[0].strip()
            if name:
                providers.setdefault(name, set()).add(package)
    return providers


def _names(relation: str) -> list[list[str]]:
    """``a (>= 1) | b, c`` → ``[["a", "b"], ["c"]]`` (architecture qualifiers dropped)."""
    groups = []
    for entry in relation.split(","):
        alternatives = [
            alt.split("(")[0].split("[")[0].strip().split(":")[0] for alt in entry.split("|")
        ]
        alternatives = [a for a in alternatives if a]
        if alternatives:
            groups.append(alternatives)
    return groups


def depends_closure(depends: list[str]) -> set[str]:
    """The installed packages that ``depends`` pulls in, recursively."""
    providers = _installed_providers()
    todo = _names(", ".join(depends))
    seen: set[str] = set()
    while todo:
        group = todo.pop()
        for name in group:
            for package in providers.get(name, set()):
                if package in seen:
                    continue
                seen.add(package)
                relations = f"{_field(package, 'Depends')}, {_field(package, 'Pre-Depends')}"
                todo.extend(_names(relations))
    return seen


def _owner(path: Path) -> str | None:
    for candidate in dict.fromkeys([path, path.resolve()]):
        text = str(candidate)
        variants = [text]
        if text.startswith("/usr/lib/"):
            variants.append(text.removeprefix("/usr"))
        elif text.startswith("/lib/"):
            variants.append("/usr" + text)
        for variant in variants:
            out = subprocess.run(
                ["dpkg", "-S", variant], capture_output=True, text=True, check=False
            )
            if out.returncode == 0:
                return elfdeps.parse_dpkg_search(out.stdout)
    return None


def loaded_system_libraries(tmp_path: Path) -> set[Path]:
    """Libraries outside the bundle that the frozen demo (service + console), then the
    wall on the demo's cache, initialise."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    # Traced through `env`, so that Xvfb and xvfb-run's helpers are not: only the bundle's
    # processes (console, the demo service it starts, wall) write ld.<pid> files.
    traced = [
        "xvfb-run", "-a", "-s", "-screen 0 1920x1080x24",
        "env", "LD_DEBUG=libs", f"LD_DEBUG_OUTPUT={tmp_path / 'ld'}",
        str(BUNDLE / manifest.APP_NAME),
    ]  # fmt: skip
    demo = ["demo", "--dir", str(tmp_path / "demo"), "--appeals", "300"]
    wall = ["wall", "--cache", str(tmp_path / "demo" / "workstation.sqlite"), "--windowed"]
    for name, args in (("demo", demo), ("wall", wall)):
        shot = tmp_path / f"{name}.png"
        cmd = [*traced, *args, "--quit-after", "3000", "--screenshot", str(shot)]
        subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=600)
        assert shot.is_file(), name
    loaded: set[Path] = set()
    for log in tmp_path.glob("ld.*"):
        for match in _INIT.finditer(log.read_text(errors="replace")):
            path = Path(match.group(1))
            if not path.is_relative_to(BUNDLE.resolve()) and not path.is_relative_to(BUNDLE):
                loaded.add(path)
    return loaded


def test_every_system_library_loaded_is_in_the_depends_closure(tmp_path: Path) -> None:
    loaded = loaded_system_libraries(tmp_path)
    assert any(p.name.startswith("libxcb") for p in loaded)  # the xcb platform did run
    depends = elfdeps.system_depends(BUNDLE).depends
    closure = depends_closure(depends)
    outside: dict[str, list[str]] = {}
    for path in sorted(loaded):
        package = _owner(path) or f"no package owns {path}"
        if package not in closure:
            outside.setdefault(package, []).append(path.name)
    assert not outside, f"loaded at run time but not in Depends {depends}: {outside}"
