"""The console against the real central service: offline start, actions queued while offline
and confirmed once after reconnecting, and a "taken" mark seen by a second workstation."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from cur_desktop.central import schema as central_schema
from cur_desktop.domain.enums import Action, Status
from cur_desktop.domain.lifecycle import Command
from tests.e2e.switch_proxy import SwitchProxy
from tests.qt.session.session_support import file_store, ini, launcher, password_filler
from tests.support.central import CentralHandle, central_thread, new_appeal
from tests.sync.sync_support import service_user
from ui.console.session.launcher import ConsoleLauncher, Running

pytestmark = pytest.mark.qt

WAIT_MS = 30_000


def _running(instance: ConsoleLauncher) -> Running:
    running = instance.current
    assert running is not None
    return running


def _submit(running: Running, appeal_ids: list[int], command: Command) -> None:
    """What an operator's action does: the window's ActionSubmitter, else the outbox itself."""
    from ui.console.actions import ActionSubmitter

    submitter = running.window.__dict__.get("actions")
    if isinstance(submitter, ActionSubmitter):
        assert submitter.submit(appeal_ids, command)
        return
    assert running.session is not None
    for appeal_id in appeal_ids:
        appeal = running.cache.appeals.get(appeal_id)
        assert appeal is not None
        running.cache.outbox.enqueue(
            appeal_id, command, base_version=appeal.version, actor=running.session.login
        )
    assert running.worker is not None
    running.worker.wake()


def _service_count(central: CentralHandle, appeal_id: int, action: Action) -> int:
    h = central_schema.history
    assert central.service is not None
    with central.service.engine.connect() as conn:
        query = (
            select(func.count())
            .select_from(h)
            .where(h.c.appeal_id == appeal_id, h.c.action == action.value)
        )
        return int(conn.execute(query).scalar_one())


_WORKING = frozenset({Status.NEW, Status.ROUTED, Status.IN_PROGRESS, Status.REOPENED})
_NOT_YET_IN_WORK = frozenset({Status.NEW, Status.ROUTED})


def _untaken_on_service(
    central: CentralHandle, n: int, statuses: frozenset[Status] = _WORKING
) -> None:
    """At least ``n`` appeals in ``statuses`` that nobody has taken, on the service.

    The generated data depend on the time of day they are seeded at: on a Saturday
    morning every working appeal may be taken, at night the untaken ones may all be in
    progress. The appeals missing arrive as an importer stores them (new, untaken).
    """
    assert central.service is not None
    head = service_user(central, "cur_head")
    untaken = [
        appeal_id
        for appeal_id in central.service.appeal_ids(statuses)
        if not central.service.get_appeal(head, appeal_id).appeal.taken_by
    ]
    for k in range(len(untaken), n):
        text = "Яма на проезжей части у остановки, машины объезжают по встречной"
        new_appeal(central, "Яма на дороге", text, number=f"e2e-untaken-{k}")


def _new_ids(running: Running, n: int, statuses: frozenset[Status] = _WORKING) -> list[int]:
    """Appeals in ``statuses`` nobody has taken (an operator may take them)."""
    all_ids = list(range(1, running.cache.appeals.max_id() + 1))
    ids = [
        a.id
        for a in running.cache.appeals.get_many(all_ids)
        if a.status in statuses and not a.taken_by
    ]
    assert len(ids) >= n
    return ids[:n]


def test_offline_start_then_actions_confirmed_once_after_reconnect(
    tmp_path: Path, qtbot: object
) -> None:
    store = file_store(tmp_path)
    settings = ini(tmp_path)
    with central_thread(tmp_path, appeals=120) as central:
        _untaken_on_service(central, 2)
        proxy = SwitchProxy(central.url)
        try:
            # a first day at this workstation: sign in, sync, close
            ask = password_filler(qtbot, central)
            with launcher(tmp_path, store, ask, settings=settings) as first:
                assert first.start(server=proxy.url)
                qtbot.waitUntil(lambda: _running(first).caught_up, timeout=WAIT_MS)

            proxy.down()  # the service is unreachable the next morning
            with launcher(tmp_path, store, settings=settings) as second:
                assert second.start()  # the stored token, no dialog
                running = _running(second)
                assert running.session is not None
                assert not running.session.confirmed
                bar = running.window.status
                qtbot.waitUntil(lambda: bar.link.text().startswith("Не в сети"), timeout=WAIT_MS)
                qtbot.waitUntil(lambda: running.window.queue.model.rowCount() > 0, timeout=WAIT_MS)

                ids = _new_ids(running, 2)
                _submit(running, ids, Command(Action.TAKE, {}))
                _submit(running, ids[:1], Command(Action.ADD_NOTE, {"text": "проверить адрес"}))
                qtbot.waitUntil(
                    lambda: bar.outbox.text() == "3 действия ещё не отправлены", timeout=WAIT_MS
                )
                assert _service_count(central, ids[0], Action.TAKE) == 0

                proxy.up()  # the service is back: the worker reconnects by itself
                sent = "Все действия отправлены"
                qtbot.waitUntil(lambda: bar.outbox.text() == sent, timeout=WAIT_MS)
                qtbot.waitUntil(lambda: bar.link.text() == "В сети", timeout=WAIT_MS)
                assert running.cache.outbox.size() == 0
                login = central.accounts["operator"].login
                for appeal_id in ids:
                    assert _service_count(central, appeal_id, Action.TAKE) == 1
                    cached = running.cache.appeals.get(appeal_id)
                    assert cached is not None
                    assert cached.taken_by == login
                assert _service_count(central, ids[0], Action.ADD_NOTE) == 1
        finally:
            proxy.close()


def test_taken_mark_is_seen_by_a_second_workstation(tmp_path: Path, qtbot: object) -> None:
    with central_thread(tmp_path, appeals=60) as central:
        _untaken_on_service(central, 1)
        a_dir, b_dir = tmp_path / "a", tmp_path / "b"
        a_store, b_store = file_store(a_dir), file_store(b_dir)
        with (
            launcher(a_dir, a_store, password_filler(qtbot, central, "operator")) as a,
            launcher(b_dir, b_store, password_filler(qtbot, central, "cur_head")) as b,
        ):
            assert a.start(server=central.url)
            assert b.start(server=central.url)
            ra, rb = _running(a), _running(b)
            qtbot.waitUntil(lambda: ra.caught_up and rb.caught_up, timeout=WAIT_MS)
            appeal_id = _new_ids(ra, 1)[0]
            rb.window.show_appeal(appeal_id)

            _submit(ra, [appeal_id], Command(Action.TAKE, {}))
            login = central.accounts["operator"].login

            def b_sees_it() -> bool:
                cached = rb.cache.appeals.get(appeal_id)
                return cached is not None and cached.taken_by == login

            qtbot.waitUntil(b_sees_it, timeout=WAIT_MS)  # through the live stream

            def b_shows_it() -> bool:
                model = rb.window.queue.model
                row = model.row_of(appeal_id)
                item = model.row(row) if row >= 0 else None
                # the row holds the holder's login and shows their name
                return item is not None and item.appeal.taken_by == login and item.taken_by != ""

            qtbot.waitUntil(b_shows_it, timeout=WAIT_MS)
            assert _service_count(central, appeal_id, Action.TAKE) == 1


def test_stale_version_conflict_is_resolved_in_the_dialog(tmp_path: Path, qtbot: object) -> None:
    """Offline, the operator acts on an appeal someone else changes meanwhile; after the
    reconnect the service refuses the stale version, the console shows both versions, and
    "keep mine" re-applies the command on the current version."""
    with central_thread(tmp_path, appeals=60) as central:
        _untaken_on_service(central, 1, _NOT_YET_IN_WORK)
        proxy = SwitchProxy(central.url)
        try:
            ask = password_filler(qtbot, central)
            with launcher(tmp_path, file_store(tmp_path), ask) as console:
                assert console.start(server=proxy.url)
                running = _running(console)
                qtbot.waitUntil(lambda: running.caught_up, timeout=WAIT_MS)
                target = running.cache.appeals.get(_new_ids(running, 1, _NOT_YET_IN_WORK)[0])
                assert target is not None

                proxy.down()
                bar = running.window.status
                qtbot.waitUntil(lambda: bar.link.text().startswith("Не в сети"), timeout=WAIT_MS)
                assert central.service is not None
                head = service_user(central, "cur_head")  # a colleague changes it meanwhile
                central.service.apply_action(
                    head, target.id, "k-x", "add_note", {"text": "звонили"}, target.version
                )
                _submit(running, [target.id], Command(Action.TAKE_INTO_WORK, {}))
                proxy.up()

                dialogs = running.window.appeal_actions.conflicts.dialogs
                qtbot.waitUntil(lambda: bool(dialogs), timeout=WAIT_MS)
                (dialog,) = dialogs.values()
                dialog.keep_button.click()  # keep mine: sent again on the current version

                def taken_into_work() -> bool:
                    cached = running.cache.appeals.get(target.id)
                    return cached is not None and cached.status is Status.IN_PROGRESS

                qtbot.waitUntil(taken_into_work, timeout=WAIT_MS)
                qtbot.waitUntil(lambda: bar.outbox.text() == "Все действия отправлены")
                assert _service_count(central, target.id, Action.TAKE_INTO_WORK) == 1
        finally:
            proxy.close()
