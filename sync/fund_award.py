"""After an award, on the device: what an officer types into the agreement's and the payments' forms, and the
evidence a supplier gathers for a milestone, kept in the signed-in user's store until it is sent as one event.

Nothing typed is lost when the screen closes or the app stops: each form's values and each milestone's
picked files live in the user's drafts (``UserStore.set_draft``, one commit each, the user's own and never
the next one's). Evidence files are checked against the limits (models/fund_award.py) before they are taken,
kept by hash under ``fund/files/`` as the application's documents are, and named in the ``milestone_evidence``
event by hash, name, type and size (docs/fund.md, "After the award").
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from models.fund_applications import AttachmentRef
from models.fund_award import EVIDENCE_DOCUMENT, evidence_problem
from models.fund_events import MilestoneEvidence
from sync.errors import FundFileRefused
from sync.fund import FundClient

_PREFIX = "fund_award"


def _key(*parts: str) -> str:
    return ":".join((_PREFIX, *parts))


class AwardDesk:
    """The post-award forms and a milestone's evidence for whoever is signed in on this device."""

    def __init__(self, client: FundClient) -> None:
        self.client = client
        self.user = client.store.user

    # ---- a form's values, kept as typed ------------------------------------------------------------------
    def form(self, kind: str, application_id: str) -> dict[str, Any]:
        raw = self.user.drafts().get(_key("form", kind, application_id))
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def keep_form(self, kind: str, application_id: str, values: dict[str, Any]) -> None:
        """Keep the form's values (an empty form drops them)."""
        kept = {k: v for k, v in values.items() if v not in ("", None, [], {})}
        self.user.set_draft(_key("form", kind, application_id), json.dumps(kept, ensure_ascii=False) if kept else "")

    def drop_form(self, kind: str, application_id: str) -> None:
        self.user.set_draft(_key("form", kind, application_id), "")

    # ---- a milestone's evidence ------------------------------------------------------------------------------
    def evidence(self, application_id: str, milestone_id: str) -> tuple[list[AttachmentRef], str]:
        """The files picked for a milestone and the note typed, not yet sent."""
        raw = self.user.drafts().get(_key("evidence", application_id, milestone_id))
        if not raw:
            return [], ""
        try:
            value = json.loads(raw)
            files = [AttachmentRef.model_validate(f) for f in value.get("files", [])]
        except (ValueError, TypeError, AttributeError):
            return [], ""
        return files, str(value.get("note") or "")

    def _keep_evidence(self, application_id: str, milestone_id: str, files: list[AttachmentRef], note: str) -> None:
        text = ""
        if files or note.strip():
            text = json.dumps({"files": [f.model_dump(mode="json") for f in files], "note": note}, ensure_ascii=False)
        self.user.set_draft(_key("evidence", application_id, milestone_id), text)

    def take_evidence(
        self, application_id: str, milestone_id: str, file_name: str, mime: str, data: bytes
    ) -> list[AttachmentRef]:
        """Take one file as the milestone's evidence: checked first (nothing is kept when it does not fit)."""
        files, note = self.evidence(application_id, milestone_id)
        problem = evidence_problem(mime, len(data), len(files))
        if problem is not None:
            code, params = problem
            raise FundFileRefused(f"{file_name}: {code} {params}", reason=code, params={**params, "document": ""})
        sha = hashlib.sha256(data).hexdigest()
        self.client.keep_file(sha, data)
        ref = AttachmentRef(
            document=EVIDENCE_DOCUMENT, sha256=sha, file_name=file_name[-255:], mime=mime, bytes=len(data)
        )
        files = [f for f in files if f.sha256 != sha] + [ref]
        self._keep_evidence(application_id, milestone_id, files, note)
        return files

    def drop_evidence(self, application_id: str, milestone_id: str, sha256: str) -> None:
        files, note = self.evidence(application_id, milestone_id)
        self._keep_evidence(application_id, milestone_id, [f for f in files if f.sha256 != sha256], note)

    def set_evidence_note(self, application_id: str, milestone_id: str, note: str) -> None:
        files, _note = self.evidence(application_id, milestone_id)
        self._keep_evidence(application_id, milestone_id, files, note)

    def send_evidence(self, application_id: str, milestone_id: str) -> str:
        """Queue the milestone's evidence as one event (the server moves the milestone to "submitted"); what was
        kept for it is dropped once it is in the outbox."""
        files, note = self.evidence(application_id, milestone_id)
        event = MilestoneEvidence(
            application_id=application_id, milestone_id=milestone_id, attachments=files, note=note or None
        )
        event_id = self.client.move(event)
        self._keep_evidence(application_id, milestone_id, [], "")
        return event_id
