"""A text field that reports what is typed (optionally after a pause) and never erases a keystroke on redraw.

The client patches the field's value before its change event runs, and events run as separate tasks,
so the client can be several keystrokes ahead of the last event handled. Redrawing the field with the
value of the last event handled would send an older text back and erase what was typed since. This
field is redrawn with the value the client last reported instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import flet as ft

from views.shell.buttons import icon_button
from views.shell.theme import Tone

_REDRAW = object()  # a "last reported" no text can equal: forces the next draw to take ``initial``


@ft.component
def TypingField(
    initial: str, on_text: Callable[[str], None], *, debounce: float = 0.0, clear_tooltip: str = "", **field_props: Any
) -> ft.Control:
    """``initial`` is the app's idea of the text: followed when the app changes it (a "clear all" elsewhere),
    ignored while it merely echoes what this field reported."""
    field_ref = ft.use_ref(None)
    reported = ft.use_ref(initial)  # the last text this field handed to on_text, or took from ``initial``
    typed = ft.use_ref(0)  # bumps on every keystroke: a pause is a keystroke nobody followed
    _, set_redraws = ft.use_state(0)

    previous = field_ref.current
    if previous is None or initial != reported.current:
        value = initial
        reported.current = initial
    else:
        value = previous.value or ""  # what the client last reported: never older than what it shows

    def report(text: str) -> None:
        reported.current = text
        on_text(text)

    async def on_change(e: ft.ControlEvent) -> None:
        typed.current += 1
        mine = typed.current
        if debounce:
            await asyncio.sleep(debounce)
        if mine == typed.current:
            report(e.control.value or "")

    def on_submit(e: ft.ControlEvent) -> None:
        typed.current += 1
        report(e.control.value or "")

    def on_clear() -> None:
        typed.current += 1
        on_text("")
        reported.current = _REDRAW
        set_redraws(lambda n: n + 1)

    suffix = None
    if clear_tooltip:
        suffix = icon_button(
            ft.Icons.CLOSE,
            clear_tooltip,
            on_click=on_clear,
            visible=bool(value),
            icon_color=Tone.MUTED,
            data=f"{field_props.get('data', 'field')}-clear",
        )
    field = ft.TextField(value=value, on_change=on_change, on_submit=on_submit, suffix=suffix, **field_props)
    field_ref.current = field
    return field
