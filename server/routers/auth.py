"""Signing in and out: ``auth/token``, ``auth/refresh``, ``auth/logout`` and ``me``."""

from __future__ import annotations

from fastapi import APIRouter, Response

from server import accounts
from server.deps import AddressDep, DatabaseDep, LimiterDep, SettingsDep, UserDep
from server.schemas import Credentials, ErrorBody, Me, RefreshRequest, TokenPair

router = APIRouter(tags=["auth"])

_UNAUTHORIZED = {401: {"model": ErrorBody, "description": "Not signed in, or the token is not valid."}}


@router.post(
    "/auth/token",
    response_model=TokenPair,
    summary="Sign in",
    description="Trade a username and password for an access token (1 hour by default) and a "
    "refresh token (30 days), the first of a new token family. A wrong username and a wrong password "
    "get the same 401; too many attempts get 429 (docs/security.md).",
    responses={
        401: {"model": ErrorBody, "description": "Wrong username or password."},
        429: {"model": ErrorBody, "description": "Too many failed sign-ins; see Retry-After."},
    },
)
def sign_in(
    body: Credentials, address: AddressDep, database: DatabaseDep, settings: SettingsDep, limiter: LimiterDep
) -> TokenPair:
    return accounts.sign_in(
        database,
        username=body.username,
        password=body.password,
        address=address,
        settings=settings,
        limiter=limiter,
    )


@router.post(
    "/auth/refresh",
    response_model=TokenPair,
    summary="Refresh the tokens",
    description="Trade a refresh token for the next pair of its family. The one sent is spent; sending "
    "it again revokes every token of its sign-in. No token outlives the sign-in's absolute lifetime.",
    responses=_UNAUTHORIZED,
)
def refresh(body: RefreshRequest, database: DatabaseDep, settings: SettingsDep) -> TokenPair:
    return accounts.refresh(database, refresh_token=body.refresh_token, settings=settings)


@router.post(
    "/auth/logout",
    status_code=204,
    response_class=Response,
    summary="Sign out",
    description="Ends the caller's sign-in: every access and refresh token of its token family.",
    responses=_UNAUTHORIZED,
)
def sign_out(user: UserDep, database: DatabaseDep) -> Response:
    accounts.sign_out(database, user=user)
    return Response(status_code=204)


@router.get("/me", response_model=Me, summary="Who am I", responses=_UNAUTHORIZED)
def me(user: UserDep) -> Me:
    return Me(username=user.username, role=user.role, org_id=user.org_id)  # type: ignore[arg-type]
