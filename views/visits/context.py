"""How the visits' components reach the session's visits state."""

from __future__ import annotations

from views.shell.context import use_app, use_part
from views.visits.state import VisitsState


def use_visits() -> VisitsState:
    """The session's visits state; the calling component redraws when it or the session's state changes
    (language, who is signed in). A hook: call it first."""
    use_app()
    return use_part(VisitsState)
