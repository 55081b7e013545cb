"""Files holding citizens' data or credentials are the service user's alone (issue 15, item 3).

The service database with its -wal/-shm, the demo's folder and ready file (it holds
passwords) and the child service's log are created 0600 in a 0700 folder; an existing
file readable by others is narrowed when the service opens it, with a warning.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from cur_desktop.central import child
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.db import create_central_engine, write_private
from cur_desktop.central.runner import write_ready_file
from cur_desktop.regions import builtin_pack_dir

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> object:
    """A permissive umask: the service, not the umask, must keep others out."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_database_its_wal_and_shm_are_0600_in_a_0700_folder(tmp_path: Path) -> None:
    path = tmp_path / "data" / "nested" / "central.sqlite"
    service = open_service(path, pack=builtin_pack_dir(), migrate=True)
    try:
        with service.engine.begin() as conn:  # a write keeps the -wal and -shm files open
            conn.execute(text("CREATE TABLE probe (x INTEGER)"))
        wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
        assert wal.exists()
        assert shm.exists()
        assert {p.name: mode(p) for p in (path, wal, shm)} == {
            "central.sqlite": 0o600,
            "central.sqlite-wal": 0o600,
            "central.sqlite-shm": 0o600,
        }
        assert mode(path.parent) == 0o700
        assert mode(path.parent.parent) == 0o700
    finally:
        service.engine.dispose()


def test_a_readable_database_is_narrowed_on_open_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "central.sqlite"
    service = open_service(path, pack=builtin_pack_dir(), migrate=True)
    service.engine.dispose()
    wal = Path(f"{path}-wal")
    wal.write_bytes(b"")
    path.chmod(0o644)
    wal.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="cur_desktop.central.db"):
        engine = create_central_engine(path)
    engine.dispose()
    assert mode(path) == 0o600
    assert mode(wal) == 0o600
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("central.sqlite was readable by other users" in w for w in warnings)
    assert any("central.sqlite-wal was readable by other users" in w for w in warnings)


def test_an_existing_shared_folder_is_left_alone_but_the_file_is_private(tmp_path: Path) -> None:
    shared = tmp_path / "srv"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    engine = create_central_engine(shared / "central.sqlite")
    engine.dispose()
    assert mode(shared) == 0o755  # not ours to change: --db /srv/data/central.sqlite
    assert mode(shared / "central.sqlite") == 0o600


def test_the_demo_ready_file_with_passwords_is_private(tmp_path: Path) -> None:
    ready = tmp_path / "run" / "ready.json"
    write_ready_file(ready, {"accounts": {"operator": {"password": "s3cret-pass"}}})
    assert mode(ready) == 0o600
    assert mode(ready.parent) == 0o700
    ready.chmod(0o644)
    write_ready_file(ready, {"url": "http://127.0.0.1:1"})  # rewritten: private again
    assert mode(ready) == 0o600


def test_an_export_written_over_a_readable_file_is_private(tmp_path: Path) -> None:
    export = tmp_path / "exports" / "appeals.csv"
    export.parent.mkdir()
    export.write_text("old")
    export.chmod(0o644)
    write_private(export, b"id;text\n1;...\n")
    assert mode(export) == 0o600
    assert export.read_bytes() == b"id;text\n1;...\n"


def test_the_child_service_log_is_private(tmp_path: Path) -> None:
    log_path = tmp_path / "central.log"
    log_path.write_text("older run")
    log_path.chmod(0o644)
    process = child.start(
        ["/bin/sh", "-c", "echo started"], ready=tmp_path / "ready.json", log_path=log_path
    )
    process.wait(10)
    assert mode(log_path) == 0o600
    assert log_path.read_text() == "started\n"


def test_a_backup_is_private_and_one_written_over_a_readable_file_is_narrowed(
    tmp_path: Path,
) -> None:
    from cur_desktop.central.bootstrap import backup

    path = tmp_path / "central.sqlite"
    service = open_service(path, pack=builtin_pack_dir(), migrate=True)
    service.engine.dispose()
    target = tmp_path / "backups" / "2026-12-07" / "central.sqlite"
    backup(path, target)  # `cur-central backup --to …`: every citizen's data
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    assert mode(target.parent.parent) == 0o700
    target.chmod(0o644)
    backup(path, target)  # the next night's, over a file someone made readable
    assert mode(target) == 0o600
