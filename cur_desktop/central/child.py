"""``cur-central demo`` as a child process: started, waited for, stopped.

The desktop demo (``ui/demo.py``) and the end-to-end tests run the real service in
a subprocess. It tells it is listening by writing a *ready file* (a JSON document
with its URL and, for the demo, the accounts; see :mod:`cur_desktop.central.runner`)
atomically once its socket accepts connections; until then the parent watches the
file and the process, and shows the child's log when it dies before that.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson

from cur_desktop.clock import child_env


class ServiceStartError(RuntimeError):
    """The child service exited, or was not ready in time; the message has its log's end."""


def demo_command(
    *,
    port: int,
    db: Path,
    appeals: int,
    seed: int,
    ready: Path,
    live: bool = True,
    reset: bool = False,
) -> list[str]:
    """The command line of ``cur-central demo`` with this interpreter (or frozen app)."""
    args = [sys.executable, "-m", "cur_desktop.central", "demo", "--port", str(port)]
    args += ["--db", str(db), "--appeals", str(appeals), "--seed", str(seed)]
    args += ["--ready-file", str(ready)]
    if not live:
        args.append("--no-live")
    if reset:
        args.append("--reset")
    return args


def start(
    args: list[str], *, ready: Path, log_path: Path, source_root: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start ``args`` with its output in ``log_path``; a stale ready file is removed first.

    ``source_root`` goes first on ``PYTHONPATH`` (a checkout run without installing).
    A moved clock (``CUR_DESKTOP_CLOCK_START``) is handed on at its current reading.
    """
    ready.unlink(missing_ok=True)
    env = dict(os.environ) | child_env()
    if source_root is not None:
        paths = (str(source_root), env.get("PYTHONPATH"))
        env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    # the service's log names appeals and accounts: readable by this user only
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    if os.name == "posix":
        os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env)  # noqa: S603 - our own program


def wait_ready(
    process: subprocess.Popen[bytes], ready: Path, log_path: Path, timeout: float
) -> dict[str, Any]:
    """The ready file's document once it exists; ServiceStartError if the child dies first."""
    deadline = time.monotonic() + timeout
    while not ready.exists():
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-2000:]
            msg = f"cur-central exited with {process.returncode}:\n{tail}"
            raise ServiceStartError(msg)
        if time.monotonic() > deadline:
            msg = f"cur-central was not ready after {timeout:.0f} s"
            raise ServiceStartError(msg)
        time.sleep(0.05)
    doc: dict[str, Any] = orjson.loads(ready.read_bytes())
    return doc


def stop(process: subprocess.Popen[Any], grace: float = 15.0) -> None:
    """SIGTERM (the service stops cleanly), then SIGKILL after ``grace`` seconds."""
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
