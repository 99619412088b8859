"""Builds the FastAPI app: settings, database, error handlers, middleware and one router per resource."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.accounts import LoginLimiter
from server.config import Settings
from server.db import Database
from server.errors import error_response, install_error_handlers
from server.routers import auth, changes, ping, push

API_PREFIX = "/api/v1"
SCHEMA_HEADER = "x-zanjireh-schema"

DESCRIPTION = """\
The sync API of Zanjireh, the member app of Iran's steel producers' association.

Reference data (plants, mines, sources) flows from the server; user records (favourites, notes)
flow both ways. Every write takes a version from one server counter; clients pull with opaque
`(version, id)` cursors and push idempotent operations numbered per install.

The rules are in `docs/sync-protocol.md`; every endpoint with examples in `docs/api.md`.
Every request carries `X-Zanjireh-Schema: 1`; every non-2xx answer has the body
`{"error": {"code", "message", "detail"}}`.
"""


class ApiHeadersMiddleware:
    """Refuses clients older than ``min_client_schema`` (426) and keeps API answers out of caches."""

    def __init__(self, app: ASGIApp, min_client_schema: int) -> None:
        self.app = app
        self.min_client_schema = min_client_schema

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX + "/"):
            await self.app(scope, receive, send)
            return
        raw = dict(scope["headers"]).get(SCHEMA_HEADER.encode("latin-1"))
        try:
            schema = int(raw.decode("latin-1").strip()) if raw is not None else 1  # missing = 1
        except ValueError:
            response = error_response(
                400, "invalid", "X-Zanjireh-Schema must be an integer", {"header": SCHEMA_HEADER}
            )
            await response(scope, receive, send)
            return
        if schema < self.min_client_schema:
            response = error_response(
                426,
                "upgrade_required",
                "this server needs a newer app; please update Zanjireh",
                {"client_schema": schema, "min_client_schema": self.min_client_schema},
            )
            await response(scope, receive, send)
            return

        async def send_no_store(message: Message) -> None:
            # Tokens and members' own records must never sit in a proxy's cache.
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"cache-control", b"no-store")]
            await send(message)

        await self.app(scope, receive, send_no_store)


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """The API for ``settings``; migrations are applied by the ``serve`` command, not here."""
    settings = settings or Settings()
    owned = database is None
    db = database or Database(settings.database_url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            db.dispose()

    app = FastAPI(
        title="Zanjireh sync API",
        version="1",
        summary="Reference data and members' records for the Zanjireh app, with offline-first sync.",
        description=DESCRIPTION,
        lifespan=lifespan,
        max_body_size=settings.max_request_bytes,
        # An internal tool: interactive docs in development only; /openapi.json always.
        docs_url="/docs" if settings.environment == "development" else None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database = db
    app.state.login_limiter = LoginLimiter(settings.login_max_failures, settings.login_failure_window_seconds)

    install_error_handlers(app)
    for module in (ping, auth, changes, push):
        app.include_router(module.router, prefix=API_PREFIX)

    app.add_middleware(ApiHeadersMiddleware, min_client_schema=settings.min_client_schema)
    # Added last, so it is outermost and compresses every answer, errors included.
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    return app
