"""SLA: the production calendar, deadline rules as data, and the deadline engine.

Qt-free. Typical use::

    calendar = ProductionCalendar(time_zone="Europe/Samara")
    rules = load_rules()  # or rules_for_region(pack_dir)
    state = compute_sla(appeal, rules, calendar, now=now)
    state.due_at, state.status
"""

from cur_desktop.sla.calendar import CalendarError, MissingYearError, ProductionCalendar
from cur_desktop.sla.calendar_data import CalendarDataError, YearData, derive_year
from cur_desktop.sla.engine import Phase, SlaState, SlaStatus, compute_sla, met_norm
from cur_desktop.sla.paths import resources_dir
from cur_desktop.sla.rules import (
    AtRisk,
    Norm,
    RulesError,
    SlaRule,
    SlaRules,
    Unit,
    load_rules,
    parse_rules,
    rules_for_region,
)
from cur_desktop.sla.schedule import WorkSchedule

__all__ = [
    "AtRisk",
    "CalendarDataError",
    "CalendarError",
    "MissingYearError",
    "Norm",
    "Phase",
    "ProductionCalendar",
    "RulesError",
    "SlaRule",
    "SlaRules",
    "SlaState",
    "SlaStatus",
    "Unit",
    "WorkSchedule",
    "YearData",
    "compute_sla",
    "derive_year",
    "load_rules",
    "met_norm",
    "parse_rules",
    "resources_dir",
    "rules_for_region",
]
