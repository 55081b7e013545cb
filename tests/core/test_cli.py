"""The headless command line, run as the real program in a subprocess where it matters."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cur_desktop import __version__
from cur_desktop.cache import Cache
from cur_desktop.cache.migrate import head_revision
from cur_desktop.cli import main

TINY = Path(__file__).resolve().parents[1] / "data" / "packs" / "tiny"


def test_version_from_the_installed_entry_point() -> None:
    exe = Path(sys.executable).with_name("cur-desktop")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == f"cur-desktop {__version__}"


def test_generate_then_inspect_and_search(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache_path = tmp_path / "c.sqlite"
    code = main(
        [
            "generate", "--cache", str(cache_path), "--appeals", "300",
            "--seed", "3", "--now", "2026-11-20T12:00+03:00",
        ]
    )  # fmt: skip
    assert code == 0
    assert "300 demo appeals" in capsys.readouterr().out
    with Cache.open(cache_path) as cache:
        assert cache.appeals.max_id() == 300
        assert cache.get_state("demo.region") == "RU-TUL"
        assert cache.load_dictionaries() is not None
        assert cache.appeals.history(1)[0].action == "create"
        newest = cache.appeals.get(300)
        assert newest is not None
        assert newest.created_at <= datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    assert main(["cache", "info", "--cache", str(cache_path)]) == 0
    info = capsys.readouterr().out
    assert "appeals:     300" in info
    assert f"schema:      {head_revision()}" in info
    assert main(["cache", "search", "--cache", str(cache_path), "дорога"]) == 0
    assert "found" in capsys.readouterr().out
    # a second generation into the same file is refused, not mixed in
    assert main(["generate", "--cache", str(cache_path), "--appeals", "10"]) == 1
    assert "already holds appeals" in capsys.readouterr().err


def test_generate_with_another_pack(tmp_path: Path) -> None:
    cache_path = tmp_path / "tiny.sqlite"
    assert (
        main(["generate", "--cache", str(cache_path), "--pack", str(TINY), "--appeals", "200"]) == 0
    )
    with Cache.open(cache_path) as cache:
        assert cache.get_state("demo.region") == "XX-TINY"
        assert set(cache.appeals.counts_by("municipality")) <= {
            m["oktmo"]
            for m in cache.load_dictionaries()["municipalities"]  # type: ignore[index]
        }


def test_bad_input_gives_clear_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cache", "info", "--cache", str(tmp_path / "missing.sqlite")]) == 1
    assert "no cache file" in capsys.readouterr().err
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database " * 50)
    assert main(["cache", "info", "--cache", str(junk)]) == 1
    assert "not a cache" in capsys.readouterr().err
    assert main(["regions", "check", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("cur-desktop: ")
    assert (
        main(["regions", "build", "--source", str(tmp_path / "none"), "--out", str(tmp_path)]) == 1
    )
    with pytest.raises(SystemExit):
        main(["generate", "--cache", "x", "--now", "2026-01-01T00:00"])  # no time zone


def test_regions_check_builtin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions", "check", str(TINY)]) == 0
    assert "XX-TINY" in capsys.readouterr().out


def test_screenshot_command_keeps_its_old_name(capsys: pytest.CaptureFixture[str]) -> None:
    """``cur-desktop snapshot`` (the old name) still parses, as ``screenshot``, and is
    left out of the command list; the screenshot command's help mentions it."""
    from cur_desktop.cli import build_parser

    parser = build_parser()
    for name in ("screenshot", "snapshot"):
        args = parser.parse_args([name, "--view", "wall", "--cache", "c", "--out", "o.png"])
        assert (args.command, args.view, args.out) == ("screenshot", "wall", Path("o.png"))
    parser.print_help()
    listing = capsys.readouterr().out
    assert "screenshot" in listing
    assert "'snapshot' still works" in " ".join(listing.split())
    assert "{demo,generate,regions,cache,console,wall,screenshot,sync,report,forecast}" in listing
