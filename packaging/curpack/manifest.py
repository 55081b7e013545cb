"""What goes into the frozen app: one list for the Linux and the Windows builds.

The PyInstaller spec (``packaging/cur-desktop.spec``), the ``.deb`` builder and the
Windows installer script all read from here, so the platforms cannot drift apart:
the same modules, the same data files, the same two start-menu entries.

Everything is found on disk, not listed by hand: every module of the application's
packages (other people add screens while the installer is being built), every file of
``resources/`` except sources the app never reads, every non-Python file inside the
packages and the Alembic migration trees (Alembic reads them as files). What stays out
is listed: Qt modules and plugins the app does not use, and development tools.

Plain Python, no PyInstaller or Qt imports: the tests check the lists without a build.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar

_Entry = TypeVar("_Entry", bound=tuple[str, ...])

ROOT = Path(__file__).resolve().parents[2]
APP_NAME = "cur-desktop"
CENTRAL_NAME = "cur-central"
APP_PACKAGES = ("cur_desktop", "widgets", "ui")
#: Where a preset given with ``build.py --preset`` lands inside the bundle.
BAKED_PRESET_DIR = "preset"
PRESET_NAME = "preset.toml"


@dataclass(frozen=True)
class Launcher:
    """A start-menu / applications-menu entry: the same two on Linux and Windows."""

    key: str
    name: str  # Russian: what the operator reads in the menu
    generic_name: str
    comment: str
    args: tuple[str, ...]
    icon: str  # icon file stem in resources/icons (SVG)

    @property
    def desktop_id(self) -> str:
        return f"{APP_NAME}-{self.key}"


LAUNCHERS = (
    Launcher(
        key="console",
        name="Пульт оператора ЦУР",
        generic_name="Пульт оператора",
        comment="Обращения граждан: очереди, сроки, ответы",
        args=("console",),
        icon="cur-desktop",
    ),
    Launcher(
        key="wall",
        name="Видеостена ЦУР",
        generic_name="Видеостена",
        comment="Ситуационный центр: обстановка по региону на экранах",
        args=("wall",),
        icon="cur-desktop-wall",
    ),
)

#: Files of resources/ the running app never reads (translation sources, caches, tests).
RESOURCE_EXCLUDES = ("*.ts", "*.pyc", "*.sqlite", "*.sqlite-*", "*.bak", ".*")
RESOURCE_EXCLUDED_DIRS = ("__pycache__", "tests", "test_data")

# --- Qt: keep what the app uses, by allow-list -----------------------------------------
#: Python modules of PySide6 the app never imports; their Qt libraries go too.
EXCLUDED_QT_MODULES = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent", "QtDataVisualization",
    "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation",
    "QtMultimedia", "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtPdf", "QtPdfWidgets",
    "QtPositioning", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest",
    "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus",
    "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech",
    "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView", "QtNetwork",
)  # fmt: skip
#: Kept although nothing of ours uses OpenGL: pyqtgraph imports QtOpenGL when it loads.
QT_LIBRARIES_KEPT = ("Qt6OpenGL", "Qt6OpenGLWidgets")

#: Qt plugins kept, by folder; a folder not named here is dropped whole. Names are
#: the file stems without ``lib``/``q`` prefixes and extension (libqxcb.so, qwindows.dll).
QT_PLUGINS = {
    "platforms": ("xcb", "offscreen", "minimal", "wayland", "windows"),
    "platformthemes": ("xdgdesktopportal",),
    "platforminputcontexts": (
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    ),
    "imageformats": ("svg", "ico", "jpeg"),
    "iconengines": ("svgicon",),
    "xcbglintegrations": ("xcb-egl-integration", "xcb-glx-integration"),
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": ("bradient",),
    "wayland-graphics-integration-client": ("qt-plugin-wayland-egl",),
    "styles": ("modernwindowsstyle",),
}
#: Qt's own catalogues kept (Russian labels of Qt's stock dialogs: ui/i18n.py).
QT_TRANSLATIONS = ("qtbase_ru.qm",)
#: Folders of the PySide6 wheel never needed at run time.
QT_DROPPED_DIRS = ("qml", "libexec", "metatypes", "typesystems", "include", "glue", "scripts")

#: Libraries of the desktop and base system that stay the target system's own (matched on
#: file names in the bundle's top folder): they must fit the machine's X server, GPU driver
#: and fonts, and a bundled ``libstdc++`` older than the one Mesa's drivers were built
#: against stops OpenGL. The ``.deb``'s ``Depends`` names their packages (elfdeps.py).
#: The Python runtime's own libraries (OpenSSL, SQLite, libffi) stay bundled: Python's
#: modules were built against exactly those.
SYSTEM_LIBRARIES = (
    "libX*", "libxcb*", "libxkbcommon*", "libfontconfig.*", "libfreetype.*", "libharfbuzz.*",
    "libpng16.*", "libjpeg.*", "libglib-2.0.*", "libgobject-2.0.*", "libgio-2.0.*",
    "libgmodule-2.0.*", "libgthread-2.0.*", "libdbus-1.*", "libsystemd.*", "libgcrypt.*",
    "libgpg-error.*", "liblz4.*", "libzstd.*", "liblzma.*", "libbz2.*", "libz.so.*",
    "libcap.so.*", "libselinux.*", "libmount.*", "libblkid.*", "libpcre2-*", "libexpat.*",
    "libuuid.*", "libbsd.*", "libmd.so.*", "libbrotli*", "libgraphite2.*", "libstdc++.*",
    "libgcc_s.*", "libwayland-*", "libEGL*", "libGL*", "libdrm.*", "libgbm.*",
)  # fmt: skip

#: Python modules that must not reach the bundle: development tools, other Qt bindings,
#: GUI toolkits and optional extras the app does not use.
EXCLUDED_MODULES = (
    *(f"PySide6.{name}" for name in EXCLUDED_QT_MODULES),
    "PyQt5", "PyQt6", "PySide2", "tkinter", "_tkinter", "readline",
    "pytest", "_pytest", "pytestqt", "pytest_qt", "pytest_timeout", "hypothesis", "mypy",
    "ruff", "importlinter", "grimp", "pandas-stubs", "IPython", "jupyter_client", "notebook",
    "matplotlib", "scipy", "PyInstaller", "pip", "setuptools", "wheel", "sphinx", "docutils",
    "pyqtgraph.opengl", "pyqtgraph.examples", "pyqtgraph.jupyter",
)  # fmt: skip


def _is_excluded_resource(path: PurePosixPath) -> bool:
    if any(part in RESOURCE_EXCLUDED_DIRS for part in path.parts[:-1]):
        return True
    return any(fnmatch.fnmatch(path.name, pattern) for pattern in RESOURCE_EXCLUDES)


def _files(folder: Path) -> Iterator[Path]:
    yield from sorted(p for p in folder.rglob("*") if p.is_file())


def resource_files(root: Path = ROOT) -> list[tuple[Path, str]]:
    """``(file, folder inside the bundle)`` for every shipped file of ``resources/``."""
    out: list[tuple[Path, str]] = []
    base = root / "resources"
    for path in _files(base):
        rel = PurePosixPath(path.relative_to(root).as_posix())
        if not _is_excluded_resource(PurePosixPath(path.relative_to(base).as_posix())):
            out.append((path, str(rel.parent)))
    return out


def migration_dirs(root: Path = ROOT) -> list[Path]:
    """Alembic script folders (an ``env.py`` beside a ``script.py.mako``) in the packages."""
    return [
        env.parent
        for package in APP_PACKAGES
        for env in sorted((root / package).rglob("env.py"))
        if (env.parent / "script.py.mako").is_file()
    ]


def package_data_files(root: Path = ROOT) -> list[tuple[Path, str]]:
    """Files inside the packages read as files: non-Python data and whole migration trees."""
    migrations = migration_dirs(root)
    out: list[tuple[Path, str]] = []
    for package in APP_PACKAGES:
        for path in _files(root / package):
            rel = PurePosixPath(path.relative_to(root).as_posix())
            if "__pycache__" in rel.parts or path.suffix == ".pyc":
                continue
            in_migrations = any(path.is_relative_to(folder) for folder in migrations)
            if path.suffix != ".py" or in_migrations:
                out.append((path, str(rel.parent)))
    return out


def data_files(root: Path = ROOT, preset: Path | None = None) -> list[tuple[str, str]]:
    """PyInstaller's ``datas``: ``(source file, destination folder)``, sorted, as strings.

    With ``preset`` the preset file and the files it names beside it (the CA
    certificate) are baked into ``preset/`` of the bundle.
    """
    pairs = [*resource_files(root), *package_data_files(root)]
    if preset is not None:
        if preset.name != PRESET_NAME:
            raise ValueError(f"a baked preset must be named {PRESET_NAME}, not {preset.name}")
        pairs.extend(preset_files(preset))
    return sorted((str(src), dest) for src, dest in pairs)


def preset_files(preset: Path) -> list[tuple[Path, str]]:
    """``(file, folder in the bundle)`` of a preset and the CA certificate it names.

    The certificate must be named relative to the preset (it travels with it);
    the preset is read without the app's loader, which checks it fully elsewhere.
    """
    import tomllib

    with preset.open("rb") as fh:
        doc = tomllib.load(fh)
    files = [(preset, BAKED_PRESET_DIR)]
    ca = doc.get("ca_certificate")
    if isinstance(ca, str) and ca:
        relative = PurePosixPath(ca.replace("\\", "/"))
        if relative.is_absolute() or ".." in relative.parts:
            raise ValueError(f"to bake a preset, name its ca_certificate beside it, not {ca}")
        folder = PurePosixPath(BAKED_PRESET_DIR, *relative.parts[:-1])
        files.append((preset.parent / relative, str(folder)))
    return files


def _module_names(root: Path, package: str) -> Iterator[str]:
    migrations = migration_dirs(root)
    for path in _files(root / package):
        if path.suffix != ".py" or any(path.is_relative_to(m) for m in migrations):
            continue
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield ".".join(parts)


def hidden_imports(root: Path = ROOT) -> list[str]:
    """Every module of the app's packages, found on disk without importing anything.

    The GUI commands are imported by name (``ui.main.GUI_RUNNERS``), which PyInstaller's
    analysis cannot follow, so each module is named to it explicitly.
    """
    return sorted(name for package in APP_PACKAGES for name in _module_names(root, package))


# --- filtering PyInstaller's table of contents ---------------------------------------
def _plugin_stem(file_name: str) -> str:
    stem = file_name.split(".", 1)[0]
    stem = stem.removeprefix("lib")
    if stem.startswith("q") and stem not in {"qt-plugin-wayland-egl", "qt-shell"}:
        stem = stem[1:]
    return stem


def _qt_library_stem(file_name: str) -> str:
    stem = file_name.split(".", 1)[0]
    return stem.removeprefix("lib")


def keep_plugin(plugin_type: str, file_name: str) -> bool:
    """Whether a Qt plugin file of folder ``plugin_type`` is shipped."""
    return _plugin_stem(file_name) in QT_PLUGINS.get(plugin_type, ())


def is_system_library(dest: str) -> bool:
    """A library of the target system, left out of the bundle (:data:`SYSTEM_LIBRARIES`)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if len(parts) != 1 or ".so" not in parts[0]:
        return False
    return any(fnmatch.fnmatchcase(parts[0], pattern) for pattern in SYSTEM_LIBRARIES)


def keep_in_bundle(dest: str) -> bool:
    """Whether a collected file (its path inside the bundle) stays in the bundle."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if is_system_library(dest):
        return False
    if not parts or parts[0] != "PySide6":
        return True
    qt = parts[2:] if len(parts) > 2 and parts[1] == "Qt" else parts[1:]
    if not qt:
        return True
    if qt[0] in QT_DROPPED_DIRS:
        return False
    if qt[0] == "translations":
        return qt[-1] in QT_TRANSLATIONS
    if qt[0] == "plugins" and len(qt) >= 3:
        return keep_plugin(qt[1], qt[-1])
    if qt[0] == "plugins":
        return False
    stem = _qt_library_stem(qt[-1])
    if stem.startswith("Qt6") and stem not in QT_LIBRARIES_KEPT:
        return not any(stem.startswith(_qt_library(module)) for module in EXCLUDED_QT_MODULES)
    return True


def _qt_library(module: str) -> str:
    return "Qt6" + module.removeprefix("Qt")


def filter_toc(entries: Iterable[_Entry]) -> list[_Entry]:
    """PyInstaller TOC entries ``(dest, source, type)`` minus what the bundle does not need."""
    return [entry for entry in entries if keep_in_bundle(entry[0])]
