"""A change the server refused: what it was, why in words, and "try again" or "discard" (back to the server's copy)."""

from __future__ import annotations

import flet as ft

from sync.user_store import OutboxOp
from views.shell.context import use_app
from views.shell.theme import Space, Tone, Type, card_style
from views.sync.conflict_choice import asset_label
from views.sync.context import use_sync
from views.sync.words import collection_name, rejection_words, text_rtl

EXCERPT_CHARS = 160


@ft.component
def RejectedCard(op: OutboxOp) -> ft.Control:
    state = use_app()
    sync = use_sync()
    lang = state.lang
    if op.collection == "notes":
        title = state.t("rejected_note", asset=asset_label(state, op.data))
    elif op.collection == "favourites":
        title = state.t("rejected_favourite", asset=asset_label(state, op.data))
    else:
        title = state.t("rejected_other", collection=collection_name(op.collection, lang), id=op.record_id)
    if op.action == "delete":
        title = f"{title} {state.t('rejected_deleting')}"
    lines: list[ft.Control] = [ft.Text(title, style=Type.BODY_STRONG, color=Tone.TEXT)]
    text = str((op.data or {}).get("text") or "")
    if text:
        excerpt = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"
        lines.append(ft.Text(excerpt, style=Type.BODY, color=Tone.MUTED, rtl=text_rtl(text), data="rejected-text"))
    lines += [
        ft.Text(rejection_words(op.reason, lang), style=Type.BODY, color=Tone.ERROR, data="rejected-reason"),
        ft.Row(
            [
                ft.OutlinedButton(
                    content=state.t("rejected_retry"),
                    icon=ft.Icons.REFRESH,
                    on_click=lambda: sync.retry_rejected(op.seq),
                    data="rejected-retry",
                ),
                ft.TextButton(
                    content=state.t("rejected_discard"),
                    icon=ft.Icons.UNDO,
                    on_click=lambda: sync.discard_rejected(op.seq),
                    data="rejected-discard",
                ),
            ],
            wrap=True,
            spacing=Space.S,
            run_spacing=Space.S,
        ),
    ]
    return ft.Container(
        content=ft.Column(lines, spacing=Space.S, tight=True), data=f"rejected:{op.seq}", **card_style()
    )
