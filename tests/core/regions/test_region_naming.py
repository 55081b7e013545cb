"""Short municipality labels from official names, with the shipped rules."""

from __future__ import annotations

import json

import pytest

from cur_desktop.regions.naming import NamingRules
from cur_desktop.sla.paths import resources_dir


@pytest.fixture(scope="module")
def rules() -> NamingRules:
    path = resources_dir() / "regions" / "seed_regions.json"
    return NamingRules.from_json(json.loads(path.read_text(encoding="utf-8"))["short_names"])


@pytest.mark.parametrize(
    ("name", "kind", "short"),
    [
        ("Муниципальный район Алексеевский", "муниципальный район", "Алексеевский район"),
        ("Муниципальный район Борский район", "муниципальный район", "Борский район"),
        ("Агульский муниципальный район", "муниципальный район", "Агульский район"),
        ("Ковдорский муниципальный округ", "муниципальный округ", "Ковдорский округ"),
        ("Городской округ город Тула", "городской округ", "г. Тула"),
        ("Городской округ город-герой Мурманск", "городской округ", "г. Мурманск"),
        ("Городской округ город Североморск ЗАТО", "городской округ", "г. Североморск"),
        ("Городской округ поселок Видяево ЗАТО", "городской округ", "п. Видяево"),
        (
            "Городской округ рабочий поселок Новогуровский",
            "городской округ",
            "рп Новогуровский",
        ),
        ("Городской округ Самара", "городской округ", "Самара"),
        ("Чебоксарский городской округ", "городской округ", "Чебоксарский г. о."),
        ("Муниципальный округ город Апатиты", "муниципальный округ", "г. Апатиты"),
    ],
)
def test_short_names(rules: NamingRules, name: str, kind: str, short: str) -> None:
    assert rules.short_name(name, kind) == short


def test_a_name_that_is_only_kind_words_keeps_the_name(rules: NamingRules) -> None:
    assert rules.short_name("Городской округ", "городской округ") == "Городской округ"
