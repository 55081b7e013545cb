"""The demo's live appeals carry numbers people can say on the phone, not hashes."""

from __future__ import annotations

import re

from cur_desktop.central.demo_activity import DemoActivity
from cur_desktop.central.service import CentralService
from cur_desktop.domain.numbers import number_keys


def test_a_live_appeal_has_a_number_of_digits(central_service: CentralService) -> None:
    activity = DemoActivity(central_service, seed=5)
    numbers = [activity.add_appeal().external_id for _ in range(5)]
    for number in numbers:
        assert re.fullmatch(r"[a-z0-9]+-\d{9}", number), number
        # found by its digits alone, the channel's prefix left out
        assert number.split("-", 1)[1] in number_keys(1, number), number
    assert len(set(numbers)) == len(numbers)
