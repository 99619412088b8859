"""Accounts: creating users, signing in, token families, the sign-in limiter, and what an admin does to a user.

Sessions, token families and the limiter are described in ``docs/security.md``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from server import persistence, security, usernames
from server.config import IPNetwork, Settings
from server.db import Database
from server.errors import RateLimited, Unauthorized
from server.schemas import ROLES, Me, TokenPair
from server.tables import Token
from server.user_records import USER_COLLECTIONS


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
    family_id: str = ""
    #: The organisation the account works for (models/orgs.py), None for accounts made before them.
    org_id: str | None = None


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def normalise_username(username: str) -> str:
    """One spelling per person (``server/usernames.py``): what sign-in looks up."""
    return usernames.normalise_username(username)


def create_user(
    db: Database, *, username: str, role: str, password: str, settings: Settings, org_id: str | None = None
) -> str:
    """Create a user and return the name they sign in with (normalised).

    ``org_id`` must name an organisation the server knows and fits the role (``server.orgs``); the
    association's roles default to the association.
    """
    try:
        name = usernames.check_new_username(username)
    except usernames.BadUsername as error:
        raise AccountError(str(error)) from None
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    check_password(password, settings)
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


def check_password(password: str, settings: Settings) -> None:
    if not password:
        raise AccountError("the password is empty")
    if settings.environment == "production" and len(password) < 10:
        raise AccountError("the password must have at least 10 characters in production")


# ---- sessions: token families ---------------------------------------------------------------------------
def _issue(
    db: Database,
    *,
    user_id: int,
    username: str,
    role: str,
    settings: Settings,
    family: tuple[str, dt.datetime] | None = None,
    session: Session | None = None,
    org_id: str | None = None,
) -> TokenPair:
    """A new access and refresh token: of a new family (a sign-in), or the next pair of ``family`` (a refresh).

    No token outlives its family's absolute end, however often it is refreshed.
    """
    now = utcnow()
    new_family = family is None
    family_id, family_ends = family or (security.new_pair_id(), now + dt.timedelta(days=settings.session_max_days))
    access, refresh = security.new_token(), security.new_token()
    access_expires = min(now + dt.timedelta(minutes=settings.access_token_minutes), family_ends)
    refresh_expires = min(now + dt.timedelta(days=settings.refresh_token_days), family_ends)
    pair_id = security.new_pair_id()
    tokens = [
        Token(
            token_hash=security.token_digest(token),
            kind=kind,
            pair_id=pair_id,
            family_id=family_id,
            user_id=user_id,
            created_at=now,
            expires_at=expires,
        )
        for token, kind, expires in ((access, "access", access_expires), (refresh, "refresh", refresh_expires))
    ]

    def store(session: Session) -> None:
        if new_family:
            persistence.add_family(session, family_id=family_id, user_id=user_id, now=now, expires_at=family_ends)
        persistence.add_tokens(session, tokens=tokens)

    if session is not None:
        store(session)
    else:
        with db.write() as own:
            store(own)
    return TokenPair(
        access_token=access,
        expires_at=iso(access_expires),
        refresh_token=refresh,
        refresh_expires_at=iso(refresh_expires),
        user=Me(username=username, role=role, org_id=org_id),  # type: ignore[arg-type]
    )


def sign_in(
    db: Database, *, username: str, password: str, address: str, settings: Settings, limiter: SignInLimiter
) -> TokenPair:
    """A new sign-in (a new token family), charged to the limiter before the password is checked."""
    name = normalise_username(username)[:200]
    attempt = limiter.begin(name, address)
    found: tuple[int, str, str, str, bool] | None = None
    org_id: str | None = None
    try:
        with db.read() as session:
            user = persistence.get_user_by_name(session, username=name)
            if user is not None:
                found = (user.id, user.username, user.role, user.password_hash, user.disabled)
                org_id = user.org_id
        # Verify even for an unknown name, so that timing does not tell which names exist.
        ok = security.verify_password(found[3] if found else None, password)
    except BaseException:
        limiter.finish(attempt, username=name, address=address, user_id=None)
        raise
    if found is None or not ok or found[4]:
        limiter.finish(attempt, username=name, address=address, user_id=None)
        raise Unauthorized("wrong username or password")
    user_id, stored_name, role, password_hash, _disabled = found
    limiter.finish(attempt, username=name, address=address, user_id=user_id)
    if security.needs_rehash(password_hash):
        with db.write() as session:
            persistence.set_password_hash(session, user_id=user_id, password_hash=security.hash_password(password))
    return _issue(db, user_id=user_id, username=stored_name, role=role, settings=settings, org_id=org_id)


def refresh(db: Database, *, refresh_token: str, settings: Settings) -> TokenPair:
    """Trade a refresh token for the next pair of its family; the one sent is spent (rotation).

    A spent refresh token sent again means two parties hold the family (a stolen token, or a copied
    data folder): the whole family — every access and refresh token of that sign-in — is revoked, and
    whoever is legitimate signs in again.
    """
    now = utcnow()
    reused = False
    with db.write() as session:
        found = persistence.find_refresh_token(session, token_hash=security.token_digest(refresh_token))
        if found is not None:
            token, family, user = found
            alive = family.revoked_at is None and family.expires_at > now and token.expires_at > now
            if alive and not user.disabled:
                # revoke_token answers False when a concurrent refresh with the same token won: reuse too.
                if token.revoked_at is None and persistence.revoke_token(session, token_id=token.id, now=now):
                    return _issue(db, user_id=user.id, username=user.username, role=user.role, settings=settings,
                                  family=(family.id, family.expires_at), session=session,
                                  org_id=user.org_id)  # fmt: skip
                reused = True
                persistence.revoke_families(session, family_id=family.id, now=now, reason="refresh_reused")
    if reused:
        raise Unauthorized("this refresh token was used already; every token of its sign-in is revoked")
    raise Unauthorized("the refresh token is unknown, expired or revoked")


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
            family_id=token.family_id,
            org_id=user.org_id,
        )


def sign_out(db: Database, *, user: CurrentUser) -> None:
    """End the caller's sign-in: every access and refresh token of its family, earlier ones included."""
    with db.write() as session:
        persistence.revoke_families(session, family_id=user.family_id, now=utcnow(), reason="sign_out")


