"""Per-user paths come from one module, and the settings' schema migrates old stores.

The AST scan holds the rule "only ``cur_desktop.settings.folders`` asks platformdirs":
a new module that computes a user path itself fails here with its file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cur_desktop.settings import (
    HOME_ENV,
    SCHEMA_KEY,
    SCHEMA_VERSION,
    folders,
    folders_under,
    migrate,
    schema_version,
)
from cur_desktop.settings.store import SettingsVersionError, needs_migration

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("cur_desktop", "ui", "widgets", "scripts", "packaging", "bench")
OWNER = Path("cur_desktop/settings/folders.py")
#: Modules another part of the work still has to move over (the central service's
#: demo database default); each must still call platformdirs, so a fix shows up here.
PENDING: set[Path] = set()  # modules still to move onto folders() (none left)


def _platformdirs_calls() -> dict[Path, list[int]]:
    found: dict[Path, list[int]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            lines = [
                node.lineno
                for node in ast.walk(tree)
                if (
                    isinstance(node, ast.Import)
                    and any(a.name == "platformdirs" for a in node.names)
                )
                or (
                    isinstance(node, ast.ImportFrom)
                    and (node.module or "").startswith("platformdirs")
                )
            ]
            if lines:
                found[path.relative_to(ROOT)] = lines
    return found


def test_only_the_settings_module_asks_platformdirs() -> None:
    calls = _platformdirs_calls()
    assert OWNER in calls
    strays = {
        f"{path}:{lines[0]}" for path, lines in calls.items() if path not in {OWNER, *PENDING}
    }
    assert not strays, f"use cur_desktop.settings.folders() instead of platformdirs in {strays}"
    fixed = {str(path) for path in PENDING if path not in calls}
    assert not fixed, f"{fixed} no longer asks platformdirs: drop it from PENDING"


def test_one_home_moves_every_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    where = folders()
    assert where == folders_under(tmp_path)
    for path in (
        where.settings_file,
        where.tokens_file,
        where.servers_dir,
        where.wall_cache,
        where.wall_screens_dir,
        where.demo_dir,
        where.central_demo_db,
        where.runs_dir,
        where.crash_reports_dir,
    ):
        assert path.is_relative_to(tmp_path)
    assert not any(tmp_path.iterdir())  # naming a path creates nothing


def test_platform_folders_keep_the_paths_of_earlier_versions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Caches, tokens and wall files stay where earlier versions wrote them."""
    monkeypatch.delenv(HOME_ENV, raising=False)
    where = folders()
    assert where.data.name == "cur-desktop"
    assert where.config.name == "cur-desktop"
    assert where.servers_dir == where.data / "servers"
    assert where.wall_cache == where.data / "wall" / "cache.sqlite"
    assert where.tokens_file == where.config / "tokens.json"


def test_the_old_store_migrates_to_the_current_schema() -> None:
    old: dict[str, object] = {
        "session/recent_servers": "https://cur.example",  # one-element list, as INI reads it
        "session/last_login/0123456789abcdef": "operator",
        "console/operator/queue": "overdue",
        "console/operator/geometry": b"\x01\xd9\xd0\xcb",
        "wall/layout": "/srv/wall/layout.json",
        "wall/raised_alarms/builtin": "overdue-high",
        "QtProject/OpenURLHistory": "somewhere",  # not ours: stays in the old store
    }
    assert schema_version(old) == 0
    assert needs_migration(old)
    new = migrate(old)
    assert new[SCHEMA_KEY] == SCHEMA_VERSION
    assert new["session/recent_servers"] == ["https://cur.example"]
    assert new["wall/raised_alarms/builtin"] == ["overdue-high"]
    assert new["console/operator/geometry"] == b"\x01\xd9\xd0\xcb"
    assert new["session/last_login/0123456789abcdef"] == "operator"
    assert "QtProject/OpenURLHistory" not in new
    assert old["session/recent_servers"] == "https://cur.example"  # the input is untouched
    assert not needs_migration(new)
    assert migrate(new) == new


def test_a_newer_file_is_used_as_it_is() -> None:
    newer: dict[str, object] = {SCHEMA_KEY: str(SCHEMA_VERSION + 1), "wall/layout": "x"}
    assert migrate(newer) == newer
    assert not needs_migration(newer)


@pytest.mark.parametrize("version", ["one", "-1"])
def test_a_hand_edited_version_is_refused(version: str) -> None:
    with pytest.raises(SettingsVersionError):
        schema_version({SCHEMA_KEY: version})
