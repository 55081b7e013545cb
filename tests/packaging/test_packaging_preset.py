"""Per-centre presets: found in the right order, checked field by field, applied to the start."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cur_desktop import paths
from cur_desktop.cli import build_parser
from cur_desktop.client_version import UpdateNotice, update_notice, version_key
from cur_desktop.preset import (
    PRESET_ENV,
    Preset,
    PresetError,
    apply_environment,
    fill_arguments,
    find_preset,
    load_preset,
    system_preset_path,
)
from ui.main import _apply_preset

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "resources/regions/RU-TUL"
PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


def _preset(folder: Path, text: str, name: str = "preset.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_machine_preset(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read this machine's /etc/cur-desktop nor a real bundle's preset."""
    monkeypatch.delenv(PRESET_ENV, raising=False)
    monkeypatch.setattr(
        "cur_desktop.preset.system_preset_path", lambda: tmp_path / "etc/preset.toml"
    )
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)


def test_full_preset(tmp_path: Path) -> None:
    (tmp_path / "region-ca.pem").write_text(PEM)
    path = _preset(
        tmp_path,
        'centre = "МЦУР г. Новомосковск"\n'
        'server = "https://cur.tula.example/"\n'
        'ca_certificate = "region-ca.pem"\n'
        f'region_pack = "{PACK}"\n'
        'municipalities = ["70 724 000", "70724000", "70701000001"]\n'
        'default_mode = "wall"\n',
    )
    preset = load_preset(path)
    assert preset.centre == "МЦУР г. Новомосковск"
    assert preset.server == "https://cur.tula.example/"
    assert preset.ca_certificate == tmp_path / "region-ca.pem"
    assert preset.region_pack_dir == PACK
    assert preset.region_pack is None
    assert preset.municipalities == ("70724000", "70701000001")
    assert preset.default_mode == "wall"
    assert preset.summary()["municipalities"] == "70724000, 70701000001"


