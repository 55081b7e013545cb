"""What can go wrong talking to the central service, as typed exceptions.

The service answers every error with ``{"error": "<code>", ...}`` (docs/sync-protocol.md
§Errors); :func:`error_from_response` turns status and body into one of the classes
below so the engine branches on types, not on strings. Connection failures and
timeouts are :class:`Offline`: the only failure the engine retries with backoff
without telling the operator anything but "offline".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson


class CentralError(Exception):
    """Any failure of a call to the central service."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(message or code)
        self.code = code


class Offline(CentralError):  # noqa: N818 - protocol outcomes, named as the protocol names them
    """The service cannot be reached (refused, reset, DNS, timeout): retry later."""


class Unauthorized(CentralError):  # noqa: N818 - protocol outcomes, named as the protocol names them
    """``401``: bad credentials, or a token that is unknown, expired or revoked."""


class StaleVersion(CentralError):  # noqa: N818 - protocol outcomes, named as the protocol names them
    """``409``: the action was based on an older version; ``current`` is the wire record."""

    def __init__(self, current: Mapping[str, Any]) -> None:
        super().__init__("stale_version", "the appeal changed since the operator saw it")
        self.current: Mapping[str, Any] = current


class Refused(CentralError):  # noqa: N818 - protocol outcomes, named as the protocol names them
    """``422`` (lifecycle refusal) or ``403 forbidden_role``: will never succeed as sent."""

    def __init__(self, code: str, reason: str, params: Mapping[str, Any]) -> None:
        super().__init__(code, reason or code)
        self.reason = reason
        self.params: Mapping[str, Any] = params


class OutOfScope(CentralError):  # noqa: N818 - protocol outcomes, named as the protocol names them
    """``403 out_of_scope``: the appeal is outside the caller's municipalities or themes."""


class NotFound(CentralError):  # noqa: N818 - protocol outcomes, named as the protocol names them
    """``404``: no such appeal (or route)."""


class SnapshotExpired(CentralError):  # noqa: N818 - protocol outcomes, named as the protocol names them
    """``410``: the snapshot id is older than its hour; start a new snapshot."""


class ServerError(CentralError):
    """Anything else: 5xx, ``400 bad_request``, an answer that is not the protocol's."""

    def __init__(self, code: str, message: str = "", status: int = 0) -> None:
        super().__init__(code, message)
        self.status = status


def _body(content: bytes) -> dict[str, Any]:
    try:
        decoded = orjson.loads(content) if content else {}
    except orjson.JSONDecodeError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


def error_from_response(status: int, content: bytes) -> CentralError:
    """The exception for a non-2xx answer."""
    body = _body(content)
    code = str(body.get("error") or f"http_{status}")
    if status == 401:
        return Unauthorized(code)
    if status == 409 and code == "stale_version" and isinstance(body.get("current"), dict):
        return StaleVersion(body["current"])
    if status == 410:
        return SnapshotExpired(code)
    if status == 404:
        return NotFound(code)
    if status == 403 and code == "out_of_scope":
        return OutOfScope(code)
    if status in (403, 422):
        params = body.get("params")
        return Refused(
            code, str(body.get("reason") or ""), params if isinstance(params, dict) else {}
        )
    detail = body.get("detail")
    return ServerError(code, f"HTTP {status}: {code}" + (f" ({detail})" if detail else ""), status)
