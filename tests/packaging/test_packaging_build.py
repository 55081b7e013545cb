"""packaging/build.py's own steps that need no PyInstaller: version, preset staging."""

from __future__ import annotations

from pathlib import Path

import pytest

from cur_desktop import __version__
from cur_desktop.preset import load_preset
from tests.packaging.conftest import load_build_module

ROOT = Path(__file__).resolve().parents[2]
PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


_build = load_build_module


def test_version_is_read_from_the_source() -> None:
    assert _build().app_version() == __version__


def test_stage_preset_copies_it_under_the_name_the_app_reads(tmp_path: Path) -> None:
    source = tmp_path / "centre"
    (source / "certs").mkdir(parents=True)
    (source / "certs/region.pem").write_text(PEM)
    preset = source / "novomoskovsk.toml"
    preset.write_text(
        'centre = "МЦУР г. Новомосковск"\nserver = "https://cur.example"\n'
        'ca_certificate = "certs/region.pem"\ndefault_mode = "wall"\n',
        encoding="utf-8",
    )
    staged = _build().stage_preset(preset, tmp_path / "stage")
    assert staged == tmp_path / "stage/preset.toml"
    baked = load_preset(staged)  # what the frozen app will read from <bundle>/preset/
    assert baked.ca_certificate == tmp_path / "stage/certs/region.pem"
    assert baked.default_mode == "wall"


def test_stage_preset_refuses_a_broken_preset(tmp_path: Path) -> None:
    preset = tmp_path / "preset.toml"
    preset.write_text('default_mode = "kiosk"\n')
    with pytest.raises(SystemExit, match="default_mode must be console or wall"):
        _build().stage_preset(preset, tmp_path / "stage")
