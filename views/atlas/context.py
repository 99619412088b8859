"""How the atlas's components reach the session's atlas state."""

from __future__ import annotations

from views.atlas.state import AtlasState
from views.shell.context import use_app


def use_atlas() -> AtlasState:
    """The session's atlas state (the session's state is one: views/session.py); the calling component
    re-renders when it changes (a hook: call it first)."""
    state = use_app()
    if not isinstance(state, AtlasState):
        raise RuntimeError("this session's state has no atlas: build it with views.session.AppState.open")
    return state
