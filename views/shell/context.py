"""How components reach their session's app state and its device services (flet contexts)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import flet as ft

from views.atlas.state import AppState
from views.sync.state import SyncSession

AppContext = ft.create_context(None)


@dataclass(frozen=True)
class Services:
    """Client-side services, made once per session in main: a service made inside a component is
    dropped and made again when the component is (a layout switch does that), and an upload in
    flight then reports to a picker that no longer exists."""

    file_picker: ft.FilePicker
    clipboard: ft.Clipboard


ServicesContext = ft.create_context(None)


@dataclass(eq=False)
class SessionParts:
    state: AppState
    services: Services
    sync: SyncSession | None = None  # the sync half of the state (views/sync_state.py)


# flet 1.0.5 finds a context by walking up the components that rendered this one; after a redraw has
# replaced an ancestor, a component that redraws on its own can find that walk cut short (flet's own
# router returns an empty value then, "a stale observable re-render"). A hook that raised there would
# stop the session's update loop for good, so the session's parts are also kept here, by session id.
_SESSIONS: weakref.WeakValueDictionary[str, SessionParts] = weakref.WeakValueDictionary()


def register_session(
    page: ft.Page, state: AppState, services: Services, sync: SyncSession | None = None
) -> SessionParts:
    """Remember the session's parts; the caller keeps the returned object alive (the App holds it)."""
    parts = SessionParts(state, services, sync)
    _SESSIONS[page.session.id] = parts
    return parts


def _session_parts() -> SessionParts:
    parts = _SESSIONS.get(ft.context.page.session.id)
    if parts is None:
        raise RuntimeError("no app state for this session: render the App component first")
    return parts


def use_app() -> AppState:
    """The session's app state; the calling component re-renders when it changes (a hook: call it first)."""
    found = ft.use_context(AppContext)
    state = found if found is not None else _session_parts().state
    ft.use_state(state)  # subscribes this component to the state even when the context walk came up short
    return state


def use_services() -> Services:
    found = ft.use_context(ServicesContext)
    return found if found is not None else _session_parts().services


def use_sync() -> SyncSession:
    """The session's sync state; the calling component re-renders when it changes (a hook: call it first).

    Looked up by session id, not through a context: the same stale-redraw walk that use_app guards against.
    """
    sync = _session_parts().sync
    if sync is None:
        raise RuntimeError("no sync state for this session: make_main registers one")
    ft.use_state(sync)
    return sync
