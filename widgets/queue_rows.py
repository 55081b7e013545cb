"""One queue row as the table shows it: the appeal plus its display strings, built once.

A table asks for a cell's text many times per second while an operator scrolls; the
names behind the codes (theme, category, municipality) and the translated labels
are looked up once when a page of rows arrives from the cache, not on every paint.
The appeal itself is kept for the live deadline column (the SLA engine needs it).

Personal data (DOMAIN.md §9): with ``mask_personal`` the appeal is stripped by
:meth:`~cur_desktop.domain.Appeal.without_personal_data` before anything is shown.

GUI thread only (labels are translated through the installed Qt translators).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from cur_desktop.domain.appeal import Appeal, evolve
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Flag, Importance
from cur_desktop.domain.numbers import shown_number
from widgets.labels import flag_labels, importance_label, source_label, status_label

EXCERPT_CHARS = 160


@dataclass(frozen=True, slots=True)
class QueueRow:
    """Display strings of one appeal in a queue table."""

    appeal: Appeal
    number: str
    channel: str
    theme: str
    category: str
    municipality: str
    title: str
    excerpt: str
    status: str
    marks: str
    taken_by: str

    @property
    def appeal_id(self) -> int:
        return self.appeal.id

    @property
    def urgent(self) -> bool:
        """High importance or flagged important: shown in bold."""
        return self.appeal.importance is Importance.HIGH or Flag.IMPORTANT in self.appeal.flags


class RowBuilder:
    """Turns appeals into :class:`QueueRow` with one region's names."""

    def __init__(
        self,
        dictionaries: Dictionaries | None,
        *,
        mask_personal: bool = False,
        people: Mapping[str, str] | None = None,
    ) -> None:
        self._dictionaries = dictionaries
        self.mask_personal = mask_personal
        self.people: Mapping[str, str] = people or {}  # login -> the name people know

    def person(self, login: str) -> str:
        """A colleague by name («Анна Смирнова»), the login when the name is unknown."""
        return self.people.get(login, login) if login else ""

    def build(self, appeal: Appeal) -> QueueRow:
        if self.mask_personal:
            appeal = masked(appeal)
        return QueueRow(
            appeal=appeal,
            # as on the wall (domain/numbers.py); a provisional registration: its number
            number=shown_number(appeal.id, appeal.external_id),
            channel=source_label(appeal.source),
            theme=self.theme_name(appeal.theme),
            category=self.category_name(appeal.subcategory or appeal.category),
            municipality=self.municipality_name(appeal.municipality),
            title=" ".join(appeal.title.split()) or excerpt(appeal.text, 80),  # one line
            excerpt=excerpt(appeal.text, EXCERPT_CHARS),
            status=status_label(appeal.status),
            marks=self.marks(appeal),
            taken_by=self.person(appeal.taken_by),
        )

    def theme_name(self, code: str | None) -> str:
        if not code:
            return QCoreApplication.translate("RowBuilder", "Not categorised")
        theme = self._dictionaries.theme(code) if self._dictionaries else None
        return theme.name if theme else code

    def category_name(self, code: str | None) -> str:
        if not code:
            return ""
        category = self._dictionaries.category(code) if self._dictionaries else None
        return category.name if category else code

    def municipality_name(self, oktmo: str | None) -> str:
        if not oktmo:
            return QCoreApplication.translate("RowBuilder", "Not set")
        found = self._dictionaries.municipality(oktmo) if self._dictionaries else None
        return found.display_name if found else oktmo

    def body_name(self, code: str | None) -> str:
        if not code:
            return ""
        body = self._dictionaries.body(code) if self._dictionaries else None
        return body.name if body else code

    @staticmethod
    def marks(appeal: Appeal) -> str:
        """Importance (when not normal) and flags, comma-separated."""
        parts = []
        if appeal.importance is not Importance.NORMAL:
            parts.append(importance_label(appeal.importance))
        parts.extend(flag_labels(appeal.flags))
        return ", ".join(parts)


def masked(appeal: Appeal) -> Appeal:
    """The appeal as a role without access to personal data may see it.

    Beyond :meth:`~cur_desktop.domain.Appeal.without_personal_data`, the author's
    name, phone and e-mail (and a private address) are cut out of the texts too:
    answers greet the citizen by name («Уважаемый(ая) Иван Петров!») and citizens
    write their phone numbers into their messages.
    """
    secrets = [appeal.author.name, appeal.author.phone, appeal.author.email]
    if appeal.address_is_private:
        secrets.append(appeal.address)
    secrets = sorted({s for s in secrets if len(s) >= 3}, key=len, reverse=True)
    marker = QCoreApplication.translate("RowBuilder", "[hidden]")

    def cut(text: str) -> str:
        for secret in secrets:
            text = text.replace(secret, marker)
        return text

    stripped = appeal.without_personal_data()
    if not secrets:
        return stripped
    return evolve(
        stripped,
        {
            "title": cut(appeal.title),
            "text": cut(appeal.text),
            "interim_answer": cut(appeal.interim_answer),
            "answer": cut(appeal.answer),
        },
    )


def excerpt(text: str, limit: int) -> str:
    """The text on one line, cut at a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:—- ") + "…"
