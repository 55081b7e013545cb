"""The ``.deb``: the frozen bundle under ``/opt/cur-desktop`` plus what the desktop needs.

Layout of the package::

    /opt/cur-desktop/          the PyInstaller bundle (cur-desktop, cur-central, _internal/)
    /usr/bin/cur-desktop       launcher script
    /usr/share/applications/cur-desktop-console.desktop   «Пульт оператора ЦУР»
    /usr/share/applications/cur-desktop-wall.desktop      «Видеостена ЦУР»
    /usr/share/icons/hicolor/{scalable,48x48,128x128,256x256}/apps/cur-desktop*.{svg,png}
    /usr/share/doc/cur-desktop/copyright

The icon cache and the desktop database are refreshed by the dpkg triggers of
``hicolor-icon-theme`` and ``desktop-file-utils``. The postinst only names, after an
upgrade, the programs still running the replaced build (they must be restarted). The
postrm only removes files the package did not install but Python may leave (byte-code caches),
so ``dpkg -r`` leaves nothing behind. The machine's preset
(``/etc/cur-desktop/preset.toml``) belongs to the administrator, not to the package.

Built with ``dpkg-deb --root-owner-group -Zxz``: xz, because dpkg before 1.21.18
(Debian 11, Astra Linux 1.7) cannot read zstd.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from curpack.manifest import APP_NAME, LAUNCHERS, Launcher

INSTALL_DIR = Path("/opt") / APP_NAME
PACKAGE = APP_NAME
MAINTAINER = "cur-desktop packaging <packaging@cur-desktop.invalid>"
ICON_SIZES = (48, 128, 256)
COMPRESSION = "xz"
DESCRIPTION = """\
Operator console and situation-room wall of a Regional Management Centre
 The workstation of a municipal or regional management centre (ЦУР): the
 operator console («Пульт оператора ЦУР») works citizens' appeals from the
 region's central service; the wall («Видеостена ЦУР») shows the situation on
 the screens of a situation room. Self-contained build in /opt/cur-desktop; the
 centre's preset (service address, region, municipalities) is read from
 /etc/cur-desktop/preset.toml."""


def control_text(
    version: str, architecture: str, depends: Sequence[str], installed_size_kib: int
) -> str:
    """The ``DEBIAN/control`` file."""
    fields = [
        ("Package", PACKAGE),
        ("Version", version),
        ("Architecture", architecture),
        ("Maintainer", MAINTAINER),
        ("Installed-Size", str(installed_size_kib)),
        ("Depends", ", ".join(depends)),
        ("Section", "misc"),
        ("Priority", "optional"),
        ("Description", DESCRIPTION),
    ]
    return "".join(f"{key}: {value}\n" for key, value in fields)


def desktop_entry(launcher: Launcher) -> str:
    """A freedesktop ``.desktop`` file for one launcher."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        f"Name={launcher.name}",
        f"GenericName={launcher.generic_name}",
        f"Comment={launcher.comment}",
        f"Exec=/usr/bin/{APP_NAME} {' '.join(launcher.args)}",
        f"TryExec=/usr/bin/{APP_NAME}",
        f"Icon={launcher.icon}",
        "Terminal=false",
        "Categories=Office;Qt;",
        "Keywords=ЦУР;обращения;ПОС;ситуационный центр;",
        f"StartupWMClass={APP_NAME}",
        "StartupNotify=true",
    ]
    return "\n".join(lines) + "\n"


LAUNCHER_SCRIPT = f"""\
#!/bin/sh
# {APP_NAME}: the self-contained app lives in {INSTALL_DIR} (package {PACKAGE}).
# Without a command it opens the mode of the centre's preset (/etc/cur-desktop/preset.toml).
exec {INSTALL_DIR}/{APP_NAME} "$@"
"""

POSTRM = f"""\
#!/bin/sh
# Remove what Python may have written beside the installed files (byte-code caches),
# so that removing the package leaves no files behind.
set -e
case "$1" in
    remove|purge)
        if [ -d {INSTALL_DIR} ]; then
            find {INSTALL_DIR} -depth -type d -name __pycache__ -exec rm -rf {{}} +
            find {INSTALL_DIR} -depth -type d -empty -delete
        fi
        ;;
esac
exit 0
"""


