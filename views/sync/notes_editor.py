"""Writing a note: the draft is kept on the device as it is typed, and stays on screen if saving fails."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft

from views.shell.context import use_app
from views.shell.facts import caption
from views.shell.records import Noted
from views.shell.theme import Space, Tone, Type
from views.shell.typing_field import TypingField
from views.sync.context import use_sync
from views.sync.state import note_draft_key
from views.sync.words import note_limit

DRAFT_PAUSE_S = 0.8  # the draft is written once the member pauses, not on every keystroke


@ft.component
def NoteEditor(asset: Noted, note_id: str | None, initial: str, on_done: Callable[[], None]) -> ft.Control:
    state = use_app()
    sync = use_sync()
    key = note_draft_key(asset, note_id)
    draft = ft.use_ref(sync.draft(key))  # read once: a draft left from an earlier visit (or run)
    text = ft.use_ref(draft.current if draft.current is not None else initial)
    typed = ft.use_ref(0)
    problem, set_problem = ft.use_state(None)

    async def keep_draft(mine: int) -> None:
        await asyncio.sleep(DRAFT_PAUSE_S)
        if mine == typed.current:
            sync.set_draft(key, text.current if text.current != initial else "")

    def on_text(value: str) -> None:
        text.current = value
        typed.current += 1
        ft.context.page.run_task(keep_draft, typed.current)

    def on_save() -> None:
        value = text.current or ""
        reason = sync.note_problem(value)
        if reason is not None:
            set_problem(note_limit(state.lang) if reason == "notes_too_long" else state.t(reason))
            return
        if sync.save_note(asset, note_id, value) is None:
            set_problem(state.t("notes_not_saved"))  # the text stays in the field: nothing typed is lost
            return
        typed.current += 1  # a draft write still waiting must not bring the saved text back as a draft
        sync.set_draft(key, "")
        on_done()

    def on_cancel() -> None:
        typed.current += 1
        sync.set_draft(key, "")
        on_done()

    lines: list[ft.Control] = [
        TypingField(
            text.current,
            on_text,
            multiline=True,
            min_lines=3,
            max_lines=10,
            hint_text=state.t("notes_hint"),
            autofocus=True,
            data="note-text",
        )
    ]
    if draft.current is not None:
        lines.append(caption(state.t("notes_draft_kept")))
    if problem:
        lines.append(ft.Text(problem, style=Type.CAPTION, color=Tone.ERROR, data="note-problem"))
    lines.append(
        ft.Row(
            [
                ft.FilledButton(content=state.t("notes_save"), icon=ft.Icons.SAVE, on_click=on_save, data="note-save"),
                ft.TextButton(content=state.t("notes_cancel"), on_click=on_cancel, data="note-cancel"),
            ],
            spacing=Space.S,
        )
    )
    return ft.Column(
        lines, spacing=Space.S, tight=True, horizontal_alignment=ft.CrossAxisAlignment.STRETCH, data="note-editor"
    )
