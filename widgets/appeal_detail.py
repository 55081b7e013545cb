"""The detail pane: one appeal in full, its history as a timeline, related appeals.

A read-only rich-text view of a :class:`~widgets.detail_record.DetailRecord`: the
citizen's text with the channel and a link to the original, the author (or a plain
"hidden" for roles that may not see personal data), where and what it is about, who
answers for it, the deadline, both answers, satisfaction, the history and the
appeals that may be related or duplicates. Links to related appeals emit
:attr:`AppealDetailView.appeal_activated`; links to originals open in the browser.

Every value from the data is HTML-escaped. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import QDateTime, QLocale, QTimeZone, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from cur_desktop.cache.queries.related import Relation
from cur_desktop.domain.enums import Status
from cur_desktop.domain.numbers import display_number, shown_number, source_number
from widgets.detail_record import DetailRecord
from widgets.labels import (
    action_label,
    flag_labels,
    importance_label,
    kind_label,
    reaction_label,
    status_label,
)
from widgets.lock_icon import LOCK_BACKGROUND, LOCK_FOREGROUND, lock_data_uri
from widgets.sla_format import deadline_text, deadline_tooltip, sla_colours

APPEAL_SCHEME = "appeal"
_MUTED = "#6b7580"


class AppealDetailView(QTextBrowser):
    """Shows one appeal; empty with a hint until one is chosen."""

    appeal_activated = Signal(int)
    """A related appeal's link was followed: show that appeal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self._record: DetailRecord | None = None
        self._time_zone: QTimeZone | None = None
        self._notice = ("", False)
        self._viewer: Callable[[], str] = str  # the signed-in login (a colleague's lock)
        self.show_record(None)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        """Tab leaves the pane (QTextBrowser's own Tab walks every link first)."""
        return QWidget.focusNextPrevChild(self, next)

    def set_time_zone(self, time_zone: QTimeZone | None) -> None:
        """Show times in the region's zone (the machine's when None)."""
        self._time_zone = time_zone

    def record(self) -> DetailRecord | None:
        return self._record

    def set_viewer(self, login: Callable[[], str]) -> None:
        """Who looks (their login, read when shown): a colleague's lock gets the padlock."""
        self._viewer = login

    def held_by_colleague(self) -> bool:
        """The shown appeal is taken by someone other than the viewer."""
        holder = self._record.appeal.taken_by if self._record is not None else ""
        return bool(holder) and holder != self._viewer()

    def _lock(self, r: DetailRecord) -> str:
        """A colleague's lock, under the title: padlock, amber, the holder's name."""
        if not self.held_by_colleague():
            return ""
        text = self.tr("Taken by %1: only they may act on it. Take it over to act yourself.")
        holder = escape(text).replace("%1", f"<b>{escape(r.person(r.appeal.taken_by))}</b>")
        return (
            f"<table width='100%' cellpadding='6'><tr><td style='background:{LOCK_BACKGROUND};"
            f" color:{LOCK_FOREGROUND}'><img src='{lock_data_uri(16)}' width='16' height='16'>"
            f"&nbsp;{holder}</td></tr></table>"
        )

    def set_notice(self, text: str, *, warning: bool = False) -> None:
        """A line above the appeal (an action waiting, refused, taken by someone else)."""
        if (text, warning) == self._notice:
            return
        self._notice = (text, warning)
        if self._record is not None:
            scroll = self.verticalScrollBar().value()
            self.setHtml(self._html(self._record))
            self.verticalScrollBar().setValue(scroll)

    def notice(self) -> str:
        return self._notice[0]

    def show_record(self, record: DetailRecord | None) -> None:
        self._record = record
        if record is None:
            hint = escape(self.tr("Choose an appeal in the queue to see it here."))
            self.setHtml(f"<p style='color:{_MUTED}'>{hint}</p>")
            return
        self.setHtml(self._html(record))

    # -- rendering -----------------------------------------------------------------------

    def _html(self, r: DetailRecord) -> str:
        parts = [self._banner(), self._header(r), self._lock(r), self._text(r), self._fields(r)]
        parts.append(self._answers(r))
        parts.append(self._history(r))
        parts.append(self._related(r))
        return "".join(p for p in parts if p)

    def _banner(self) -> str:
        text, warning = self._notice
        if not text:
            return ""
        colours = ("#fdecea", "#8a1c12") if warning else ("#e3eefc", "#1f4f8a")
        return (
            f"<table width='100%' cellpadding='6'><tr><td style='background:{colours[0]};"
            f" color:{colours[1]}'>{escape(text)}</td></tr></table>"
        )

    def _header(self, r: DetailRecord) -> str:
        a = r.appeal
        chip = ""
        if r.deadline is not None:
            colours = sla_colours(r.deadline.state.status)
            chip = (
                f"<td style='background:{colours.background.name()};"
                f" color:{colours.foreground.name()}; padding:4px 10px'>"
                f"{escape(deadline_text(r.deadline))}</td>"
            )
        number = source_number(a.external_id)  # the channel's own, beside the appeal number
        channel = f"{r.channel} № {number}" if number else r.channel
        badges = [status_label(a.status), kind_label(a.kind), channel]
        if a.importance.value != "normal":
            badges.append(self.tr("importance: %1").replace("%1", importance_label(a.importance)))
        badges.extend(flag_labels(a.flags))
        title = escape(a.title or self.tr("Appeal without a title"))
        return (
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            "<td><span style='font-size:large; font-weight:bold'>"
            f"№ {shown_number(a.id, a.external_id)}"
            f"</span></td>{chip}</tr></table>"
            f"<h3 style='margin-top:6px'>{title}</h3>"
            f"<p style='color:{_MUTED}'>{escape(' · '.join(badges))}</p>"
        )

    def _text(self, r: DetailRecord) -> str:
        a = r.appeal
        text = escape(a.text).replace("\n", "<br>")
        source = escape(r.channel)
        link = ""
        if a.url:
            label = escape(self.tr("open the original"))
            link = f" — <a href='{escape(a.url, quote=True)}'>{label}</a>"
        return (
            f"<h4>{escape(self.tr('Text of the appeal'))}</h4><p>{text}</p>"
            f"<p style='color:{_MUTED}'>{escape(self.tr('Source:'))} {source}{link}</p>"
        )

    def _fields(self, r: DetailRecord) -> str:
        a = r.appeal
        rows: list[tuple[str, str]] = [(self.tr("Author"), self._author(r))]
        rows.append((self.tr("Municipality"), escape(r.municipality)))
        address = a.address
        if r.masked and a.address_is_private:
            address = self.tr("hidden (a private person's address)")
        rows.append((self.tr("Address"), escape(address) or "—"))
        rows.append((self.tr("Theme"), escape(r.theme)))
        rows.append((self.tr("Category"), escape(" › ".join(r.category_path)) or "—"))
        rows.append((self.tr("Responsible body"), escape(r.body) or "—"))
        if a.executor:
            rows.append((self.tr("Executor"), escape(a.executor)))
        if a.taken_by:
            taken = r.person(a.taken_by)
            if a.taken_at is not None:
                taken += ", " + self._when(a.taken_at)
            if self.held_by_colleague():  # a colleague's lock: padlock and amber, as in the queue
                taken = (
                    f"<img src='{lock_data_uri(14)}' width='14' height='14'>&nbsp;"
                    f"<span style='color:{LOCK_FOREGROUND}; background:{LOCK_BACKGROUND};"
                    f" font-weight:bold'>{escape(taken)}</span>"
                )
            else:
                taken = escape(taken)
            rows.append((self.tr("Taken by"), taken))
        rows.append((self.tr("Received"), escape(self._when(a.created_at))))
        if r.deadline is not None:
            rows.append(
                (self.tr("Deadline"), escape(deadline_tooltip(r.deadline, self._time_zone)))
            )
        if a.me_too:
            rows.append((self.tr("“Me too”"), escape(QLocale().toString(a.me_too))))
        if a.attachments:
            links = ", ".join(
                f"<a href='{escape(x.url, quote=True)}'>{escape(x.name)}</a>" for x in a.attachments
            )
            rows.append((self.tr("Attachments"), links))
        body = "".join(
            f"<tr><td style='color:{_MUTED}; padding:2px 12px 2px 0' valign='top'>"
            f"{escape(label)}</td><td style='padding:2px 0'>{value}</td></tr>"
            for label, value in rows
        )
        return f"<table cellspacing='0'>{body}</table>"

    def _author(self, r: DetailRecord) -> str:
        if r.masked:
            return escape(self.tr("hidden (personal data)"))
        author = r.appeal.author
        if author.is_empty:
            return "—"
        bits = [escape(x) for x in (author.name, author.phone, author.email) if x]
        if author.profile_url:
            url = escape(author.profile_url, quote=True)
            bits.append(f"<a href='{url}'>{escape(self.tr('profile'))}</a>")
        return ", ".join(bits)

    def _answers(self, r: DetailRecord) -> str:
        a = r.appeal
        out = []
        if a.interim_answer:
            out.append(
                self._answer(self.tr("Interim answer"), a.interim_answer, a.interim_answer_at)
            )
        if a.answer:
            out.append(self._answer(self.tr("Final answer"), a.answer, a.answered_at))
        if a.rework_count:
            text = self.tr("Returned for rework %n time(s)", "", a.rework_count)
            out.append(f"<p style='color:#8a2b2b'>{escape(text)}</p>")
        satisfaction = self._satisfaction(r)
        if satisfaction:
            out.append(f"<p>{escape(self.tr('Satisfaction:'))} {escape(satisfaction)}</p>")
        if a.status is Status.REJECTED and (r.rejection_reason or a.rejection_reason):
            reason = r.rejection_reason or a.rejection_reason or ""
            out.append(f"<p>{escape(self.tr('Rejected:'))} {escape(reason)}</p>")
        if a.redirected_to:
            out.append(f"<p>{escape(self.tr('Redirected to:'))} {escape(a.redirected_to)}</p>")
        if not out:
            out.append(f"<p style='color:{_MUTED}'>{escape(self.tr('No answer yet.'))}</p>")
        return f"<h4>{escape(self.tr('Answers'))}</h4>" + "".join(out)

    def _answer(self, title: str, text: str, when: datetime | None) -> str:
        stamp = f" <span style='color:{_MUTED}'>({escape(self._when(when))})</span>" if when else ""
        body = escape(text).replace("\n", "<br>")
        return (
            f"<p><b>{escape(title)}</b>{stamp}</p>"
            f"<p style='margin-left:12px; background:#f4f6f8'>{body}</p>"
        )

    def _satisfaction(self, r: DetailRecord) -> str:
        a = r.appeal
        if a.satisfaction_rating is not None:
            return self.tr("%1 of 5").replace("%1", str(a.satisfaction_rating))
        if a.satisfaction_reaction is not None:
            return reaction_label(a.satisfaction_reaction)
        return ""

    def _history(self, r: DetailRecord) -> str:
        if not r.history:
            return ""
        rows = []
        for line in r.history:
            h = line.entry
            who = "" if r.masked else escape(r.person(h.actor))
            details = escape(line.details)
            rows.append(
                f"<tr><td style='color:{_MUTED}; padding:2px 10px 2px 0' valign='top'>"
                f"{escape(self._when(h.at))}</td>"
                f"<td style='padding:2px 10px 2px 0' valign='top'>"
                f"<b>{escape(action_label(h.action))}</b>"
                f"{'<br>' + details if details else ''}</td>"
                f"<td style='color:{_MUTED}; padding:2px 0' valign='top'>{who}</td></tr>"
            )
        title = escape(self.tr("History"))
        return f"<h4>{title}</h4><table cellspacing='0'>{''.join(rows)}</table>"

    def _related(self, r: DetailRecord) -> str:
        title = f"<h4>{escape(self.tr('Related and possible duplicates'))}</h4>"
        if r.related is None:
            return title + f"<p style='color:{_MUTED}'>{escape(self.tr('Looking…'))}</p>"
        if not r.related:
            return title + f"<p style='color:{_MUTED}'>{escape(self.tr('None found.'))}</p>"
        rows = []
        for item in r.related:
            number = display_number(item.appeal_id)
            link = f"<a href='{APPEAL_SCHEME}:{item.appeal_id}'>№ {number}</a>"
            rows.append(
                f"<tr><td style='padding:2px 10px 2px 0' valign='top'>{link}</td>"
                f"<td style='padding:2px 10px 2px 0'>{escape(item.title)}<br>"
                f"<span style='color:{_MUTED}'>{escape(self._when(item.created_at))} · "
                f"{escape(status_label(item.status))} · {escape(self._relation(item.relation))}"
                "</span></td></tr>"
            )
        return title + f"<table cellspacing='0'>{''.join(rows)}</table>"

    def _relation(self, relation: Relation) -> str:
        return {
            Relation.SAME_AUTHOR: self.tr("same author"),
            Relation.SAME_ADDRESS: self.tr("same address"),
            Relation.SAME_CATEGORY: self.tr("same category nearby in time"),
            Relation.SIMILAR_TEXT: self.tr("similar text"),
            Relation.MERGED: self.tr("merged"),
        }[relation]

    def _when(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        value = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
        value = value.toTimeZone(self._time_zone) if self._time_zone else value.toLocalTime()
        return QLocale().toString(value, "dd.MM.yyyy HH:mm")

    def _mark_for_lupdate(self) -> None:  # pragma: no cover - strings inside f-strings
        self.tr("Text of the appeal")
        self.tr("Source:")
        self.tr("profile")
        self.tr("Satisfaction:")
        self.tr("Rejected:")
        self.tr("Redirected to:")
        self.tr("No answer yet.")
        self.tr("Answers")
        self.tr("Related and possible duplicates")
        self.tr("Looking…")
        self.tr("None found.")

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == APPEAL_SCHEME:
            try:
                self.appeal_activated.emit(int(url.path()))
            except ValueError:
                return
            return
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
