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

#: The window moves in blocks so that scrolling redraws it now and then, not at every pixel: one block above
#: the first visible row and three from its block on, so at least 33 rows below it are built — a desktop list
#: 1,700 px tall at 52 px a row, or a phone's 11 rows three times over. Every row of the window is filled again
#: when a search changes the list (most of a keystroke's time, docs/performance.md): no bigger than that.
WINDOW_BLOCK = 16
WINDOW_ROWS = 4 * WINDOW_BLOCK


def window_for(first_visible: int, total: int) -> tuple[int, int]:
    """The rows to build when row ``first_visible`` is at the top: one block above it, the rest below."""
    start = max(0, (first_visible // WINDOW_BLOCK - 1) * WINDOW_BLOCK)
    start = max(0, min(start, total - WINDOW_ROWS))
    return start, min(total, start + WINDOW_ROWS)


@ft.component
def WindowedList(
    items: Sequence[T],
    build_row: Callable[[T], ft.Control],
    row_height: float,
    data: str = "list",
    reset: object = None,
) -> ft.Control:
    """Rows for ``items``, each ``row_height`` high.

    ``reset`` names what ``items`` are (a search's results): when it changes, the list starts again at its top.
    The list itself stays, and so do its rows: the new results take the places of the old in the same
    controls, so a keystroke sends changed texts, not a new list (flet removing and adding a window of rows
    was most of a keystroke's time, docs/performance.md). Rows must therefore carry no ``key``.
    """
    window, set_window = ft.use_state((reset, 0))  # (the results it was scrolled for, its first row)
    scrolled = ft.use_ref(False)  # whether the client's list is away from its top
    listed = ft.use_ref(None)  # the list of the latest render: flet keeps its client-side id across renders
    total = len(items)
    window_start = window[1] if window[0] == reset else 0
    start = max(0, min(window_start, total - WINDOW_ROWS))
    end = min(total, start + WINDOW_ROWS)

    async def back_to_top() -> None:
        # the client keeps a list's scroll offset when its rows change: new results would show from the middle
        if scrolled.current and listed.current is not None:
            scrolled.current = False
            await listed.current.scroll_to(offset=0)

    ft.use_effect(back_to_top, [reset])

    def on_scroll(e: ft.OnScrollEvent) -> None:
        scrolled.current = e.pixels > 0
        first_visible = max(0, int(e.pixels // row_height))
        new_start, _ = window_for(first_visible, total)
        if new_start != start:
            set_window((reset, new_start))

    controls: list[ft.Control] = []
    if start:
        controls.append(ft.Container(height=start * row_height, data="spacer-before"))
    controls += [build_row(item) for item in items[start:end]]
    if end < total:
        controls.append(ft.Container(height=(total - end) * row_height, data="spacer-after"))
    listed.current = ft.ListView(controls, expand=True, spacing=0, on_scroll=on_scroll, scroll_interval=80, data=data)
    return listed.current