# ---- what an admin does from the command line -------------------------------------------------------------
def _user_id(session: Session, username: str) -> int:
    name = normalise_username(username)
    user = persistence.get_user_by_name(session, username=name)
    if user is None:
        raise AccountError(f"no user named {name!r}")
    return user.id


def revoke_tokens(db: Database, *, username: str) -> int:
    """End every session of a user at once (all their token families); how many were open."""
    with db.write() as session:
        return persistence.revoke_families(session, user_id=_user_id(session, username), now=utcnow(), reason="revoked")


def set_disabled(db: Database, *, username: str, disabled: bool) -> int:
    """Disable (or enable again) a user; disabling also ends their sessions. How many sessions ended."""
    with db.write() as session:
        user_id = _user_id(session, username)
        persistence.set_disabled(session, user_id=user_id, disabled=disabled)
        if not disabled:
            return 0
        return persistence.revoke_families(session, user_id=user_id, now=utcnow(), reason="disabled")


def reset_password(db: Database, *, username: str, password: str, settings: Settings) -> int:
    """Set a new password and end every session made with the old one; how many ended."""
    check_password(password, settings)
    password_hash = security.hash_password(password)
    with db.write() as session:
        user_id = _user_id(session, username)
        persistence.set_password_hash(session, user_id=user_id, password_hash=password_hash)
        return persistence.revoke_families(session, user_id=user_id, now=utcnow(), reason="password_reset")


@dataclass(frozen=True)
class Removal:
    """What deleting a user did with their records."""

    deleted: int  # their records (and tombstones) deleted with them
    handed_over: int  # live records that are now the receiver's
    kept_theirs: int  # ids the receiver already had (the same favourite): the receiver's copy kept


def delete_user(db: Database, *, username: str, hand_over_to: str | None = None) -> Removal:
    """Delete a user; their records go with them, or their live records become ``hand_over_to``'s.

    Records name their owner by id, so nothing may be left behind for a later user to inherit. Handed-over
    records take new versions: the receiver's devices pull them like any new record.
    """
    with db.write() as session:
        persistence.lock_versions(session)
        user_id = _user_id(session, username)
        moved = kept = 0
        if hand_over_to is not None:
            receiver = _user_id(session, hand_over_to)
            if receiver == user_id:
                raise AccountError("a user cannot hand their records over to themselves")
            now = utcnow()
            usage = persistence.usage(session, user_id=receiver)
            for record in persistence.user_records(session, owner=str(user_id), collections=USER_COLLECTIONS):
                if record.deleted:
                    continue
                key = {"collection": record.collection, "owner": str(receiver), "record_id": record.record_id}
                existing = persistence.get_record(session, **key)
                if existing is not None and not existing.deleted:
                    kept += 1
                    continue
                version = persistence.next_version(session)
                persistence.write_record(session, **key, version=version, data=record.data, now=now)
                usage.records += 1
                usage.bytes += record_bytes(record.data)
                moved += 1
        deleted = persistence.delete_user(session, user_id=user_id, collections=USER_COLLECTIONS)
    return Removal(deleted=deleted - moved - kept, handed_over=moved, kept_theirs=kept)


