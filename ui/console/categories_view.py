"""The console's «Категории»: a catch-all in a theme's top, new categories proposed from it.

A dock (View → «Категории», Ctrl+Alt+K) says when «Прочие по направлению» (or any
catch-all) is among the three biggest categories of its theme in the last 30 days
(``cur_desktop.problems.catch_all``), lists the theme's categories with their
appeals and targets, and the groups of the catch-all's texts that could become
categories (their words, size, open appeals, examples).

A block head (or the ЦУР head) creates a category from a proposal — the service
stores the region's dictionaries as a new version (``POST /region/dictionaries``),
this workstation saves them at once, the others get them with their next pull — and
the proposal's open appeals are re-categorised in bulk through the outbox (closed
ones, and those a colleague has taken, keep theirs: the lifecycle moves only open
appeals). The head also renames a category, sets its targets and edits the answer
templates (``ui.console.templates_dialog``). GUI thread; the service is called from
the window's reader thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.domain.dictionaries import Category
from cur_desktop.domain.enums import Action
from cur_desktop.domain.lifecycle import HEADS, Command
from cur_desktop.problems.catch_all import (
    CatchAllAlert,
    Proposal,
    catch_all_alerts,
    category_counts,
    proposals,
)

log = logging.getLogger(__name__)

DAYS = 30
#: After a sync the dock reads again at most this often (seconds).
REREAD_S = 600.0
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _t(text: str) -> str:
    return QCoreApplication.translate("CategoriesView", text)


@dataclass
class CategoryState:
    """What the dock shows, read off the GUI thread."""

    alerts: list[CatchAllAlert]
    counts: dict[tuple[str, str], int]
    catch_all: str  # the category proposals were made from ("" for none)
    proposals: list[Proposal] = field(default_factory=list)


def read_state(engine: Any, dictionaries: Any, now: Any, theme: str) -> CategoryState:
    """Alerts, counts and the proposals for ``theme``'s catch-all (the first alert's if "")."""
    alerts = catch_all_alerts(engine, dictionaries, now, days=DAYS)
    counts = category_counts(engine, now, DAYS)
    if not theme and alerts:
        theme = alerts[0].theme
    catch_all = next(
        (c.code for c in dictionaries.categories_of(theme) if c.catch_all and c.parent is None),
        "",
    )
    found = proposals(engine, catch_all, now, days=DAYS) if catch_all else []
    return CategoryState(alerts, counts, catch_all, found)


def refusal_text(exc: BaseException) -> str:
    """A translated sentence for the service's refusal of a dictionary edit."""
    from cur_desktop.sync.errors import CentralError, Offline, Refused, StaleVersion

    if isinstance(exc, StaleVersion):
        return _t("Someone changed the dictionaries meanwhile: they were read again, try again")
    if isinstance(exc, Offline):
        return _t("The service cannot be reached: the change was not made")
    if isinstance(exc, Refused):
        if exc.code == "forbidden_role":
            return _t("Only heads edit the dictionaries, a block head those of their own themes")
        if "minimum" in exc.params:
            return _t("Each theme keeps at least 3 categories")
        return _t("The service refused the change: %1").replace("%1", exc.reason)
    if isinstance(exc, CentralError):
        return _t("The change was not made: %1").replace("%1", exc.code)
    return _t("The change was not made: %1").replace("%1", type(exc).__name__)


