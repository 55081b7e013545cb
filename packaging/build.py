"""Build the frozen app and its packages.

    .venv/bin/python packaging/build.py bundle [--preset FILE]   dist/cur-desktop/ (PyInstaller)
    .venv/bin/python packaging/build.py deb                      dist/cur-desktop_<ver>_<arch>.deb
    .venv/bin/python packaging/build.py depends                  the .deb's Depends, explained
    .venv/bin/python packaging/build.py windows-defines --out F  Inno Setup #defines (Windows CI)
    .venv/bin/python packaging/build.py check-png FILE           a screenshot shows something

``scripts/build_packages.sh`` runs the whole chain and installs the result; the
commands here are its steps. ``docs/installer.md`` explains the choices.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from curpack import debian, elfdeps, inno, manifest

ROOT = manifest.ROOT
DIST = ROOT / "dist"
WORK = ROOT / "build"
SPEC = Path(__file__).resolve().parent / "cur-desktop.spec"


def app_version(root: Path = ROOT) -> str:
    """``cur_desktop.__version__``, read from the source (no import)."""
    text = (root / "cur_desktop/__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("cur_desktop/__init__.py has no __version__")
    return match.group(1)


def package_version(root: Path = ROOT, now: float | None = None) -> str:
    """The ``.deb``'s version: the app's version plus which build this is.

    ``cur_desktop.__version__`` alone stays the same from one build to the next, so a
    newer build would carry the same version as the one installed: ``apt-get install``
    then calls it «already the newest version» and installs nothing, and ``dpkg -l``
    cannot tell the builds apart. The suffix orders the builds by time and names the
    commit: ``0.1.0+b20261203163000.g65134b3`` (the commit's time for a clean checkout;
    the build's time, and ``.dirty``, when the tree has changes not committed, as each
    such build may differ). Outside a git checkout it is the build's time
    (``$SOURCE_DATE_EPOCH`` when set, for reproducible builds).
    """
    base = app_version(root)
    stamp = time.time() if now is None else now
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        stamp = float(os.environ["SOURCE_DATE_EPOCH"])
    suffix = ""
    commit = _git(root, "log", "-1", "--format=%ct %h")
    if commit:
        seconds, short = commit.split()
        suffix = f".g{short}"
        if _git(root, "status", "--porcelain", "--", ".") == "":
            stamp = float(seconds)
        else:
            suffix += ".dirty"
    when = time.strftime("%Y%m%d%H%M%S", time.gmtime(stamp))
    return f"{base}+b{when}{suffix}"


def _git(root: Path, *args: str) -> str | None:
    """A git command's output in ``root`` (stripped), ``None`` outside a checkout."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def stage_preset(path: Path, staging: Path) -> Path:
    """Check a preset as the app would, and copy it (as preset.toml) with its CA to bake."""
    sys.path.insert(0, str(ROOT))
    from cur_desktop.preset import PresetError, load_preset

    try:
        preset = load_preset(path.resolve())
        files = manifest.preset_files(path.resolve())
    except (PresetError, ValueError) as exc:
        raise SystemExit(f"build: {exc}") from exc
    if staging.exists():
        shutil.rmtree(staging)
    staged = staging / manifest.PRESET_NAME
    for source, folder in files:
        target = staging / Path(folder).relative_to(manifest.BAKED_PRESET_DIR)
        target.mkdir(parents=True, exist_ok=True)
        name = manifest.PRESET_NAME if source == path.resolve() else source.name
        shutil.copyfile(source, target / name)
    print(f"build: baking preset {path} ({preset.centre or 'no centre name'}, {preset.server})")
    return staged


def prune_plugins(bundle: Path) -> list[str]:
    """Drop Qt plugins whose system libraries this build machine lacks (e.g. Wayland's).

    They could not be loaded here, and their packages would be missing from Depends.
    A library of the bundle that only such plugins used goes with them.
    """
    locate = elfdeps.parse_ldconfig(elfdeps.run(["ldconfig", "-p"]))
    dropped: list[str] = []
    files = elfdeps.scan_bundle(bundle)
    while True:
        provided = {p.name for p in files} | {i.soname for i in files.values() if i.soname}
        users = {lib for info in files.values() for lib in info.needed}
        doomed = []
        for path, info in files.items():
            missing = sorted(lib for lib in info.needed if lib not in provided | locate.keys())
            unused = path.name not in users and (info.soname is None or info.soname not in users)
            if missing and ("plugins" in path.parts or unused):
                doomed.append((path, missing))
        if not doomed:
            return dropped
        for path, missing in doomed:
            path.unlink()
            del files[path]
            dropped.append(f"{path.relative_to(bundle)} (needs {', '.join(missing)})")


def strip_bundle(bundle: Path) -> int:
    """Strip the symbols of the bundle's ELF files that allow it; returns bytes saved."""
    saved = 0
    for path, info in elfdeps.scan_bundle(bundle).items():
        if not elfdeps.strippable(path.relative_to(bundle), info):
            continue
        before = path.stat().st_size
        subprocess.run(["strip", "--strip-unneeded", str(path)], check=True)
        saved += before - path.stat().st_size
    return saved


