"""The refusals of the central service, each with a stable code and an HTTP status.

The service layer raises :class:`ServiceError`; the HTTP layer turns it into
``{"error": code, …extra}`` with ``status`` (``docs/sync-protocol.md``, Errors).
Codes are what the desktop translates: never rename one. Extra fields must be
JSON-able and never carry personal data beyond what the caller may see.
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A request the service refuses; ``code`` is stable, ``extra`` goes into the body."""

    def __init__(self, code: str, status: int, message: str = "", **extra: Any) -> None:
        super().__init__(message or code)
        self.code = code
        self.status = status
        self.extra: dict[str, Any] = extra

    def body(self) -> dict[str, Any]:
        return {"error": self.code, **self.extra}


def bad_request(detail: str) -> ServiceError:
    return ServiceError("bad_request", 400, detail, detail=detail)


def not_found() -> ServiceError:
    return ServiceError("not_found", 404)


def out_of_scope() -> ServiceError:
    return ServiceError("out_of_scope", 403)


def forbidden_role() -> ServiceError:
    return ServiceError("forbidden_role", 403)


def bad_token() -> ServiceError:
    return ServiceError("bad_token", 401)


def bad_credentials() -> ServiceError:
    return ServiceError("bad_credentials", 401)


class ImportRejected(ValueError):  # noqa: N818 - a refusal of the batch, not a bug
    """A bulk import refused as a whole; ``row`` names the first bad record (1-based)."""

    def __init__(self, row: int | None, reason: str) -> None:
        super().__init__(f"row {row}: {reason}" if row is not None else reason)
        self.row = row
        self.reason = reason
