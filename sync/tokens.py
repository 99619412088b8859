"""Where the device keeps its one session (who is signed in, and their tokens): a token keeper, never user data.

Tokens are credentials: they do not belong in ``user.json`` (copied, parked, restored with a user's
data) and never in a world-readable file. A ``TokenKeeper`` keeps them: the platform's secure storage
where there is one (``views`` provides a flet-backed keeper: Keychain, Keystore, Credential Manager), or
a file readable by this OS user only, in the app's data folder, where there is none (the command line,
the tests, the web build). ``SessionVault`` holds the session in memory for the code that reads it
synchronously and writes it through the keeper. See ``docs/security.md``.

The vault is also the one owner of token renewal: every authenticated request outside sign-in (the sync
engine's, a Fund document opened on screen) goes through ``authed``, which renews an expired session through
``SessionVault.renewed`` — one refresh however many callers find the token expired at once, because a refresh
token sent twice revokes the whole sign-in (docs/security.md, "Reuse revokes the family").
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sync.errors import AuthRequired, StoreCorrupt, ZanjirehError
from sync.storage import dump_json, read_json_file, write_atomic

if TYPE_CHECKING:
    from sync.api_client import ApiClient

Session = dict[str, Any]
T = TypeVar("T")
#: The refresh token the running renewal is spending (set in the renewal's own task, inherited by what it awaits).
_RENEWING: ContextVar[str | None] = ContextVar("zanjireh_renewing", default=None)
#: Renews a refused session: the session that follows it (a refresh; headless sync may sign in again).
Renew = Callable[[Session], Awaitable[Session]]
#: Disposes of a renewed session that is not kept (best effort: revoking it on the server).
Discard = Callable[[Session], Awaitable[None]]

#: What each kind of keeper says it is, for the account screen ("where are my tokens kept?").
SECURE_STORAGE = "secure_storage"
APP_DATA_FILE = "app_data_file"
MEMORY = "memory"

SESSION_FILE = "session.json"
SESSION_FIELDS = ("api_url", "username", "access_token", "refresh_token")


class TokenKeeper(Protocol):
    """Keeps one session; ``where`` is one of SECURE_STORAGE, APP_DATA_FILE, MEMORY."""

    where: str

    async def read(self) -> Session | None: ...

    async def write(self, session: Session | None) -> None: ...


class FileTokenKeeper:
    """A file in the app's data folder, readable and writable by this OS user only (0600), replaced atomically."""

    where = APP_DATA_FILE

    def __init__(self, path: Path) -> None:
        self.path = path

    def read_now(self) -> Session | None:
        try:
            raw = read_json_file(self.path)
        except StoreCorrupt:
            return None  # a damaged session file: sign in again; nothing else is lost
        return raw if _is_session(raw) else None

    def write_now(self, session: Session | None) -> None:
        if session is None:
            self.path.unlink(missing_ok=True)
            return
        write_atomic(self.path, dump_json(session))

    async def read(self) -> Session | None:
        return self.read_now()

    async def write(self, session: Session | None) -> None:
        self.write_now(session)


class MemoryTokenKeeper:
    """For in-memory stores (tests): the session lives as long as the process."""

    where = MEMORY

    def __init__(self) -> None:
        self._session: Session | None = None

    def read_now(self) -> Session | None:
        return None if self._session is None else dict(self._session)

    def write_now(self, session: Session | None) -> None:
        self._session = None if session is None else dict(session)

    async def read(self) -> Session | None:
        return self.read_now()

    async def write(self, session: Session | None) -> None:
        self.write_now(session)


