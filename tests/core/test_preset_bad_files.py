"""Preset files as Windows tools and people write them: a PresetError naming the file, or read.

The municipal administrator reads the message; a traceback tells them nothing, and the
About box and the start-up catch only :class:`PresetError`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cur_desktop.preset import PresetError, load_preset

GOOD = 'centre = "МЦУР г. Новомосковск"\nserver = "https://cur.tula.example/"\n'


def test_a_preset_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "preset.toml"
    path.write_bytes(GOOD.encode("utf-8-sig"))
    preset = load_preset(path)
    assert preset.centre == "МЦУР г. Новомосковск"
    assert preset.server == "https://cur.tula.example/"


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16"])
def test_a_preset_not_in_utf8_is_refused_by_name(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "preset.toml"
    path.write_bytes(GOOD.encode(encoding))
    with pytest.raises(PresetError, match="not UTF-8") as caught:
        load_preset(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('server = "http://[::1"', "server"),
        ('server = "https://cur.example:99999/"', "server"),
        ('ca_certificate = "~no-such-user-on-this-machine/ca.pem"', "ca_certificate"),
        ('ca_certificate = "ca\\u0000.pem"', "ca_certificate"),
    ],
)
def test_an_unusable_address_or_path_is_a_preset_error(
    tmp_path: Path, line: str, field: str
) -> None:
    path = tmp_path / "preset.toml"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(PresetError, match=field) as caught:
        load_preset(path)
    assert str(path) in str(caught.value)
