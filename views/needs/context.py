"""How the needs' components reach the session's needs state."""

from __future__ import annotations

from views.needs.state import NeedsState
from views.shell.context import use_app, use_part


def use_needs() -> NeedsState:
    """The session's needs state; the calling component redraws when it or the session's state changes
    (language, who is signed in). A hook: call it first."""
    use_app()
    return use_part(NeedsState)
