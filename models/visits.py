"""Field visits: the record an auditor fills in at a supplier's works, its states, and its rules.

A visit is a *shared* record (collection ``visits``, id a UUID made on the device) written by its
author — a field-staff account — and read by the association. It names a checklist version, holds
the answers, notes per question, photos by content hash, the location where it was filled in,
findings, and the auditor's proposed outcome. The server adds what only it may say: the author, its
own clock's times, the scores (computed from the template), the distance to the supplier's recorded
site, and the decision once an admin makes one (``models/qualification.py``).

States: ``draft`` (the author edits it; it syncs as a draft so a lost phone loses nothing) →
``submitted`` (sealed: nobody edits it again) → ``decided`` or ``revisit_requested`` (set by the
server when an admin decides). Suppliers never read visits: they read the decisions about them.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from models.categories import CODE_PATTERN
from models.checklists import NOT_APPLICABLE, TEMPLATE_ID_PATTERN, ChecklistTemplate, Outcome, score_visit
from models.geo import haversine_km
from models.orgs import SUPPLIER_ID_PATTERN, Role, Viewer
from models.photos import SHA256_PATTERN, PhotoRef
from models.suppliers import Supplier

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_UUID = re.compile(UUID_PATTERN)

#: A visit filled in farther than this from the supplier's recorded site is flagged to the reviewer
#: (beyond the reported accuracy of the location): industrial towns put works a few km apart.
FAR_FROM_SITE_KM = 3.0
MAX_ANSWERS = 500
MAX_PHOTOS = 200
MAX_FINDINGS = 100
NOTE_MAX = 4000


class VisitState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"  # sealed by its author
    DECIDED = "decided"  # an admin approved, approved with conditions, or rejected
    REVISIT_REQUESTED = "revisit_requested"  # an admin asked for another visit


SEALED_STATES = frozenset({VisitState.SUBMITTED, VisitState.DECIDED, VisitState.REVISIT_REQUESTED})
#: States an author may push; the later ones are the server's to set.
AUTHOR_STATES = frozenset({VisitState.DRAFT, VisitState.SUBMITTED})


class LocationSource(StrEnum):
    DEVICE = "device"  # the phone's location service
    TYPED = "typed"  # coordinates typed in
    MAP = "map"  # a point picked on the map


class VisitLocation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    #: The radius (m) the source vouches for; None when it gives none (typed, picked on a map).
    accuracy_m: float | None = Field(default=None, ge=0, le=100_000)
    source: LocationSource
    at: dt.datetime | None = None  # device clock, display only


class Severity(StrEnum):
    MAJOR = "major"  # a requirement not met in a way that risks the product
    MINOR = "minor"  # a lapse that does not yet risk the product
    OBSERVATION = "observation"  # worth improving
    STRENGTH = "strength"  # worth telling others


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")
    severity: Severity
    text: str = Field(min_length=1, max_length=NOTE_MAX)
    question: str | None = Field(default=None, max_length=100)
    photos: tuple[str, ...] = Field(default=(), max_length=20)

    @field_validator("photos")
    @classmethod
    def _hashes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for sha in value:
            if not re.fullmatch(SHA256_PATTERN, sha):
                raise ValueError(f"{sha!r} is not a photo's SHA-256")
        return value


class Proposal(BaseModel):
    """The auditor's proposed outcome; an admin decides (``models/qualification.py``)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    outcome: Outcome
    reasons: str = Field(min_length=1, max_length=NOTE_MAX)
    conditions: str | None = Field(default=None, max_length=NOTE_MAX)
    conditions_due: dt.date | None = None


#: Fields of a visit only the server writes (a client's copy may carry them; the server replaces them).
SERVER_VISIT_FIELDS = frozenset(
    {"author", "created_at", "updated_at", "sealed_at", "scores", "site_distance_km", "far_from_site",
     "decision_outcome", "decided_at", "decided_by"}
)  # fmt: skip


