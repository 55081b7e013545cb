"""Benchmark: the wall left running against a busy service (a soak run), its memory over time.

Starts ``cur-central demo --pace 100`` as a subprocess (a fresh temporary SQLite
database with ``--appeals`` generated appeals, port 0, ready file;
:mod:`cur_desktop.central.child`): the live generator then adds about 25 appeals
and 65 lifecycle steps a second. The demo's ``wall`` account logs in once as
docs/wall.md says (``cur-desktop sync --login … --token-file … --once``, which also
fills the cache), then ``cur-desktop wall --server … --token-file … --cache …
--windowed`` runs offscreen for ``--minutes``.

Every ``--every`` seconds it samples, from ``/proc`` (no psutil in the project):
the wall's RSS, anonymous RSS and USS (private pages, ``smaps_rollup``), threads,
open files and CPU time; the service's RSS; and whether the wall keeps up: its
cache (read-only ``sqlite3``: appeals, highest id, feed cursor, last successful
sync) against the service's database (appeals, highest id, feed head).

Baseline: the wall at minute 1 (after its first sync and first computation); the
figure: the wall at the end. Also the slope of the wall's RSS over the second half
(MB/hour). The demo activity keeps adding appeals, so the wall's data grow all along
(about 25 appeals a second at 100×: its cache and frame double in half an hour) and
memory grows with them. To tell that from a leak, a control runs at the end: a
second, fresh wall on a copy of the soaked wall's cache (the same data), measured
after ``--fresh-seconds``. A soaked wall well above the fresh one on the same data
holds memory the hours of churn left behind; one close to it holds its data.
Both processes are stopped with SIGTERM (killed after a timeout) and the temporary
folder is removed.

The wall runs on three 1920×1080 screens (Qt's offscreen platform with a screens file,
``--screens``) with ``resources/wall/layouts/three-screens.json`` (``--layout``), as a
room would run it. Each window logs every page it shows (``ui.wall.rotation``); from
those lines the run prints each screen's pages with their share of screen time against
their fair share (the page's seconds over its playlist's): the goal is every page at
least half of its fair share whatever alarms the live demo raises (issue 18).

Usage: .venv/bin/python bench/bench_wall_soak.py [--minutes 30] [--pace 100] [--appeals 20000]
       [--screens 3] [--layout FILE]
Ends with one JSON line: name, value, unit, baseline, ratio (+ details).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cur_desktop.central import child  # noqa: E402

MB = 1024 * 1024
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
RECOMPUTED = "wall figures recomputed"
DEFAULT_LAYOUT = ROOT / "resources/wall/layouts/three-screens.json"
# "window left shows page kpi at 1234.5" (ui.wall.rotation, one line per page change)
PAGE_SHOWN = re.compile(r"^window (\S+) shows page (\S+) at ([0-9.]+)$")


@dataclass(frozen=True, slots=True)
class Sample:
    t: float  # seconds since the wall started
    wall_rss: float  # MB
    wall_anon: float  # MB, RssAnon: the heaps (Python objects, Qt, SQLite caches)
    wall_uss: float  # MB, private pages
    wall_cpu: float  # s, user + system
    wall_threads: int
    wall_fds: int
    central_rss: float
    cache_appeals: int
    cache_max_id: int
    cache_cursor: int
    sync_age: float | None  # s since the wall's cache was last at the service's head
    central_appeals: int
    central_max_id: int
    central_head: int


# -- /proc --------------------------------------------------------------------------------


def proc_fields(pid: int, name: str) -> dict[str, int]:
    """``Key: value kB`` lines of ``/proc/PID/<name>`` as bytes (plain counts as they are)."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
        key, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            fields[key] = int(parts[0]) * (1024 if parts[-1] == "kB" else 1)
    return fields


def cpu_seconds(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def rss_mb(pid: int) -> float:
    return proc_fields(pid, "status")["VmRSS"] / MB


# -- the two databases, read-only ------------------------------------------------------------


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)  # noqa: TID251


def cache_figures(path: Path) -> tuple[int, int, int, float | None]:
    """Appeals, highest id, feed cursor, last successful sync (epoch) in the wall's cache."""
    conn = read_only(path)
    try:
        count, top = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM appeals").fetchone()
        state = dict(conn.execute("SELECT key, value FROM sync_state").fetchall())
    finally:
        conn.close()
    last = state.get("sync.last_success")
    return count, top, int(state.get("sync.cursor") or 0), float(last) if last else None


