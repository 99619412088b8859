"""A call's documents on screen: the limits before a file is picked, each file with how far its upload has got,
and a refused file's reason in the reader's language — on the draft form and on a sealed application, where
each file can be saved or opened (``save_copy``: the device's copy, or the server's, fetched once and kept)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import PurePath

import flet as ft

from models.fund_applications import AttachmentRef
from models.fund_documents import type_names
from models.fund_programmes import Call, RequiredDocument
from models.fund_words import digits, reason_text
from sync.photo_store import UploadState
from views.fund.state import FundState
from views.fund.words import size
from views.shell import i18n
from views.shell.buttons import icon_button
from views.shell.facts import caption
from views.shell.session import SessionState
from views.shell.theme import Space, Tone, Type


def document_limit(app: SessionState, doc: RequiredDocument) -> str:
    """«پروانه: PDF، JPEG، حداکثر ۱۰ مگابایت، تا ۵ پرونده، اختیاری» — what a file must be, before one is picked."""
    words = app.t(
        "fund_document_limit",
        name=doc.name_fa if app.lang == "fa" else doc.name_en,
        types=type_names(doc.mime_types).replace(", ", "، " if app.lang == "fa" else ", "),
        size=size(doc.max_bytes, app.lang),
    )
    if doc.max_files > 1:
        words += app.t("fund_document_files", count=digits(str(doc.max_files), app.lang))
    if not doc.required:
        words += app.t("fund_document_optional")
    return words


def upload_words(state: FundState, ref: AttachmentRef, doc: RequiredDocument | None) -> tuple[str, str] | None:
    """How far a file's upload has got, as (words, tone name), or None for a file on another device."""
    app = state.app
    entry = state.client.upload_state(ref.sha256)
    if entry is None:
        if not state.client.files.has(ref.sha256):
            return None
        return app.t("fund_doc_waiting"), "muted"
    if entry.state is UploadState.DONE:
        return app.t("fund_doc_sent"), "primary"
    if entry.state is UploadState.REFUSED:
        code = entry.reason or "rejected"
        params = {} if doc is None else {"allowed": list(doc.mime_types), "max_bytes": doc.max_bytes}
        why = reason_text(code, params, app.lang) if code in ("file_type", "file_too_large", "unknown_document") else ""
        return app.t("fund_doc_refused", why=why or app.t("fund_doc_refused_damaged")), "error"
    percent = round(100 * entry.offset / entry.size) if entry.size else 0
    return app.t("fund_doc_uploading", percent=digits(str(percent), app.lang)), "muted"


#: First-strong isolate: a file's name runs in its own direction (a Persian name right to left, «plan.pdf»
#: left to right) without turning the words around it.
FSI, PDI = "\u2068", "\u2069"


def file_name(name: str) -> str:
    return f"{FSI}{name}{PDI}"


_TONES = {"muted": Tone.MUTED, "primary": Tone.PRIMARY, "error": Tone.ERROR}


OpenFile = Callable[[AttachmentRef], Awaitable[None]]


def file_row(
    state: FundState,
    ref: AttachmentRef,
    doc: RequiredDocument | None,
    on_remove: Callable[[], None] | None = None,
    on_open: OpenFile | None = None,
) -> ft.Control:
    """One attached file: its name and size, beneath how far its upload has got, and what can be done with it."""
    app = state.app
    lang = app.lang
    lines: list[ft.Control] = [
        ft.Text(app.t("fund_attached", name=file_name(ref.file_name), size=size(ref.bytes, lang)), style=Type.BODY,
                color=Tone.TEXT, data=f"fund-attached-{ref.document}"),
    ]  # fmt: skip
    progress = upload_words(state, ref, doc)
    if progress is not None:
        words, tone = progress
        lines.append(ft.Text(words, style=Type.CAPTION, color=_TONES[tone], data=f"fund-upload-{ref.sha256[:12]}"))
    row: list[ft.Control] = [
        ft.Icon(ft.Icons.ATTACH_FILE, size=16, color=Tone.MUTED),
        ft.Column(lines, spacing=0, tight=True, expand=True),
    ]
    if on_open is not None:

        async def open_it() -> None:
            await on_open(ref)

        row.append(icon_button(ft.Icons.FILE_DOWNLOAD_OUTLINED, app.t("fund_doc_open", name=file_name(ref.file_name)),
                               on_click=open_it, data=f"fund-open-{ref.sha256[:12]}"))  # fmt: skip
    if on_remove is not None:
        row.append(icon_button(ft.Icons.DELETE_OUTLINE, app.t("fund_remove"), on_click=lambda _e: on_remove()))
    return ft.Row(row, spacing=Space.S, vertical_alignment=ft.CrossAxisAlignment.START)


def refusal_line(state: FundState, document: str) -> ft.Control | None:
    """Why the last file picked for ``document`` was not taken, in the reader's language."""
    refused = state.file_refusals.get(document)
    if refused is None:
        return None
    picked, code, params = refused
    why = reason_text(code, params, state.app.lang)
    return ft.Text(state.app.t("fund_file_not_taken", name=file_name(picked), why=why), style=Type.BODY,
                   color=Tone.ERROR, data=f"fund-file-refused-{document}")  # fmt: skip


def documents_section_lines(
    state: FundState, call: Call | None, attachments: tuple[AttachmentRef, ...], on_open: OpenFile | None = None
) -> list[ft.Control]:
    """A sealed application's documents: each of the call's documents with its files (read-only; each can be
    saved or opened with ``on_open``)."""
    app = state.app
    lines: list[ft.Control] = []
    named = {d.code: d for d in call.required_documents} if call is not None else {}
    codes = list(named) + [a.document for a in attachments if a.document not in named]
    for code in dict.fromkeys(codes):
        doc = named.get(code)
        files = [a for a in attachments if a.document == code]
        title = (doc.name_fa if app.lang == "fa" else doc.name_en) if doc is not None else code
        lines.append(ft.Text(title, style=Type.BODY_STRONG, color=Tone.TEXT))
        if not files:
            lines.append(caption(app.t("fund_doc_none")))
        lines.extend(file_row(state, a, doc, on_open=on_open) for a in files)
    return lines or [caption(app.t("fund_doc_none"))]


async def save_copy(state: FundState, picker: ft.FilePicker, web: bool, ref: AttachmentRef) -> None:
    """Hand one file of an application to the device, as an export is (views/shell/export_action.py): a download
    in a browser, a save dialog on a desktop, the share sheet on a phone. Offline with the file elsewhere, the
    notice says so and nothing else changes."""
    app = state.app
    data = await state.document_copy(ref)
    if data is None:  # the notice says why
        return
    extension = PurePath(ref.file_name).suffix.lstrip(".").lower()
    try:
        path = await picker.save_file(
            dialog_title=app.t("fund_doc_save_title"),
            file_name=ref.file_name,
            file_type=ft.FilePickerFileType.CUSTOM if extension else ft.FilePickerFileType.ANY,
            allowed_extensions=[extension] if extension else None,
            src_bytes=data,
        )
    except Exception as error:  # flet's own (a timeout, a refused write): the state words it as ours
        app.export_failed(f"{type(error).__name__}: {error}")
        return
    if path:
        app.tell("fund_doc_saved", name=file_name(ref.file_name), path=i18n.ltr(path))
    elif web:  # a browser downloads and names no path; elsewhere no path means "cancelled"
        app.tell("fund_doc_downloaded", name=file_name(ref.file_name))
