"""What the frozen bundle needs from the system it runs on: the ``.deb``'s ``Depends``.

PyInstaller copies Python, Qt and most libraries into the bundle but leaves the
system's own (glibc, the X/GL stack, fontconfig) outside on purpose: those must match
the machine's drivers and must come from the distribution. This module reads every
ELF file of the bundle (``objdump -p``: its ``NEEDED`` libraries and the symbol
versions it requires), keeps the libraries the bundle does not carry, and maps them
to the Debian packages that own them on the build machine (``ldconfig -p``,
``dpkg -S``). glibc and libstdc++ get a minimum version from the highest
``GLIBC_x.y`` / ``GLIBCXX_3.4.n`` symbol version any file of the bundle requires, so
``dpkg -i`` refuses a system too old to start the app instead of a crash at start-up.

The parsing functions are pure (tests feed them real objdump output); the functions
that ask the system take the commands' runner as an argument.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

Runner = Callable[[list[str]], str]

#: Libraries of glibc: their GLIBC_ symbol versions give ``libc6 (>= …)``.
GLIBC_SONAMES = frozenset(
    {
        "libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1",
        "libutil.so.1", "libresolv.so.2", "libanl.so.1", "ld-linux-x86-64.so.2",
        "ld-linux-aarch64.so.1", "libnsl.so.1", "libcrypt.so.1",
    }
)  # fmt: skip
#: The first GCC release (Debian's ``libstdc++6`` upstream version) providing GLIBCXX_3.4.n.
GLIBCXX_TO_GCC = {
    19: "4.9", 20: "5", 21: "5", 22: "6", 23: "7", 24: "7", 25: "8", 26: "9", 27: "9.1",
    28: "10", 29: "11", 30: "12", 31: "13", 32: "14", 33: "14",
}  # fmt: skip
#: Loaded at run time with dlopen() or needed as data, so no NEEDED entry shows them.
RUNTIME_DEPENDS = (
    "libgl1",  # GLX / OpenGL through glvnd (xcb GLX integration)
    "libegl1",  # EGL (xcb EGL integration, Wayland)
    "libxkbcommon-x11-0",
    "libxcb-cursor0",  # Qt ≥ 6.5 refuses the xcb platform without it
    "libdbus-1-3",
    "fontconfig",  # system font configuration; the app ships PT Sans for its own text
    "fonts-dejavu-core | fonts-liberation2 | fonts-freefont-ttf",
)

_NEEDED = re.compile(r"^\s+NEEDED\s+(\S+)", re.MULTILINE)
_SONAME = re.compile(r"^\s+SONAME\s+(\S+)", re.MULTILINE)
_RUNPATH = re.compile(r"^\s+R(?:UN)?PATH\s+(\S+)", re.MULTILINE)
_REQUIRED_FROM = re.compile(r"^\s+required from (\S+):$")
_VERSION = re.compile(r"^\s+0x[0-9a-f]+ 0x[0-9a-f]{2} \d+ (\S+)$")
_ELF_MAGIC = b"\x7fELF"


@dataclass(frozen=True)
class ElfInfo:
    """What ``objdump -p`` says about one file."""

    soname: str | None
    needed: tuple[str, ...]
    versions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    runpath: str = ""  # RUNPATH or RPATH


def parse_objdump(text: str) -> ElfInfo:
    """Read ``objdump -p`` output: SONAME, NEEDED, and the version references."""
    soname = _SONAME.search(text)
    versions: dict[str, set[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        head = _REQUIRED_FROM.match(line)
        if head:
            current = head.group(1)
            versions.setdefault(current, set())
            continue
        version = _VERSION.match(line)
        if version and current is not None:
            versions[current].add(version.group(1))
        elif not line.startswith("    "):
            current = None
    runpath = _RUNPATH.search(text)
    return ElfInfo(
        soname=soname.group(1) if soname else None,
        needed=tuple(_NEEDED.findall(text)),
        versions={lib: frozenset(v) for lib, v in versions.items()},
        runpath=runpath.group(1) if runpath else "",
    )


def strippable(path: Path, info: ElfInfo) -> bool:
    """Whether ``strip`` may rewrite this file of the bundle.

    Not the libraries auditwheel grafted into a wheel (``<name>.libs/``) nor the files it
    patched to find them (a RUNPATH into ``.libs``): patchelf moved their segments, and
    strip then leaves them unloadable ("ELF load command address/offset not page-aligned").
    """
    if any(part.endswith(".libs") for part in path.parts):
        return False
    return ".libs" not in info.runpath


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text))


def max_symbol_version(infos: Iterable[ElfInfo], prefix: str) -> str | None:
    """The highest ``PREFIX_x.y`` required by any file, as ``x.y`` (``None``: none)."""
    best: str | None = None
    for info in infos:
        for wanted in info.versions.values():
            for version in wanted:
                if not version.startswith(prefix + "_"):
                    continue
                number = version.removeprefix(prefix + "_")
                if not re.fullmatch(r"\d+(\.\d+)*", number):
                    continue  # e.g. GLIBC_PRIVATE
                if best is None or _version_key(number) > _version_key(best):
                    best = number
    return best


def libstdcxx_minimum(glibcxx: str | None) -> str | None:
    """The ``libstdc++6`` version providing GLIBCXX ``glibcxx`` (``3.4.30`` → ``12``)."""
    if glibcxx is None:
        return None
    parts = _version_key(glibcxx)
    if parts[:2] != (3, 4) or len(parts) < 3:
        raise ValueError(f"unexpected GLIBCXX version {glibcxx}")
    if parts[2] not in GLIBCXX_TO_GCC:
        raise ValueError(f"GLIBCXX_{glibcxx} is newer than this table: extend GLIBCXX_TO_GCC")
    return GLIBCXX_TO_GCC[parts[2]]


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == _ELF_MAGIC
    except OSError:
        return False


def elf_files(bundle: Path) -> list[Path]:
    """Every ELF file in the bundle (executables, libraries, Python extensions)."""
    return sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))


def run(cmd: list[str]) -> str:
    """Run a command, return its stdout (raises on failure)."""
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def read_elf(path: Path, runner: Runner = run) -> ElfInfo:
    return parse_objdump(runner(["objdump", "-p", str(path)]))


def external_libraries(files: Mapping[Path, ElfInfo]) -> set[str]:
    """Sonames some file needs that no file of the bundle provides."""
    provided = {path.name for path in files} | {i.soname for i in files.values() if i.soname}
    return {lib for info in files.values() for lib in info.needed} - provided


#: ``ldconfig -p``'s tag of the native libraries, by ``platform.machine()``.
LDCONFIG_ARCH = {"x86_64": "libc6,x86-64", "aarch64": "libc6,AArch64", "i686": "libc6"}


def parse_ldconfig(text: str, machine: str | None = None) -> dict[str, Path]:
    """``ldconfig -p`` → soname: path of the first library of this machine's architecture."""
    import platform

    tag = LDCONFIG_ARCH.get(machine or platform.machine(), "libc6,x86-64")
    out: dict[str, Path] = {}
    for line in text.splitlines():
        match = re.match(r"^\s+(\S+) \(([^)]*)\) => (\S+)$", line)
        if match and match.group(2) == tag:
            out.setdefault(match.group(1), Path(match.group(3)))
    return out


