"""Localization needs (an item a producer wants made in Iran, raised against one of its plants), their
workflow, and suppliers' answers to them.

Needs and answers are *shared* records (docs/sync-protocol.md): written by some accounts, read by
many. Who may see and write them is in ``models/access.py``; the moves a need's status may make are
data here (``TRANSITIONS``) with one pure function to check a move (``check_move``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from models.categories import CODE_PATTERN
from models.countries import ISO_ALPHA2
from models.orgs import PRODUCER_ID_PATTERN, SUPPLIER_ID_PATTERN
from models.suppliers import MakingProcess, Origin

#: Needs from the register: N and the register number; demo needs: N-DEMO-nnnnnn; needs raised in the
#: app: a UUID made on the device (the protocol's rule for records created offline).
NEED_ID_PATTERN = r"^(?:N[0-9A-Z]{1,20}|N-DEMO-\d{6}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
_NEED_ID = re.compile(NEED_ID_PATTERN)
_SUPPLIER = re.compile(SUPPLIER_ID_PATTERN)
ASSET_ID_PATTERN = r"^P\d{6,}$"


class NeedStatus(StrEnum):
    OPEN = "open"  # raised, visible to its own organisation only
    PUBLISHED = "published"  # visible to everyone signed in
    MATCHED = "matched"  # one or more suppliers chosen to talk to
    PROTOTYPE = "prototype"  # a first piece is being made
    TRIAL = "trial"  # pieces on trial at the plant
    APPROVED_SOURCE = "approved_source"  # the supplier is an approved source for the item
    CLOSED = "closed"


#: The workflow, in order (the status list a screen shows as steps).
STATUS_ORDER: tuple[NeedStatus, ...] = tuple(NeedStatus)

#: Every allowed move: forward one step, back one step where a step can fail (a match falls through,
#: a prototype or a trial fails), close from anywhere, reopen a closed need.
TRANSITIONS: dict[NeedStatus, frozenset[NeedStatus]] = {
    NeedStatus.OPEN: frozenset({NeedStatus.PUBLISHED, NeedStatus.CLOSED}),
    NeedStatus.PUBLISHED: frozenset({NeedStatus.MATCHED, NeedStatus.OPEN, NeedStatus.CLOSED}),
    NeedStatus.MATCHED: frozenset({NeedStatus.PROTOTYPE, NeedStatus.PUBLISHED, NeedStatus.CLOSED}),
    NeedStatus.PROTOTYPE: frozenset({NeedStatus.TRIAL, NeedStatus.MATCHED, NeedStatus.CLOSED}),
    NeedStatus.TRIAL: frozenset({NeedStatus.APPROVED_SOURCE, NeedStatus.PROTOTYPE, NeedStatus.CLOSED}),
    NeedStatus.APPROVED_SOURCE: frozenset({NeedStatus.CLOSED}),
    NeedStatus.CLOSED: frozenset({NeedStatus.OPEN}),
}

#: Statuses everyone signed in may see ("published or later").
PUBLIC_STATUSES = frozenset(STATUS_ORDER[STATUS_ORDER.index(NeedStatus.PUBLISHED) :])


class MoveRefused(ValueError):
    """A status move the workflow does not allow; ``code`` is stable for the app to translate."""

    def __init__(self, current: NeedStatus, target: NeedStatus) -> None:
        allowed = ", ".join(s.value for s in STATUS_ORDER if s in TRANSITIONS[current])
        super().__init__(f"a need cannot go from {current.value} to {target.value} (allowed: {allowed})")
        self.code = "status_move_not_allowed"
        self.current, self.target = current, target


def allowed_moves(current: NeedStatus) -> list[NeedStatus]:
    """The statuses a need in ``current`` may move to, in workflow order."""
    return [s for s in STATUS_ORDER if s in TRANSITIONS[current]]


def check_move(current: NeedStatus | None, target: NeedStatus) -> None:
    """Raise ``MoveRefused`` unless ``current → target`` is allowed. A new need (``current`` None)
    starts as open or published; staying in the same status is no move and always allowed."""
    if current is None:
        if target not in (NeedStatus.OPEN, NeedStatus.PUBLISHED):
            raise MoveRefused(NeedStatus.OPEN, target)
        return
    if target != current and target not in TRANSITIONS[current]:
        raise MoveRefused(current, target)


class Criticality(StrEnum):
    """A: a stop of the line if it fails and hard to buy; B: important; C: routine."""

    A = "A"
    B = "B"
    C = "C"


class QuantityUnit(StrEnum):
    TONNE = "t"
    KILOGRAM = "kg"
    PIECE = "piece"
    SET = "set"
    METRE = "m"
    CUBIC_METRE = "m3"
    LITRE = "l"


#: Spellings of units met in registers (Persian and English) → unit.
UNIT_ALIASES: dict[str, QuantityUnit] = {
    **{u.value: u for u in QuantityUnit},
    "tonne": QuantityUnit.TONNE,
    "tonnes": QuantityUnit.TONNE,
    "ton": QuantityUnit.TONNE,
    "tons": QuantityUnit.TONNE,
    "تن": QuantityUnit.TONNE,
    "کیلوگرم": QuantityUnit.KILOGRAM,
    "pcs": QuantityUnit.PIECE,
    "pc": QuantityUnit.PIECE,
    "pieces": QuantityUnit.PIECE,
    "عدد": QuantityUnit.PIECE,
    "sets": QuantityUnit.SET,
    "دست": QuantityUnit.SET,
    "ست": QuantityUnit.SET,
    "متر": QuantityUnit.METRE,
    "مترمکعب": QuantityUnit.CUBIC_METRE,
    "لیتر": QuantityUnit.LITRE,
}


class _Shared(BaseModel):
    # extra="ignore" for reading (a newer server may add fields); the server's write path validates
    # pushed data with extra="forbid" so nothing a member typed is dropped silently.
    model_config = ConfigDict(frozen=True, extra="ignore")


class Need(_Shared):
    """A localization need (collection ``needs``, id = ``id``)."""

    id: str = Field(pattern=NEED_ID_PATTERN)
    plant_id: str = Field(pattern=ASSET_ID_PATTERN)  # a GEM plant (or mine) of the atlas
    #: The producer organisation raising it: the plant's GEM owner or parent entity id. Fixed when the
    #: need is raised, so who may see and edit it never depends on a later atlas release.
    producer_org: str = Field(pattern=PRODUCER_ID_PATTERN)
    item_fa: str = Field(min_length=1, max_length=300)
    item_en: str | None = Field(default=None, max_length=300)
    category: str = Field(pattern=CODE_PATTERN)
    oem: str | None = Field(default=None, max_length=200)
    part_number: str | None = Field(default=None, max_length=100)
    summary_fa: str | None = Field(default=None, max_length=4000)
    summary_en: str | None = Field(default=None, max_length=4000)
    annual_qty: float | None = Field(default=None, gt=0)
    unit: QuantityUnit | None = None
    #: Estimated yearly spend in foreign currency, in euros.
    annual_fx_eur: float | None = Field(default=None, ge=0)
    origin_country: str | None = None  # ISO 3166-1 alpha-2
    criticality: Criticality = Criticality.B
    deadline: dt.date | None = None
    status: NeedStatus = NeedStatus.OPEN
    #: What making it takes, when the producer says so (matching checks suppliers' capabilities).
    processes: tuple[MakingProcess, ...] = ()
    part_weight_kg: float | None = Field(default=None, gt=0)
    origin: Origin = Origin.REGISTER
    demo: bool = False
    #: Set by the server on writes from the app (never by the client): who raised it, who last changed
    #: it and when (server clock, display only). A need with ``updated_by`` was edited in the app, and a
    #: register import leaves it as the app has it (docs/sync-protocol.md, shared collections).
    raised_by: str | None = Field(default=None, max_length=64)
    updated_by: str | None = Field(default=None, max_length=64)
    updated_at: dt.datetime | None = None

    @field_validator("origin_country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        if value is not None and value not in ISO_ALPHA2:
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Need:
        if self.annual_qty is not None and self.unit is None:
            raise ValueError("an annual quantity needs its unit")
        if self.origin is Origin.DEMO and not self.demo:
            raise ValueError("a demo record must say demo: true")
        return self

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


def is_need_id(text: str) -> bool:
    return bool(_NEED_ID.fullmatch(text))


class Offer(StrEnum):
    CAN_MAKE = "can_make"
    WITHDRAWN = "withdrawn"


class ReplyState(StrEnum):
    INTERESTED = "interested"  # send us a quotation / let's talk
    SHORTLISTED = "shortlisted"
    NOT_NOW = "not_now"
    DECLINED = "declined"


class Reply(_Shared):
    """The producer's reply to an answer."""

    state: ReplyState
    note: str | None = Field(default=None, max_length=4000)
    by: str | None = Field(default=None, max_length=64)  # username
    at: dt.datetime | None = None  # device clock, display only


