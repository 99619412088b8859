"""How the directory's components reach the session's directory state."""

from __future__ import annotations

from views.shell.context import use_app, use_part
from views.suppliers.state import SuppliersState


def use_suppliers() -> SuppliersState:
    """The session's directory state; the calling component redraws when it or the session's state changes
    (language, the directory's data, who is signed in). A hook: call it first."""
    use_app()
    return use_part(SuppliersState)