def central_figures(path: Path) -> tuple[int, int, int]:
    """Appeals, highest id and feed head in the service's database."""
    conn = read_only(path)
    try:
        count, top = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM appeals").fetchone()
        (head,) = conn.execute("SELECT coalesce(max(seq), 0) FROM feed").fetchone()
    finally:
        conn.close()
    return count, top, head


def sample(t: float, wall: int, central: int, cache: Path, db: Path) -> Sample:
    status = proc_fields(wall, "status")
    rollup = proc_fields(wall, "smaps_rollup")
    uss = rollup.get("Private_Clean", 0) + rollup.get("Private_Dirty", 0)
    cache_count, cache_top, cursor, last_sync = cache_figures(cache)
    count, top, head = central_figures(db)
    return Sample(
        t=t,
        wall_rss=status["VmRSS"] / MB,
        wall_anon=status.get("RssAnon", 0) / MB,
        wall_uss=uss / MB,
        wall_cpu=cpu_seconds(wall),
        wall_threads=status["Threads"],
        wall_fds=sum(1 for _ in Path(f"/proc/{wall}/fd").iterdir()),
        central_rss=rss_mb(central),
        cache_appeals=cache_count,
        cache_max_id=cache_top,
        cache_cursor=cursor,
        sync_age=None if last_sync is None else time.time() - last_sync,
        central_appeals=count,
        central_max_id=top,
        central_head=head,
    )


# -- processes ------------------------------------------------------------------------------