def record_bytes(data: dict[str, Any] | None) -> int:
    """What a record's data counts against its owner's quota: its JSON in UTF-8."""
    if data is None:
        return 0
    return len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


# ---- the sign-in limiter --------------------------------------------------------------------------------
#: How long a successful sign-in from an address keeps that user clear of the address's own limit.
KNOWN_ADDRESS_DAYS = 30


class SignInLimiter:
    """Counts sign-in attempts in the database, so that every server process sees the same counts.

    An attempt is charged *before* its password is checked (as ``pending``), in the transaction that
    counts, so guesses in flight count too: a burst of 100 concurrent guesses gets at most
    ``max_failures`` password checks. A right password lifts the charge and the pair's failures.

    Two limits, each answered 429 with ``Retry-After``:

    - per (username, address): ``max_failures`` in the window — guessing one member's password. Other
      addresses are not affected, so nobody can lock a member out from elsewhere.
    - per address: five times as many, whatever the usernames — trying many names from one place. Users
      who signed in successfully from that address within ``KNOWN_ADDRESS_DAYS`` are exempt, so junk from
      one office does not lock out the members who work there (their own pair limit still applies).
    """

    def __init__(self, db: Database, max_failures: int, window_seconds: int) -> None:
        self.db = db
        self.max_failures = max_failures
        self.window = dt.timedelta(seconds=window_seconds)

    def begin(self, username: str, address: str) -> int:
        """Charge an attempt, or raise ``RateLimited``; the attempt's id for :meth:`finish`."""
        now = utcnow()
        since = now - self.window
        with self.db.write() as session:
            persistence.lock_limiter(session, address)
            persistence.forget_attempts(session, before=since)
            pair, pair_oldest = persistence.count_attempts(session, address=address, since=since, username=username)
            if pair >= self.max_failures:
                raise self._limited(pair_oldest, now)
            everyone, oldest = persistence.count_attempts(session, address=address, since=since)
            if everyone >= self.max_failures * 5:
                known_since = now - dt.timedelta(days=KNOWN_ADDRESS_DAYS)
                if not persistence.known_sign_in(session, username=username, address=address, since=known_since):
                    raise self._limited(oldest, now)
            return persistence.add_attempt(session, username=username, address=address, now=now)

    def finish(self, attempt_id: int, *, username: str, address: str, user_id: int | None) -> None:
        """``user_id`` when the password was right (the charge is lifted), None when it was not."""
        with self.db.write() as session:
            if user_id is None:
                persistence.fail_attempt(session, attempt_id=attempt_id)
                return
            persistence.clear_attempts(session, attempt_id=attempt_id, username=username, address=address)
            persistence.remember_sign_in(session, user_id=user_id, address=address, now=utcnow())

    def _limited(self, oldest: dt.datetime | None, now: dt.datetime) -> RateLimited:
        free_at = (oldest or now) + self.window
        return RateLimited(
            "too many sign-in attempts; try again later", max(1, int((free_at - now).total_seconds()) + 1)
        )


def client_address(peer: str | None, forwarded_for: str | None, trusted: Sequence[IPNetwork]) -> str:
    """The caller's address: the peer's, or — only when the peer is a trusted proxy — the nearest address in
    ``X-Forwarded-For`` that is not itself a trusted proxy (what our own proxies saw)."""
    address = peer or ""
    if not forwarded_for or not _trusted(address, trusted):
        return address[:64]
    for hop in reversed([part.strip() for part in forwarded_for.split(",") if part.strip()]):
        address = hop
        if not _trusted(hop, trusted):
            break
    return address[:64]


def _trusted(address: str, trusted: Sequence[IPNetwork]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)
