"""The process's one sync engine (SyncHub): started once, fed the triggers every session reports, heard by all.

The hub owns the ``SyncEngine`` of the one store and fans its status out to every session it knows,
weakly (a closed browser tab must not be kept alive by it), handing each update to that session's
event loop the way ``SessionState`` does for store changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import weakref
from collections.abc import Callable, Iterable
from typing import Protocol

import flet as ft

from sync.engine import SyncEngine, SyncState, SyncStatus
from sync.photo_downloads import PINNED
from sync.store import LocalStore
from sync.tokens import TokenKeeper

log = logging.getLogger("zanjireh.sync")

#: States in which the next automatic attempt is counted down on screen, every second.
COUNTDOWN_STATES = (SyncState.OFFLINE, SyncState.BACKING_OFF, SyncState.STORAGE_ERROR)
SLOW_TICK_S = 30.0  # "3 minutes ago" stays true to the minute, near enough


class HubSession(Protocol):
    """What the hub tells each session it knows (SyncSession in views/sync/state.py is one)."""

    def status_changed(self, status: SyncStatus) -> None:
        """The engine's status changed (called from any thread)."""

    def store_changed(self, what: str) -> None:
        """A collection of the store changed (called from any thread)."""

    def tick(self) -> None:
        """A second (or thirty) passed: "retrying in 8 s" and "3 minutes ago" must stay true."""


class SyncHub:
    """The process's sync engine, the triggers every session reports, and the sessions that show it."""

    def __init__(self, store: LocalStore, engine: SyncEngine | None = None) -> None:
        self.store = store
        self.engine = engine or SyncEngine(store)  # no password provider: the app keeps tokens, never passwords
        self._sessions: weakref.WeakSet[HubSession] = weakref.WeakSet()
        self._hidden: weakref.WeakSet[HubSession] = weakref.WeakSet()
        self._runner: asyncio.Task[None] | None = None
        self._ticker: asyncio.Task[None] | None = None
        self.engine.subscribe(self._on_status)
        store.subscribe(self._on_store_change)

    def add(self, session: HubSession) -> None:
        self._sessions.add(session)

    @property
    def started(self) -> bool:
        return self._runner is not None and not self._runner.done()

    async def start(self) -> None:
        """Start the engine once, on the loop the sessions run on: its first cycle is the "app start" trigger.

        Called after the first session has rendered from the cache, so the UI never waits for it.
        """
        if self.started:
            return
        self._runner = self.engine.start()
        self._ticker = asyncio.get_running_loop().create_task(self._tick())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        await self.engine.stop()

    def _on_status(self, status: SyncStatus) -> None:
        # The engine publishes from its loop and from worker threads; each session copies it onto its own loop.
        snapshot = dataclasses.replace(status)
        self._each_session(lambda session: session.status_changed(snapshot))

    def _on_store_change(self, what: str) -> None:
        if what == "user":
            self.engine.local_write()  # recounts, and syncs once the member pauses (only if something waits)
        elif what == PINNED:
            self.engine.trigger("local_write")  # a supplier pinned while preparing: fetch its photos now
        self._each_session(lambda session: session.store_changed(what))

    def _each_session(self, tell: Callable[[HubSession], None]) -> None:
        """Tell every session; one that fails is dropped. This runs inside the engine's cycle and the
        store's commits, which must never fail because of a screen."""
        for session in list(self._sessions):
            try:
                tell(session)
            except Exception:
                log.exception("a session could not take a sync update; it is dropped")
                self._sessions.discard(session)

    async def _tick(self) -> None:
        while True:
            counting = self.engine.status.state in COUNTDOWN_STATES and self.engine.seconds_until_next() is not None
            await asyncio.sleep(1.0 if counting else SLOW_TICK_S)
            for session in list(self._sessions):
                session.tick()

    # ---- triggers the sessions report ----------------------------------------------------------------------
    def connectivity_changed(self, kinds: Iterable[object]) -> None:
        """The OS's network interfaces (ft.Connectivity): "none" means surely offline, anything else maybe online."""
        names = [getattr(kind, "value", kind) for kind in kinds]
        self.engine.connectivity_changed(any(name != "none" for name in names))

    def lifecycle_changed(self, session: HubSession, foreground: bool) -> None:
        """The engine is in the foreground while any session is: one hidden browser tab must not stop the timer."""
        was = len(self._hidden) < len(self._sessions)
        if foreground:
            self._hidden.discard(session)
        else:
            self._hidden.add(session)
        now = len(self._hidden) < len(self._sessions)
        if now != was:
            self.engine.foreground_changed(now)

    async def sync_now(self) -> None:
        if self.started:
            self.engine.trigger("manual")  # skips any backoff wait; a running cycle is followed by another
        else:
            await self.engine.sync_once("manual")

    # ---- where the tokens are kept -----------------------------------------------------------------------------
    async def keep_tokens_in(self, keeper: TokenKeeper) -> bool:
        """Move the session into ``keeper`` (the platform's secure storage) once per process; False when that
        storage does not work here (a Linux desktop without a keyring), and the file keeper stays."""
        if self.store.session.where == keeper.where:
            return True
        try:
            await self.store.session.move_to(keeper)
        except Exception:  # flet answers a failed platform call with an exception of its own
            log.warning("the secure storage is not available; tokens stay in the app's data", exc_info=True)
            return False
        self.engine.refresh_status()
        return True


def watch_device(page: ft.Page, hub: SyncHub, session: HubSession) -> ft.Connectivity:
    """Report this session's network interfaces and app lifecycle to the engine: both are sync triggers.

    Connectivity only says an interface exists (the engine decides "online" by reaching the API); a resume
    after the app was hidden syncs at once, while mere focus changes (inactive ⇄ resumed) do not.
    """
    connectivity = ft.Connectivity(on_change=lambda e: hub.connectivity_changed(e.connectivity))
    background = (ft.AppLifecycleState.HIDE, ft.AppLifecycleState.PAUSE)
    foreground = (ft.AppLifecycleState.SHOW, ft.AppLifecycleState.RESUME)

    def on_lifecycle(e: ft.AppLifecycleStateChangeEvent) -> None:
        if e.state in background:
            hub.lifecycle_changed(session, foreground=False)
        elif e.state in foreground:
            hub.lifecycle_changed(session, foreground=True)

    async def first_look() -> None:
        try:
            kinds = await connectivity.get_connectivity()
        except Exception:  # a client without the service: the engine's own probe still tells
            log.debug("connectivity unknown", exc_info=True)
            return
        hub.connectivity_changed(kinds)

    page.on_app_lifecycle_state_change = on_lifecycle
    page.run_task(first_look)
    return connectivity
