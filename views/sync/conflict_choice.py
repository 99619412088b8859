"""A note changed here and on the server: both copies side by side, and keep mine / keep theirs / merge."""

from __future__ import annotations

from typing import Any

import flet as ft

from sync.user_store import Conflict
from views.shell import labels
from views.shell.context import use_app
from views.shell.facts import caption, empty_line
from views.shell.session import SessionState
from views.shell.theme import Size, Space, Tone, Type, card_style
from views.shell.typing_field import TypingField
from views.sync.context import use_sync
from views.sync.state import SyncSession
from views.sync.words import conflict_words, note_limit, text_rtl, when


def asset_label(state: SessionState, data: dict[str, Any] | None) -> str:
    """The plant or mine a record is about, by name when the atlas has it."""
    asset_id = str((data or {}).get("asset_id") or "")
    asset = state.asset(asset_id)
    return labels.display_name(asset, state.lang) if asset is not None else asset_id


def _copy(state: SessionState, title_key: str, data: dict[str, Any] | None, gone_key: str, tag: str) -> ft.Control:
    body = (
        ft.Text(
            str(data.get("text", "")),
            style=Type.BODY,
            color=Tone.TEXT,
            rtl=text_rtl(str(data.get("text", ""))),
            data=f"{tag}-text",
        )
        if data is not None
        else empty_line(state.t(gone_key), data=f"{tag}-text")
    )
    lines: list[ft.Control] = [ft.Text(state.t(title_key), style=Type.LABEL, color=Tone.MUTED), body]
    if data is not None and data.get("updated_at"):
        lines.append(caption(state.t("notes_edited", when=when(str(data["updated_at"]), state.lang))))
    return ft.Container(
        col={"xs": 12, "md": 6},
        bgcolor=Tone.CARD_HIGH,
        border_radius=Size.RADIUS_S,
        padding=Space.M,
        data=tag,
        content=ft.Column(lines, spacing=Space.XS, tight=True, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
    )


@ft.component
def ConflictCard(conflict: Conflict) -> ft.Control:
    state = use_app()
    sync: SyncSession = use_sync()
    merging, set_merging = ft.use_state(False)
    merged = ft.use_ref(None)  # the text being merged: kept across redraws, never reset by one
    problem, set_problem = ft.use_state(None)

    def on_merge() -> None:
        merged.current = sync.merge_text(conflict)
        set_problem(None)
        set_merging(True)

    def on_save_merge() -> None:
        text = merged.current or ""
        key = sync.note_problem(text)
        if key is not None:
            set_problem(note_limit(state.lang) if key == "notes_too_long" else state.t(key))
            return
        if sync.resolve(conflict, "merge", text):
            set_merging(False)

    copies = [
        _copy(state, "conflict_mine", conflict.mine, "conflict_deleted_here", "conflict-mine"),
        _copy(state, "conflict_theirs", conflict.theirs, "conflict_deleted_there", "conflict-theirs"),
    ]
    if conflict.base is not None:
        copies.append(_copy(state, "conflict_base", conflict.base, "conflict_deleted_here", "conflict-base"))
    lines: list[ft.Control] = [
        ft.Text(
            state.t("conflict_title", asset=asset_label(state, conflict.mine or conflict.theirs or conflict.base)),
            style=Type.BODY_STRONG,
            color=Tone.TEXT,
        ),
        caption(conflict_words(conflict.reason, state.lang)),
        ft.ResponsiveRow(copies, spacing=Space.S, run_spacing=Space.S),
    ]
    if merging:
        lines += [
            caption(state.t("conflict_merge_help")),
            TypingField(
                merged.current or "",
                lambda text: merged.__setattr__("current", text),
                multiline=True,
                min_lines=3,
                max_lines=12,
                data="conflict-merge-text",
            ),
        ]
        if problem:
            lines.append(ft.Text(problem, style=Type.CAPTION, color=Tone.ERROR))
        lines.append(
            ft.Row(
                [
                    ft.FilledButton(
                        content=state.t("conflict_merge_save"), icon=ft.Icons.SAVE, on_click=on_save_merge,
                        data="conflict-merge-save",
                    ),
                    ft.TextButton(content=state.t("notes_cancel"), on_click=lambda: set_merging(False)),
                ],
                wrap=True,
                spacing=Space.S,
            )
        )  # fmt: skip
    else:
        lines.append(
            ft.Row(
                [
                    ft.OutlinedButton(
                        content=state.t("conflict_keep_mine"), on_click=lambda: sync.resolve(conflict, "mine"),
                        data="conflict-keep-mine",
                    ),
                    ft.OutlinedButton(
                        content=state.t("conflict_keep_theirs"), on_click=lambda: sync.resolve(conflict, "theirs"),
                        data="conflict-keep-theirs",
                    ),
                    ft.FilledTonalButton(
                        content=state.t("conflict_merge"), icon=ft.Icons.MERGE, on_click=on_merge,
                        data="conflict-merge",
                    ),
                ],
                wrap=True,
                spacing=Space.S,
                run_spacing=Space.S,
            )
        )  # fmt: skip
    column = ft.Column(lines, spacing=Space.S, tight=True, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
    return ft.Container(content=column, data=f"conflict:{conflict.id}", **card_style())
