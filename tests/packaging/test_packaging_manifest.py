"""The bundle's inputs: found on disk, nothing test-only, Qt trimmed to what the app uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from curpack import manifest

from ui.main import GUI_RUNNERS

ROOT = manifest.ROOT


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_every_gui_runner_module_is_bundled() -> None:
    names = set(manifest.hidden_imports())
    for target in GUI_RUNNERS.values():
        module = target.split(":")[0]
        if (ROOT / (module.replace(".", "/") + ".py")).is_file():
            assert module in names
    assert {"ui.main", "ui.about", "cur_desktop.preset", "cur_desktop.central.cli"} <= names


def test_hidden_imports_find_new_modules_without_importing_them(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "ui/__init__.py": "",
            "ui/wall/__init__.py": "",
            "ui/wall/app.py": "raise RuntimeError('must not be imported')\n",
            "widgets/__init__.py": "",
            "cur_desktop/__init__.py": "",
            "cur_desktop/__main__.py": "",
            "cur_desktop/cache/migrations/env.py": "",
            "cur_desktop/cache/migrations/script.py.mako": "",
            "cur_desktop/cache/migrations/versions/0001_a.py": "",
        },
    )
    names = manifest.hidden_imports(tmp_path)
    # __main__ modules too: the frozen entry runs ``-m cur_desktop.central`` (packaging/entry.py)
    assert names == [
        "cur_desktop",
        "cur_desktop.__main__",
        "ui",
        "ui.wall",
        "ui.wall.app",
        "widgets",
    ]


def test_data_files_carry_resources_and_migrations() -> None:
    pairs = manifest.data_files()
    by_source = {Path(src).relative_to(ROOT).as_posix(): dest for src, dest in pairs}
    assert by_source["resources/translations/cur_desktop_ru.qm"] == "resources/translations"
    assert by_source["resources/fonts/PTS55F.ttf"] == "resources/fonts"
    assert by_source["resources/icons/cur-desktop.svg"] == "resources/icons"
    for tree in ("cur_desktop/cache/migrations", "cur_desktop/central/migrations"):
        assert by_source[f"{tree}/script.py.mako"] == tree
        assert by_source[f"{tree}/env.py"] == tree
        versions = sorted((ROOT / tree / "versions").glob("0*.py"))
        assert versions
        for version in versions:
            assert by_source[version.relative_to(ROOT).as_posix()] == f"{tree}/versions"
    assert not [s for s in by_source if s.endswith((".ts", ".pyc")) or "__pycache__" in s]
    # ordinary modules travel compiled in the archive, not as files
    assert "cur_desktop/preset.py" not in by_source


def test_data_files_leave_out_sources_and_test_data(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "resources/translations/app_ru.ts": "<TS/>",
            "resources/translations/app_ru.qm": "qm",
            "resources/tests/sample.json": "{}",
            "resources/regions/cache.sqlite": "",
            "resources/regions/.gitkeep": "",
            "resources/regions/pack.json": "{}",
            "ui/__init__.py": "",
            "ui/style.qss": "QWidget {}",
        },
    )
    got = sorted(
        (Path(src).relative_to(tmp_path).as_posix(), dest)
        for src, dest in manifest.data_files(tmp_path)
    )
    assert got == [
        ("resources/regions/pack.json", "resources/regions"),
        ("resources/translations/app_ru.qm", "resources/translations"),
        ("ui/style.qss", "ui"),
    ]


def test_baked_preset_brings_its_certificate(tmp_path: Path) -> None:
    (tmp_path / "certs").mkdir()
    (tmp_path / "certs/ca.pem").write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    preset = tmp_path / "preset.toml"
    preset.write_text('server = "https://cur.example"\nca_certificate = "certs/ca.pem"\n')
    baked = sorted((s, d) for s, d in manifest.data_files(ROOT, preset) if d.startswith("preset"))
    assert baked == [(str(tmp_path / "certs/ca.pem"), "preset/certs"), (str(preset), "preset")]


def test_a_baked_preset_must_carry_its_certificate_beside_it(tmp_path: Path) -> None:
    preset = tmp_path / "preset.toml"
    preset.write_text('ca_certificate = "/etc/ssl/region.pem"\n')
    with pytest.raises(ValueError, match="beside it"):
        manifest.preset_files(preset)
    other = tmp_path / "tula.toml"
    other.write_text("")
    with pytest.raises(ValueError, match=r"preset\.toml"):
        manifest.data_files(ROOT, other)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/Qt/lib/libQt6OpenGL.so.6", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6QmlModels.so.6", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("PySide6/Qt/lib/libicudata.so.73", True),
        ("PySide6/Qt/translations/qtbase_ru.qm", True),
        ("PySide6/Qt/translations/qtdeclarative_ru.qm", False),
        ("PySide6/Qt/qml/QtQuick/qmldir", False),
        ("PySide6/Qt/libexec/QtWebEngineProcess", False),
        # the Windows wheel's layout
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt6Quick.dll", False),
        ("PySide6/Qt6Widgets.dll", True),
        ("PySide6/translations/qtbase_ru.qm", True),
        # the target system's own libraries stay outside; Python's own stay in
        ("libX11.so.6", False),
        ("libxcb-cursor.so.0", False),
        ("libstdc++.so.6", False),
        ("libfontconfig.so.1", False),
        ("libpython3.11.so.1.0", True),
        ("libssl.so.3", True),
        ("numpy.libs/libscipy_openblas64_-32a4b2a6.so", True),
        ("resources/fonts/PTS55F.ttf", True),
    ],
)
def test_keep_in_bundle(dest: str, kept: bool) -> None:
    assert manifest.keep_in_bundle(dest) is kept


def test_filter_toc_keeps_entry_shape() -> None:
    toc = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", "/x/libqvnc.so", "BINARY"),
    ]
    assert manifest.filter_toc(toc) == toc[:1]


def test_kept_plugins_exist_in_the_installed_qt() -> None:
    """A Qt update that renames a plugin we rely on must fail here, not on a workstation."""
    pyside = pytest.importorskip("PySide6")
    plugins = Path(pyside.__file__).parent / "Qt" / "plugins"
    if not plugins.is_dir():
        pytest.skip("not the Linux wheel layout")
    for folder, name in [
        ("platforms", "xcb"),
        ("platforms", "offscreen"),
        ("platforms", "wayland"),
        ("imageformats", "svg"),
        ("iconengines", "svgicon"),
        ("xcbglintegrations", "xcb-glx-integration"),
    ]:
        files = [p.name for p in (plugins / folder).iterdir()]
        assert any(manifest.keep_plugin(folder, f) and name in f for f in files), (folder, name)


def test_development_tools_are_excluded() -> None:
    excluded = set(manifest.EXCLUDED_MODULES)
    assert {
        "pytest",
        "_pytest",
        "pytestqt",
        "hypothesis",
        "mypy",
        "ruff",
        "PyInstaller",
    } <= excluded
    assert {"PySide6.QtWebEngineCore", "PySide6.QtQuick", "PySide6.Qt3DCore"} <= excluded
    assert {"PySide6.QtMultimedia", "PySide6.QtPdf", "PySide6.QtQml"} <= excluded
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"} & excluded


def test_launchers_are_the_two_menu_entries() -> None:
    assert [(launcher.name, launcher.args) for launcher in manifest.LAUNCHERS] == [
        ("Пульт оператора ЦУР", ("console",)),
        ("Видеостена ЦУР", ("wall",)),
    ]
    for launcher in manifest.LAUNCHERS:
        assert (ROOT / "resources/icons" / f"{launcher.icon}.svg").is_file()
