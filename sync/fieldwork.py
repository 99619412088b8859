"""What the field-visit screens (and the command line) ask of the device: one facade over visit drafts,
photos, the cached checklists, suppliers, visits, decisions and corrections, and the outbox.

Everything here reads the local store only (the UI never waits for the network) and every write is
saved on the device before it returns; the sync engine sends it when it can. Screens call these
through their session state (``views/visits/state.py``), never the stores directly. docs/visits.md
lists the calls, their errors and the states a visit shows.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from models.checklists import ChecklistTemplate, VisitScore, score_visit, templates_for, visible_questions
from models.corrections import (
    SERVER_CORRECTION_FIELDS,
    Correction,
    CorrectionState,
    TargetKind,
)
from models.photos import PhotoRef
from models.qualification import Decision, DecisionPart, DueVisit, due_for_revisit
from models.suppliers import QualificationChange, Supplier
from models.visits import (
    Finding,
    LocationCheck,
    LocationSource,
    Problem,
    Visit,
    VisitLocation,
    VisitState,
    check_location,
    submission_problems,
)
from sync import clock
from sync.errors import StoreError, VisitNotEditable
from sync.photo_downloads import PINNED, pin_supplier, pinned_suppliers
from sync.photo_store import UploadState
from sync.store import LocalStore
from sync.visit_store import LocalVisit


class VisitStatus(StrEnum):
    """Where a visit stands, as its row in a list shows it."""

    DRAFT = "draft"  # being filled in (saved on the device; a copy syncs to the server as a draft)
    WAITING = "waiting"  # submitted on the device, not yet acknowledged by the server
    PHOTOS = "photos"  # the server has the visit; its photos are still going ("photos 3/7 sent")
    SENT = "sent"  # the server has the visit and every photo; waiting for a decision
    DECIDED = "decided"
    REVISIT_REQUESTED = "revisit_requested"
    REFUSED = "refused"  # the server refused the visit (``refused_reason`` says why): shown, not lost


@dataclass(frozen=True)
class VisitSummary:
    """One row of a visit list."""

    id: str
    supplier_id: str
    supplier: Supplier | None
    categories: tuple[str, ...]
    template_key: str
    state: VisitState
    status: VisitStatus
    planned_on: dt.date | None
    visited_on: dt.date | None
    author: str | None
    photos_sent: int
    photos_total: int
    answered: int
    asked: int
    percent: float | None
    far_from_site: bool | None
    decision_outcome: str | None
    refused_reason: str | None
    saved_at: str | None  # device clock of the last save on this device, display only
    editable: bool  # a draft this device holds: answers may change
    resumable: bool  # a draft of this user's the server holds and this device does not (a changed phone)
    demo: bool


@dataclass(frozen=True)
class VisitDetail:
    """Everything a visit's screen shows."""

    visit: Visit
    summary: VisitSummary
    template: ChecklistTemplate | None
    score: VisitScore | None
    asked: frozenset[str]  # ids of the questions the answers call for, in the template's order of sections
    location: LocationCheck
    decision: Decision | None
    problems: tuple[Problem, ...]  # what stands between a draft and its submission


@dataclass(frozen=True)
class CorrectionSummary:
    correction: Correction
    status: str  # "waiting" (not sent yet), "refused", or the correction's state (proposed, accepted …)
    refused_reason: str | None = None
    photos_sent: int = 0
    photos_total: int = 0


@dataclass
class _Ops:
    """The outbox's ops by (collection, record id): whether one waits, and why one was refused."""

    waiting: set[tuple[str, str]] = field(default_factory=set)
    refused: dict[tuple[str, str], str] = field(default_factory=dict)
    data: dict[tuple[str, str], dict[str, Any] | None] = field(default_factory=dict)


