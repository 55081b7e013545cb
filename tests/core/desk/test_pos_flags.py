"""ПОС «Просрочено» and «Фаст-трек» are kept as flags at import and counted by the desk."""

from __future__ import annotations

from pathlib import Path

from cur_desktop.central.importers.aliases import default_aliases
from cur_desktop.central.importers.pos import parse_pos
from cur_desktop.central.importers.vocabulary import Vocabulary
from cur_desktop.domain.enums import Flag
from cur_desktop.regions.pack import builtin_pack_dir, load_pack
from tests.central.test_import_pos import BASE, MSK, NOW, write_xlsx

ROW = [
    "Дороги",
    "Ямы и выбоины на дорогах",
    "Администрация муниципального образования «Щекинский муниципальный район»",
    "Исполнение",
]


def test_overdue_and_fast_track_become_flags(tmp_path: Path) -> None:
    pack = load_pack(builtin_pack_dir())
    vocabulary = Vocabulary(pack.dictionaries, default_aliases(pack.code, pack.root))
    path = write_xlsx(
        tmp_path / "pos.xlsx",
        [*BASE, "Фаст-трек"],
        [
            ["1", *ROW, "Да", "Нет"],
            ["2", *ROW, "Нет", "Да"],
            ["3", *ROW, "Да", "Да"],
            ["4", *ROW, "Нет", ""],
        ],
    )
    result = parse_pos(path, vocabulary, tz=MSK, now=NOW)
    assert result.errors == ()
    flags = {r.external_id: Flag(r.flags) for r in result.records}
    assert flags["1"] & (Flag.SOURCE_OVERDUE | Flag.FAST_TRACK) == Flag.SOURCE_OVERDUE
    assert flags["2"] & (Flag.SOURCE_OVERDUE | Flag.FAST_TRACK) == Flag.FAST_TRACK
    assert Flag.SOURCE_OVERDUE in flags["3"]
    assert Flag.FAST_TRACK in flags["3"]
    assert not flags["4"] & (Flag.SOURCE_OVERDUE | Flag.FAST_TRACK)


def test_an_export_without_the_fast_track_column_still_imports(tmp_path: Path) -> None:
    pack = load_pack(builtin_pack_dir())
    vocabulary = Vocabulary(pack.dictionaries, default_aliases(pack.code, pack.root))
    path = write_xlsx(tmp_path / "pos.xlsx", BASE, [["9", *ROW, "Да"]])
    result = parse_pos(path, vocabulary, tz=MSK, now=NOW)
    assert result.errors == ()
    assert Flag(result.records[0].flags) & (Flag.SOURCE_OVERDUE | Flag.FAST_TRACK) == (
        Flag.SOURCE_OVERDUE
    )
