"""Sync as one session sees it: status, account, notes, conflicts, parked operations and history.

A ``SyncSession`` is the sync half of one session's app state. It reads the user's data from the store
and changes it only through the store's user-data methods; the process's one engine and its triggers
live in ``views/sync/hub.py``, which hands every status change to each session on its own loop. Like
``SessionState`` it is where a ``ZanjirehError`` from below is caught; ``SessionState`` turns it into words.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import flet as ft

from models.merge import merge_records
from models.user_records import unstorable_characters
from sync import clock
from sync.engine import SyncState, SyncStatus
from sync.errors import ZanjirehError
from sync.user_store import Conflict, OpState, OutboxOp
from views.shell.records import FAVOURITES, NOTES, Noted, favourite_id
from views.shell.session import SessionState
from views.sync.hub import COUNTDOWN_STATES, SyncHub

log = logging.getLogger("zanjireh.sync")

NOTE_MAX_CHARS = 10_000  # the server refuses longer notes (docs/sync-protocol.md)
HISTORY_SHOWN = 30
RECENT_NOTES = 3  # on Home: the latest few, each a way back to its plant or mine
CHANGE_KINDS = ("added", "changed", "removed")


@dataclass(frozen=True)
class Mark:
    """Where one user record stands with the server."""

    kind: str  # "synced" | "pending" | "conflict" | "rejected"
    reason: str | None = None  # why the server refused it (rejected)
    seq: int | None = None  # the parked operation (rejected)


@dataclass(frozen=True)
class NoteItem:
    id: str
    text: str
    updated_at: str | None
    mark: Mark


@dataclass(frozen=True)
class SyncNews:
    """What the latest sync that brought something brought, and when; and a later sync that found nothing newer."""

    at: str | None  # when those changes arrived; None when no sync has brought anything yet
    pulled: dict[str, dict[str, int]]  # collection → {"added", "changed", "removed"}, counts above zero only
    checked_at: str | None  # the newest completed sync, when it came after ``at``


def pulled_changes(entry: dict[str, Any]) -> dict[str, dict[str, int]]:
    """A history entry's received changes, without the collections that brought none."""
    out: dict[str, dict[str, int]] = {}
    for name, counts in (entry.get("pulled") or {}).items():
        kept = {what: int(counts.get(what) or 0) for what in CHANGE_KINDS if int(counts.get(what) or 0) > 0}
        if kept:
            out[name] = kept
    return out


# ---- one per session -----------------------------------------------------------------------------------
@ft.observable
@dataclass
class SyncClock:
    """Ticks so that "retrying in 8 s" and "3 minutes ago" stay true; only the parts that show time read it."""

    tick: int = 0