class CategoryDialog(QDialog):
    """A category's name and targets (new, renamed or re-targeted)."""

    def __init__(
        self, title: str, name: str, category: Category | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.name = QLineEdit(name)
        self.name.setMinimumWidth(420)
        form.addRow(_t("&Name:"), self.name)
        self.monthly = QSpinBox()
        self.monthly.setRange(0, 100_000)
        self.monthly.setSpecialValueText(_t("no target"))
        self.monthly.setSuffix(_t(" appeals"))
        form.addRow(_t("&At most in 30 days:"), self.monthly)
        self.within = QDoubleSpinBox()
        self.within.setRange(0, 100)
        self.within.setDecimals(0)
        self.within.setSuffix(" %")
        self.within.setSpecialValueText(_t("no target"))
        form.addRow(_t("Answered &within the norm:"), self.within)
        if category is not None:
            self.monthly.setValue(int(category.target("monthly_max") or 0))
            self.within.setValue(round((category.target("within_norm") or 0) * 100))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(lambda text: self._ok.setEnabled(bool(text.strip())))
        self._ok.setEnabled(bool(name.strip()))

    def targets(self) -> dict[str, float | None]:
        """The targets as the service takes them (None: no target)."""
        monthly = self.monthly.value()
        within = self.within.value()
        return {
            "monthly_max": float(monthly) if monthly else None,
            "within_norm": round(within / 100, 2) if within else None,
        }


class CategoriesView(QDockWidget):
    """Categories of a theme, an alert for a catch-all in its top, proposals from it."""

    def __init__(self, window: Any, main: QMainWindow) -> None:
        super().__init__(_t("Categories"), main)
        self.setObjectName("categories_view")
        self._window = window
        # the signed-in session (a client with a token), set by the launcher; None offline
        self.session: Any = None
        self._state: CategoryState | None = None
        self._alerted: frozenset[tuple[str, str]] = frozenset()
        self._read_at: float | None = None  # time.monotonic() of the last read
        self.dialog: QDialog | None = None
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        self.alert = QLabel()
        self.alert.setWordWrap(True)
        self.alert.setObjectName("catch_all_alert")
        self.alert.setStyleSheet(
            "QLabel#catch_all_alert { background: #fff4d6; border: 1px solid #e0b040;"
            " padding: 6px; color: #3a2a00; }"
        )
        self.alert.hide()
        column.addWidget(self.alert)
        top = QHBoxLayout()
        top.addWidget(QLabel(_t("&Theme:")))
        self.theme_box = QComboBox()
        top.itemAt(0).widget().setBuddy(self.theme_box)  # type: ignore[union-attr]
        self.theme_box.activated.connect(lambda _i: self.refresh(force=True))
        top.addWidget(self.theme_box, stretch=1)
        self.rename_button = QPushButton(_t("&Rename…"))
        self.rename_button.clicked.connect(self.rename_category)
        self.targets_button = QPushButton(_t("T&argets…"))
        self.targets_button.clicked.connect(self.set_targets)
        self.templates_button = QPushButton(_t("Answer &templates…"))
        self.templates_button.clicked.connect(self.edit_templates)
        for button in (self.rename_button, self.targets_button, self.templates_button):
            top.addWidget(button)
        column.addLayout(top)
        self.categories = self._table(
            [_t("Category"), _t("Appeals, 30 days"), _t("Target"), _t("Share of the theme")]
        )
        self.categories.currentCellChanged.connect(lambda *_: self._enable())
        lower = QWidget()
        lower_column = QVBoxLayout(lower)
        lower_column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.proposals_label = QLabel()
        self.proposals_label.setWordWrap(True)
        row.addWidget(self.proposals_label, stretch=1)
        self.create_button = QPushButton(_t("&New category from the proposal…"))
        self.create_button.clicked.connect(self.create_from_proposal)
        row.addWidget(self.create_button)
        lower_column.addLayout(row)
        self.proposals = self._table(
            [_t("Words"), _t("Appeals"), _t("Open"), _t("Examples")], stretch=3
        )
        self.proposals.currentCellChanged.connect(lambda *_: self._enable())
        lower_column.addWidget(self.proposals)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.categories)
        split.addWidget(lower)
        column.addWidget(split, stretch=1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        self.setWidget(body)
        main.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        toggle = self.toggleViewAction()
        toggle.setText(_t("Categories"))
        toggle.setShortcut(QKeySequence("Ctrl+Alt+K"))
        window.menus.menu("view").addAction(toggle)
        window.menus.actions["categories"] = toggle
        self.visibilityChanged.connect(lambda shown: self.refresh(force=True) if shown else None)
        self._enable()

    @staticmethod
    def _table(headers: list[str], stretch: int = 0) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        for col in range(len(headers)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(True)
        return table

    # -- reading --------------------------------------------------------------------------

    def refresh(self, *, force: bool = False) -> None:
        """Read again; after a sync (not ``force``) at most every :data:`REREAD_S`.

        Thirty days of categories change slowly, and the proposals cluster texts for
        seconds: a busy feed must not keep the window's reader on them.
        """
        at = time.monotonic()
        if not force and self._read_at is not None and at - self._read_at < REREAD_S:
            return
        self._read_at = at
        d = self._window.context.dictionaries
        engine = self._window.context.cache.engine
        now = self._window.context.clock()
        if self.isHidden():
            # closed, the dock still says when a catch-all enters a top (a quick count)
            if d is not None:
                self._window.reader.submit(
                    "categories-alerts",
                    lambda: catch_all_alerts(engine, d, now, days=DAYS),
                    self._show_marker,
                )
            return
        if d is None:
            self.message.setText(_t("The region's dictionaries have not arrived yet"))
            return
        theme = str(self.theme_box.currentData() or "")
        self._window.reader.submit(
            "categories", lambda: read_state(engine, d, now, theme), self._show
        )

    def _show_marker(self, alerts: object) -> None:
        """The View menu's entry marked, and the status bar told once per new alert."""
        assert isinstance(alerts, list)
        toggle = self.toggleViewAction()
        keys = frozenset((a.theme, a.category) for a in alerts)
        if not alerts:
            toggle.setText(_t("Categories"))
            self._alerted = keys
            return
        toggle.setText(_t("Categories: a catch-all in a theme's top"))
        if not self._is_head():
            self._alerted = keys  # the marked menu entry is enough: only heads act on it
            return
        status = self._window.status
        if keys - self._alerted and not status.currentMessage():
            # never over a message the operator needs (a refusal, a sync problem): the
            # next read tells it when the status bar is free
            first = alerts[0]
            status.showMessage(
                _t("«%1» is among the biggest categories of «%2»: View → Categories")
                .replace("%1", self._category_name(first.category))
                .replace("%2", self._theme_name(first.theme)),
                30_000,
            )
            self._alerted = keys
        elif not keys - self._alerted:
            self._alerted = keys

    def state(self) -> CategoryState | None:
        return self._state

    def _theme_name(self, code: str) -> str:
        d = self._window.context.dictionaries
        theme = d.theme(code) if d else None
        return theme.name if theme else code

    def _category_name(self, code: str) -> str:
        d = self._window.context.dictionaries
        category = d.category(code) if d else None
        return category.name if category else code

    def _show(self, found: object) -> None:
        assert isinstance(found, CategoryState)
        self._state = found
        d = self._window.context.dictionaries
        if d is None:
            return
        alerted = {a.theme for a in found.alerts}
        current = str(self.theme_box.currentData() or "")
        theme = current or (found.alerts[0].theme if found.alerts else d.themes[0].code)
        blocker = QSignalBlocker(self.theme_box)
        self.theme_box.clear()
        for t in sorted(d.themes, key=lambda t: (t.code not in alerted, t.name.casefold())):
            mark = " ⚠" if t.code in alerted else ""
            self.theme_box.addItem(t.name + mark, t.code)
        self.theme_box.setCurrentIndex(max(self.theme_box.findData(theme), 0))
        blocker.unblock()
        self._show_alert(found.alerts)
        self._show_marker(found.alerts)
        self._show_categories(theme, found.counts)
        self._show_proposals(found)
        self._enable()

    def _show_alert(self, alerts: Sequence[CatchAllAlert]) -> None:
        if not alerts:
            self.alert.hide()
            return
        lines = [
            _t("«%1» is number %2 of the theme «%3»: %4 of %5 appeals in 30 days (%6 %).")
            .replace("%1", self._category_name(a.category))
            .replace("%2", str(a.rank))
            .replace("%3", self._theme_name(a.theme))
            .replace("%4", str(a.count))
            .replace("%5", str(a.theme_count))
            .replace("%6", str(round(a.share * 100)))
            for a in alerts
        ]
        lines.append(_t("Split it: new categories are proposed below from its texts."))
        self.alert.setText("\n".join(lines))
        self.alert.show()

    def _show_categories(self, theme: str, counts: Mapping[tuple[str, str], int]) -> None:
        d = self._window.context.dictionaries
        assert d is not None
        total = sum(n for (t, _c), n in counts.items() if t == theme)
        cats = [c for c in d.categories_of(theme) if c.parent is None]
        cats.sort(key=lambda c: (-counts.get((theme, c.code), 0), c.name.casefold()))
        self.categories.setRowCount(len(cats))
        for i, c in enumerate(cats):
            n = counts.get((theme, c.code), 0)
            share = f"{round(100 * n / total)} %" if total else "—"
            cells = (c.name, str(n), self._target_text(c, n), share)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.code)
                if col in (1, 3):
                    item.setTextAlignment(_RIGHT)
                self.categories.setItem(i, col, item)

    @staticmethod
    def _target_text(category: Category, count: int) -> str:
        parts = []
        monthly = category.target("monthly_max")
        if monthly is not None:
            mark = "✓" if count <= monthly else "✗"
            parts.append(_t("at most %1 %2").replace("%1", str(int(monthly))).replace("%2", mark))
        within = category.target("within_norm")
        if within is not None:
            parts.append(_t("within the norm %1 %").replace("%1", str(round(within * 100))))
        return "; ".join(parts) or "—"

    def _show_proposals(self, state: CategoryState) -> None:
        found = state.proposals
        if not state.catch_all:
            self.proposals_label.setText(_t("This theme has no catch-all category"))
        else:
            self.proposals_label.setText(
                _t("Proposed from the texts of «%1» in 30 days: %2 groups")
                .replace("%1", self._category_name(state.catch_all))
                .replace("%2", str(len(found)))
            )
        self.proposals.setRowCount(len(found))
        for i, p in enumerate(found):
            cells = (", ".join(p.terms), str(p.size), str(len(p.open_ids)), " · ".join(p.examples))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (1, 2):
                    item.setTextAlignment(_RIGHT)
                self.proposals.setItem(i, col, item)
        if found and self.proposals.currentRow() < 0:
            self.proposals.selectRow(0)

    # -- editing (heads) ------------------------------------------------------------------

    def _is_head(self) -> bool:
        return self._window.context.identity.role in HEADS

    def _enable(self) -> None:
        head = self._is_head()
        self.rename_button.setEnabled(head and self.current_category() is not None)
        self.targets_button.setEnabled(head and self.current_category() is not None)
        self.create_button.setEnabled(head and self.current_proposal() is not None)
        self.templates_button.setEnabled(head and self._window.context.dictionaries is not None)

    def current_category(self) -> Category | None:
        item = self.categories.item(self.categories.currentRow(), 0)
        d = self._window.context.dictionaries
        if item is None or d is None:
            return None
        found: Category | None = d.category(str(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def current_proposal(self) -> Proposal | None:
        row = self.proposals.currentRow()
        if self._state is None or not 0 <= row < len(self._state.proposals):
            return None
        return self._state.proposals[row]

    def create_from_proposal(self) -> None:
        proposal = self.current_proposal()
        if proposal is None or self._state is None or not self._is_head():
            return
        d = self._window.context.dictionaries
        catch_all = d.category(self._state.catch_all) if d else None
        if catch_all is None:
            return
        dialog = CategoryDialog(
            _t("New category of «%1»").replace("%1", self._theme_name(catch_all.theme)),
            proposal.suggested_name(),
            None,
            self,
        )
        self.dialog = dialog

        def done(result: int) -> None:
            self.dialog = None
            if result != QDialog.DialogCode.Accepted:
                return
            op = {
                "op": "add_category",
                "theme": catch_all.theme,
                "name": dialog.name.text().strip(),
                "keywords": list(proposal.terms[:3]),
                "targets": dialog.targets(),
            }
            self.send([op], lambda answer: self._recategorise(answer, proposal, catch_all.theme))

        dialog.finished.connect(done)
        dialog.open()

    def _recategorise(self, answer: Mapping[str, Any], proposal: Proposal, theme: str) -> None:
        """The proposal's open appeals into the new category, through the outbox."""
        created = list(answer.get("created") or [])
        if not created:
            return
        code = str(created[0])
        me = self._window.context.identity.login
        appeals = self._window.context.cache.appeals.get_many(list(proposal.open_ids))
        movable = [a.id for a in appeals if not a.taken_by or a.taken_by == me]
        if movable:
            command = Command(Action.CATEGORISE, {"theme": theme, "category": code})
            self._window.actions.submit(movable, command)
        kept = proposal.size - len(movable)
        self.message.setText(
            _t("Category «%1» created (version %2); %3 open appeals moved to it, %4 keep theirs")
            .replace("%1", self._category_name(code))
            .replace("%2", str(answer.get("version")))
            .replace("%3", str(len(movable)))
            .replace("%4", str(kept))
        )

    def rename_category(self) -> None:
        self._category_dialog(_t("Rename the category"), rename=True)

    def set_targets(self) -> None:
        self._category_dialog(_t("The category's targets"), rename=False)

    def _category_dialog(self, title: str, *, rename: bool) -> None:
        category = self.current_category()
        if category is None or not self._is_head():
            return
        dialog = CategoryDialog(title, category.name, category, self)
        dialog.name.setEnabled(rename)
        self.dialog = dialog

        def done(result: int) -> None:
            self.dialog = None
            if result != QDialog.DialogCode.Accepted:
                return
            ops: list[dict[str, Any]] = []
            name = dialog.name.text().strip()
            if rename and name != category.name:
                ops.append({"op": "rename_category", "code": category.code, "name": name})
            ops.append({"op": "set_targets", "code": category.code, "targets": dialog.targets()})
            self.send(ops, self._saved)

        dialog.finished.connect(done)
        dialog.open()

    def _saved(self, answer: Mapping[str, Any]) -> None:
        self.message.setText(
            _t("Saved as version %1 of the region's dictionaries").replace(
                "%1", str(answer.get("version"))
            )
        )

    def edit_templates(self) -> None:
        from ui.console.templates_dialog import TemplatesDialog

        d = self._window.context.dictionaries
        if d is None or not self._is_head():
            return
        self.dialog = dialog = TemplatesDialog(d, head_themes(self._window.context.cache), self)
        dialog.save_requested.connect(lambda ops: self.send(ops, dialog.saved, dialog.failed))
        dialog.open()

    # -- the service ----------------------------------------------------------------------

    def send(
        self,
        ops: list[dict[str, Any]],
        on_done: Callable[[Mapping[str, Any]], None],
        on_failed: Callable[[str], None] | None = None,
    ) -> None:
        """Send an edit made on the version this workstation holds, then save the new one."""
        session = self.session
        if session is None:
            text = _t("Not connected to the service: the dictionaries are edited through it")
            self.message.setText(text)
            if on_failed is not None:
                on_failed(text)
            return
        cache = self._window.context.cache
        url, token = session.client.base_url, session.client.token

        def job() -> dict[str, Any]:
            from cur_desktop.sync.client import CentralClient
            from cur_desktop.sync.errors import StaleVersion
            from cur_desktop.sync.identity import save_region
            from cur_desktop.sync.region_docs import REGION_VERSION

            client = CentralClient(url)
            client.token = token
            try:
                base = int(cache.get_state(REGION_VERSION) or 0)
                try:
                    answer = client.edit_dictionaries(base, ops)
                except StaleVersion:
                    save_region(cache, client.region())  # the newer version, to edit again
                    raise
                save_region(cache, client.region())  # this workstation has it at once
            finally:
                client.close()
            return answer

        def done(answer: object) -> None:
            assert isinstance(answer, dict)
            self._window.refresh()
            on_done(answer)
            self.refresh(force=True)

        def failed(exc: BaseException) -> None:
            text = refusal_text(exc)
            log.warning("dictionary edit refused: %s", exc)
            self.message.setText(text)
            self._window.refresh()
            if on_failed is not None:
                on_failed(text)

        self.message.setText(_t("Sending the change to the service…"))
        self._window.reader.submit("dictionary-edit", job, done, failed)


def head_themes(cache: Any) -> tuple[str, ...]:
    """The themes of the signed-in block head's scope (empty: every theme)."""
    raw = cache.get_state("sync.identity")
    try:
        doc = orjson.loads(raw) if raw else {}
    except orjson.JSONDecodeError:
        return ()
    return tuple(str(t) for t in (doc.get("themes") or [])) if isinstance(doc, dict) else ()


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate(
        "CategoriesView",
        "Someone changed the dictionaries meanwhile: they were read again, try again",
    )
    QCoreApplication.translate(
        "CategoriesView", "The service cannot be reached: the change was not made"
    )
    QCoreApplication.translate(
        "CategoriesView", "Only heads edit the dictionaries, a block head those of their own themes"
    )
    QCoreApplication.translate("CategoriesView", "Each theme keeps at least 3 categories")
    QCoreApplication.translate("CategoriesView", "The change was not made: %1")
    QCoreApplication.translate("CategoriesView", "&Name:")
    QCoreApplication.translate("CategoriesView", "no target")
    QCoreApplication.translate("CategoriesView", " appeals")
    QCoreApplication.translate("CategoriesView", "&At most in 30 days:")
    QCoreApplication.translate("CategoriesView", "Answered &within the norm:")
    QCoreApplication.translate("CategoriesView", "Categories")
    QCoreApplication.translate("CategoriesView", "&Rename…")
    QCoreApplication.translate("CategoriesView", "T&argets…")
    QCoreApplication.translate("CategoriesView", "Answer &templates…")
    QCoreApplication.translate("CategoriesView", "&New category from the proposal…")
    QCoreApplication.translate(
        "CategoriesView", "Split it: new categories are proposed below from its texts."
    )
    QCoreApplication.translate("CategoriesView", "Rename the category")
    QCoreApplication.translate("CategoriesView", "The category's targets")
    QCoreApplication.translate(
        "CategoriesView", "Not connected to the service: the dictionaries are edited through it"
    )
    QCoreApplication.translate("CategoriesView", "Sending the change to the service…")
    QCoreApplication.translate("CategoriesView", "The service refused the change: %1")
    QCoreApplication.translate("CategoriesView", "&Theme:")
    QCoreApplication.translate("CategoriesView", "Category")
    QCoreApplication.translate("CategoriesView", "Appeals, 30 days")
    QCoreApplication.translate("CategoriesView", "Target")
    QCoreApplication.translate("CategoriesView", "Share of the theme")
    QCoreApplication.translate("CategoriesView", "Words")
    QCoreApplication.translate("CategoriesView", "Appeals")
    QCoreApplication.translate("CategoriesView", "Open")
    QCoreApplication.translate("CategoriesView", "Examples")
    QCoreApplication.translate("CategoriesView", "The region's dictionaries have not arrived yet")
    QCoreApplication.translate("CategoriesView", "This theme has no catch-all category")
    QCoreApplication.translate("CategoriesView", "New category of «%1»")
    QCoreApplication.translate("CategoriesView", "Saved as version %1 of the region's dictionaries")
    QCoreApplication.translate("CategoriesView", "within the norm %1 %")
    QCoreApplication.translate("CategoriesView", "at most %1 %2")
    QCoreApplication.translate(
        "CategoriesView", "Proposed from the texts of «%1» in 30 days: %2 groups"
    )
    QCoreApplication.translate(
        "CategoriesView",
        "Category «%1» created (version %2); %3 open appeals moved to it, %4 keep theirs",
    )
    QCoreApplication.translate(
        "CategoriesView", "«%1» is number %2 of the theme «%3»: %4 of %5 appeals in 30 days (%6 %)."
    )
    QCoreApplication.translate("CategoriesView", "Categories: a catch-all in a theme's top")
    QCoreApplication.translate(
        "CategoriesView", "«%1» is among the biggest categories of «%2»: View → Categories"
    )
