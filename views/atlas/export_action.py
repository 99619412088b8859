"""The atlas list's "Export to Excel": a button in the desktop toolbar, an overflow-menu item on phones."""

from __future__ import annotations

import flet as ft

from views.atlas.context import use_atlas
from views.shell.context import use_services
from views.shell.theme import Size

XLSX = ["xlsx"]


@ft.component
def ExportAction(compact: bool) -> ft.Control:
    """Saves what the list shows (filter, search and order, in the member's language) through the session's
    file picker: a download in a browser, a save dialog on a desktop, the share/save sheet on a phone."""
    state = use_atlas()
    picker = use_services().file_picker
    page = ft.context.page
    busy = state.busy == "export"
    nothing = not state.results  # "no plant or mine matches": an empty workbook would only puzzle

    async def on_export() -> None:
        export = await state.export_atlas()
        if export is None:  # the notice says why
            return
        try:
            path = await picker.save_file(
                dialog_title=state.t("export_dialog_title"),
                file_name=export.file_name,
                file_type=ft.FilePickerFileType.CUSTOM,
                allowed_extensions=XLSX,
                src_bytes=export.data,
            )
        except Exception as error:  # flet's own (a timeout, a refused write): the state words it as ours
            state.export_failed(f"{type(error).__name__}: {error}")
            return
        if path or page.web:  # a browser downloads and names no path; elsewhere no path means "cancelled"
            state.export_saved(export, path)

    if busy:
        return ft.Container(
            ft.ProgressRing(width=Size.PROGRESS, height=Size.PROGRESS, stroke_width=3),
            tooltip=state.t("export_busy"),
            data="export-busy",
        )
    if compact:
        return ft.PopupMenuButton(
            icon=ft.Icon(ft.Icons.MORE_VERT, semantics_label=state.t("export_more")),
            tooltip=state.t("export_more"),
            items=[
                ft.PopupMenuItem(
                    content=state.t("export_action"),
                    icon=ft.Icons.FILE_DOWNLOAD_OUTLINED,
                    on_click=on_export,
                    disabled=nothing,
                    data="export-excel",
                )
            ],
            data="list-more",
        )
    return ft.OutlinedButton(
        content=state.t("export_action"),
        icon=ft.Icons.FILE_DOWNLOAD_OUTLINED,
        on_click=on_export,
        disabled=nothing,
        data="export-excel",
    )
