"""The head's desk: figures by period, ratings by the region's methodology, reports.

Qt-free. :func:`compute_desk` gives a :class:`Desk` for a :class:`Period`; the
reports (:mod:`cur_desktop.reports`) and the console's «Аналитика» screen read it.
"""

from cur_desktop.desk.desk import Desk, PeriodFigures, compute_desk
from cur_desktop.desk.methodology import Methodology
from cur_desktop.desk.periods import Period, PeriodError

__all__ = ["Desk", "Methodology", "Period", "PeriodError", "PeriodFigures", "compute_desk"]
