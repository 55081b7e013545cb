"""The demo's overview window and its theme × status model."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QApplication, QLabel, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ui import i18n
from ui.overview_window import OverviewWindow
from widgets.theme_status_model import SORT_ROLE, CountRow, ThemeStatusCountsModel

ROWS: list[CountRow] = [
    ("Дороги", "Модерация", 12),
    ("Дороги", "В работе", 30),
    ("Жилищно-коммунальное хозяйство", "Модерация", 7),
    ("Жилищно-коммунальное хозяйство", "Промежуточный ответ", 1200),
    ("Дороги", "Модерация", 3),  # a repeated pair adds up
]


def demo_rows() -> list[CountRow]:
    return list(ROWS)


@pytest.fixture
def window(qtbot: QtBot) -> OverviewWindow:
    window = OverviewWindow(demo_rows)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


# -- model --------------------------------------------------------------------------


def test_model_pivots_rows_in_order_of_appearance(qapp: QApplication) -> None:
    model = ThemeStatusCountsModel()
    model.set_rows(ROWS)
    assert model.themes() == ["Дороги", "Жилищно-коммунальное хозяйство"]
    assert model.statuses() == ["Модерация", "В работе", "Промежуточный ответ"]
    assert model.count("Дороги", "Модерация") == 15
    assert model.count("Дороги", "Промежуточный ответ") == 0
    assert model.theme_total("Жилищно-коммунальное хозяйство") == 1207
    assert model.grand_total() == 1252
    assert (model.rowCount(), model.columnCount()) == (2, 5)


def test_model_cells_and_headers(qapp: QApplication) -> None:
    model = ThemeStatusCountsModel()
    model.set_rows(ROWS)
    display = Qt.ItemDataRole.DisplayRole
    assert model.data(model.index(0, 0)) == "Дороги"
    assert model.data(model.index(1, 3)) == "1\u00a0200"  # ru_RU digit grouping
    assert model.data(model.index(1, 3), SORT_ROLE) == 1200
    assert model.data(model.index(0, 4)) == "45"  # the theme's total
    assert model.data(model.index(0, 3), Qt.ItemDataRole.ForegroundRole) == QColor("#9aa3ad")
    total_font = model.data(model.index(0, 4), Qt.ItemDataRole.FontRole)
    assert isinstance(total_font, QFont)
    assert total_font.bold()
    headers = [model.headerData(c, Qt.Orientation.Horizontal, display) for c in range(5)]
    assert headers == ["Тематика", "Модерация", "В работе", "Промежуточный ответ", "Всего"]


def test_model_rejects_negative_counts(qapp: QApplication) -> None:
    model = ThemeStatusCountsModel()
    with pytest.raises(ValueError, match="negative count"):
        model.set_rows([("Дороги", "Модерация", -1)])
    assert model.rowCount() == 0


def test_model_passes_qt_model_tester(qapp: QApplication, qtmodeltester: ModelTester) -> None:
    model = ThemeStatusCountsModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


# -- window ---------------------------------------------------------------------------


def test_window_is_russian_and_shows_the_rows(window: OverviewWindow) -> None:
    assert window.windowTitle() == "ЦУР — демонстрационный режим"
    texts = [label.text() for label in window.findChildren(QLabel)]
    assert "ЦУР — демонстрационный режим" in texts
    assert any(text.startswith("Демонстрационные данные:") for text in texts)
    assert "1\u00a0252 обращения в демонстрационных данных" in texts
    table = window.findChild(QTableView)
    assert table is not None
    assert table.model() is window.model()
    assert window.model().themes() == ["Дороги", "Жилищно-коммунальное хозяйство"]


def test_refresh_reads_the_callable_again(qtbot: QtBot) -> None:
    rows: list[CountRow] = [("Транспорт", "В работе", 1)]
    window = OverviewWindow(lambda: list(rows))
    qtbot.addWidget(window)
    assert window.model().grand_total() == 1
    rows.append(("Транспорт", "Закрыто", 20))
    window.refresh()
    assert window.model().statuses() == ["В работе", "Закрыто"]
    assert window.findChildren(QLabel)[-1].text() == "21 обращение в демонстрационных данных"


PLURALS = {
    0: "0 обращений",
    1: "1 обращение",
    2: "2 обращения",
    5: "5 обращений",
    11: "11 обращений",
    21: "21 обращение",
    22: "22 обращения",
    111: "111 обращений",
    1001: "1\u00a0001 обращение",  # grouped the ru_RU way (%Ln)
}


@pytest.mark.parametrize("count", sorted(PLURALS))
def test_total_uses_russian_plural_forms(window: OverviewWindow, count: int) -> None:
    assert window.total_text(count) == f"{PLURALS[count]} в демонстрационных данных"


def test_window_follows_a_language_change(window: OverviewWindow, qapp: QApplication) -> None:
    try:
        i18n.remove_translators(qapp)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        assert window.windowTitle() == "Regional Management Centre — demo mode"
        assert window.total_text(1) == "1 appeal(s) in the demo data"
    finally:
        i18n.install_translators(qapp)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    assert window.windowTitle() == "ЦУР — демонстрационный режим"


def test_window_renders_at_1280x800(window: OverviewWindow, tmp_path: Path) -> None:
    path = tmp_path / "overview.png"
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1280, 800)
    # Text was drawn: the heading's area holds dark pixels on the light background.
    dark = sum(
        1
        for x in range(24, 400, 2)
        for y in range(20, 60, 2)
        if QColor(image.pixel(x, y)).lightness() < 80
    )
    assert dark > 50
