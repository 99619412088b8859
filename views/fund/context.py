"""How the Fund's components reach the session's Fund state."""

from __future__ import annotations

from views.fund.state import FundState
from views.shell.context import use_app, use_part


def use_fund() -> FundState:
    """The session's Fund state; the calling component redraws when it or the session's state changes."""
    use_app()
    return use_part(FundState)
