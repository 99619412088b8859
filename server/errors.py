"""API errors and the handlers that give every non-2xx answer the contract's error body."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("zanjireh.server")

#: The contract's codes by HTTP status; anything else falls back by class (4xx invalid, 5xx server_error).
CODES: dict[int, str] = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "invalid",
    410: "resync_required",
    413: "too_large",
    415: "invalid",
    422: "invalid",
    426: "upgrade_required",
    429: "rate_limited",
    503: "unavailable",
    500: "server_error",
}

#: How long a client should wait before retrying when the database is busy or down.
UNAVAILABLE_RETRY_AFTER = 5


class ApiError(Exception):
    """An answer other than 2xx, raised anywhere below the routes."""

    status_code = 500
    code = "server_error"

    def __init__(self, message: str, detail: Any = None, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.headers = dict(headers or {})


class Invalid(ApiError):
    status_code = 400
    code = "invalid"


class Unauthorized(ApiError):
    status_code = 401
    code = "unauthorized"

    def __init__(self, message: str = "sign-in needed", detail: Any = None) -> None:
        super().__init__(message, detail, {"WWW-Authenticate": "Bearer"})


class Forbidden(ApiError):
    status_code = 403
    code = "forbidden"


class NotFound(ApiError):
    status_code = 404
    code = "not_found"


class ResyncRequired(ApiError):
    status_code = 410
    code = "resync_required"


class TooLarge(ApiError):
    status_code = 413
    code = "too_large"


class UpgradeRequired(ApiError):
    status_code = 426
    code = "upgrade_required"


class RateLimited(ApiError):
    status_code = 429
    code = "rate_limited"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, {"retry_after": retry_after}, {"Retry-After": str(retry_after)})


def error_response(
    status_code: int, code: str, message: str, detail: Any = None, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "detail": jsonable_encoder(detail)}}
    return JSONResponse(body, status_code=status_code, headers=dict(headers or {}))


def unavailable_response() -> JSONResponse:
    """503 for a locked or unreachable database: transient, the client retries with backoff."""
    return error_response(
        503,
        "unavailable",
        "the database is busy or unreachable; retry later",
        None,
        {"Retry-After": str(UNAVAILABLE_RETRY_AFTER)},
    )


def code_for(status_code: int) -> str:
    if status_code in CODES:
        return CODES[status_code]
    return "server_error" if status_code >= 500 else "invalid"


#: What FastAPI says of a body it cannot decode at all (not UTF-8); replaced by ``NOT_JSON_MESSAGE``.
FASTAPI_BODY_ERROR = "There was an error parsing the body"
NOT_JSON_MESSAGE = "the request body is not JSON (UTF-8 text with Content-Type: application/json)"


def _validation_message(error: Mapping[str, Any]) -> str:
    """pydantic's message, and for malformed JSON where the parser stopped and why."""
    message = str(error.get("msg", ""))
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error")
        return f"the body is not valid JSON: {reason}" if reason else "the body is not valid JSON"
    return message


def install_error_handlers(app: FastAPI) -> None:
    """Every error path, including FastAPI's own 404/405/422 and unexpected exceptions."""

    async def on_api_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status_code, exc.code, exc.message, exc.detail, exc.headers)

    async def on_http_exception(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 400 and message == FASTAPI_BODY_ERROR:
            # FastAPI's words for a body that is not even text; say what the caller must fix.
            message = NOT_JSON_MESSAGE
        return error_response(exc.status_code, code_for(exc.status_code), message, None, exc.headers)

    async def on_validation_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = [
            {
                "field": ".".join(str(part) for part in error.get("loc", ())),
                "message": _validation_message(error),
                "type": error.get("type", ""),
            }
            for error in exc.errors()
        ]
        listed = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        return error_response(422, "invalid", f"request is not valid: {listed}", problems)

    async def on_database_unavailable(_request: Request, exc: Exception) -> JSONResponse:
        # Locked or unreachable database: a transient condition the client retries with backoff.
        log.warning("database unavailable: %s", exc)
        return unavailable_response()

    async def on_unexpected(_request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            return await on_database_unavailable(_request, exc)
        log.exception("unexpected error", exc_info=exc)
        return error_response(500, "server_error", "internal server error")

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(StarletteHTTPException, on_http_exception)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(OperationalError, on_database_unavailable)
    # Every pooled connection busy for the pool's timeout: as transient as a locked database (bench.load's
    # 200 phones on four workers made it a 500).
    app.add_exception_handler(PoolTimeout, on_database_unavailable)
    app.add_exception_handler(Exception, on_unexpected)
