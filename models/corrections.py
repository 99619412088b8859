"""Corrections from the field: a user's proposal to change one field of a plant, mine or supplier record.

Any signed-in user proposes (collection ``corrections``, a shared collection; id a UUID made on the
device, so it is made offline like a visit), with a note, photos and the device's location. An admin
accepts or declines. An accepted correction changes the record for everyone — the server writes a
new version of it, with the correction named as the source of that field (``corrected``) — and is
kept as an *overlay*: every later GEM or register import applies the accepted corrections again over
what it read (``apply_correction``), in the order they were accepted, so a re-import does not undo
them. The proposer sees the outcome (state and the admin's note) in their feed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from models.enums import Status
from models.orgs import Role, Viewer
from models.photos import PhotoRef
from models.visits import UUID_PATTERN, VisitLocation


class TargetKind(StrEnum):
    PLANT = "plant"
    MINE = "mine"
    SUPPLIER = "supplier"


class CorrectedField(StrEnum):
    LOCATION = "location"  # {"lat": …, "lon": …}
    NAME_FA = "name_fa"
    NAME_EN = "name_en"
    STATUS = "status"  # a Status: a plant's every unit, or a mine
    OWNER = "owner"  # {"name": …, "name_fa": …, "gem_id": …}
    WORKFORCE = "workforce"
    ADDRESS_FA = "address_fa"
    CITY_FA = "city_fa"
    PHONE = "phone"
    EMAIL = "email"
    WEBSITE = "website"


#: What may be corrected on each kind of record.
FIELDS: dict[TargetKind, tuple[CorrectedField, ...]] = {
    TargetKind.PLANT: (
        CorrectedField.LOCATION, CorrectedField.NAME_FA, CorrectedField.NAME_EN, CorrectedField.STATUS,
        CorrectedField.OWNER, CorrectedField.WORKFORCE, CorrectedField.ADDRESS_FA,
    ),
    TargetKind.MINE: (
        CorrectedField.LOCATION, CorrectedField.NAME_FA, CorrectedField.NAME_EN, CorrectedField.STATUS,
        CorrectedField.OWNER,
    ),
    TargetKind.SUPPLIER: (
        CorrectedField.LOCATION, CorrectedField.NAME_FA, CorrectedField.NAME_EN, CorrectedField.CITY_FA,
        CorrectedField.PHONE, CorrectedField.EMAIL, CorrectedField.WEBSITE,
    ),
}  # fmt: skip
#: The reference collection each kind lives in.
COLLECTIONS: dict[TargetKind, str] = {
    TargetKind.PLANT: "plants",
    TargetKind.MINE: "mines",
    TargetKind.SUPPLIER: "suppliers",
}


class CorrectionState(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # the proposer took it back before a decision


FINAL_STATES = frozenset({CorrectionState.ACCEPTED, CorrectionState.DECLINED, CorrectionState.WITHDRAWN})


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PointValue(_Value):
    lat: float = Field(ge=24, le=40.5)  # Iran's extent, with a margin
    lon: float = Field(ge=43.5, le=64)


class OwnerValue(_Value):
    name: str = Field(min_length=1, max_length=300)
    name_fa: str | None = Field(default=None, max_length=300)
    gem_id: str | None = Field(default=None, pattern=r"^E\d{6,15}$")


_TEXT_RULES: dict[CorrectedField, tuple[int, str | None]] = {
    CorrectedField.NAME_FA: (300, None),
    CorrectedField.NAME_EN: (300, None),
    CorrectedField.ADDRESS_FA: (500, None),
    CorrectedField.CITY_FA: (100, None),
    CorrectedField.PHONE: (40, r"^\+?[0-9 ()-]{4,40}$"),
    CorrectedField.EMAIL: (200, r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    CorrectedField.WEBSITE: (300, r"^https?://\S+$"),
}


def check_value(field: CorrectedField, value: Any) -> Any:
    """The value normalised as stored, or ``ValueError`` saying what is wrong with it."""
    if field is CorrectedField.LOCATION:
        return _model_value(PointValue, value)
    if field is CorrectedField.OWNER:
        return _model_value(OwnerValue, value)
    if field is CorrectedField.STATUS:
        try:
            return Status(value).value
        except ValueError:
            raise ValueError(f"{value!r} is not a status ({', '.join(s.value for s in Status)})") from None
    if field is CorrectedField.WORKFORCE:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 500_000:
            raise ValueError("a workforce is a whole number of people")
        return value
    limit, pattern = _TEXT_RULES[field]
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise ValueError(f"a text of 1 to {limit} characters")
    text = value.strip()
    if pattern is not None and not re.fullmatch(pattern, text):
        raise ValueError(f"{text!r} is not a valid {field.value}")
    return text


def _model_value(model: type[_Value], value: Any) -> dict[str, Any]:
    try:
        return model.model_validate(value).model_dump(mode="json")
    except ValidationError as error:
        raise ValueError("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())) from None


#: Correction fields only the server writes.
SERVER_CORRECTION_FIELDS = frozenset({"proposed_by", "proposed_at", "decided_by", "decided_at"})
#: What an admin's decision op carries (the rest stays as the proposer wrote it).
DECISION_FIELDS = frozenset({"state", "decision_note"})


class Correction(BaseModel):
    """A proposed correction (collection ``corrections``, id = ``id``)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(pattern=UUID_PATTERN)
    target_kind: TargetKind
    target_id: str = Field(min_length=2, max_length=40)
    field: CorrectedField
    value: Any
    #: Why, and what the proposer saw.
    note: str | None = Field(default=None, max_length=4000)
    photos: tuple[PhotoRef, ...] = Field(default=(), max_length=20)
    #: Where the proposer's device was when the correction was made.
    location: VisitLocation | None = None
    state: CorrectionState = CorrectionState.PROPOSED
    decision_note: str | None = Field(default=None, max_length=4000)
    made_at: dt.datetime | None = None  # device clock, display only
    # ---- set by the server ---------------------------------------------------------------------------
    proposed_by: str | None = Field(default=None, max_length=64)
    proposed_at: dt.datetime | None = None
    decided_by: str | None = Field(default=None, max_length=64)
    decided_at: dt.datetime | None = None

    @model_validator(mode="after")
    def _field_fits(self) -> Correction:
        if self.field not in FIELDS[self.target_kind]:
            raise ValueError(f"a {self.target_kind.value}'s {self.field.value} is not corrected from the field")
        object.__setattr__(self, "value", check_value(self.field, self.value))
        return self


