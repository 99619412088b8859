"""Accounts: creating users, signing in, refreshing and revoking tokens, and who a token belongs to."""

from __future__ import annotations

import datetime as dt
import threading
import time
import unicodedata
from collections import deque
from dataclasses import dataclass

from server import persistence, security
from server.config import Settings
from server.db import Database
from server.errors import RateLimited, Unauthorized
from server.schemas import ROLES, Me, TokenPair
from server.tables import Token


class AccountError(ValueError):
    """Bad input to an account operation (CLI): the message is shown as is."""


@dataclass(frozen=True)
class CurrentUser:
    """The signed-in caller, as the routes see them."""

    id: int
    username: str
    role: str
    token_id: int
    pair_id: str
    #: The organisation the account works for (models/orgs.py), None for accounts made before them.
    org_id: str | None = None


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def normalise_username(username: str) -> str:
    """One spelling per person: phones capitalise the first letter, keyboards differ in forms."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


def create_user(
    db: Database, *, username: str, role: str, password: str, settings: Settings, org_id: str | None = None
) -> str:
    """Create a user and return the name they sign in with (normalised).

    ``org_id`` must name an organisation the server knows and fits the role (``server.orgs``); the
    association's roles default to the association.
    """
    name = normalise_username(username)
    if not name or len(name) > 64 or any(ch.isspace() for ch in name):
        raise AccountError("the username must be 1–64 characters without spaces")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if not password:
        raise AccountError("the password is empty")
    if settings.environment == "production" and len(password) < 10:
        raise AccountError("the password must have at least 10 characters in production")
    from server.orgs import OrgError, resolve_org

    try:
        org_id = resolve_org(db, role=role, org_id=org_id)
    except OrgError as error:
        raise AccountError(str(error)) from None
    password_hash = security.hash_password(password)
    try:
        with db.write() as session:
            persistence.create_user(
                session, username=name, password_hash=password_hash, role=role, now=utcnow(), org_id=org_id
            )
    except persistence.DuplicateUser:
        raise AccountError(f"a user named {name!r} exists already") from None
    return name


class LoginLimiter:
    """Counts failed sign-ins per (username, address) and per address, in this process's memory.

    A lock-out per username alone would let anyone lock a member out; per address alone would let
    one address try every username. Memory is enough for one server process; a restart forgets.
    """

    def __init__(self, max_failures: int, window_seconds: int) -> None:
        self.max_failures = max_failures
        self.window = window_seconds
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _keys(self, username: str, address: str) -> list[tuple[tuple[str, str], int]]:
        # One address sharing a NAT (an office) gets more room than one username.
        return [((username, address), self.max_failures), (("", address), self.max_failures * 5)]

    def check(self, username: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key, limit in self._keys(username, address):
                failures = self._failures.get(key)
                if not failures:
                    continue
                while failures and failures[0] <= now - self.window:
                    failures.popleft()
                if len(failures) >= limit:
                    retry_after = max(1, int(failures[0] + self.window - now) + 1)
                    raise RateLimited("too many failed sign-ins; try again later", retry_after)

    def failed(self, username: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key, _limit in self._keys(username, address):
                self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, username: str, address: str) -> None:
        with self._lock:
            self._failures.pop((username, address), None)


def _issue(
    db: Database, *, user_id: int, username: str, role: str, settings: Settings, org_id: str | None = None
) -> TokenPair:
    now = utcnow()
    access, refresh = security.new_token(), security.new_token()
    access_expires = now + dt.timedelta(minutes=settings.access_token_minutes)
    refresh_expires = now + dt.timedelta(days=settings.refresh_token_days)
    pair_id = security.new_pair_id()
    tokens = [
        Token(
            token_hash=security.token_digest(access),
            kind="access",
            pair_id=pair_id,
            user_id=user_id,
            created_at=now,
            expires_at=access_expires,
        ),
        Token(
            token_hash=security.token_digest(refresh),
            kind="refresh",
            pair_id=pair_id,
            user_id=user_id,
            created_at=now,
            expires_at=refresh_expires,
        ),
    ]
    with db.write() as session:
        persistence.add_tokens(session, tokens=tokens)
    return TokenPair(
        access_token=access,
        expires_at=iso(access_expires),
        refresh_token=refresh,
        refresh_expires_at=iso(refresh_expires),
        user=Me(username=username, role=role, org_id=org_id),  # type: ignore[arg-type]
    )


def sign_in(
    db: Database, *, username: str, password: str, address: str, settings: Settings, limiter: LoginLimiter
) -> TokenPair:
    name = normalise_username(username)
    limiter.check(name, address)
    with db.read() as session:
        user = persistence.get_user_by_name(session, username=name)
        found = None if user is None else (user.id, user.username, user.role, user.password_hash, user.disabled)
        org_id = None if user is None else user.org_id
    # Verify even for an unknown name, so that timing does not tell which names exist.
    ok = security.verify_password(found[3] if found else None, password)
    if found is None or not ok or found[4]:
        limiter.failed(name, address)
        raise Unauthorized("wrong username or password")
    limiter.succeeded(name, address)
    user_id, stored_name, role, password_hash, _disabled = found
    if security.needs_rehash(password_hash):
        with db.write() as session:
            persistence.set_password_hash(session, user_id=user_id, password_hash=security.hash_password(password))
    return _issue(db, user_id=user_id, username=stored_name, role=role, settings=settings, org_id=org_id)


def refresh(db: Database, *, refresh_token: str, settings: Settings) -> TokenPair:
    """Trade a refresh token for a new pair; the old refresh token is revoked (rotation)."""
    now = utcnow()
    with db.write() as session:
        found = persistence.find_token(
            session, token_hash=security.token_digest(refresh_token), kind="refresh", now=now
        )
        # revoke_token answers False when a concurrent refresh won: only one new pair per token.
        if found is None or not persistence.revoke_token(session, token_id=found[0].id, now=now):
            raise Unauthorized("the refresh token is unknown, expired or revoked")
        user = found[1]
        user_id, username, role, org_id = user.id, user.username, user.role, user.org_id
    return _issue(db, user_id=user_id, username=username, role=role, settings=settings, org_id=org_id)


def authenticate(db: Database, *, access_token: str) -> CurrentUser:
    with db.read() as session:
        found = persistence.find_token(
            session, token_hash=security.token_digest(access_token), kind="access", now=utcnow()
        )
        if found is None:
            raise Unauthorized("the access token is unknown, expired or revoked")
        token, user = found
        return CurrentUser(
            id=user.id,
            username=user.username,
            role=user.role,
            token_id=token.id,
            pair_id=token.pair_id,
            org_id=user.org_id,
        )


def sign_out(db: Database, *, user: CurrentUser) -> None:
    """Revoke the caller's access token and the refresh token issued with it."""
    with db.write() as session:
        persistence.revoke_pair(session, pair_id=user.pair_id, now=utcnow())
