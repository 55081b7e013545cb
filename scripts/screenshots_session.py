"""Render the console's session screens to PNG for docs/screenshots (offscreen, 1920×1080).

    .venv/bin/python scripts/screenshots_session.py [OUT_DIR]

Runs the real central service (demo data and staff, no live generator: a quiet service
lets the console settle on a loaded machine) in this process and the real console against
it: signed in and synced, a high-importance notice, the sign-in dialog
over the console (with a wrong password), and the next morning offline with two actions
waiting in the outbox. Writes console-synced.png, console-shortcuts.png (F1),
console-notice.png, console-login.png, console-offline.png and console-scope.png (a
municipal operator's status bar).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from cur_desktop.central.demo import ensure_demo_staff  # noqa: E402
from cur_desktop.credentials import FileKeyring, TokenStore  # noqa: E402
from cur_desktop.domain.enums import Action, Status  # noqa: E402
from cur_desktop.domain.lifecycle import Command  # noqa: E402
from cur_desktop.sync.status import Backoff  # noqa: E402
from tests.e2e.switch_proxy import SwitchProxy  # noqa: E402
from tests.qt.session.test_session_worker import _high_appeal  # noqa: E402
from tests.support.central import central_thread  # noqa: E402
from ui.app import create_application  # noqa: E402
from ui.console.session.connect import sign_in  # noqa: E402
from ui.console.session.launcher import ConsoleLauncher  # noqa: E402
from ui.console.session.login_dialog import LoginDialog  # noqa: E402
from ui.shortcuts_dialog import ShortcutsDialog  # noqa: E402

SIZE = (1920, 1080)


def wait(done: Callable[[], bool], seconds: float = 600.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the console did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.02)


def settle() -> None:
    for _ in range(20):
        QCoreApplication.processEvents()
        time.sleep(0.01)


def over(base: QPixmap, dialog: QDialog) -> QPixmap:
    """The dialog, with a plain title bar, centred over the dimmed console."""
    image = dialog.grab()
    painter = QPainter(base)
    painter.fillRect(base.rect(), QColor(0, 0, 0, 90))
    x, y = (base.width() - image.width()) // 2, (base.height() - image.height()) // 3
    title = QRect(x, y - 30, image.width(), 30)
    painter.fillRect(title, QColor("#dfe3e8"))
    painter.setPen(QColor("#202124"))
    align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
    painter.drawText(title.adjusted(12, 0, 0, 0), align, dialog.windowTitle())
    painter.drawPixmap(QPoint(x, y), image)
    painter.setPen(QColor("#9aa0a6"))
    painter.drawRect(QRect(x, y - 30, image.width() - 1, image.height() + 29))
    painter.end()
    return base


def main(out: Path) -> None:
    create_application(["cur-desktop"])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cur-shots-") as scratch:
        tmp = Path(scratch)
        store = TokenStore(FileKeyring(tmp / "tokens.json"))
        settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)

        def launcher() -> ConsoleLauncher:
            layout = QSettings(str(tmp / "layout.ini"), QSettings.Format.IniFormat)
            return ConsoleLauncher(
                settings=settings,
                store=store,
                layout_settings=layout,
                cache_root=tmp / "servers",
                backoff=Backoff(0.2, 2.0),
            )

        with central_thread(tmp, appeals=3000, live=False) as central:
            # the generated staff by name, as `cur-central demo` does
            ensure_demo_staff(central.service.engine, central.service.region.dicts)
            proxy = SwitchProxy(central.url)
            account = central.accounts["operator"]
            console = launcher()
            assert console.open(sign_in(proxy.url, account.login, account.password, store))
            running = console.current
            assert running is not None
            running.window.resize(*SIZE)
            wait(lambda: running.caught_up and console.ready())
            settle()
            wait(console.ready)
            running.window.grab().save(str(out / "console-synced.png"))

            shortcuts = ShortcutsDialog(running.window)  # F1
            shortcuts.show()
            settle()
            over(running.window.grab(), shortcuts).save(str(out / "console-shortcuts.png"))
            shortcuts.done(0)
            shortcuts.deleteLater()

            _high_appeal(central, "im-5990001")
            wait(lambda: not running.notifier.banner.isHidden())
            settle()
            running.window.grab().save(str(out / "console-notice.png"))

            dialog = LoginDialog(
                store,
                settings,
                server=proxy.url,
                login=account.login,
                cache_path=console.cache_path,
                parent=running.window,
            )
            dialog.password.setText("не тот пароль")
            dialog.try_sign_in()
            wait(lambda: not dialog.busy() and dialog.error.text() != "")
            dialog.show()
            settle()
            over(running.window.grab(), dialog).save(str(out / "console-login.png"))
            dialog.done(0)
            dialog.deleteLater()
            console.close()

            proxy.down()  # the next morning the service cannot be reached
            console = launcher()
            assert console.start()
            running = console.current
            assert running is not None
            running.window.resize(*SIZE)
            bar = running.window.status
            wait(lambda: bar.link.text().startswith("Не в сети"))
            wait(lambda: running.window.queue.model.rowCount() > 0 and running.window.idle())
            ids = [
                a.id
                for a in running.cache.appeals.get_many(
                    list(range(1, running.cache.appeals.max_id() + 1))
                )
                if a.status in (Status.NEW, Status.ROUTED) and not a.taken_by
            ][:2]
            running.window.actions.submit(ids, Command(Action.TAKE, {}))
            wait(lambda: bar.outbox.text().startswith("2 "))
            running.window.show_appeal(ids[0])
            wait(running.window.idle)
            settle()
            running.window.grab().save(str(out / "console-offline.png"))
            console.close()
            proxy.up()

            mcu = central.accounts["municipal_operator"]
            console = launcher()
            assert console.open(sign_in(proxy.url, mcu.login, mcu.password, store))
            running = console.current
            assert running is not None
            running.window.resize(*SIZE)
            wait(lambda: running.caught_up and console.ready())
            settle()
            shot = running.window.grab()
            shot.copy(0, SIZE[1] - 40, SIZE[0], 40).save(str(out / "console-scope.png"))
            console.close()
            proxy.close()
    sys.stdout.write(f"screenshots written to {out}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "var" / "screenshots")
