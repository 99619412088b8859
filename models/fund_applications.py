"""An application's content (the call's form as a supplier fills it), its checks, and its seal.

A draft is kept on the device and may be incomplete: ``ApplicationContent`` accepts empty sections.
Sealing checks the content against the call and the programme (``seal_problems``: codes with fields
and parameters, none of them words), then fixes it: the SHA-256 of its canonical JSON and the
device's time (``Seal``). The server recomputes the hash from the content it receives, so what it
stores is exactly what was sealed (docs/fund.md, "Sealing").

A need the application answers is copied in as it was when the supplier chose it (``NeedRef``,
prefilled by ``need_ref``): the application says what was asked for even if the need changes later.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from models.categories import CODE_PATTERN
from models.fund_programmes import (
    CALL_ID_PATTERN,
    Call,
    GuaranteeKind,
    GuaranteeSecurity,
    Instrument,
    Programme,
    QuestionKind,
)
from models.needs import ASSET_ID_PATTERN, NEED_ID_PATTERN, Need, QuantityUnit
from models.orgs import PRODUCER_ID_PATTERN, SUPPLIER_ID_PATTERN

#: The name of an attachment: the SHA-256 of its bytes (as visits' photos are named).
SHA256_PATTERN = r"^[0-9a-f]{64}$"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_ITEM_ID = r"^[A-Za-z0-9_-]{1,40}$"
TRL_RANGE = (1, 9)


class _Form(BaseModel):
    # extra="forbid": the server validates pushed content with these models, and a field it does not
    # know would otherwise be dropped silently from what the supplier sealed.
    model_config = ConfigDict(frozen=True, extra="forbid")


class BudgetKind(StrEnum):
    EQUIPMENT = "equipment"
    MATERIALS = "materials"
    PERSONNEL = "personnel"
    TESTING = "testing"  # tests, lab and certification
    TOOLING = "tooling"  # moulds, dies, fixtures
    SERVICES = "services"  # subcontracted work and consultants
    TRAINING = "training"
    OTHER = "other"


class BudgetLine(_Form):
    id: str = Field(pattern=_ITEM_ID)
    kind: BudgetKind
    description: str = Field(default="", max_length=1000)
    amount_irr: int = Field(ge=0, le=10**16)


class PlannedMilestone(_Form):
    """A stage with an assessable result and the tranche paid when it is accepted."""

    id: str = Field(pattern=_ITEM_ID)
    title: str = Field(default="", max_length=300)
    deliverable: str = Field(default="", max_length=2000)
    #: Months after the agreement starts.
    month: int = Field(default=1, ge=0, le=240)
    tranche_irr: int = Field(default=0, ge=0, le=10**16)


class NeedRef(_Form):
    """A localization need the application answers, as it stood when the supplier chose it."""

    need_id: str = Field(pattern=NEED_ID_PATTERN)
    plant_id: str = Field(pattern=ASSET_ID_PATTERN)
    producer_org: str = Field(pattern=PRODUCER_ID_PATTERN)
    item_fa: str = Field(min_length=1, max_length=300)
    item_en: str | None = Field(default=None, max_length=300)
    category: str = Field(pattern=CODE_PATTERN)
    oem: str | None = Field(default=None, max_length=200)
    part_number: str | None = Field(default=None, max_length=100)
    annual_qty: float | None = Field(default=None, gt=0)
    unit: QuantityUnit | None = None
    origin_country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    annual_fx_eur: float | None = Field(default=None, ge=0)
    demo: bool = False


def need_ref(need: Need) -> NeedRef:
    """The prefilled copy of ``need`` an application carries."""
    return NeedRef(
        need_id=need.id,
        plant_id=need.plant_id,
        producer_org=need.producer_org,
        item_fa=need.item_fa,
        item_en=need.item_en,
        category=need.category,
        oem=need.oem,
        part_number=need.part_number,
        annual_qty=need.annual_qty,
        unit=need.unit,
        origin_country=need.origin_country,
        annual_fx_eur=need.annual_fx_eur,
        demo=need.demo,
    )


class CoApplicantKind(StrEnum):
    SUPPLIER = "supplier"  # another supplier of the directory (supplier_id)
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    COMPANY = "company"
    OTHER = "other"


class CoApplicant(_Form):
    id: str = Field(pattern=_ITEM_ID)
    kind: CoApplicantKind
    name_fa: str = Field(default="", max_length=300)
    name_en: str | None = Field(default=None, max_length=300)
    supplier_id: str | None = Field(default=None, pattern=SUPPLIER_ID_PATTERN)
    role: str = Field(default="", max_length=500)
    share_pct: float = Field(default=0, ge=0, le=100)


class AttachmentRef(_Form):
    """A file the application names by the SHA-256 of its bytes; the bytes travel through the upload queue."""

    document: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")  # the call's RequiredDocument code
    sha256: str = Field(pattern=SHA256_PATTERN)
    file_name: str = Field(min_length=1, max_length=255)
    mime: str = Field(pattern=r"^[a-z]+/[a-z0-9.+-]+$")
    bytes: int = Field(ge=1)


class GuaranteeRequest(_Form):
    kind: GuaranteeKind
    beneficiary: str = Field(default="", max_length=300)  # the employer or buyer the guarantee is for
    months: int = Field(default=12, ge=1, le=120)
    security: GuaranteeSecurity = GuaranteeSecurity.CASH_DEPOSIT


Answer = str | float | bool


class ApplicationContent(_Form):
    """What a supplier fills in: the call's fixed sections and its own questions (``answers``)."""

    call_id: str = Field(pattern=CALL_ID_PATTERN)
    supplier_id: str = Field(pattern=SUPPLIER_ID_PATTERN)
    title_fa: str = Field(default="", max_length=300)
    title_en: str = Field(default="", max_length=300)
    summary: str = Field(default="", max_length=10_000)
    requested_irr: int = Field(default=0, ge=0, le=10**16)
    own_contribution_irr: int = Field(default=0, ge=0, le=10**16)
    term_months: int | None = Field(default=None, ge=1, le=240)
    grace_months: int | None = Field(default=None, ge=0, le=60)
    guarantee: GuaranteeRequest | None = None
    budget: tuple[BudgetLine, ...] = ()
    milestones: tuple[PlannedMilestone, ...] = ()
    trl_now: int | None = Field(default=None, ge=TRL_RANGE[0], le=TRL_RANGE[1])
    trl_target: int | None = Field(default=None, ge=TRL_RANGE[0], le=TRL_RANGE[1])
    needs: tuple[NeedRef, ...] = ()
    #: Yearly foreign-currency saving the project plans, in euros (prefilled: the needs' yearly FX spend).
    fx_saving_planned_eur: float | None = Field(default=None, ge=0)
    co_applicants: tuple[CoApplicant, ...] = ()
    attachments: tuple[AttachmentRef, ...] = ()
    answers: dict[str, Answer] = Field(default_factory=dict)
    contact_name: str = Field(default="", max_length=200)
    contact_phone: str = Field(default="", max_length=40)
    contact_email: str = Field(default="", max_length=200)

    @field_validator("answers")
    @classmethod
    def _answer_keys(cls, value: dict[str, Answer]) -> dict[str, Answer]:
        for key, answer in value.items():
            if not re.fullmatch(r"^[a-z][a-z0-9_]{0,39}$", key):
                raise ValueError(f"{key!r} is not a question code")
            if isinstance(answer, str) and len(answer) > 20_000:
                raise ValueError(f"{key}: the answer is over 20000 characters")
        return value

    @model_validator(mode="after")
    def _unique_ids(self) -> ApplicationContent:
        for name in ("budget", "milestones", "co_applicants"):
            ids = [item.id for item in getattr(self, name)]
            if len(set(ids)) != len(ids):
                raise ValueError(f"{name}: ids repeat")
        needs = [n.need_id for n in self.needs]
        if len(set(needs)) != len(needs):
            raise ValueError("needs: a need is listed twice")
        return self

    @property
    def plant_ids(self) -> list[str]:
        """The plants behind the needs it answers, in the needs' order, each once."""
        return list(dict.fromkeys(n.plant_id for n in self.needs))

    @property
    def budget_total_irr(self) -> int:
        return sum(line.amount_irr for line in self.budget)

    @property
    def tranches_total_irr(self) -> int:
        return sum(m.tranche_irr for m in self.milestones)

    @property
    def needs_fx_eur(self) -> float:
        return sum(n.annual_fx_eur or 0.0 for n in self.needs)


