"""Home's "new since the last sync" card: what the latest sync that brought something brought, and when."""

from __future__ import annotations

import flet as ft

from views.shell import i18n, paths
from views.shell.context import use_app
from views.shell.facts import caption
from views.shell.i18n import Lang
from views.shell.theme import Size, Space, Tone, Type, card_style
from views.sync.context import use_sync
from views.sync.state import CHANGE_KINDS
from views.sync.words import collection_name, when

#: The atlas first (what members come for), then their own records from their other devices.
COLLECTION_ORDER = ("plants", "mines", "sources", "notes", "favourites")


def change_line(collection: str, counts: dict[str, int], lang: Lang) -> str:
    """«کارخانه‌ها: ۱ تازه، ۳ تغییر کرد» / "Plants: 1 added, 3 changed": every collection in the one form the sync
    history uses too (a card of "47 plants added" over "Goods categories: 73 added" read as two lists)."""
    parts = [
        i18n.t(f"history_{what}", lang, count=i18n.number(counts[what], lang))
        for what in CHANGE_KINDS
        if counts.get(what)
    ]
    joined = i18n.joined(parts, lang)
    # a member's own notes and favourites reach this device from their other devices: the card says so
    name = i18n.t(f"news_from_devices_{collection}", lang) if collection in ("notes", "favourites") else None
    return i18n.t("history_pulled", lang, collection=name or collection_name(collection, lang), parts=joined)


def ordered(pulled: dict[str, dict[str, int]]) -> list[str]:
    known = [name for name in COLLECTION_ORDER if name in pulled]
    return known + sorted(name for name in pulled if name not in COLLECTION_ORDER)


@ft.component
def SyncNewsCard() -> ft.Control:
    """Nothing at all until the member is signed in and a sync has completed: the indicator speaks for sync then."""
    state = use_app()
    sync = use_sync()
    news = sync.news() if sync.account is not None else None
    if news is None:
        return ft.Container(visible=False)
    lang = state.lang
    lines: list[ft.Control]
    if news.pulled:
        lines = [
            ft.Text(change_line(name, news.pulled[name], lang), style=Type.BODY, color=Tone.TEXT, data="news-line")
            for name in ordered(news.pulled)
        ]
        lines.append(caption(i18n.t("news_when", lang, when=when(news.at, lang)), data="news-when"))
        if news.checked_at:
            lines.append(caption(i18n.t("news_checked_since", lang, when=when(news.checked_at, lang))))
    else:
        nothing = i18n.t("news_nothing", lang, when=when(news.checked_at, lang))
        lines = [ft.Text(nothing, style=Type.BODY, color=Tone.MUTED, data="news-nothing")]
    return ft.Container(
        data="home-news",
        content=ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.NEW_RELEASES_OUTLINED, color=Tone.PRIMARY, size=Size.ICON_M),
                        ft.Text(state.t("news_title"), style=Type.SECTION, color=Tone.TEXT, expand=True),
                    ],
                    spacing=Space.S,
                ),
                *lines,
                ft.TextButton(
                    content=state.t("news_history"),
                    icon=ft.Icons.HISTORY,
                    on_click=lambda: paths.go(paths.SYNC),
                    data="news-history",
                ),
            ],
            spacing=Space.XS,
            tight=True,
        ),
        **card_style(),
    )
