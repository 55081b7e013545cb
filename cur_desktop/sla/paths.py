"""Where the SLA engine's data lives (see :mod:`cur_desktop.paths`)."""

from __future__ import annotations

from pathlib import Path

from cur_desktop.paths import RESOURCES_ENV, resources_dir

__all__ = ["RESOURCES_ENV", "calendars_dir", "default_rules_path", "resources_dir"]


def calendars_dir(country: str = "RU") -> Path:
    """Folder of one country's production calendars (``resources/calendars/RU``)."""
    return resources_dir() / "calendars" / country


def default_rules_path() -> Path:
    """The SLA rules used when a region ships none (``resources/sla/default.json``)."""
    return resources_dir() / "sla" / "default.json"
