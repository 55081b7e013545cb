"""The HTTP face of the central service (FastAPI): every route of ``docs/sync-protocol.md``.

Thin on purpose: each route parses its input, calls one
:class:`~cur_desktop.central.service.CentralService` method and encodes the
result with orjson. Every refusal is ``{"error": code, …}`` with its status;
malformed input is ``400 bad_request``; an unexpected failure is logged and
answered ``500 {"error": "internal"}`` — a client never sees a stack trace.

Routes that touch the database are plain ``def`` functions, which FastAPI runs in
its thread pool; only the live stream (:mod:`cur_desktop.central.stream`) lives in
the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated

import orjson
from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import AfterValidator, BaseModel, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cur_desktop import __version__
from cur_desktop.central import feed, reads
from cur_desktop.central.auth import ThrottledAddresses
from cur_desktop.central.db import is_postgres, libpq_url
from cur_desktop.central.deps import Caller, json
from cur_desktop.central.errors import ServiceError, forbidden_role, not_found
from cur_desktop.central.notify import PgListener
from cur_desktop.central.service import CentralService
from cur_desktop.domain.appeal import JsonScalar
from cur_desktop.domain.enums import Role

log = logging.getLogger(__name__)

MIN_CLIENT_VERSION = "0.1.0"
PURGE_EVERY_S = 600.0
#: Level 1 took 0.35x the time of level 5 on a 5,000-appeal snapshot page (11.5 MB of
#: JSON) for 1.38x the bytes (25 % of the JSON instead of 18 %): the page is ready sooner
#: on any link faster than ~10 Mbit/s (issue 19; PERFORMANCE.md: 15-16 % of a page's
#: service time went to level 5).
GZIP_LEVEL = 1
#: Largest id, cursor or version a request may carry: a signed 64-bit integer, what
#: SQLite and PostgreSQL (BIGINT) store. A larger one is malformed input (400), not a
#: database error (500).
MAX_INT = 2**63 - 1
#: An id in a path or query.
Id = Annotated[int, Path(ge=1, le=MAX_INT)]
#: Largest request body. Every request is a small JSON object (an action with an answer
#: of tens of thousands of characters is well under it); a larger one is refused with
#: ``413 too_large`` before it is read into memory.
MAX_BODY_BYTES = 1024 * 1024
#: The mark of the position a ``/changes`` page ends at (central/feed.py, identity).
MARK_HEADER = "X-Feed-Mark"
#: The dictionaries version in force (central/region_dictionaries.py), on ``/changes``.
REGION_HEADER = "X-Region-Version"


def _no_nul(value: str) -> str:
    # PostgreSQL cannot store or even compare text holding NUL: the query would fail (500)
    if "\x00" in value:
        msg = "must not contain a NUL character"
        raise ValueError(msg)
    return value


#: Request text that reaches the database.
Text = Annotated[str, AfterValidator(_no_nul)]


class TokenRequest(BaseModel):
    login: Text = Field(max_length=100)
    password: Text = Field(max_length=1000)
    workstation: Text = Field(default="", max_length=200)


class SnapshotRequest(BaseModel):
    # strict: a boolean is not a number of days (false must not mean 0)
    closed_window_days: float = Field(default=90, ge=0, le=3660, strict=True)


class RegisterRequest(BaseModel):
    """``POST /appeals``: an appeal registered by hand (central/registration.py)."""

    key: Text = Field(min_length=1, max_length=100)
    params: dict[str, JsonScalar] = Field(default_factory=dict)


class ActionRequest(BaseModel):
    key: Text = Field(min_length=1, max_length=100)
    action: Text = Field(max_length=40)
    params: dict[str, JsonScalar] = Field(default_factory=dict)
    base_version: int | None = Field(default=None, strict=True)  # true is not version 1

    @field_validator("params")
    @classmethod
    def _integers_in_range(cls, params: dict[str, JsonScalar]) -> dict[str, JsonScalar]:
        for name, value in params.items():
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
                msg = f"parameter {name!r} is out of range"
                raise ValueError(msg)
        return params


def create_app(
    service: CentralService,
    *,
    demo: bool = False,
    on_ready: Callable[[], None] | None = None,
    stream_ping_every: float = 15.0,
    latest_client_version: str = __version__,
) -> FastAPI:
    """The ASGI application serving ``service`` (``on_ready`` is called once it starts).

    ``latest_client_version`` is the workstation build the region rolls out: clients
    older than it tell their operator (an update notice), clients older than
    ``MIN_CLIENT_VERSION`` are refused at sign-in.
    """

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        service.hub.bind(asyncio.get_running_loop())
        listener = None
        if is_postgres(service.engine):
            listener = PgListener(libpq_url(service.engine), service.hub)
            listener.start()
        purger = asyncio.create_task(_purge_forever(service))
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            service.hub.close()
            purger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purger
            if listener is not None:
                await asyncio.to_thread(listener.stop)

    app = FastAPI(
        title="cur-central",
        version=__version__,
        description="Central service of a Regional Management Centre (docs/sync-protocol.md)",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = service
    _install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    # outermost: a flooding address is refused before anything else runs (central/auth.py)
    app.add_middleware(ThrottledAddresses, guard=service.login_guard)
    api = APIRouter(prefix="/api/v1")

    @api.post("/auth/token")
    async def auth_token(body: TokenRequest, request: Request) -> Response:
        # async: a throttled attempt is refused in the loop, and one waiting for a
        # password-hashing slot waits as a coroutine, never in a worker thread
        address = request.client.host if request.client is not None else ""
        token, user = await service.login_async(
            body.login, body.password, body.workstation, address
        )
        return json({"token": token, "user": user.to_wire()})

    @api.post("/auth/revoke")
    def auth_revoke(who: Caller) -> Response:
        service.revoke_token(who.token_id)
        return json({"revoked": True})

    @api.post("/admin/tokens/{token_id}/revoke")
    def admin_revoke(token_id: Id, who: Caller) -> Response:
        if who.user.role is not Role.CUR_HEAD:
            raise forbidden_role()
        if not service.revoke_token(token_id):
            raise not_found()
        return json({"revoked": True})

    @api.get("/me")
    def me(who: Caller) -> Response:
        return json(
            {
                "user": who.user.to_wire(),
                "server_version": __version__,
                "min_client_version": MIN_CLIENT_VERSION,
                "latest_client_version": latest_client_version,
                "demo": demo,
            }
        )

    @api.get("/region")
    def region(who: Caller) -> Response:
        # staff names by login ("people"): the consoles show names, not logins
        names = reads.people(service.engine)
        # the region's methodology in force (issue 16): ratings, targets, report sections
        from cur_desktop.central.methodology import current_methodology

        # the dictionaries as edited in the app, perhaps by another process (issue 17)
        from cur_desktop.central.region_dictionaries import refresh

        refresh(service)
        wire = {**service.region.to_wire(), "people": {"names": names}}
        return json({**wire, "methodology": current_methodology(service.engine)})

    @api.get("/region/boundaries")
    def boundaries(request: Request, who: Caller) -> Response:
        r = service.region
        if r.boundaries is None or r.boundaries_etag is None:
            raise not_found()
        etag = f'"{r.boundaries_etag}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        return Response(r.boundaries, media_type="application/geo+json", headers={"ETag": etag})

    @api.get("/changes")
    def changes(
        who: Caller,
        after: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_INT)] = reads.MAX_CHANGES,
        mark: Annotated[str | None, Query(max_length=64, pattern=r"^[0-9a-f]*$")] = None,
    ) -> Response:
        from cur_desktop.central.methodology import region_version

        # the feed's identity (central/feed.py): a restored database is never read on
        feed.check_mark(service.engine, after, mark)
        page = service.changes(who.user, after, limit)
        headers = {
            MARK_HEADER: feed.mark_for(service.engine, page.last),
            # the dictionaries version in force: a client fetches /region when it moves
            # (and the methodology's, issue 16: a loaded one reaches running workstations)
            REGION_HEADER: region_version(service.engine, service.region.dictionaries_version),
        }
        return json(page.to_wire(), headers=headers)

    @api.post("/snapshot")
    def snapshot(who: Caller, body: SnapshotRequest | None = None) -> Response:
        days = body.closed_window_days if body is not None else 90
        return json(service.start_snapshot(who.user, days).to_wire())

    @api.get("/snapshot/{snapshot_id}/pages")
    def snapshot_pages(
        request: Request,
        snapshot_id: Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")],
        who: Caller,
        after_id: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_INT)] = reads.MAX_PAGE,
    ) -> Response:
        body = orjson.dumps(service.snapshot_page_wire(who.user, snapshot_id, after_id, limit))
        headers = {"Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", "").lower():
            body = gzip.compress(body, compresslevel=GZIP_LEVEL)
            headers["Content-Encoding"] = "gzip"
        return Response(body, media_type="application/json", headers=headers)

    @api.post("/appeals/{appeal_id}/actions")
    def action(appeal_id: Id, body: ActionRequest, who: Caller) -> Response:
        _check_texts(body.params)
        outcome = service.apply_action(
            who.user, appeal_id, body.key, body.action, body.params, body.base_version
        )
        return json(outcome.to_wire())

    @api.post("/appeals")
    def register(body: RegisterRequest, who: Caller) -> Response:
        _check_texts(body.params)
        return json(service.register_appeal(who.user, body.key, body.params).to_wire())

    @api.get("/appeals/{appeal_id}")
    def appeal(appeal_id: Id, who: Caller) -> Response:
        return json(service.get_appeal(who.user, appeal_id).to_wire())

    @api.get("/appeals")
    def closed(
        who: Caller,
        closed_before: Annotated[float, Query()],
        after_id: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_INT)] = 1000,
    ) -> Response:
        return json(service.closed_appeals(who.user, closed_before, after_id, limit).to_wire())

    from cur_desktop.central.stream import add_stream_route

    add_stream_route(api, service, ping_every=stream_ping_every)
    from cur_desktop.central.dictionaries_api import ERRORS, add_dictionary_routes

    add_dictionary_routes(api, service)
    _ERRORS.update(ERRORS)
    from cur_desktop.central.methodology_api import ERRORS as METHODOLOGY_ERRORS
    from cur_desktop.central.methodology_api import add_methodology_routes

    add_methodology_routes(api, service)  # a head loads the methodology from the desk
    _ERRORS.update(METHODOLOGY_ERRORS)
    app.include_router(api)
    _document_errors(app)
    return app


class ErrorBody(BaseModel):
    """Every refusal: ``{"error": code, …}`` (docs/sync-protocol.md, Errors)."""

    model_config = {"extra": "allow"}
    error: str
    detail: str | list[dict[str, object]] | None = None
    reason: str | None = None


#: The refusals each route can answer, besides 200 (401 bad_token for every route
#: that needs a token; 413 too_large for every POST). Kept next to the routes: the
#: OpenAPI document is checked against the running service (tests: schemathesis).
_ERRORS: dict[tuple[str, str], dict[int, str]] = {
    ("post", "/api/v1/auth/token"): {
        400: "bad_request; or not Unicode",
        401: "bad_credentials",
        429: "too_many_attempts (Retry-After)",
    },
    ("post", "/api/v1/auth/revoke"): {},
    ("post", "/api/v1/admin/tokens/{token_id}/revoke"): {
        400: "bad_request",
        403: "forbidden_role",
        404: "not_found: no such live token",
    },
    ("get", "/api/v1/me"): {},
    ("get", "/api/v1/region"): {},
    ("get", "/api/v1/region/boundaries"): {404: "not_found: the region has no boundaries"},
    ("get", "/api/v1/changes"): {
        400: "bad_request",
        409: "feed_changed: the feed at `after` is not the one the client read",
    },
    ("post", "/api/v1/snapshot"): {400: "bad_request"},
    ("get", "/api/v1/snapshot/{snapshot_id}/pages"): {
        400: "bad_request",
        404: "not_found: no such snapshot of this user",
        410: "snapshot_expired",
    },
    ("post", "/api/v1/appeals/{appeal_id}/actions"): {
        400: "bad_request",
        403: "out_of_scope | forbidden_role",
        404: "not_found",
        409: "stale_version (with current)",
        422: "the lifecycle refuses (reason, params)",
    },
    ("post", "/api/v1/appeals"): {
        400: "bad_request",
        403: "out_of_scope | forbidden_role",
        422: "invalid or missing parameter",
    },
    ("get", "/api/v1/appeals/{appeal_id}"): {
        400: "bad_request",
        404: "not_found: no such appeal in the caller's scope",
    },
    ("get", "/api/v1/appeals"): {400: "bad_request"},
    ("get", "/api/v1/stream"): {},
}


def _document_errors(app: FastAPI) -> None:
    """Every response each route can give, with the error body, in ``/openapi.json``."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict[str, object]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        doc = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        schemas["ErrorBody"] = ErrorBody.model_json_schema()
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)  # validation failures are 400 bad_request here
        ref = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
        }
        for path, methods in doc.get("paths", {}).items():
            for method, operation in methods.items():
                responses = operation.setdefault("responses", {})
                responses.pop("422", None)
                errors = dict(_ERRORS.get((method, path), {400: "bad_request"}))
                errors.setdefault(400, "bad_request")  # malformed input, anywhere
                if path.startswith("/api/v1/") and path != "/api/v1/auth/token":
                    errors[401] = "bad_token"
                if method == "post":
                    errors[413] = "too_large"
                if path == "/api/v1/region/boundaries":
                    responses["304"] = {"description": "not modified (If-None-Match)"}
                for status, text in sorted(errors.items()):
                    responses[str(status)] = {"description": text, **ref}
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]


