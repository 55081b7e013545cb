"""The operator console's main window: navigator, queue and detail side by side.

Reads only the local cache (STYLE.md §1). Left, the navigator of queues with live
counts; middle, the filter bar and the queue table; right, the appeal in detail —
in a splitter the operator can resize. What the sync writes reaches the window as
:meth:`ConsoleWindow.refresh`, called on the sync worker's change signal
(``changes_arrived``, wired by :mod:`ui.console.session.launcher`): the one notification
path, nothing polls the cache. One timer per window does the clock's work: every
few seconds it reads the status bar's facts again; once a minute it counts the
visible deadlines on, the detail pane's included.

Reads run on three task runners (:class:`ui.tasks.TaskRunner`): queues and views on
one, the navigator's counts on another (seconds at a million appeals: a queue switch
does not wait behind them), related appeals on the third, never queued behind a big read.

Operator actions (take, route, answer…) are in the ``appeal`` menu
(:mod:`ui.console.actions_menu`) and act on :meth:`ConsoleWindow.selected_ids`; they
are stored in the outbox by :attr:`ConsoleWindow.actions` and sent by the sync.

GUI thread only. Close the window before closing the cache.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QEvent, QModelIndex, QSettings, Qt, QTimer, QTimeZone, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QInputDialog,
    QMainWindow,
    QMenu,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.cache import OutboxItem
from cur_desktop.cache.queries.filters import FilterValues
from cur_desktop.cache.queries.saved import DuplicateNameError, save_queue
from ui.console.actions import ActionSubmitter
from ui.console.actions_menu import AppealActions
from ui.console.categories_view import CategoriesView
from ui.console.console_context import ConsoleContext
from ui.console.detail import DetailSource
from ui.console.menus import WORK_QUEUE_SHORTCUTS, ConsoleMenus
from ui.console.offline_banner import OfflineBanner
from ui.console.problems_conflicts import ConflictPanel
from ui.console.problems_disinfo import DisinfoPanel
from ui.console.problems_view import ProblemsView
from ui.console.queue_pane import SUMMARY_MIN, QueuePane
from ui.console.queues import DEFAULT_QUEUE, QueueCatalog
from ui.console.registration import RegistrationDesk
from ui.console.status_bar import ConsoleStatusBar, read_status
from ui.console.triage import TriageAction
from ui.console.window_state import restore_layout, save_layout
from ui.desk.hook import DeskLauncher
from ui.settings import user_settings
from ui.tasks import TaskRunner
from widgets.appeal_detail import AppealDetailView
from widgets.navigator_model import NavigatorModel
from widgets.queue_model import Column
from widgets.sla_format import Deadline, deadline_text

log = logging.getLogger(__name__)

TICK_MS = 5_000
RELATED_DELAY_MS = 250
DEFAULT_SIZE = (1600, 900)
_PANE_SIZES = (270, 1130, 520)  # at 1920 px: the queue's columns each at their width
NAVIGATOR_MAX_MIN_WIDTH = 300  # a saved queue's long name may elide beyond this
DETAIL_FIRST_WIDTH = 320  # narrower screens start with the detail pane this wide


class ConsoleWindow(QMainWindow):
    """The console over one cache; ``settings`` default to the application's."""

    queue_opened = Signal(str)
    # The operator's commands (C-session's contract). It shadows QWidget.actions(), which
    # nothing in the console calls from Python; Qt's own C++ calls are not affected.
    actions: ActionSubmitter  # type: ignore[assignment]
    conflict_resolved = Signal(str, bool)
    """(outbox key, reapply): the operator chose in a conflict dialog; the sync resolves it."""

    def __init__(
        self,
        context: ConsoleContext,
        *,
        settings: QSettings | None = None,
        queue: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._settings = settings if settings is not None else user_settings()
        self.reader = TaskRunner(self, name="console-reads")  # queues and views, one at a time
        # The navigator's counts on their own thread: with conflict situations among
        # them they take seconds at a million appeals, and they are asked for after
        # every sync and every minute; a queue switch must not wait behind them.
        self.counter = TaskRunner(self, name="console-counts")
        self._lookups = TaskRunner(self, name="console-lookups")  # related appeals
        self._related_timer = QTimer(self)
        self._related_timer.setSingleShot(True)
        self._related_timer.setInterval(RELATED_DELAY_MS)
        self._related_timer.timeout.connect(self._look_for_related)
        self.catalog = QueueCatalog(context)
        self.actions = ActionSubmitter(context.cache, context.identity.login, self)
        self._details = DetailSource(context)
        self._last_minute = context.clock().replace(second=0, microsecond=0)
        self._closed = False
        self._following = False  # the navigator is being moved to the open queue
        self.shortcuts_dialog: QDialog | None = None  # the open list of shortcuts (F1)
        zone = QTimeZone(context.sla.time_zone.encode())

        self.navigator_model = NavigatorModel(self)
        self.navigator = QTreeView()
        self.navigator.setModel(self.navigator_model)
        self.navigator.setHeaderHidden(True)
        self.navigator.setUniformRowHeights(True)
        self.navigator.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.navigator.header().setStretchLastSection(False)
        self.navigator.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.navigator.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.queue = QueuePane(context, self.reader)
        self.detail = AppealDetailView()
        self.detail.set_viewer(lambda: context.identity.login)  # a colleague's lock is marked
        self.detail.set_time_zone(zone)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for pane in (self.navigator, self.queue, self.detail):
            self.splitter.addWidget(pane)
        self.splitter.setSizes(list(_PANE_SIZES))
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.offline_banner = OfflineBanner()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.offline_banner)
        column.addWidget(self.splitter, stretch=1)
        self.setCentralWidget(central)
        self.status = ConsoleStatusBar()
        self.status.set_time_zone(zone)
        self.setStatusBar(self.status)
        self.status.link_shown.connect(self.offline_banner.show_link)
        self.menus = ConsoleMenus(self)
        self._build_actions()
        self.appeal_actions = AppealActions(self)
        self.triage = TriageAction(self, self.appeal_actions)  # F2: take + categorise + route
        self.registration = RegistrationDesk(self)  # «Новое обращение» (issue 20)
        self.conflict_panel = ConflictPanel(self, self)  # «Конфликтные ситуации» (issue 17)
        self.disinfo_panel = DisinfoPanel(self, self)  # disinformation cases (issue 17)
        self.problems_view = ProblemsView(self, self, self.queue)  # «Проблемы» (issue 17)
        self.categories_view = CategoriesView(self, self)  # «Категории», «Прочие» (issue 17)
        self.desk = DeskLauncher(self)  # «Аналитика»: the head's desk (issue 16)
        self.menus.add(
            "appeal", "register", self.tr("New appeal…"), "Ctrl+Shift+N", self.registration.open
        )

        self._fill_navigator()
        self.navigator.selectionModel().currentRowChanged.connect(self._navigator_moved)
        self.queue.current_changed.connect(self._show_appeal)
        self.queue.filter_bar.save_requested.connect(self._save_filters)
        self.queue.table.activated.connect(lambda _index: self.focus_detail())
        self.detail.appeal_activated.connect(self.show_appeal)

        self.resize(*DEFAULT_SIZE)
        layout = restore_layout(
            self._settings,
            context.identity.owner,
            self,
            self.splitter,
            self.queue.table.horizontalHeader(),
        )
        self._fit_panes = not layout.restored  # on the first show, to the real width
        # the columns follow the width, unless the operator's own widths came back (a
        # layout saved before issue 14 had «Суть» squeezed to a few letters: refitted)
        summary = self.queue.table.horizontalHeader().sectionSize(Column.TITLE)
        self.queue.auto_widths = not layout.restored or summary < SUMMARY_MIN
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.setWindowTitle(self.tr("Regional Management Centre — operator console"))
        self._refresh_status()
        self.open_queue(queue or layout.queue or DEFAULT_QUEUE)
        self._request_counts()  # after the queue: its first page is what the operator waits for

    # -- public API --------------------------------------------------------------------

    def open_queue(self, key: str) -> bool:
        """Show a queue of the navigator; False if there is no such queue."""
        query = self.catalog.query(key, self.context.clock())
        if query is None:
            if key != DEFAULT_QUEUE:
                return self.open_queue(DEFAULT_QUEUE)
            return False
        self._select_in_navigator(self.navigator_model.index_of(key))
        self.queue.show_queue(key, self.navigator_model.titles().get(key, key), query)
        self.queue_opened.emit(key)
        return True

    def current_queue(self) -> str:
        return self.queue.queue_key()

    def menu(self, key: str) -> QMenu:
        """A menu by key («file», «go», «search», «appeal», «view») to add actions to."""
        return self.menus.menu(key)

    def selected_ids(self) -> list[int]:
        """Ids of the selected appeals, in queue order (what actions will act on)."""
        return [int(i) for i in self.queue.table.selected_ids()]

    def show_appeal(self, appeal_id: int) -> None:
        """Make an appeal current: in the queue if it is there, else in the detail pane only."""
        row = self.queue.model.row_of(appeal_id)
        if row >= 0:
            self.queue.table.select_row(row, centre=True)
        else:
            self._show_appeal(appeal_id)

    def refresh(self) -> None:
        """The cache changed: queue, counts, detail and status bar are read again."""
        before = (self.context.dictionaries, self.context.identity)
        self.context.reload()
        if (self.context.dictionaries, self.context.identity) != before:
            self.catalog.reload_saved()
            self._fill_navigator()
            values = self.queue.filters()
            self.queue.filter_bar.set_dictionaries(self.context.dictionaries)
            self.queue.filter_bar.set_values(values)
        self._requery()
        self._refresh_status()
        self.appeal_actions.refresh()
        self.registration.refresh()
        self.conflict_panel.refresh()
        self.disinfo_panel.refresh()
        self.problems_view.refresh()
        self.categories_view.refresh()

    def show_conflict(self, item: OutboxItem) -> None:
        """Open the conflict dialog for an outbox item (both versions, keep mine / take theirs).

        The choice is emitted as :attr:`conflict_resolved`; showing an item twice
        raises its open dialog, and a decided item is not shown again.
        """
        self.appeal_actions.conflicts.show(item)

    def _requery(self) -> None:
        """Read the queue and the counts again (the cache or the clock moved on)."""
        key = self.current_queue()
        query = self.catalog.query(key, self.context.clock()) if key else None
        if query is not None:
            self.queue.set_base(query)
        self.queue.refresh()
        self._request_counts()

    def idle(self) -> bool:
        """No background read is waiting or running (tests, snapshots)."""
        busy = self.reader.busy() or self.counter.busy() or self._lookups.busy()
        return not (busy or self._related_timer.isActive())

    # -- keyboard-first navigation -------------------------------------------------------

    def next_queue(self, step: int = 1) -> None:
        keys = self.navigator_model.keys()
        if not keys:
            return
        current = self.current_queue()
        position = keys.index(current) if current in keys else -1
        self.open_queue(keys[(position + step) % len(keys)])

    def next_appeal(self, step: int = 1) -> None:
        table = self.queue.table
        current = table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        table.select_row(min(max(row, 0), self.queue.model.rowCount() - 1))

    def focus_search(self) -> None:
        self.queue.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.queue.filter_bar.search.selectAll()

    def focus_filters(self) -> None:
        """The first drop-down of the filter bar (Tab goes on through the others)."""
        self.queue.filter_bar.theme.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_detail(self) -> None:
        self.detail.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _build_actions(self) -> None:
        m = self.menus
        m.add("file", "quit", self.tr("E&xit"), QKeySequence.StandardKey.Quit, self.close)
        m.add("go", "next_queue", self.tr("Next queue"), "Ctrl+PgDown", self.next_queue)
        m.add(
            "go", "prev_queue", self.tr("Previous queue"), "Ctrl+PgUp", lambda: self.next_queue(-1)
        )
        m.separator("go")
        for number in range(1, WORK_QUEUE_SHORTCUTS + 1):
            m.add("go", f"queue_{number}", "", f"Ctrl+{number}", partial(self._nth_queue, number))
        m.separator("go")
        m.add("go", "next_appeal", self.tr("Next appeal"), "Ctrl+Down", self.next_appeal)
        m.add(
            "go", "prev_appeal", self.tr("Previous appeal"), "Ctrl+Up", lambda: self.next_appeal(-1)
        )
        m.add("go", "open_detail", self.tr("Open the appeal"), "Ctrl+Return", self.focus_detail)
        m.separator("go")
        m.add("go", "focus_nav", self.tr("Go to the queues"), "Alt+1", self.navigator.setFocus)
        m.add("go", "focus_table", self.tr("Go to the table"), "Alt+2", self.queue.table.setFocus)
        m.add("go", "focus_detail", self.tr("Go to the appeal"), "Alt+3", self.focus_detail)
        m.add("search", "find", self.tr("Find…"), QKeySequence.StandardKey.Find, self.focus_search)
        m.add(
            "search", "save", self.tr("Save filters as queue…"), "Ctrl+Shift+S", self._save_current
        )
        m.add(
            "search", "reset", self.tr("Reset filters"), "Ctrl+Shift+R", self.queue.filter_bar.clear
        )
        m.add("search", "filters", self.tr("Go to the filters"), "Alt+4", self.focus_filters)
        m.add("search", "overdue", self.tr("Overdue only"), "Ctrl+Shift+P",
              self.queue.filter_bar.overdue.toggle)  # fmt: skip
        m.add(
            "appeal", "open_original", self.tr("Open the original"), "Ctrl+O", self._open_original
        )
        m.add(
            "appeal", "copy_number", self.tr("Copy the number"), "Ctrl+Shift+C", self._copy_number
        )
        m.add("view", "refresh", self.tr("Refresh"), QKeySequence.StandardKey.Refresh, self.refresh)
        keys = m.add("help", "shortcuts", self.tr("Keyboard shortcuts…"), "F1", self.show_shortcuts)
        help_menu = m.menu("help")
        help_menu.insertAction(help_menu.actions()[0], keys)  # first, above «About»

    def show_shortcuts(self) -> None:
        """The list of every shortcut, read from the menus' actions (F1)."""
        from ui.shortcuts_dialog import ShortcutsDialog

        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self)
            self.shortcuts_dialog.finished.connect(self._shortcuts_closed)
            self.shortcuts_dialog.open()
        else:
            self.shortcuts_dialog.raise_()
            self.shortcuts_dialog.activateWindow()

    def _shortcuts_closed(self, _result: int) -> None:
        dialog, self.shortcuts_dialog = self.shortcuts_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _nth_queue(self, number: int) -> None:
        keys = self.navigator_model.keys()
        if number <= len(keys):
            self.open_queue(keys[number - 1])

    def _name_queue_actions(self) -> None:
        titles = self.navigator_model.titles()
        keys = self.navigator_model.keys()
        for number in range(1, WORK_QUEUE_SHORTCUTS + 1):
            action = self.menus.actions[f"queue_{number}"]
            visible = number <= len(keys)
            action.setVisible(visible)
            if visible:
                action.setText(titles[keys[number - 1]])

    # -- reactions -----------------------------------------------------------------------

    def _fill_navigator(self) -> None:
        self.navigator_model.set_groups(self.catalog.groups())
        self.navigator.expandToDepth(0)
        self._fit_navigator()
        self._name_queue_actions()
        current = self.navigator_model.index_of(self.queue.queue_key())
        if current.isValid():
            self._select_in_navigator(current)

    def _fit_navigator(self) -> None:
        """Keep the navigator wide enough for its titles beside their counts.

        The splitter takes width from the side panes once the queue is at its
        narrowest; without a floor a 1366- or 1600-pixel window squeezed the
        navigator down to bare numbers.
        """
        view = self.navigator
        metrics = view.fontMetrics()
        widest = max((metrics.horizontalAdvance(t) for t in self.navigator_model.titles().values()),
                     default=0)  # fmt: skip
        count = metrics.horizontalAdvance("00 000") + 16
        chrome = (
            2 * view.frameWidth()
            + view.indentation()
            + view.verticalScrollBar().sizeHint().width()
            + 16  # the item's own margins
        )
        view.setMinimumWidth(min(widest + count + chrome, NAVIGATOR_MAX_MIN_WIDTH))

    def _select_in_navigator(self, index: QModelIndex) -> None:
        """Show the open queue as the navigator's current row, highlighted and in view.

        Not by blocking the selection model's signals: the tree itself listens to them,
        and a Ctrl+1…7 then left its highlight on the queue before.
        """
        if not index.isValid() or self.navigator.currentIndex() == index:
            return
        self._following = True
        try:
            self.navigator.setCurrentIndex(index)
            self.navigator.scrollTo(index)
        finally:
            self._following = False

    def _navigator_moved(self, current: object, _previous: object) -> None:
        if self._following:
            return
        key = NavigatorModel.key_of(current)  # type: ignore[arg-type]
        if key is not None and key != self.current_queue():
            self.open_queue(key)

    def _request_counts(self) -> None:
        catalog = self.catalog
        now = self.context.clock()
        self.counter.submit("counts", lambda: catalog.counts(now), self.navigator_model.set_counts)

    def _show_appeal(self, appeal_id: int | None) -> None:
        if appeal_id is None:
            self.detail.show_record(None)
            self.appeal_actions.update()
            return
        same = (record := self.detail.record()) is not None and record.appeal.id == appeal_id
        scroll = self.detail.verticalScrollBar().value() if same else 0
        shown = self._details.record(appeal_id, self.context.clock())
        self.detail.show_record(shown)
        self.detail.verticalScrollBar().setValue(scroll)
        self.appeal_actions.update()  # the actions follow the appeal shown
        if shown is not None:
            # Looked up once the operator rests on an appeal: not for every row passed
            # with the arrow keys, and not while a queue's first page is being painted.
            self._related_timer.start()

    def _look_for_related(self) -> None:
        record = self.detail.record()
        if record is None:
            return
        appeal_id = record.appeal.id
        details = self._details

        def found(related: object) -> None:
            current = self.detail.record()
            if current is not None and current.appeal.id == appeal_id:
                keep = self.detail.verticalScrollBar().value()
                self.detail.show_record(replace(current, related=related))  # type: ignore[arg-type]
                self.detail.verticalScrollBar().setValue(keep)

        self._lookups.submit("related", lambda: details.related(appeal_id), found)

    def _tick(self) -> None:
        self._refresh_status()  # the link, the outbox, the age of the last sync
        minute = self.context.clock().replace(second=0, microsecond=0)
        if minute != self._last_minute:
            self._last_minute = minute
            self.queue.tick()
            self._tick_detail()
            # Time alone moves appeals into "at risk": counts and that queue follow it.
            if self.current_queue() == "risk":
                self._requery()
            else:
                self._request_counts()

    def _tick_detail(self) -> None:
        """Count the shown appeal's deadline on, as the table's (the operator may read
        one appeal for minutes while its deadline passes)."""
        record = self.detail.record()
        if record is None or record.deadline is None:
            return
        deadline = self.context.deadline_of(record.appeal, self.context.clock())
        if deadline is not None and _reads_the_same(deadline, record.deadline):
            return  # «39 дн.» a minute later: nothing to paint
        keep = self.detail.verticalScrollBar().value()
        self.detail.show_record(replace(record, deadline=deadline))
        self.detail.verticalScrollBar().setValue(keep)

    def _refresh_status(self) -> None:
        if self.context.people != self.status.people():
            self.status.set_people(self.context.people)
        facts = read_status(self.context.cache)
        self.status.show_status(facts)

    def _save_current(self) -> None:
        self._save_filters(self.queue.filters())

    def _save_filters(self, values: FilterValues) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save as queue"), self.tr("Queue name:"))
        name = name.strip()
        if ok and name:
            self.save_filters_as(name, values)

    def save_filters_as(self, name: str, values: FilterValues) -> str | None:
        """Keep the current queue narrowed by ``values`` as a custom queue; its key."""
        base = self.current_queue()
        if base.startswith("saved:"):
            saved = next((s for s in self.catalog.saved() if s.key == base), None)
            base = saved.base if saved is not None else DEFAULT_QUEUE
        owner = self.context.identity.owner
        try:
            saved_id = save_queue(self.context.cache.engine, owner, name, base, values)
        except DuplicateNameError:
            self.status.showMessage(self.tr("A queue with this name already exists"), 8000)
            return None
        self.catalog.reload_saved()
        self._fill_navigator()
        self._request_counts()
        key = f"saved:{saved_id}"
        self.queue.filter_bar.clear()
        self.open_queue(key)
        return key

    def _open_original(self) -> None:
        record = self.detail.record()
        if record is not None and record.appeal.url:
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl(record.appeal.url))

    def _copy_number(self) -> None:
        record = self.detail.record()
        if record is not None:
            QGuiApplication.clipboard().setText(record.appeal.external_id)

    # -- Qt overrides ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._fit_panes:
            self._fit_panes = False
            self.splitter.setSizes(self.first_pane_sizes(self.splitter.width() or self.width()))
        super().showEvent(event)

    def first_pane_sizes(self, width: int) -> list[int]:
        """Navigator, queue and detail widths for a first start at ``width`` pixels.

        The navigator gets what its titles need, the queue its designed width (every
        column visible) as long as the detail pane keeps :data:`DETAIL_FIRST_WIDTH`;
        a wider window gives the rest to the detail pane, a narrower one takes it
        from the queue.
        """
        navigator = max(_PANE_SIZES[0], self.navigator.minimumWidth())
        detail = max(width - navigator - _PANE_SIZES[1], DETAIL_FIRST_WIDTH)
        return [navigator, max(width - navigator - detail, 0), detail]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._fill_navigator()
        super().changeEvent(event)

    def shutdown(self) -> None:
        """Save the layout, stop the timer and background reads, release the cache."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self._related_timer.stop()
        self.appeal_actions.close_dialogs()
        self.registration.shutdown()
        self.desk.close()
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.reject()
        save_layout(
            self._settings,
            self.context.identity.owner,
            self,
            self.splitter,
            self.queue.table.horizontalHeader(),
            self.current_queue(),
        )
        self.reader.shutdown()
        self.counter.shutdown()
        self._lookups.shutdown()


def _reads_the_same(a: Deadline, b: Deadline) -> bool:
    return (a.state.status, a.state.due_at, deadline_text(a)) == (
        b.state.status,
        b.state.due_at,
        deadline_text(b),
    )
