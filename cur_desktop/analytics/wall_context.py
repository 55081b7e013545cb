"""What the wall's aggregates need besides the appeals: region, clock, norms and methods.

:class:`WallContext` gathers the region pack (time zone, municipalities with their
population, boundaries path), the dictionaries appeals are named with, the SLA rules
and production calendar, and two documents kept as data in ``resources/wall/``:
the rating methodology (weights, minimum volume, zone thresholds: each region sets
its own, DOMAIN.md §7) and the alarm thresholds. :func:`wall_context` builds it
once when the wall starts; it is immutable and safe to share with the worker
thread that computes :class:`~cur_desktop.analytics.wall_data.WallData`.

Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

import orjson

from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.paths import resources_dir

if TYPE_CHECKING:
    from cur_desktop.cache import Cache
    from cur_desktop.regions import Polygon, RegionPack
    from cur_desktop.sla import ProductionCalendar, SlaRules

METHODOLOGY_FILE = "rating_methodology.json"
ALARMS_FILE = "alarms.json"
_T = TypeVar("_T")
CRITERIA = ("quantity", "timeliness", "speed", "satisfaction", "quality")


@dataclass(frozen=True, slots=True)
class RatingMethodology:
    """How bodies and municipalities are rated (``resources/wall/rating_methodology.json``)."""

    period_days: int = 30
    min_volume: int = 2  # appeals in the period; fewer: "not rated"
    weights: dict[str, float] = field(
        default_factory=lambda: {
            "quantity": 0.2,
            "timeliness": 0.4,
            "speed": 0.2,
            "satisfaction": 0.2,
        }
    )
    speed_reference_hours: float = 48.0  # a median reaction this slow scores 0
    red_below: float = 70.0
    yellow_below: float = 80.0
    red_bottom_share: float = 0.0  # also red: this share of the rated, from the bottom

    def __post_init__(self) -> None:
        _check(
            {
                "period_days must be at least 1": self.period_days >= 1,
                "min_volume must not be negative": self.min_volume >= 0,
                "speed_reference_hours must be positive": self.speed_reference_hours > 0,
                "zones: 0 <= red_below <= yellow_below <= 100": (
                    0 <= self.red_below <= self.yellow_below <= 100
                ),
                "zones.red_bottom_share must be within 0..1": 0 <= self.red_bottom_share <= 1,
            }
        )


@dataclass(frozen=True, slots=True)
class AlarmThresholds:
    """When the wall raises an alarm (``resources/wall/alarms.json``)."""

    high_importance_recent_minutes: int = 60
    overdue_spike_min_increase: int = 10
    overdue_spike_min_ratio: float = 1.2
    surge_window_hours: int = 3
    surge_baseline_days: int = 7
    surge_min_count: int = 8
    surge_factor: float = 3.0

    def __post_init__(self) -> None:
        # a zero window or baseline would divide by zero; a zero count would alarm on nothing
        _check(
            {
                "high_importance.recent_minutes must be at least 1": (
                    self.high_importance_recent_minutes >= 1
                ),
                "overdue_spike.min_increase must be at least 1": (
                    self.overdue_spike_min_increase >= 1
                ),
                "overdue_spike.min_ratio must be at least 1": self.overdue_spike_min_ratio >= 1,
                "surge.window_hours must be at least 1": self.surge_window_hours >= 1,
                "surge.baseline_days must be at least 1": self.surge_baseline_days >= 1,
                "surge.min_count must be at least 1": self.surge_min_count >= 1,
                "surge.factor must be positive": self.surge_factor > 0,
            }
        )


def _check(conditions: dict[str, bool]) -> None:
    wrong = [text for text, ok in conditions.items() if not ok]
    if wrong:
        raise ValueError("; ".join(wrong))


@dataclass(frozen=True)
class WallContext:
    """Region, dictionaries, SLA and methods: everything but the appeals."""

    dictionaries: Dictionaries
    time_zone: ZoneInfo
    rules: SlaRules
    calendar: ProductionCalendar
    methodology: RatingMethodology = field(default_factory=RatingMethodology)
    alarm_thresholds: AlarmThresholds = field(default_factory=AlarmThresholds)
    region_code: str = ""
    region_name: str = ""
    boundaries_path: Path | None = None
    attribution: tuple[str, ...] = ()
    heatmap_window_days: int = 30
    ticker_size: int = 30

    @cached_property
    def boundaries(self) -> dict[str, list[Polygon]]:
        """Municipality polygons of the pack (read once; empty: draw the tile cartogram)."""
        from cur_desktop.regions.boundaries import read_boundaries

        if self.boundaries_path is None:
            return {}
        return read_boundaries(self.boundaries_path)

    def population(self, oktmo: str) -> int:
        mun = self.dictionaries.municipality(oktmo)
        return mun.population if mun is not None else 0

    def municipality_codes(self) -> tuple[str, ...]:
        return tuple(m.oktmo for m in self.dictionaries.municipalities)

    def theme_codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.dictionaries.themes)


def context_from_pack(pack: RegionPack, **overrides: Any) -> WallContext:
    """A context for ``pack`` with the shipped methodology and thresholds."""
    from cur_desktop.sla import rules_for_region

    values: dict[str, Any] = {
        "dictionaries": pack.dictionaries,
        "time_zone": pack.timezone,
        "rules": rules_for_region(pack.root),
        "calendar": pack.production_calendar(),
        "methodology": load_methodology(),
        "alarm_thresholds": load_alarm_thresholds(),
        "region_code": pack.code,
        "region_name": pack.name,
        "boundaries_path": pack.boundaries_path,
        "attribution": pack.attribution,
    }
    values.update(overrides)
    return WallContext(**values)


def wall_context(cache: Cache, pack: RegionPack) -> WallContext:
    """The wall's context for ``cache`` in the region of ``pack``.

    The pack supplies the map, the population and the calendar; the dictionaries are
    the pack's (the cache's copy from the service names the same codes, but only the
    pack carries population and boundaries). ``cache`` is not read further here.
    """
    del cache  # the signature leaves room for service-sent methodology later
    return context_from_pack(pack)


def _read_doc(path: Path) -> dict[str, Any]:
    doc = orjson.loads(path.read_bytes())
    if not isinstance(doc, dict):
        msg = f"{path}: must hold a JSON object"
        raise TypeError(msg)
    return doc


def _within(path: Path, make: Callable[[], _T]) -> _T:
    """``make()``, with a bad value reported as a problem of the file at ``path``."""
    try:
        return make()
    except (TypeError, ValueError) as exc:
        msg = f"{path}: {exc}"
        raise ValueError(msg) from exc


def load_methodology(path: Path | None = None) -> RatingMethodology:
    """Read a rating methodology; refuses weights for unknown criteria."""
    path = path or resources_dir() / "wall" / METHODOLOGY_FILE
    doc = _read_doc(path)
    return _within(path, lambda: _methodology(doc))


def _methodology(doc: dict[str, Any]) -> RatingMethodology:
    weights = {str(k): float(v) for k, v in dict(doc.get("weights", {})).items()}
    unknown = set(weights) - set(CRITERIA)
    if unknown:
        msg = f"unknown rating criteria {sorted(unknown)} (known: {list(CRITERIA)})"
        raise ValueError(msg)
    if not weights or sum(weights.values()) <= 0:
        msg = "weights must be positive and not all zero"
        raise ValueError(msg)
    zones = dict(doc.get("zones", {}))
    return RatingMethodology(
        period_days=int(doc.get("period_days", 30)),
        min_volume=int(doc.get("min_volume", 2)),
        weights=weights,
        speed_reference_hours=float(doc.get("speed_reference_hours", 48.0)),
        red_below=float(zones.get("red_below", 70.0)),
        yellow_below=float(zones.get("yellow_below", 80.0)),
        red_bottom_share=float(zones.get("red_bottom_share", 0.0)),
    )


def load_alarm_thresholds(path: Path | None = None) -> AlarmThresholds:
    path = path or resources_dir() / "wall" / ALARMS_FILE
    doc = _read_doc(path)
    return _within(path, lambda: _thresholds(doc))


def _thresholds(doc: dict[str, Any]) -> AlarmThresholds:
    high = dict(doc.get("high_importance", {}))
    spike = dict(doc.get("overdue_spike", {}))
    surge = dict(doc.get("surge", {}))
    return AlarmThresholds(
        high_importance_recent_minutes=int(high.get("recent_minutes", 60)),
        overdue_spike_min_increase=int(spike.get("min_increase", 10)),
        overdue_spike_min_ratio=float(spike.get("min_ratio", 1.2)),
        surge_window_hours=int(surge.get("window_hours", 3)),
        surge_baseline_days=int(surge.get("baseline_days", 7)),
        surge_min_count=int(surge.get("min_count", 8)),
        surge_factor=float(surge.get("factor", 3.0)),
    )
