"""The first window of the demo: an honest overview of the data in the local cache.

Until the operator console exists, the demo opens this window. It says plainly that the
data is a demonstration, and shows how many appeals each theme has in each status. The
numbers come from a plain callable handed in by the caller (wired to the local cache by
the application), so the window never queries a database itself and any list of rows
can be shown in tests and screenshots.

GUI thread only; ``rows_provider`` is called on the GUI thread, so it must be quick.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.fonts import narrow_font
from widgets.theme_status_model import CountRow, ThemeStatusCountsModel

RowsProvider = Callable[[], list[CountRow]]
"""Returns (theme name, status label, count) rows; see ThemeStatusCountsModel."""

_BANNER_STYLE = (
    "QLabel { background: #fff4d6; color: #5c4300; border-left: 6px solid #f0a500;"
    " padding: 10px 14px; }"
)
_TABLE_STYLE = "QTableView::item { padding: 0px 10px; }"
_HEADING_SCALE = 1.8


class OverviewWindow(QMainWindow):
    """Title, a demo-data notice, the theme × status table and the grand total."""

    def __init__(self, rows_provider: RowsProvider, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows_provider = rows_provider
        self._model = ThemeStatusCountsModel(self)

        self._heading = QLabel()
        heading_font = QFont(self.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * _HEADING_SCALE)
        heading_font.setBold(True)
        self._heading.setFont(heading_font)

        self._banner = QLabel()
        self._banner.setWordWrap(True)
        self._banner.setStyleSheet(_BANNER_STYLE)

        self._table = QTableView()
        self._table.setModel(self._model)
        self._table.setSortingEnabled(False)  # the caller's order (lifecycle) is meaningful
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setAlternatingRowColors(True)
        self._table.setStyleSheet(_TABLE_STYLE)
        self._table.verticalHeader().setVisible(False)
        self._configure_header(self._table.horizontalHeader())

        self._total = QLabel()
        self._total.setAlignment(Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout()
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(self._heading)
        layout.addWidget(self._banner)
        layout.addWidget(self._table, stretch=1)
        layout.addWidget(self._total)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

        self._retranslate()
        self.refresh()

    # -- public API --------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the rows again and show them."""
        self._model.set_rows(self._rows_provider())
        # Theme names take what they need; the count columns share the rest equally.
        self._table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self._update_total()

    def model(self) -> ThemeStatusCountsModel:
        """The table's model (for callers that want to read what is shown)."""
        return self._model

    def total_text(self, appeals: int) -> str:
        """«N обращений в демонстрационных данных» with the right Russian plural."""
        return self.tr("%Ln appeal(s) in the demo data", "", appeals)

    # -- Qt overrides ------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # -- internals ---------------------------------------------------------------------

    def _retranslate(self) -> None:
        title = self.tr("Regional Management Centre — demo mode")
        self.setWindowTitle(title)
        self._heading.setText(title)
        self._banner.setText(
            self.tr(
                "Demo data: the appeals shown here were generated for demonstration "
                "and do not belong to real citizens."
            )
        )
        self._model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, max(self._model.columnCount() - 1, 0)
        )
        self._update_total()

    def _update_total(self) -> None:
        self._total.setText(self.total_text(self._model.grand_total()))

    def _configure_header(self, header: QHeaderView) -> None:
        # Status labels are long («Промежуточный ответ»): a narrow face wrapped on two
        # lines keeps ten columns inside 1280 pixels without cutting words.
        header.setFont(narrow_font(self.font()))
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumHeight(2 * header.fontMetrics().height() + 12)
        header.setSortIndicatorShown(False)
