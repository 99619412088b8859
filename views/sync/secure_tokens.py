"""The token keeper of packaged apps: the platform's secure storage, through flet's SecureStorage service.

Keychain on iOS and macOS, Keystore on Android, Credential Manager on Windows, libsecret on Linux
(``flet-secure-storage``, bundled by ``flet build``). The web build has none that protects anything (a
browser's storage is readable by any script of the page), so it keeps the file keeper of ``sync/tokens.py``
and the account screen says where the tokens are.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Protocol

from sync.tokens import SECURE_STORAGE, Session, session_from_json

log = logging.getLogger("zanjireh.sync")

#: The one key the session is stored under.
SESSION_KEY = "zanjireh.session"


class SecureStore(Protocol):
    """What the keeper needs of ``flet_secure_storage.SecureStorage``."""

    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: Any) -> None: ...

    async def remove(self, key: str) -> None: ...


class SecureTokenKeeper:
    """Keeps the session as one JSON string in the platform's secure storage."""

    where = SECURE_STORAGE

    def __init__(self, storage: SecureStore) -> None:
        self.storage = storage

    async def read(self) -> Session | None:
        return session_from_json(await self.storage.get(SESSION_KEY))

    async def write(self, session: Session | None) -> None:
        if session is None:
            await self.storage.remove(SESSION_KEY)
        else:
            await self.storage.set(SESSION_KEY, json.dumps(session, separators=(",", ":")))
