"""What can go wrong talking to the central service, as typed exceptions.

The service answers every error with ``{"error": "<code>", ...}`` (docs/sync-protocol.md
§Errors); :func:`error_from_response` turns status and body into one of the classes
below so the engine branches on types, not on strings. Connection failures and
timeouts are :class:`Offline`; they, and a :class:`ServerError` that is
``transient`` (5xx, a gateway's answer, a 2xx body that is not the protocol's),
are what the engine retries with backoff, telling the operator only "offline"
and the error code.
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


class FeedReset(CentralError):  # noqa: N818 - an outcome, named as the others
    """The service's feed ends before the cache's cursor: its database was restored
    from a backup or replaced under the same address. Reading "after the cursor"
    would skip the positions it hands out next, so the cache is taken afresh."""

    def __init__(self, cursor: int, head: int, message: str = "") -> None:
        super().__init__(
            "feed_reset", message or f"the service's feed ends at {head}, before {cursor}"
        )
        self.cursor = cursor
        self.head = head


class FeedChanged(CentralError):  # noqa: N818 - protocol outcomes, named as the protocol names them
    """``409 feed_changed``: the service's feed at our cursor is not the one we read
    (its database was restored from a backup or replaced); take a new snapshot."""


class SnapshotExpired(CentralError):  # noqa: N818 - protocol outcomes, named as the protocol names them
    """``410``: the snapshot id is older than its hour; start a new snapshot."""


#: 4xx answers that say "not now" rather than "never" (timeout, too early, too many).
TRANSIENT_4XX = frozenset({408, 425, 429})


class ServerError(CentralError):
    """Anything else: 5xx, ``400 bad_request``, an answer that is not the protocol's.

    ``protocol``: the body was the service's own error object (``{"error": …}``), so
    a 4xx is the service's verdict on the request, not a proxy's or a gateway's.
    ``bad_response`` is a 2xx answer that is not what the protocol promises
    (garbled, cut, or from something that is not the service).
    """

    def __init__(
        self, code: str, message: str = "", status: int = 0, *, protocol: bool = False
    ) -> None:
        super().__init__(code, message)
        self.status = status
        self.protocol = protocol

    @property
    def transient(self) -> bool:
        """Worth retrying with backoff: the service's own failure, an intermediary's,
        or an answer that did not arrive whole. A 4xx of the service is final."""
        if self.status >= 500 or self.status in TRANSIENT_4XX or self.code == "bad_response":
            return True
        return 400 <= self.status < 500 and not self.protocol


def _body(content: bytes) -> dict[str, Any]:
    try:
        decoded = orjson.loads(content) if content else {}
    except orjson.JSONDecodeError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


class TooManyAttempts(CentralError):  # noqa: N818 - protocol outcomes, named as the protocol names them
    """``429 too_many_attempts``: sign-in refused for ``retry_after`` seconds (login limits)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("too_many_attempts", f"too many attempts, retry in {retry_after} s")
        self.retry_after = retry_after


def too_many_attempts_message(retry_after: int) -> str:
    """What ``cur-desktop sync`` says to a throttled sign-in (the console translates its own)."""
    return f"слишком много попыток, повторите через {retry_after} с"


def _seconds(value: Any) -> int | None:
    try:
        return max(int(float(value) + 0.999), 1)
    except (TypeError, ValueError, OverflowError):
        return None


def error_from_response(
    status: int, content: bytes, retry_after: str | None = None
) -> CentralError:
    """The exception for a non-2xx answer (``retry_after``: its ``Retry-After`` header)."""
    body = _body(content)
    # the service answers every error with its own object; a 403 or 404 without one
    # comes from something in between (a proxy, a gateway) and is no verdict on the
    # command: it must not settle an outbox item as refused
    protocol = bool(body.get("error"))
    code = str(body.get("error") or f"http_{status}")
    if status == 401:
        return Unauthorized(code)
    if protocol and status == 429 and code == "too_many_attempts":
        wait = _seconds(body.get("retry_after")) or _seconds(retry_after) or 1
        return TooManyAttempts(wait)
    if protocol and status == 409 and code == "feed_changed":
        return FeedChanged(code, str(body.get("reason") or code))
    if status == 409 and code == "stale_version" and isinstance(body.get("current"), dict):
        return StaleVersion(body["current"])
    if protocol and status == 410:
        return SnapshotExpired(code)
    if protocol and status == 404:
        return NotFound(code)
    if protocol and status == 403 and code == "out_of_scope":
        return OutOfScope(code)
    if protocol and status in (403, 422):
        params = body.get("params")
        return Refused(
            code, str(body.get("reason") or ""), params if isinstance(params, dict) else {}
        )
    detail = body.get("detail")
    message = f"HTTP {status}: {code}" + (f" ({detail})" if detail else "")
    return ServerError(code, message, status, protocol=protocol)