def cmd_bundle(args: argparse.Namespace) -> int:
    env = dict(os.environ)
    env.pop("CURPACK_PRESET", None)
    if args.preset is not None:
        env["CURPACK_PRESET"] = str(stage_preset(args.preset, WORK / "preset"))
    if sys.platform == "win32":
        from curpack.icons import render_ico

        icons = render_ico(WORK / "windows" / "icons")
        env["CURPACK_ICO"] = str(icons[manifest.LAUNCHERS[0].icon])
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(args.dist), "--workpath", str(WORK / "pyinstaller"), str(SPEC),
    ]  # fmt: skip
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    bundle = args.dist / manifest.APP_NAME
    if sys.platform.startswith("linux"):
        for line in prune_plugins(bundle):
            print(f"build: dropped Qt plugin {line}")
        print(f"build: strip saved {_mb(strip_bundle(bundle))}")
        central = bundle / manifest.CENTRAL_NAME
        central.unlink(missing_ok=True)
        central.symlink_to(manifest.APP_NAME)
    print(f"build: bundle {bundle} {_mb(tree_size(bundle))}")
    return 0


def cmd_depends(args: argparse.Namespace) -> int:
    deps = elfdeps.system_depends(args.bundle)
    print(f"highest GLIBC_ symbol version needed: {deps.glibc}")
    print(f"highest GLIBCXX_ symbol version needed: {deps.glibcxx}")
    for entry in deps.depends:
        print(f"Depends: {entry}")
    for lib, users in deps.unresolved.items():
        print(f"UNRESOLVED {lib}: needed by {', '.join(str(u) for u in users[:3])}")
    return 1 if deps.unresolved else 0


def cmd_deb(args: argparse.Namespace) -> int:
    from curpack.icons import render_icons

    bundle: Path = args.bundle
    if not (bundle / manifest.APP_NAME).is_file():
        raise SystemExit(f"build: no bundle at {bundle}; run `packaging/build.py bundle` first")
    deps = elfdeps.system_depends(bundle)
    if deps.unresolved:
        for lib, users in deps.unresolved.items():
            print(f"build: {lib} is neither bundled nor on this machine (needed by {users[0]})")
        return 1
    version = package_version()
    arch = debian.architecture()
    icons = render_icons(WORK / "icons", debian.ICON_SIZES)
    staging = WORK / "deb-root"
    debian.stage(bundle, staging, icons)
    debian.write_control(staging, version, arch, deps.depends)
    out = args.out / debian.deb_file_name(version, arch)
    debian.build_deb(staging, out)
    print(f"build: Depends: {', '.join(deps.depends)}")
    print(f"build: package {out} {_mb(out.stat().st_size)} (version {version})")
    shutil.rmtree(staging)
    return 0


def cmd_windows_defines(args: argparse.Namespace) -> int:
    from curpack.icons import render_ico

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(inno.defines(app_version()), encoding=inno.ENCODING)
    icons = render_ico(args.out.parent / "icons")
    names = ", ".join(p.name for p in icons.values())
    print(f"build: Inno Setup defines in {args.out}, icons {names}")
    return 0


def cmd_check_png(args: argparse.Namespace) -> int:
    """Exit 1 unless the PNG exists and is not one flat colour (a window was drawn)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication(["check-png"])
    image = QImage(str(args.png))
    if image.isNull():
        print(f"check-png: {args.png} is missing or not an image")
        return 1
    small = image.scaled(64, 36)
    colours = {small.pixel(x, y) for x in range(small.width()) for y in range(small.height())}
    size = f"{image.width()}x{image.height()}"
    print(f"check-png: {args.png} {size}, {len(colours)} colours in a 64x36 sample")
    return 0 if len(colours) > 8 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="packaging/build.py", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    bundle = sub.add_parser("bundle", help="the PyInstaller one-folder bundle")
    bundle.add_argument("--preset", type=Path, default=None, help="preset to bake into the bundle")
    bundle.add_argument("--dist", type=Path, default=DIST)
    bundle.set_defaults(run=cmd_bundle)
    deb = sub.add_parser("deb", help="the .deb from a built bundle")
    deb.add_argument("--bundle", type=Path, default=DIST / manifest.APP_NAME)
    deb.add_argument("--out", type=Path, default=DIST)
    deb.set_defaults(run=cmd_deb)
    depends = sub.add_parser("depends", help="the Depends a bundle needs, and why")
    depends.add_argument("--bundle", type=Path, default=DIST / manifest.APP_NAME)
    depends.set_defaults(run=cmd_depends)
    defines = sub.add_parser("windows-defines", help="Inno Setup #defines from the manifest")
    defines.add_argument("--out", type=Path, default=WORK / "windows" / "defines.iss")
    defines.set_defaults(run=cmd_windows_defines)
    png = sub.add_parser("check-png", help="a screenshot shows a drawn window")
    png.add_argument("png", type=Path)
    png.set_defaults(run=cmd_check_png)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
