"""What the situation-room wall shows, as one immutable snapshot: :class:`WallData`.

The wall's pages read nothing but this object. It is computed off the GUI thread
(:func:`cur_desktop.analytics.compute_wall_data`) from columns read once from the
local cache, and it holds only plain Python values and tuples (no ORM rows, no
DataFrames that a widget could mutate), so it can cross threads freely and two
snapshots can be compared to raise alarms.

No field carries personal data: the ticker's texts are masked where they are
read (:mod:`cur_desktop.analytics.ticker`), and everything else is counts and codes.
Codes (theme, municipality OKTMO, body, category) are named by the pages through
the region's dictionaries in :class:`~cur_desktop.analytics.wall_context.WallContext`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Kpi:
    """One figure of the KPI board and the same figure one period earlier.

    ``value`` None means "no data yet" (no rated appeal this week, say): the page
    shows a dash rather than a misleading zero. ``higher_is_better`` tells the page
    which way of the trend arrow is good news.
    """

    key: str  # received_today, received_week, in_work, overdue_now, within_norm, ...
    value: float | None
    previous: float | None
    unit: str  # "count", "share" (0..1), "hours", "working_hours" (working time)
    higher_is_better: bool
    norm: float | None = None  # the norm to compare against (reaction time), same unit
    period: str = ""  # "today", "week", "now", "7d", "30d" (see cur_desktop.analytics.kpi)

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass(frozen=True, slots=True)
class HeatMap:
    """Counts of appeals received over ``window_days``: rows × municipalities.

    ``absolute[r][c]`` is a count; ``per_10k[r][c]`` is that count per 10,000
    residents of the column's municipality (None where the pack has no population).
    """

    rows: tuple[str, ...]  # theme codes (or category codes for a theme's breakdown)
    columns: tuple[str, ...]  # OKTMO codes
    absolute: tuple[tuple[int, ...], ...]
    per_10k: tuple[tuple[float | None, ...], ...]
    window_days: int


@dataclass(frozen=True, slots=True)
class TopProblem:
    """A category among the most frequent of the window, with its previous window."""

    theme: str
    category: str
    count: int
    previous: int
    top_municipality: str | None  # where most of them come from


@dataclass(frozen=True, slots=True)
class MunicipalityLoad:
    """One municipality on the map: load and overdue share."""

    oktmo: str
    received: int  # in the heat map's window
    per_10k: float | None
    open: int
    overdue: int

    @property
    def overdue_share(self) -> float | None:
        return self.overdue / self.open if self.open else None


@dataclass(frozen=True, slots=True)
class Trends:
    """Incoming appeals by hour (today) and by day, against last week, and a forecast.

    Hours and days are local to the region. ``forecast_*`` cover the
    ``len(forecast_days)`` days after today: seasonal-naive by weekday (the median
    of the same weekday in the last weeks), the band their ``band_low``..``band_high``
    quantiles (see :mod:`cur_desktop.analytics.trends`).
    """

    hours: tuple[int, ...]  # 0..23
    today_by_hour: tuple[int, ...]  # hours after now are 0 (not yet happened)
    last_week_by_hour: tuple[int, ...]  # the same weekday a week ago, full day
    current_hour: int
    days: tuple[datetime, ...]  # local midnights, oldest first, today last (as UTC)
    by_day: tuple[int, ...]
    last_week_by_day: tuple[int, ...]  # the day 7 days before each of ``days``
    forecast_days: tuple[datetime, ...]
    forecast: tuple[float, ...]
    forecast_low: tuple[float, ...]
    forecast_high: tuple[float, ...]
    method: str  # one line: how the forecast was made


@dataclass(frozen=True, slots=True)
class RatingRow:
    """One rated body or municipality; criteria and score are 0..100."""

    code: str
    received: int
    quantity: float | None  # share of received appeals that got a reaction
    timeliness: float | None  # share finished within the norm
    speed: float | None  # from the median first-reaction time
    satisfaction: float | None  # share satisfied among rated
    score: float | None  # None when below the minimum volume
    zone: str  # "green" | "yellow" | "red" | "unrated"
    median_reaction_hours: float | None
    quality: float | None = None  # share of finished ones never returned for rework


@dataclass(frozen=True, slots=True)
class Rating:
    """A rating table, best first, then the unrated (too few appeals)."""

    subject: str  # "bodies" | "municipalities"
    rows: tuple[RatingRow, ...]
    period_days: int
    min_volume: int

    @property
    def red_zone(self) -> tuple[RatingRow, ...]:
        return tuple(r for r in self.rows if r.zone == "red")


@dataclass(frozen=True, slots=True)
class RiskItem:
    """One open appeal close to its deadline (codes only, no text)."""

    appeal_id: int
    theme: str | None
    category: str | None
    municipality: str | None
    remaining_hours: float  # in the norm's kind of time (working hours for working norms)
    due_at: datetime
    working_hours: bool = False  # ``remaining_hours`` counts working time (the norm's)


@dataclass(frozen=True, slots=True)
class BodyRisk:
    """Deadline risk of one body: appeals by time left, and those already overdue."""

    body: str  # body code ("" for appeals not yet routed)
    within_4h: int
    within_day: int  # more than 4 h, up to 8 working hours / 24 h
    within_3days: int
    overdue: int

    @property
    def at_risk(self) -> int:
        return self.within_4h + self.within_day + self.within_3days


@dataclass(frozen=True, slots=True)
class TickerItem:
    """A new appeal as the ticker shows it: masked text, codes, no author."""

    appeal_id: int
    created_at: datetime
    source: str
    importance: str
    theme: str | None
    category: str | None
    municipality: str | None
    text: str  # masked, shortened: the title, then the text
    title: str = ""  # masked: the short headline alone (for the ticker)


@dataclass(frozen=True, slots=True)
class Alarm:
    """Something the room should see now; ``key`` is stable so it fires once."""

    kind: str  # "high_importance" | "overdue_spike" | "surge"
    page: str  # the page key that shows it best ("feed", "risk", "heatmap", "map", ...)
    key: str  # e.g. "surge:municipality:70701000:2026-02-02"
    text: str  # English source text with no personal data; the page translates labels
    raised_at: datetime
    target: str | None = None  # the code it is about (appeal id, category, OKTMO, body)
    value: float | None = None  # the figure that raised it (appeals in the surge window,
    # overdue appeals now)
    baseline: float | None = None  # what it is compared with (the usual count, before)
    span_hours: float | None = None  # the surge window


@dataclass(frozen=True, slots=True)
class RoomCase:
    """A disinformation case still being checked, as the room sees it."""

    claim: str  # what is spread, personal data masked
    appeals: int  # posts and appeals that spread it
    first_seen: float  # when the first of them was received (epoch seconds)


@dataclass(frozen=True, slots=True)
class RoomFigures:
    """What the problem-control work adds for the room; no appeal or person named.

    ``None`` where a figure could not be read (the wall shows the rest).
    """

    open_conflicts: int | None  # conflict situations not settled (problems/conflict_cache)
    open_disinfo_cases: int | None  # disinformation cases still being checked
    #: the newest of those cases, newest first (at most :data:`ROOM_CASES`)
    cases: tuple[RoomCase, ...] = ()


#: Open disinformation cases the wall names (the rest are counted).
ROOM_CASES = 2


@dataclass(frozen=True)
class WallData:
    """Everything every wall page shows, at one moment."""

    computed_at: datetime  # UTC
    data_as_of: datetime | None  # time of the last successful sync (freshness), UTC
    total_appeals: int
    kpis: tuple[Kpi, ...]
    heatmap: HeatMap
    category_heatmaps: dict[str, HeatMap]  # theme code -> categories × municipalities
    top_problems: tuple[TopProblem, ...]
    municipalities: tuple[MunicipalityLoad, ...]
    trends: Trends
    body_rating: Rating
    municipality_rating: Rating
    risk_by_body: tuple[BodyRisk, ...]
    risk_items: tuple[RiskItem, ...]  # most urgent first
    ticker: tuple[TickerItem, ...]  # newest first
    alarms: tuple[Alarm, ...]  # raised by this computation (new since ``previous``)
    #: Keys of every alarm raised so far (carried from snapshot to snapshot).
    alarm_keys: frozenset[str] = field(default_factory=frozenset)
    #: Recent high-importance appeals (id -> created_at), to raise alarms for new ones.
    recent_high: tuple[int, ...] = ()
    #: Open conflict situations and disinformation cases (None: not read this time).
    room: RoomFigures | None = None

    def kpi(self, key: str) -> Kpi | None:
        return next((k for k in self.kpis if k.key == key), None)
