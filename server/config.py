"""Server settings from ``ZANJIREH_*`` environment variables, refusing known-weak ones in production."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal, TypeAlias
from urllib.parse import unquote

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from server.db import PoolSize

#: Database passwords that appear in tutorials, compose files and default installs.
WEAK_DB_PASSWORDS = frozenset({"", "postgres", "password", "changeme", "secret", "admin", "zanjireh", "root"})

#: Members may stay offline for weeks; shorter retention forces needless full resyncs.
MIN_PRODUCTION_RETENTION_DAYS = 30

IPNetwork: TypeAlias = ipaddress.IPv4Network | ipaddress.IPv6Network


class Settings(BaseSettings):
    """Everything the server can be told; see ``docs/api.md`` for each variable."""

    model_config = SettingsConfigDict(env_prefix="ZANJIREH_", extra="ignore", validate_default=True)

    environment: Literal["development", "production"] = "development"
    #: The folder holding the default SQLite database (``ZANJIREH_SERVER_DATA``).
    server_data: Path = Path("./server-data")
    #: SQLAlchemy URL (``ZANJIREH_DB``); empty means ``sqlite:///<server_data>/zanjireh.sqlite3``.
    db: str = ""
    # Floats so that tests can make tokens expire within seconds.
    access_token_minutes: float = Field(default=60, gt=0)
    refresh_token_days: float = Field(default=30, gt=0)
    #: A sign-in's absolute lifetime: no refresh takes its tokens past this (``docs/security.md``).
    session_max_days: float = Field(default=90, gt=0)
    tombstone_retention_days: int = Field(default=90, ge=0)
    #: Clients announcing a lower record schema (``X-Zanjireh-Schema``) get 426.
    min_client_schema: int = Field(default=1, ge=1)
    #: Largest push body accepted: 200 notes of 10,000 Persian characters fit comfortably.
    max_request_bytes: int = Field(default=16 * 1024 * 1024, gt=0)
    #: Largest body of every other route (sign-in, refresh): a username and a long password fit.
    small_request_bytes: int = Field(default=8 * 1024, gt=0)
    #: Failed sign-ins per username (and per client address) within the window before 429.
    login_max_failures: int = Field(default=10, ge=1)
    login_failure_window_seconds: int = Field(default=900, ge=1)
    #: Comma-separated addresses or networks of our own reverse proxies, whose X-Forwarded-For is
    #: believed; from anyone else the header is ignored (empty: the peer's address is the caller's).
    trusted_proxies: str = ""
    #: Per user: live records, and the bytes of their data (JSON, UTF-8), beyond which writes are refused.
    user_max_records: int = Field(default=20_000, ge=1)
    user_max_bytes: int = Field(default=50 * 1024 * 1024, ge=1)
    #: Per field officer: visits kept on the server as drafts (a draft syncs so a lost phone loses nothing;
    #: hundreds of them are forgotten work, not field work). Submitting or discarding one frees a place.
    user_max_drafts: int = Field(default=50, ge=1)
    #: Connections each server process keeps to its database, and so the requests it works on at once: its
    #: thread pool is cut to the same size, so a request waits its turn for a thread (in order, no deadline)
    #: and never for a connection. With 40 threads (anyio's default) on 15 connections, bench/load.py's
    #: requests waited for the pool past its timeout on a loaded machine and were answered 503.
    #: ``serve`` checks that ``--workers`` × (this + ``db_pool_overflow``) fits PostgreSQL's max_connections.
    db_pool_size: int = Field(default=PoolSize.size, ge=1)
    #: Connections opened beyond the pool for a moment, for a request that needs a second one at once.
    db_pool_overflow: int = Field(default=PoolSize.overflow, ge=0)
    #: How long a request waits for a pooled connection before it is answered 503 (with Retry-After).
    db_pool_timeout_seconds: float = Field(default=PoolSize.timeout_seconds, gt=0)
    #: How long uvicorn's supervisor waits for a worker (``serve --workers N``) to answer its health check
    #: before it kills and restarts it. uvicorn's 5 s killed workers that a loaded machine had merely starved of
    #: CPU, dropping every connection they held (bench/load.py's "dropped connections"); a hung worker is rare.
    worker_healthcheck_seconds: int = Field(default=60, ge=1)
    #: How long a writer waits for SQLite's write lock before the request fails with 503.
    sqlite_busy_timeout_ms: int = Field(default=30_000, ge=0)
    #: Where uploaded photos are kept (``ZANJIREH_ATTACHMENTS_DIR``); empty: beside the SQLite file,
    #: or ``<server_data>/attachments`` for another database.
    attachments_dir: Path | None = None
    #: Largest photo accepted, in bytes (the app sends at most ~2 MB: 2048 px JPEG).
    max_attachment_bytes: int = Field(default=8 * 1024 * 1024, gt=0)

    @property
    def database_url(self) -> str:
        if self.db:
            return self.db
        return f"sqlite:///{(self.server_data / 'zanjireh.sqlite3').resolve()}"

    @property
    def attachments_folder(self) -> Path:
        if self.attachments_dir is not None:
            return self.attachments_dir
        url = self.database_url
        if url.startswith("sqlite:///") and ":memory:" not in url:
            return Path(url.removeprefix("sqlite:///")).resolve().parent / "attachments"
        return (self.server_data / "attachments").resolve()

    @property
    def pool(self) -> PoolSize:
        return PoolSize(self.db_pool_size, self.db_pool_overflow, self.db_pool_timeout_seconds)

    @property
    def uses_default_database(self) -> bool:
        return not self.db

    @property
    def proxy_networks(self) -> list[IPNetwork]:
        return [
            ipaddress.ip_network(part.strip(), strict=False) for part in self.trusted_proxies.split(",") if part.strip()
        ]

    @model_validator(mode="after")
    def _check_proxies(self) -> Settings:
        try:
            self.proxy_networks  # noqa: B018 - parsed here so that a typo fails at start, not per request
        except ValueError as error:
            raise ValueError(f"ZANJIREH_TRUSTED_PROXIES: {error}") from None
        return self

    @model_validator(mode="after")
    def _refuse_weak_production_settings(self) -> Settings:
        if self.environment != "production":
            return self
        problems = weak_production_settings(self)
        if problems:
            raise ValueError("refusing weak settings in production: " + "; ".join(problems))
        return self


def weak_production_settings(settings: Settings) -> list[str]:
    """Name every setting that is acceptable on a laptop but not facing members."""
    problems: list[str] = []
    password = database_password(settings.database_url)
    if password is not None and password.lower() in WEAK_DB_PASSWORDS:
        problems.append("ZANJIREH_DB uses a default or empty database password")
    if settings.access_token_minutes > 24 * 60:
        problems.append("ZANJIREH_ACCESS_TOKEN_MINUTES is longer than a day")
    if settings.refresh_token_days > 90:
        problems.append("ZANJIREH_REFRESH_TOKEN_DAYS is longer than 90 days")
    if settings.session_max_days > 365:
        problems.append("ZANJIREH_SESSION_MAX_DAYS is longer than a year")
    if settings.tombstone_retention_days < MIN_PRODUCTION_RETENTION_DAYS:
        problems.append(f"ZANJIREH_TOMBSTONE_RETENTION_DAYS is below {MIN_PRODUCTION_RETENTION_DAYS}")
    if settings.login_max_failures > 100:
        problems.append("ZANJIREH_LOGIN_MAX_FAILURES above 100 does not slow password guessing")
    return problems


def database_password(url: str) -> str | None:
    """The password in a server database URL; None for file databases or peer/socket auth."""
    if url.startswith("sqlite"):
        return None
    rest = url.split("://", 1)[-1]
    if "@" not in rest:
        return None  # no credentials in the URL: socket / peer / PGPASSFILE authentication
    userinfo = rest.rsplit("@", 1)[0]
    # A user without a password authenticates some other way (.pgpass, certificates).
    return unquote(userinfo.split(":", 1)[1]) if ":" in userinfo else None