# ---- applying an accepted correction ------------------------------------------------------------------------
def apply_correction(kind: TargetKind, record: Mapping[str, Any], correction: Correction) -> dict[str, Any]:
    """The record (its JSON) with ``correction`` applied and named as the source of that field.

    Applying the same correction twice gives the same record, so importers can apply every accepted
    correction again after each import."""
    data = dict(record)
    field, value = correction.field, correction.value
    if field is CorrectedField.LOCATION:
        if kind is TargetKind.SUPPLIER:
            data["lat"], data["lon"] = value["lat"], value["lon"]
        else:
            place = dict(data.get("place") or {})
            place["point"] = {"lat": value["lat"], "lon": value["lon"], "accuracy": "exact"}
            data["place"] = place
    elif field is CorrectedField.STATUS:
        if kind is TargetKind.MINE:
            data["status"] = value
        else:
            data["capacities"] = [{**c, "status": value} for c in data.get("capacities") or []]
    elif field is CorrectedField.OWNER:
        data["owners"] = [{"name": value["name"], "name_fa": value.get("name_fa"), "gem_id": value.get("gem_id")}]
    elif field is CorrectedField.ADDRESS_FA:
        data["place"] = {**(data.get("place") or {}), "address_fa": value}
    else:  # name_fa, name_en, workforce, city_fa, phone, email, website: a field of the record itself
        data[field.value] = value
    mark = {
        "field": field.value,
        "correction_id": correction.id,
        "proposed_by": correction.proposed_by,
        "accepted_on": correction.decided_at.date().isoformat() if correction.decided_at else None,
    }
    data["corrected"] = [m for m in data.get("corrected") or [] if m.get("field") != field.value] + [mark]
    return data


# ---- who sees and writes corrections ------------------------------------------------------------------------
class CorrectionRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def correction_visible(viewer: Viewer, correction: Mapping[str, Any]) -> bool:
    """The proposer sees their own corrections and what became of them; admins and field staff see all."""
    if viewer.role in (Role.ADMIN, Role.FIELD_STAFF):
        return True
    return viewer.username is not None and correction.get("proposed_by") == viewer.username


def is_decision(data: Mapping[str, Any]) -> bool:
    """Whether an op on a correction is an admin's decision (state and note only) or the proposal itself."""
    return bool(data) and set(data) <= DECISION_FIELDS


def check_correction_write(viewer: Viewer, *, stored: Mapping[str, Any] | None, data: Mapping[str, Any]) -> None:
    """Raise ``CorrectionRefused`` unless ``viewer`` may write ``data`` over ``stored``.

    Anyone signed in proposes; the proposer edits or withdraws while it is proposed; an admin accepts or
    declines a proposed correction; nothing changes once decided or withdrawn."""
    if stored is not None and stored.get("state") in {s.value for s in FINAL_STATES}:
        raise CorrectionRefused("correction_closed", f"the correction is {stored.get('state')}")
    if is_decision(data):
        if viewer.role is not Role.ADMIN:
            raise CorrectionRefused("role_may_not_decide", "only an admin accepts or declines a correction")
        if stored is None:
            raise CorrectionRefused("no_such_correction", "there is no such correction")
        if data.get("state") not in (CorrectionState.ACCEPTED.value, CorrectionState.DECLINED.value):
            raise CorrectionRefused("invalid_decision", "a decision accepts or declines")
        return
    if stored is not None and stored.get("proposed_by") != viewer.username:
        raise CorrectionRefused("not_your_correction", "only its proposer changes a proposal")
    if data.get("state") not in (CorrectionState.PROPOSED.value, CorrectionState.WITHDRAWN.value):
        raise CorrectionRefused("state_set_by_admin", "a proposer proposes or withdraws; an admin decides")
    if stored is None and data.get("state") != CorrectionState.PROPOSED.value:
        raise CorrectionRefused("state_set_by_admin", "a new correction is proposed")
