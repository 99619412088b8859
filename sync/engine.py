"""The sync engine: the only code that knows both the store and the API client.

One cycle at a time: push the outbox, then pull every collection page by page, committing each page
together with its cursor. Cycles are started by triggers (app start, regained connectivity, resume,
a local write — debounced —, a timer while in the foreground, "sync now") and, after a failure, by
a full-jitter backoff timer that fires by itself and honours ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from models.visits import VisitState, authored_part
from sync import clock
from sync.api_client import ApiClient, ItemAnswer, PingAnswer, record_problem
from sync.bulk_work import bulk_work
from sync.errors import (
    AuthRequired,
    BadCredentials,
    InternalError,
    Offline,
    ProtocolError,
    ResyncRequired,
    StoreError,
    Transient,
    UpgradeRequired,
    ZanjirehError,
)
from sync.fund import FundClient
from sync.photo_downloads import DownloadCounts, download_photos, pinned_suppliers
from sync.photo_store import UploadState
from sync.photo_uploads import UploadCounts, upload_photos
from sync.reference_store import ChangeCounts, ServerItem
from sync.store import LocalStore
from sync.tokens import authed
from sync.user_store import SHARED_WRITES, USER_COLLECTIONS, OpState, PushOutcome

T = TypeVar("T")
log = logging.getLogger("zanjireh.sync")

PUSH_BATCH = 200
PAGE_SIZE = 500
SNAPSHOT_PAGE_SIZE = 1000  # a snapshot rewrites the collection file per page: fewer, bigger pages
BACKOFF_BASE_S = 1.0
BACKOFF_CAP_S = 300.0
FOREGROUND_INTERVAL_S = 300.0
LOCAL_WRITE_DEBOUNCE_S = 2.0


class SyncState(StrEnum):
    NOT_CONFIGURED = "not_configured"  # no API address in settings
    SIGN_IN_NEEDED = "sign_in_needed"
    IDLE = "idle"
    SYNCING = "syncing"
    OFFLINE = "offline"
    BACKING_OFF = "backing_off"
    UPGRADE_NEEDED = "upgrade_needed"
    STORAGE_ERROR = "storage_error"


@dataclass
class SyncStatus:
    """What the UI shows about sync, on every screen."""

    state: SyncState = SyncState.NOT_CONFIGURED
    phase: str = ""  # "push" | "pull"
    collection: str = ""
    records_done: int = 0
    pending: int = 0
    conflicts: int = 0
    rejected: int = 0
    #: Photos the device's records name that the server does not have whole yet (and not refused).
    photos_waiting: int = 0
    #: Photos the server refused (not an image, too large): shown with their visit, never retried as is.
    photos_refused: int = 0
    last_success_at: str | None = None
    retry_in_s: float | None = None
    error_code: str | None = None
    error_detail: str | None = None
    error: ZanjirehError | None = None


@dataclass
class CycleResult:
    ok: bool
    reason: str
    pushed: PushOutcome = field(default_factory=PushOutcome)
    pulled: dict[str, ChangeCounts] = field(default_factory=dict)
    photos: UploadCounts = field(default_factory=UploadCounts)
    fund_documents: UploadCounts = field(default_factory=UploadCounts)
    fetched: DownloadCounts = field(default_factory=DownloadCounts)
    resyncs: list[str] = field(default_factory=list)
    error: ZanjirehError | None = None
    requests: int = 0
    bytes_received: int = 0
    duration_s: float = 0.0

    def history_entry(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "reason": self.reason,
            "pushed": self.pushed.__dict__,
            "pulled": {k: v.__dict__ for k, v in self.pulled.items()},
            "photos": {k: v for k, v in self.photos.__dict__.items() if k != "reasons"},
            "fund_documents": {k: v for k, v in self.fund_documents.__dict__.items() if k != "reasons"},
            "photos_fetched": self.fetched.__dict__,
            "resyncs": self.resyncs,
            "error_code": self.error.code if self.error else None,
            "error_detail": self.error.detail if self.error else None,
            "requests": self.requests,
            "bytes": self.bytes_received,
            "duration_s": round(self.duration_s, 3),
        }

    def lines(self) -> list[str]:
        out = [f"sync {'completed' if self.ok else 'did not complete'} ({self.reason})"]
        p = self.pushed
        out.append(
            f"  pushed: {p.applied} applied, {p.duplicates} already there, {p.conflicts} conflicts, "
            f"{p.rejected} rejected"
        )
        for name, counts in self.pulled.items():
            left_out = f", {counts.invalid} left out (unfit records)" if counts.invalid else ""
            out.append(f"  {name}: {counts.added} added, {counts.changed} changed, {counts.removed} removed{left_out}")
        ph = self.photos
        if ph.sent or ph.already_there or ph.refused or ph.missing:
            out.append(
                f"  photos: {ph.sent} sent, {ph.already_there} already there, {ph.refused} refused, "
                f"{ph.missing} not on this device ({ph.bytes_sent:,} bytes)"
            )
        fd = self.fund_documents
        if fd.sent or fd.already_there or fd.refused:
            out.append(
                f"  fund documents: {fd.sent} sent, {fd.already_there} already there, {fd.refused} refused "
                f"({fd.bytes_sent:,} bytes){''.join(f'; {r}' for r in fd.reasons)}"
            )
        got = self.fetched
        if got.fetched or got.not_on_server or got.damaged:
            out.append(
                f"  photos fetched: {got.fetched} ({got.bytes_received:,} bytes), {got.not_on_server} not on the "
                f"server yet, {got.damaged} damaged on the way"
            )
        out += [f"  {name}: pulled again from the start (cursor expired)" for name in self.resyncs]
        if self.error is not None:
            out.append(f"  error: {self.error.code}: {self.error.detail}")
        out.append(f"  {self.requests} requests, {self.bytes_received:,} bytes, {self.duration_s:.2f} s")
        return out


ClientFactory = Callable[[str], ApiClient]
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
PasswordProvider = Callable[[], str | None]


class SyncEngine:
    def __init__(
        self,
        store: LocalStore,
        *,
        client_factory: ClientFactory = ApiClient,
        password_provider: PasswordProvider | None = None,
        rng: random.Random | None = None,
        backoff_base_s: float = BACKOFF_BASE_S,
        backoff_cap_s: float = BACKOFF_CAP_S,
        foreground_interval_s: float = FOREGROUND_INTERVAL_S,
        debounce_s: float = LOCAL_WRITE_DEBOUNCE_S,
        page_size: int = PAGE_SIZE,
        snapshot_page_size: int = SNAPSHOT_PAGE_SIZE,
    ) -> None:
        self.store = store
        self.client_factory = client_factory
        self.password_provider = password_provider
        self.rng = rng or random.Random()
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self.foreground_interval_s = foreground_interval_s
        self.debounce_s = debounce_s
        self.page_size = page_size
        self.snapshot_page_size = snapshot_page_size
        self.status = SyncStatus()
        self._listeners: list[Callable[[SyncStatus], None]] = []
        self._cycle_lock = asyncio.Lock()
        self._failures = 0
        self._next_due: float | None = None  # monotonic time of the next automatic cycle
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: asyncio.Task[None] | None = None
        self._pending_reason = "start"
        self._foreground = True
        self._definitely_offline = False
        self._debounce: asyncio.TimerHandle | None = None
        self._refresh_counts()

    # ---- the session ------------------------------------------------------------------------------------
    def session(self) -> dict[str, Any] | None:
        """Who is signed in on this device, with their tokens (``store.session``), or None."""
        return self.store.session.current()

    @property
    def tokens_kept_in(self) -> str:
        """Where the tokens are: ``sync.tokens.SECURE_STORAGE`` or ``APP_DATA_FILE`` (for the account screen)."""
        return self.store.session.where

    # ---- status ---------------------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[SyncStatus], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _publish(self, **changes: Any) -> None:
        for key, value in changes.items():
            setattr(self.status, key, value)
        for listener in list(self._listeners):
            listener(self.status)

    def _refresh_counts(self) -> None:
        user = self.store.user
        outbox = user.outbox()
        self.status.pending = sum(1 for op in outbox if op.state is not OpState.REJECTED)
        self.status.rejected = sum(1 for op in outbox if op.state is OpState.REJECTED)
        self.status.conflicts = len(user.conflicts())
        self.status.pending += len(self.store.visits.unsent())  # saved visits not yet handed to the outbox
        self.status.photos_waiting, self.status.photos_refused = self._photo_counts()
        history = self.store.device.history()
        self.status.last_success_at = next((h["at"] for h in history if h.get("ok")), None)
        if not self.store.device.settings().get("api_url"):
            self.status.state = SyncState.NOT_CONFIGURED
        elif self.session() is None and self.password_provider is None:
            self.status.state = SyncState.SIGN_IN_NEEDED
        elif self.status.state in (SyncState.NOT_CONFIGURED, SyncState.SIGN_IN_NEEDED):
            self.status.state = SyncState.IDLE

    def photo_hashes(self) -> list[str]:
        """Every photo the device's own records name: its visits (drafts sync too) and unsent corrections."""
        hashes = dict.fromkeys(self.store.visits.photo_hashes())
        for op in self.store.user.outbox():
            if op.collection == "corrections" and isinstance(op.data, dict):
                hashes.update(dict.fromkeys(p.get("sha256") for p in op.data.get("photos") or []))
        me = self.store.user.owner
        for correction in self.store.reference["corrections"].all():
            if correction.proposed_by == me and me is not None:
                hashes.update(dict.fromkeys(p.sha256 for p in correction.photos))
        return [h for h in hashes if isinstance(h, str)]

    def photos_to_fetch(self) -> list[str]:
        """Photos this device should hold and may lack: those of this user's visits (written on another
        device), of the sealed visits to the suppliers pinned here (``PINNED_SUPPLIERS``), and for an admin
        those of the visits waiting for a decision; the most recent visits first."""
        me = self.store.user.owner
        if me is None:
            return []
        pinned = set(pinned_suppliers(self.store))
        session = self.session()
        admin = session is not None and session.get("role") == "admin"
        wanted: dict[str, None] = {}
        visits = sorted(self.store.reference["visits"].all(), key=lambda v: v.updated_at or v.created_at or _EPOCH,
                        reverse=True)  # fmt: skip
        for visit in visits:
            mine = visit.author == me
            pinned_here = visit.supplier_id in pinned and visit.sealed
            to_decide = admin and visit.state is VisitState.SUBMITTED
            if mine or pinned_here or to_decide:
                wanted.update(dict.fromkeys(visit.photo_hashes()))
        return [sha for sha in wanted if not self.store.photos.has(sha)]

    def _photo_counts(self) -> tuple[int, int]:
        uploads = self.store.photos.uploads()
        waiting = refused = 0
        for sha in self.photo_hashes():
            entry = uploads.get(sha)
            if entry is None and not self.store.photos.has(sha):
                continue  # another device's photo: that device sends it
            if entry is None or entry.state is UploadState.PENDING:
                waiting += 1
            elif entry.state is UploadState.REFUSED:
                refused += 1
        return waiting, refused

    def refresh_status(self) -> None:
        """Recount pending, conflicts and rejected ops (after a local change) and tell listeners."""
        self._refresh_counts()
        self._publish()

    # ---- accounts -----------------------------------------------------------------------------------------
    async def sign_in(self, api_url: str, username: str, password: str) -> None:
        """Check the address is our API, trade the password for tokens, keep them (never the password)."""
        client = self.client_factory(api_url)
        try:
            await client.ping()
            tokens = await client.sign_in(username, password)
            await self._end_previous_session(client, tokens.user.username)
        finally:
            await client.aclose()
        await self._take_session(tokens.session(client.base_url))
        await asyncio.to_thread(self.store.device.set_setting, "api_url", client.base_url)
        self._failures, self._next_due = 0, None
        self.refresh_status()
        self.trigger("sign_in", immediate=True)

    async def sign_out(self) -> None:
        """Forget the tokens (revoking them when the server can be reached); user data stays on the device."""
        session = self.session()
        if session is not None:
            client = self.client_factory(session["api_url"])
            with contextlib.suppress(ZanjirehError):
                await self._revoke_session(client)
            await client.aclose()
        await self.store.session.put(None)
        self._publish(state=SyncState.SIGN_IN_NEEDED, error=None, error_code=None, error_detail=None)

    async def _end_previous_session(self, client: ApiClient, username: str) -> None:
        """Another member signs in here: the previous one's tokens are revoked (best effort), never parked."""
        previous = self.session()
        if previous is None or previous.get("username") == username:
            return
        if previous.get("api_url") == client.base_url:
            with contextlib.suppress(ZanjirehError):
                await self._revoke_session(client)

    async def _revoke_session(self, client: ApiClient) -> None:
        """``auth/logout`` for the device's session, renewed first if its access token has expired (an hour
        after the last request): refused as expired, the sign-out would end nothing on the server, and its
        refresh token would stay good for weeks. Through the token keeper, so it also waits for a renewal
        already under way (a Fund document's) rather than spend the refresh token a second time."""
        await authed(self.store.session, client, client.sign_out)

    async def _take_session(self, session: dict[str, Any]) -> None:
        """Make ``session`` the device's: that member's data becomes current, then their tokens are kept."""
        await asyncio.to_thread(self.store.switch_user, session["username"])
        await self.store.session.put(session)
        await asyncio.to_thread(self.store.user.claim, session["username"])

    # ---- one cycle ------------------------------------------------------------------------------------------
    async def sync_once(self, reason: str = "manual") -> CycleResult:
        """Run one cycle (waiting for one already running to end); never raises."""
        async with self._cycle_lock:
            return await self._cycle(reason)

    async def _cycle(self, reason: str) -> CycleResult:
        started = time.perf_counter()
        result = CycleResult(ok=False, reason=reason)
        api_url = self.store.device.settings().get("api_url")
        if not api_url:
            self._publish(state=SyncState.NOT_CONFIGURED)
            return result
        if self.session() is None and self.password_provider is None:
            # nobody to sync as: no request, no history entry, nothing scheduled until someone signs in
            result.error = AuthRequired("not signed in")
            self._schedule(None)
            self._publish(state=SyncState.SIGN_IN_NEEDED, error=None, error_code=None, error_detail=None)
            return result
        client: ApiClient | None = None
        self._publish(state=SyncState.SYNCING, phase="", collection="", records_done=0, error=None,
                      error_code=None, error_detail=None, retry_in_s=None)  # fmt: skip
        try:
            client = self.client_factory(api_url)
            ping = await client.ping()
            await self._ensure_session(client)
            await self._push(client, result)
            with bulk_work():  # a first sync keeps tens of thousands of records' objects alive (sync/bulk_work.py)
                await self._pull(client, ping, result)
            await self._upload_photos(client, result)
            await self._upload_fund_documents(client, result)
            await self._download_photos(client, result)
            result.ok = True
        except ZanjirehError as error:
            result.error = error
        except OSError as error:  # the store's files (disk full, permissions) outside StoreWriteFailed
            result.error = StoreError(str(error))
        except Exception as error:
            # A bug, or an answer nothing above foresaw: the cycle still ends in a state the UI shows
            # (backing off, with the error), and the scheduler lives on so "sync now" works again.
            log.exception("sync cycle failed unexpectedly")
            result.error = InternalError(f"{type(error).__name__}: {error}")
        finally:
            if client is not None:
                result.requests = client.traffic.requests
                result.bytes_received = client.traffic.bytes_received
                await client.aclose()
        result.duration_s = time.perf_counter() - started
        await self._finish(result)
        return result

    async def _finish(self, result: CycleResult) -> None:
        with contextlib.suppress(StoreError):
            await asyncio.to_thread(self.store.device.record_history, result.history_entry())
        self._refresh_counts()
        error = result.error
        if error is None:
            self._failures = 0
            self._schedule(self.foreground_interval_s if self._foreground else None)
            self._publish(state=SyncState.IDLE, last_success_at=clock.now_iso(), phase="", collection="")
            return
        details = {"error": error, "error_code": error.code, "error_detail": error.detail, "phase": ""}
        if isinstance(error, (AuthRequired, BadCredentials)):
            self._schedule(None)
            self._publish(state=SyncState.SIGN_IN_NEEDED, **details)
        elif isinstance(error, UpgradeRequired):
            self._schedule(None)
            self._publish(state=SyncState.UPGRADE_NEEDED, **details)
        elif isinstance(error, StoreError):
            delay = self._backoff_delay(None)
            self._publish(state=SyncState.STORAGE_ERROR, retry_in_s=delay, **details)
        else:  # offline, transient, protocol trouble, forbidden: retry later, by ourselves
            retry_after = error.retry_after if isinstance(error, Transient) else None
            delay = self._backoff_delay(retry_after)
            state = SyncState.OFFLINE if isinstance(error, Offline) else SyncState.BACKING_OFF
            self._publish(state=state, retry_in_s=delay, **details)

    def _backoff_delay(self, retry_after: float | None) -> float:
        """Full jitter: uniform(0, min(cap, base·2^failures)), never sooner than Retry-After."""
        ceiling = min(self.backoff_cap_s, self.backoff_base_s * (2**self._failures))
        self._failures += 1
        delay = self.rng.uniform(0, ceiling)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.backoff_cap_s))
        self._schedule(delay)
        return delay

    # ---- session ------------------------------------------------------------------------------------------
    async def _ensure_session(self, client: ApiClient) -> None:
        session = self.session()
        if session is not None and session.get("api_url") == client.base_url:
            return
        await self._sign_in_with_password(client)

    async def _sign_in_with_password(self, client: ApiClient) -> None:
        password = self.password_provider() if self.password_provider else None
        username = self.store.device.settings().get("username")
        if not password or not username:
            raise AuthRequired("no session for this server")
        tokens = await client.sign_in(username, password)
        await self._end_previous_session(client, tokens.user.username)
        await self._take_session(tokens.session(client.base_url))

    async def _authed(self, client: ApiClient, call: Callable[[str], Awaitable[T]]) -> T:
        """Run ``call(access_token)``; on 401 renew the session once (refresh token, then password) and retry.

        The renewal is the token keeper's (``sync.tokens.authed``), shared with every other caller on the
        device (a Fund document opened while this cycle runs): one refresh for all who find the token expired."""
        return await authed(self.store.session, client, call, fallback=lambda: self._password_session(client))

    async def _password_session(self, client: ApiClient) -> dict[str, Any]:
        """The refresh token was refused: sign in again with the password (headless sync only), kept."""
        await self._sign_in_with_password(client)
        session = self.session()
        if session is None:
            raise AuthRequired("no session for this server")
        return session

    # ---- push -----------------------------------------------------------------------------------------------
    def _queue_field_records(self) -> None:
        """Hand every visit saved since the last cycle to the outbox (one op however many answers), then
        mark it sent; a crash in between only queues it again, and the server ignores an identical visit."""
        for local in self.store.visits.unsent():
            data = authored_part(local.visit.model_dump(mode="json"))
            self.store.user.queue("visits", local.id, "upsert", data)
            self.store.visits.mark_sent(local.id, local.rev)

    async def _push(self, client: ApiClient, result: CycleResult) -> None:
        """Send the outbox: each batch is marked sent on disk before its request, and its answer is applied
        (and only so the ops leave "sent") in one commit. A save at any await point in between becomes a
        new op, never part of one that may have reached the server (docs/sync-protocol.md)."""
        await asyncio.to_thread(self._queue_field_records)
        user = self.store.user
        client_id = self.store.device.client_id
        stalled = 0
        while batch := await asyncio.to_thread(user.claim_batch, PUSH_BATCH):
            self._publish(phase="push", collection="", records_done=result.pushed.applied)
            wire = [op.wire() for op in batch]
            acked = user.acked_seq()
            answer = await self._authed(
                client, lambda token, wire=wire, acked=acked: client.push(client_id, wire, token, acked_seq=acked)
            )
            outcome = await asyncio.to_thread(user.apply_push_results, batch, answer.results, answer.last_seq)
            self.store.notify("user")
            for name in ("applied", "duplicates", "conflicts", "rejected", "gaps"):
                setattr(result.pushed, name, getattr(result.pushed, name) + getattr(outcome, name))
            result.pushed.notices += outcome.notices
            progressed = outcome.applied + outcome.duplicates + outcome.conflicts + outcome.rejected
            stalled = 0 if progressed else stalled + 1
            if stalled >= 3:
                raise ProtocolError("the server keeps answering without settling any operation (gaps, or no result)")

    # ---- photos ---------------------------------------------------------------------------------------------
    async def _upload_photos(self, client: ApiClient, result: CycleResult) -> None:
        """After the records: every photo they name that the server lacks (``sync/photo_uploads.py``);
        then the device lets go of sealed visits the server has whole, photos and all."""
        hashes = await asyncio.to_thread(self.photo_hashes)
        if not hashes:
            return
        self._publish(phase="photos", collection="", records_done=0)

        def progress(_sha: str, _offset: int, _size: int) -> None:
            self._publish(phase="photos", records_done=result.photos.sent)

        result.photos = await upload_photos(client, lambda call: self._authed(client, call), self.store.photos,
                                            hashes, on_progress=progress)  # fmt: skip
        self.store.notify("photos")
        await asyncio.to_thread(self._release_sent_visits)

    async def _upload_fund_documents(self, client: ApiClient, result: CycleResult) -> None:
        """After the photos: the Fund documents the user's drafts and applications name, each under its call's
        limits for it (the application went with the records; its files follow, as a visit's photos do)."""
        fund = FundClient.of(self.store)
        purposes = await asyncio.to_thread(fund.document_uploads)
        if not purposes:
            return
        self._publish(phase="photos", collection="fund_documents", records_done=0)
        counts = await upload_photos(client, lambda call: self._authed(client, call), fund.files, list(purposes),
                                     purposes=purposes)  # fmt: skip
        result.fund_documents = counts
        self.store.notify("fund_documents")

    async def _download_photos(self, client: ApiClient, result: CycleResult) -> None:
        """After the uploads: the photos this device should hold and lacks (``sync/photo_downloads.py``)."""
        hashes = await asyncio.to_thread(self.photos_to_fetch)
        if not hashes:
            return
        self._publish(phase="photos", collection="", records_done=0)
        authed = lambda call: self._authed(client, call)  # noqa: E731
        result.fetched = await download_photos(client, authed, self.store.photos, hashes)
        if result.fetched.fetched:
            self.store.notify("photos")

    def _release_sent_visits(self) -> None:
        """A sealed visit the server holds sealed (only this device's push of it could have sealed it),
        with every photo delivered, is kept from then on by the shared ``visits`` collection alone."""
        server = self.store.reference["visits"]
        uploads = self.store.photos.uploads()
        for local in self.store.visits.all():
            copy = server.get(local.id)
            if local.editable or local.unsent or copy is None or not copy.sealed:
                continue
            hashes = local.visit.photo_hashes()
            if all((e := uploads.get(sha)) is not None and e.state is UploadState.DONE for sha in hashes):
                self.store.visits.forget(local.id)

    # ---- pull -----------------------------------------------------------------------------------------------
    async def _pull(self, client: ApiClient, ping: PingAnswer, result: CycleResult) -> None:
        # shared collections (needs, answers) are read-only here too, each user pulling what they may see
        for name in [*ping.collections.get("reference", []), *ping.collections.get("shared", [])]:
            if name in self.store.reference:  # a collection from a newer server is skipped, not an error
                result.pulled[name] = await self._pull_reference(client, name, result)
        for name in ping.collections.get("user", []):
            if name in USER_COLLECTIONS:
                result.pulled[name] = await self._pull_user(client, name, result)

    async def _pull_reference(self, client: ApiClient, name: str, result: CycleResult) -> ChangeCounts:
        """Pull ``name`` page by page, each page committed together with the cursor after it.

        The next page is asked for while the current one commits (its cursor is in the current page): the
        server's work and the transfer overlap the store's. Pages are still committed one at a time and in
        order, so a crash or an error loses at most the page being committed, and the next pull resumes
        from the last committed cursor; a page fetched ahead and never committed is simply dropped.
        """
        collection = self.store.reference[name]
        counts = ChangeCounts()
        done = 0
        seen: set[str | None] = set()
        origin = f"sync: {client.base_url}"

        def fetch(cursor: str | None, size: int) -> asyncio.Future[Any]:
            return asyncio.ensure_future(self._authed(client, lambda token: client.changes(name, cursor, size, token)))

        cursor = collection.state.cursor
        snapshot = cursor is None or collection.state.snapshot
        size = self.snapshot_page_size if snapshot else self.page_size
        pending = fetch(cursor, size)
        try:
            while True:
                try:
                    page = await pending
                except ResyncRequired:
                    if name in result.resyncs:
                        raise ProtocolError(
                            f"{name}: the server asked twice in one cycle to pull from the start"
                        ) from None
                    result.resyncs.append(name)
                    seen.clear()
                    await asyncio.to_thread(collection.reset)
                    if name in SHARED_WRITES:
                        # the snapshot brings back what the user may still see; a settled write of a record
                        # they may no longer see must not linger on screen (a snapshot sends no tombstones)
                        await asyncio.to_thread(self.store.user.forget_settled, name)
                    cursor, size = None, self.snapshot_page_size
                    pending = fetch(cursor, size)
                    continue
                _check_progress(name, cursor, page, seen)
                if page.has_more:  # a snapshot stays a snapshot to its end, an incremental pull incremental
                    pending = fetch(page.next_cursor, size)
                items, left_out = _screened(name, page.items, collection.model)
                counts.invalid += left_out
                # the page is kept as the server sent it only when every record of it is kept: a record left
                # out must not reach the store's files (the page is then written out from what is kept)
                body = (page.body or None) if not left_out else None
                # the store's write lock keeps a page commit and an import from interleaving
                # (_screened validated each record against the collection's model: the store need not again)
                counts += await asyncio.to_thread(
                    self._locked, collection.apply_page, items, page.next_cursor, page.has_more, origin, body, True
                )
                if name in SHARED_WRITES:
                    # the server's copies of this user's own writes are here now: their local copies can go
                    await asyncio.to_thread(self.store.user.settle_shared, name, items)
                self.store.notify(name)
                done += len(items)
                self._publish(phase="pull", collection=name, records_done=done)
                if not page.has_more:
                    return counts
                cursor = page.next_cursor
        finally:
            if not pending.done():  # an error while committing: the page asked for ahead is not wanted
                pending.cancel()
                pending.add_done_callback(_retrieve)

    async def _pull_user(self, client: ApiClient, name: str, result: CycleResult) -> ChangeCounts:
        user = self.store.user
        counts = ChangeCounts()
        seen: set[str | None] = set()
        while True:
            cursor = user.cursor(name)
            try:
                page = await self._authed(
                    client, lambda token, c=cursor: client.changes(name, c, self.page_size, token)
                )
            except ResyncRequired:
                if name in result.resyncs:
                    raise ProtocolError(f"{name}: the server asked twice in one cycle to pull from the start") from None
                result.resyncs.append(name)
                seen.clear()
                await asyncio.to_thread(user.reset_collection, name)
                continue
            _check_progress(name, cursor, page, seen)
            items, left_out = _screened(name, page.items, None)  # the user store checks the record rules
            counts.invalid += left_out
            counts += await asyncio.to_thread(user.apply_page, name, items, page.next_cursor)
            if counts.invalid:
                log.warning(
                    "%s: %d records from the server break the record rules and were left out", name, counts.invalid
                )
            self.store.notify("user")
            if not page.has_more:
                return counts

    def _locked(self, func: Callable[..., T], *args: Any) -> T:
        with self.store.write_lock:
            return func(*args)

    # ---- the scheduler --------------------------------------------------------------------------------------
    def _schedule(self, delay_s: float | None) -> None:
        self._next_due = None if delay_s is None else time.monotonic() + delay_s

    async def run(self) -> None:
        """Run cycles whenever triggered or due, until cancelled. Start it once per process."""
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._wake.set()  # the app-start trigger: the UI has rendered from the cache by now
        while True:
            timeout = None if self._next_due is None else max(0.0, self._next_due - time.monotonic())
            if timeout is None:
                await self._wake.wait()
            else:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout)
            self._wake.clear()
            reason, self._pending_reason = self._pending_reason, "timer"
            if self._definitely_offline and reason not in ("manual", "sign_in"):
                self._publish(state=SyncState.OFFLINE)
                self._schedule(None)  # connectivity coming back wakes us
                continue
            try:
                await self.sync_once(reason)
            except Exception:  # sync_once never raises; if it ever does, the scheduler must outlive it
                log.exception("the sync scheduler caught an error; it goes on")
                self._publish(state=SyncState.BACKING_OFF, retry_in_s=self._backoff_delay(None), phase="")

    def start(self) -> asyncio.Task[None]:
        """Start the scheduler on the running loop (idempotent)."""
        if self._runner is None or self._runner.done():
            self._runner = asyncio.get_running_loop().create_task(self.run())
        return self._runner

    async def stop(self) -> None:
        if self._runner is not None:
            self._runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner
            self._runner = None

    def trigger(self, reason: str, *, immediate: bool = True) -> None:
        """Ask for a cycle now (skipping any backoff wait). Safe to call from any thread."""
        self._pending_reason = reason
        if immediate:
            self._next_due = None
        loop, wake = self._loop, self._wake
        if loop is None or wake is None:
            return
        if loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            wake.set()
        else:
            loop.call_soon_threadsafe(wake.set)

    def local_write(self) -> None:
        """A user change was saved: sync soon, once, however many saves follow within the debounce."""
        self.refresh_status()
        loop = self._loop
        if loop is None or loop.is_closed():
            return

        def arm() -> None:
            if self._debounce is not None:
                self._debounce.cancel()
            self._debounce = loop.call_later(self.debounce_s, self._debounced)

        loop.call_soon_threadsafe(arm)

    def _debounced(self) -> None:
        self._debounce = None
        if self.store.user.pending_count() > 0 or self.store.visits.unsent():
            self.trigger("local_write")

    def connectivity_changed(self, has_network: bool) -> None:
        """The OS says a network interface came or went: a hint, not proof (only the API answering is)."""
        was_offline = self._definitely_offline
        self._definitely_offline = not has_network
        if has_network and (was_offline or self.status.state in (SyncState.OFFLINE, SyncState.BACKING_OFF)):
            self.trigger("connectivity")
        elif not has_network:
            self._publish(state=SyncState.OFFLINE)

    def foreground_changed(self, foreground: bool) -> None:
        """App resumed (sync now, skip any wait) or went to the background (no timer cycles)."""
        self._foreground = foreground
        if foreground:
            self.trigger("resume")
        elif self.status.state == SyncState.IDLE:
            self._schedule(None)

    # exposed for tests and the sync screen: seconds until the next automatic cycle
    def seconds_until_next(self) -> float | None:
        return None if self._next_due is None else max(0.0, self._next_due - time.monotonic())