class Fieldwork:
    """The client API of field visits, decisions and corrections (docs/visits.md)."""

    def __init__(self, store: LocalStore) -> None:
        self.store = store

    # ---- who and what ---------------------------------------------------------------------------------
    @property
    def username(self) -> str | None:
        return self.store.user.owner

    def templates(self) -> list[ChecklistTemplate]:
        return self.store.reference["checklists"].all()  # type: ignore[no-any-return]

    def template(self, key: str) -> ChecklistTemplate | None:
        return self.store.reference["checklists"].get(key)  # type: ignore[no-any-return]

    def templates_for_supplier(self, supplier_id: str) -> list[ChecklistTemplate]:
        """Checklists to offer for a new visit: those written for the supplier's categories first."""
        supplier = self.store.suppliers.get(supplier_id)
        return templates_for(self.templates(), supplier.categories if supplier else ())

    # ---- lists ---------------------------------------------------------------------------------------
    def my_visits(self) -> list[VisitSummary]:
        """This user's visits: those on the device, and those the server holds (another device's
        drafts, sealed ones already let go of), the most recent first."""
        ops = self._ops()
        rows = {local.id: self._summary(local.visit, local, ops) for local in self.store.visits.all()}
        for visit in self._shared_visits():
            if visit.author == self.username and visit.id not in rows:
                rows[visit.id] = self._summary(visit, None, ops)
        return sorted(rows.values(), key=_recent_first, reverse=True)

    def visits_to_review(self) -> list[VisitSummary]:
        """Submitted visits waiting for a decision (what an admin sees), the longest waiting first."""
        ops = self._ops()
        waiting = [v for v in self._shared_visits() if v.state is VisitState.SUBMITTED]
        waiting.sort(key=lambda v: (v.sealed_at or dt.datetime.max.replace(tzinfo=dt.UTC), v.id))
        return [self._summary(v, None, ops) for v in waiting]

    def supplier_visits(self, supplier_id: str) -> list[VisitSummary]:
        """The sealed visits of one supplier this user may see (the supplier screen's history)."""
        ops = self._ops()
        visits = [v for v in self._shared_visits() if v.supplier_id == supplier_id and v.sealed]
        return sorted((self._summary(v, None, ops) for v in visits), key=_recent_first, reverse=True)

    def standing_history(self, supplier_id: str) -> tuple[QualificationChange, ...]:
        """Every change of the supplier's standing, oldest first (who, when, which visit)."""
        supplier = self.store.suppliers.get(supplier_id)
        return supplier.history if supplier is not None else ()

    def decisions_for(self, supplier_id: str) -> list[Decision]:
        """The decisions about a supplier this user may read (a supplier reads its own), newest first."""
        found = [d for d in self.store.reference["decisions"].all() if d.supplier_id == supplier_id]
        return sorted(found, key=lambda d: d.decided_at, reverse=True)

    def due_for_revisit(self, today: dt.date | None = None) -> list[DueVisit]:
        """Suppliers whose standing lapses soon or has lapsed: computed from the cache, offline."""
        return due_for_revisit(self.store.suppliers.all(), today or clock.now().date())

    # ---- one visit -----------------------------------------------------------------------------------
    def visit(self, visit_id: str) -> VisitDetail | None:
        local = self.store.visits.get(visit_id)
        visit = local.visit if local is not None else self.store.reference["visits"].get(visit_id)
        if visit is None:
            return None
        ops = self._ops()
        template = self.template(visit.template_key)
        supplier = self.store.suppliers.get(visit.supplier_id)
        score = score_visit(template, visit.answers) if template is not None else None
        editable = local is not None and local.editable
        return VisitDetail(
            visit=visit,
            summary=self._summary(visit, local, ops),
            template=template,
            score=score,
            asked=frozenset(visible_questions(template, visit.answers)) if template is not None else frozenset(),
            location=check_location(visit.location, supplier),
            decision=self.store.reference["decisions"].get(visit.id),
            problems=tuple(submission_problems(visit, template)) if editable else (),
        )

    def photo(self, sha256: str) -> bytes:
        """A photo's bytes (``PhotoRefused``: photo_missing when it is not on this device)."""
        return self.store.photos.read(sha256)

    def thumbnail(self, sha256: str) -> bytes | None:
        return self.store.photos.thumbnail(sha256)

    # ---- pinned for offline (the photos of a supplier's earlier visits kept on this device) ---------------
    def pinned(self, supplier_id: str) -> bool:
        return supplier_id in pinned_suppliers(self.store)

    def pin(self, supplier_id: str, pinned: bool = True) -> None:
        """Keep (or stop keeping) the photos of ``supplier_id``'s earlier visits on this device; the next sync
        fetches what is missing (``sync/photo_downloads.py``)."""
        pin_supplier(self.store, supplier_id, pinned)
        self.store.notify(PINNED)

    def earlier_photos(self, supplier_id: str) -> tuple[int, int]:
        """(on this device, in all) of the photos of the supplier's sealed visits — "3 of 7 photos kept"."""
        hashes: dict[str, None] = {}
        for visit in self._shared_visits():
            if visit.supplier_id == supplier_id and visit.sealed:
                hashes.update(dict.fromkeys(visit.photo_hashes()))
        return sum(1 for sha in hashes if self.store.photos.has(sha)), len(hashes)

    # ---- drafting (each call saves at once and returns the visit as it now is) ------------------------
    def start_visit(
        self,
        supplier_id: str,
        categories: list[str] | tuple[str, ...],
        template_key: str,
        *,
        planned_on: dt.date | None = None,
        revisit_of: str | None = None,
    ) -> VisitDetail:
        template = self.template(template_key)
        if template is None:
            raise StoreError(f"no checklist {template_key} on this device (sync to fetch the checklists)")
        local = self.store.visits.create(
            supplier_id=supplier_id, categories=categories, template=template, planned_on=planned_on,
            revisit_of=revisit_of,
        )  # fmt: skip
        return self._detail(local)

    def answer(self, visit_id: str, question_id: str, value: Any) -> VisitDetail:
        return self._detail(self.store.visits.answer(visit_id, question_id, value))

    def note(self, visit_id: str, question_id: str, text: str) -> VisitDetail:
        return self._detail(self.store.visits.note(visit_id, question_id, text))

    def update(self, visit_id: str, **fields: Any) -> VisitDetail:
        """``planned_on``, ``visited_on``, ``met_with``, ``summary``, ``categories``, ``proposal``."""
        return self._detail(self.store.visits.update(visit_id, **fields))

    def set_location(
        self, visit_id: str, *, lat: float, lon: float, accuracy_m: float | None, source: LocationSource | str
    ) -> VisitDetail:
        local = self.store.visits.set_location(
            visit_id, lat=lat, lon=lon, accuracy_m=accuracy_m, source=LocationSource(source)
        )
        return self._detail(local)

    def clear_location(self, visit_id: str) -> VisitDetail:
        return self._detail(self.store.visits.update(visit_id, location=None))

    def attach_photo(
        self, visit_id: str, raw: bytes, *, question: str | None = None, caption: str | None = None
    ) -> tuple[VisitDetail, PhotoRef]:
        """``raw`` as the camera, the picker or a file gives it; ``PhotoRefused`` (with its reason) when
        it is no photo we take — the draft is left as it was."""
        local, ref = self.store.visits.attach_photo(visit_id, raw, question=question, caption=caption)
        return self._detail(local), ref

    def detach_photo(self, visit_id: str, sha256: str) -> VisitDetail:
        return self._detail(self.store.visits.detach_photo(visit_id, sha256))

    def save_finding(self, visit_id: str, finding: Finding) -> VisitDetail:
        return self._detail(self.store.visits.save_finding(visit_id, finding))

    def remove_finding(self, visit_id: str, finding_id: str) -> VisitDetail:
        return self._detail(self.store.visits.remove_finding(visit_id, finding_id))

    def submit(self, visit_id: str) -> VisitDetail:
        """Seal the visit (``VisitIncomplete`` with what is missing otherwise); it waits to be sent."""
        local = self.store.visits.get(visit_id)
        template = self.template(local.visit.template_key) if local is not None else None
        return self._detail(self.store.visits.submit(visit_id, template))

    def discard(self, visit_id: str) -> None:
        """Throw a draft away, here and (at the next sync) on the server."""
        self.store.visits.discard(visit_id)
        if self.store.reference["visits"].get(visit_id) is not None or self._ops().data.get(("visits", visit_id)):
            self.store.user.queue("visits", visit_id, "delete", None)

    def resume(self, visit_id: str) -> VisitDetail:
        """Carry on, on this device, with a draft of this user's that the server holds."""
        visit = self.store.reference["visits"].get(visit_id)
        if visit is None:
            raise StoreError(f"no visit {visit_id} in the cache")
        return self._detail(self.store.visits.adopt(visit))

    # ---- deciding (admins) -------------------------------------------------------------------------------
    def decide(self, visit_id: str, part: DecisionPart) -> None:
        """Queue an admin's decision on a submitted visit; it reaches every device through sync."""
        visit = self.store.reference["visits"].get(visit_id)
        if visit is None or visit.state is not VisitState.SUBMITTED:
            raise VisitNotEditable(f"visit {visit_id} is not waiting for a decision")
        self.store.user.queue("decisions", visit_id, "upsert", part.model_dump(mode="json", exclude_none=True))

    def decision_waiting(self, visit_id: str) -> bool:
        """Whether this device holds a decision on the visit not yet sent."""
        return ("decisions", visit_id) in self._ops().waiting

    # ---- corrections ------------------------------------------------------------------------------------
    def propose_correction(
        self,
        target_kind: TargetKind | str,
        target_id: str,
        field_name: str,
        value: Any,
        *,
        note: str | None = None,
        photos: list[bytes] | tuple[bytes, ...] = (),
        kept: list[PhotoRef] | tuple[PhotoRef, ...] = (),
        location: VisitLocation | None = None,
    ) -> Correction:
        """Save a proposed correction (photos checked and stored first); it is sent at the next sync.
        ``kept`` are photos already stored with ``keep_photo`` (a form that took them before it was sent)."""
        refs = [*kept, *(self.keep_photo(raw) for raw in photos)]
        correction = Correction(
            id=str(uuid.uuid4()), target_kind=TargetKind(target_kind), target_id=target_id, field=field_name,
            value=value, note=note, photos=tuple(refs), location=location, made_at=clock.now(),
        )  # fmt: skip
        self.store.user.queue("corrections", correction.id, "upsert", _proposal(correction))
        return correction

    def keep_photo(self, raw: bytes) -> PhotoRef:
        """Check, scale, strip and store a photo for a correction not yet proposed (``PhotoRefused`` when it is
        no photo we take). Nothing uploads it until a proposal names it."""
        prepared = self.store.photos.add(raw)
        taken = prepared.taken_at or clock.now()
        size = {"width": prepared.width, "height": prepared.height, "bytes": len(prepared.data)}
        return PhotoRef(sha256=prepared.sha256, taken_at=taken, **size)

    def correction_draft(self, target_kind: TargetKind | str, target_id: str) -> dict[str, Any] | None:
        """What the user typed into a correction of this record and has not proposed yet (kept on the device)."""
        text = self.store.user.drafts().get(_draft_key(target_kind, target_id))
        if not text:
            return None
        try:
            found = json.loads(text)
        except ValueError:
            return None
        return found if isinstance(found, dict) else None

    def keep_correction_draft(
        self, target_kind: TargetKind | str, target_id: str, draft: dict[str, Any] | None
    ) -> None:
        """Keep (None: drop) the form of a correction not proposed yet, in one commit: a killed app loses nothing."""
        text = json.dumps(draft, ensure_ascii=False, sort_keys=True) if draft else ""
        self.store.user.set_draft(_draft_key(target_kind, target_id), text)

    def withdraw_correction(self, correction_id: str) -> None:
        mine = next((c for c in self.my_corrections() if c.correction.id == correction_id), None)
        if mine is None or mine.correction.state is not CorrectionState.PROPOSED:
            raise VisitNotEditable(f"correction {correction_id} cannot be withdrawn")
        withdrawn = mine.correction.model_copy(update={"state": CorrectionState.WITHDRAWN})
        self.store.user.queue("corrections", correction_id, "upsert", _proposal(withdrawn))

    def decide_correction(self, correction_id: str, *, accept: bool, note: str | None = None) -> None:
        """An admin accepts or declines a proposed correction (queued; applied by the server)."""
        state = CorrectionState.ACCEPTED if accept else CorrectionState.DECLINED
        self.store.user.queue("corrections", correction_id, "upsert", {"state": state.value, "decision_note": note})

    def my_corrections(self) -> list[CorrectionSummary]:
        """This user's corrections: those still waiting on the device and what became of the others."""
        ops = self._ops()
        rows: dict[str, CorrectionSummary] = {}
        for correction in self.store.reference["corrections"].all():
            if correction.proposed_by == self.username:
                rows[correction.id] = CorrectionSummary(correction, correction.state.value)
        for (collection, record_id), data in ops.data.items():
            if collection != "corrections" or not isinstance(data, dict) or "target_kind" not in data:
                continue
            correction = Correction.model_validate(data | {"proposed_by": self.username})
            reason = ops.refused.get((collection, record_id))
            rows[record_id] = CorrectionSummary(correction, "refused" if reason else "waiting", reason)
        uploads = self.store.photos.uploads()
        out = []
        for row in rows.values():
            hashes = [p.sha256 for p in row.correction.photos]
            sent = sum(1 for h in hashes if (e := uploads.get(h)) is not None and e.state is UploadState.DONE)
            out.append(CorrectionSummary(row.correction, row.status, row.refused_reason, sent, len(hashes)))
        return sorted(out, key=lambda r: r.correction.made_at or dt.datetime.min.replace(tzinfo=dt.UTC), reverse=True)

    def corrections_to_review(self) -> list[Correction]:
        """Proposed corrections waiting for an admin, oldest first (one this device decided and has not sent yet
        is no longer waiting for this admin)."""
        waiting = self._ops().waiting
        found = [
            c
            for c in self.store.reference["corrections"].all()
            if c.state is CorrectionState.PROPOSED and ("corrections", c.id) not in waiting
        ]
        return sorted(found, key=lambda c: (c.proposed_at or dt.datetime.max.replace(tzinfo=dt.UTC), c.id))

    def correction(self, correction_id: str) -> CorrectionSummary | None:
        """One correction as this user sees it: their own (waiting, refused or decided), or one the server let
        them read (an admin reads every one). ``status`` "deciding" when this admin's decision waits to be sent."""
        mine = next((c for c in self.my_corrections() if c.correction.id == correction_id), None)
        if mine is not None:
            return mine
        stored = self.store.reference["corrections"].get(correction_id)
        return None if stored is None else self._shared_correction(stored, self._ops())

    def corrections_of(self, target_kind: TargetKind | str, target_id: str) -> list[CorrectionSummary]:
        """The corrections of one record this user sees: their own, and those the server let them read (admins and
        field staff read every one), the newest first."""
        kind = TargetKind(target_kind)
        rows = {c.correction.id: c for c in self.my_corrections()}
        ops = self._ops()
        for stored in self.store.reference["corrections"].all():
            if stored.id not in rows:
                rows[stored.id] = self._shared_correction(stored, ops)
        found = [r for r in rows.values() if (r.correction.target_kind, r.correction.target_id) == (kind, target_id)]
        return sorted(found, key=lambda r: r.correction.made_at or dt.datetime.min.replace(tzinfo=dt.UTC), reverse=True)

    def _shared_correction(self, stored: Correction, ops: _Ops) -> CorrectionSummary:
        key = ("corrections", stored.id)
        status = stored.state.value
        if key in ops.refused:
            status = "refused"
        elif key in ops.waiting:
            status = "deciding"
        # another user's photos are not this device's to upload: no "photos 0/1 sent" about them
        return CorrectionSummary(stored, status, ops.refused.get(key))

    # ---- helpers ----------------------------------------------------------------------------------------
    def _shared_visits(self) -> list[Visit]:
        return self.store.reference["visits"].all()  # type: ignore[no-any-return]

    def _ops(self) -> _Ops:
        ops = _Ops()
        for op in self.store.user.outbox():
            key = (op.collection, op.record_id)
            ops.data[key] = op.data
            if op.state.value == "rejected":
                ops.refused[key] = op.reason or "rejected"
            else:
                ops.waiting.add(key)
        return ops

    def _detail(self, local: LocalVisit) -> VisitDetail:
        detail = self.visit(local.id)
        assert detail is not None
        return detail

    def _summary(self, visit: Visit, local: LocalVisit | None, ops: _Ops) -> VisitSummary:
        server = self.store.reference["visits"].get(visit.id)
        key = ("visits", visit.id)
        hashes = visit.photo_hashes()
        uploads = self.store.photos.uploads()
        sent = sum(1 for h in hashes if (e := uploads.get(h)) is not None and e.state is UploadState.DONE)
        refused = ops.refused.get(key)
        shown = server if server is not None and (local is None or server.sealed) else visit
        if refused is not None:
            status = VisitStatus.REFUSED
        elif local is not None and local.editable:
            status = VisitStatus.DRAFT
        elif local is not None and (local.unsent or key in ops.waiting or server is None or not server.sealed):
            status = VisitStatus.WAITING
        elif shown.state is VisitState.DRAFT:
            status = VisitStatus.DRAFT
        elif shown.state is VisitState.DECIDED:
            status = VisitStatus.DECIDED
        elif shown.state is VisitState.REVISIT_REQUESTED:
            status = VisitStatus.REVISIT_REQUESTED
        elif local is not None and sent < len(hashes):
            status = VisitStatus.PHOTOS
        else:
            status = VisitStatus.SENT
        template = self.template(visit.template_key)
        answered = asked = 0
        percent = None
        if template is not None:
            score = score_visit(template, visit.answers)
            answered, asked = sum(s.answered for s in score.sections), sum(s.asked for s in score.sections)
            percent = score.percent
        supplier = self.store.suppliers.get(visit.supplier_id)
        return VisitSummary(
            id=visit.id,
            supplier_id=visit.supplier_id,
            supplier=supplier,
            categories=visit.categories,
            template_key=visit.template_key,
            state=shown.state if local is None or not local.editable else VisitState.DRAFT,
            status=status,
            planned_on=visit.planned_on,
            visited_on=visit.visited_on,
            author=shown.author or (self.username if local is not None else None),
            photos_sent=sent,
            photos_total=len(hashes),
            answered=answered,
            asked=asked,
            percent=percent,
            far_from_site=shown.far_from_site,
            decision_outcome=shown.decision_outcome,
            refused_reason=refused,
            saved_at=local.saved_at if local is not None else None,
            editable=local is not None and local.editable,
            resumable=local is None and shown.state is VisitState.DRAFT and shown.author == self.username,
            demo=visit.demo,
        )


def _draft_key(target_kind: TargetKind | str, target_id: str) -> str:
    return f"correction:{TargetKind(target_kind).value}:{target_id}"


def _proposal(correction: Correction) -> dict[str, Any]:
    data = correction.model_dump(mode="json", exclude_none=True)
    return {k: v for k, v in data.items() if k not in SERVER_CORRECTION_FIELDS and k != "decision_note"}


def _recent_first(row: VisitSummary) -> tuple[str, str]:
    day = row.visited_on or row.planned_on
    return (row.saved_at or (day.isoformat() if day else ""), row.id)