def new_application_id() -> str:
    """An application's id: a UUID made on the device, so a draft has its id before any sync."""
    return str(uuid.uuid4())


def new_item_id() -> str:
    """An id for a budget line, milestone or co-applicant (short, made on the device)."""
    return uuid.uuid4().hex[:12]


# ---- sealing ---------------------------------------------------------------------------------------
def canonical_json(content: Mapping[str, Any]) -> bytes:
    """The bytes a seal hashes: keys sorted, no spaces, UTF-8 as is. Numbers stay as JSON wrote them, so
    the device and the server, both dumping the same validated model, write the same bytes."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode(
        "utf-8"
    )


def content_sha256(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def content_json(content: ApplicationContent) -> dict[str, Any]:
    """The JSON form of ``content`` that is sealed, sent and stored."""
    return content.model_dump(mode="json")


class Seal(BaseModel):
    """A revision as sealed on the device: its number, the hash of its content and the device's clock.

    ``sealed_at`` is the device's claim, kept beside the server's receipt time for the Fund to judge a
    late sync; no rule of the server trusts it to order or to admit anything on its own."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    revision: int = Field(ge=1, le=1000)
    sha256: str = Field(pattern=SHA256_PATTERN)
    sealed_at: dt.datetime

    @field_validator("sealed_at")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            raise ValueError("sealed_at carries its offset")
        return value.astimezone(dt.UTC)