def _retrieve(future: asyncio.Future[Any]) -> None:
    """Reads what a cancelled fetch ended with, so asyncio does not log it as never retrieved."""
    if not future.cancelled():
        future.exception()


def _check_progress(name: str, cursor: str | None, page: Any, seen: set[str | None]) -> None:
    """A page that says "more" must move the cursor: a server that does not would keep us pulling for ever."""
    seen.add(cursor)
    if page.has_more and (not page.items or page.next_cursor in seen):
        raise ProtocolError(
            f"{name}: the server says more pages are ready but its cursor does not move ({len(page.items)} items)"
        )


def _screened(name: str, items: list[ItemAnswer], model: type[BaseModel] | None) -> tuple[list[ServerItem], int]:
    """The page's items fit to keep, and how many were left out: a record too big or too deep for any real
    one, or (``model``) one that breaks its collection's model. Each left out is logged with its id and why,
    and the rest of the page is kept — one bad record must not stop a collection from syncing for ever."""
    kept: list[ServerItem] = []
    left_out = 0
    for item in items:
        problem = None if item.deleted else record_problem(item.data)
        if problem is None and model is not None and not item.deleted:
            try:
                model.model_validate(item.data)
            except ValidationError as error:
                first = error.errors(include_url=False)[0]
                where = ".".join(str(part) for part in first["loc"]) or "data"
                problem = f"{error.error_count()} fields break the record rules, e.g. {where}: {first['msg']}"
        if problem is not None:
            left_out += 1
            log.warning("%s/%s from the server was left out: %s", name, item.id[:80], problem)
            continue
        kept.append(ServerItem(item.id, item.version, item.deleted, item.data))
    return kept, left_out
