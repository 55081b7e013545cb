"""Render the console's action screens at 1920x1080, offscreen, for docs/screenshots.

    .venv/bin/python -m tests.qt.actions.render_screenshots [OUT_DIR]

A demo service in this process, a workstation synced from it, the real console window
and dialogs; popups and dialogs are painted onto the window's picture where a window
manager would put them (the offscreen platform draws no frames). Writes
console-actions-menu, console-route, console-categorise, console-reject,
console-redirect, console-rate,
console-answer-editor and console-conflict PNGs; the docs keep three of them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from cur_desktop.cache import Cache
from cur_desktop.domain.enums import Action
from cur_desktop.domain.lifecycle import Command
from tests.support.central import central_thread, new_appeal
from tests.sync.sync_support import engine_for, service_user
from ui.app import create_application
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "var/screenshots")


def pump(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)  # a render script's event pump, not a test


def wait(window: ConsoleWindow) -> None:
    for _ in range(2000):
        pump(0.02)
        if window.idle():
            break
    pump(0.3)


def compose(
    window: ConsoleWindow, *overlays: QWidget, dim: bool = False, framed: bool = False
) -> QPixmap:
    """The window with its popups / dialogs painted where a window manager would put them."""
    base = window.grab()
    painter = QPainter(base)
    if dim:
        painter.fillRect(base.rect(), QColor(0, 0, 0, 60))
    origin = window.mapToGlobal(QPoint(0, 0))
    for widget in overlays:
        picture = widget.grab()
        if framed:  # centred, with a title bar as a window manager draws it
            bar = 30
            x = (base.width() - picture.width()) // 2
            y = max((base.height() - picture.height() - bar) // 2, 0)
            painter.fillRect(
                x - 1, y - 1, picture.width() + 2, picture.height() + bar + 2, QColor("#5b6670")
            )
            painter.fillRect(x, y, picture.width(), bar, QColor("#e9edf1"))
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#1d252c"))
            painter.drawText(
                x + 12,
                y,
                picture.width() - 24,
                bar,
                int(Qt.AlignmentFlag.AlignVCenter),
                widget.windowTitle(),
            )
            painter.drawPixmap(x, y + bar, picture)
        else:
            painter.drawPixmap(widget.mapToGlobal(QPoint(0, 0)) - origin, picture)
    painter.end()
    return base


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application(["cur-desktop"])
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        with central_thread(tmp_path, appeals=400, seed=5) as central:
            fresh = new_appeal(
                central,
                "Яма во дворе дома на ул. Ленина",
                "Во дворе дома 5 по улице Ленина огромная яма, после дождя машины не могут "
                "проехать, жители просят заасфальтировать.",
                number="ПОС-2026-118204",
            )
            conflict = new_appeal(
                central,
                "Не убран снег у школы № 12",
                "Тротуар у школы не чистят уже неделю, дети ходят по проезжей части.",
                number="ПОС-2026-118211",
            )
            with engine_for(central, tmp_path / "cache.sqlite", "operator",
                            closed_window_days=3650) as engine:  # fmt: skip
                engine.sync_once(give_up_after=10)
                cache = Cache.open(tmp_path / "cache.sqlite")
                settings = QSettings(str(tmp_path / "l.ini"), QSettings.Format.IniFormat)
                window = ConsoleWindow(ConsoleContext(cache), settings=settings)
                window.resize(1920, 1080)
                window.show()
                wait(window)
                acts = window.appeal_actions

                # categorise + route the fresh one (through the outbox and the sync)
                window.show_appeal(fresh.id)
                wait(window)
                acts.submit(acts._appeals, Command.of(
                    Action.CATEGORISE, theme="roads", category="roads.potholes",
                    subcategory="roads.potholes.yard"))  # fmt: skip
                engine.sync_once(give_up_after=10)
                window.refresh()
                wait(window)

                # 1. the appeal menu open
                window.show_appeal(fresh.id)
                wait(window)
                menu = window.menu("appeal")
                bar = window.menuBar()
                action = menu.menuAction()
                pos = bar.mapToGlobal(bar.actionGeometry(action).bottomLeft())
                menu.popup(pos)
                pump(0.5)
                compose(window, menu).save(str(OUT / "console-actions-menu.png"))
                menu.hide()
                pump(0.2)

                # 1b. the categorise and reject dialogs (looked at, not committed)
                window.show_appeal(conflict.id)
                wait(window)
                acts.trigger("categorise")
                cat = acts.dialog
                assert cat is not None
                cat.paths.search.setText("снег")  # type: ignore[attr-defined]
                pump(0.5)
                compose(window, cat, dim=True, framed=True).save(
                    str(OUT / "console-categorise.png")
                )
                cat.reject()
                pump(0.2)
                acts.trigger("reject")
                rej = acts.dialog
                assert rej is not None
                rej.try_accept()  # type: ignore[attr-defined]
                pump(0.5)
                compose(window, rej, dim=True, framed=True).save(str(OUT / "console-reject.png"))
                rej.reject()
                pump(0.2)
                acts.trigger("redirect")
                red = acts.dialog
                assert red is not None
                red.organisations.search.setText("Прокуратура")  # type: ignore[attr-defined]
                pump(0.5)
                compose(window, red, dim=True, framed=True).save(str(OUT / "console-redirect.png"))
                red.reject()
                pump(0.2)
                answered = next(
                    a
                    for a in cache.appeals.get_many(list(range(1, 401)))
                    if a.status.value == "answered"
                )
                window.show_appeal(answered.id)
                wait(window)
                acts.trigger("rate")
                rate = acts.dialog
                assert rate is not None
                rate.rating.setCurrentIndex(2)  # type: ignore[attr-defined]
                pump(0.5)
                compose(window, rate, dim=True, framed=True).save(str(OUT / "console-rate.png"))
                rate.reject()
                pump(0.2)
                window.show_appeal(fresh.id)
                wait(window)

                # 2. the route dialog
                acts.trigger("route")
                dialog = acts.dialog
                assert dialog is not None
                pump(0.5)
                compose(window, dialog, dim=True, framed=True).save(str(OUT / "console-route.png"))
                dialog.bodies.search.setText("мин")  # type: ignore[attr-defined]
                pump(0.1)
                dialog.try_accept()  # type: ignore[attr-defined]
                pump(0.2)
                engine.sync_once(give_up_after=10)
                window.refresh()
                wait(window)

                # 3. the answer editor with a template applied
                window.show_appeal(fresh.id)
                wait(window)
                acts.trigger("answer")
                editor = acts.dialog
                assert editor is not None
                editor.templates.search.setText("ямочный")  # type: ignore[attr-defined]
                pump(0.1)
                editor.apply_template(editor.templates.current_code())  # type: ignore[attr-defined]
                pump(0.5)
                compose(window, editor, dim=True, framed=True).save(
                    str(OUT / "console-answer-editor.png")
                )
                editor.reject()
                pump(0.2)

                # 4. a conflict: my categorise vs the head's meanwhile
                window.show_appeal(conflict.id)
                wait(window)
                acts.submit(acts._appeals, Command.of(
                    Action.CATEGORISE, theme="roads", category="roads.snow",
                    subcategory="roads.snow.sidewalk"))  # fmt: skip
                head = service_user(central, "cur_head")
                assert central.service is not None
                central.service.apply_action(
                    head, conflict.id, "shot-1", "categorise",
                    {"theme": "education", "municipality": "70701000"}, 1)  # fmt: skip
                central.service.apply_action(head, conflict.id, "shot-2", "flag",
                                             {"flag": "important"}, 2)  # fmt: skip
                engine.replay_outbox()
                window.refresh()
                wait(window)
                dialogs = acts.conflicts.dialogs
                assert dialogs, "no conflict dialog"
                conflict_dialog = next(iter(dialogs.values()))
                geometry = conflict_dialog.frameGeometry()
                conflict_dialog.move(
                    window.mapToGlobal(QPoint((1920 - geometry.width()) // 2, 200))
                )
                pump(0.5)
                compose(window, conflict_dialog, dim=True, framed=True).save(
                    str(OUT / "console-conflict.png")
                )
                conflict_dialog.close()
                window.close()
                pump(0.2)
                cache.close()
    del app


if __name__ == "__main__":
    main()
