"""The demo activity's pace: ``cur-central demo --pace X`` runs the generator X times faster."""

from __future__ import annotations

import time

import pytest

from cur_desktop.central.cli import build_parser
from cur_desktop.central.demo_activity import DemoActivity
from cur_desktop.central.service import CentralService
from tests.support.clock import wait_until


def test_pace_scales_the_appeals_created_in_the_same_window(
    central_service: CentralService,
) -> None:
    # Default intervals: at pace 1 the n-th new appeal is due 2n s after the start at the
    # earliest; at pace 50 one arrives every 0.04-0.12 s. Both run side by side against
    # the same SQLite file until the fast one has made four of each kind, however long a
    # loaded machine takes: the slow one cannot have made more than the elapsed time
    # allows it.
    slow = DemoActivity(central_service, seed=21)
    fast = DemoActivity(central_service, seed=22, pace=50)
    start = central_service.head()
    began = time.monotonic()
    slow.start()
    fast.start()
    # steps are paced too (default 0.5-2.5 s, here 0.01-0.05 s)
    wait_until(lambda: fast.created >= 4 and fast.steps >= 4, what="four of each at pace 50")
    fast.stop()
    slow.stop()
    elapsed = time.monotonic() - began
    assert not fast.running
    assert not slow.running
    assert slow.created <= elapsed // 2.0  # none at all when it took under 2 s
    assert central_service.head() - start == fast.created + fast.steps + slow.steps


def test_pace_must_be_positive(central_service: CentralService) -> None:
    for pace in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError, match="pace"):
            DemoActivity(central_service, pace=pace)


@pytest.mark.parametrize("given", ["0", "-2", "nan", "inf", "fast"])
def test_the_demo_command_refuses_a_pace_that_is_not_a_positive_number(
    given: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as usage:
        build_parser().parse_args(["demo", "--pace", given])
    assert usage.value.code == 2
    assert "--pace" in capsys.readouterr().err


def test_the_demo_command_takes_a_pace() -> None:
    assert build_parser().parse_args(["demo"]).pace == 1.0
    assert build_parser().parse_args(["demo", "--pace", "100"]).pace == 100.0
    assert build_parser().parse_args(["demo", "--pace", "0.5"]).pace == 0.5
