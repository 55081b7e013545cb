"""A small hand-built dataset for the wall's aggregates (and the wall pages' tests).

Eleven appeals (plus one merged duplicate) in the tiny test region (Asia/Yekaterinburg,
UTC+5; four municipalities of 12,000, 8,000, 5,000 and 75,000 residents), at
NOW = Wednesday 2026-02-04 12:00 local. Every expected value in the tests is worked
out by hand from this table, in comments next to the assertion.

    id  created    category          mun body           status      notes
    1   now-2h     roads.potholes    C   min-transport  in_progress IM high, reacted +30', due +30'
    2   now-5h     housing.heating   N   -              new         due now-1h (overdue)
    3   now-26h    roads.potholes    C   min-transport  answered    reacted +1h, done -20h, due -22h
    4   now-30h    waste.collection  E   tko-operator   closed      done now-10h, due +100h, rated 5
    5   now-3d     health.quality    S   min-health     closed      done now-2d, due now-1d, rated 2
    6   now-8d-2h  roads.snow        N   min-transport  closed      IM, reacted +1h, done -6d,
                                                                    due -6.5d, «доволен»
    7   now-9d     roads.potholes    C   min-transport  in_progress due now-8d (overdue)
    8   now-40d    housing.heating   C   adm-99701000   closed      done now-35d, rated 4
    9   now-1h     roads.snow        S   -              new         IM, due +30h; author in text
    10  now-1h     (merged into 1: left out everywhere)
    11  now-13d    -                 -   -              closed      portal, done now-12d
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cur_desktop.analytics import RatingMethodology, WallContext, context_from_pack
from cur_desktop.domain import Appeal, Author, Importance, Kind, Reaction, Source, Status
from cur_desktop.regions import load_pack

ROOT = Path(__file__).resolve().parents[3]
TINY = ROOT / "tests" / "data" / "packs" / "tiny"
NOW = datetime(2026, 2, 4, 7, 0, tzinfo=UTC)  # 12:00 in Yekaterinburg, a Wednesday
N, E, S, C = "99601000", "99602000", "99603000", "99701000"
H = timedelta(hours=1)
D = timedelta(days=1)

AUTHOR = Author(
    name="Иванов Пётр", phone="+7 912 345-67-89", email="ivanov@example.ru", profile_url=""
)
PRIVATE_ADDRESS = "ул. Ленина, д. 5, кв. 3"
LEAKY_TEXT = (
    "Снег не убирают. Звоните Иванову: +7 912 345-67-89, пишите ivanov@example.ru. "
    "Иванов Пётр, ул. Ленина, д. 5, кв. 3"
)


def make(i: int, created: datetime, **changes: Any) -> Appeal:
    values: dict[str, Any] = {
        "id": i,
        "source": Source.PORTAL,
        "external_id": f"t-{i}",
        "kind": Kind.MESSAGE,
        "created_at": created,
        "text": f"Обращение {i}",
        "status": Status.IN_PROGRESS,
        "due_at": NOW + 30 * D,
    }
    values.update(changes)
    return Appeal(**values)


def dataset() -> list[Appeal]:
    im = {"source": Source.IM, "kind": Kind.INCIDENT}
    return [
        make(1, NOW - 2 * H, **im, importance=Importance.HIGH, theme="roads",
             category="roads.potholes", municipality=C, body="min-transport",
             first_reaction_at=NOW - 1.5 * H, due_at=NOW + 0.5 * H, title="Яма на дороге"),
        make(2, NOW - 5 * H, status=Status.NEW, theme="housing", category="housing.heating",
             municipality=N, due_at=NOW - H),
        make(3, NOW - 26 * H, status=Status.ANSWERED, theme="roads", category="roads.potholes",
             municipality=C, body="min-transport", first_reaction_at=NOW - 25 * H,
             answered_at=NOW - 20 * H, due_at=NOW - 22 * H),
        make(4, NOW - 30 * H, status=Status.CLOSED, theme="waste", category="waste.collection",
             municipality=E, body="tko-operator", answered_at=NOW - 10 * H,
             closed_at=NOW - 9 * H, due_at=NOW + 100 * H, satisfaction_rating=5),
        make(5, NOW - 3 * D, status=Status.CLOSED, theme="health", category="health.quality",
             municipality=S, body="min-health", answered_at=NOW - 2 * D,
             closed_at=NOW - 2 * D, due_at=NOW - D, satisfaction_rating=2),
        make(6, NOW - 8 * D - 2 * H, **im, status=Status.CLOSED, theme="roads",
             category="roads.snow", municipality=N, body="min-transport",
             first_reaction_at=NOW - 8 * D - H, answered_at=NOW - 6 * D,
             closed_at=NOW - 6 * D, due_at=NOW - 6.5 * D,
             satisfaction_reaction=Reaction.SATISFIED),
        make(7, NOW - 9 * D, theme="roads", category="roads.potholes", municipality=C,
             body="min-transport", due_at=NOW - 8 * D),
        make(8, NOW - 40 * D, status=Status.CLOSED, theme="housing", category="housing.heating",
             municipality=C, body="adm-99701000", answered_at=NOW - 35 * D,
             closed_at=NOW - 35 * D, due_at=NOW - 30 * D, satisfaction_rating=4),
        make(9, NOW - H, **im, status=Status.NEW, theme="roads", category="roads.snow",
             municipality=S, due_at=NOW + 30 * H, text=LEAKY_TEXT, author=AUTHOR,
             address=PRIVATE_ADDRESS, address_is_private=True),
        make(10, NOW - H, **im, theme="roads", category="roads.potholes", municipality=C,
             body="min-transport", merged_into=1, due_at=NOW - 5 * D),
        make(11, NOW - 13 * D, status=Status.CLOSED, answered_at=NOW - 12 * D,
             closed_at=NOW - 12 * D, due_at=None),
    ]  # fmt: skip


METHOD = RatingMethodology(
    period_days=30,
    min_volume=2,
    weights={"quantity": 0.2, "timeliness": 0.4, "speed": 0.2, "satisfaction": 0.2},
    speed_reference_hours=48.0,
    red_below=45.0,
    yellow_below=55.0,
    red_bottom_share=0.0,
)


def tiny_wall_context() -> WallContext:
    return context_from_pack(load_pack(TINY), methodology=METHOD)