class Visit(BaseModel):
    """A field visit (collection ``visits``, id = ``id``)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(pattern=UUID_PATTERN)
    supplier_id: str = Field(pattern=SUPPLIER_ID_PATTERN)
    categories: tuple[str, ...] = Field(min_length=1, max_length=20)
    template_id: str = Field(pattern=TEMPLATE_ID_PATTERN)
    template_version: int = Field(ge=1)
    planned_on: dt.date | None = None
    visited_on: dt.date | None = None
    #: question id → answer: true/false, 0–5, a number, an option id, a text, photo hashes, or "na".
    answers: dict[str, bool | int | float | str | list[str]] = Field(default_factory=dict)
    #: question id → the auditor's note on it (internal: never shown to the supplier).
    notes: dict[str, str] = Field(default_factory=dict)
    photos: tuple[PhotoRef, ...] = Field(default=(), max_length=MAX_PHOTOS)
    location: VisitLocation | None = None
    findings: tuple[Finding, ...] = Field(default=(), max_length=MAX_FINDINGS)
    #: Who was met, and the auditor's overall summary (internal).
    met_with: str | None = Field(default=None, max_length=1000)
    summary: str | None = Field(default=None, max_length=NOTE_MAX)
    proposal: Proposal | None = None
    state: VisitState = VisitState.DRAFT
    #: The visit this one repeats, when an admin asked for a re-visit.
    revisit_of: str | None = Field(default=None, pattern=UUID_PATTERN)
    started_at: dt.datetime | None = None  # device clock, display only
    submitted_at: dt.datetime | None = None  # device clock, display only
    demo: bool = False
    # ---- set by the server ---------------------------------------------------------------------------
    author: str | None = Field(default=None, max_length=64)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    sealed_at: dt.datetime | None = None
    scores: dict[str, Any] | None = None
    site_distance_km: float | None = None
    far_from_site: bool | None = None
    decision_outcome: str | None = None
    decided_at: dt.datetime | None = None
    decided_by: str | None = Field(default=None, max_length=64)

    @field_validator("categories")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            if not re.fullmatch(CODE_PATTERN, code):
                raise ValueError(f"{code!r} is not a category code")
        if len(set(value)) != len(value):
            raise ValueError("a category is named twice")
        return value

    @field_validator("answers")
    @classmethod
    def _answers(cls, value: dict[str, Any]) -> dict[str, Any]:
        if len(value) > MAX_ANSWERS:
            raise ValueError(f"at most {MAX_ANSWERS} answers")
        for key, answer in value.items():
            if isinstance(answer, str) and len(answer) > NOTE_MAX:
                raise ValueError(f"{key}: an answer of at most {NOTE_MAX} characters")
            if isinstance(answer, list) and len(answer) > 20:
                raise ValueError(f"{key}: at most 20 photos per answer")
        return value

    @field_validator("notes")
    @classmethod
    def _notes(cls, value: dict[str, str]) -> dict[str, str]:
        if len(value) > MAX_ANSWERS:
            raise ValueError(f"at most {MAX_ANSWERS} notes")
        for key, note in value.items():
            if len(note) > NOTE_MAX:
                raise ValueError(f"{key}: a note of at most {NOTE_MAX} characters")
        return value

    @model_validator(mode="after")
    def _photos_unique(self) -> Visit:
        hashes = [p.sha256 for p in self.photos]
        if len(set(hashes)) != len(hashes):
            raise ValueError("photos: a photo is listed twice")
        return self

    @property
    def sealed(self) -> bool:
        return self.state in SEALED_STATES

    @property
    def template_key(self) -> str:
        return f"{self.template_id}@{self.template_version}"

    def photo_hashes(self) -> list[str]:
        """Every photo the visit names (its photo list, answers and findings), each once, in order."""
        seen: dict[str, None] = {p.sha256: None for p in self.photos}
        for answer in self.answers.values():
            if isinstance(answer, list):
                seen.update(dict.fromkeys(answer))
        for finding in self.findings:
            seen.update(dict.fromkeys(finding.photos))
        return list(seen)


def new_visit_id() -> str:
    """A visit's id, made on the device so the visit exists before any sync."""
    return str(uuid.uuid4())


def is_visit_id(text: str) -> bool:
    return bool(_UUID.fullmatch(text))


def authored_part(visit: Mapping[str, Any]) -> dict[str, Any]:
    """A visit's data without the fields only the server writes (what an author pushes)."""
    return {k: v for k, v in visit.items() if k not in SERVER_VISIT_FIELDS}


# ---- the location check ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LocationCheck:
    """How far the visit was filled in from the supplier's recorded site, and whether that is too far."""

    distance_km: float | None  # None when the supplier has no recorded site or the visit no location
    threshold_km: float
    accuracy_m: float | None
    far: bool  # beyond the threshold even allowing for the location's accuracy

    @property
    def known(self) -> bool:
        return self.distance_km is not None


def check_location(
    location: VisitLocation | None, supplier: Supplier | None, threshold_km: float = FAR_FROM_SITE_KM
) -> LocationCheck:
    """Distance from ``location`` to the supplier's site; far when it exceeds ``threshold_km`` by more
    than the location's own accuracy (a 5 km reading with 4 km accuracy is not flagged)."""
    if location is None or supplier is None or not supplier.has_point:
        accuracy = location.accuracy_m if location is not None else None
        return LocationCheck(None, threshold_km, accuracy, False)
    assert supplier.lat is not None and supplier.lon is not None
    distance = haversine_km(location.lat, location.lon, supplier.lat, supplier.lon)
    slack_km = (location.accuracy_m or 0.0) / 1000.0
    return LocationCheck(distance, threshold_km, location.accuracy_m, distance - slack_km > threshold_km)