@dataclass(frozen=True)
class Problem:
    """Something that stops a draft being sealed: a code, the field it concerns, what the words need."""

    code: str
    field: str = ""
    params: Mapping[str, Any] = dc_field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "params": dict(self.params)}


def attachment_problem(document_code: str, call: Call, mime: str, size: int) -> Problem | None:
    """Whether a file of type ``mime`` and ``size`` bytes fits the call's limits for a document (checked on
    the device before it is attached, so a supplier never uploads what will be refused)."""
    document = call.document(document_code)
    if document is None:
        return Problem("unknown_document", "attachments", {"document": document_code})
    if mime not in document.mime_types:
        return Problem("file_type", "attachments", {"document": document_code, "allowed": list(document.mime_types)})
    if size > document.max_bytes:
        return Problem("file_too_large", "attachments", {"document": document_code, "max_bytes": document.max_bytes})
    return None


def seal_problems(content: ApplicationContent, call: Call, programme: Programme) -> list[Problem]:
    """Everything that stops ``content`` being sealed for ``call`` (empty: it may be sealed). The server
    runs the same checks on what it receives."""
    out: list[Problem] = []
    add = out.append
    if content.call_id != call.id or call.programme_id != programme.id:
        add(Problem("wrong_call", "call_id", {"call_id": call.id}))
    for name in ("title_fa", "summary", "contact_name", "contact_phone"):
        if not str(getattr(content, name)).strip():
            add(Problem("required", name))
    _amounts(content, programme, add)
    _plan(content, programme, add)
    if call.target_need_ids and not any(n.need_id in call.target_need_ids for n in content.needs):
        add(Problem("no_targeted_need", "needs", {"targets": list(call.target_need_ids)}))
    shares = sum(c.share_pct for c in content.co_applicants)
    if shares > 100:
        add(Problem("shares_over_100", "co_applicants", {"total": shares}))
    for index, co in enumerate(content.co_applicants):
        if not co.name_fa.strip() and co.supplier_id is None:
            add(Problem("required", f"co_applicants.{index}.name_fa"))
    _attachments(content, call, add)
    _answers(content, call, add)
    return out


def _amounts(content: ApplicationContent, programme: Programme, add: Any) -> None:
    if content.requested_irr <= 0:
        add(Problem("required", "requested_irr"))
    elif not programme.amount_irr.contains(content.requested_irr):
        add(
            Problem(
                "amount_out_of_range",
                "requested_irr",
                {"min": programme.amount_irr.min, "max": programme.amount_irr.max},
            )
        )
    if programme.term_months is not None:
        term = content.term_months
        if term is None:
            add(Problem("required", "term_months"))
        elif not programme.term_months.min <= term <= programme.term_months.max:
            add(
                Problem(
                    "term_out_of_range",
                    "term_months",
                    {"min": programme.term_months.min, "max": programme.term_months.max},
                )
            )
    grace_max = programme.grace_months_max or 0
    if content.grace_months and content.grace_months > grace_max:
        add(Problem("grace_too_long", "grace_months", {"max": programme.grace_months_max or 0}))
    if programme.guarantee is not None:
        if content.guarantee is None:
            add(Problem("required", "guarantee"))
        elif content.guarantee.kind not in programme.guarantee.kinds:
            add(
                Problem(
                    "guarantee_kind_not_offered",
                    "guarantee.kind",
                    {"offered": [k.value for k in programme.guarantee.kinds]},
                )
            )
        elif not content.guarantee.beneficiary.strip():
            add(Problem("required", "guarantee.beneficiary"))
    elif content.guarantee is not None:
        add(Problem("guarantee_not_offered", "guarantee"))


