"""«Already reported?» (issue 20): open appeals about the same problem at the same place,
read from a real cache synced from the real service."""

from __future__ import annotations

from pathlib import Path

import pytest

from cur_desktop.cache.queries.nearby import NearbyQuery, known_streets, nearby_open, parse_place
from cur_desktop.domain.numbers import display_number
from tests.support.central import TULA, CentralHandle, central_thread, new_appeal
from tests.support.clock import now
from tests.sync.sync_support import engine_for

PLANTED_TEXT = "Глубокая яма у дома, машины объезжают по встречной."


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=150) as handle:
        yield handle


def test_addresses_are_compared_by_street_and_house() -> None:
    planted = parse_place("г. Тула, ул. Ленина, д. 5")
    for typed in ("Ленина 5", "улица Ленина, дом 5", "Тула, на Ленина, 5", "пр-т Ленина, д.5"):
        place = parse_place(typed)
        assert place.street == planted.street, typed
        assert place.house == "5", typed
    assert parse_place("ул. Мира, 5").street != planted.street
    assert not parse_place("").known


def test_a_planted_appeal_at_the_same_address_is_found_with_other_words(
    central: CentralHandle, tmp_path: Path
) -> None:
    planted = new_appeal(central, "Яма на дороге", PLANTED_TEXT, number="nearby-planted")
    elsewhere = new_appeal(central, "Яма", PLANTED_TEXT, number="nearby-elsewhere")
    assert central.service is not None
    head = central.service  # the same problem on another street must not be offered
    from tests.support.central import head_of_centre

    head.update_appeal(
        elsewhere.id, {"address": "г. Тула, ул. Мира, д. 40"}, actor=head_of_centre(central)
    )
    other_problem = new_appeal(
        central, "Не горят фонари", "Во дворе не горит уличное освещение", number="nearby-light"
    )
    with engine_for(central, tmp_path / "c.sqlite") as engine:
        engine.sync_once()
        query = NearbyQuery(
            text="Звоню по поводу огромной ямы возле пятого дома, уже два колеса пробил",
            address="Ленина 5",
            municipality=TULA,
        )
        found = nearby_open(engine.cache.engine, query, now=now())
        ids = [hit.appeal_id for hit in found]
        assert planted.id in ids
        assert elsewhere.id not in ids
        assert other_problem.id not in ids
        hit = found[ids.index(planted.id)]
        assert hit.same_house
        assert hit.number == display_number(planted.id)  # the number the console shows
        assert "яма" in hit.shared_words  # «ямы» and «яма»: one lemma
        assert hit.me_too == planted.me_too
        # an unrelated text at the same house is not offered
        unrelated = NearbyQuery(text="Хочу узнать про выплату пособия", address="Ленина 5")
        assert planted.id not in [h.appeal_id for h in nearby_open(
            engine.cache.engine, unrelated, now=now())]  # fmt: skip
        # the same street, another house: a similar text is needed, and is enough
        street = NearbyQuery(
            text="Глубокая яма, машины объезжают её по встречной полосе", address="ул. Ленина, 9"
        )
        hits = nearby_open(engine.cache.engine, street, now=now())
        assert planted.id in [h.appeal_id for h in hits]
        assert not next(h for h in hits if h.appeal_id == planted.id).same_house
        assert "ул. Ленина" in known_streets(engine.cache.engine)


def test_a_street_is_found_by_its_lemmas_in_any_case(
    central: CentralHandle, tmp_path: Path
) -> None:
    """«Почтовая» is indexed by its lemma («почтовый»): «на Почтовой» finds it too."""
    from tests.support.central import head_of_centre

    planted = new_appeal(central, "Мусор", "Переполнены мусорные контейнеры", number="nb-post")
    assert central.service is not None
    central.service.update_appeal(
        planted.id, {"address": "г. Тула, ул. Почтовая, д. 9"}, actor=head_of_centre(central)
    )
    with engine_for(central, tmp_path / "c.sqlite") as engine:
        engine.sync_once()
        for address in ("Почтовая 9", "на Почтовой, дом 9", "улица почтовая д.9"):
            query = NearbyQuery(
                text="Мусорные контейнеры переполнены, мусор не вывозят", address=address
            )
            found = nearby_open(engine.cache.engine, query, now=now())
            assert planted.id in [h.appeal_id for h in found], address
