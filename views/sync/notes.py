"""My notes on a plant or mine: add, edit, delete; each says whether it is synced, waiting, in conflict or refused."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from views.shell import labels, paths
from views.shell.buttons import icon_button
from views.shell.context import use_app
from views.shell.facts import caption, empty_line
from views.shell.records import Noted
from views.shell.theme import Size, Space, Tone, Type, card_style
from views.sync.context import use_sync
from views.sync.notes_editor import NoteEditor
from views.sync.state import Mark, NoteItem, note_draft_key
from views.sync.words import mark_words, text_rtl, when

#: How much of a note Home shows before "…".
EXCERPT_CHARS = 140
MARK_ICONS: dict[str, tuple[ft.IconData, str]] = {
    "synced": (ft.Icons.CLOUD_DONE_OUTLINED, Tone.PRIMARY),
    "pending": (ft.Icons.CLOUD_UPLOAD_OUTLINED, Tone.MUTED),
    "conflict": (ft.Icons.WARNING_AMBER, Tone.ERROR),
    "rejected": (ft.Icons.BLOCK, Tone.ERROR),
}


def mark_row(mark: Mark, text: str, data: str, link: ft.Control | None = None) -> ft.Control:
    icon, colour = MARK_ICONS[mark.kind]
    colour_text = Tone.ERROR if mark.kind in ("conflict", "rejected") else Tone.MUTED
    parts: list[ft.Control] = [
        ft.Icon(icon, color=colour, size=Size.ICON_S),
        ft.Text(text, style=Type.CAPTION, color=colour_text, expand=True, data=data),
    ]
    if link is not None:
        parts.append(link)
    return ft.Row(parts, spacing=Space.XS, vertical_alignment=ft.CrossAxisAlignment.CENTER)


@ft.component
def NoteCard(asset: Noted, note: NoteItem) -> ft.Control:
    state = use_app()
    sync = use_sync()
    editing, set_editing = ft.use_state(sync.draft(note_draft_key(asset, note.id)) is not None)
    confirming, set_confirming = ft.use_state(False)
    lang = state.lang
    if editing:
        body: ft.Control = NoteEditor(asset, note.id, note.text, lambda: set_editing(False))
        return ft.Container(content=body, data=f"note:{note.id}", **card_style())
    link = None
    if note.mark.kind == "conflict":
        link = ft.TextButton(content=state.t("mark_resolve"), on_click=lambda: paths.go(paths.conflict_path(note.id)))
    elif note.mark.kind == "rejected":
        link = ft.TextButton(content=state.t("mark_rejected_open"), on_click=lambda: paths.go(paths.SYNC))
    lines: list[ft.Control] = [
        ft.Text(note.text, style=Type.BODY, color=Tone.TEXT, rtl=text_rtl(note.text), data="note-body"),
        mark_row(note.mark, mark_words(note.mark, lang), "note-mark", link),
    ]
    edited = state.t("notes_edited", when=when(note.updated_at, lang)) if note.updated_at else ""
    if confirming:  # deleting what the member wrote: asked once more, in words
        lines.append(
            ft.Row(
                [
                    ft.Text(state.t("notes_delete_confirm"), style=Type.LABEL, color=Tone.ERROR),
                    ft.TextButton(content=state.t("notes_delete_yes"), on_click=lambda: sync.delete_note(note.id),
                                  data="note-delete-yes"),
                    ft.TextButton(content=state.t("notes_cancel"), on_click=lambda: set_confirming(False)),
                ],
                wrap=True,
                spacing=Space.XS,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            )
        )  # fmt: skip
    else:
        lines.append(
            ft.Row(
                [
                    ft.Container(caption(edited, data="note-when"), expand=True),
                    icon_button(ft.Icons.EDIT_OUTLINED, state.t("notes_edit"), on_click=lambda: set_editing(True),
                                data="note-edit"),
                    icon_button(ft.Icons.DELETE_OUTLINE, state.t("notes_delete"),
                                on_click=lambda: set_confirming(True), data="note-delete"),
                ],
                spacing=Space.XS,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            )
        )  # fmt: skip
    return ft.Container(
        # stretched: a note in the other script's direction (Persian in English) lines up on its own side
        content=ft.Column(lines, spacing=Space.XS, tight=True, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        bgcolor=Tone.CARD_HIGH,
        border_radius=Size.RADIUS_S,
        padding=Space.M,
        data=f"note:{note.id}",
    )


@ft.component
def NotesSection(asset: Noted) -> ft.Control:
    state = use_app()
    sync = use_sync()
    adding, set_adding = ft.use_state(sync.draft(note_draft_key(asset, None)) is not None)
    lang = state.lang
    notes = sync.notes_for(asset)
    title = ft.Row(
        [
            ft.Icon(ft.Icons.STICKY_NOTE_2_OUTLINED, color=Tone.PRIMARY, size=Size.ICON_M),
            ft.Text(state.t("notes_title"), style=Type.SECTION, color=Tone.TEXT, expand=True),
        ],
        spacing=Space.S,
    )
    if not adding:
        title.controls.append(
            ft.TextButton(content=state.t("notes_add"), icon=ft.Icons.ADD, on_click=lambda: set_adding(True),
                          data="note-add")
        )  # fmt: skip
    lines: list[ft.Control] = [title]
    favourite = sync.favourite_mark(asset)  # None unless it is a favourite
    if favourite is not None:
        text = state.t("favourite_mark", mark=mark_words(favourite, lang))
        lines.append(mark_row(favourite, text, "favourite-mark"))
    if adding:
        lines.append(NoteEditor(asset, None, "", lambda: set_adding(False), key="new"))
    lines += [NoteCard(asset, note, key=note.id) for note in notes]
    if not notes and not adding:
        lines.append(empty_line(state.t("notes_none")))
    return ft.Container(
        content=ft.Column(lines, spacing=Space.S, tight=True), data="notes", col={"xs": 12}, **card_style()
    )


def _opener(path: str) -> Callable[[], None]:
    return lambda: paths.go(path)  # no parameter: flet would hand it the click event


@ft.component
def RecentNotes() -> ft.Control:
    """Home's "my latest notes": each with the plant or mine it is about, a tap away. Nothing until there is one."""
    state = use_app()
    sync = use_sync()
    lang = state.lang
    recent = sync.recent_notes()
    if not recent:
        return ft.Container(visible=False)
    rows: list[ft.Control] = []
    for note, asset_id, kind in recent:
        asset = state.asset(asset_id)
        about = labels.display_name(asset, lang) if asset is not None else asset_id
        # a plant or mine a later release dropped still opens its screen, which says so
        target = paths.mine_path(asset_id) if kind == "mine" else paths.plant_path(asset_id)
        excerpt = note.text if len(note.text) <= EXCERPT_CHARS else note.text[:EXCERPT_CHARS].rstrip() + "…"
        rows.append(
            ft.Container(
                data=f"recent-note:{note.id}",
                on_click=_opener(target),
                padding=ft.Padding.symmetric(horizontal=Space.M, vertical=Space.S),
                border_radius=Size.RADIUS_S,
                bgcolor=Tone.CARD_HIGH,
                content=ft.Column(
                    [
                        ft.Text(about, style=Type.LABEL, color=Tone.PRIMARY),
                        ft.Text(excerpt, style=Type.BODY, color=Tone.TEXT, rtl=text_rtl(note.text), max_lines=3,
                                overflow=ft.TextOverflow.ELLIPSIS),
                        mark_row(note.mark, mark_words(note.mark, lang), "recent-note-mark"),
                    ],
                    spacing=2,
                    tight=True,
                    horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                ),
            )
        )  # fmt: skip
    title = ft.Row(
        [
            ft.Icon(ft.Icons.STICKY_NOTE_2_OUTLINED, color=Tone.PRIMARY, size=Size.ICON_M),
            ft.Text(state.t("notes_recent"), style=Type.SECTION, color=Tone.TEXT, expand=True),
        ],
        spacing=Space.S,
    )
    return ft.Container(
        content=ft.Column([title, *rows], spacing=Space.S, tight=True), data="home-notes", **card_style()
    )
