"""How sync's components reach the session's sync state."""

from __future__ import annotations

from views.shell.context import use_part
from views.sync.state import SyncSession


def use_sync() -> SyncSession:
    """The session's sync state; the calling component re-renders when it changes (a hook: call it first)."""
    return use_part(SyncSession)
