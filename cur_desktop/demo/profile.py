"""The numbers behind demo data: mixes, rhythms and reaction times of real ЦУРs.

Sources: DOMAIN.md (volumes, ИМ reaction 1 h 20 min – 5 h 20 min on average,
ПОС 30 days with an 8-day target, ≥ 60 % ratings of 4–5) and public reports of
regional ЦУРs (roads, благоустройство and ЖКХ lead every heat map). Kept in one
frozen dataclass so a test or a benchmark can vary one number and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from cur_desktop.domain.enums import Source


def _frozen(values: dict[str, float]) -> Mapping[str, float]:
    return MappingProxyType(values)


@dataclass(frozen=True)
class DemoProfile:
    # Messages per day per 100,000 residents (a 1.5 M region: ≈ 170 a day, 60 k a year).
    appeals_per_day_per_100k: float = 11.0

    source_mix: Mapping[Source, float] = field(
        default_factory=lambda: MappingProxyType(
            {
                Source.IM: 0.52,
                Source.POS: 0.28,
                Source.PORTAL: 0.08,
                Source.HOTLINE: 0.07,
                Source.GOSPUBLIC: 0.05,
            }
        )
    )
    theme_mix: Mapping[str, float] = field(
        default_factory=lambda: _frozen(
            {
                "roads": 0.22,
                "improvement": 0.18,
                "housing": 0.16,
                "waste": 0.09,
                "transport": 0.08,
                "health": 0.08,
                "energy": 0.07,
                "education": 0.06,
                "social": 0.06,
            }
        )
    )
    # Category weight multipliers by month (1 = January) for seasonal problems.
    seasonal: Mapping[str, tuple[int, ...]] = field(
        default_factory=lambda: MappingProxyType(
            {
                "roads.snow": (1, 2, 3, 11, 12),
                "improvement.cleaning": (1, 2, 3, 4),
                "roads.potholes": (3, 4, 5),
                "housing.heating": (1, 2, 3, 4, 10, 11, 12),
                "improvement.greenery": (5, 6, 7, 8),
                "improvement.playgrounds": (5, 6, 7, 8),
                "education.schools": (8, 9),
                "energy.outages": (1, 7, 12),
            }
        )
    )
    season_boost: float = 3.0
    other_category_share: float = 0.06  # «Прочие по направлению»

    weekday_factor: tuple[float, ...] = (1.15, 1.1, 1.05, 1.0, 0.95, 0.72, 0.68)
    month_factor: tuple[float, ...] = (
        1.1, 1.08, 1.12, 1.1, 1.0, 0.9, 0.85, 0.9, 1.0, 1.05, 1.05, 1.12,
    )  # fmt: skip
    holiday_factor: float = 0.55
    hour_weights: tuple[float, ...] = (
        0.6, 0.35, 0.2, 0.15, 0.15, 0.3, 0.9, 2.0, 3.5, 4.6, 5.0, 4.8,
        4.5, 4.5, 4.6, 4.4, 4.2, 4.1, 4.2, 4.4, 4.3, 3.6, 2.5, 1.3,
    )  # fmt: skip

    high_importance: Mapping[Source, float] = field(
        default_factory=lambda: MappingProxyType({Source.IM: 0.08, Source.GOSPUBLIC: 0.06})
    )
    private_message_share: float = 0.05  # ИМ «ЛС»

    # Reaction times: lognormal medians (hours) and spread (sigma of the log).
    categorise_median_h: float = 0.35
    route_median_h: Mapping[str, float] = field(
        default_factory=lambda: _frozen({"fast": 0.4, "slow": 20.0})
    )
    take_median_h: Mapping[str, float] = field(
        default_factory=lambda: _frozen({"fast": 0.5, "slow": 16.0})
    )
    answer_median_h: Mapping[str, float] = field(
        default_factory=lambda: _frozen({"fast": 2.5, "slow": 130.0})
    )
    answer_sigma: float = 0.85
    interim_share: Mapping[str, float] = field(
        default_factory=lambda: _frozen({"fast": 0.15, "slow": 0.25})
    )
    final_after_interim_median_h: float = 80.0
    neglected_share: float = 0.08  # answered many times later than usual: the overdue ones
    neglect_factor: float = 10.0

    reject_share: float = 0.04
    redirect_share: float = 0.02
    postpone_share: float = 0.05
    request_info_share: float = 0.04
    rework_share: float = 0.06
    reopen_share_of_unhappy: float = 0.15

    rating_weights: tuple[float, ...] = (0.18, 0.09, 0.11, 0.17, 0.45)  # 1..5: 62 % at 4–5
    reaction_weights: tuple[float, ...] = (0.48, 0.32, 0.20)  # доволен / нейтрален / недоволен
    rated_share: float = 0.65

    repeat_share: float = 0.025
    merge_share_of_repeats: float = 0.4
    flag_shares: Mapping[str, float] = field(
        default_factory=lambda: _frozen(
            {"conflict": 0.02, "resonance": 0.01, "disinformation": 0.004, "important": 0.03}
        )
    )

    operators: int = 14
