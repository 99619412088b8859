"""Route dependencies: the database, the settings, the signed-in user and role checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server import accounts
from server.accounts import CurrentUser, SignInLimiter
from server.config import Settings
from server.db import Database
from server.errors import Forbidden, Unauthorized

# auto_error=False: a missing header must give our 401 body, not FastAPI's own 403.
_bearer = HTTPBearer(auto_error=False, description="The access token from POST /api/v1/auth/token.")


def get_database(request: Request) -> Database:
    """The app's database; routes open read or write transactions on it (push needs one per op)."""
    database: Database = request.app.state.database
    return database


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_login_limiter(request: Request) -> SignInLimiter:
    limiter: SignInLimiter = request.app.state.login_limiter
    return limiter


def get_client_address(request: Request) -> str:
    """The caller's address; ``X-Forwarded-For`` counts only from ZANJIREH_TRUSTED_PROXIES."""
    settings: Settings = request.app.state.settings
    peer = request.client.host if request.client else None
    return accounts.client_address(peer, request.headers.get("x-forwarded-for"), settings.proxy_networks)


DatabaseDep = Annotated[Database, Depends(get_database)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LimiterDep = Annotated[SignInLimiter, Depends(get_login_limiter)]
AddressDep = Annotated[str, Depends(get_client_address)]


#: Where the API middleware leaves the caller it authenticated before reading a body (``request.state``).
AUTHENTICATED_USER = "zanjireh_user"


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header; 401 when there is none."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("an Authorization: Bearer <access_token> header is needed")
    return token.strip()


def current_user(
    request: Request,
    database: DatabaseDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> CurrentUser:
    already: CurrentUser | None = getattr(request.state, AUTHENTICATED_USER, None)
    if already is not None:
        return already
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthorized("an Authorization: Bearer <access_token> header is needed")
    return accounts.authenticate(database, access_token=credentials.credentials)


UserDep = Annotated[CurrentUser, Depends(current_user)]


def require_role(*roles: str) -> Callable[[CurrentUser], CurrentUser]:
    """A dependency that lets only users with one of ``roles`` through (403 otherwise)."""

    def check(user: UserDep) -> CurrentUser:
        if user.role not in roles:
            raise Forbidden(f"this needs the role {' or '.join(roles)}", {"role": user.role})
        return user

    return check
