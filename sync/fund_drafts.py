"""The Fund applications this device's user is drafting: one small file per draft, saved on every change.

Layout inside the data folder::

    fund/drafts/<user>/<application id>.json
        {"schema": 1, "draft": {id, content, revision, seal, event_id, closed}, "meta": {"rev", "saved_at"}}

A file per draft, as for field visits (sync/visit_store.py): an application with its budget, milestones
and answers is tens of KB and is saved on every field the supplier leaves (autosave); one atomic write
of that one file (temp file, fsync, rename, fsync of the folder — sync/storage.py) costs the same
however large the cache and the outbox grow, and a SIGKILL at any step of it leaves the old or the new
draft, whole (tests/sync/test_fund_draft_crash.py).

Drafts belong to the user who wrote them: each user's are in their own folder and only the signed-in
user's are loaded. A draft is *sealed* once submitted (read-only here from then on); a draft whose call
has closed, by the cached call times or by the server's ``call_closed`` answer, is read-only too — the
screens ask ``sync/fund.py``, which knows both. A file the device cannot read is moved to ``quarantine/``
(never deleted) and reported.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from models.fund_applications import ApplicationContent, Seal, content_json
from sync import clock
from sync.errors import FundDraftNotEditable, StoreCorrupt, StoreError
from sync.storage import TEMP_MARKER, dump_json, quarantine_file, read_json_file, user_folder, write_atomic

DRAFTS_DIR = "fund/drafts"
FILE_SCHEMA = 1


@dataclass(frozen=True)
class Draft:
    """One application as this device holds it before the server has it (or a new revision of one)."""

    id: str  # the application's id, a UUID made on the device
    content: ApplicationContent
    #: The revision this draft becomes when sealed: 1, or the server's revision + 1 after "more information".
    revision: int = 1
    #: Set when the supplier sealed it: from then on read-only here.
    seal: Seal | None = None
    #: The id of the submit event queued for it (the outbox op's record id).
    event_id: str | None = None
    #: The server answered that its call has closed: read-only, whatever the device's clock says.
    closed: bool = False
    rev: int = 0  # bumped on every save
    saved_at: str = ""  # the device's clock at the last save, display only ("saved 10:42")

    @property
    def sealed(self) -> bool:
        return self.seal is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": FILE_SCHEMA,
            "draft": {
                "id": self.id,
                "content": content_json(self.content),
                "revision": self.revision,
                "seal": None if self.seal is None else self.seal.model_dump(mode="json"),
                "event_id": self.event_id,
                "closed": self.closed,
            },
            "meta": {"rev": self.rev, "saved_at": self.saved_at},
        }

    @classmethod
    def from_json(cls, raw: Any) -> Draft:
        if not isinstance(raw, dict) or raw.get("schema") != FILE_SCHEMA:
            raise ValueError("not a Fund draft file of schema 1")
        draft, meta = raw["draft"], raw["meta"]
        return cls(
            id=str(draft["id"]),
            content=ApplicationContent.model_validate(draft["content"]),
            revision=int(draft["revision"]),
            seal=None if draft.get("seal") is None else Seal.model_validate(draft["seal"]),
            event_id=draft.get("event_id"),
            closed=bool(draft.get("closed", False)),
            rev=int(meta["rev"]),
            saved_at=str(meta["saved_at"]),
        )


@dataclass(frozen=True)
class DraftNotice:
    code: str  # "fund_draft_quarantined"
    detail: str


class DraftStore:
    """The signed-in user's Fund drafts; every public write is one atomic write of one draft's file."""

    def __init__(self, folder: Path | None) -> None:
        self.root = None if folder is None else folder / DRAFTS_DIR
        self.quarantine = None if folder is None else folder / "quarantine"
        self.owner: str | None = None
        self._drafts: dict[str, Draft] = {}
        self._memory: dict[str, bytes] = {}  # the in-memory twin of the files, for tests
        self.lock = threading.RLock()
        self._listeners: list[Callable[[str], None]] = []

    # ---- opening ------------------------------------------------------------------------------------
    def open(self, owner: str | None) -> list[DraftNotice]:
        """Load ``owner``'s drafts (none when nobody is signed in); unreadable files go to quarantine."""
        notices: list[DraftNotice] = []
        with self.lock:
            self.owner = owner
            self._drafts = {}
            if self.root is None:
                for key, payload in self._memory.items():
                    user, _, draft_id = key.partition("/")
                    if user == owner:
                        self._drafts[draft_id] = Draft.from_json(json.loads(payload))
                return notices
            folder = self._folder()
            if folder is None or not folder.exists():
                return notices
            for stray in folder.glob(f"*{TEMP_MARKER}*"):
                stray.unlink(missing_ok=True)  # a save killed before its rename: the previous file is intact
            for path in sorted(folder.glob("*.json")):
                try:
                    draft = Draft.from_json(read_json_file(path))
                    if draft.id != path.stem:
                        raise ValueError(f"the file holds draft {draft.id}")
                except (StoreCorrupt, ValueError, KeyError, TypeError, ValidationError) as exc:
                    moved = self._quarantine(path)
                    notices.append(DraftNotice("fund_draft_quarantined", f"{path.name}: {exc} (moved to {moved})"))
                    continue
                self._drafts[draft.id] = draft
        return notices

    def _folder(self) -> Path | None:
        return user_folder(self.root, self.owner)

    def _quarantine(self, path: Path) -> Path:
        assert self.quarantine is not None
        return quarantine_file(path, self.quarantine, "fund-draft")

    def subscribe(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Call ``listener(draft_id)`` after every save (the screens redraw, the engine syncs soon)."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    # ---- reading ------------------------------------------------------------------------------------
    def get(self, draft_id: str) -> Draft | None:
        return self._drafts.get(draft_id)

    def all(self) -> list[Draft]:
        """The user's drafts on this device, the most recently saved first."""
        return sorted(self._drafts.values(), key=lambda d: (d.saved_at, d.rev), reverse=True)

    # ---- writing --------------------------------------------------------------------------------------
    def create(self, draft_id: str, content: ApplicationContent, revision: int = 1) -> Draft:
        """A new draft, saved at once (it exists from the first tap, offline)."""
        with self.lock:
            if self.owner is None:
                raise StoreError("nobody is signed in on this device: a draft needs its author")
            if draft_id in self._drafts:
                raise StoreError(f"there is a draft {draft_id} already")
            return self._save(Draft(id=draft_id, content=content, revision=revision))

    def change(self, draft_id: str, changes: Mapping[str, Any]) -> Draft:
        """Save fields of the content (``ApplicationContent`` field names → values); refuses a sealed or
        closed draft (``DraftNotEditable``) and values that make no valid draft (``ValidationError``)."""
        with self.lock:
            draft = self._editable(draft_id)
            data = {**content_json(draft.content), **_json(changes)}
            content = ApplicationContent.model_validate(data)
            return self._save(replace(draft, content=content))

    def seal(self, draft_id: str, seal: Seal, event_id: str) -> Draft:
        """Fix the draft as submitted: read-only from now on."""
        with self.lock:
            draft = self._editable(draft_id)
            return self._save(replace(draft, seal=seal, event_id=event_id))

    def unseal(self, draft_id: str) -> Draft:
        """Make a sealed draft editable again (the server refused it for something the supplier can fix)."""
        with self.lock:
            draft = self._require(draft_id)
            return self._save(replace(draft, seal=None, event_id=None))

    def mark_closed(self, draft_id: str) -> Draft:
        """The server said the draft's call has closed: read-only here from now on."""
        with self.lock:
            draft = self._require(draft_id)
            return draft if draft.closed else self._save(replace(draft, closed=True))

    def discard(self, draft_id: str) -> None:
        """Throw a draft away (the supplier's choice, or once the server holds its sealed revision)."""
        with self.lock:
            self._require(draft_id)
            self._remove(draft_id)

    # ---- the one write path -----------------------------------------------------------------------------
    def _require(self, draft_id: str) -> Draft:
        draft = self._drafts.get(draft_id)
        if draft is None:
            raise StoreError(f"no Fund draft {draft_id} on this device")
        return draft

    def _editable(self, draft_id: str) -> Draft:
        draft = self._require(draft_id)
        if draft.sealed or draft.closed:
            why = "sealed" if draft.sealed else "closed"
            raise FundDraftNotEditable(f"draft {draft_id} is {why}: it is read-only", reason=why)
        return draft

    def _save(self, draft: Draft) -> Draft:
        saved = replace(draft, rev=draft.rev + 1, saved_at=clock.now_iso())
        self._write(saved)
        self._drafts[saved.id] = saved
        for listener in list(self._listeners):
            listener(saved.id)
        return saved

    def _write(self, draft: Draft) -> None:
        payload = dump_json(draft.to_json())
        if self.root is None:
            self._memory[f"{self.owner}/{draft.id}"] = payload
            return
        folder = self._folder()
        assert folder is not None
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{draft.id}.json", payload)

    def _remove(self, draft_id: str) -> None:
        if self.root is None:
            self._memory.pop(f"{self.owner}/{draft_id}", None)
        else:
            folder = self._folder()
            if folder is not None:
                (folder / f"{draft_id}.json").unlink(missing_ok=True)
        self._drafts.pop(draft_id, None)
        for listener in list(self._listeners):
            listener(draft_id)


def _json(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Changes as JSON values (models dumped, tuples as lists, dates as ISO text)."""
    out: dict[str, Any] = {}
    for key, value in changes.items():
        out[key] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
