"""The field visits this device's user is writing: one small file per visit, saved on every answer.

Layout inside the data folder::

    visits/<user>/<visit id>.json    {"schema": 1, "visit": {…the authored visit…}, "meta": {rev, saved_at, sent_rev}}

Why a file per visit rather than the user-data file: a draft is saved on *every* answer, note, photo
and location, and a visit with its notes is tens of KB; one atomic write of that one file (temp file,
fsync, rename, fsync of the folder — ``sync/storage.py``) costs the same however large the cache, the
outbox or the number of visits grows. A SIGKILL at any step leaves the old or the new draft, whole.

Visits belong to the user who wrote them: each user's are in their own folder, and only the signed-in
user's are loaded. A sealed visit (submitted) is read-only here from then on (``VisitNotEditable``).
What has been saved and not yet handed to the outbox is ``unsent()``: the sync engine hands each such
visit to the outbox once per cycle (``rev`` > ``sent_rev``), so ten answers offline travel as one op.
A file the device cannot read is moved to ``quarantine/`` (never deleted) and reported.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from models.checklists import ChecklistTemplate
from models.photos import PhotoRef
from models.visits import (
    MAX_PHOTOS,
    Finding,
    LocationSource,
    Proposal,
    Visit,
    VisitLocation,
    VisitState,
    authored_part,
    new_visit_id,
    submission_problems,
)
from sync import clock
from sync.errors import PhotoRefused, StoreCorrupt, StoreError, VisitIncomplete, VisitNotEditable
from sync.photo_store import PhotoStore
from sync.storage import TEMP_MARKER, dump_json, quarantine_file, read_json_file, user_folder, write_atomic

VISITS_DIR = "visits"
FILE_SCHEMA = 1
#: Fields the screens may set through ``update`` (answers, notes, photos and findings have their own calls).
UPDATABLE = frozenset({"planned_on", "visited_on", "met_with", "summary", "categories", "proposal", "location"})


@dataclass(frozen=True)
class LocalVisit:
    """A visit as this device holds it: the authored record and how far it has been saved and sent."""

    visit: Visit
    rev: int  # bumped on every save
    saved_at: str  # device clock, display only ("saved 10:42")
    sent_rev: int  # the rev last handed to the outbox

    @property
    def id(self) -> str:
        return self.visit.id

    @property
    def editable(self) -> bool:
        return self.visit.state is VisitState.DRAFT

    @property
    def unsent(self) -> bool:
        return self.rev > self.sent_rev

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": FILE_SCHEMA,
            "visit": authored_part(self.visit.model_dump(mode="json")),
            "meta": {"rev": self.rev, "saved_at": self.saved_at, "sent_rev": self.sent_rev},
        }

    @classmethod
    def from_json(cls, raw: Any) -> LocalVisit:
        if not isinstance(raw, dict) or raw.get("schema") != FILE_SCHEMA:
            raise ValueError("not a visit file of schema 1")
        meta = raw["meta"]
        return cls(Visit.model_validate(raw["visit"]), int(meta["rev"]), str(meta["saved_at"]), int(meta["sent_rev"]))


@dataclass(frozen=True)
class VisitStoreNotice:
    code: str  # "visit_quarantined"
    detail: str


class VisitStore:
    """The signed-in user's own visits; every public write is one atomic write of one visit's file."""

    def __init__(
        self, folder: Path | None, photos: PhotoStore, owner_source: Callable[[], str | None] | None = None
    ) -> None:
        self.root = None if folder is None else folder / VISITS_DIR
        #: Who is signed in now (the store's user data says); another user's visits are loaded on their sign-in.
        self.owner_source = owner_source
        self.quarantine = None if folder is None else folder / "quarantine"
        self.photos = photos
        self.owner: str | None = None
        self._visits: dict[str, LocalVisit] = {}
        self._memory: dict[str, bytes] = {}  # the in-memory twin of the files, for tests
        self.lock = threading.RLock()
        self._listeners: list[Callable[[str], None]] = []

    # ---- opening ------------------------------------------------------------------------------------
    def open(self, owner: str | None) -> list[VisitStoreNotice]:
        """Load ``owner``'s visits (none when nobody is signed in); unreadable files go to quarantine."""
        notices: list[VisitStoreNotice] = []
        with self.lock:
            self.owner = owner
            self._visits = {}
            folder = self._folder()
            if folder is None:
                if self.root is None:
                    for key, payload in self._memory.items():
                        user, _, visit_id = key.partition("/")
                        if user == owner:
                            self._visits[visit_id] = LocalVisit.from_json(_loads(payload))
                return notices
            if not folder.exists():
                return notices
            for stray in folder.glob(f"*{TEMP_MARKER}*"):
                stray.unlink(missing_ok=True)  # a save killed before its rename: the previous file is intact
            for path in sorted(folder.glob("*.json")):
                try:
                    local = LocalVisit.from_json(read_json_file(path))
                    if local.id != path.stem:
                        raise ValueError(f"the file holds visit {local.id}")
                except (StoreCorrupt, ValueError, KeyError, TypeError, ValidationError) as exc:
                    moved = self._quarantine(path)
                    notices.append(VisitStoreNotice("visit_quarantined", f"{path.name}: {exc} (moved to {moved})"))
                    continue
                self._visits[local.id] = local
        return notices

    def _folder(self) -> Path | None:
        return user_folder(self.root, self.owner)

    def _quarantine(self, path: Path) -> Path:
        assert self.quarantine is not None
        return quarantine_file(path, self.quarantine, "visit")

    def subscribe(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Call ``listener(visit_id)`` after every save (the screens redraw; the engine syncs soon)."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _follow_owner(self) -> None:
        """Load the signed-in user's visits when someone else signed in since they were loaded."""
        if self.owner_source is not None:
            owner = self.owner_source()
            if owner != self.owner:
                self.open(owner)

    # ---- reading ------------------------------------------------------------------------------------
    def get(self, visit_id: str) -> LocalVisit | None:
        self._follow_owner()
        return self._visits.get(visit_id)

    def all(self) -> list[LocalVisit]:
        """The user's visits on this device, the most recently saved first."""
        self._follow_owner()
        return sorted(self._visits.values(), key=lambda v: (v.saved_at, v.rev), reverse=True)

    def unsent(self) -> list[LocalVisit]:
        """Visits saved since they were last handed to the outbox, oldest first."""
        self._follow_owner()
        return sorted((v for v in self._visits.values() if v.unsent), key=lambda v: v.saved_at)

    def photo_hashes(self) -> list[str]:
        """Every photo this user's visits on the device name (what the upload queue must send)."""
        self._follow_owner()
        seen: dict[str, None] = {}
        for local in self._visits.values():
            seen.update(dict.fromkeys(local.visit.photo_hashes()))
        return list(seen)

    # ---- writing: what the screens do -------------------------------------------------------------
    def create(
        self,
        *,
        supplier_id: str,
        categories: list[str] | tuple[str, ...],
        template: ChecklistTemplate,
        planned_on: dt.date | None = None,
        revisit_of: str | None = None,
    ) -> LocalVisit:
        """A new draft for ``supplier_id``, saved at once (it exists from the first tap, offline)."""
        self._follow_owner()
        if self.owner is None:
            raise StoreError("nobody is signed in on this device: a visit needs its author")
        visit = Visit(
            id=new_visit_id(),
            supplier_id=supplier_id,
            categories=tuple(categories),
            template_id=template.id,
            template_version=template.version,
            planned_on=planned_on,
            revisit_of=revisit_of,
            started_at=clock.now(),
        )
        with self.lock:
            return self._save(LocalVisit(visit, 0, "", 0))

    def answer(self, visit_id: str, question_id: str, value: Any) -> LocalVisit:
        """Save one answer (None clears it). Called on every change: one small write."""

        def change(data: dict[str, Any]) -> None:
            if value is None:
                data["answers"].pop(question_id, None)
            else:
                data["answers"][question_id] = list(value) if isinstance(value, tuple) else value

        return self._mutate(visit_id, change)

    def note(self, visit_id: str, question_id: str, text: str) -> LocalVisit:
        """Save the note on a question (an empty text removes it)."""

        def change(data: dict[str, Any]) -> None:
            if text.strip():
                data["notes"][question_id] = text
            else:
                data["notes"].pop(question_id, None)

        return self._mutate(visit_id, change)

    def update(self, visit_id: str, **fields: Any) -> LocalVisit:
        """Save other fields: ``planned_on``, ``visited_on``, ``met_with``, ``summary``, ``categories``,
        ``proposal`` (a ``Proposal`` or None), ``location`` (a ``VisitLocation`` or None)."""
        unknown = set(fields) - UPDATABLE
        if unknown:
            raise StoreError(f"not a field the screens set: {sorted(unknown)}")

        def change(data: dict[str, Any]) -> None:
            for name, value in fields.items():
                if isinstance(value, Proposal | VisitLocation):
                    value = value.model_dump(mode="json")
                elif isinstance(value, dt.date):
                    value = value.isoformat()
                data[name] = value

        return self._mutate(visit_id, change)

    def set_location(
        self, visit_id: str, *, lat: float, lon: float, accuracy_m: float | None, source: LocationSource
    ) -> LocalVisit:
        location = VisitLocation(lat=lat, lon=lon, accuracy_m=accuracy_m, source=source, at=clock.now())
        return self.update(visit_id, location=location)

    def attach_photo(
        self, visit_id: str, raw: bytes, *, question: str | None = None, caption: str | None = None
    ) -> tuple[LocalVisit, PhotoRef]:
        """Check, scale, strip and store the photo (``PhotoRefused`` if it is none), then name it in the
        visit — and in the answer of ``question`` when it answers a photo question."""
        if len(self._editable(visit_id).visit.photos) >= MAX_PHOTOS:
            # Said before the photo is processed and stored: the visit and its photos stay as they are.
            raise PhotoRefused(f"a visit holds at most {MAX_PHOTOS} photos", reason="photo_too_many", limit=MAX_PHOTOS)
        prepared = self.photos.add(raw)  # durable before the visit names it
        ref = PhotoRef(
            sha256=prepared.sha256, question=question, caption=caption, taken_at=prepared.taken_at or clock.now(),
            width=prepared.width, height=prepared.height, bytes=len(prepared.data),
        )  # fmt: skip

        def change(data: dict[str, Any]) -> None:
            if all(p["sha256"] != ref.sha256 for p in data["photos"]):
                data["photos"].append(ref.model_dump(mode="json"))
            if question is not None:
                answer = data["answers"].get(question)
                hashes = list(answer) if isinstance(answer, list) else []
                if ref.sha256 not in hashes:
                    data["answers"][question] = [*hashes, ref.sha256]

        return self._mutate(visit_id, change), ref

    def detach_photo(self, visit_id: str, sha256: str) -> LocalVisit:
        """Take a photo out of the visit, its answers and its findings (the file stays until nothing names it)."""

        def change(data: dict[str, Any]) -> None:
            data["photos"] = [p for p in data["photos"] if p["sha256"] != sha256]
            for key, answer in list(data["answers"].items()):
                if isinstance(answer, list) and sha256 in answer:
                    kept = [h for h in answer if h != sha256]
                    if kept:
                        data["answers"][key] = kept
                    else:
                        del data["answers"][key]
            for finding in data["findings"]:
                finding["photos"] = [h for h in finding.get("photos", []) if h != sha256]

        return self._mutate(visit_id, change)

    def save_finding(self, visit_id: str, finding: Finding) -> LocalVisit:
        """Add a finding, or replace the one with its id."""

        def change(data: dict[str, Any]) -> None:
            dumped = finding.model_dump(mode="json")
            found = [i for i, f in enumerate(data["findings"]) if f["id"] == finding.id]
            if found:
                data["findings"][found[0]] = dumped
            else:
                data["findings"].append(dumped)

        return self._mutate(visit_id, change)

    def remove_finding(self, visit_id: str, finding_id: str) -> LocalVisit:
        def change(data: dict[str, Any]) -> None:
            data["findings"] = [f for f in data["findings"] if f["id"] != finding_id]

        return self._mutate(visit_id, change)

    def problems(self, visit_id: str, template: ChecklistTemplate | None) -> list[Any]:
        """What stands between the visit and its submission (empty: it may be submitted)."""
        local = self._require(visit_id)
        return submission_problems(local.visit, template)

    def submit(self, visit_id: str, template: ChecklistTemplate | None) -> LocalVisit:
        """Seal the visit: ``VisitIncomplete`` (with ``params['problems']``) unless it may be submitted.
        From here on it is read-only on the device; it is sent at the next sync, offline or not."""
        with self.lock:
            local = self._editable(visit_id)
            problems = submission_problems(local.visit, template)
            if problems:
                raise VisitIncomplete(
                    "; ".join(p.text() for p in problems), problems=[(p.field, p.code) for p in problems]
                )

            def change(data: dict[str, Any]) -> None:
                data["state"] = VisitState.SUBMITTED.value
                data["submitted_at"] = clock.now_iso()

            return self._mutate(visit_id, change)

    def discard(self, visit_id: str) -> LocalVisit:
        """Throw a draft away. Returns what it was (the engine sends a delete if the server has it)."""
        with self.lock:
            local = self._editable(visit_id)
            self._remove(visit_id)
            return local

    def adopt(self, visit: Visit) -> LocalVisit:
        """Resume on this device a draft of this user's that the server holds (a lost or changed phone)."""
        with self.lock:
            if visit.author is not None and visit.author != self.owner:
                raise VisitNotEditable("a draft is resumed only by its author")
            if visit.state is not VisitState.DRAFT:
                raise VisitNotEditable("only a draft is resumed")
            if visit.id in self._visits:
                return self._visits[visit.id]
            authored = Visit.model_validate(authored_part(visit.model_dump(mode="json")))
            local = LocalVisit(authored, 1, clock.now_iso(), 1)  # as the server has it: nothing unsent
            self._write(local)
            self._visits[local.id] = local
            return local

    # ---- writing: what the sync engine does ------------------------------------------------------------
    def mark_sent(self, visit_id: str, rev: int) -> None:
        """The visit at ``rev`` has been handed to the outbox (a save after that makes it unsent again)."""
        with self.lock:
            local = self._visits.get(visit_id)
            if local is None or local.sent_rev >= rev:
                return
            updated = LocalVisit(local.visit, local.rev, local.saved_at, rev)
            self._write(updated)
            self._visits[visit_id] = updated

    def forget(self, visit_id: str) -> None:
        """Drop the device's copy of a sealed visit the server has whole (its copy in the shared
        ``visits`` collection stands for it from then on). Drafts are never forgotten."""
        with self.lock:
            local = self._visits.get(visit_id)
            if local is None or local.editable or local.unsent:
                return
            self._remove(visit_id)

    # ---- the one write path ----------------------------------------------------------------------------------
    def _require(self, visit_id: str) -> LocalVisit:
        self._follow_owner()
        local = self._visits.get(visit_id)
        if local is None:
            raise StoreError(f"no visit {visit_id} on this device")
        return local

    def _editable(self, visit_id: str) -> LocalVisit:
        local = self._require(visit_id)
        if not local.editable:
            raise VisitNotEditable(f"visit {visit_id} is {local.visit.state.value}: it is read-only")
        return local

    def _mutate(self, visit_id: str, change: Callable[[dict[str, Any]], None]) -> LocalVisit:
        with self.lock:
            local = self._editable(visit_id)
            data = local.visit.model_dump(mode="json")
            change(data)
            try:
                visit = Visit.model_validate(data)
            except ValidationError as exc:
                raise StoreError(f"visit {visit_id} would not be valid: {exc}") from exc
            return self._save(LocalVisit(visit, local.rev, local.saved_at, local.sent_rev))

    def _save(self, local: LocalVisit) -> LocalVisit:
        saved = LocalVisit(local.visit, local.rev + 1, clock.now_iso(), local.sent_rev)
        self._write(saved)
        self._visits[saved.id] = saved
        for listener in list(self._listeners):
            listener(saved.id)
        return saved

    def _write(self, local: LocalVisit) -> None:
        payload = dump_json(local.to_json())
        folder = self._folder()
        if self.root is None:
            self._memory[f"{self.owner}/{local.id}"] = payload
            return
        assert folder is not None
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{local.id}.json", payload)

    def _remove(self, visit_id: str) -> None:
        folder = self._folder()
        if self.root is None:
            self._memory.pop(f"{self.owner}/{visit_id}", None)
        elif folder is not None:
            (folder / f"{visit_id}.json").unlink(missing_ok=True)
        self._visits.pop(visit_id, None)
        for listener in list(self._listeners):
            listener(visit_id)


def _loads(payload: bytes) -> Any:
    import json

    return json.loads(payload)
