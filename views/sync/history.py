"""The sync history, newest first: when, the result, what changed, errors in words, requests and bytes."""

from __future__ import annotations

from typing import Any

import flet as ft

from views.shell import i18n
from views.shell.facts import empty_line
from views.shell.i18n import Lang, t
from views.shell.theme import Size, Space, Tone, Type
from views.sync.words import history_lines, when, when_and_ago


def history_row(entry: dict[str, Any], lang: Lang, count: int = 1, since: str | None = None) -> ft.Control:
    ok = bool(entry.get("ok"))
    first, *rest = history_lines(entry, lang)
    if count > 1:
        rest.insert(0, t("history_attempts", lang, count=i18n.number(count, lang), since=when(since, lang)))
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


def collapsed(entries: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int, str | None]]:
    """Runs of failures with the same error (a server down for an hour retries many times) as one row:
    (newest entry, how many, when the run began)."""
    out: list[tuple[dict[str, Any], int, str | None]] = []
    for entry in entries:
        if out and not entry.get("ok") and not out[-1][0].get("ok"):
            newest, count, _ = out[-1]
            if newest.get("error_code") == entry.get("error_code"):
                out[-1] = (newest, count + 1, entry.get("at"))
                continue
        out.append((entry, 1, entry.get("at")))
    return out


def history_rows(entries: list[dict[str, Any]], lang: Lang, empty_text: str) -> list[ft.Control]:
    if not entries:
        return [empty_line(empty_text)]
    rows: list[ft.Control] = []
    for index, (entry, count, since) in enumerate(collapsed(entries)):
        if index:
            rows.append(ft.Divider(height=1, color=Tone.OUTLINE))
        rows.append(history_row(entry, lang, count, since))
    return rows
