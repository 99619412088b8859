"""The shapes of user records (favourites, notes) and their record-id rules: one definition for app and server.

The server refuses a pushed record that breaks them (``rejected: invalid_…``); the app refuses a pulled one
the same way, item by item, so neither side ever stores what the other could not.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from models.orgs import SUPPLIER_ID_PATTERN

USER_COLLECTIONS: tuple[str, ...] = ("favourites", "notes")

_ASSET_ID = r"^P\d+$"
_FAVOURITE_ID = re.compile(r"^(?:(plant|mine):P\d+|supplier:S[0-9A-Z-]+)$")
#: What a favourite or a note is about: a plant or mine of the atlas (P…), or a supplier of the directory (S…).
_SUBJECT_ID = r"^(?:P\d+|" + SUPPLIER_ID_PATTERN.strip("^$") + r")$"
_SUBJECT_IDS = {
    "plant": re.compile(_ASSET_ID),
    "mine": re.compile(_ASSET_ID),
    "supplier": re.compile(SUPPLIER_ID_PATTERN),
}
#: U+0000 and lone surrogates: PostgreSQL's text and JSONB refuse them (SQLite takes them), and a
#: surrogate cannot even be written as UTF-8. Refusing them everywhere keeps both backends alike.
_UNSTORABLE = re.compile("[\u0000\ud800-\udfff]")


def unstorable_characters(text: str) -> list[str]:
    """The characters of ``text`` no database of ours can store, as ``U+XXXX`` (none: an empty list)."""
    return sorted({f"U+{ord(ch):04X}" for ch in _UNSTORABLE.findall(text)})


def _storable(text: str) -> str:
    found = unstorable_characters(text)
    if found:
        raise ValueError(f"contains characters that cannot be stored: {', '.join(found)}")
    return text


#: A string that can be stored on every backend.
StorableText = Annotated[str, AfterValidator(_storable)]


class _UserRecord(BaseModel):
    # Unknown fields are refused rather than dropped: silently losing part of a member's data is
    # worse than parking the op and showing it.
    model_config = ConfigDict(extra="forbid", frozen=True)


class _AboutSubject(_UserRecord):
    """A record about a plant or mine (``asset_id`` P…) or a supplier (``asset_id`` S…, ``kind`` supplier)."""

    @model_validator(mode="after")
    def _id_of_its_kind(self) -> _AboutSubject:
        kind, subject = getattr(self, "kind"), getattr(self, "asset_id")  # noqa: B009 — the subclasses' fields
        if not _SUBJECT_IDS[kind].fullmatch(subject):
            raise ValueError(f"a {kind}'s id looks like {'S1042' if kind == 'supplier' else 'P100000120584'}")
        return self


class Favourite(_AboutSubject):
    """A starred plant, mine or supplier; its record id is ``<kind>:<asset_id>`` on every device."""

    kind: Literal["plant", "mine", "supplier"]
    asset_id: str = Field(pattern=_SUBJECT_ID, max_length=40)
    created_at: dt.datetime  # device clock, display only


class Note(_AboutSubject):
    """A member's own note about a plant, a mine or a supplier."""

    asset_id: str = Field(pattern=_SUBJECT_ID, max_length=40)
    kind: Literal["plant", "mine", "supplier"]
    text: StorableText = Field(min_length=1, max_length=10_000)
    updated_at: dt.datetime  # device clock, display only


MODELS: dict[str, type[_UserRecord]] = {"favourites": Favourite, "notes": Note}


class InvalidRecord(Exception):
    """A record that can never be stored as it is; ``reason`` starts with a stable code and names the field."""

    def __init__(self, reason: str, problems: list[dict[str, str]] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.problems = problems or []


def check_record_id(collection: str, record_id: str) -> None:
    """Favourites have deterministic ids (``plant:P…``); notes have UUIDs made on the device."""
    if collection == "favourites":
        if not _FAVOURITE_ID.fullmatch(record_id):
            raise InvalidRecord("invalid_record_id: favourites ids are '<plant|mine|supplier>:<id>'")
    elif collection == "notes":
        try:
            uuid.UUID(record_id)
        except (ValueError, AttributeError, TypeError):
            raise InvalidRecord("invalid_record_id: notes ids are UUIDs") from None
        if len(record_id) not in (32, 36):
            raise InvalidRecord("invalid_record_id: notes ids are UUIDs")
    else:
        raise InvalidRecord(f"unknown_collection: {collection!r}")


def validate_data(collection: str, record_id: str, data: Any) -> dict[str, Any]:
    """The record as it is stored (normalised JSON), or ``InvalidRecord`` naming the fields."""
    if not isinstance(data, dict):
        raise InvalidRecord("invalid_data: data must be a JSON object")
    try:
        record = MODELS[collection].model_validate(data)
    except ValidationError as error:
        problems = [
            {"field": ".".join(str(part) for part in e["loc"]) or "data", "message": e["msg"]}
            for e in error.errors(include_url=False)
        ]
        listed = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        raise InvalidRecord(f"invalid_data: {listed}", problems) from None
    if isinstance(record, Favourite) and record_id != f"{record.kind}:{record.asset_id}":
        raise InvalidRecord(
            f"invalid_record_id: a favourite of {record.kind} {record.asset_id} has the id "
            f"'{record.kind}:{record.asset_id}'"
        )
    return record.model_dump(mode="json")


def check_record(collection: str, record_id: str, data: Any) -> dict[str, Any]:
    """Id and data together: what a pulled or pushed upsert must pass."""
    check_record_id(collection, record_id)
    return validate_data(collection, record_id, data)
