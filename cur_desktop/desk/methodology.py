"""The region's methodology: rating rules, targets of the figures, the reports' sections.

One JSON document (format ``cur-region-methodology``, see
``resources/desk/methodology.json``) that a ЦУР head loads into the central service
(``cur-central region methodology load FILE``); the service keeps every version and
sends the newest with ``GET /region``; workstations and walls keep it in the cache
(``dictionaries`` row ``methodology``). Where none has been synced, the bundled one
serves. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from cur_desktop.paths import resources_dir

if TYPE_CHECKING:
    from cur_desktop.cache import Cache

FORMAT = "cur-region-methodology"
CACHE_NAME = "methodology"  # the cache's dictionaries row
#: Rating criteria the desk knows; the wall's subset is cur_desktop.analytics.wall_context.
CRITERIA = ("quantity", "timeliness", "speed", "satisfaction", "quality")
SECTIONS = (
    "totals",
    "themes",
    "heatmap",  # municipalities × themes, the weekly bulletin's table (reports/heatmap.py)
    "municipalities",
    "bodies",
    "ratings",
    "satisfaction",
    "trends",
    "problems",  # conflicts, disinformation cases, problems and measures (issue 17)
    "cases",
)


class MethodologyError(ValueError):
    """A methodology document that cannot be used."""


@dataclass(frozen=True)
class RatingRules:
    period_days: int = 30
    min_volume: int = 2
    weights: dict[str, float] = field(default_factory=lambda: {"timeliness": 1.0})
    speed_reference_hours: float = 48.0
    red_below: float = 70.0
    yellow_below: float = 80.0
    red_bottom_share: float = 0.0


@dataclass(frozen=True)
class Methodology:
    """The parsed document (``doc`` keeps it whole, for the wall and for storing)."""

    rating: RatingRules
    targets: dict[str, float]
    theme_targets: dict[str, dict[str, float]]
    sections: tuple[tuple[str, str], ...]  # (key, title) in the region's order
    doc: dict[str, Any] = field(repr=False, default_factory=dict)
    version: int = 1

    def target(self, figure: str, theme: str | None = None) -> float | None:
        if theme is not None and figure in self.theme_targets.get(theme, {}):
            return self.theme_targets[theme][figure]
        return self.targets.get(figure)

    @classmethod
    def bundled(cls) -> Methodology:
        return read_file(resources_dir() / "desk" / "methodology.json")

    def wall_rating_doc(self) -> dict[str, Any]:
        """The rating part in the wall's ``cur-wall-rating`` form (its criteria only)."""
        from cur_desktop.analytics.wall_context import CRITERIA as WALL_CRITERIA

        rating = dict(self.doc.get("rating", {}))
        weights = {k: v for k, v in dict(rating.get("weights", {})).items() if k in WALL_CRITERIA}
        return {**rating, "format": "cur-wall-rating", "weights": weights}


def read_file(path: Path) -> Methodology:
    try:
        doc = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise MethodologyError(f"{path}: {exc}") from exc
    try:
        return parse(doc)
    except MethodologyError as exc:
        raise MethodologyError(f"{path}: {exc}") from exc


def parse(doc: Any) -> Methodology:
    """Validate a document; refuses unknown criteria, sections and bad thresholds."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise MethodologyError(f"not a {FORMAT} document")
    raw = dict(doc.get("rating") or {})
    weights = {str(k): float(v) for k, v in dict(raw.get("weights") or {}).items()}
    unknown = sorted(set(weights) - set(CRITERIA))
    if unknown:
        raise MethodologyError(f"unknown rating criteria {unknown} (known: {list(CRITERIA)})")
    if not weights or min(weights.values()) < 0 or sum(weights.values()) <= 0:
        raise MethodologyError("rating weights must be non-negative and not all zero")
    zones = dict(raw.get("zones") or {})
    rating = RatingRules(
        period_days=int(raw.get("period_days", 30)),
        min_volume=int(raw.get("min_volume", 2)),
        weights=weights,
        speed_reference_hours=float(raw.get("speed_reference_hours", 48.0)),
        red_below=float(zones.get("red_below", 70.0)),
        yellow_below=float(zones.get("yellow_below", 80.0)),
        red_bottom_share=float(zones.get("red_bottom_share", 0.0)),
    )
    if not 0 <= rating.red_below <= rating.yellow_below <= 100:
        raise MethodologyError("zones: 0 <= red_below <= yellow_below <= 100")
    if rating.period_days < 1 or rating.min_volume < 0 or rating.speed_reference_hours <= 0:
        raise MethodologyError("period_days >= 1, min_volume >= 0, speed_reference_hours > 0")
    targets = {str(k): float(v) for k, v in dict(doc.get("targets") or {}).items()}
    themes = {
        str(t): {str(k): float(v) for k, v in dict(values).items()}
        for t, values in dict(doc.get("theme_targets") or {}).items()
    }
    sections = tuple((str(s["key"]), str(s["title"])) for s in doc.get("report_sections") or ())
    wrong = sorted({k for k, _ in sections} - set(SECTIONS))
    if wrong:
        raise MethodologyError(f"unknown report sections {wrong} (known: {list(SECTIONS)})")
    return Methodology(
        rating,
        targets,
        themes,
        sections or tuple((k, k) for k in SECTIONS),
        doc,
        int(doc.get("version", 1)),
    )


def for_cache(cache: Cache) -> Methodology:
    """The synced methodology of the cache's region, or the bundled one."""
    doc = cache.load_dictionaries(CACHE_NAME)
    if doc is not None:
        try:
            return parse(doc)
        except MethodologyError:
            import logging

            logging.getLogger(__name__).warning("the synced methodology is unusable: bundled one")
    return Methodology.bundled()


def synced_doc(cache_path: Path) -> dict[str, Any] | None:
    """The methodology document synced into the cache file at ``cache_path``, if any.

    Read without migrating or creating anything (the wall asks before it prepares its
    cache); a missing file, table or row, or an unusable document, is None.
    """
    if not cache_path.is_file():
        return None
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from cur_desktop.cache.db import create_cache_engine

    engine = create_cache_engine(cache_path)
    try:
        with engine.connect() as conn:
            raw = conn.execute(
                text("SELECT doc FROM dictionaries WHERE name = :name"), {"name": CACHE_NAME}
            ).scalar_one_or_none()
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()
    if raw is None:
        return None
    try:
        doc = orjson.loads(raw)
        parse(doc)
    except (orjson.JSONDecodeError, MethodologyError, TypeError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None


def wall_methodology(cache_path: Path) -> Any:
    """The wall's :class:`RatingMethodology` from the synced document; None: the bundled one."""
    doc = synced_doc(cache_path)
    if doc is None:
        return None
    from cur_desktop.analytics.wall_context import _methodology

    return _methodology(parse(doc).wall_rating_doc())
