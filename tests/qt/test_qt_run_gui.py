"""ui.app.run_gui runs the real event loop offscreen, shows the window and returns."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.app import run_gui
from ui.overview_window import OverviewWindow
from widgets.theme_status_model import CountRow


def sample_rows() -> list[CountRow]:
    return [
        ("Образование", "Модерация", 4),
        ("Образование", "Закрыто", 17),
        ("Благоустройство", "В работе", 9),
    ]


def _shown_overview_windows() -> list[OverviewWindow]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, OverviewWindow) and widget.isVisible()
    ]


def test_run_gui_shows_the_overview_and_quits_by_itself(qapp: QApplication) -> None:
    seen: list[tuple[str, list[str], int, tuple[int, int]]] = []

    def look() -> None:  # runs inside run_gui's event loop
        for window in _shown_overview_windows():
            size = (window.width(), window.height())
            model = window.model()
            seen.append((window.windowTitle(), model.themes(), model.grand_total(), size))

    QTimer.singleShot(50, look)
    started = time.monotonic()
    code = run_gui(["cur-desktop-test"], rows_provider=sample_rows, quit_after_ms=300)
    elapsed = time.monotonic() - started

    assert code == 0
    assert seen == [
        ("ЦУР — демонстрационный режим", ["Образование", "Благоустройство"], 30, (1280, 800))
    ]
    assert 0.25 < elapsed < 10
    assert _shown_overview_windows() == []  # closed and deleted on the way out


def test_negative_quit_delay_is_refused_before_anything_is_shown(qapp: QApplication) -> None:
    with pytest.raises(ValueError, match="quit_after_ms"):
        run_gui(["cur-desktop-test"], rows_provider=sample_rows, quit_after_ms=-1)
    assert _shown_overview_windows() == []
