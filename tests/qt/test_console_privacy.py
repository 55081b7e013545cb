"""What a role without access to personal data sees in the console's detail pane: not
the authors of the related appeals either (their titles name them as often as the
appeal's own title names its author)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from cur_desktop.domain.appeal import Author, evolve
from cur_desktop.sync.writer import CacheWriter
from tests.support.caches import generated_cache, private_copy
from ui.console.console_context import AUTH_ROLE, ConsoleContext
from ui.console.window import ConsoleWindow

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
NAME = "Кузнецова Ольга Петровна"


def test_related_appeals_do_not_name_their_authors_to_the_wall_role(
    qtbot: QtBot, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    source = generated_cache(tmp_path_factory, "console-privacy", 200, 5, NOW)
    with private_copy(source, tmp_path) as cache:
        template = cache.appeals.get(1)
        assert template is not None
        first_id = cache.appeals.max_id() + 1
        # the same citizen writes twice; the title of each names her
        twice = [
            evolve(
                template,
                {
                    "id": first_id + n,
                    "external_id": f"pos-priv-{n}",
                    "title": f"{NAME}: не вывозят мусор во дворе",
                    "text": "Контейнеры переполнены вторую неделю.",
                    "author": Author(name=NAME, phone="+7 910 000-00-00"),
                    "created_at": NOW - timedelta(days=n + 1),
                    "version": 1,
                },
            )
            for n in range(2)
        ]
        assert CacheWriter(cache.engine).upsert_newer(twice) == 2
        cache.set_state(AUTH_ROLE, "wall")
        settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
        window = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
        try:
            window.show()
            qtbot.waitExposed(window)
            qtbot.waitUntil(window.idle, timeout=15_000)
            window.show_appeal(first_id)
            qtbot.waitUntil(window.idle, timeout=15_000)
            record = window.detail.record()
            assert record is not None
            assert record.related is not None
            related = {r.appeal_id: r for r in record.related}
            assert first_id + 1 in related  # found by its similar title ...
            assert NAME not in related[first_id + 1].title  # ... without her name
            assert NAME not in window.detail.toPlainText()
        finally:
            window.close()
            window.deleteLater()