def screens_file(home: Path, count: int) -> Path:
    """Qt's offscreen platform reports ``count`` 1920×1080 screens side by side, DP-1…"""
    screens = [
        {
            "name": f"DP-{i + 1}",
            "x": 1920 * i,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
        for i in range(count)
    ]
    path = home / "screens.json"
    config = {"synchronousWindowSystemEvents": False, "windowFrameMargins": False}
    path.write_bytes(orjson.dumps({**config, "screens": screens}))
    return path


def gui_env(home: Path, screens: Path | None = None) -> dict[str, str]:
    """The wall and ``cur-desktop sync`` as on a fresh machine: settings under ``home``."""
    platform = "offscreen" if screens is None else f"offscreen:configfile={screens}"
    return {
        **os.environ,
        "QT_QPA_PLATFORM": platform,
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }


def wall_token(url: str, account: dict[str, Any], cache: Path, token: Path, home: Path) -> float:
    """Log the wall account in and fill its cache (docs/wall.md); seconds taken."""
    args = [
        sys.executable, "-m", "ui.main", "--log-level", "WARNING", "sync", "--server", url,
        "--cache", str(cache), "--login", account["login"], "--token-file", str(token), "--once",
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(
        args,
        env={**gui_env(home), "CUR_PASSWORD": account["password"]},
        cwd=ROOT,
        check=False,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise SystemExit(f"cur-desktop sync failed ({done.returncode}):\n{done.stderr[-3000:]}")
    print(f"cur-desktop sync: {done.stdout.strip().splitlines()[-1]}", flush=True)
    return time.perf_counter() - started


def stop_wall(process: subprocess.Popen[bytes], grace: float = 30.0) -> int | None:
    """SIGTERM (the wall stops its threads and quits), SIGKILL after ``grace`` seconds."""
    if process.poll() is not None:
        return process.returncode
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
        return None


def log_lines(path: Path) -> list[dict[str, Any]]:
    lines = []
    for raw in path.read_bytes().splitlines():
        try:
            lines.append(orjson.loads(raw))
        except orjson.JSONDecodeError:
            lines.append({"level": "OUTPUT", "message": raw.decode(errors="replace")})
    return lines


# -- figures --------------------------------------------------------------------------------


def fair_shares(layout: Path) -> dict[str, dict[str, float]]:
    """Window id -> page -> its fair share (its seconds over its playlist's)."""
    doc = orjson.loads(layout.read_bytes())
    default = float(doc.get("settings", {}).get("page_seconds", 30))
    fair: dict[str, dict[str, float]] = {}
    for screen in doc["screens"]:
        items = doc["playlists"][screen["playlist"]]
        seconds = {
            (i if isinstance(i, str) else i["page"]): float(
                default if isinstance(i, str) else i.get("seconds", default)
            )
            for i in items
        }
        total = sum(seconds.values())
        fair[screen["id"]] = {page: v / total for page, v in seconds.items()}
    return fair


def screen_time(events: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Window id -> page -> seconds on screen, from the rotation's page lines (the wall's
    own monotonic clock). Each window's last page, still on screen when the wall was
    stopped, is left out (one page of half an hour)."""
    shown: dict[str, list[tuple[float, str]]] = {}
    for e in events:
        if e.get("logger") != "ui.wall.rotation":
            continue
        match = PAGE_SHOWN.match(str(e.get("message", "")))
        if match:
            window, page, at = match.groups()
            shown.setdefault(window, []).append((float(at), page))
    times: dict[str, dict[str, float]] = {}
    for window, marks in shown.items():
        per_page = times.setdefault(window, {})
        for (at, page), (following, _) in pairwise(marks):
            per_page[page] = per_page.get(page, 0.0) + (following - at)
    return times


def print_shares(
    times: dict[str, dict[str, float]], fair: dict[str, dict[str, float]]
) -> tuple[float, dict[str, dict[str, float]]]:
    """Print each screen's pages (seconds, share, fair share, ratio); the lowest ratio."""
    lowest = float("inf")
    details: dict[str, dict[str, float]] = {}
    for window, pages in fair.items():
        seen = times.get(window, {})
        total = sum(seen.values())
        print(f"screen {window}: {total:.0f} s of page changes logged")
        for page, share_fair in pages.items():
            share = seen.get(page, 0.0) / total if total else 0.0
            ratio = share / share_fair
            lowest = min(lowest, ratio)
            details[f"{window}/{page}"] = {
                "seconds": round(seen.get(page, 0.0), 1),
                "share": round(share, 3),
                "fair": round(share_fair, 3),
                "ratio": round(ratio, 2),
            }
            print(
                f"  {page:8} {seen.get(page, 0.0):7.0f} s  share {share:6.1%}  "
                f"fair {share_fair:6.1%}  ratio {ratio:4.2f}"
            )
    return lowest, details


def slope_per_hour(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) in MB per hour."""
    n = len(points)
    if n < 2:
        return 0.0
    mean_t = sum(t for t, _ in points) / n
    mean_v = sum(v for _, v in points) / n
    var = sum((t - mean_t) ** 2 for t, _ in points)
    cov = sum((t - mean_t) * (v - mean_v) for t, v in points)
    return cov / var * 3600 if var else 0.0


def per_minute(samples: list[Sample]) -> list[Sample]:
    """The first sample at or after each whole minute, and the last one."""
    rows: list[Sample] = []
    for s in samples:
        if not rows or int(s.t // 60) > int(rows[-1].t // 60):
            rows.append(s)
    if samples and rows[-1] is not samples[-1]:
        rows.append(samples[-1])
    return rows


def print_table(samples: list[Sample]) -> None:
    print(
        f"{'min':>5} {'wall RSS':>9} {'anon':>7} {'USS':>7} {'thr':>4} {'fds':>4} "
        f"{'central':>8} {'cache appeals':>14} {'central appeals':>16} {'id lag':>7} "
        f"{'feed lag':>9} {'sync age':>9}"
    )
    for s in per_minute(samples):
        age = "-" if s.sync_age is None else f"{s.sync_age:.1f} s"
        print(
            f"{s.t / 60:5.1f} {s.wall_rss:9.1f} {s.wall_anon:7.1f} {s.wall_uss:7.1f} "
            f"{s.wall_threads:4d} {s.wall_fds:4d} {s.central_rss:8.1f} {s.cache_appeals:14,} "
            f"{s.central_appeals:16,} {s.central_max_id - s.cache_max_id:7,} "
            f"{s.central_head - s.cache_cursor:9,} {age:>9}"
        )


@dataclass(frozen=True, slots=True)
class Fresh:
    """The control: a fresh wall on a copy of the soaked wall's cache."""

    rss: float
    anon: float
    uss: float
    cache_appeals: int
    soaked_rss: float  # the soaked wall, sampled at the same moment
    soaked_anon: float
    soaked_uss: float


def copy_cache(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite cache (the backup API, not a file copy)."""
    src = read_only(source)
    dst = sqlite3.connect(target)  # noqa: TID251
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def fresh_control(
    wall_args: list[str], soaked: int, cache: Path, home: Path, seconds: float, screens: Path
) -> Fresh:
    """Start a second wall on a copy of ``cache``, let it settle ``seconds``, sample both."""
    copy = home / "fresh.sqlite"
    copy_cache(cache, copy)
    fresh_home = home / "fresh-home"
    fresh_home.mkdir()
    args = [*wall_args]
    args[args.index("--cache") + 1] = str(copy)
    with (home / "fresh.log").open("wb") as out:
        process = subprocess.Popen(
            args, stdout=out, stderr=subprocess.STDOUT, env=gui_env(fresh_home, screens), cwd=ROOT
        )
    try:
        time.sleep(seconds)
        if process.poll() is not None:
            raise SystemExit(f"the fresh wall exited with {process.returncode}")
        mine, theirs = proc_fields(process.pid, "status"), proc_fields(soaked, "status")
        mine_roll, theirs_roll = (
            proc_fields(process.pid, "smaps_rollup"),
            proc_fields(soaked, "smaps_rollup"),
        )
        count = cache_figures(copy)[0]
    finally:
        stop_wall(process)

    def uss(roll: dict[str, int]) -> float:
        return (roll.get("Private_Clean", 0) + roll.get("Private_Dirty", 0)) / MB

    return Fresh(
        rss=mine["VmRSS"] / MB,
        anon=mine.get("RssAnon", 0) / MB,
        uss=uss(mine_roll),
        cache_appeals=count,
        soaked_rss=theirs["VmRSS"] / MB,
        soaked_anon=theirs.get("RssAnon", 0) / MB,
        soaked_uss=uss(theirs_roll),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--pace", type=float, default=100.0)
    parser.add_argument("--appeals", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--every", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--keep-logs", type=Path, help="copy the wall's and the service's log here")
    parser.add_argument("--screens", type=int, default=3, help="offscreen 1920×1080 screens")
    parser.add_argument("--layout", type=Path, default=DEFAULT_LAYOUT)
    parser.add_argument(
        "--fresh-seconds",
        type=float,
        default=60.0,
        help="seconds the control (a fresh wall on a copy of the cache) runs before it is measured",
    )
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="bench-wall-soak-")
    home = Path(workdir.name)
    db, ready, cache, token = (
        home / n for n in ("central.sqlite", "ready.json", "wall.sqlite", "wall-token")
    )
    central_log, wall_log = home / "central.log", home / "wall.log"
    command = child.demo_command(port=0, db=db, appeals=args.appeals, seed=args.seed, ready=ready)
    command += ["--pace", f"{args.pace:g}"]
    started = time.perf_counter()
    central = child.start(command, ready=ready, log_path=central_log, source_root=ROOT)
    wall: subprocess.Popen[bytes] | None = None
    samples: list[Sample] = []
    try:
        doc = child.wait_ready(central, ready, central_log, timeout=900)
        url = doc["url"]
        initial, live_since = central_figures(db), time.monotonic()
        print(
            f"central ready in {time.perf_counter() - started:.0f} s ({args.appeals:,} "
            f"appeals, live at {args.pace:g}× pace): {url}",
            flush=True,
        )
        t_sync = wall_token(url, doc["accounts"]["wall"], cache, token, home)
        first = cache_figures(cache)
        print(
            f"wall account logged in, cache filled in {t_sync:.1f} s: {first[0]:,} appeals",
            flush=True,
        )
        wall_args = [
            sys.executable, "-m", "ui.main", "--json-logging", "wall", "--server", url,
            "--token-file", str(token), "--cache", str(cache), "--layout", str(args.layout),
        ]  # fmt: skip
        screens = screens_file(home, args.screens)
        with wall_log.open("wb") as out:
            wall = subprocess.Popen(
                wall_args,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=gui_env(home, screens),
                cwd=ROOT,
            )
        wall_started = time.monotonic()
        end = wall_started + args.minutes * 60
        next_at = wall_started
        while True:
            time.sleep(max(0.0, next_at - time.monotonic()))
            if wall.poll() is not None:
                raise SystemExit(
                    f"the wall exited with {wall.returncode}:\n"
                    f"{wall_log.read_text(errors='replace')[-3000:]}"
                )
            if central.poll() is not None:
                raise SystemExit(f"cur-central exited with {central.returncode}")
            s = sample(time.monotonic() - wall_started, wall.pid, central.pid, cache, db)
            samples.append(s)
            if len(samples) % max(1, round(60 / args.every)) == 1:
                print(
                    f"  {s.t / 60:5.1f} min: wall {s.wall_rss:.1f} MB, cache "
                    f"{s.cache_appeals:,} / central {s.central_appeals:,} appeals",
                    flush=True,
                )
            if time.monotonic() >= end:
                break
            next_at += args.every
        print(
            f"control: a fresh wall on a copy of the cache, measured after "
            f"{args.fresh_seconds:g} s",
            flush=True,
        )
        fresh = fresh_control(wall_args, wall.pid, cache, home, args.fresh_seconds, screens)
    finally:
        live_ended = time.monotonic()
        wall_code = stop_wall(wall) if wall is not None else None
        child.stop(central)
        wall_events = log_lines(wall_log) if wall_log.exists() else []
        central_text = central_log.read_text(errors="replace") if central_log.exists() else ""
        if args.keep_logs is not None:
            args.keep_logs.mkdir(parents=True, exist_ok=True)
            for kept in (wall_log, central_log):
                if kept.exists():
                    shutil.copy(kept, args.keep_logs / kept.name)
        workdir.cleanup()

    recomputed = [e for e in wall_events if str(e.get("message", "")).startswith(RECOMPUTED)]
    problems = [e for e in wall_events if e.get("level") in ("WARNING", "ERROR", "CRITICAL")]
    reloads = sum(1 for e in wall_events if "reloading" in str(e.get("message", "")))
    raised = sum(
        1
        for e in wall_events
        if e.get("logger") == "ui.wall.shell" and str(e.get("message", "")).startswith("alarm ")
    )
    rotation = [
        str(e.get("message", "")) for e in wall_events if e.get("logger") == "ui.wall.rotation"
    ]
    # "window W: N alarm(s) on page P, newest K" when a page comes forward with its
    # coalesced alarms (N of them in one banner)
    forward = [m for m in rotation if " alarm(s) on page " in m]
    shown = len(forward)
    coalesced = sum(int(m.split(": ", 1)[1].split(" ", 1)[0]) for m in forward)
    for e in problems[:10]:
        print(f"wall log {e['level']}: {e['message'][:200]}")
    if not recomputed:
        raise SystemExit("the wall never computed its figures (see its log above)")
    # the baseline: minute 1, once the first sync and the first computation are done
    start = next((s for s in samples if s.t >= 60), samples[-1])
    last = samples[-1]
    half = [(s.t, s.wall_rss) for s in samples if s.t >= last.t / 2]
    slope = slope_per_hour(half)
    peak = max(samples, key=lambda s: s.wall_rss)
    span = last.t - start.t
    print_table(samples)
    lowest, shares = print_shares(screen_time(wall_events), fair_shares(args.layout))
    print(
        f"lowest page share: {lowest:.2f} of its fair share (goal: at least 0.50) on "
        f"{args.screens} screen(s) over {last.t / 60:.1f} min"
    )
    behind = [line for line in central_text.splitlines() if "fell more than" in line]
    for line in (*behind[:2], *behind[2:][-1:]):
        print(f"central log: {line[:200]}")
    # the warnings are rate-limited; the last one counts every time the backlog was dropped
    drops = max(
        (int(m) for m in re.findall(r"\((\d+) time\(s\) so far\)", central_text)), default=0
    )
    created = last.central_max_id - initial[1]
    changes = last.central_head - initial[2]
    live_s = live_ended - live_since
    print(
        f"demo activity: {created:,} appeals created ({created / live_s:.1f}/s, target "
        f"{25 * args.pace / 100:.1f}/s), {changes:,} changes in the feed "
        f"({changes / live_s:.1f}/s)"
    )
    print(
        f"wall RSS: minute {start.t / 60:.1f} {start.wall_rss:.1f} MB -> end {last.wall_rss:.1f}"
        f" MB (peak {peak.wall_rss:.1f} MB at minute {peak.t / 60:.1f}); second half slope "
        f"{slope:+.1f} MB/hour; USS {start.wall_uss:.1f} -> {last.wall_uss:.1f} MB"
    )
    print(
        f"same data ({fresh.cache_appeals:,} appeals): the soaked wall RSS "
        f"{fresh.soaked_rss:.1f} MB (anon {fresh.soaked_anon:.1f}, USS {fresh.soaked_uss:.1f}) "
        f"against a fresh wall {fresh.rss:.1f} MB (anon {fresh.anon:.1f}, USS {fresh.uss:.1f}): "
        f"ratio {fresh.soaked_rss / fresh.rss:.2f}"
    )
    print(
        f"wall CPU {(last.wall_cpu - start.wall_cpu) / max(span, 1e-9) * 100:.0f} % of one core"
        f" after minute 1; exit code {wall_code}; {len(problems)} warnings/errors in its log; "
        f"{reloads} full frame reloads; alarms raised {raised}, pages brought forward {shown} "
        f"times with {coalesced} alarm(s) in their banners; "
        f"the demo activity dropped its backlog {drops} time(s) (over 2 s behind)"
    )
    print(
        orjson.dumps(
            {
                "name": "wall_soak_lowest_page_share",
                "value": round(lowest, 3),
                "unit": "share of the page's fair share of screen time",
                "baseline": 0.5,
                "ratio": round(lowest / 0.5, 3),
                "screens": args.screens,
                "layout": args.layout.name,
                "page_shares": shares,
                "rss_start_mb": round(start.wall_rss, 1),
                "rss_end_mb": round(last.wall_rss, 1),
                "rss_ratio": round(last.wall_rss / start.wall_rss, 3),
                "minutes": round(last.t / 60, 1),
                "pace": args.pace,
                "seeded_appeals": args.appeals,
                "appeals_created": created,
                "appeals_per_s": round(created / live_s, 1),
                "feed_changes_per_s": round(changes / live_s, 1),
                "peak_rss_mb": round(peak.wall_rss, 1),
                "slope_mb_per_hour_second_half": round(slope, 1),
                "anon_slope_mb_per_hour_second_half": round(
                    slope_per_hour([(s.t, s.wall_anon) for s in samples if s.t >= last.t / 2]), 1
                ),
                "uss_start_mb": round(start.wall_uss, 1),
                "uss_end_mb": round(last.wall_uss, 1),
                "anon_start_mb": round(start.wall_anon, 1),
                "anon_end_mb": round(last.wall_anon, 1),
                "threads_start_end": [start.wall_threads, last.wall_threads],
                "fds_start_end": [start.wall_fds, last.wall_fds],
                "central_rss_start_end_mb": [
                    round(start.central_rss, 1),
                    round(last.central_rss, 1),
                ],
                "cache_appeals_end": last.cache_appeals,
                "central_appeals_end": last.central_appeals,
                "cache_lag_ids_end": last.central_max_id - last.cache_max_id,
                "cache_lag_changes_end": last.central_head - last.cache_cursor,
                "sync_age_end_s": None if last.sync_age is None else round(last.sync_age, 1),
                "max_sync_age_s": round(max((s.sync_age or 0) for s in samples), 1),
                "wall_cpu_percent": round((last.wall_cpu - start.wall_cpu) / span * 100, 1)
                if span > 0
                else None,
                "slow_recomputations_logged": max(0, len(recomputed) - 1),
                "frame_full_reloads": reloads,
                "alarms_raised": raised,
                "alarms_shown": shown,
                "alarms_in_forward_banners": coalesced,
                "wall_log_problems": len(problems),
                "demo_activity_backlog_drops": drops,
                "wall_exit_code": wall_code,
                "first_sync_s": round(t_sync, 1),
                "control_appeals": fresh.cache_appeals,
                "control_fresh_rss_mb": round(fresh.rss, 1),
                "control_soaked_rss_mb": round(fresh.soaked_rss, 1),
                "control_fresh_anon_mb": round(fresh.anon, 1),
                "control_soaked_anon_mb": round(fresh.soaked_anon, 1),
                "control_fresh_uss_mb": round(fresh.uss, 1),
                "control_soaked_uss_mb": round(fresh.soaked_uss, 1),
                "control_ratio_rss": round(fresh.soaked_rss / fresh.rss, 3),
            }
        ).decode()
    )


if __name__ == "__main__":
    main()
