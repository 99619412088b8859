"""Photos of a visit: thumbnails with how far each one's upload has got, and how photos are picked — the
image picker (camera or gallery) on phones, a file dialog on desktops, the browser's file chooser on the web,
all through flet's one ``FilePicker``."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import flet as ft

from views.shell.buttons import icon_button
from views.shell.theme import Space, Tone, Type
from views.visits.refusals import upload_refusal_words

if TYPE_CHECKING:
    from views.visits.state import VisitsState

#: Wide enough that a tile's upload state ("waiting") is not cut beside its remove button at 360 px.
THUMB = 112
UPLOAD_ICONS = {
    "waiting": (ft.Icons.SCHEDULE, Tone.MUTED),
    "sending": (ft.Icons.CLOUD_UPLOAD_OUTLINED, Tone.FAVOURITE),
    "done": (ft.Icons.CLOUD_DONE_OUTLINED, Tone.PRIMARY),
    "refused": (ft.Icons.ERROR_OUTLINE, Tone.ERROR),
}


def photo_strip(state: VisitsState, visit_id: str, hashes: tuple[str, ...] | list[str], editable: bool) -> ft.Control:
    """Thumbnails, each with its upload state (waiting, sending, sent, refused) and, on a draft, a remove button."""
    app = state.app
    tiles: list[ft.Control] = []
    for tile in state.tiles(hashes):
        icon, colour = UPLOAD_ICONS[tile.upload]
        label = app.t(f"visit_photo_{tile.upload}")
        if tile.reason:
            label += ": " + upload_refusal_words(tile.reason, app.lang)
        picture: ft.Control = (
            ft.Image(src=tile.thumbnail, width=THUMB, height=THUMB, fit=ft.BoxFit.COVER, border_radius=6)
            if tile.thumbnail
            else ft.Container(
                ft.Icon(ft.Icons.IMAGE_NOT_SUPPORTED_OUTLINED, color=Tone.MUTED),
                width=THUMB,
                height=THUMB,
                alignment=ft.Alignment.CENTER,
                bgcolor=Tone.CARD_HIGH,
            )
        )
        under: list[ft.Control] = [
            ft.Icon(icon, size=14, color=colour, tooltip=label),
            ft.Text(
                label, style=Type.CAPTION, color=colour, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS, expand=True
            ),
        ]
        if editable:
            under.append(
                icon_button(
                    ft.Icons.DELETE_OUTLINE,
                    app.t("visit_remove_photo"),
                    on_click=lambda _e, sha=tile.sha256: state.detach(visit_id, sha),
                    icon_size=16,
                    data=f"remove-photo:{tile.sha256[:12]}",
                )
            )
        tiles.append(
            ft.Column(
                [picture, ft.Row(under, spacing=2, width=THUMB + 8, tight=True)],
                spacing=2,
                tight=True,
                data=f"photo:{tile.sha256[:12]}:{tile.upload}",
            )
        )
    return ft.Row(tiles, wrap=True, spacing=Space.S, run_spacing=Space.S)


def photo_picker(state: VisitsState, picker: ft.FilePicker, visit_id: str) -> Callable[[str | None], Awaitable[None]]:
    """What "add photos" does: pick images (several at once), read their bytes, attach them to ``question``."""

    async def pick(question: str | None = None) -> None:
        files = await picker.pick_files(
            dialog_title=state.app.t("visit_add_photos"),
            file_type=ft.FilePickerFileType.IMAGE,
            allow_multiple=True,
            with_data=True,
        )
        chosen: list[tuple[str, bytes]] = []
        for f in files or []:
            data = f.bytes
            if data is None and f.path:  # a desktop dialog may hand the path only
                data = await asyncio.to_thread(Path(f.path).read_bytes)
            if data:
                chosen.append((f.name, bytes(data)))
        if chosen:
            await state.attach(visit_id, chosen, question)

    return pick


def pick_for(pick: Callable[[str | None], Awaitable[None]], question: str | None) -> Callable[[], Awaitable[None]]:
    """The click handler of an "add photos" button: a coroutine function flet awaits. (A lambda returning
    ``pick(question)`` hands flet a coroutine nobody awaits: the picker never opened.)"""

    async def on_click() -> None:
        await pick(question)

    return on_click
