"""A list however long that never sends more than WINDOW_ROWS rows: the atlas's, the suppliers', the needs'.

Flet serialises every control it is given, so a list of thousands of rows would be sent whole and again
on every change. Only the rows around the visible part are built; spacers above and below stand in for
the rest, so the scroll bar and scroll offset are those of the whole list. Rows have a fixed height,
which is what lets a scroll offset be turned into a row number here in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import flet as ft

T = TypeVar("T")

#: The window moves in blocks so that scrolling redraws it now and then, not at every pixel. A block is
#: about two phone screens of rows: a search that changes the list has flet diff away every row of the old
#: window (most of a keystroke's time, docs/performance.md), so the window is no bigger than scrolling needs.
WINDOW_BLOCK = 20
WINDOW_ROWS = 4 * WINDOW_BLOCK


def window_for(first_visible: int, total: int) -> tuple[int, int]:
    """The rows to build when row ``first_visible`` is at the top: one block above it, the rest below."""
    start = max(0, (first_visible // WINDOW_BLOCK - 1) * WINDOW_BLOCK)
    start = max(0, min(start, total - WINDOW_ROWS))
    return start, min(total, start + WINDOW_ROWS)


@ft.component
def WindowedList(
    items: Sequence[T], build_row: Callable[[T], ft.Control], row_height: float, data: str = "list"
) -> ft.Control:
    """Rows for ``items``, each ``row_height`` high; give it a new ``key`` when the items change so it starts
    again at the top."""
    window_start, set_window_start = ft.use_state(0)
    total = len(items)
    start = max(0, min(window_start, total - WINDOW_ROWS))
    end = min(total, start + WINDOW_ROWS)

    def on_scroll(e: ft.OnScrollEvent) -> None:
        first_visible = max(0, int(e.pixels // row_height))
        new_start, _ = window_for(first_visible, total)
        if new_start != start:
            set_window_start(new_start)

    controls: list[ft.Control] = []
    if start:
        controls.append(ft.Container(height=start * row_height, data="spacer-before"))
    controls += [build_row(item) for item in items[start:end]]
    if end < total:
        controls.append(ft.Container(height=(total - end) * row_height, data="spacer-after"))
    return ft.ListView(controls, expand=True, spacing=0, on_scroll=on_scroll, scroll_interval=80, data=data)