def _check_texts(params: dict[str, JsonScalar]) -> None:
    """A text parameter the database cannot store is refused like any invalid value (422).

    422 ``invalid_param`` rather than 400: the workstation settles the command as refused
    and tells the operator, instead of retrying a command that can never succeed.
    """
    for name, value in params.items():
        if isinstance(value, str) and "\x00" in value:
            raise ServiceError(
                "invalid_param",
                422,
                f"{name} contains a NUL character",
                reason=f"{name} contains a NUL character",
                params={"param": name},
            )


class BodyLimit:
    """Refuse a request body over ``limit`` bytes with ``413 {"error": "too_large"}``.

    A declared ``Content-Length`` over the limit is refused at once. Otherwise a body
    (chunked, or a length that lies) is read here up to the limit and handed on whole;
    past the limit it is refused without reading the rest. Requests without a body
    (``GET``, the live stream) pass untouched. Pure ASGI.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        problem = _unicode_problem(body)
        if problem is not None:  # refused here: decoding it further down would be a 500
            await _send_json(send, 400, {"error": "bad_request", "detail": problem})
            return
        handed = False

        async def replay() -> Message:
            nonlocal handed
            if not handed:
                handed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: the disconnect, when it comes

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        body = orjson.dumps({"error": "too_large", "limit": self.limit})
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _unicode_problem(body: bytes) -> str | None:
    """Why a JSON body is not Unicode text (invalid UTF-8, a lone surrogate), or None.

    Malformed JSON of any other kind is left to the routes' own validation (400 with
    its location); these two would otherwise reach the database or the JSON encoder
    and fail there (500, and a workstation retrying for ever).
    """
    if not body:
        return None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"the request body is not valid UTF-8 (byte {exc.start})"
    try:
        orjson.loads(body)  # strict: a lone surrogate escape (\ud800) is refused too
    except orjson.JSONDecodeError as exc:
        if "surrogate" in str(exc).lower():
            return "the request holds a lone surrogate (U+D800 to U+DFFF): not valid Unicode"
    return None


async def _send_json(send: Send, status: int, doc: dict[str, object]) -> None:
    body = orjson.dumps(doc)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _purge_forever(service: CentralService) -> None:
    while True:
        try:
            await asyncio.to_thread(service.purge_expired)
        except Exception:
            log.exception("housekeeping failed; will try again")
        await asyncio.sleep(PURGE_EVERY_S)


def _install_error_handlers(app: FastAPI) -> None:
    async def service_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ServiceError)
        wait = exc.extra.get("retry_after")
        headers = {"Retry-After": str(wait)} if isinstance(wait, int) else None
        return json(exc.body(), exc.status, headers)

    async def validation_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        # loc and msg only: the offending input may be a password or personal data
        detail = [
            {"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", ""))}
            for err in exc.errors()
        ]
        return json({"error": "bad_request", "detail": detail}, 400)

    async def http_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        codes = {404: "not_found", 405: "method_not_allowed"}
        code = codes.get(exc.status_code, "bad_request" if exc.status_code < 500 else "internal")
        return json({"error": code}, exc.status_code, dict(exc.headers or {}))

    async def unexpected(_request: Request, exc: Exception) -> Response:
        log.error("unexpected failure: %s", type(exc).__name__, exc_info=exc)
        return json({"error": "internal"}, 500)

    app.add_exception_handler(ServiceError, service_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
