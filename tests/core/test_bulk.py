"""The cycle collector's pause around bulk builds (cur_desktop.bulk)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from cur_desktop.bulk import collector_paused


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_paused_inside_and_resumed_after() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_nested_pause_does_not_resume_the_outer_one() -> None:
    gc.enable()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_off_before_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_an_exception_still_resumes_it() -> None:
    gc.enable()
    with pytest.raises(ValueError, match="boom"), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_as_a_decorator() -> None:
    gc.enable()

    @collector_paused()
    def build() -> bool:
        return gc.isenabled()

    assert build() is False
    assert gc.isenabled()


def test_overlapping_pauses_in_two_threads_resume_once_both_end() -> None:
    gc.enable()
    inside = threading.Barrier(2)
    first_done = threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with collector_paused():
            inside.wait()
        first_done.set()

    worker = threading.Thread(target=first)
    worker.start()
    with collector_paused():
        inside.wait()
        assert first_done.wait(10)
        seen.append(gc.isenabled())  # the other thread's pause ended, this one has not
    worker.join(10)
    assert seen == [False]
    assert gc.isenabled()
