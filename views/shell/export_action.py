"""Export what a list shows: buttons in a desktop toolbar, an overflow menu on phones. Every list uses this one.

The feature hands in how to make the file in each format (its state does it, off the event loop); this
saves it through the session's file picker — a download in a browser, a save dialog on a desktop, the
share/save sheet on a phone — and the session's state says what became of it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import flet as ft

from views.shell.context import use_app, use_services
from views.shell.export import FileExport
from views.shell.theme import Size, Space


@dataclass(frozen=True)
class ExportChoice:
    """One format the list can be exported to."""

    fmt: str  # "xlsx" | "csv" | "pdf"
    label_key: str
    icon: ft.IconData
    data: str  # the tag tests and the browser find it by


XLSX = ExportChoice("xlsx", "export_action", ft.Icons.FILE_DOWNLOAD_OUTLINED, "export-excel")
CSV = ExportChoice("csv", "export_csv_action", ft.Icons.TABLE_VIEW_OUTLINED, "export-csv")
PDF = ExportChoice("pdf", "export_pdf_action", ft.Icons.PICTURE_AS_PDF_OUTLINED, "export-pdf")


@ft.component
def ExportAction(
    make: Callable[[str], Awaitable[FileExport | None]],
    *,
    compact: bool,
    busy: bool,
    nothing: bool,
    choices: tuple[ExportChoice, ...] = (XLSX, CSV),
    unavailable: frozenset[str] = frozenset(),
) -> ft.Control:
    """``make(fmt)`` makes the file (None, with a notice, when it cannot); ``nothing``: the list is empty (an
    empty file would only puzzle); ``unavailable``: formats this device cannot make (shown, disabled)."""
    state = use_app()
    picker = use_services().file_picker
    page = ft.context.page

    def saver(choice: ExportChoice) -> Callable[[], Awaitable[None]]:
        async def on_export() -> None:
            export = await make(choice.fmt)
            if export is None:  # the notice says why
                return
            try:
                path = await picker.save_file(
                    dialog_title=state.t("export_dialog_title"),
                    file_name=export.file_name,
                    file_type=ft.FilePickerFileType.CUSTOM,
                    allowed_extensions=[export.format],
                    src_bytes=export.data,
                )
            except Exception as error:  # flet's own (a timeout, a refused write): the state words it as ours
                state.export_failed(f"{type(error).__name__}: {error}")
                return
            if path or page.web:  # a browser downloads and names no path; elsewhere no path means "cancelled"
                state.export_saved(export, path)

        return on_export

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
            style=ft.ButtonStyle(padding=ft.Padding.all(12)),  # 48 x 48: a target a finger hits
            items=[
                ft.PopupMenuItem(
                    content=state.t(choice.label_key),
                    icon=choice.icon,
                    on_click=saver(choice),
                    disabled=nothing or choice.fmt in unavailable,
                    data=choice.data,
                )
                for choice in choices
            ],
            data="list-more",
        )
    return ft.Row(
        [
            ft.OutlinedButton(
                content=state.t(choice.label_key),
                icon=choice.icon,
                on_click=saver(choice),
                disabled=nothing or choice.fmt in unavailable,
                data=choice.data,
            )
            for choice in choices
        ],
        spacing=Space.S,
        tight=True,
    )
