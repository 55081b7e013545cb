"""Routes of the region's dictionaries edited in the app (issue 17).

``POST /api/v1/region/dictionaries``: a head's edit (operations on categories and
answer templates, made on a version) stored as the newest version;
``GET /api/v1/region/dictionaries/versions``: who changed what, when. The work is
:mod:`cur_desktop.central.region_dictionaries`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from cur_desktop.central import region_dictionaries as rd
from cur_desktop.central.deps import Caller, json
from cur_desktop.central.errors import forbidden_role
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Role

#: The refusals of these routes, for the OpenAPI document (central/api.py).
ERRORS: dict[tuple[str, str], dict[int, str]] = {
    ("post", "/api/v1/region/dictionaries"): {
        400: "bad_request",
        403: "forbidden_role: not a head, or a theme outside a block head's scope",
        409: "stale_version (with current): the dictionaries changed since base_version",
        422: "dictionary_refused (reason, params): the edit breaks a rule",
    },
    ("get", "/api/v1/region/dictionaries/versions"): {
        400: "bad_request",
        403: "forbidden_role",
    },
}


class DictionaryEdit(BaseModel):
    base_version: int = Field(ge=0, le=2**31 - 1, strict=True)
    ops: list[dict[str, Any]] = Field(min_length=1, max_length=500)


def _clean(value: Any, where: str) -> None:
    """Refuse what no dictionary may hold: NUL characters, numbers beyond any target."""
    if isinstance(value, str) and "\x00" in value:
        raise rd.refused(f"{where}: contains a NUL character")
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > 1e12:
        raise rd.refused(f"{where}: number out of range")
    if isinstance(value, dict):
        for key, item in value.items():
            _clean(key, where)
            _clean(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _clean(item, f"{where}[{i}]")


def add_dictionary_routes(router: APIRouter, service: CentralService) -> None:
    @router.post("/region/dictionaries")
    def edit_dictionaries(body: DictionaryEdit, who: Caller) -> Response:
        _clean(body.ops, "ops")
        version = rd.edit(service, who.user, body.base_version, body.ops)
        return json(version.to_wire())

    @router.get("/region/dictionaries/versions")
    def dictionary_versions(
        who: Caller, limit: int = Query(default=100, ge=1, le=1000)
    ) -> Response:
        if who.user.role is Role.WALL:
            raise forbidden_role()
        return json({"versions": [v.to_wire() for v in rd.versions(service.engine, limit)]})
