"""Per-centre presets: one build of the app serves every municipal centre of a region.

A preset is a small TOML file the region's IT staff write once per centre::

    centre = "МЦУР г. Новомосковск"            # shown in the About box
    server = "https://cur.tula.example/"       # the region's central service
    ca_certificate = "region-ca.pem"           # the CA that signed it (beside this file)
    region_pack = "RU-TUL"                     # a pack id, or a folder (beside this file)
    municipalities = ["70724000"]              # OKTMO codes this centre works on; [] = all
    default_mode = "console"                   # what the menu entry opens: console or wall

It is found, first match wins: ``$CUR_DESKTOP_PRESET``; the machine's file
(``/etc/cur-desktop/preset.toml``, ``%ProgramData%\\cur-desktop\\preset.toml``, where
the installers put the file laid beside them); a preset baked into the frozen bundle
at build time (``packaging/build.py bundle --preset FILE``). No preset is fine: the
app then asks for the server as before.

Relative paths inside a preset are relative to the preset file. Every field is
checked and a broken file is refused with :class:`PresetError` naming the file and
the field: a municipal administrator reads that message, not a traceback.

Qt-free and side-effect-free except :func:`apply_environment`, which points the
process's TLS verification at the region's CA.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from argparse import Namespace
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cur_desktop.errors import UserError

PRESET_ENV = "CUR_DESKTOP_PRESET"
PRESET_NAME = "preset.toml"
BAKED_DIR = "preset"  # inside a frozen bundle (packaging/curpack/manifest.py)
MODES = ("console", "wall")
FIELDS = frozenset(
    {"centre", "server", "ca_certificate", "region_pack", "municipalities", "default_mode"}
)
_PACK_ID = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,8}")
_OKTMO = re.compile(r"[0-9]{8}|[0-9]{11}")
_PEM_CERT = b"-----BEGIN CERTIFICATE-----"


class PresetError(UserError):
    """A preset file that cannot be used, with the file and the field at fault."""


@dataclass(frozen=True)
class Preset:
    """A validated preset."""

    path: Path
    centre: str = ""
    server: str | None = None
    ca_certificate: Path | None = None
    region_pack: str | None = None  # a pack id such as "RU-TUL"
    region_pack_dir: Path | None = None  # or a pack folder
    municipalities: tuple[str, ...] = ()
    default_mode: str = "console"

    def summary(self) -> dict[str, str]:
        """Field → text, for the About box and ``--version`` style reports."""
        pack = str(self.region_pack_dir) if self.region_pack_dir else (self.region_pack or "")
        return {
            "file": str(self.path),
            "centre": self.centre,
            "server": self.server or "",
            "ca_certificate": str(self.ca_certificate or ""),
            "region_pack": pack,
            "municipalities": ", ".join(self.municipalities),
            "default_mode": self.default_mode,
        }


def system_preset_path(platform: str | None = None) -> Path:
    """Where an installer puts the machine's preset on this operating system."""
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        base = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / "cur-desktop" / PRESET_NAME
    return Path("/etc/cur-desktop") / PRESET_NAME


def baked_preset_path() -> Path | None:
    """The preset baked into a frozen bundle, if this is one."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / BAKED_DIR / PRESET_NAME if isinstance(bundle, str) else None


def preset_candidates() -> list[Path]:
    """The places looked at, in order."""
    places = []
    override = os.environ.get(PRESET_ENV)
    if override:
        places.append(Path(override))
    places.append(system_preset_path())
    baked = baked_preset_path()
    if baked is not None:
        places.append(baked)
    return places


def find_preset() -> Preset | None:
    """The first preset found (loaded and checked), or ``None`` when there is none.

    A file named by ``$CUR_DESKTOP_PRESET`` must exist: the variable was set on purpose.
    """
    override = os.environ.get(PRESET_ENV)
    if override and not Path(override).is_file():
        raise PresetError(f"{PRESET_ENV} names {override}, which is not a file")
    for path in preset_candidates():
        if path.is_file():
            return load_preset(path)
    return None


def load_preset(path: Path) -> Preset:
    """Read and check one preset file.

    TOML is UTF-8; a byte order mark (Windows editors write one) is skipped, and any
    other encoding (a file saved as «ANSI», cp1251, or UTF-16) is refused by name.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PresetError(f"{path}: cannot read the preset: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PresetError(
            f"{path}: not UTF-8 text (byte {exc.start}): save the preset in UTF-8"
        ) from exc
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PresetError(f"{path}: not valid TOML: {exc}") from exc
    return parse_preset(doc, path)