class Answer(_Shared):
    """A supplier's "we can make this" for a need, and the producer's reply (collection ``answers``).

    The id is ``<need id>:<supplier id>``: one answer per supplier and need on every device, so two
    staff of one supplier answering offline make one record, not two. The supplier writes ``offer``
    and ``note``; the need's producer writes ``reply``; each side's write leaves the other's fields as
    stored (docs/sync-protocol.md, shared collections). ``producer_org`` and ``plant_id`` are copied
    from the need so that who may see an answer is decided from the answer alone.
    """

    need_id: str = Field(pattern=NEED_ID_PATTERN)
    supplier_id: str = Field(pattern=SUPPLIER_ID_PATTERN)
    producer_org: str = Field(pattern=PRODUCER_ID_PATTERN)
    plant_id: str = Field(pattern=ASSET_ID_PATTERN)
    offer: Offer = Offer.CAN_MAKE
    note: str | None = Field(default=None, max_length=4000)
    offered_by: str | None = Field(default=None, max_length=64)
    offered_at: dt.datetime | None = None  # device clock, display only
    reply: Reply | None = None
    demo: bool = False
    #: The record version at which the server last wrote each side (set by the server): a side's
    #: ``base_version`` is checked against its own part only, so an offer and a reply never conflict.
    offer_version: int | None = None
    reply_version: int | None = None

    @property
    def id(self) -> str:
        return answer_id(self.need_id, self.supplier_id)