def _plan(content: ApplicationContent, programme: Programme, add: Any) -> None:
    """Budget, milestones and technology level: what a project has; a guarantee has none of them."""
    if programme.instrument is Instrument.GUARANTEE:
        return
    if not content.budget:
        add(Problem("budget_empty", "budget"))
    elif content.budget_total_irr < content.requested_irr:
        add(
            Problem(
                "budget_below_request",
                "budget",
                {"budget": content.budget_total_irr, "requested": content.requested_irr},
            )
        )
    if not content.milestones:
        add(Problem("milestones_empty", "milestones"))
    else:
        if content.tranches_total_irr != content.requested_irr:
            add(
                Problem(
                    "tranches_not_request",
                    "milestones",
                    {"tranches": content.tranches_total_irr, "requested": content.requested_irr},
                )
            )
        for index, milestone in enumerate(content.milestones):
            for name in ("title", "deliverable"):
                if not getattr(milestone, name).strip():
                    add(Problem("required", f"milestones.{index}.{name}"))
    if content.trl_now is None:
        add(Problem("required", "trl_now"))
    if content.trl_target is None:
        add(Problem("required", "trl_target"))
    if content.trl_now is not None and content.trl_target is not None and content.trl_target <= content.trl_now:
        add(Problem("trl_target_not_above_now", "trl_target", {"now": content.trl_now}))


def _attachments(content: ApplicationContent, call: Call, add: Any) -> None:
    counts: dict[str, int] = {}
    for attachment in content.attachments:
        problem = attachment_problem(attachment.document, call, attachment.mime, attachment.bytes)
        if problem is not None:
            add(problem)
        counts[attachment.document] = counts.get(attachment.document, 0) + 1
    for document in call.required_documents:
        held = counts.get(document.code, 0)
        if document.required and held == 0:
            add(Problem("document_missing", "attachments", _document_params(document)))
        if held > document.max_files:
            add(
                Problem("too_many_files", "attachments", _document_params(document) | {"max_files": document.max_files})
            )


def _document_params(document: Any) -> dict[str, Any]:
    """A document named in a problem: its code, and its names so the sentence says «گواهی ثبت», not a code."""
    return {"document": document.code, "document_fa": document.name_fa, "document_en": document.name_en}


def _answers(content: ApplicationContent, call: Call, add: Any) -> None:
    for code in content.answers:
        if call.question(code) is None:
            add(Problem("unknown_question", f"answers.{code}"))
    for question in call.form_questions:
        answer = content.answers.get(question.code)
        where = f"answers.{question.code}"
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            if question.required:
                add(Problem("required", where))
            continue
        kind = question.kind
        wrong_kind = (kind is QuestionKind.YES_NO and not isinstance(answer, bool)) or (
            kind is QuestionKind.NUMBER and (isinstance(answer, bool) or not isinstance(answer, int | float))
        )
        if wrong_kind:
            add(Problem("answer_kind", where, {"kind": kind.value}))
        elif kind is QuestionKind.CHOICE and answer not in {c.code for c in question.choices}:
            add(Problem("answer_choice", where, {"choices": [c.code for c in question.choices]}))
        elif kind in (QuestionKind.TEXT, QuestionKind.LONG_TEXT):
            if not isinstance(answer, str):
                add(Problem("answer_kind", where, {"kind": kind.value}))
            elif len(answer) > question.max_length:
                add(Problem("answer_too_long", where, {"max_length": question.max_length}))


def seal(content: ApplicationContent, revision: int, now: dt.datetime) -> Seal:
    """The seal of ``content`` as revision ``revision``, at the device's ``now``."""
    return Seal(revision=revision, sha256=content_sha256(content_json(content)), sealed_at=now)