def parse_preset(doc: dict[str, Any], path: Path) -> Preset:
    """Check a parsed preset document; relative paths are taken from ``path``'s folder."""
    unknown = sorted(set(doc) - FIELDS)
    if unknown:
        known = ", ".join(sorted(FIELDS))
        raise PresetError(f"{path}: unknown field(s) {', '.join(unknown)} (known: {known})")
    base = path.parent
    pack_id, pack_dir = _region_pack(doc, path, base)
    return Preset(
        path=path,
        centre=_text(doc, "centre", path),
        server=_server(doc, path),
        ca_certificate=_ca_certificate(doc, path, base),
        region_pack=pack_id,
        region_pack_dir=pack_dir,
        municipalities=_municipalities(doc, path),
        default_mode=_mode(doc, path),
    )


def _text(doc: dict[str, Any], key: str, path: Path) -> str:
    value = doc.get(key, "")
    if not isinstance(value, str):
        raise PresetError(f"{path}: {key} must be text in quotes, not {value!r}")
    return value.strip()


def _server(doc: dict[str, Any], path: Path) -> str | None:
    url = _text(doc, "server", path)
    if not url:
        return None
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        _ = parts.port  # a port outside 0..65535 raises too
    except ValueError:  # e.g. an unclosed IPv6 bracket
        hostname = None
    if hostname is None or parts.scheme not in ("https", "http"):
        raise PresetError(f"{path}: server must be an https:// (or http://) address, not {url!r}")
    return url


def _resolve(value: str, base: Path, path: Path, key: str) -> Path:
    if "\0" in value:
        raise PresetError(f"{path}: {key} is not a usable path: {value!r}")
    try:
        candidate = Path(value).expanduser()
    except RuntimeError as exc:  # «~name/…» of a user this machine does not know
        raise PresetError(f"{path}: {key} is not a usable path: {value!r} ({exc})") from exc
    return candidate if candidate.is_absolute() else base / candidate


def _ca_certificate(doc: dict[str, Any], path: Path, base: Path) -> Path | None:
    value = _text(doc, "ca_certificate", path)
    if not value:
        return None
    cert = _resolve(value, base, path, "ca_certificate")
    try:
        head = cert.read_bytes()[:65536]
    except OSError as exc:
        raise PresetError(f"{path}: ca_certificate {cert} cannot be read: {exc.strerror}") from exc
    if _PEM_CERT not in head:
        raise PresetError(f"{path}: ca_certificate {cert} is not a PEM certificate file")
    return cert


def _region_pack(doc: dict[str, Any], path: Path, base: Path) -> tuple[str | None, Path | None]:
    value = _text(doc, "region_pack", path)
    if not value:
        return None, None
    if _PACK_ID.fullmatch(value):
        return value, None
    folder = _resolve(value, base, path, "region_pack")
    if not (folder / "pack.json").is_file():
        raise PresetError(
            f"{path}: region_pack must be a pack id such as RU-TUL or a pack folder; "
            f"{folder} has no pack.json"
        )
    return None, folder


def _municipalities(doc: dict[str, Any], path: Path) -> tuple[str, ...]:
    value = doc.get("municipalities", [])
    if not isinstance(value, list):
        raise PresetError(f'{path}: municipalities must be a list such as ["70724000"]')
    codes = []
    for item in value:
        code = str(item).replace(" ", "") if isinstance(item, str | int) else ""
        if not _OKTMO.fullmatch(code):
            raise PresetError(f"{path}: municipalities: {item!r} is not an 8- or 11-digit OKTMO")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def _mode(doc: dict[str, Any], path: Path) -> str:
    mode = _text(doc, "default_mode", path) or "console"
    if mode not in MODES:
        raise PresetError(f"{path}: default_mode must be console or wall, not {mode!r}")
    return mode


def fill_arguments(preset: Preset, args: Namespace) -> None:
    """Give a console or wall command the preset's server and pack where none was typed."""
    if getattr(args, "command", None) not in MODES:
        return
    if getattr(args, "server", "unset") is None and preset.server is not None:
        args.server = preset.server
    if getattr(args, "pack", "unset") is None and preset.region_pack_dir is not None:
        args.pack = preset.region_pack_dir


def apply_environment(preset: Preset, environ: MutableMapping[str, str] | None = None) -> None:
    """Make HTTPS calls of this process trust the region's CA (httpx reads SSL_CERT_FILE).

    An ``SSL_CERT_FILE`` already set by the administrator wins.
    """
    env = os.environ if environ is None else environ
    if preset.ca_certificate is not None and not env.get("SSL_CERT_FILE"):
        env["SSL_CERT_FILE"] = str(preset.ca_certificate)