def parse_dpkg_search(text: str) -> str | None:
    """``dpkg -S FILE`` → the owning package, without an architecture qualifier."""
    for line in text.splitlines():
        if line.startswith("diversion ") or ": " not in line:
            continue
        package = line.split(": ", 1)[0].split(",")[0].strip()
        return package.split(":", 1)[0]
    return None


def _owner(path: Path, runner: Runner) -> str | None:
    candidates = [path, path.resolve()]
    for p in list(candidates):
        text = str(p)
        if text.startswith("/usr/lib/"):
            candidates.append(Path(text.removeprefix("/usr")))
        elif text.startswith("/lib/"):
            candidates.append(Path("/usr" + text))
    for candidate in candidates:
        try:
            owner = parse_dpkg_search(runner(["dpkg", "-S", str(candidate)]))
        except subprocess.CalledProcessError:
            continue
        if owner:
            return owner
    return None


@dataclass
class Dependencies:
    """The outcome of :func:`compute_depends`."""

    depends: list[str]
    unresolved: dict[str, list[Path]]  # soname → files of the bundle that need it
    glibc: str | None
    glibcxx: str | None


def compute_depends(
    files: Mapping[Path, ElfInfo],
    locate: Mapping[str, Path],
    owner: Callable[[Path], str | None],
    extra: Iterable[str] = RUNTIME_DEPENDS,
) -> Dependencies:
    """``Depends`` entries for a bundle whose ELF files are ``files``.

    ``locate`` maps a soname to its file on this system (``ldconfig -p``); ``owner`` maps
    a file to its Debian package (``dpkg -S``). A library that is neither in the bundle
    nor on this system is reported as unresolved, with the files that need it.
    """
    glibc = max_symbol_version(files.values(), "GLIBC")
    glibcxx = max_symbol_version(files.values(), "GLIBCXX")
    packages: set[str] = set()
    unresolved: dict[str, list[Path]] = {}
    for lib in sorted(external_libraries(files)):
        path = locate.get(lib)
        package = owner(path) if path is not None else None
        if package is None:
            unresolved[lib] = sorted(p for p, i in files.items() if lib in i.needed)
            continue
        packages.add(package)
    versioned = {"libc6": glibc, "libstdc++6": libstdcxx_minimum(glibcxx)}
    if glibc is not None:
        packages.add("libc6")
    entries = []
    for package in sorted(packages | set(extra)):
        minimum = versioned.get(package)
        entries.append(f"{package} (>= {minimum})" if minimum else package)
    return Dependencies(entries, unresolved, glibc, glibcxx)


def scan_bundle(bundle: Path, runner: Runner = run) -> dict[Path, ElfInfo]:
    return {path: read_elf(path, runner) for path in elf_files(bundle)}


def system_depends(bundle: Path, runner: Runner = run) -> Dependencies:
    """:func:`compute_depends` for a built bundle, asking this machine's ldconfig and dpkg."""
    files = scan_bundle(bundle, runner)
    locate = parse_ldconfig(runner(["ldconfig", "-p"]))
    return compute_depends(files, locate, lambda path: _owner(path, runner))
