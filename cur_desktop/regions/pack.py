"""Region packs: everything that makes the product one region's ЦУР rather than another's.

A pack is a directory (``RU-TUL/``) holding ``pack.json`` (identity, time zone,
calendar, attribution), ``dictionaries.json`` (municipalities and bodies, laid over
the shipped default dictionaries), and optionally ``boundaries.geojson`` and
``sla.json``. The format is documented in ``docs/region-pack.md``.

:func:`load_pack` reads and cross-checks all of it and refuses a broken pack with a
:class:`PackError` naming the file and the field: a pack comes from outside the
project, and "KeyError: 'oktmo'" would tell its author nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson

from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.dictionaries_io import (
    DictionaryError,
    dictionaries_from_json,
    load_default_dictionaries_doc,
    merge_dictionary_docs,
)
from cur_desktop.regions.boundaries import (
    Polygon,
    feature_oktmo,
    read_boundaries,
    read_feature_collection,
)
from cur_desktop.regions.errors import PackError
from cur_desktop.regions.holidays import HolidayRules, parse_days
from cur_desktop.sla.paths import resources_dir
from cur_desktop.sla.schedule import WorkSchedule

if TYPE_CHECKING:
    from cur_desktop.sla.calendar import ProductionCalendar

FORMAT = "cur-region-pack"
VERSION = 1
PACK_FILE = "pack.json"
DICTIONARIES_FILE = "dictionaries.json"
BOUNDARIES_FILE = "boundaries.geojson"
SLA_FILE = "sla.json"

#: Years over which annual regional holidays are expanded into dates.
ANNUAL_FIRST_YEAR = 2000
ANNUAL_LAST_YEAR = 2099

#: The region shipped with the product, used until a real pack is configured.
BUILTIN_REGION = "RU-TUL"

# ISO 3166-2 subdivision codes are "RU-TUL"; test and private packs use longer
# suffixes ("XX-TINY"), which the format allows.
_CODE = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,8}")
_REGION_OKTMO = re.compile(r"[0-9]{2}")


@dataclass(frozen=True)
class RegionPack:
    """A loaded, validated region pack."""

    code: str
    name: str
    oktmo: str  # the region's two-digit OKTMO prefix
    timezone: ZoneInfo
    calendar: str  # production calendar country, e.g. "RU"
    dictionaries: Dictionaries  # merged with the defaults
    root: Path
    boundaries_path: Path | None = None
    sla_path: Path | None = None
    holidays: HolidayRules = field(default_factory=HolidayRules)
    schedule: WorkSchedule | None = None  # working hours for SLA; None: the standard week
    attribution: tuple[str, ...] = ()
    source: str = ""

    @cached_property
    def extra_holidays(self) -> frozenset[date]:
        """Regional non-working days: listed dates and annual ones over 2000-2099.

        Annual holidays are expanded over a century rather than kept as rules so
        that the production calendar needs no notion of them.
        """
        return self.holidays.expand(ANNUAL_FIRST_YEAR, ANNUAL_LAST_YEAR)

    @property
    def extra_working_days(self) -> frozenset[date]:
        return self.holidays.working_days

    def production_calendar(self, **options: Any) -> ProductionCalendar:
        """The region's working-time calendar: its zone, schedule and holidays.

        ``options`` go to :class:`~cur_desktop.sla.calendar.ProductionCalendar`
        (``data_dir``, ``missing_years``).
        """
        from cur_desktop.sla.calendar import ProductionCalendar

        return ProductionCalendar(
            time_zone=self.timezone.key,
            schedule=self.schedule,
            extra_holidays=self.extra_holidays,
            extra_working_days=self.extra_working_days,
            **options,
        )


def load_boundaries(pack: RegionPack) -> dict[str, list[Polygon]]:
    """Polygons per OKTMO of a pack; empty when the pack ships no boundaries."""
    if pack.boundaries_path is None:
        return {}
    return read_boundaries(pack.boundaries_path)


def builtin_pack_dir() -> Path:
    """The demo region shipped under ``resources/regions/``."""
    return resources_dir() / "regions" / BUILTIN_REGION


def find_packs(directory: Path) -> list[Path]:
    """Pack directories in ``directory`` (or the directory itself if it is one), sorted."""
    if (directory / PACK_FILE).is_file():
        return [directory]
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if (p / PACK_FILE).is_file())


def load_pack(path: Path) -> RegionPack:
    """Read, merge and validate the pack in directory ``path``."""
    root = Path(path)
    if not root.is_dir():
        raise PackError(root, "is not a directory")
    pack_file = root / PACK_FILE
    doc = _read_json(pack_file)
    meta = _Fields(doc, pack_file)
    if meta.get("format") != FORMAT:
        raise PackError(pack_file, f"must be {FORMAT!r}, got {meta.get('format')!r}", "format")
    version = meta.get("version")
    if isinstance(version, bool) or version != VERSION:
        raise PackError(
            pack_file, f"unsupported version {version!r} (expected {VERSION})", "version"
        )
    code = meta.text("code")
    if not _CODE.fullmatch(code):
        raise PackError(pack_file, f"{code!r} is not a region code like 'RU-TUL'", "code")
    oktmo = meta.text("oktmo")
    if not _REGION_OKTMO.fullmatch(oktmo):
        raise PackError(pack_file, f"{oktmo!r} is not a two-digit OKTMO region code", "oktmo")
    tz_name = meta.text("timezone")
    try:
        timezone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise PackError(pack_file, f"unknown IANA time zone {tz_name!r}", "timezone") from exc
    name = meta.text("name")
    calendar = meta.text("calendar", "RU")
    holidays = _holiday_rules(meta)
    schedule = _schedule(meta)
    attribution = meta.texts("attribution")
    source = meta.text("source", "", empty_ok=True)
    dictionaries = _load_dictionaries(root / DICTIONARIES_FILE, oktmo)
    boundaries = root / BOUNDARIES_FILE
    if boundaries.exists():
        _check_boundaries(boundaries, dictionaries)
    sla = root / SLA_FILE
    return RegionPack(
        code=code,
        name=name,
        oktmo=oktmo,
        timezone=timezone,
        calendar=calendar,
        dictionaries=dictionaries,
        root=root,
        boundaries_path=boundaries if boundaries.exists() else None,
        sla_path=_check_sla(sla, dictionaries) if sla.exists() else None,
        holidays=holidays,
        schedule=schedule,
        attribution=attribution,
        source=source,
    )


class _Fields:
    """Typed access to one JSON object, each refusal naming the file and field."""

    def __init__(self, doc: Any, path: Path) -> None:
        if not isinstance(doc, dict):
            raise PackError(path, "must hold a JSON object")
        self.doc: dict[str, Any] = doc
        self.path = path

    def get(self, key: str, default: Any = None) -> Any:
        return self.doc.get(key, default)

    def text(self, key: str, default: str | None = None, *, empty_ok: bool = False) -> str:
        value = self.doc.get(key, default)
        if value is None:
            raise PackError(self.path, "required field is missing", key)
        if not isinstance(value, str):
            raise PackError(self.path, f"must be a string, got {value!r}", key)
        if not value.strip() and not empty_ok:
            raise PackError(self.path, "must not be empty", key)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.doc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise PackError(self.path, "must be a list of strings", key)
        return tuple(value)


def _holiday_rules(meta: _Fields) -> HolidayRules:
    try:
        dates, annual = parse_days(meta.get("extra_holidays", []), annual_ok=True)
    except ValueError as exc:
        raise PackError(meta.path, str(exc), "extra_holidays") from exc
    try:
        working, _ = parse_days(meta.get("extra_working_days", []), annual_ok=False)
    except ValueError as exc:
        raise PackError(meta.path, str(exc), "extra_working_days") from exc
    rules = HolidayRules(dates=dates, annual=annual, working_days=working)
    clash = working & rules.expand(ANNUAL_FIRST_YEAR, ANNUAL_LAST_YEAR)
    if clash:
        days = ", ".join(sorted(d.isoformat() for d in clash))
        raise PackError(meta.path, f"{days} also listed as a holiday", "extra_working_days")
    return rules


def _schedule(meta: _Fields) -> WorkSchedule | None:
    """The working schedule section, parsed by the SLA code that will use it."""
    schedule = meta.get("schedule")
    if schedule is None:
        return None
    try:
        return WorkSchedule.from_config(schedule, "schedule")
    except ValueError as exc:
        raise PackError(meta.path, str(exc), "schedule") from exc


def _read_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise PackError(path, "file is missing") from exc
    except OSError as exc:
        raise PackError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise PackError(path, f"not valid JSON: {exc}") from exc


def _load_dictionaries(path: Path, region_oktmo: str) -> Dictionaries:
    doc = _Fields(_read_json(path), path)
    if doc.get("format") != "cur-dictionaries":
        raise PackError(path, f"must be 'cur-dictionaries', got {doc.get('format')!r}", "format")
    municipalities = doc.get("municipalities")
    if not isinstance(municipalities, list) or not municipalities:
        raise PackError(path, "a pack must list its municipalities", "municipalities")
    try:
        merged = merge_dictionary_docs(load_default_dictionaries_doc(), doc.doc)
        dictionaries = dictionaries_from_json(merged)
    except DictionaryError as exc:
        raise PackError(path, f"{exc.problem} (merged over the defaults)", exc.path) from exc
    tiles: dict[tuple[int, int], str] = {}
    for i, mun in enumerate(dictionaries.municipalities):
        where = f"municipalities[{i}]"
        if not mun.oktmo.startswith(region_oktmo):
            problem = f"OKTMO {mun.oktmo} is outside region {region_oktmo}"
            raise PackError(path, problem, f"{where}.oktmo")
        if mun.tile_col is None or mun.tile_row is None:
            problem = f"municipality {mun.oktmo} has no tile position (tile_col, tile_row)"
            raise PackError(path, problem, where)
        other = tiles.setdefault((mun.tile_col, mun.tile_row), mun.oktmo)
        if other != mun.oktmo:
            problem = f"municipalities {other} and {mun.oktmo} share one tile"
            raise PackError(path, problem, f"{where}.tile_col")
    return dictionaries


def _check_boundaries(path: Path, dictionaries: Dictionaries) -> None:
    """Every keyed feature must name a municipality of the pack.

    A polygon for an OKTMO the dictionaries do not know means the two files come
    from different reorganisations of the region (OKTMO codes change): refuse it
    rather than draw a map whose areas match no appeal.
    """
    for index, feature in enumerate(read_feature_collection(path)):
        oktmo = feature_oktmo(feature)
        if oktmo is not None and dictionaries.municipality(oktmo) is None:
            problem = f"OKTMO {oktmo} is not a municipality in {DICTIONARIES_FILE}"
            raise PackError(path, problem, f"features[{index}].properties.oktmo")


def _check_sla(path: Path, dictionaries: Dictionaries) -> Path:
    """The pack's own SLA rules, read by the SLA module that will use them.

    The SLA reader cannot know the region's themes; a rule for a theme the pack
    does not have would silently never match, so it is refused here.
    """
    from cur_desktop.sla.rules import load_rules

    try:
        rules = load_rules(path)
    except ValueError as exc:
        raise PackError(path, f"invalid SLA rules: {exc}") from exc
    for i, rule in enumerate(rules.rules):
        for theme in sorted(rule.match.get("theme", ())):
            if dictionaries.theme(theme) is None:
                problem = f"rule {rule.name!r} names unknown theme {theme!r}"
                raise PackError(path, problem, f"rules[{i}].match.theme")
    return path
