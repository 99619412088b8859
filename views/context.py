"""How components reach their session's app state (a flet context holding the observable AppState)."""

from __future__ import annotations

import flet as ft

from views.state import AppState

AppContext = ft.create_context(None)


def use_app() -> AppState:
    """The session's app state; the calling component re-renders when it changes (a hook: call it first)."""
    state = ft.use_context(AppContext)
    if state is None:
        raise RuntimeError("use_app() called outside the App component's context")
    return state
