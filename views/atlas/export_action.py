"""The atlas list's exports (Excel, CSV): buttons in the desktop toolbar, an overflow menu on phones."""

from __future__ import annotations

import flet as ft

from views.atlas.context import use_atlas
from views.shell.export_action import ExportAction as ListExport


@ft.component
def ExportAction(compact: bool) -> ft.Control:
    """Saves what the list shows (filter, search and order, in the member's language) through the session's
    file picker (views/shell/export_action.py)."""
    state = use_atlas()
    return ListExport(state.export_atlas, compact=compact, busy=state.busy == "export", nothing=not state.results)
