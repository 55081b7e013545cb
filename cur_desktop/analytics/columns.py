"""Derived columns and time windows shared by the wall's aggregates.

Every aggregate is a few vectorised numpy/pandas operations over the frame of
:mod:`cur_desktop.analytics.wall_frame`; what several of them need is here: when an
appeal was finished and first reacted to, whether it was satisfied, which SLA
rule (and so which norm) applies to it, and the region's local days.

Conventions: times are UTC epoch seconds in float64 arrays, NaN when unset;
"finished" is the earlier of ``answered_at`` and ``closed_at`` for an appeal that
is no longer open; the first reaction is the earliest of ``first_reaction_at``,
``interim_answer_at`` and ``answered_at``. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from cur_desktop.sla import SlaRules

    Floats = npt.NDArray[np.float64]
    Bools = npt.NDArray[np.bool_]

HOUR = 3600.0
DAY = 86400.0


def floats(df: pd.DataFrame, name: str) -> Floats:
    import numpy as np

    return np.asarray(df[name].to_numpy(dtype=np.float64, na_value=np.nan))


def codes(df: pd.DataFrame, name: str) -> npt.NDArray[Any]:
    """A code column as an object array (None for missing)."""
    import numpy as np
    import pandas as pd

    column = df[name]
    if isinstance(column.dtype, pd.CategoricalDtype):
        # straight from the category codes: no per-row conversion through pandas
        categories = np.asarray(column.cat.categories, dtype=object)
        index = column.cat.codes.to_numpy()
        if len(categories) == 0:
            return np.full(len(index), None, dtype=object)
        out = categories[index]
        out[index < 0] = None
        return np.asarray(out, dtype=object)
    return np.asarray(column.astype(object).where(column.notna(), None).to_numpy())


def finished_at(df: pd.DataFrame) -> Floats:
    """When a closed appeal was finished; NaN for open ones (and for unknown times)."""
    import numpy as np

    fin = np.fmin(floats(df, "answered_at"), floats(df, "closed_at"))
    open_now = df["is_open"].to_numpy() == 1
    fin[open_now] = np.nan
    return np.asarray(fin)


def first_reaction_at(df: pd.DataFrame) -> Floats:
    import numpy as np

    first = np.fmin(floats(df, "first_reaction_at"), floats(df, "interim_answer_at"))
    return np.asarray(np.fmin(first, floats(df, "answered_at")))


def satisfied(df: pd.DataFrame) -> tuple[Bools, Bools]:
    """(rated, satisfied): ПОС 4–5 or ИМ «доволен», as :attr:`Appeal.is_satisfied`."""
    import numpy as np

    rating = floats(df, "satisfaction_rating")
    reaction = codes(df, "satisfaction_reaction")
    has_rating = ~np.isnan(rating)
    has_reaction = reaction != None  # noqa: E711 (elementwise)
    rated = has_rating | has_reaction
    happy = np.where(has_rating, rating >= 4, reaction == "satisfied")
    return np.asarray(rated), np.asarray(happy & rated)


def in_window(values: Floats, start: float, end: float) -> Bools:
    """``start <= value < end`` (NaN never inside)."""
    import numpy as np

    return np.asarray((values >= start) & (values < end))


@dataclass(frozen=True, slots=True)
class Clock:
    """``now`` and the region's local day and week boundaries, as epoch seconds."""

    now: float
    today: float  # local midnight of today
    week: float  # local midnight of this Monday
    time_zone: ZoneInfo

    @classmethod
    def at(cls, now: datetime, time_zone: ZoneInfo) -> Clock:
        local = now.astimezone(time_zone)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        monday = midnight - timedelta(days=local.weekday())
        return cls(
            now=now.timestamp(),
            today=midnight.timestamp(),
            week=local_midnight(monday, time_zone).timestamp(),
            time_zone=time_zone,
        )

    def day_start(self, offset: int) -> float:
        """Local midnight ``offset`` days from today (negative: past), as epoch."""
        local = datetime.fromtimestamp(self.today, tz=self.time_zone) + timedelta(days=offset)
        return local_midnight(local, self.time_zone).timestamp()

    def as_datetime(self, epoch: float) -> datetime:
        return datetime.fromtimestamp(epoch, tz=UTC)


def local_midnight(moment: datetime, time_zone: ZoneInfo) -> datetime:
    """Midnight of ``moment``'s local date (re-resolved: offsets may differ across days)."""
    day = moment.astimezone(time_zone).date()
    return datetime(day.year, day.month, day.day, tzinfo=time_zone)


def local_hours(epochs: Floats, time_zone: ZoneInfo) -> npt.NDArray[np.int64]:
    """Local hour of day (0..23) of each time; call on a window, not a whole frame."""
    import numpy as np
    import pandas as pd

    if len(epochs) == 0:
        return np.zeros(0, dtype=np.int64)
    stamps = pd.to_datetime(epochs, unit="s", utc=True).tz_convert(time_zone)
    return np.asarray(stamps.hour, dtype=np.int64)


def rule_index(df: pd.DataFrame, rules: SlaRules) -> tuple[list[Any], npt.NDArray[np.int64]]:
    """The SLA rule of each appeal: (distinct rules, index of each row's rule).

    Rules are matched once per distinct (source, kind, theme, importance), not
    per appeal: a region has a few dozen such combinations.
    """
    import numpy as np

    cols = ["source", "kind", "theme", "importance"]
    if len(df) == 0:
        return [], np.zeros(0, dtype=np.int64)
    groups = df.groupby(cols, observed=True, dropna=False, sort=False).ngroup().to_numpy()
    firsts = df.assign(_g=groups).drop_duplicates("_g")
    distinct: list[Any] = [None] * (int(groups.max()) + 1 if len(groups) else 0)
    for row in firsts[[*cols, "_g"]].itertuples(index=False, name=None):
        s, k, t, imp = (v if isinstance(v, str) else None for v in row[:4])
        distinct[int(row[4])] = rules.match(source=s, kind=k, theme=t, importance=imp)
    return distinct, np.asarray(groups, dtype=np.int64)
