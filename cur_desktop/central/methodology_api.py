"""The route a ЦУР head loads the region's methodology through, from the desk (issue 16).

``POST /api/v1/region/methodology`` with the ``cur-region-methodology`` document as
the body: stored as the newest version (:mod:`cur_desktop.central.methodology`, the
same as ``cur-central region methodology load FILE``), sent with ``GET /region``;
the feed's region version moves with it, so workstations and walls read it at their
next pass. Heads of the ЦУР only; a document the rules refuse is 422
``methodology_refused`` with the reason (English, the console translates the code).
"""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Body
from fastapi.responses import Response

from cur_desktop.central.deps import Caller, json
from cur_desktop.central.errors import ServiceError, bad_request, forbidden_role
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Role

#: A methodology document is small (criteria, targets, sections): anything bigger is not one.
MAX_BYTES = 256 * 1024

#: The refusals of these routes, for the OpenAPI document (central/api.py).
ERRORS: dict[tuple[str, str], dict[int, str]] = {
    ("post", "/api/v1/region/methodology"): {
        400: "bad_request: not a JSON object, or too big",
        403: "forbidden_role: only the head of the ЦУР loads the methodology",
        422: "methodology_refused (reason): the document breaks a rule",
    },
}


def refused(reason: str) -> ServiceError:
    return ServiceError("methodology_refused", 422, reason, reason=reason)


def load(service: CentralService, login: str, role: Role, doc: Any) -> int:
    """Store ``doc`` as the newest version for a head; its version number."""
    from cur_desktop.central.methodology import store_methodology
    from cur_desktop.desk.methodology import MethodologyError

    if role is not Role.CUR_HEAD:
        raise forbidden_role()
    try:
        return store_methodology(service.engine, doc, login, service.clock().timestamp())
    except (MethodologyError, TypeError, ValueError) as exc:
        raise refused(str(exc)) from exc


def _clean(value: Any, where: str) -> None:
    """Refuse what no methodology holds: NUL characters, numbers beyond any weight or
    target (PostgreSQL's text refuses NUL; JSON's integers beyond 64 bits)."""
    if isinstance(value, str) and "\x00" in value:
        raise bad_request(f"{where}: contains a NUL character")
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > 1e12:
        raise bad_request(f"{where}: number out of range")
    if isinstance(value, dict):
        for key, item in value.items():
            _clean(key, where)
            _clean(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _clean(item, f"{where}[{i}]")


def add_methodology_routes(router: APIRouter, service: CentralService) -> None:
    @router.post("/region/methodology")
    def load_methodology(doc: Annotated[dict[str, Any], Body()], who: Caller) -> Response:
        _clean(doc, "methodology")
        try:
            size = len(orjson.dumps(doc))
        except TypeError as exc:  # an integer beyond 64 bits, and the like
            raise bad_request(f"methodology: {exc}") from exc
        if size > MAX_BYTES:
            raise bad_request(f"a methodology is at most {MAX_BYTES} bytes")
        return json({"version": load(service, who.user.login, who.user.role, doc)})