@ft.observable
@dataclass(eq=False)  # held in weak sets: hashed by identity
class SyncSession:
    """The sync half of one session's state. Build it with :meth:`open`; public fields notify screens when set."""

    status: SyncStatus = field(default_factory=SyncStatus)
    user_version: int = 0  # bumped when the user's data (notes, outbox, conflicts) changes
    busy: str | None = None  # "sign_in" | "sign_out"
    sign_in_error: ZanjirehError | None = None

    @classmethod
    def open(
        cls, hub: SyncHub, app: SessionState, call_soon: Callable[[Callable[[], None]], None] | None = None
    ) -> SyncSession:
        session = cls(status=dataclasses.replace(hub.engine.status))
        session._hub = hub
        session._app = app
        session._store = hub.store
        session._call_soon = call_soon
        session._clock = SyncClock()
        session._first_sync = None  # set at sign-in: the last success before it, until the first sync ends
        hub.add(session)
        return session

    # ---- updates from the hub (any thread) -----------------------------------------------------------------
    def _post(self, callback: Callable[[], None]) -> None:
        if self._call_soon is None:
            callback()
            return
        self._call_soon(callback)

    def status_changed(self, status: SyncStatus) -> None:
        self._post(lambda: self._set_status(status))

    def _set_status(self, status: SyncStatus) -> None:
        self.status = status
        self._follow_first_sync(status)

    def _follow_first_sync(self, status: SyncStatus) -> None:
        """After sign-in the notice says syncing has started; when that sync ends the notice says how it ended,
        rather than "started" staying on screen long after (the strip says the rest)."""
        started = self._first_sync
        if started is None or status.state is SyncState.SYNCING:
            return
        notice = self._app.notice
        still_shown = notice is not None and notice.key == "sync_signed_in"
        if status.state is SyncState.IDLE and status.last_success_at and status.last_success_at != started:
            self._first_sync = None
            if still_shown:
                self._app.tell("sync_first_done")
        elif status.state in (SyncState.OFFLINE, SyncState.BACKING_OFF, SyncState.STORAGE_ERROR,
                              SyncState.UPGRADE_NEEDED, SyncState.SIGN_IN_NEEDED):  # fmt: skip
            self._first_sync = None
            if still_shown:
                self._app.tell("sync_first_failed")

    def store_changed(self, what: str) -> None:
        if what == "user":
            self._post(self._bump)

    def _bump(self) -> None:
        self.user_version += 1

    def tick(self) -> None:
        self._post(self._advance_clock)

    def _advance_clock(self) -> None:
        self._clock.tick += 1

    @property
    def clock(self) -> SyncClock:
        return self._clock

    @property
    def app(self) -> SessionState:
        return self._app

    # ---- what the indicator shows ----------------------------------------------------------------------------
    @property
    def api_url(self) -> str | None:
        return self._store.device.settings().get("api_url")

    @property
    def account(self) -> dict[str, Any] | None:
        """Who is signed in (username, role, api_url), or None."""
        session = self._hub.engine.session()
        return None if session is None else {k: session.get(k) for k in ("username", "role", "api_url")}

    @property
    def tokens_kept_in(self) -> str:
        """Where this device keeps the sign-in tokens (``sync.tokens``: secure storage, or the app's data)."""
        return self._hub.engine.tokens_kept_in

    @property
    def state(self) -> SyncState:
        """The engine's state, except that no address or no account says so whatever the network does."""
        if not self.api_url:
            return SyncState.NOT_CONFIGURED
        if self.account is None:
            return SyncState.SIGN_IN_NEEDED
        return self.status.state

    def seconds_to_retry(self) -> int | None:
        if self.state not in COUNTDOWN_STATES:
            return None
        seconds = self._hub.engine.seconds_until_next()
        return None if seconds is None else max(1, round(seconds))

    @property
    def can_sync(self) -> bool:
        return self.state not in (SyncState.NOT_CONFIGURED, SyncState.SIGN_IN_NEEDED)

    # ---- account ---------------------------------------------------------------------------------------------
    async def sign_in(self, api_url: str, username: str, password: str) -> bool:
        """Trade the password for tokens (the password is never kept); the error stays for the form to show."""
        self.busy, self.sign_in_error = "sign_in", None
        try:
            await self._hub.engine.sign_in(api_url.strip(), username.strip(), password)
        except ZanjirehError as error:
            log.warning("sign-in failed: %s %s", error.code, error.detail)
            self.sign_in_error = error
            return False
        finally:
            self.busy = None
        self._bump()
        self._first_sync = self.status.last_success_at or ""
        self._app.tell("sync_signed_in", user=username.strip())
        return True

    def clear_sign_in_error(self) -> None:
        self.sign_in_error = None

    @property
    def sign_in_message(self) -> str | None:
        """Why signing in failed, said for the form: an unreachable server is a wrong address or no network to
        check, not "using saved data" (which is what the same error means to a sync)."""
        error = self.sign_in_error
        if error is None:
            return None
        if error.code in ("offline", "transient"):
            return self._app.t("sign_in_unreachable")
        return self._app.error_words(error)

    def unsent_count(self) -> int:
        """Changes made here the server has not taken yet: queued, parked, or waiting for a choice."""
        user = self._store.user
        return len(user.outbox()) + len(user.conflicts())

    async def sign_out(self) -> None:
        account = self.account
        unsent = self.unsent_count()
        self.busy = "sign_out"
        try:
            await self._hub.engine.sign_out()
        except ZanjirehError as error:
            self._app.report(error)
            return
        finally:
            self.busy = None
        self._bump()
        user = (account or {}).get("username") or ""
        if unsent:
            self._app.tell("sync_signed_out_waiting", user=user, count=unsent)
        else:
            self._app.tell("sync_signed_out")

    async def sync_now(self) -> None:
        await self._hub.sync_now()

    # ---- marks -----------------------------------------------------------------------------------------------
    def _marks(self, collection: str) -> Callable[[str, int | None], Mark]:
        user = self._store.user
        conflicts = {c.id for c in user.conflicts() if c.collection == collection}
        ops: dict[str, OutboxOp] = {}
        for op in user.outbox():
            if op.collection == collection and (op.state is OpState.REJECTED or op.record_id not in ops):
                ops[op.record_id] = op  # a parked op outranks a queued one: it needs the member

        def mark(record_id: str, server_version: int | None) -> Mark:
            if record_id in conflicts:
                return Mark("conflict")
            op = ops.get(record_id)
            if op is not None and op.state is OpState.REJECTED:
                return Mark("rejected", op.reason, op.seq)
            if op is not None or server_version is None:
                return Mark("pending")
            return Mark("synced")

        return mark

    def favourite_mark(self, asset: Noted) -> Mark | None:
        record = self._read(lambda: self._store.user.record(FAVOURITES, favourite_id(asset)), None)
        if record is None or record.deleted:
            return None
        return self._marks(FAVOURITES)(record.id, record.server_version)

    # ---- notes -----------------------------------------------------------------------------------------------
    def notes_for(self, asset: Noted) -> list[NoteItem]:
        records = self._read(lambda: self._store.user.records(NOTES), [])
        mark = self._marks(NOTES)
        mine = [
            r
            for r in records
            if r.data and r.data.get("asset_id") == asset.id and r.data.get("kind", asset.kind) == asset.kind
        ]
        mine.sort(key=lambda r: str(r.data.get("updated_at") or r.updated_at or ""), reverse=True)
        return [
            NoteItem(
                r.id,
                str(r.data.get("text", "")),
                r.data.get("updated_at") or r.updated_at,
                mark(r.id, r.server_version),
            )
            for r in mine
        ]

    def recent_notes(self, limit: int = RECENT_NOTES) -> list[tuple[NoteItem, str, str]]:
        """The member's latest notes on any plant or mine, newest first: (note, asset id, kind)."""
        records = self._read(lambda: self._store.user.records(NOTES), [])
        mark = self._marks(NOTES)
        mine = [r for r in records if r.data and r.data.get("asset_id")]
        mine.sort(key=lambda r: str(r.data.get("updated_at") or r.updated_at or ""), reverse=True)
        return [
            (
                NoteItem(r.id, str(r.data.get("text", "")), r.data.get("updated_at") or r.updated_at,
                         mark(r.id, r.server_version)),
                str(r.data["asset_id"]),
                str(r.data.get("kind") or "plant"),
            )
            for r in mine[:limit]
        ]  # fmt: skip

    @staticmethod
    def note_problem(text: str) -> str | None:
        """A catalogue key when ``text`` cannot be a note (the server would park it), else None."""
        if not text.strip():
            return "notes_empty"
        if len(text.strip()) > NOTE_MAX_CHARS:
            return "notes_too_long"
        if unstorable_characters(text):
            return "notes_unstorable"  # a NUL pasted from elsewhere: no server can store it
        return None

    def save_note(self, asset: Noted, note_id: str | None, text: str) -> str | None:
        """Save a note (a new one when ``note_id`` is None); its id, or None when it could not be saved.

        On failure the notice says why and the caller keeps the text on screen.
        """
        if self.note_problem(text) is not None:
            return None
        record_id = note_id or uuid.uuid4().hex
        data = {"asset_id": asset.id, "kind": asset.kind, "text": text.strip(), "updated_at": clock.now_iso()}
        try:
            self._store.user.save(NOTES, record_id, data)
        except ZanjirehError as error:
            self._app.report(error)
            return None
        return record_id

    def delete_note(self, note_id: str) -> bool:
        try:
            self._store.user.delete(NOTES, note_id)
        except ZanjirehError as error:
            self._app.report(error)
            return False
        self._app.tell("notes_deleted")
        return True

    def draft(self, key: str) -> str | None:
        """The signed-in member's unsaved text for ``key``: drafts are their data, never the next member's."""
        return self._read(self._store.user.drafts, {}).get(key)

    def set_draft(self, key: str, text: str) -> None:
        try:
            self._store.user.set_draft(key, text)
        except ZanjirehError as error:
            self._app.report(error)

    # ---- conflicts -------------------------------------------------------------------------------------------
    def conflicts(self) -> list[Conflict]:
        found = self._read(self._store.user.conflicts, [])
        return sorted(found, key=lambda c: c.detected_at, reverse=True)

    def conflict(self, record_id: str, collection: str = NOTES) -> Conflict | None:
        return self._read(lambda: self._store.user.conflict(collection, record_id), None)

    @staticmethod
    def merge_text(conflict: Conflict) -> str:
        """What "merge" starts from: the three-way merge of the texts (both, separated, where both changed)."""
        mine, theirs = conflict.mine, conflict.theirs
        if mine is not None and theirs is not None:
            return str(merge_records(conflict.base, mine, theirs).merged.get("text", ""))
        return str((mine or theirs or {}).get("text", ""))

    def resolve(self, conflict: Conflict, choice: str, text: str | None = None) -> bool:
        """Keep "mine", keep "theirs", or "merge" with ``text`` (edited by the member). Both copies stay until now."""
        merged: dict[str, Any] | None = None
        if choice == "merge":
            if text is None or self.note_problem(text) is not None:
                return False
            mine, theirs = conflict.mine, conflict.theirs
            start = merge_records(conflict.base, mine, theirs).merged if mine and theirs else dict(mine or theirs or {})
            merged = {**start, "text": text.strip(), "updated_at": clock.now_iso()}
        try:
            self._store.user.resolve_conflict(conflict.collection, conflict.id, choice, merged)
        except ZanjirehError as error:
            self._app.report(error)
            return False
        self._app.tell(f"conflict_resolved_{choice}")
        return True

    # ---- parked operations ------------------------------------------------------------------------------------
    def rejected(self) -> list[OutboxOp]:
        return [op for op in self._read(self._store.user.outbox, []) if op.state is OpState.REJECTED]

    def retry_rejected(self, seq: int) -> None:
        try:
            self._store.user.retry_rejected(seq)
        except ZanjirehError as error:
            self._app.report(error)
            return
        self._app.tell("rejected_retried")

    def discard_rejected(self, seq: int) -> None:
        try:
            self._store.user.discard_rejected(seq)
        except ZanjirehError as error:
            self._app.report(error)
            return
        self._app.tell("rejected_discarded")

    # ---- history ---------------------------------------------------------------------------------------------
    def history(self, limit: int = HISTORY_SHOWN) -> list[dict[str, Any]]:
        return self._read(self._store.device.history, [])[:limit]

    def news(self) -> SyncNews | None:
        """What is new since the last sync, for Home: None until a sync has completed (the indicator says why).

        A cycle that failed half-way still counts: the collections it finished are in the store."""
        entries: list[dict[str, Any]] = self._read(self._store.device.history, [])  # newest first
        newest_ok = next((index for index, entry in enumerate(entries) if entry.get("ok")), None)
        if newest_ok is None:
            return None
        for index, entry in enumerate(entries):
            pulled = pulled_changes(entry)
            if pulled:
                checked = entries[newest_ok].get("at") if newest_ok < index else None
                return SyncNews(entry.get("at"), pulled, checked)
        return SyncNews(None, {}, entries[newest_ok].get("at"))

    def progress(self) -> tuple[str, str, int] | None:
        """(phase, collection, records done) while a cycle runs."""
        status = self.status
        if status.state is not SyncState.SYNCING:
            return None
        return status.phase, status.collection, status.records_done

    # ---- helpers ---------------------------------------------------------------------------------------------
    def _read(self, read: Callable[[], Any], fallback: Any) -> Any:
        """A read of the store; a damaged file becomes a notice and an empty answer, never a dead screen."""
        try:
            return read()
        except ZanjirehError as error:
            self._app.report(error)
            return fallback


def note_draft_key(asset: Noted, note_id: str | None) -> str:
    """Drafts are kept per plant or mine and per note ("new" for one not saved yet)."""
    return f"{asset.kind}:{asset.id}/{note_id or 'new'}"
