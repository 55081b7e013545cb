"""The Windows installer script agrees with the manifest the Linux build uses."""

from __future__ import annotations

from pathlib import Path

from curpack import inno, manifest

from cur_desktop.preset import PRESET_NAME, system_preset_path

ROOT = manifest.ROOT
ISS = inno.ISS
WORKFLOW = ROOT / ".github/workflows/windows.yml"


def _iss() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup needs the BOM to read UTF-8"
    return raw.decode(inno.ENCODING)


def _defines() -> dict[str, str]:
    out = {}
    for line in inno.defines("0.1.0").splitlines():
        if line.startswith("#define "):
            _, name, value = line.split(" ", 2)
            out[name] = value.strip('"')
    return out


def test_defines_come_from_the_manifest() -> None:
    defines = _defines()
    assert defines["AppName"] == manifest.APP_NAME
    assert defines["AppExe"] == "cur-desktop.exe"
    assert defines["AppVersionNumeric"] == "0.1.0.0"
    for launcher in manifest.LAUNCHERS:
        prefix = inno.define_prefix(launcher)
        assert defines[f"{prefix}Name"] == launcher.name
        assert defines[f"{prefix}Args"] == " ".join(launcher.args)
        assert defines[f"{prefix}Icon"] == f"{launcher.icon}.ico"


def test_every_launcher_has_a_start_menu_entry() -> None:
    entries = inno.icon_entries(_iss())
    by_name = {entry["name"]: entry for entry in entries}
    for launcher in manifest.LAUNCHERS:
        prefix = inno.define_prefix(launcher)
        entry = by_name[f"{{group}}\\{{#{prefix}Name}}"]
        assert entry["filename"] == "{app}\\{#AppExe}"
        assert entry["parameters"] == f"{{#{prefix}Args}}"
        assert entry["iconfilename"] == f"{{app}}\\icons\\{{#{prefix}Icon}}"
    assert any(entry["filename"] == "{uninstallexe}" for entry in entries)
    used = {name for name in _defines() if f"{{#{name}}}" in _iss()}
    assert used >= {
        f"{inno.define_prefix(x)}{k}" for x in manifest.LAUNCHERS for k in ("Name", "Args", "Icon")
    }


def test_installer_is_russian_per_machine_with_uninstaller() -> None:
    sections = inno.sections(_iss())
    setup = dict(line.split("=", 1) for line in sections["setup"])
    assert setup["PrivilegesRequired"] == "admin"
    assert setup["DefaultDirName"] == "{autopf}\\{#AppName}"
    assert setup.get("Uninstallable", "yes") == "yes"
    languages = [inno.entry_fields(line) for line in sections["languages"]]
    assert [lang["messagesfile"] for lang in languages] == ["compiler:Languages\\Russian.isl"]


def test_installer_ships_the_pyinstaller_folder_and_the_preset() -> None:
    text = _iss()
    spec = (ROOT / "packaging/cur-desktop.spec").read_text(encoding="utf-8")
    assert "name=manifest.APP_NAME" in spec  # the folder PyInstaller writes: dist\<AppName>
    assert '#define Bundle Root + "\\dist\\" + AppName' in text
    files = [inno.entry_fields(line) for line in inno.sections(text)["files"]]
    assert files[0]["source"] == "{#Bundle}\\*"
    assert "recursesubdirs" in files[0]["flags"]
    preset = [f for f in files if f["source"] == f"{{src}}\\{PRESET_NAME}"]
    assert len(preset) == 1
    assert "external" in preset[0]["flags"]
    assert "skipifsourcedoesntexist" in preset[0]["flags"]
    # %ProgramData%\cur-desktop\preset.toml is where cur_desktop/preset.py looks on Windows
    target = system_preset_path("win32")
    assert target.parent.name == manifest.APP_NAME
    assert preset[0]["destdir"] == "{commonappdata}\\{#AppName}"


def test_windows_workflow_builds_and_smoke_tests() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-" in text
    assert 'pip install -e ".[packaging]"' in text
    assert "packaging/build.py windows-defines" in text
    assert "packaging/build.py bundle" in text
    assert "packaging\\windows\\cur-desktop.iss" in text
    assert "--version" in text
    assert "--quit-after" in text
    assert Path(ROOT / "packaging/windows/cur-desktop.iss").is_file()
