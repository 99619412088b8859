"""Importing a GEM release from the app: pick files (uploaded first in a browser), or the command line."""

from __future__ import annotations

import uuid
from pathlib import Path

import flet as ft

from views import i18n
from views.context import use_app
from views.parts.facts import caption
from views.parts.import_report import import_report_card
from views.theme import Space, Tone, Type

GEM_EXTENSIONS = ["csv", "xlsx"]
UPLOAD_URL_SECONDS = 900


@ft.component
def ImportPanel() -> ft.Control:
    state = use_app()
    page = ft.context.page
    picker = ft.use_memo(lambda: ft.FilePicker(), dependencies=[])
    upload = ft.use_ref(None)  # the batch being uploaded: {"folder": str, "waiting": set of names}
    uploading, set_uploading = ft.use_state(0)  # files still uploading

    can_upload = bool(page.web and state.upload_dir is not None)
    busy = state.busy == "import" or uploading > 0

    async def on_upload(e: ft.FilePickerUploadEvent) -> None:
        batch = upload.current
        if batch is None:
            return
        if e.error:
            upload.current = None
            set_uploading(0)
            state.upload_failed(e.file_name, e.error)
            return
        if e.progress is not None and e.progress >= 1.0:
            batch["waiting"].discard(e.file_name)
            set_uploading(len(batch["waiting"]))
            if not batch["waiting"]:
                upload.current = None
                await state.import_gem(state.upload_dir / batch["folder"])

    picker.on_upload = on_upload

    async def on_pick_upload() -> None:
        files = await picker.pick_files(
            dialog_title=state.t("import_pick_files"),
            allow_multiple=True,
            file_type=ft.FilePickerFileType.CUSTOM,
            allowed_extensions=GEM_EXTENSIONS,
        )
        if not files:
            return
        folder = f"import-{uuid.uuid4().hex[:12]}"  # one folder per import: the importer reads it as a whole
        upload.current = {"folder": folder, "waiting": {f.name for f in files}}
        set_uploading(len(files))
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
            await state.import_gem(Path(files[0].path))

    async def on_pick_folder() -> None:
        folder = await picker.get_directory_path(dialog_title=state.t("import_pick_folder"))
        if folder:
            await state.import_gem(Path(folder))

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

    command = (
        f'python main.py import-gem PATH --data-dir "{state.data_dir}"'
        if state.data_dir
        else "python main.py import-gem PATH"
    )
    controls: list[ft.Control] = [
        ft.Text(state.t("import_title"), style=Type.SECTION, color=Tone.TEXT),
        ft.Text(state.t("import_body"), style=Type.BODY, color=Tone.TEXT),
        ft.Row(buttons, wrap=True, spacing=Space.S),
    ]
    if busy:
        waiting = (
            state.t("import_uploading", count=i18n.number(uploading, state.lang))
            if uploading
            else state.t("import_busy")
        )
        controls.append(
            ft.Row(
                [
                    ft.ProgressRing(width=20, height=20, stroke_width=3),
                    ft.Text(waiting, style=Type.BODY, color=Tone.TEXT),
                ],
                data="import-busy",
            )
        )
    controls += [
        caption(state.t("import_command")),
        ft.Container(
            content=ft.Text(
                command, style=Type.CAPTION, color=Tone.TEXT, selectable=True, rtl=False, data="import-command"
            ),
            bgcolor=Tone.CARD_HIGH,
            padding=Space.S,
            border_radius=6,
        ),
    ]
    if state.last_import is not None:
        controls.append(import_report_card(state.last_import, state.lang))
    return ft.Column(controls, spacing=Space.S, tight=True, data="import-panel")
