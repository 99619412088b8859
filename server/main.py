"""Builds the FastAPI app: settings, database, error handlers, middleware and one router per resource."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server import accounts
from server.accounts import CurrentUser, SignInLimiter
from server.attachments import AttachmentStore
from server.config import Settings
from server.db import Database
from server.deps import AUTHENTICATED_USER, bearer_token
from server.errors import TooLarge, Unauthorized, error_response, install_error_handlers, unavailable_response
from server.routers import attachments, auth, changes, ping, push
from server.schemas import ErrorBody

API_PREFIX = "/api/v1"
SCHEMA_HEADER = "x-zanjireh-schema"
GZIP_LEVEL = 6

DESCRIPTION = """\
The sync API of Zanjireh, the member app of Iran's steel producers' association.

Reference data (plants, mines, sources) flows from the server; user records (favourites, notes)
flow both ways. Every write takes a version from one server counter; clients pull with opaque
`(version, id)` cursors and push idempotent operations numbered per install.

The rules are in `docs/sync-protocol.md`; every endpoint with examples in `docs/api.md`.
Every request carries `X-Zanjireh-Schema: 1`; every non-2xx answer has the body
`{"error": {"code", "message", "detail"}}`.
"""


#: Answers the middleware and the error handlers may give on any route, documented on every operation of
#: /openapi.json (routes added later included) so that it lists every status a client can meet; the fuzzing
#: test (tests/hardening/test_api_fuzz.py) holds the server to the document.
COMMON_ERRORS: dict[str, str] = {
    "400": "Malformed: a body that is not JSON, or a bad X-Zanjireh-Schema.",
    "413": "A body over the route's size limit (detail.max_bytes).",
    "426": "This server needs a newer app (X-Zanjireh-Schema too low).",
    "503": "The database is busy or unreachable; retry after Retry-After.",
}
UNAUTHORIZED = "Not signed in, or the token is not valid."
NOT_FOUND = "Nothing is known by the name in the path."


def document_common_errors(app: FastAPI) -> None:
    """Add ``COMMON_ERRORS`` to every operation, 401 to every one that needs a token, and 404 to every one
    that names something in its path (an operation's own description of these is kept)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = build()
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
        for item in document.get("paths", {}).values():
            for operation in item.values():
                answers = operation.setdefault("responses", {})
                extra = dict(COMMON_ERRORS) | ({"401": UNAUTHORIZED} if operation.get("security") else {})
                if any(parameter.get("in") == "path" for parameter in operation.get("parameters", [])):
                    extra["404"] = NOT_FOUND
                for status, description in extra.items():
                    answers.setdefault(status, {"description": description, "content": error})
        document.setdefault("components", {}).setdefault("schemas", {}).setdefault(
            "ErrorBody", ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]


#: Paths that take a body from a caller without an access token: everything else must show one first.
PUBLIC_BODY_PATHS = frozenset({API_PREFIX + "/auth/token", API_PREFIX + "/auth/refresh"})
PUSH_PATH = API_PREFIX + "/push"
ATTACHMENTS_PREFIX = API_PREFIX + "/attachments/"


class ApiHeadersMiddleware:
    """Refuses clients older than ``min_client_schema`` (426), bodies over their route's limit (413) and
    bodies from callers without a valid access token (401) — the last two before a byte of the body is
    read —, and keeps API answers out of caches.

    The size check is ours rather than FastAPI's ``max_body_size``, whose 413 is plain text: the
    contract promises the error body on every non-2xx answer. The token check is here because FastAPI
    reads and parses a route's body before it runs the route's dependencies: without it anyone could
    make the server hold and parse 16 MiB bodies (docs/security.md).
    """

    def __init__(
        self,
        app: ASGIApp,
        min_client_schema: int,
        max_body_bytes: int,
        small_body_bytes: int,
        attachment_body_bytes: int,
    ) -> None:
        self.app = app
        self.min_client_schema = min_client_schema
        self.max_body_bytes = max_body_bytes
        self.small_body_bytes = small_body_bytes
        self.attachment_body_bytes = attachment_body_bytes

    def _limit(self, path: str) -> int:
        """Pushes may be large; a photo's chunk at most a whole photo; sign-in and the rest a few KiB."""
        if path == PUSH_PATH:
            return self.max_body_bytes
        if path.startswith(ATTACHMENTS_PREFIX):
            return self.attachment_body_bytes
        return self.small_body_bytes

    @staticmethod
    def _too_large(limit: int) -> TooLarge:
        return TooLarge(f"the request body is over {limit} bytes", {"max_bytes": limit})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX + "/"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        raw = headers.get(SCHEMA_HEADER.encode("latin-1"))
        try:
            schema = int(raw.decode("latin-1").strip()) if raw is not None else 1  # missing = 1
        except ValueError:
            response = error_response(400, "invalid", "X-Zanjireh-Schema must be an integer", {"header": SCHEMA_HEADER})
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
        path = scope["path"]
        limit = self._limit(path)
        declared = headers.get(b"content-length", b"").decode("latin-1")
        if declared.isdigit() and int(declared) > limit:
            error = self._too_large(limit)
            await error_response(413, error.code, error.message, error.detail)(scope, receive, send)
            return
        has_body = (declared.isdigit() and int(declared) > 0) or b"transfer-encoding" in headers
        if has_body and path not in PUBLIC_BODY_PATHS:
            try:
                user = await run_in_threadpool(self._authenticate, scope, headers.get(b"authorization"))
            except Unauthorized as error:
                await error_response(401, error.code, error.message, error.detail, error.headers)(scope, receive, send)
                return
            except OperationalError:
                # Outside the app's own handlers here: answer as they would for a busy database.
                await unavailable_response()(scope, receive, send)
                return
            # The route's dependency takes the user from here instead of asking the database again.
            scope.setdefault("state", {})[AUTHENTICATED_USER] = user
        received = 0

        async def receive_limited() -> Message:
            # Chunked bodies declare no length: count as they arrive. The exception reaches the
            # app's error handlers because it is raised inside the app, which calls receive.
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # An HTTPException: FastAPI turns anything else raised while reading into 400.
                    raise HTTPException(413, self._too_large(limit).message)
            return message

        async def send_no_store(message: Message) -> None:
            # Tokens and members' own records must never sit in a proxy's cache.
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"cache-control", b"no-store")]
            await send(message)

        await self.app(scope, receive_limited, send_no_store)

    @staticmethod
    def _authenticate(scope: Scope, authorization: bytes | None) -> CurrentUser:
        token = bearer_token(authorization.decode("latin-1") if authorization else None)
        return accounts.authenticate(scope["app"].state.database, access_token=token)


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """The API for ``settings``; migrations are applied by the ``serve`` command, not here."""
    settings = settings or Settings()
    owned = database is None
    db = database or Database(
        settings.database_url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms, pool=settings.pool
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # As many threads as pooled connections (Settings.db_pool_size): the routes, their dependencies and the
        # middleware's authentication run on anyio's threads, so a request then queues for a thread, never past
        # the pool's timeout for a connection while a thread sits holding its place.
        to_thread.current_default_thread_limiter().total_tokens = settings.db_pool_size
        yield
        if owned:
            db.dispose()

    app = FastAPI(
        title="Zanjireh sync API",
        version="1",
        summary="Reference data and members' records for the Zanjireh app, with offline-first sync.",
        description=DESCRIPTION,
        lifespan=lifespan,
        # An internal tool: interactive docs in development only; /openapi.json always.
        docs_url="/docs" if settings.environment == "development" else None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database = db
    app.state.login_limiter = SignInLimiter(db, settings.login_max_failures, settings.login_failure_window_seconds)
    app.state.attachments = AttachmentStore(db, settings.attachments_folder, settings.max_attachment_bytes)

    install_error_handlers(app)
    for module in (ping, auth, changes, push, attachments):
        app.include_router(module.router, prefix=API_PREFIX)
    document_common_errors(app)

    app.add_middleware(
        ApiHeadersMiddleware,
        min_client_schema=settings.min_client_schema,
        max_body_bytes=settings.max_request_bytes,
        small_body_bytes=settings.small_request_bytes,
        attachment_body_bytes=settings.max_attachment_bytes,
    )
    # Added last, so it is outermost and compresses every answer, errors included. Level 6, not Starlette's 9:
    # a page of 1,000 suppliers compresses 2 to 3 times faster for 4 % more bytes (docs/performance.md).
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=GZIP_LEVEL)
    return app