def postinst_text(install_dir: Path = INSTALL_DIR) -> str:
    """The postinst: after an upgrade, name the programs still running the replaced build.

    A running ``cur-desktop`` (a wall runs for weeks) reads its Python modules from its
    own executable whenever it first imports one, by path and at the offsets of the
    build it started from, and loads Qt plugins the same way. After ``dpkg`` has put the
    new build in place those reads hit the new file: the first screen, dialog or
    plugin not loaded before fails (``zlib.error``). The package cannot restart a
    user's session program; it names each one so the administrator restarts it.
    """
    exe = f"{install_dir}/{APP_NAME}"
    return f"""\
#!/bin/sh
# After an upgrade, name the programs still running the previous build: each reads its
# modules from {exe} by path, so it must be restarted (docs/installer.md).
set -e
if [ "$1" = configure ] && [ -n "$2" ]; then
    stale=""
    for link in /proc/[0-9]*/exe; do
        target=$(readlink "$link" 2>/dev/null) || continue
        [ "$target" = "{exe} (deleted)" ] || continue
        pid=${{link#/proc/}}
        pid=${{pid%/exe}}
        owner=$(stat -c %U "/proc/$pid" 2>/dev/null) || owner="?"
        command=$(tr '\\000' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || command=""
        stale="$stale  pid $pid, user $owner: $command\\n"
    done
    if [ -n "$stale" ]; then
        echo "{PACKAGE}: these programs still run the previous build ($2) and may fail" >&2
        echo "{PACKAGE}: on their next screen or dialog; restart them (wall: systemctl --user" >&2
        echo "{PACKAGE}: restart cur-desktop-wall, or log the wall account out and in):" >&2
        printf '%b' "$stale" >&2
    fi
fi
exit 0
"""


POSTINST = postinst_text()

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: cur-desktop

Files: *
License: proprietary
 cur-desktop for Regional Management Centres. The bundle also contains Python,
 Qt 6 and PySide6 (LGPL-3), numpy, pandas, SQLAlchemy and other libraries under
 their own licences, and the PT Sans fonts (ParaType Free Font License, see
 /opt/cur-desktop/_internal/resources/fonts/LICENSE-PTSans.txt).
"""


def tree_size_kib(root: Path) -> int:
    """Installed-Size: the sum of file sizes in KiB, rounded up per file like dpkg-gencontrol."""
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink() or path.is_file():
            size = path.lstat().st_size
            total += (size + 1023) // 1024
    return total


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def stage(bundle: Path, staging: Path, icons: dict[str, dict[str, Path]]) -> None:
    """Lay out the package's files under ``staging`` (``DEBIAN/`` comes later).

    ``icons`` maps an icon name to its files by size key (``"scalable"`` for the SVG,
    ``"48"``, ``"128"``, … for PNGs).
    """
    if staging.exists():
        shutil.rmtree(staging)
    target = staging / INSTALL_DIR.relative_to("/")
    shutil.copytree(bundle, target, symlinks=True)
    for pycache in list(target.rglob("__pycache__")):
        shutil.rmtree(pycache)
    _write(staging / "usr/bin" / APP_NAME, LAUNCHER_SCRIPT, 0o755)
    for launcher in LAUNCHERS:
        path = staging / "usr/share/applications" / f"{launcher.desktop_id}.desktop"
        _write(path, desktop_entry(launcher))
    for name, files in icons.items():
        for size, source in files.items():
            folder = "scalable" if size == "scalable" else f"{size}x{size}"
            dest = staging / "usr/share/icons/hicolor" / folder / "apps" / f"{name}{source.suffix}"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
            dest.chmod(0o644)
    _write(staging / "usr/share/doc" / PACKAGE / "copyright", COPYRIGHT)
    _normalise_modes(staging)


def _normalise_modes(staging: Path) -> None:
    """Directories 755; files 644 unless executable (then 755): no group/world write."""
    for path in [staging, *staging.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        executable = path.is_dir() or mode & 0o111
        path.chmod(0o755 if executable else 0o644)


def write_control(staging: Path, version: str, architecture: str, depends: Sequence[str]) -> None:
    size = tree_size_kib(staging)
    debian = staging / "DEBIAN"
    debian.mkdir(exist_ok=True)
    _write(debian / "control", control_text(version, architecture, depends, size))
    _write(debian / "postinst", POSTINST, 0o755)
    _write(debian / "postrm", POSTRM, 0o755)


def build_deb(staging: Path, out: Path) -> Path:
    """``dpkg-deb --build`` with xz compression; returns the package file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = ["dpkg-deb", "--root-owner-group", f"-Z{COMPRESSION}", "--build", str(staging), str(out)]
    subprocess.run(cmd, check=True)
    return out


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def deb_file_name(version: str, arch: str) -> str:
    return f"{PACKAGE}_{version}_{arch}.deb"
