"""The HTTP client of the central service: one keep-alive connection, typed errors.

One shared :class:`httpx.Client` for every call (PERFORMANCE.md: a client per page
is 5.8x slower); bodies are decoded with orjson straight from bytes; every non-2xx
answer becomes an exception from :mod:`cur_desktop.sync.errors`, and every
connection failure or timeout becomes :class:`~cur_desktop.sync.errors.Offline`.
Methods return the protocol's JSON objects as dicts; turning them into domain
objects is :mod:`cur_desktop.protocol`'s job, done by the engine.

Snapshot pages ask for gzip (docs/sync-protocol.md: worth it below ~230 Mbit/s);
``compress=False`` turns it off for fast local links. Thread safety: httpx clients
are safe to share, so the live-stream reader thread and the engine thread use the
same one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import orjson

from cur_desktop.sync.errors import Offline, ServerError, error_from_response
from cur_desktop.sync.sse import EventStream, open_stream

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

API = "/api/v1"
#: Longer than the service's 15 s ping: silence beyond it means the link is dead.
STREAM_READ_TIMEOUT = 40.0
#: The feed mark of the position a ``/changes`` page ends at (docs/sync-protocol.md).
MARK_HEADER = "X-Feed-Mark"
#: The region's dictionaries version in force, on ``/changes`` (sync/region_docs.py).
REGION_HEADER = "X-Region-Version"


def decode_json(content: bytes, what: str = "answer") -> dict[str, Any]:
    """A JSON object from the service, or :class:`ServerError` if it is not one."""
    try:
        decoded = orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        raise ServerError("bad_response", f"{what}: not JSON", 200) from exc
    if not isinstance(decoded, dict):
        raise ServerError("bad_response", f"{what}: not a JSON object", 200)
    return decoded


class CentralClient:
    """Calls of docs/sync-protocol.md; ``token`` is set by :meth:`login` or given."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: float = 60.0,
        compress: bool = True,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        import httpx

        self.base_url = base_url.rstrip("/")
        self.token = token
        self.compress = compress
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
            transport=transport,
            headers={"Accept": "application/json"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing -----------------------------------------------------------------------

    def _headers(self, *, gzip: bool = False) -> dict[str, str]:
        headers = {"Accept-Encoding": "gzip" if gzip else "identity"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        gzip: bool = False,
    ) -> dict[str, Any]:
        return decode_json(self._request(method, path, body=body, params=params, gzip=gzip), path)

    def _request(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        gzip: bool = False,
    ) -> bytes:
        """The body of a 2xx answer (decompressed), or the typed error."""
        return self._exchange(method, path, body=body, params=params, gzip=gzip)[0]

    def _exchange(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        gzip: bool = False,
    ) -> tuple[bytes, Mapping[str, str]]:
        """The body and headers of a 2xx answer, or the typed error."""
        import httpx

        headers = self._headers(gzip=gzip)
        content = None
        if body is not None:
            try:
                content = orjson.dumps(body)
            except TypeError as exc:
                # text that is not Unicode (a lone surrogate pasted in): the service would
                # refuse it with 400 as well, so it is settled as refused, not retried
                msg = f"{method} {path}: the text is not valid Unicode ({exc})"
                raise ServerError("bad_request", msg, 400, protocol=True) from exc
            headers["Content-Type"] = "application/json"
        try:
            response = self._http.request(
                method, API + path, content=content, params=params, headers=headers
            )
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise Offline("unreachable", f"{method} {path}: {type(exc).__name__}") from exc
        if response.status_code >= 300:
            raise error_from_response(
                response.status_code, response.content, response.headers.get("retry-after")
            )
        return response.content, response.headers

    # --- auth ---------------------------------------------------------------------------

    def login(self, login: str, password: str, workstation: str) -> dict[str, Any]:
        """Exchange credentials for a token (kept on the client); returns the user."""
        answer = self._call(
            "POST",
            "/auth/token",
            body={"login": login, "password": password, "workstation": workstation},
        )
        self.token = str(answer["token"])
        user: dict[str, Any] = answer["user"]
        return user

    def revoke(self) -> None:
        self._call("POST", "/auth/revoke")
        self.token = None

    def me(self) -> dict[str, Any]:
        return self._call("GET", "/me")

    # --- reading ------------------------------------------------------------------------

    def region(self) -> dict[str, Any]:
        return self._call("GET", "/region")

    def changes(self, after: int, limit: int = 5000, *, mark: str | None = None) -> dict[str, Any]:
        """A page of the feed; ``mark`` is the one the service gave for ``after``.

        The answer carries the mark of its ``last`` under ``"mark"`` (the service sends
        it as a header, ``X-Feed-Mark``): stored with the cursor and sent back next time,
        it lets the service refuse with ``feed_changed`` once its database was restored.
        """
        params: dict[str, Any] = {"after": after, "limit": limit}
        if mark:
            params["mark"] = mark
        content, headers = self._exchange("GET", "/changes", params=params)
        page = decode_json(content, "/changes")
        page["mark"] = headers.get(MARK_HEADER) or None
        page["region_version"] = headers.get(REGION_HEADER) or None
        return page

    def start_snapshot(self, closed_window_days: int) -> dict[str, Any]:
        return self._call("POST", "/snapshot", body={"closed_window_days": closed_window_days})

    def snapshot_page(self, snapshot_id: str, after_id: int, limit: int) -> dict[str, Any]:
        path = f"/snapshot/{snapshot_id}/pages"
        return decode_json(self.snapshot_page_bytes(snapshot_id, after_id, limit), path)

    def snapshot_page_bytes(self, snapshot_id: str, after_id: int, limit: int) -> bytes:
        """The page undecoded: a prefetch thread then holds the GIL only to decompress."""
        return self._request(
            "GET",
            f"/snapshot/{snapshot_id}/pages",
            params={"after_id": after_id, "limit": limit},
            gzip=self.compress,
        )

    def appeal(self, appeal_id: int) -> dict[str, Any]:
        return self._call("GET", f"/appeals/{appeal_id}")

    def closed_before(
        self, before: float, *, after_id: int = 0, limit: int = 500
    ) -> dict[str, Any]:
        return self._call(
            "GET",
            "/appeals",
            params={"closed_before": before, "after_id": after_id, "limit": limit},
        )

    def open_stream(self, read_timeout: float = STREAM_READ_TIMEOUT) -> EventStream:
        """The live stream; iterate it in one thread, close it from any."""
        return open_stream(self._http, API + "/stream", self._headers(), read_timeout)

    # --- writing ------------------------------------------------------------------------

    def register(self, *, key: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Register an appeal by hand; ``{"result": "applied"|"duplicate", "appeal", "seq"}``."""
        return self._call("POST", "/appeals", body={"key": key, "params": dict(params)})

    def edit_dictionaries(
        self, base_version: int, ops: Sequence[Mapping[str, Any]]
    ) -> dict[str, Any]:
        """A head's edit of the region's categories and templates (central/region_dictionaries.py).

        ``{"version", "changed_by", "changed_at", "note"}``; refusals raise the typed
        errors (403 forbidden_role, 409 stale_version, 422 dictionary_refused).
        """
        body = {"base_version": base_version, "ops": [dict(op) for op in ops]}
        return self._call("POST", "/region/dictionaries", body=body)

    def load_methodology(self, doc: Mapping[str, Any]) -> int:
        """A head loads the region's methodology (central/methodology_api.py); its version.

        Refusals raise the typed errors (403 forbidden_role, 422 methodology_refused).
        """
        return int(self._call("POST", "/region/methodology", body=dict(doc))["version"])

    def dictionary_versions(self, limit: int = 100) -> list[dict[str, Any]]:
        answer = self._call("GET", "/region/dictionaries/versions", params={"limit": limit})
        return list(answer["versions"])

    def action(
        self,
        appeal_id: int,
        *,
        key: str,
        action: str,
        params: Mapping[str, Any],
        base_version: int,
    ) -> dict[str, Any]:
        """Send one command; ``{"result": "applied"|"duplicate", "appeal", "seq"}``."""
        return self._call(
            "POST",
            f"/appeals/{appeal_id}/actions",
            body={
                "key": key,
                "action": action,
                "params": dict(params),
                "base_version": base_version,
            },
        )