def test_empty_preset_means_defaults(tmp_path: Path) -> None:
    preset = load_preset(_preset(tmp_path, ""))
    assert preset == Preset(path=tmp_path / "preset.toml")
    assert preset.default_mode == "console"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('sever = "https://x"\n', "unknown field(s) sever"),
        ('server = "ftp://x"\n', "server must be an https://"),
        ('server = "cur.example"\n', "server must be an https://"),
        ("server = 42\n", "server must be text"),
        ('default_mode = "kiosk"\n', "default_mode must be console or wall"),
        ('municipalities = "70724000"\n', "municipalities must be a list"),
        ('municipalities = ["7072"]\n', "'7072' is not an 8- or 11-digit OKTMO"),
        ('region_pack = "tula"\n', "has no pack.json"),
        ('ca_certificate = "missing.pem"\n', "cannot be read"),
        ('ca_certificate = "preset.toml"\n', "is not a PEM certificate"),
        ("server = \n", "not valid TOML"),
    ],
)
def test_broken_presets_are_refused_with_file_and_field(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _preset(tmp_path, text)
    with pytest.raises(PresetError) as caught:
        load_preset(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_pack_id(tmp_path: Path) -> None:
    preset = load_preset(_preset(tmp_path, 'region_pack = "RU-TUL"\n'))
    assert preset.region_pack == "RU-TUL"
    assert preset.region_pack_dir is None


def test_search_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert find_preset() is None
    bundle = tmp_path / "bundle"
    _preset(bundle / "preset", 'centre = "baked"\n')
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert find_preset().centre == "baked"  # type: ignore[union-attr]
    _preset(tmp_path / "etc", 'centre = "machine"\n')
    assert find_preset().centre == "machine"  # type: ignore[union-attr]
    env = _preset(tmp_path / "env", 'centre = "variable"\n', "centre.toml")
    monkeypatch.setenv(PRESET_ENV, str(env))
    assert find_preset().centre == "variable"  # type: ignore[union-attr]
    monkeypatch.setenv(PRESET_ENV, str(tmp_path / "nowhere.toml"))
    with pytest.raises(PresetError, match="not a file"):
        find_preset()


def test_system_paths() -> None:
    assert system_preset_path("linux") == Path("/etc/cur-desktop/preset.toml")
    assert system_preset_path("win32").parts[-2:] == ("cur-desktop", "preset.toml")


def test_fill_arguments_keeps_what_was_typed(tmp_path: Path) -> None:
    preset = Preset(path=tmp_path, server="https://cur.example", region_pack_dir=PACK)
    parser = build_parser()
    wall = parser.parse_args(["wall"])
    fill_arguments(preset, wall)
    assert (wall.server, wall.pack) == ("https://cur.example", PACK)
    console = parser.parse_args(["console", "--server", "http://127.0.0.1:9"])
    fill_arguments(preset, console)
    assert console.server == "http://127.0.0.1:9"
    screenshot = parser.parse_args(["screenshot", "--cache", "c", "--out", "o"])
    fill_arguments(preset, screenshot)
    assert screenshot.pack is None  # only the console and the wall follow the preset


def test_ca_certificate_becomes_the_trust_store(tmp_path: Path) -> None:
    preset = Preset(path=tmp_path, ca_certificate=tmp_path / "ca.pem")
    env: dict[str, str] = {}
    apply_environment(preset, env)
    assert env == {"SSL_CERT_FILE": str(tmp_path / "ca.pem")}
    env = {"SSL_CERT_FILE": "/admin/choice.pem"}
    apply_environment(preset, env)
    assert env == {"SSL_CERT_FILE": "/admin/choice.pem"}


def test_launcher_opens_the_preset_mode_with_its_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``cur-desktop`` with no command, as the menu and /usr/bin start it."""
    parser = build_parser()
    assert _apply_preset(parser, parser.parse_args([]), []).command is None  # no preset: demo
    env = _preset(tmp_path, 'server = "https://cur.example"\ndefault_mode = "wall"\n')
    monkeypatch.setenv(PRESET_ENV, str(env))
    args = _apply_preset(
        parser, parser.parse_args(["--log-level", "DEBUG"]), ["--log-level", "DEBUG"]
    )
    assert args.command == "wall"
    assert args.server == "https://cur.example"
    assert args.log_level == "DEBUG"
    args = _apply_preset(parser, parser.parse_args(["console"]), ["console"])
    assert args.command == "console"
    assert args.server == "https://cur.example"


def test_resources_are_found_in_a_frozen_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "resources").mkdir()
    monkeypatch.delenv(paths.RESOURCES_ENV, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"


@pytest.mark.parametrize(
    ("text", "key"),
    [("0.1.0", (0, 1)), ("0.10.2", (0, 10, 2)), ("v1.2", (1, 2)), ("2.0rc1", (2,)), ("x", None)],
)
def test_version_key(text: str, key: tuple[int, ...] | None) -> None:
    assert version_key(text) == key


def test_update_notice() -> None:
    assert update_notice({"latest_client_version": "0.1.0"}, "0.1.0") is None
    assert update_notice({"latest_client_version": "0.1"}, "0.1.0") is None
    assert update_notice({}, "0.1.0") is None
    assert update_notice(
        {"latest_client_version": "0.2.0", "min_client_version": "0.1.0"}, "0.1.0"
    ) == UpdateNotice("0.1.0", "0.2.0", required=False)
    assert update_notice(
        {"latest_client_version": "0.3.0", "min_client_version": "0.2.0"}, "0.1.5"
    ) == UpdateNotice("0.1.5", "0.3.0", required=True)
    assert update_notice({"min_client_version": "0.2.0"}, "0.1.0") == UpdateNotice(
        "0.1.0", "0.2.0", required=True
    )
    assert update_notice({"latest_client_version": 7}, "0.1.0") is None
