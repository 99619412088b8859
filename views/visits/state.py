"""The field visits' state in one session: the lists, one visit's drafting (saved on every answer), photos,
the device's location, the admin's decision and the report — all through ``sync.fieldwork.Fieldwork``.

One ``VisitsState`` per session, made by the app (views/session.py) and reached with ``use_visits``. Every
call reads or writes the local store only (the screens never wait for the network); a write is on disk
before the call returns, and the sync engine sends it when it can. Errors are the app state's to show.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import flet as ft

from models.checklists import Outcome
from models.qualification import DecisionOutcome, DecisionPart, DueVisit
from models.visits import Finding, Proposal, Severity
from sync import clock
from sync.errors import PhotoRefused, ZanjirehError
from sync.fieldwork import Fieldwork, VisitDetail, VisitStatus, VisitSummary
from sync.photo_store import UploadState
from sync.registers import parse_date, parse_number
from views.shell import i18n
from views.shell.directory_labels import supplier_name
from views.shell.export import ExportFailed, FileExport
from views.shell.session import SessionState
from views.visits.export import visit_table
from views.visits.refusals import refusal_words
from views.visits.report_pdf import report_file_name, visit_pdf

log = logging.getLogger("zanjireh.visits")


class LocationRefused(ZanjirehError):
    """The device would not give its location (permission refused, or location turned off)."""

    code = "visit_location_refused"


class BadVisitInput(ZanjirehError):
    """What was typed is not a date, a number or coordinates; nothing was saved and nothing is lost."""

    code = "visit_bad_input"


@dataclass(frozen=True)
class PhotoTile:
    """One photo as a thumbnail shows it, with how far its upload has got."""

    sha256: str
    thumbnail: bytes | None
    upload: str  # waiting | sending | done | refused
    reason: str | None = None


@ft.observable
@dataclass(eq=False)
class VisitsState:
    """What field staff and admins do with visits in one session; public fields notify the screens."""

    #: Bumped when a visit, a photo's upload, a decision or the cache changed: the visit screens redraw.
    data_version: int = 0
    busy: str | None = None
    #: Why the device gave no location, in a key of the catalogue (shown beside the location, not lost).
    location_problem: str | None = None
    #: The visit whose location the device refused (another visit's screen does not show that problem).
    location_problem_for: str | None = None

    @classmethod
    def open(cls, app: SessionState) -> VisitsState:
        state = cls()
        state._app = app
        state.work = Fieldwork(app.store)
        state._unsubscribe = app.store.visits.subscribe(lambda _what: app.refresh())
        return state

    @property
    def app(self) -> SessionState:
        return self._app

    def session_refreshed(self) -> None:
        self.data_version += 1

    # ---- who may do what (the server checks each again) ------------------------------------------------
    @property
    def field_staff(self) -> bool:
        return self._app.role == "field_staff"

    @property
    def admin(self) -> bool:
        return self._app.role == "admin"

    # ---- lists -----------------------------------------------------------------------------------------
    def my_visits(self) -> list[VisitSummary]:
        return self.work.my_visits() if self._app.signed_in else []

    def to_review(self) -> list[VisitSummary]:
        return self.work.visits_to_review() if self.admin else []

    def due(self) -> list[DueVisit]:
        return self.work.due_for_revisit(self._app.directory.day)

    def supplier_visits(self, supplier_id: str) -> list[VisitSummary]:
        mine = [v for v in self.my_visits() if v.supplier_id == supplier_id]
        seen = {v.id for v in mine}
        return mine + [v for v in self.work.supplier_visits(supplier_id) if v.id not in seen]

    # ---- prepared for a day offline: the photos of a supplier's earlier visits kept on this device -------------
    def pinned(self, supplier_id: str) -> bool:
        return self.work.pinned(supplier_id)

    def pin(self, supplier_id: str, pinned: bool) -> None:
        with self._saving():
            self.work.pin(supplier_id, pinned)
        self.data_version += 1

    def earlier_photos(self, supplier_id: str) -> tuple[int, int]:
        return self.work.earlier_photos(supplier_id)

    def status_words(self, row: VisitSummary) -> str:
        t = self._app.t
        lang = self._app.lang
        if row.status is VisitStatus.PHOTOS:
            return t(
                "visit_status_photos",
                sent=i18n.number(row.photos_sent, lang),
                total=i18n.number(row.photos_total, lang),
            )
        if row.status is VisitStatus.REFUSED:
            return t("visit_status_refused", reason=refusal_words(row.refused_reason, lang))
        words = t(f"visit_status_{row.status.value}")
        if row.status is VisitStatus.WAITING and row.photos_total:
            words += " · " + t("visit_photos_count", count=i18n.number(row.photos_total, lang))
        return words

    def supplier_words(self, row: VisitSummary) -> str:
        return supplier_name(row.supplier, self._app.lang) if row.supplier is not None else row.supplier_id

    # ---- one visit ------------------------------------------------------------------------------------
    def visit(self, visit_id: str) -> VisitDetail | None:
        return self.work.visit(visit_id)

    @contextmanager
    def _saving(self) -> Any:
        try:
            yield
        except ZanjirehError as error:
            self._app.report(error)
        self.data_version += 1

    def start(self, supplier_id: str, categories: list[str], template_key: str, planned: str) -> str | None:
        """A new draft, saved at once; its id (None, with a notice, when it could not be made)."""
        try:
            planned_on = parse_date(planned) if planned.strip() else None
        except ValueError:
            self._app.report(BadVisitInput(f"not a date: {planned!r}", value=planned))
            return None
        with self._saving():
            return self.work.start_visit(supplier_id, categories, template_key, planned_on=planned_on).visit.id
        return None

    def answer(self, visit_id: str, question_id: str, value: Any) -> None:
        with self._saving():
            self.work.answer(visit_id, question_id, value)

    def answer_number(self, visit_id: str, question_id: str, text: str) -> str | None:
        """Save a typed number (Persian or Latin digits); the problem's words when it is none (kept typed)."""
        if not text.strip():
            self.answer(visit_id, question_id, None)
            return None
        try:
            value = parse_number(text)
        except ValueError:
            return self._app.t("visit_bad_number")
        self.answer(visit_id, question_id, int(value) if value.is_integer() else value)
        return None

    def note(self, visit_id: str, question_id: str, text: str) -> None:
        with self._saving():
            self.work.note(visit_id, question_id, text)

    def set_text(self, visit_id: str, name: str, text: str) -> None:
        """``met_with`` or ``summary``."""
        with self._saving():
            self.work.update(visit_id, **{name: text.strip() or None})

    def set_date(self, visit_id: str, name: str, text: str) -> str | None:
        """``planned_on`` or ``visited_on`` typed Jalali or Gregorian; the problem's words when it is no date."""
        if not text.strip():
            with self._saving():
                self.work.update(visit_id, **{name: None})
            return None
        try:
            day = parse_date(text)
        except ValueError:
            return self._app.t("visit_bad_date")
        with self._saving():
            self.work.update(visit_id, **{name: day})
        return None

    def propose(self, visit_id: str, **changes: Any) -> str | None:
        """Change the auditor's proposal (outcome, reasons, conditions, conditions_due as typed)."""
        detail = self.work.visit(visit_id)
        if detail is None:
            return None
        current = detail.visit.proposal
        fields: dict[str, Any] = current.model_dump() if current is not None else {"outcome": Outcome.APPROVED}
        fields.setdefault("reasons", "")
        if "conditions_due" in changes and isinstance(changes["conditions_due"], str):
            text = changes["conditions_due"]
            try:
                changes["conditions_due"] = parse_date(text) if text.strip() else None
            except ValueError:
                return self._app.t("visit_bad_date")
        fields.update(changes)
        fields["reasons"] = (fields.get("reasons") or "").strip() or "—"
        fields["conditions"] = (fields.get("conditions") or "").strip() or None
        with self._saving():
            self.work.update(visit_id, proposal=Proposal(**fields))
        return None

    def add_finding(self, visit_id: str, severity: str, text: str) -> bool:
        if not text.strip():
            return False
        finding = Finding(id=uuid.uuid4().hex[:12], severity=Severity(severity), text=text.strip())
        with self._saving():
            self.work.save_finding(visit_id, finding)
            return True
        return False

    def remove_finding(self, visit_id: str, finding_id: str) -> None:
        with self._saving():
            self.work.remove_finding(visit_id, finding_id)

    def typed_location(self, visit_id: str, lat_text: str, lon_text: str) -> str | None:
        """Coordinates typed (decimal degrees, Persian or Latin digits); the problem's words when they are none."""
        try:
            lat, lon = parse_number(lat_text), parse_number(lon_text)
        except ValueError:
            return self._app.t("visit_bad_coordinates")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return self._app.t("visit_bad_coordinates")
        self.location_problem = None
        with self._saving():
            self.work.set_location(visit_id, lat=lat, lon=lon, accuracy_m=None, source="typed")
        return None

    def map_location(self, visit_id: str, lat: float, lon: float, accuracy_m: float) -> bool:
        """A point picked on the map (set by hand), with the accuracy a fingertip allows at the map's zoom."""
        self.location_problem = None
        with self._saving():
            self.work.set_location(visit_id, lat=lat, lon=lon, accuracy_m=accuracy_m, source="map")
            return True
        return False

    def device_location(self, visit_id: str, lat: float, lon: float, accuracy_m: float | None) -> None:
        self.location_problem = None
        with self._saving():
            self.work.set_location(visit_id, lat=lat, lon=lon, accuracy_m=accuracy_m, source="device")

    def location_refused(self, visit_id: str, key: str, detail: str = "") -> None:
        """The device gave no location: say why beside the location, on this visit only (the map and the typed
        form stay offered; nothing of the visit is touched, and it stays savable)."""
        log.info("no device location for visit %s: %s %s", visit_id, key, detail)
        self.location_problem = key
        self.location_problem_for = visit_id

    def location_problem_of(self, visit_id: str) -> str | None:
        return self.location_problem if self.location_problem_for == visit_id else None

    def clear_location(self, visit_id: str) -> None:
        with self._saving():
            self.work.clear_location(visit_id)

    async def attach(self, visit_id: str, files: list[tuple[str, bytes]], question: str | None = None) -> int:
        """Photos picked or taken: each checked, scaled, stripped and stored (off the event loop), then named in
        the visit. A file that is no photo is told by name; the others are kept. The number attached."""
        attached = 0
        self.busy = "photos"
        try:
            for name, raw in files:
                try:
                    await asyncio.to_thread(self.work.attach_photo, visit_id, raw, question=question)
                    attached += 1
                except PhotoRefused as error:
                    named = {**error.params, "file": name}
                    self._app.report(PhotoRefused(f"{name}: {error.detail}", reason=error.code, **named))
                except ZanjirehError as error:
                    self._app.report(error)
        finally:
            self.busy = None
            self.data_version += 1
        return attached

    def detach(self, visit_id: str, sha256: str) -> None:
        with self._saving():
            self.work.detach_photo(visit_id, sha256)

    def tiles(self, hashes: list[str] | tuple[str, ...]) -> list[PhotoTile]:
        uploads = self._app.store.photos.uploads()
        out = []
        for sha in hashes:
            entry = uploads.get(sha)
            upload = "waiting"
            if entry is not None:
                upload = {UploadState.DONE: "done", UploadState.REFUSED: "refused"}.get(entry.state, "waiting")
                if upload == "waiting" and entry.offset:
                    upload = "sending"
            out.append(PhotoTile(sha, self.work.thumbnail(sha), upload, entry.reason if entry is not None else None))
        return out

    def submit(self, visit_id: str) -> bool:
        with self._saving():
            self.work.submit(visit_id)
            self._app.tell("visit_submitted")
            return True
        return False

    def discard(self, visit_id: str) -> None:
        with self._saving():
            self.work.discard(visit_id)

    def resume(self, visit_id: str) -> None:
        with self._saving():
            self.work.resume(visit_id)

    # ---- deciding (admins) -------------------------------------------------------------------------------
    def decide(
        self, visit_id: str, outcome: str, reasons: str, conditions: str = "", conditions_due: str = ""
    ) -> str | None:
        """Queue the admin's decision; the problem's words when something it needs is missing."""
        if not reasons.strip():
            return self._app.t("visit_decide_reasons_needed")
        due = None
        if outcome == DecisionOutcome.CONDITIONAL.value:
            if not conditions.strip():
                return self._app.t("visit_decide_conditions_needed")
            try:
                due = parse_date(conditions_due)
            except ValueError:
                return self._app.t("visit_bad_date")
        part = DecisionPart(
            outcome=DecisionOutcome(outcome),
            reasons=reasons.strip(),
            conditions=conditions.strip() or None,
            conditions_due=due,
        )
        with self._saving():
            self.work.decide(visit_id, part)
            self._app.tell("visit_decision_queued")
        return None

    # ---- files -------------------------------------------------------------------------------------------
    async def report(self, visit_id: str) -> FileExport | None:
        """The visit's report as a PDF, made off the event loop (None, with a notice, when it cannot be)."""
        detail = self.work.visit(visit_id)
        if detail is None:
            return None
        lang = self._app.lang
        tree = self._app.directory.tree
        made_on = clock.now().astimezone().date()

        def photo(sha: str) -> bytes | None:
            try:
                return self.work.photo(sha)
            except PhotoRefused:
                return None

        try:
            data = await asyncio.to_thread(visit_pdf, detail, tree, photo, lang, made_on=made_on)
        except ExportFailed as error:
            self._app.export_failed(str(error))
            return None
        return FileExport(report_file_name(detail.visit, made_on, lang), data, 1, "pdf")

    async def export_list(self, fmt: str) -> FileExport | None:
        """The visits this account sees to CSV or XLSX."""
        from views.shell.export import file_name, write

        ids = [r.id for r in self.my_visits()] + [r.id for r in self.to_review()]
        details = [d for d in (self.work.visit(i) for i in dict.fromkeys(ids)) if d is not None]
        lang = self._app.lang
        as_of = self._app.store.reference["visits"].state.updated_at
        table = visit_table(details, self._app.directory.tree, lang, "", as_of)
        data = await asyncio.to_thread(write, table, fmt)
        return FileExport(file_name("visits", clock.now().astimezone().date(), lang, fmt), data, len(details), fmt)


def today() -> dt.date:
    return clock.now().astimezone().date()