def answer_id(need_id: str, supplier_id: str) -> str:
    return f"{need_id}:{supplier_id}"


def split_answer_id(record_id: str) -> tuple[str, str] | None:
    """``(need id, supplier id)`` of an answer id, or None when it is not ``<need id>:<supplier id>``."""
    need_id, sep, supplier_id = record_id.rpartition(":")
    if not sep or not is_need_id(need_id) or not _SUPPLIER.fullmatch(supplier_id):
        return None
    return need_id, supplier_id


# ---- what a client pushes ------------------------------------------------------------------------
class AnswerSide(StrEnum):
    """The two parts of an answer, each written by one side only."""

    OFFER = "offer"  # the supplier's: offer, note, offered_at
    REPLY = "reply"  # the need's producer's: reply


class _Part(BaseModel):
    # Pushed data is refused, never trimmed, when it has fields this side does not write.
    model_config = ConfigDict(frozen=True, extra="forbid")


class OfferPart(_Part):
    """What a supplier pushes for its answer, whole (a field left out is empty); ``offered_by`` is set
    by the server to the account that pushed it."""

    offer: Offer
    note: str | None = Field(default=None, max_length=4000)
    offered_at: dt.datetime | None = None  # device clock, display only
    offered_by: str | None = Field(default=None, max_length=64)  # accepted, replaced by the server


class ReplyPartBody(_Part):
    state: ReplyState
    note: str | None = Field(default=None, max_length=4000)
    at: dt.datetime | None = None  # device clock, display only
    by: str | None = Field(default=None, max_length=64)  # accepted, replaced by the server


class ReplyPart(_Part):
    """What the need's producer pushes: its reply, or null to take the reply back."""

    reply: ReplyPartBody | None


#: The fields of an answer each side writes; the rest are the server's (copied from the need, or versions).
SIDE_FIELDS: dict[AnswerSide, frozenset[str]] = {
    AnswerSide.OFFER: frozenset(OfferPart.model_fields),
    AnswerSide.REPLY: frozenset(ReplyPart.model_fields),
}
#: Need fields only the server writes (a client's copy may carry them; the server replaces them).
SERVER_NEED_FIELDS = frozenset({"raised_by", "updated_by", "updated_at"})


def side_of(data: Mapping[str, Any]) -> AnswerSide | None:
    """Which side an answer op writes, from the fields it carries; None when it mixes sides or has none."""
    keys = set(data)
    for side, fields in SIDE_FIELDS.items():
        if keys and keys <= fields:
            return side
    return None


def new_need_id() -> str:
    """The id of a need raised in the app (made on the device, so it exists before any sync)."""
    return str(uuid.uuid4())
