"""Categories and answer templates edited in the app reach every workstation and the wall.

A block head edits the region's dictionaries through the real service on 127.0.0.1
(``POST /region/dictionaries``, as the console's editors do); the service keeps every
version, refuses what breaks the region's rules, validates appeals by the new
version at once; a second workstation and a wall that were already following the
feed pick the new version up at their next pull (real SQLite caches), and a
restarted service keeps it in force.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from cur_desktop.cache import Cache
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.region_dictionaries import edit
from cur_desktop.domain.dictionaries_io import dictionaries_from_json
from cur_desktop.regions.pack import builtin_pack_dir, load_pack
from cur_desktop.sync.client import CentralClient
from cur_desktop.sync.errors import Refused, StaleVersion
from cur_desktop.sync.region_docs import REGION_VERSION, with_synced_dictionaries
from tests.support.central import CentralHandle, central_thread, new_appeal
from tests.support.clock import wait_until
from tests.sync.sync_support import engine_for


def _client(central: CentralHandle, who: str) -> CentralClient:
    client = CentralClient(central.url)
    account = central.accounts[who]
    client.login(account.login, account.password, "editor-ws")
    return client


def _synced(cache_path: Path) -> tuple[str | None, dict[str, str], dict[str, str]]:
    with Cache.open(cache_path) as cache:
        doc = cache.load_dictionaries()
        version = cache.get_state(REGION_VERSION)
    assert doc is not None
    d = dictionaries_from_json(doc)
    return version, {c.code: c.name for c in d.categories}, {t.code: t.text for t in d.templates}


def test_an_edit_in_the_app_reaches_a_workstation_and_a_wall(tmp_path: Path) -> None:
    with central_thread(tmp_path, appeals=40) as central:
        service = central.service
        assert service is not None
        head = _client(central, "theme_head")
        theme = head.me()["user"]["scope"]["themes"][0]
        ws_path, wall_path = tmp_path / "ws2.sqlite", tmp_path / "wall.sqlite"
        with (
            engine_for(central, ws_path, "operator") as ws,
            engine_for(central, wall_path, "wall") as wall,
        ):
            ws.sync_once()
            wall.sync_once()
            version, cats, _ = _synced(ws_path)
            assert version == "0"
            region = head.region()
            assert region["dictionaries_version"] == 0
            other = f"{theme}.other"
            renamed = next(
                c["code"]
                for c in region["dictionaries"]["categories"]
                if c["theme"] == theme and not c.get("parent") and c["code"] != other
            )

            answer = head.edit_dictionaries(
                0,
                [
                    {
                        "op": "add_category",
                        "theme": theme,
                        "name": "Нет воды на улице",
                        "keywords": ["вода"],
                        "targets": {"monthly_max": 5},
                    },
                    {"op": "rename_category", "code": renamed, "name": "Новое имя категории"},
                    {
                        "op": "put_template",
                        "code": f"{theme}.water",
                        "title": "Вода подана",
                        "text": "Уважаемый(ая) {author_name}! По обращению № {number} "
                        "водоснабжение по адресу {address} восстановлено.",
                        "themes": [theme],
                    },
                ],
            )
            assert answer["version"] == 1
            assert answer["changed_by"] == central.accounts["theme_head"].login
            new_code = f"{theme}.r1"
            assert answer["created"] == [new_code]

            # the service validates appeals by the new version at once
            appeal = new_appeal(central, "Нет воды", "Третий день нет воды в доме.")
            appeal_id = appeal.id
            operator = central.client("operator")
            sent = operator.post(
                f"/appeals/{appeal_id}/actions",
                json={
                    "key": "cat-new-1",
                    "action": "categorise",
                    "params": {"theme": theme, "category": new_code},
                    "base_version": appeal.version,
                },
            )
            assert sent.status_code == 200, sent.text

            # the workstation and the wall, already following, get it with their next pull
            ws.sync_once()
            wall.sync_once()
            for path in (ws_path, wall_path):
                version, cats, templates = _synced(path)
                assert version == "1"
                assert cats[new_code] == "Нет воды на улице"
                assert cats[renamed] == "Новое имя категории"
                assert "{address}" in templates[f"{theme}.water"]
            with Cache.open(ws_path) as cache:
                stored = cache.appeals.get(appeal_id)
                assert stored is not None
                assert stored.category == new_code
            # what the wall's start (ui/wall/app.py: load_context) reads over its pack
            pack = load_pack(builtin_pack_dir())
            wall_dicts = with_synced_dictionaries(pack.dictionaries, wall_path)
            found = wall_dicts.category(new_code)
            assert found is not None
            assert found.target("monthly_max") == 5.0
            wall_renamed = wall_dicts.category(renamed)
            assert wall_renamed is not None
            assert wall_renamed.name == "Новое имя категории"
        head.close()

        centre = _client(central, "cur_head")
        versions = centre.dictionary_versions()
        centre.close()
        assert [v["version"] for v in versions] == [1]
        assert "added" in versions[0]["note"]
        assert "renamed" in versions[0]["note"]
    restarted = open_service(central.db_path)
    try:
        assert restarted.region.dictionaries_version == 1
        assert restarted.region.dicts.category(new_code) is not None
    finally:
        restarted.engine.dispose()


def test_the_service_refuses_what_breaks_the_rules(tmp_path: Path) -> None:
    with central_thread(tmp_path, appeals=0) as central:
        head = _client(central, "theme_head")
        theme = head.me()["user"]["scope"]["themes"][0]
        categories = head.region()["dictionaries"]["categories"]
        mine = [c for c in categories if c["theme"] == theme]
        subs = [c["code"] for c in mine if c.get("parent")]
        tops = [c["code"] for c in mine if not c.get("parent")]
        leaves = [c for c in tops if c not in {s.get("parent") for s in mine}]
        # removing all but two categories: refused, nothing stored
        removal = [{"op": "remove_category", "code": c} for c in [*subs, *tops[2:]]]
        with pytest.raises(Refused) as refused:
            head.edit_dictionaries(0, removal)
        assert refused.value.code == "dictionary_refused"
        assert "at least 3" in refused.value.reason
        # a parent before its subcategories: refused too
        parent = next(c for c in tops if c not in leaves)
        with pytest.raises(Refused) as refused:
            head.edit_dictionaries(0, [{"op": "remove_category", "code": parent}])
        assert "subcategories" in refused.value.reason
        # a template with a placeholder nobody fills, or a stray brace
        for text in ("Обращение № {nomer} рассмотрено.", "Обращение № {number рассмотрено."):
            with pytest.raises(Refused) as refused:
                head.edit_dictionaries(
                    0,
                    [
                        {
                            "op": "put_template",
                            "code": "x",
                            "title": "x",
                            "text": text,
                            "themes": [theme],
                        }
                    ],
                )
            assert "placeholder" in refused.value.reason or "brace" in refused.value.reason
        # keywords that are not a list of texts
        with pytest.raises(Refused) as refused:
            head.edit_dictionaries(
                0, [{"op": "add_category", "theme": theme, "name": "X", "keywords": "вода"}]
            )
        assert "keywords" in refused.value.reason
        # another block's theme, and an operator: not theirs to edit
        other_theme = next(
            t["code"] for t in head.region()["dictionaries"]["themes"] if t["code"] != theme
        )
        with pytest.raises(Refused) as refused:
            head.edit_dictionaries(0, [{"op": "add_category", "theme": other_theme, "name": "X"}])
        assert refused.value.code == "forbidden_role"
        operator = _client(central, "operator")
        with pytest.raises(Refused) as refused:
            operator.edit_dictionaries(0, [{"op": "add_category", "theme": theme, "name": "X"}])
        assert refused.value.code == "forbidden_role"
        # one edit stored; an edit made on the version before is stale
        removable = next(c for c in leaves if c != f"{theme}.other")
        head.edit_dictionaries(0, [{"op": "remove_category", "code": removable}])
        with pytest.raises(StaleVersion) as stale:
            head.edit_dictionaries(0, [{"op": "add_category", "theme": theme, "name": "Y"}])
        assert stale.value.current == {"version": 1}
        assert [v["version"] for v in head.dictionary_versions()] == [1]
        head.close()
        operator.close()


def test_a_following_wall_gets_an_edit_in_a_quiet_room(tmp_path: Path) -> None:
    """No appeal moves: the live loop's quiet look brings the new dictionaries anyway."""
    with central_thread(tmp_path, appeals=10) as central:
        service = central.service
        assert service is not None
        wall_path = tmp_path / "wall.sqlite"
        with engine_for(central, wall_path, "wall") as wall:
            wall.live_wait_s = 0.3
            result: list[object] = []
            worker = threading.Thread(target=lambda: result.append(wall.follow()))
            worker.start()
            try:
                wait_until(
                    lambda: wall.cache.get_state(REGION_VERSION) == "0",
                    timeout=30,
                    what="the wall connected",
                )
                head = service.authenticate(central.login("cur_head"))[0]
                edit(service, head, 0, [{"op": "add_category", "theme": "roads", "name": "Z"}])
                wait_until(
                    lambda: wall.cache.get_state(REGION_VERSION) == "1",
                    timeout=30,
                    what="the edit reached the following wall",
                )
            finally:
                wall.cancel()
                worker.join(30)
            assert not worker.is_alive()
        version, cats, _ = _synced(wall_path)
        assert version == "1"
        assert cats["roads.r1"] == "Z"
