"""How components reach their session's state, its device services and the app's slots (flet contexts)."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import flet as ft

from models.atlas import Asset
from models.suppliers import Supplier
from views.shell.records import Subject
from views.shell.session import SessionState

T = TypeVar("T")

AppContext = ft.create_context(None)


@dataclass(frozen=True)
class Services:
    """Client-side services, made once per session in main: a service made inside a component is
    dropped and made again when the component is (a layout switch does that), and an upload in
    flight then reports to a picker that no longer exists."""

    file_picker: ft.FilePicker
    clipboard: ft.Clipboard
    #: Opens tel:, mailto: and web addresses in the device's own app (a supplier's contacts).
    url_launcher: ft.UrlLauncher | None = None
    #: The device's location (flet-geolocator's ``Geolocator``): asks the permission when a screen needs it.
    geolocator: Any | None = None


ServicesContext = ft.create_context(None)


@dataclass(frozen=True)
class Slots:
    """Places in the shell and in one feature's screens that another feature fills. The app says with what
    (views/app.py), so neither the shell nor a feature imports another feature to show a part of it."""

    #: In the app bar on every screen (the sync indicator): called as ``status(wide=True)`` on a wide window.
    status: Callable[..., ft.Control] | None = None
    #: What a screen of the atlas's figures shows while there are none (the atlas's empty state).
    no_data: Callable[[], ft.Control] | None = None
    #: Under a plant's or a mine's header, in this order (the member's notes on it, its needs).
    asset_sections: tuple[Callable[[Asset], ft.Control], ...] = ()
    #: The member's notes on a record other than a plant or mine (a supplier's screen).
    notes: Callable[[Subject], ft.Control] | None = None
    #: Under a supplier's header: its field visits, its standing's history, "start a visit" for field staff.
    supplier_sections: tuple[Callable[[Supplier], ft.Control], ...] = ()


class SessionParts(Protocol):
    """What the app registers for each session (views/session.py makes one)."""

    @property
    def state(self) -> SessionState: ...

    @property
    def services(self) -> Services: ...

    @property
    def slots(self) -> Slots: ...


# flet 1.0.5 finds a context by walking up the components that rendered this one; after a redraw has
# replaced an ancestor, a component that redraws on its own can find that walk cut short (flet's own
# router returns an empty value then, "a stale observable re-render"). A hook that raised there would
# stop the session's update loop for good, so the session's parts are also kept here, by session id.
_SESSIONS: weakref.WeakValueDictionary[str, SessionParts] = weakref.WeakValueDictionary()


def register_session(page: ft.Page, parts: SessionParts) -> None:
    """Remember the session's parts; the caller keeps them alive (the App component holds them)."""
    _SESSIONS[page.session.id] = parts


def _session_parts() -> SessionParts:
    parts = _SESSIONS.get(ft.context.page.session.id)
    if parts is None:
        raise RuntimeError("no app state for this session: render the App component first")
    return parts


def use_app() -> SessionState:
    """The session's state; the calling component re-renders when it changes (a hook: call it first)."""
    found = ft.use_context(AppContext)
    state = found if found is not None else _session_parts().state
    ft.use_state(state)  # subscribes this component to the state even when the context walk came up short
    return state


def use_services() -> Services:
    found = ft.use_context(ServicesContext)
    return found if found is not None else _session_parts().services


def use_part(kind: type[T]) -> T:
    """One feature's state in this session (``SessionState.part``); the calling component re-renders when it
    changes (a hook: call it first).

    Looked up by session id, not through a context: the same stale-redraw walk that use_app guards against.
    """
    part = _session_parts().state.part(kind)
    ft.use_state(part)
    return part


def slots() -> Slots:
    """The app's slots (not a hook: a screen may ask for them anywhere while it draws)."""
    return _session_parts().slots


def no_data() -> ft.Control:
    """What a screen of the atlas's figures shows while there are none: the app's ``no_data`` slot."""
    empty = slots().no_data
    if empty is None:
        raise RuntimeError("the app gave no empty state (Slots.no_data)")
    return empty()
