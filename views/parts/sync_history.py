"""The sync history, newest first: when, the result, what changed, errors in words, requests and bytes."""

from __future__ import annotations

from typing import Any

import flet as ft

from views.i18n import Lang
from views.parts.facts import empty_line
from views.parts.sync_words import history_lines, when_and_ago
from views.theme import Size, Space, Tone, Type


def history_row(entry: dict[str, Any], lang: Lang) -> ft.Control:
    ok = bool(entry.get("ok"))
    first, *rest = history_lines(entry, lang)
    texts: list[ft.Control] = [
        ft.Text(when_and_ago(entry.get("at"), lang), style=Type.LABEL, color=Tone.MUTED),
        ft.Text(first, style=Type.BODY_STRONG, color=Tone.TEXT if ok else Tone.ERROR),
        *(ft.Text(line, style=Type.BODY, color=Tone.TEXT) for line in rest[:-1]),
        ft.Text(rest[-1], style=Type.CAPTION, color=Tone.MUTED),  # requests · bytes · seconds
    ]
    return ft.Row(
        [
            ft.Icon(ft.Icons.CHECK_CIRCLE_OUTLINE if ok else ft.Icons.ERROR_OUTLINE,
                    color=Tone.PRIMARY if ok else Tone.ERROR, size=Size.ICON_S),
            ft.Column(texts, spacing=2, tight=True, expand=True),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=Space.S,
        data="history-entry",
    )  # fmt: skip


def history_rows(entries: list[dict[str, Any]], lang: Lang, empty_text: str) -> list[ft.Control]:
    if not entries:
        return [empty_line(empty_text)]
    rows: list[ft.Control] = []
    for index, entry in enumerate(entries):
        if index:
            rows.append(ft.Divider(height=1, color=Tone.OUTLINE))
        rows.append(history_row(entry, lang))
    return rows
