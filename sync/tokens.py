"""Where the device keeps its one session (who is signed in, and their tokens): a token keeper, never user data.

Tokens are credentials: they do not belong in ``user.json`` (copied, parked, restored with a user's
data) and never in a world-readable file. A ``TokenKeeper`` keeps them: the platform's secure storage
where there is one (``views`` provides a flet-backed keeper: Keychain, Keystore, Credential Manager), or
a file readable by this OS user only, in the app's data folder, where there is none (the command line,
the tests, the web build). ``SessionVault`` holds the session in memory for the code that reads it
synchronously and writes it through the keeper. See ``docs/security.md``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from sync.errors import StoreCorrupt
from sync.storage import dump_json, read_json_file, write_atomic

Session = dict[str, Any]

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

    async def put(self, session: Session | None) -> None:
        """Keep ``session`` (None: forget it). The keeper is written first: the cache never claims more."""
        await self.keeper.write(session)
        self._session = None if session is None else dict(session)

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
        session = self._session if self.loaded else await self.keeper.read()
        if session is None:
            session = await keeper.read()
        else:
            await keeper.write(session)
        old, self.keeper = self.keeper, keeper
        if old is not keeper:
            await old.write(None)
        self._session, self.loaded = session, True


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
