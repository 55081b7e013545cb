"""Two service processes on one PostgreSQL: a commit in either reaches streams of both.

Each ``cur-central serve`` process LISTENs on ``cur_feed``; every writing
transaction sends NOTIFY. A workstation connected to process B must hear about a
change made through process A — and about one made by a third writer (here, this
test process writing directly through the service layer) — within a second.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import orjson
import pytest

from cur_desktop.central import auth
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.demo import seed_demo
from cur_desktop.central.scope import User
from cur_desktop.domain.enums import Role, Status
from cur_desktop.regions import builtin_pack_dir
from tests.support.clock import GENERATED_AT
from tests.support.postgres import temp_database
from tests.support.sse import StreamReader

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "fan-out-password"


def start_serve(url: str, ready: Path, log: Path) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "cur_desktop.central", "serve", "--db", url, "--port", "0"]
    args += ["--ready-file", str(ready)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with log.open("wb") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO)


def wait_ready(process: subprocess.Popen[bytes], ready: Path, log: Path) -> str:
    deadline = time.monotonic() + 60
    while not ready.exists():
        if process.poll() is not None:
            pytest.fail(f"cur-central serve exited: {log.read_text(errors='replace')}")
        assert time.monotonic() < deadline, "cur-central serve did not start"
        time.sleep(0.05)  # polling a child's ready file, with a deadline above
    url: str = orjson.loads(ready.read_bytes())["url"]
    # the LISTEN connection is opened at start-up; the first stream event proves it is live
    return url


@pytest.fixture
def two_processes(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    with temp_database("cur_fan") as url:
        service = open_service(url, pack=builtin_pack_dir(), migrate=True)
        seed_demo(service, 40, seed=9, now=GENERATED_AT)
        auth.add_user(service.engine, "fan", "Fan", Role.OPERATOR, PASSWORD)
        service.engine.dispose()
        processes = []
        try:
            for name in ("a", "b"):
                ready, log = tmp_path / f"{name}.json", tmp_path / f"{name}.log"
                processes.append((start_serve(url, ready, log), ready, log))
            urls = [wait_ready(p, r, lg) for p, r, lg in processes]
            yield url, urls
        finally:
            for process, _, _ in processes:
                process.terminate()
            for process, _, _ in processes:
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    process.kill()


def token(base: str) -> str:
    response = httpx.post(
        f"{base}/api/v1/auth/token", json={"login": "fan", "password": PASSWORD, "workstation": "t"}
    )
    response.raise_for_status()
    return str(response.json()["token"])


@pytest.mark.slow
def test_a_commit_in_one_process_reaches_streams_of_the_other(
    two_processes: tuple[str, list[str]],
) -> None:
    db_url, (a, b) = two_processes
    with ExitStack() as stack:
        streams = {
            base: stack.enter_context(StreamReader(f"{base}/api/v1/stream", token(base)))
            for base in (a, b)
        }
        for stream in streams.values():
            stream.next_change(5)  # the greeting: the stream is live
        client_a = stack.enter_context(
            httpx.Client(base_url=f"{a}/api/v1", headers={"Authorization": f"Bearer {token(a)}"})
        )
        appeal_id = client_a.get("/changes", params={"limit": 1}).json()["changes"][0]["id"]
        for n in range(3):
            started = time.monotonic()
            seq = client_a.post(
                f"/appeals/{appeal_id}/actions",
                json={"key": f"fan-{n}", "action": "add_note", "params": {"text": "x"}},
            ).json()["seq"]
            arrived, head = streams[b].next_change(2)
            while head < seq:
                arrived, head = streams[b].next_change(2)
            assert head == seq
            assert arrived - started < 1.0

        # a third writer (this process) commits: both service processes hear of it
        writer = open_service(db_url)
        try:
            target = writer.appeal_ids([Status.IN_PROGRESS, Status.ROUTED, Status.NEW])[0]
            started = time.monotonic()
            outcome = writer.apply_action(
                User(99, "bot", "Bot", Role.OPERATOR),
                target,
                "third",
                "add_note",
                {"text": "y"},
                None,
            )
        finally:
            writer.engine.dispose()
        for base in (a, b):
            arrived, head = streams[base].next_change(2)
            while head < outcome.seq:
                arrived, head = streams[base].next_change(2)
            assert arrived - started < 1.0, base
