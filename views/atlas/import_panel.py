"""Importing a GEM release from the app: pick files (uploaded first in a browser), or, for a developer, the command
line. Shown only where an administrator or a developer uses the app (``SessionState.may_import``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import flet as ft

from views.atlas.context import use_atlas
from views.atlas.import_report import import_report_card
from views.atlas.state import AtlasState
from views.shell import i18n
from views.shell.buttons import icon_button
from views.shell.context import use_services
from views.shell.facts import caption
from views.shell.theme import Size, Space, Tone, Type
from views.shell.typing_field import TypingField

GEM_EXTENSIONS = ["csv", "xlsx"]
UPLOAD_URL_SECONDS = 900


@ft.component
def ImportPanel() -> ft.Control:
    state = use_atlas()
    page = ft.context.page
    services = use_services()
    picker, clipboard = services.file_picker, services.clipboard
    release = ft.use_ref("")  # typed by the member when the files do not name their release

    can_upload = bool(page.web and state.upload_dir is not None)
    busy = state.busy == "import" or state.uploading > 0

    command = (
        f'python main.py import-gem PATH --data-dir "{state.data_dir}"'
        if state.data_dir
        else "python main.py import-gem PATH"
    )

    async def on_pick_upload() -> None:
        files = await picker.pick_files(
            dialog_title=state.t("import_pick_files"),
            allow_multiple=True,
            file_type=ft.FilePickerFileType.CUSTOM,
            allowed_extensions=GEM_EXTENSIONS,
        )
        if not files:
            return
        # the session's state follows the upload (main wires the picker's reports to it): this panel may
        # be gone by the time the files are in
        folder = state.begin_upload([f.name for f in files], release.current)
        await picker.upload(
            [
                ft.FilePickerUploadFile(
                    upload_url=page.get_upload_url(f"{folder}/{f.name}", UPLOAD_URL_SECONDS), id=f.id, name=f.name
                )
                for f in files
            ]
        )

    async def on_pick_file() -> None:
        files = await picker.pick_files(
            dialog_title=state.t("import_pick_workbook"),
            file_type=ft.FilePickerFileType.CUSTOM,
            allowed_extensions=GEM_EXTENSIONS,
        )
        if files and files[0].path:
            await state.import_gem(Path(files[0].path), release.current)

    async def on_pick_folder() -> None:
        folder = await picker.get_directory_path(dialog_title=state.t("import_pick_folder"))
        if folder:
            await state.import_gem(Path(folder), release.current)

    async def on_copy() -> None:
        await clipboard.set(command)
        state.tell("copied")

    if can_upload:
        buttons: list[ft.Control] = [
            ft.FilledButton(
                content=state.t("import_upload"),
                icon=ft.Icons.UPLOAD_FILE,
                on_click=on_pick_upload,
                disabled=busy,
                data="import-upload",
            ),
        ]
    elif not page.web:
        buttons = [
            ft.FilledButton(
                content=state.t("import_workbook"),
                icon=ft.Icons.UPLOAD_FILE,
                on_click=on_pick_file,
                disabled=busy,
                data="import-workbook",
            ),
            ft.OutlinedButton(
                content=state.t("import_folder"),
                icon=ft.Icons.FOLDER_OPEN,
                on_click=on_pick_folder,
                disabled=busy,
                data="import-folder",
            ),
        ]
    else:
        buttons = []

    controls: list[ft.Control] = [
        # a node of its own: otherwise Flutter reads these lines out as the label of the text field below
        ft.Semantics(
            container=True,
            content=ft.Column(
                [
                    ft.Text(state.t("import_title"), style=Type.SECTION, color=Tone.TEXT),
                    ft.Text(state.t("import_body"), style=Type.BODY, color=Tone.TEXT),
                ],
                spacing=Space.S,
                tight=True,
            ),
        ),
        TypingField(
            release.current,
            lambda text: setattr(release, "current", text),
            label=state.t("import_release"),
            hint_text="September 2025 (V1)",
            helper=state.t("import_release_help"),
            helper_max_lines=3,
            dense=True,
            rtl=False,
            data="import-release",
        ),
        ft.Row(buttons, wrap=True, spacing=Space.S),
    ]
    if busy:
        waiting = (
            state.t("import_uploading", count=i18n.number(state.uploading, state.lang))
            if state.uploading
            else state.t("import_busy")
        )
        controls.append(
            ft.Row(
                [
                    ft.ProgressRing(width=Size.PROGRESS, height=Size.PROGRESS, stroke_width=3),
                    ft.Text(waiting, style=Type.BODY, color=Tone.TEXT),
                ],
                data="import-busy",
            )
        )
    if state.developer:  # a command and a data folder's path mean nothing on a member's (or admin's) phone
        controls += _command_line(state, command, on_copy)
    if state.last_import is not None:
        controls.append(import_report_card(state.last_import, state.lang))
    return ft.Column(controls, spacing=Space.S, tight=True, data="import-panel")


def _command_line(state: AtlasState, command: str, on_copy: Callable[[], Awaitable[None]]) -> list[ft.Control]:
    return [
        caption(state.t("import_command")),
        ft.Container(
            # not a selectable text: Flutter web leaves those out of what screen readers see; a copy button instead
            content=ft.Row(
                [
                    ft.Text(
                        i18n.ltr(command),  # a command reads left to right, in Persian too
                        text_align=ft.TextAlign.LEFT,
                        style=Type.CAPTION,
                        color=Tone.TEXT,
                        expand=True,
                        data="import-command",
                    ),
                    icon_button(ft.Icons.COPY, state.t("copy"), on_click=on_copy, data="copy-command"),
                ],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
            bgcolor=Tone.CARD_HIGH,
            padding=ft.Padding.only(left=Space.S, right=Space.XS),
            border_radius=Size.RADIUS_S,
        ),
    ]
