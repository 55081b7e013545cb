"""The .deb's version changes from one build to the next, in the order dpkg compares.

A newer build with the same version as the installed one is «already the newest
version» to ``apt-get install ./file.deb``: nothing would be upgraded. The tests use real
git repositories and dpkg's own comparison.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cur_desktop import __version__
from tests.packaging.conftest import load_build_module

ROOT = Path(__file__).resolve().parents[2]

needs_git_and_dpkg = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("dpkg") is None, reason="needs git and dpkg"
)


_build = load_build_module


def _newer(a: str, b: str) -> bool:
    """``a`` is a newer Debian version than ``b`` (dpkg decides)."""
    return subprocess.run(["dpkg", "--compare-versions", a, "gt", b], check=False).returncode == 0


def _git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def _checkout(tmp_path: Path) -> Path:
    repo = tmp_path / "src"
    (repo / "cur_desktop").mkdir(parents=True)
    (repo / "cur_desktop/__init__.py").write_text(f'__version__ = "{__version__}"\n')
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first", when="2026-12-01T10:00:00Z")
    return repo


@needs_git_and_dpkg
def test_each_commit_gives_a_newer_package_version(tmp_path: Path) -> None:
    build = _build()
    repo = _checkout(tmp_path)
    first = build.package_version(repo)
    (repo / "cur_desktop/new_screen.py").write_text("X = 1\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "second", when="2026-12-02T10:00:00Z")
    second = build.package_version(repo)
    assert first.startswith(f"{__version__}+b20261201100000.g")
    assert second.startswith(f"{__version__}+b20261202100000.g")
    assert _newer(second, first)
    assert _newer(first, __version__)  # an upgrade from the builds versioned 0.1.0 alone
    assert build.package_version(repo) == second  # a clean checkout: the same every time


@needs_git_and_dpkg
def test_a_tree_with_uncommitted_changes_is_versioned_by_build_time(tmp_path: Path) -> None:
    build = _build()
    repo = _checkout(tmp_path)
    clean = build.package_version(repo)
    (repo / "cur_desktop/__init__.py").write_text(f'__version__ = "{__version__}"\nX = 2\n')
    one = build.package_version(repo, now=1_796_000_000.0)  # 2026-11-30, before the commit
    two = build.package_version(repo, now=1_796_000_060.0)
    assert one.endswith(".dirty")
    assert _newer(two, one)
    assert one != clean


@needs_git_and_dpkg
def test_outside_a_checkout_the_build_time_orders_the_builds(tmp_path: Path) -> None:
    build = _build()
    tree = tmp_path / "unpacked"
    (tree / "cur_desktop").mkdir(parents=True)
    (tree / "cur_desktop/__init__.py").write_text(f'__version__ = "{__version__}"\n')
    one = build.package_version(tree, now=1_796_000_000.0)
    two = build.package_version(tree, now=1_796_000_060.0)
    assert _newer(two, one)
    assert _newer(one, __version__)


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")
def test_the_built_deb_carries_the_build_version(tmp_path: Path) -> None:
    """``build.py deb`` on a (script-only) bundle: file name and Version field."""
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / "cur-desktop"
    exe.write_text("#!/bin/sh\necho cur-desktop\n")
    exe.chmod(0o755)
    (bundle / "cur-central").symlink_to("cur-desktop")
    build = _build()
    assert build.main(["deb", "--bundle", str(bundle), "--out", str(tmp_path / "out")]) == 0
    (deb,) = (tmp_path / "out").glob("*.deb")
    version = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert version != __version__
    assert version.startswith(f"{__version__}+b")
    assert deb.name == f"cur-desktop_{version}_{build.debian.architecture()}.deb"
