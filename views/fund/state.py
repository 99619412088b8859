"""The Fund's state in one session: who is signed in (supplier, officer, reviewer), their calls, drafts,
applications and the ledger, each move turned into an event by sync/fund.py.

One ``FundState`` per session, made by the app (views/session.py) and reached with ``use_fund``. Every
error is a ``ZanjirehError`` reported once by the session's state (translated there).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import flet as ft
from pydantic import BaseModel, ValidationError

from models.fund_applications import AttachmentRef
from models.fund_eligibility import CallEligibility
from models.fund_guarantees import ExpiringGuarantee
from models.fund_ledger import LedgerEntry
from models.fund_programmes import Call, Programme
from models.fund_records import ApplicationRecord, ReviewRecord
from models.fund_words import STAGE_NAMES
from sync.errors import FundFileRefused, FundMoveRefused, ZanjirehError
from sync.fund import FundClient, MyApplication
from sync.fund_drafts import Draft
from sync.fund_open import document_bytes
from views.shell import i18n
from views.shell.session import SessionState


@ft.observable
@dataclass(eq=False)
class FundState:
    """What one session does with the Fund; public fields notify the screens when set."""

    #: Bumped when the Fund's records or drafts changed: the Fund's screens redraw.
    data_version: int = 0
    #: The last file refused for each document of the open draft: (file name, reason code, its parameters).
    file_refusals: dict[str, tuple[str, str, dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def open(cls, app: SessionState) -> FundState:
        state = cls()
        state._app = app
        state._client = FundClient.of(app.store)
        state._client.drafts.subscribe(lambda _id: state._bump())
        state._stage_seen = {}
        state.session_refreshed()
        return state

    @property
    def app(self) -> SessionState:
        return self._app

    @property
    def client(self) -> FundClient:
        return self._client

    def _bump(self) -> None:
        self.data_version += 1

    def session_refreshed(self) -> None:
        """A sync or a sign-in: the signed-in user's drafts; sealed drafts the server now holds are forgotten."""
        try:
            self._client.follow_user()
            self._client.settle_drafts()
        except ZanjirehError as error:
            self._app.report(error)
        self._notify_changes()
        self._bump()

    # ---- who ---------------------------------------------------------------------------------------------
    @property
    def role(self) -> str | None:
        return self._app.role

    @property
    def supplier_id(self) -> str | None:
        """The supplier this account speaks for (a supplier account's organisation)."""
        session = self._app.store.user.auth()
        if session is None or session.get("role") != "supplier":
            return None
        return session.get("org_id") or session.get("org")

    @property
    def username(self) -> str | None:
        session = self._app.store.user.auth()
        return None if session is None else session.get("username")

    # ---- reading -------------------------------------------------------------------------------------------
    def calls(self) -> list[CallEligibility]:
        supplier = self.supplier_id
        return self._client.calls_for(supplier) if supplier else []

    def all_calls(self) -> list[Call]:
        return self._client.calls()

    def programme_of(self, call: Call) -> Programme | None:
        return self._client.programme_of(call)

    def mine(self) -> list[MyApplication]:
        return self._client.mine(self.supplier_id)

    def applications(self) -> list[ApplicationRecord]:
        return self._client.applications()

    def application(self, application_id: str) -> ApplicationRecord | None:
        return self._client.application(application_id)

    def reviews(self, application_id: str) -> list[ReviewRecord]:
        return self._client.reviews(application_id)

    def draft(self, draft_id: str) -> Draft | None:
        return self._client.drafts.get(draft_id)

    def expiring_guarantees(self) -> list[ExpiringGuarantee]:
        """The guarantees to warn about: the supplier's own; every one for the Fund's officers; none otherwise."""
        if self.role in ("fund_officer", "admin"):
            return self._client.expiring_guarantees()
        supplier = self.supplier_id
        return self._client.expiring_guarantees(supplier) if supplier else []

    def ledger(self) -> list[LedgerEntry]:
        return self._client.ledger()

    async def document_copy(self, ref: AttachmentRef) -> bytes | None:
        """An application's file to save or open: this device's copy, or the server's (then kept here for
        offline); None, with a notice in the reader's language, when it cannot be had now."""
        try:
            data = await document_bytes(self._client, ref.sha256)
        except ZanjirehError as error:
            self._app.report(error)
            return None
        self._bump()  # a file fetched now reads "uploaded" beside its name
        return data

    def needs_for(self, call: Call) -> list[Any]:
        """The needs a call targets that this device holds (to start a draft from one)."""
        found = [self._app.store.needs.get(n) for n in call.target_need_ids]
        return [n for n in found if n is not None]

    # ---- the supplier's moves ---------------------------------------------------------------------------------
    def start_draft(self, call_id: str, need_ids: tuple[str, ...] = ()) -> str | None:
        supplier = self.supplier_id
        if supplier is None:
            return None
        try:
            return self._client.start_draft(call_id, supplier, need_ids).id
        except ZanjirehError as error:
            self._app.report(error)
            return None

    def revise(self, record: ApplicationRecord) -> str | None:
        try:
            return self._client.revise(record).id
        except ZanjirehError as error:
            self._app.report(error)
            return None

    def change(self, draft_id: str, changes: Mapping[str, Any]) -> str | None:
        """Autosave; returns a problem's words for the field when the value makes no valid draft."""
        try:
            self._client.change(draft_id, changes)
        except ValidationError as error:
            return "; ".join(str(e["msg"]) for e in error.errors(include_url=False))
        except ZanjirehError as error:
            self._app.report(error)
        return None

    def attach(self, draft_id: str, document: str, file_name: str, data: bytes) -> bool:
        """Take a picked file as one of the call's documents; a file that does not fit is told beside its
        document, with why in the reader's language (and in the notice banner)."""
        try:
            self._client.attach(draft_id, document, file_name, data)
        except FundFileRefused as refused:
            reason = str(refused.params.get("reason") or "file_type")
            params = dict(refused.params.get("params") or {})
            self.file_refusals = {**self.file_refusals, document: (file_name, reason, params)}
            self._app.report(refused)
            return False
        except ZanjirehError as error:
            self._app.report(error)
            return False
        if document in self.file_refusals:
            self.file_refusals = {k: v for k, v in self.file_refusals.items() if k != document}
        return True

    def detach(self, draft_id: str, sha256: str) -> None:
        try:
            self._client.detach(draft_id, sha256)
        except ZanjirehError as error:
            self._app.report(error)

    def problems(self, draft: Draft) -> list[dict[str, Any]]:
        return self._client.problems(draft)

    def read_only(self, draft: Draft) -> str | None:
        return self._client.read_only(draft)

    def submit(self, draft_id: str) -> bool:
        try:
            self._client.submit(draft_id)
        except ZanjirehError as error:
            self._app.report(error)
            return False
        self._app.tell("fund_sealed")
        return True

    def discard(self, draft_id: str) -> None:
        self._client.drafts.discard(draft_id)

    # ---- every role's moves ---------------------------------------------------------------------------------
    def move(self, event: BaseModel) -> bool:
        try:
            self._client.move(event)
        except ZanjirehError as error:
            self._app.report(error)
            return False
        self._app.tell("fund_move_queued")
        self._bump()
        return True

    def build(self, kind: type[BaseModel], **fields: Any) -> BaseModel | None:
        """An event from a form's values, or None with the problem reported (nothing is lost: the form keeps them)."""
        try:
            return kind(**fields)
        except ValidationError as error:
            problems = "; ".join(str(e["msg"]) for e in error.errors(include_url=False))
            self._app.report(FundMoveRefused(problems, reason="invalid_data", params={}))
            return None

    def pending(self, application_id: str) -> list[dict[str, Any]]:
        return self._client.pending_moves(application_id)

    # ---- notifications inside the app ----------------------------------------------------------------------------
    def _notify_changes(self) -> None:
        """Tell the applicant when an application of theirs moved to a new stage (after a sync)."""
        supplier = self.supplier_id
        seen: dict[str, str] = self._stage_seen
        first = not seen
        for record in self._client.applications():
            if supplier is not None and record.supplier_id != supplier:
                continue
            stage = str(record.stage)
            before = seen.get(record.id)
            seen[record.id] = stage
            if not first and before != stage:
                named = i18n.Words(*STAGE_NAMES[record.stage])
                self._app.tell("fund_stage_changed", tracking=i18n.Code(record.tracking_no), stage=named)
