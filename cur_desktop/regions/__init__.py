"""Region packs: a region's identity, calendar, dictionaries and map in one directory.

The product is the same for every region; a pack makes it one region's ЦУР. See
``docs/region-pack.md`` for the format and :mod:`cur_desktop.regions.builder` for
building packs from public data.
"""

from cur_desktop.regions.boundaries import Polygon, Ring
from cur_desktop.regions.builder import build_packs
from cur_desktop.regions.errors import PackError
from cur_desktop.regions.pack import (
    RegionPack,
    builtin_pack_dir,
    find_packs,
    load_boundaries,
    load_pack,
)
from cur_desktop.regions.tiles import assign_tiles

__all__ = [
    "PackError",
    "Polygon",
    "RegionPack",
    "Ring",
    "assign_tiles",
    "build_packs",
    "builtin_pack_dir",
    "find_packs",
    "load_boundaries",
    "load_pack",
]
