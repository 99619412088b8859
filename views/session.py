"""One member's session put together: the atlas state with every other feature's state beside it.

The composition root of the state (with views/app.py): the only module that knows every feature's state.
``AppState`` is the atlas's state (views/atlas/state.py), which extends the session's base
(views/shell/session.py); the balance's and sync's states are made here and reached by their features
with ``SessionState.part``, so no feature's state imports another's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import flet as ft

from sync.store import LocalStore
from views.atlas.state import AtlasState
from views.balance.state import BalanceState
from views.fund.state import FundState
from views.needs.state import NeedsState
from views.shell.atlas_data import AtlasData
from views.shell.context import Services, Slots
from views.suppliers.state import SuppliersState
from views.sync.state import SyncSession
from views.visits.state import VisitsState


@ft.observable
@dataclass
class AppState(AtlasState):
    """What one session shows: build it with :meth:`open`; public fields notify the screens when set."""

    @classmethod
    def open(
        cls,
        store: LocalStore,
        atlas: AtlasData | None = None,
        *,
        call_soon: Callable[[Callable[[], None]], None] | None = None,
        data_dir: Path | None = None,
        upload_dir: Path | None = None,
        width: float | None = None,
        developer: bool = False,
    ) -> AppState:
        state = super().open(
            store,
            atlas,
            call_soon=call_soon,
            data_dir=data_dir,
            upload_dir=upload_dir,
            width=width,
            developer=developer,
        )
        # the balance follows this session's atlas filter; its assumptions are device settings
        state.provide(BalanceState, lambda: BalanceState.open(state, store.device))
        state.provide(SuppliersState, lambda: SuppliersState.open(state))
        state.provide(NeedsState, lambda: NeedsState.open(state))
        state.provide(FundState, lambda: FundState.open(state))
        state.provide(VisitsState, lambda: VisitsState.open(state))
        return state

    @property
    def balance(self) -> BalanceState:
        """The chain balance's scenario, ratios and what-ifs (views/balance/state.py), made on first use."""
        return self.part(BalanceState)


@dataclass(eq=False)
class SessionParts:
    """What one session is made of; the App component holds it (and so keeps it alive)."""

    state: AppState
    services: Services
    slots: Slots
    sync: SyncSession | None = None  # the sync half of the state (views/sync/state.py)