class SessionVault:
    """The device's one session, cached in memory and kept by a ``TokenKeeper``."""

    def __init__(self, keeper: TokenKeeper) -> None:
        self.keeper = keeper
        self._session: Session | None = None
        self.loaded = False
        #: The renewal under way for each refresh token: later callers wait for it instead of spending it again.
        self._renewals: dict[str, asyncio.Task[Session | None]] = {}
        self._writing: asyncio.Lock | None = None
        self._writing_loop: asyncio.AbstractEventLoop | None = None
        read_now = getattr(keeper, "read_now", None)
        if read_now is not None:  # file and memory keepers answer at once: no "signed out" flash at start
            self._session = read_now()
            self.loaded = True

    @property
    def where(self) -> str:
        return self.keeper.where

    def current(self) -> Session | None:
        return None if self._session is None else dict(self._session)

    async def load(self) -> Session | None:
        self._session = await self.keeper.read()
        self.loaded = True
        return self.current()

    def _write_lock(self) -> asyncio.Lock:
        """Serialises the vault's writes: a renewal's check-then-keep never interleaves with a sign-in's keep.
        One lock per event loop (the command line and tests run one ``asyncio.run`` after another)."""
        loop = asyncio.get_running_loop()
        if self._writing is None or self._writing_loop is not loop:
            self._writing, self._writing_loop = asyncio.Lock(), loop
        return self._writing

    async def put(self, session: Session | None) -> None:
        """Keep ``session`` (None: forget it). The keeper is written first: the cache never claims more."""
        async with self._write_lock():
            await self._keep(session)

    async def _keep(self, session: Session | None) -> None:
        await self.keeper.write(session)
        self._session = None if session is None else dict(session)

    async def renewed(self, refused: Session, renew: Renew, discard: Discard | None = None) -> Session | None:
        """The session to retry with after the server refused ``refused``'s access token.

        Renewed at most once however many callers ask at the same moment: the first starts ``renew(refused)``
        and every caller (the first included) waits for that one result; a caller that read the session before
        a renewal ended gets the renewed session without renewing again. The renewal runs on by itself if its
        caller is cancelled, so its answer — the only holder of the family's next refresh token — is kept.

        None when ``refused`` is no longer this device's sign-in (signed out, or another member signed in
        meanwhile): nobody's tokens are handed to another member's request, and a renewal that ends after its
        member left is not kept (``discard`` gets it) — it never replaces the session of whoever is signed in now.
        """
        current = self.current()
        if current is None or not _same_member(current, refused):
            return None
        if current["access_token"] != refused["access_token"]:
            return current  # renewed (or signed in again) since this caller read it
        key = refused["refresh_token"]
        if _RENEWING.get() == key:
            return None  # asked from inside this very renewal (headless sync's password sign-in ending the old one)
        task = self._renewals.get(key)
        if task is None or task.get_loop() is not asyncio.get_running_loop():
            task = asyncio.ensure_future(self._renew_once(refused, renew, discard))
            self._renewals[key] = task
            task.add_done_callback(lambda done: self._renewal_ended(key, done))
        return await asyncio.shield(task)

    async def _renew_once(self, refused: Session, renew: Renew, discard: Discard | None) -> Session | None:
        _RENEWING.set(refused["refresh_token"])  # this task's own context: seen by what ``renew`` awaits, only
        renewed = await renew(refused)
        async with self._write_lock():
            current = self.current()
            if current is not None and current["access_token"] == renewed["access_token"]:
                return current  # ``renew`` kept it itself (headless sync signing in with the password)
            if current is not None and current["refresh_token"] == refused["refresh_token"]:
                await self._keep(renewed)
                return self.current()
        # signed out, or another member signed in, while the refresh was on its way: not theirs to hold
        if discard is not None:
            await discard(renewed)
        return None

    def _renewal_ended(self, key: str, task: asyncio.Task[Session | None]) -> None:
        if self._renewals.get(key) is task:
            del self._renewals[key]
        if not task.cancelled():
            task.exception()  # read here too, so a renewal whose callers all went away logs no "never retrieved"

    def put_now(self, session: Session | None) -> None:
        """For keepers that write synchronously (file, memory): the command line and tests."""
        write_now = getattr(self.keeper, "write_now", None)
        if write_now is None:
            raise TypeError(f"{type(self.keeper).__name__} writes asynchronously; use put()")
        write_now(session)
        self._session = None if session is None else dict(session)

    async def move_to(self, keeper: TokenKeeper) -> None:
        """Use ``keeper`` from now on, taking the session over from the present one, which then forgets it.

        The new keeper is written before the old one is cleared, so a crash in between leaves the session
        in both (signed in either way), never in neither.
        """
        async with self._write_lock():
            session = self._session if self.loaded else await self.keeper.read()
            if session is None:
                session = await keeper.read()
            else:
                await keeper.write(session)
            old, self.keeper = self.keeper, keeper
            if old is not keeper:
                await old.write(None)
            self._session, self.loaded = session, True


async def authed(
    vault: SessionVault,
    client: ApiClient,
    call: Callable[[str], Awaitable[T]],
    *,
    fallback: Callable[[], Awaitable[Session]] | None = None,
) -> T:
    """``call(access_token)`` with the device's session; on a 401 the session is renewed through
    ``vault.renewed`` (one refresh for every caller that finds it expired at once) and ``call`` made once more.

    ``fallback`` is what to do when the refresh token itself is refused: headless sync signs in again with the
    password and keeps that session (returning it); without one, the refusal stands ("sign-in needed")."""
    session = vault.current()
    if session is None:
        raise AuthRequired("not signed in")
    try:
        return await call(session["access_token"])
    except AuthRequired:

        async def renew(refused: Session) -> Session:
            try:
                tokens = await client.refresh(refused["refresh_token"])
            except AuthRequired:
                if fallback is None:
                    raise
                return await fallback()
            return tokens.session(client.base_url)

        async def discard(unkept: Session) -> None:
            # its member has left this device: end the sign-in rather than leave live tokens nobody holds
            with contextlib.suppress(ZanjirehError):
                await client.sign_out(unkept["access_token"])

        renewed = await vault.renewed(session, renew, discard)
        if renewed is None:
            raise
        return await call(renewed["access_token"])


def _same_member(one: Session, other: Session) -> bool:
    return one.get("username") == other.get("username") and one.get("api_url") == other.get("api_url")


def _is_session(raw: Any) -> bool:
    return isinstance(raw, dict) and all(isinstance(raw.get(name), str) for name in SESSION_FIELDS)


def session_from_json(text: str | None) -> Session | None:
    """A session stored as JSON text (secure storage holds strings), or None if it is not one."""
    if not text:
        return None
    try:
        raw = json.loads(text)
    except ValueError:
        return None
    return raw if _is_session(raw) else None
