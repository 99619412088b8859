"""The Fund on the device: calls with eligibility, drafts, sealing and the outbox, and every other role's moves.

One ``FundClient`` per store (``FundClient.of(store)``), shared by the app's sessions. It reads the pulled
collections (programmes, calls, this reader's applications, reviews and the ledger), keeps the signed-in
user's drafts (sync/fund_drafts.py), and turns each move into one event queued in the outbox
(collection ``fund_events``, its record id the event's UUID made here). The server decides every move by
its own clock and rules (server/fund.py); the same pure rules run here first (models/fund_*), so a screen
never offers what the server would refuse and a supplier learns what a draft lacks before sealing it.

Files a supplier attaches are checked against the call's limits *before* they are taken (type by content,
size, count), named by the SHA-256 of their bytes and kept under ``fund/files/`` (sync/fund_files.py). The
application names them by hash, so it syncs before they finish; the bytes follow through the field visits'
resumable upload queue (``document_uploads``, run by the engine after the records; docs/fund.md,
"Attachments").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from models.fund_applications import (
    ApplicationContent,
    AttachmentRef,
    GuaranteeRequest,
    Problem,
    content_json,
    need_ref,
    new_application_id,
    seal,
    seal_problems,
)
from models.fund_applications import attachment_problem as _attachment_problem
from models.fund_documents import sniff_document
from models.fund_eligibility import CallEligibility, GuaranteeEstimate, eligible_calls, guarantee_estimate
from models.fund_events import Submit, new_event_id
from models.fund_guarantees import ExpiringGuarantee, expiring_guarantees
from models.fund_ledger import LedgerEntry
from models.fund_programmes import Call, CallPhase, GuaranteeSecurity, Programme, call_phase, tehran
from models.fund_records import ApplicationRecord, ReviewRecord
from sync import clock
from sync.errors import FundDraftIncomplete, FundDraftNotEditable, FundFileRefused, StoreError
from sync.fund_drafts import Draft, DraftStore
from sync.fund_files import FundFiles
from sync.photo_store import UploadEntry
from sync.store import LocalStore
from sync.user_store import OpState

EVENTS = "fund_events"
_CLIENTS: weakref.WeakKeyDictionary[LocalStore, FundClient] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


@dataclass(frozen=True)
class MyApplication:
    """One of the supplier's applications as the list shows it: a draft here, sealed and waiting to be sent,
    or the server's copy (its applicant's projection: a stage, never scores or reviewer names)."""

    id: str
    call_id: str
    title: str
    draft: Draft | None = None
    record: ApplicationRecord | None = None
    #: The submit event waits in the outbox (sealed on the device, not yet answered by the server).
    waiting: bool = False
    #: The server refused the submission: its reason code (the draft is editable again).
    refused: str | None = None


class FundClient:
    """The Fund for everyone signed in on this device (a supplier, an officer, a reviewer)."""

    def __init__(self, store: LocalStore) -> None:
        self.store = store
        folder = store.folder
        self.drafts = DraftStore(folder)
        self.files = FundFiles(folder)
        self._owner: str | None = None

    @classmethod
    def of(cls, store: LocalStore) -> FundClient:
        with _LOCK:
            client = _CLIENTS.get(store)
            if client is None:
                client = _CLIENTS[store] = cls(store)
            return client

    # ---- who is signed in --------------------------------------------------------------------------
    def follow_user(self) -> None:
        """Open the signed-in user's drafts (none when nobody is); cheap when nothing changed."""
        session = self.store.user.auth()
        owner = None if session is None else str(session.get("username") or "") or None
        if owner != self._owner or self.drafts.owner != owner:
            self._owner = owner
            self.drafts.open(owner)
            # only here, when the user's drafts are opened: once an op is answered it leaves the outbox before
            # the server's copy is pulled, and a check made then would queue the same submission again
            self.resend_sealed()

    # ---- reference data ------------------------------------------------------------------------------
    def programmes(self) -> dict[str, Programme]:
        return {p.id: p for p in self.store.reference["fund_programmes"].all()}

    def calls(self) -> list[Call]:
        return sorted(self.store.reference["fund_calls"].all(), key=lambda c: (c.closes_at, c.id))

    def call(self, call_id: str) -> Call | None:
        return self.store.reference["fund_calls"].get(call_id)

    def programme_of(self, call: Call) -> Programme | None:
        return self.store.reference["fund_programmes"].get(call.programme_id)

    def calls_for(self, supplier_id: str, now: dt.datetime | None = None) -> list[CallEligibility]:
        """Every call as the supplier sees it before drafting: those open to it first, then the others with
        the reasons (closed calls left out)."""
        supplier = self.store.suppliers.get(supplier_id)
        if supplier is None:
            return []
        made: dict[str, int] = {}
        for record in self.applications():
            if record.supplier_id == supplier_id and record.state != "withdrawn":
                made[record.call_id] = made.get(record.call_id, 0) + 1
        return eligible_calls(self.calls(), self.programmes(), supplier, now or clock.now(), made)

    def estimate(self, programme: Programme, amount_irr: int, months: int, security: str) -> GuaranteeEstimate:
        return guarantee_estimate(programme, amount_irr, months, GuaranteeSecurity(security))

    # ---- the pulled records ---------------------------------------------------------------------------
    def applications(self) -> list[ApplicationRecord]:
        """The applications this reader may see (the server's projections), newest first."""
        records = self.store.reference["fund_applications"].all()
        return sorted(records, key=lambda r: (r.updated_at, r.id), reverse=True)

    def application(self, application_id: str) -> ApplicationRecord | None:
        return self.store.reference["fund_applications"].get(application_id)

    def reviews(self, application_id: str | None = None) -> list[ReviewRecord]:
        records = self.store.reference["fund_reviews"].all()
        return [r for r in records if application_id is None or r.application_id == application_id]

    def expiring_guarantees(
        self, supplier_id: str | None = None, today: dt.date | None = None
    ) -> list[ExpiringGuarantee]:
        """Issued guarantees within their programme's warning window (a supplier's own, or all for the Fund)."""
        records = [r for r in self.applications() if supplier_id is None or r.supplier_id == supplier_id]
        calls = {c.id: c for c in self.calls()}
        day = today or tehran(clock.now()).date()
        return expiring_guarantees(records, calls, self.programmes(), day)

    def ledger(self) -> list[LedgerEntry]:
        return self.store.reference["fund_ledger"].all()

    def ledger_as_of(self) -> str | None:
        return self.store.reference["fund_ledger"].state.updated_at

    # ---- the supplier's drafts ---------------------------------------------------------------------------
    def start_draft(self, call_id: str, supplier_id: str, need_ids: tuple[str, ...] = ()) -> Draft:
        """A new draft against ``call_id``, saved at once: the needs it answers prefilled (item, OEM, part
        number, quantity, origin, FX spend), the planned FX saving their sum, the programme's term."""
        call = self.call(call_id)
        if call is None:
            raise StoreError(f"no Fund call {call_id} on this device")
        programme = self.programme_of(call)
        self._refuse_closed(call)
        needs = [n for n in (self.store.needs.get(i) for i in need_ids) if n is not None]
        refs = tuple(need_ref(n) for n in needs)
        fx = sum(r.annual_fx_eur or 0.0 for r in refs) or None
        term = programme.term_months.min if programme is not None and programme.term_months else None
        guarantee = None
        if programme is not None and programme.guarantee is not None:
            guarantee = GuaranteeRequest(kind=programme.guarantee.kinds[0])
        content = ApplicationContent(
            call_id=call_id,
            supplier_id=supplier_id,
            title_fa=refs[0].item_fa if refs else "",
            title_en=(refs[0].item_en or "") if refs else "",
            needs=refs,
            fx_saving_planned_eur=fx,
            term_months=term,
            guarantee=guarantee,
        )
        return self.drafts.create(new_application_id(), content)

    def revise(self, record: ApplicationRecord) -> Draft:
        """A new revision of an application the Fund sent back (more information, or returned)."""
        existing = self.drafts.get(record.id)
        if existing is not None and not existing.sealed:
            return existing
        if existing is not None:
            self.drafts.discard(record.id)
        return self.drafts.create(record.id, record.content, revision=record.revision + 1)

    def read_only(self, draft: Draft, now: dt.datetime | None = None) -> str | None:
        """Why ``draft`` cannot be changed (``sealed``, ``closed``), or None. A new revision the Fund asked
        for has no deadline; a first one closes with the call."""
        if draft.sealed:
            return "sealed"
        if draft.closed:
            return "closed"
        call = self.call(draft.content.call_id)
        if draft.revision == 1 and call is not None and call_phase(call, now or clock.now()) is CallPhase.CLOSED:
            return "closed"
        return None

    def change(self, draft_id: str, changes: Mapping[str, Any]) -> Draft:
        """Autosave: one field (or a few) of a draft, saved at once; refused when it is read-only."""
        draft = self._draft(draft_id)
        why = self.read_only(draft)
        if why is not None:
            raise FundDraftNotEditable(f"draft {draft_id} is {why}: it is read-only", reason=why)
        return self.drafts.change(draft_id, changes)

    def problems(self, draft: Draft) -> list[dict[str, Any]]:
        """What stops ``draft`` being sealed, as (code, field, params) dicts; empty when it may be."""
        call = self.call(draft.content.call_id)
        programme = None if call is None else self.programme_of(call)
        if call is None or programme is None:
            return [{"code": "call_unknown", "field": "call_id", "params": {"call": draft.content.call_id}}]
        return [p.to_json() for p in seal_problems(draft.content, call, programme)]

    def attach(self, draft_id: str, document: str, file_name: str, data: bytes) -> Draft:
        """Take a file as one of the call's documents: its type read from its bytes (never its name) and
        checked with its size and the document's count against the call's limits first (nothing is kept
        when it does not fit), then stored here by its hash and named in the draft. A document that takes
        one file has it replaced."""
        draft = self._draft(draft_id)
        call = self.call(draft.content.call_id)
        if call is None:
            raise StoreError(f"no Fund call {draft.content.call_id} on this device")
        mime = sniff_document(data) or "application/octet-stream"
        problem = _attachment_problem(document, call, mime, len(data))
        doc = call.document(document)
        sha_of = hashlib.sha256(data).hexdigest()
        kept = tuple(a for a in draft.content.attachments if a.sha256 != sha_of or a.document != document)
        if doc is not None and doc.max_files == 1:
            kept = tuple(a for a in kept if a.document != document)
        held = sum(1 for a in kept if a.document == document)
        if problem is None and doc is not None and held >= doc.max_files:
            problem = Problem("too_many_files", "attachments", {"document": document, "max_files": doc.max_files})
        if problem is not None:
            params = {**dict(problem.params), "file_name": file_name}
            raise FundFileRefused(f"{file_name}: {problem.code} {params}", reason=problem.code, params=params)
        sha = self.files.keep(data)
        self.files.forget_refusal(sha)
        ref = AttachmentRef(document=document, sha256=sha, file_name=file_name[-255:], mime=mime, bytes=len(data))
        return self.change(draft_id, {"attachments": [*kept, ref]})

    def detach(self, draft_id: str, sha256: str) -> Draft:
        draft = self._draft(draft_id)
        return self.change(draft_id, {"attachments": [a for a in draft.content.attachments if a.sha256 != sha256]})

    def submit(self, draft_id: str) -> Draft:
        """Seal the draft (the device's time and the SHA-256 of its content) and queue it, in that order: a
        crash between the two leaves a sealed draft whose event ``resend_sealed`` queues again."""
        draft = self._draft(draft_id)
        why = self.read_only(draft)
        if why is not None:
            raise FundDraftNotEditable(f"draft {draft_id} is {why}: it is read-only", reason=why)
        problems = self.problems(draft)
        if problems:
            raise FundDraftIncomplete(f"draft {draft_id} lacks {[p['code'] for p in problems]}", problems=problems)
        self._forget_refusals(draft_id)  # the supplier's answer to a refusal replaces it
        sealed = seal(draft.content, draft.revision, clock.now())
        event_id = new_event_id()
        draft = self.drafts.seal(draft_id, sealed, event_id)
        self._queue_submit(draft)
        return draft

    def resend_sealed(self) -> int:
        """Queue the submit event of every sealed draft whose event is neither in the outbox nor applied
        (the app stopped between sealing and queueing); run when the user's drafts are opened. Returns how
        many were queued (the server answers a replayed event as applied without moving anything)."""
        waiting = {op.record_id for op in self.store.user.outbox() if op.collection == EVENTS}
        count = 0
        for draft in self.drafts.all():
            if draft.sealed and draft.event_id and draft.event_id not in waiting and not self._server_has(draft):
                self._queue_submit(draft)
                count += 1
        return count

    def _queue_submit(self, draft: Draft) -> None:
        assert draft.seal is not None and draft.event_id is not None
        event = Submit(
            application_id=draft.id, seal=draft.seal, content=content_json(draft.content), at=draft.seal.sealed_at
        )
        self.store.user.queue(EVENTS, draft.event_id, "upsert", event.model_dump(mode="json"))

    def settle_drafts(self) -> None:
        """After a sync: a sealed draft the server now holds is forgotten (the server's copy shows); one whose
        submission was refused is editable again, or read-only when the refusal was the call's deadline."""
        ops = {op.record_id: op for op in self.store.user.outbox() if op.collection == EVENTS}
        for draft in self.drafts.all():
            if not draft.sealed:
                continue
            op = ops.get(draft.event_id or "")
            if op is not None and op.state is OpState.REJECTED:
                # the refusal stays parked in the outbox (shown with the draft) until the supplier submits again
                self.drafts.unseal(draft.id)
                if (op.reason or "").startswith("call_closed"):
                    self.drafts.mark_closed(draft.id)
            elif op is None and self._server_has(draft):
                self.drafts.discard(draft.id)

    def refusal_of(self, application_id: str) -> str | None:
        """The reason code of the newest refused event of this application still parked in the outbox."""
        refused = [
            op
            for op in self.store.user.outbox()
            if op.collection == EVENTS
            and op.state is OpState.REJECTED
            and (op.data or {}).get("application_id") == application_id
        ]
        return (refused[-1].reason or "rejected").split(":", 1)[0] if refused else None

    def _forget_refusals(self, application_id: str) -> None:
        for op in self.store.user.outbox():
            mine = (op.data or {}).get("application_id") == application_id
            if op.collection == EVENTS and op.state is OpState.REJECTED and op.seq is not None and mine:
                self.store.user.discard_rejected(op.seq)

    def _server_has(self, draft: Draft) -> bool:
        record = self.application(draft.id)
        return record is not None and record.revision >= draft.revision

    def mine(self, supplier_id: str | None) -> list[MyApplication]:
        """The supplier's applications: drafts on this device first, then the server's copies."""
        waiting = {op.record_id for op in self.store.user.outbox() if op.collection == EVENTS}
        out: list[MyApplication] = []
        shown: set[str] = set()
        for draft in self.drafts.all():
            title = draft.content.title_fa or draft.content.title_en
            record = self.application(draft.id)
            out.append(
                MyApplication(
                    draft.id, draft.content.call_id, title, draft=draft, record=record,
                    waiting=draft.sealed and draft.event_id in waiting, refused=self.refusal_of(draft.id),
                )
            )  # fmt: skip
            shown.add(draft.id)
        for record in self.applications():
            if record.id in shown or (supplier_id is not None and record.supplier_id != supplier_id):
                continue
            content = record.content
            out.append(MyApplication(record.id, record.call_id, content.title_fa or content.title_en, record=record))
        return out

    # ---- every role's moves ------------------------------------------------------------------------------
    def move(self, event: BaseModel) -> str:
        """Queue one workflow event (an officer's screening, a reviewer's scores …); returns its id. The
        server applies or refuses it (the refusal is parked in the outbox with its reason)."""
        event_id = new_event_id()
        data = event.model_dump(mode="json", exclude_none=True)
        self.store.user.queue(EVENTS, event_id, "upsert", data)
        return event_id

    def pending_moves(self, application_id: str) -> list[dict[str, Any]]:
        """Events of this application still in the outbox (sent or not), oldest first, with any refusal."""
        out = []
        for op in sorted(self.store.user.outbox(), key=lambda o: o.order):
            if op.collection == EVENTS and op.data and op.data.get("application_id") == application_id:
                out.append({"type": op.data.get("type"), "state": op.state.value, "reason": op.reason})
        return out

    # ---- files ---------------------------------------------------------------------------------------------
    def file_bytes(self, sha256: str) -> bytes | None:
        return self.files.get(sha256)

    def keep_file(self, sha256: str, data: bytes) -> None:
        """Keep a file's bytes on the device under its SHA-256 (a milestone's evidence, sync/fund_award.py)."""
        if self.files.keep(data) != sha256:
            raise StoreError(f"the bytes kept as {sha256} do not hash to it")

    def document_uploads(self) -> dict[str, dict[str, str]]:
        """Every document file this device holds that the user's drafts, queued submissions and applications
        name, with the call and document it is sent for (the upload queue's ``purposes``). A draft's files
        go early, before it is sealed: a large plan crawls up a weak line while the supplier still writes."""
        named: list[tuple[str, Any]] = []
        for draft in self.drafts.all():
            named.append((draft.content.call_id, draft.content.attachments))
        for op in self.store.user.outbox():
            if op.collection != EVENTS or not isinstance(op.data, dict):
                continue
            if op.data.get("type") == "submit":
                content = op.data.get("content") or {}
                refs = [AttachmentRef.model_validate(a) for a in content.get("attachments") or []]
                named.append((str(content.get("call_id") or ""), refs))
            elif op.data.get("type") == "milestone_evidence":  # after the award: sent as the call's evidence
                record = self.application(str(op.data.get("application_id") or ""))
                refs = [AttachmentRef.model_validate(a) for a in op.data.get("attachments") or []]
                named.append((record.call_id if record is not None else "", refs))
        supplier = self._supplier_id()
        for record in self.applications():
            if supplier is not None and record.supplier_id == supplier:
                named.append((record.call_id, record.content.attachments))
                for milestone in record.agreement.milestones if record.agreement is not None else ():
                    named.append((record.call_id, milestone.evidence))
        out: dict[str, dict[str, str]] = {}
        for call_id, refs in named:
            for ref in refs:
                if ref.sha256 not in out and call_id and self.files.has(ref.sha256):
                    out[ref.sha256] = {"call": call_id, "document": ref.document}
        return out

    def upload_state(self, sha256: str) -> UploadEntry | None:
        """How far a document's upload has got (None: not tried yet)."""
        return self.files.upload(sha256)

    def _supplier_id(self) -> str | None:
        session = self.store.user.auth()
        if session is None or session.get("role") != "supplier":
            return None
        value = session.get("org_id") or session.get("org")
        return str(value) if value else None

    # ---- helpers -------------------------------------------------------------------------------------------
    def _draft(self, draft_id: str) -> Draft:
        draft = self.drafts.get(draft_id)
        if draft is None:
            raise StoreError(f"no Fund draft {draft_id} on this device")
        return draft

    def _refuse_closed(self, call: Call) -> None:
        if call_phase(call, clock.now()) is CallPhase.CLOSED:
            raise FundDraftNotEditable(f"call {call.id} has closed", reason="closed")
