"""The .deb: control file, menu entries, layout, and a real dpkg-deb build of a tiny tree."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from curpack import debian, manifest

needs_dpkg_deb = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")


def test_control_file() -> None:
    text = debian.control_text("0.1.0", "amd64", ["libc6 (>= 2.36)", "libxcb1"], 123456)
    fields = dict(line.split(": ", 1) for line in text.splitlines() if not line.startswith(" "))
    assert fields["Package"] == "cur-desktop"
    assert fields["Version"] == "0.1.0"
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "123456"
    assert fields["Depends"] == "libc6 (>= 2.36), libxcb1"
    continuation = [line for line in text.splitlines() if line.startswith(" ")]
    assert continuation  # the long description, each line indented
    assert text.endswith("\n")


def test_desktop_entries() -> None:
    texts = {launcher.key: debian.desktop_entry(launcher) for launcher in manifest.LAUNCHERS}
    assert "Name=Пульт оператора ЦУР\n" in texts["console"]
    assert "Exec=/usr/bin/cur-desktop console\n" in texts["console"]
    assert "Name=Видеостена ЦУР\n" in texts["wall"]
    assert "Exec=/usr/bin/cur-desktop wall\n" in texts["wall"]
    assert "Icon=cur-desktop-wall\n" in texts["wall"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_entries_validate(tmp_path: Path) -> None:
    for launcher in manifest.LAUNCHERS:
        path = tmp_path / f"{launcher.desktop_id}.desktop"
        path.write_text(debian.desktop_entry(launcher), encoding="utf-8")
        result = subprocess.run(
            ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert not result.stdout.strip(), result.stdout  # no hints either


def test_maintainer_script_is_valid_sh(tmp_path: Path) -> None:
    script = tmp_path / "postrm"
    script.write_text(debian.POSTRM)
    subprocess.run(["sh", "-n", str(script)], check=True)
    script.write_text(debian.POSTINST)
    subprocess.run(["sh", "-n", str(script)], check=True)
    launcher = tmp_path / "cur-desktop"
    launcher.write_text(debian.LAUNCHER_SCRIPT)
    subprocess.run(["sh", "-n", str(launcher)], check=True)


def _fake_bundle(root: Path) -> Path:
    bundle = root / "bundle"
    (bundle / "_internal/cur_desktop/cache/migrations/__pycache__").mkdir(parents=True)
    (bundle / "_internal/cur_desktop/cache/migrations/__pycache__/env.cpython-311.pyc").write_bytes(
        b"x"
    )
    (bundle / "_internal/resources").mkdir()
    (bundle / "_internal/resources/data.json").write_text("{}")
    exe = bundle / "cur-desktop"
    exe.write_text("#!/bin/sh\necho cur-desktop 0.1.0\n")
    exe.chmod(0o700)
    (bundle / "cur-central").symlink_to("cur-desktop")
    return bundle


def _icons() -> dict[str, dict[str, Path]]:
    icons = {}
    for launcher in manifest.LAUNCHERS:
        svg = manifest.ROOT / "resources/icons" / f"{launcher.icon}.svg"
        icons[launcher.icon] = {"scalable": svg}
    return icons


def test_stage_lays_out_the_package(tmp_path: Path) -> None:
    staging = tmp_path / "root"
    debian.stage(_fake_bundle(tmp_path), staging, _icons())
    files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if not p.is_dir())
    assert files == [
        "opt/cur-desktop/_internal/resources/data.json",
        "opt/cur-desktop/cur-central",
        "opt/cur-desktop/cur-desktop",
        "usr/bin/cur-desktop",
        "usr/share/applications/cur-desktop-console.desktop",
        "usr/share/applications/cur-desktop-wall.desktop",
        "usr/share/doc/cur-desktop/copyright",
        "usr/share/icons/hicolor/scalable/apps/cur-desktop-wall.svg",
        "usr/share/icons/hicolor/scalable/apps/cur-desktop.svg",
    ]
    assert (staging / "opt/cur-desktop/cur-central").is_symlink()
    assert stat.S_IMODE((staging / "opt/cur-desktop/cur-desktop").stat().st_mode) == 0o755
    assert stat.S_IMODE((staging / "usr/bin/cur-desktop").stat().st_mode) == 0o755
    assert stat.S_IMODE((staging / "usr/share/doc/cur-desktop/copyright").stat().st_mode) == 0o644


@needs_dpkg_deb
def test_build_a_real_deb(tmp_path: Path) -> None:
    staging = tmp_path / "root"
    debian.stage(_fake_bundle(tmp_path), staging, _icons())
    debian.write_control(staging, "0.1.0", "amd64", ["libc6 (>= 2.36)"])
    deb = debian.build_deb(staging, tmp_path / debian.deb_file_name("0.1.0", "amd64"))
    members = subprocess.run(["ar", "t", str(deb)], capture_output=True, text=True, check=True)
    assert members.stdout.split() == ["debian-binary", "control.tar.xz", "data.tar.xz"]
    field = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True, text=True, check=True
    )
    assert field.stdout.strip() == "libc6 (>= 2.36)"
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    )
    assert "./opt/cur-desktop/cur-central -> cur-desktop" in listing.stdout
    assert "root/root" in listing.stdout
    assert "__pycache__" not in listing.stdout
    control = subprocess.run(
        ["dpkg-deb", "-I", str(deb), "postrm"], capture_output=True, text=True, check=True
    )
    assert "__pycache__" in control.stdout
    postinst = subprocess.run(
        ["dpkg-deb", "-I", str(deb), "postinst"], capture_output=True, text=True, check=True
    )
    assert "(deleted)" in postinst.stdout


def _running_copy(folder: Path) -> subprocess.Popen[bytes]:
    """A real process whose executable is ``folder/cur-desktop`` (a copy of sleep)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shutil.which("sleep") or "/bin/sleep", folder / "cur-desktop")
    (folder / "cur-desktop").chmod(0o755)
    return subprocess.Popen([str(folder / "cur-desktop"), "60"])


@pytest.mark.skipif(not Path("/proc/self/exe").exists(), reason="needs /proc")
def test_postinst_names_the_programs_still_running_the_replaced_build(tmp_path: Path) -> None:
    """After an upgrade a running cur-desktop reads its modules from the new file at the
    old build's offsets: the postinst names each such process, and only those."""
    script = tmp_path / "postinst"
    script.write_text(debian.postinst_text(tmp_path / "opt"))
    stale = _running_copy(tmp_path / "opt")
    current = _running_copy(tmp_path / "other")
    try:
        fresh = subprocess.run(
            ["sh", str(script), "configure", ""], check=False, capture_output=True, text=True
        )
        assert fresh.returncode == 0
        assert fresh.stderr == ""  # a first install: nothing ran the package before
        # what dpkg does on upgrade: the new file is renamed over the old one
        shutil.copyfile(tmp_path / "opt/cur-desktop", tmp_path / "new")
        (tmp_path / "new").rename(tmp_path / "opt/cur-desktop")
        upgrade = subprocess.run(
            ["sh", str(script), "configure", "0.1.0+b1"],
            check=False,
            capture_output=True,
            text=True,
        )
        assert upgrade.returncode == 0
        assert f"pid {stale.pid}," in upgrade.stderr
        assert "previous build (0.1.0+b1)" in upgrade.stderr
        assert f"pid {current.pid}," not in upgrade.stderr
    finally:
        for process in (stale, current):
            process.kill()
            process.wait()
