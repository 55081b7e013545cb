"""Names and numbers as the wall shows them: dictionary names, Russian number formats.

The analytics speak in codes; pages name them through the region's dictionaries
(theme, category, municipality, body names are regional data, already Russian) and
format numbers with the application's locale (ru_RU: "1 234", "93,5 %"). Alarm
banners are built here from the alarm's kind and target, through tr(), not from
:attr:`Alarm.text` (English, for logs). GUI thread only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from cur_desktop.domain.numbers import display_number

if TYPE_CHECKING:
    from cur_desktop.analytics import Alarm
    from cur_desktop.domain.dictionaries import Dictionaries

DASH = "—"
NBSP = "\u00a0"
# Standard Russian abbreviations for names shown in narrow columns.
_ABBREVIATIONS = (
    ("Администрация: ", "Адм. "),
    ("Администрация ", "Адм. "),
    (" муниципальный район", " р-н"),
    (" муниципальный округ", " м. о."),
    (" городской округ", " г. о."),
    (" район", " р-н"),
)


_NUMBER_SPACE = re.compile(r"(?<=\d) (?=\w)")


def keep_numbers(text: str) -> str:
    """A number stays with its next word and its digit groups stay together on one line
    («10 000 жителей, 30 дней»): word wrap breaks only at the other spaces."""
    return _NUMBER_SPACE.sub(NBSP, text)


def weekday(index: int) -> str:
    """The short name of a weekday, Monday 0."""
    names = (
        QCoreApplication.translate("TrendsPage", "Mon"),
        QCoreApplication.translate("TrendsPage", "Tue"),
        QCoreApplication.translate("TrendsPage", "Wed"),
        QCoreApplication.translate("TrendsPage", "Thu"),
        QCoreApplication.translate("TrendsPage", "Fri"),
        QCoreApplication.translate("TrendsPage", "Sat"),
        QCoreApplication.translate("TrendsPage", "Sun"),
    )
    return names[index]


_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
_NO_LINE_START = set("ьъйЬЪЙ")


def _breaks(word: str) -> list[int]:
    """Where a Russian word may be hyphenated: after a vowel followed by a consonant,
    or between two consonants after a vowel; both sides with a vowel, the second not
    starting with ь, ъ, й."""
    out = []
    for i in range(2, len(word) - 1):
        left, right = word[:i], word[i:]
        if not (_VOWELS & set(left)) or not (_VOWELS & set(right)) or right[0] in _NO_LINE_START:
            continue
        after_vowel = word[i - 1] in _VOWELS and word[i] not in _VOWELS
        in_cluster = word[i - 2] in _VOWELS and not (_VOWELS & {word[i - 1], word[i]})
        after_soft = word[i - 1] in "ьъ" and word[i] not in _VOWELS  # «строитель-ство»
        keeps_soft = right[1] not in "ьъЬЪ"  # never «строите-льство»
        if len(right) < 2 or not keeps_soft or not (after_vowel or in_cluster or after_soft):
            continue
        out.append(i)
    return out


def wrap_name(name: str, fits: Callable[[str], bool]) -> list[str]:
    """``name`` in lines that each ``fits``: at its spaces and hyphens first, then
    hyphenated at syllables ("Новомос-", "ковский"); never cut, never abbreviated."""
    parts: list[str] = []
    for chunk in name.split(" "):
        pieces = chunk.split("-")
        parts.extend(p + "-" for p in pieces[:-1])
        parts.append(pieces[-1])
    lines: list[str] = []
    for part in parts:
        joined = (lines[-1] + ("" if lines[-1].endswith("-") else " ") + part) if lines else ""
        if lines and fits(joined):
            lines[-1] = joined
            continue
        rest = part
        while not fits(rest):
            cut = [i for i in _breaks(rest.rstrip("-")) if fits(rest[:i] + "-")]
            if not cut:
                break  # one syllable wider than the tile: shown whole, the font decides
            lines.append(rest[: cut[-1]] + "-")
            rest = rest[cut[-1] :]
        lines.append(rest)
    return lines


class Names:
    def __init__(self, dictionaries: Dictionaries) -> None:
        self.d = dictionaries
        self.locale = QLocale()

    def theme(self, code: str | None) -> str:
        found = self.d.theme(code) if code else None
        return (
            found.name
            if found
            else (code or QCoreApplication.translate("WallNames", "Not categorised"))
        )

    def category(self, code: str | None) -> str:
        found = self.d.category(code) if code else None
        return (
            found.name
            if found
            else (code or QCoreApplication.translate("WallNames", "Not categorised"))
        )

    def municipality(self, code: str | None) -> str:
        found = self.d.municipality(code) if code else None
        return (
            found.display_name
            if found
            else (code or QCoreApplication.translate("WallNames", "Not set"))
        )

    def body(self, code: str | None) -> str:
        found = self.d.body(code) if code else None
        if found is not None:
            return found.short_name or found.name
        return code or QCoreApplication.translate("WallNames", "Not routed")

    def body_short(self, code: str | None) -> str:
        """A body's name for a narrow column: "Администрация: X район" -> "Адм. X р-н"."""
        name = self.body(code)
        for long, short in _ABBREVIATIONS:
            name = name.replace(long, short)
        return name

    def count(self, value: float | None) -> str:
        if value is None:
            return DASH
        return self.locale.toString(round(value))

    def number(self, value: float | None, decimals: int = 1) -> str:
        if value is None:
            return DASH
        return self.locale.toString(float(value), "f", decimals)

    def percent(self, share: float | None, decimals: int = 0) -> str:
        """A share 0..1 as "93 %"."""
        if share is None:
            return DASH
        return self.locale.toString(share * 100.0, "f", decimals) + "\u202f%"

    def score(self, value: float | None) -> str:
        """A 0..100 score or criterion."""
        if value is None:
            return DASH
        return self.locale.toString(float(value), "f", 0)

    def hours(self, value: float | None, *, working: bool = False) -> str:
        """ "1,5 ч", "20 мин", working time "1,5 раб. ч", "20 раб. мин": the unit never
        wraps onto a line of its own."""
        if value is None:
            return DASH
        if value < 1.0:
            unit = (
                QCoreApplication.translate("WallNames", "%1 working min")
                if working
                else QCoreApplication.translate("WallNames", "%1 min")
            )
            text = unit.replace("%1", self.locale.toString(round(value * 60)))
        else:
            unit = (
                QCoreApplication.translate("WallNames", "%1 working h")
                if working
                else QCoreApplication.translate("WallNames", "%1 h")
            )
            text = unit.replace("%1", self.locale.toString(value, "f", 1))
        # a word-wrapped label (a KPI tile's trend line) may break at any plain space
        return text.replace(" ", NBSP)

    def when(self, moment: datetime, zone: tzinfo) -> str:
        """ "пт 09:20": weekday and time in the region's zone (a deadline within the week)."""
        local = moment.astimezone(zone)
        return f"{weekday(local.weekday())}{NBSP}{local:%H:%M}"

    def alarm_banner(self, alarm: Alarm, count: int = 1) -> str:
        """The banner of ``count`` coalesced alarms, ``alarm`` the newest:
        «Сигналов: 3. Последний: …»."""
        text = self.alarm_text(alarm)
        if count <= 1:
            return text
        # no plural forms: pyside6-lupdate does not mark translate(..., n) as numerus
        banner = QCoreApplication.translate("WallNames", "Alarms: %1. Newest: %2")
        return banner.replace("%1", self.locale.toString(count)).replace("%2", text)

    def alarm_text(self, alarm: Alarm) -> str:
        if alarm.kind == "high_importance":
            target = alarm.target or ""
            number = display_number(int(target)) if target.isdigit() else target
            return QCoreApplication.translate(
                "WallNames", "New high-importance appeal No. %1"
            ).replace("%1", number)
        if alarm.kind == "overdue_spike":
            if alarm.value is not None and alarm.baseline is not None:
                return (
                    QCoreApplication.translate(
                        "WallNames", "Overdue appeals are rising sharply: %1 (were %2)"
                    )
                    .replace("%1", self.count(alarm.value))
                    .replace("%2", self.count(alarm.baseline))
                )
            return QCoreApplication.translate("WallNames", "Overdue appeals are rising sharply")
        if alarm.kind == "surge":
            target = alarm.target or ""
            if self.d.category(target) is not None:
                name = self.category(target)
            else:
                name = self.municipality(target)
            text = QCoreApplication.translate("WallNames", "Surge of appeals: %1").replace(
                "%1", name
            )
            if alarm.value is not None and alarm.span_hours is not None:
                # the figure that raised it: «14 за 3 ч, обычно 2,1»; a wrapped banner
                # breaks only after its comma, never between a word and its number
                figure = (
                    QCoreApplication.translate("WallNames", "%1 in %2 h, usually %3")
                    .replace("%1", self.count(alarm.value))
                    .replace("%2", self.locale.toString(float(alarm.span_hours), "g", 3))
                    .replace("%3", self.number(alarm.baseline or 0.0))
                )
                text += "\u00a0— " + ", ".join(
                    part.replace(" ", NBSP) for part in figure.split(", ")
                )
            return text
        return QCoreApplication.translate("WallNames", "Alarm")
