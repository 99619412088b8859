"""Building blocks of the detail screens: a titled section card and label–value fact rows."""

from __future__ import annotations

from typing import Any

import flet as ft

from views.shell import i18n, labels
from views.shell.theme import PHONE_MAX_WIDTH, Size, Space, Tone, Type, card_style

#: A section that takes half the width on large screens (two side by side), the whole width on phones.
HALF = {"xs": 12, "lg": 6}


def paired(sections: list[ft.Control]) -> list[list[ft.Control]]:
    """Rows of sections: a full-width section alone, half-width ones two by two."""
    rows: list[list[ft.Control]] = []
    pending: list[ft.Control] = []
    for item in sections:
        if item.col == HALF:
            pending.append(item)
            if len(pending) == 2:
                rows.append(pending)
                pending = []
            continue
        if pending:
            rows.append(pending)
            pending = []
        rows.append([item])
    if pending:
        rows.append(pending)
    return rows


def section(
    title: str,
    controls: list[ft.Control],
    *,
    col: dict[str, int] | None = None,
    data: str | None = None,
    stretch: bool = False,
) -> ft.Container:
    """A card with a heading; ``col`` places it in a ResponsiveRow (full width on phones). ``stretch``: its
    lines take the card's whole width — a form's text fields, which are otherwise about 300 px wide however
    wide the card (a report's summary in 300 px of a 1,150 px card on a desktop)."""
    return ft.Container(
        col=col or {"xs": 12},
        data=data,
        content=ft.Column(
            [ft.Text(title, style=Type.SECTION, color=Tone.TEXT), *controls],
            spacing=Space.S,
            tight=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH if stretch else ft.CrossAxisAlignment.START,
        ),
        **card_style(),
    )


def label_width() -> int:
    """The label column of a fact row: 150 px leaves a 360 px phone's value only ~110 px (a server address broken
    after «http://», About's words three to a line), so phones get a narrower one."""
    try:
        width = ft.context.page.width
    except (RuntimeError, AttributeError, LookupError):  # drawn outside a session (a PDF, a test): the wide one
        return Size.LABEL_WIDTH
    return Size.LABEL_WIDTH_PHONE if width and width < PHONE_MAX_WIDTH else Size.LABEL_WIDTH


def fact(label: str, value: str, *, ltr: bool = False, muted: bool = False, written: bool = False) -> ft.Control:
    """One labelled value; ``ltr`` keeps a Latin-script value (as the source words it) left-to-right inside Persian;
    ``written`` (someone's own words: a note) sets the value in the direction its words read, so an English note
    starts at the left of a Persian row and wraps under its start."""
    return ft.Row(
        [
            ft.Text(label, style=Type.LABEL, color=Tone.MUTED, width=label_width()),
            written_words(value, style=Type.BODY, color=Tone.MUTED if muted else Tone.TEXT, expand=True)
            if written
            else ft.Text(
                i18n.ltr(value) if ltr else value,
                style=Type.BODY,
                color=Tone.MUTED if muted else Tone.TEXT,
                expand=True,
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=Space.M,
    )


def written_words(text: str, **props: Any) -> ft.Text:
    """Someone's own words (a note, a finding) in the direction they read, whatever the layout's: a Persian text
    right to left in the English layout, an English one from the left in the Persian layout, wrapping under its
    start. (flet's ``rtl=False`` does not make a text left-to-right, it only leaves the page's direction: the
    English words are isolated left-to-right and set against the left edge instead.)"""
    if labels.reads_rtl(text):
        return ft.Text(text, rtl=True, **props)
    return ft.Text(i18n.ltr(text), text_align=ft.TextAlign.LEFT, **props)


def caption(text: str, *, ltr: bool = False, data: str | None = None) -> ft.Text:
    return ft.Text(text, style=Type.CAPTION, color=Tone.MUTED, rtl=False if ltr else None, data=data)


def empty_line(text: str, data: str | None = None) -> ft.Text:
    """What a section says when the source has nothing for it (rather than an empty card)."""
    return ft.Text(text, style=Type.BODY, color=Tone.MUTED, italic=slanted(text), data=data)


def slanted(text: str) -> bool:
    """Whether a muted remark ("nothing yet") is set in italics: in English, not in Persian. Persian letters
    have no italic (Vazirmatn has none), and Flutter shears them to fake one, which reads as a misprint; the
    muted colour says the same thing in both languages."""
    return not labels.reads_rtl(text)