# ---- what a submitted visit must have ---------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """Why a visit cannot be submitted yet: a stable code and the field or question it concerns."""

    code: str
    field: str

    def text(self) -> str:
        return f"{self.field}: {self.code}"


def submission_problems(visit: Visit, template: ChecklistTemplate | None) -> list[Problem]:
    """Everything missing or wrong for ``visit`` to be submitted against ``template`` (empty: it may be).

    The app shows these before it lets the auditor submit; the server refuses a submission that has
    any (``incomplete``), so a sealed visit is always a complete one.
    """
    problems: list[Problem] = []
    if template is None or template.key != visit.template_key:
        return [Problem("no_such_template", "template")]
    if visit.visited_on is None:
        problems.append(Problem("required", "visited_on"))
    if visit.location is None:
        problems.append(Problem("required", "location"))
    score = score_visit(template, visit.answers)
    problems += [Problem("required", f"answers.{q}") for q in score.missing_required]
    problems += [Problem(code, f"answers.{q}") for q, code in score.invalid]
    unknown = sorted(set(visit.answers) - {q.id for _, q in template.questions()})
    problems += [Problem("not_a_question", f"answers.{q}") for q in unknown]
    listed = {p.sha256 for p in visit.photos}
    for question_id, answer in visit.answers.items():
        if isinstance(answer, list):
            problems += [Problem("photo_not_listed", f"answers.{question_id}") for sha in answer if sha not in listed]
    for finding in visit.findings:
        missing = [sha for sha in finding.photos if sha not in listed]
        problems += [Problem("photo_not_listed", f"findings.{finding.id}") for _ in missing]
    proposal = visit.proposal
    if proposal is None:
        problems.append(Problem("required", "proposal"))
    elif proposal.outcome is Outcome.CONDITIONAL:
        if not (proposal.conditions or "").strip():
            problems.append(Problem("required", "proposal.conditions"))
        if proposal.conditions_due is None:
            problems.append(Problem("required", "proposal.conditions_due"))
    return problems


def answered_count(visit: Visit, template: ChecklistTemplate) -> tuple[int, int]:
    """(answered, asked) over the questions the answers call for — the visit list's "23/41"."""
    score = score_visit(template, visit.answers)
    return sum(s.answered for s in score.sections), sum(s.asked for s in score.sections)


# ---- who may see and write visits (the server enforces these; the app checks them before queueing) ------------
class VisitRefused(Exception):
    """A write the rules do not allow; ``code`` is stable (the push answer's ``rejected`` reason)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def visit_visible(viewer: Viewer, visit: Mapping[str, Any]) -> bool:
    """Admins see every visit; field staff see every sealed visit and their own drafts; nobody else
    sees visits (a supplier sees the decisions about it, never the visit's internal notes)."""
    if viewer.role is Role.ADMIN:
        return True
    if viewer.role is not Role.FIELD_STAFF:
        return False
    if visit.get("state") != VisitState.DRAFT.value:
        return True
    return viewer.username is not None and visit.get("author") == viewer.username


def check_visit_write(
    viewer: Viewer, *, stored: Mapping[str, Any] | None, incoming_state: str | None, delete: bool = False
) -> None:
    """Raise ``VisitRefused`` unless ``viewer`` may write (or delete) a visit stored as ``stored``.

    Only field staff write visits; a visit is edited only by its author and only while a draft; a
    sealed visit is never edited or deleted; an author sets only ``draft`` or ``submitted``."""
    if viewer.role is not Role.FIELD_STAFF:
        raise VisitRefused("role_may_not_write", f"a {viewer.role.value} account does not write visits")
    if stored is not None:
        if stored.get("author") != viewer.username:
            raise VisitRefused("not_your_visit", "only the visit's author edits it")
        if stored.get("state") != VisitState.DRAFT.value:
            raise VisitRefused("visit_sealed", "the visit was submitted and is sealed")
    if delete:
        if stored is None:
            raise VisitRefused("no_such_visit", "there is no such visit")
        return
    if incoming_state not in {s.value for s in AUTHOR_STATES}:
        raise VisitRefused("state_set_by_server", "an author saves a draft or submits; decisions set the rest")


def clean_answers(visit: Visit, template: ChecklistTemplate) -> dict[str, Any]:
    """The answers of the questions asked (hidden questions' answers dropped) — what a report shows."""
    from models.checklists import visible_questions

    shown = visible_questions(template, visit.answers)
    return {k: v for k, v in visit.answers.items() if k in shown and v is not None}


def is_not_applicable(value: Any) -> bool:
    return isinstance(value, str) and value == NOT_APPLICABLE
