"""Request plumbing shared by the HTTP routes: the caller's identity and JSON responses.

Kept apart from the routes so that :mod:`cur_desktop.central.api` and
:mod:`cur_desktop.central.stream` resolve the same dependency (FastAPI reads the
annotations at run time, so they must be importable names, not closures).
"""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from fastapi.responses import Response

from cur_desktop.central.errors import bad_token
from cur_desktop.central.scope import User
from cur_desktop.central.service import CentralService


def json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(data), status, headers, media_type="application/json")


class Auth:
    """The authenticated caller of one request."""

    def __init__(self, user: User, token_id: int) -> None:
        self.user = user
        self.token_id = token_id


def service_of(request: Request) -> CentralService:
    service = request.app.state.service
    assert isinstance(service, CentralService)
    return service


def caller(request: Request) -> Auth:
    """The bearer token's user, or ``401 bad_token``."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise bad_token()
    user, token_id = service_of(request).authenticate(token.strip())
    return Auth(user, token_id)


Caller = Annotated[Auth, Depends(caller)]
