"""Request and response bodies of the API, as pydantic models (they make the OpenAPI document)."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer

Role = Literal["member", "supplier", "field_staff", "admin", "fund_officer", "reviewer"]
ROLES: tuple[str, ...] = ("member", "supplier", "field_staff", "admin", "fund_officer", "reviewer")


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine code: unauthorized, forbidden, not_found, …")
    message: str = Field(description="English text for logs; not shown to members as is.")
    detail: Any = Field(default=None, description="Anything that helps: field errors, expected values.")


class ErrorBody(BaseModel):
    """The body of every non-2xx answer."""

    error: ErrorDetail


class Collections(BaseModel):
    reference: list[str]
    user: list[str]
    shared: list[str] = Field(
        default_factory=list, description="Records visible beyond their author; each user sees those allowed."
    )


class Ping(BaseModel):
    service: Literal["zanjireh-api"] = "zanjireh-api"
    api_version: int
    schema_version: int
    min_client_schema: int
    server_time: str = Field(description="UTC, ISO 8601 with Z; for display and clock-skew hints only.")
    collections: Collections


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1024)


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=200)


class Me(BaseModel):
    username: str
    role: Role
    org_id: str | None = Field(
        default=None,
        description="The account's organisation: a GEM entity id (E…, a producer), a supplier id (S…) or "
        "'association'; null for an account from before organisations.",
    )


class TokenPair(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: str
    refresh_token: str
    refresh_expires_at: str
    user: Me


class Item(BaseModel):
    """One record in the feed: ``data`` is null for a tombstone."""

    id: str
    version: int
    deleted: bool
    data: dict[str, Any] | None


class ChangesPage(BaseModel):
    collection: str
    schema_version: int
    items: list[Item]
    next_cursor: str = Field(description="Opaque; store it in the same local commit as the items.")
    has_more: bool


class PushOp(BaseModel):
    """One operation from the client's outbox. Fields are loosely typed on purpose: an op that is
    well-formed JSON but wrong in substance gets its own ``rejected`` result instead of failing the
    whole request."""

    model_config = ConfigDict(extra="ignore")

    seq: int = Field(ge=1, description="Per-client sequence number: 1, 2, 3 …")
    # Printable ASCII: the op id is stored with its result, and a NUL in it would fail every retry on PostgreSQL.
    op_id: str = Field(min_length=1, max_length=128, pattern=r"^[!-~]+$", description="Random id of this operation.")
    collection: str = Field(max_length=64)
    record_id: str = Field(max_length=200)
    action: str = Field(max_length=32, description="upsert | delete")
    base_version: int | None = None
    data: Any = None


class PushRequest(BaseModel):
    client_id: str = Field(min_length=1, max_length=64, description="UUID of the install.")
    ops: list[PushOp]
    acked_seq: int | None = Field(
        default=None,
        ge=0,
        description="Every answer up to this seq is applied on the device and never replayed: the server "
        "may forget them.",
    )

    @field_validator("client_id")
    @classmethod
    def _uuid(cls, value: str) -> str:
        uuid.UUID(value)  # ValueError becomes a 422 naming client_id
        return value


class PushResult(BaseModel):
    """The outcome of one op; fields that do not apply to its status are left out."""

    seq: int
    op_id: str
    status: Literal["applied", "duplicate", "conflict", "rejected", "gap"]
    version: int | None = None
    reason: str | None = None
    record: Item | None = None
    original: dict[str, Any] | None = None
    expected_seq: int | None = None
    problems: list[dict[str, str]] | None = None

    @model_serializer(mode="wrap")
    def _omit_unset(self, handler: Any) -> dict[str, Any]:
        # Only top-level keys: a conflicting tombstone must still show ``"data": null``.
        return {key: value for key, value in handler(self).items() if value is not None}


class PushResponse(BaseModel):
    results: list[PushResult]
    last_seq: int = Field(description="Highest seq consumed for this (client_id, user).")
