"""The banner that tells the member what happened: an error in their words, or a confirmation."""

from __future__ import annotations

import re

import flet as ft

from views.shell.buttons import icon_button
from views.shell.context import use_app, use_services
from views.shell.theme import Space, Tone, Type

#: A hyphen between two ASCII letters or digits: inside a file name (zanjireh-atlas-1405-09-11.xlsx), a date
#: or an id, never in Persian words.
_NAME_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])-(?=[A-Za-z0-9])")
WORD_JOINER = "\u2060"


def unbroken_names(message: str) -> str:
    """The message as drawn: a file name wraps to the next line whole instead of splitting at its hyphens
    («zanjireh-» on one line, «atlas-1405-09-11.xlsx» on the next). The word joiner is invisible and only
    drawn, never stored: the notice's words stay as the state wrote them."""
    return _NAME_HYPHEN.sub("-" + WORD_JOINER, message)


@ft.component
def NoticeBanner() -> ft.Control:
    state = use_app()
    services = use_services()
    notice = state.notice
    message = state.notice_message
    if notice is None or message is None:
        return ft.Container(visible=False)
    is_error = notice.level == "error"
    foreground = Tone.ON_ERROR_CONTAINER if is_error else Tone.ON_INFO_CONTAINER
    detail = notice.detail if is_error else ""

    async def copy_detail() -> None:  # what went wrong, for support: never shown raw on a Persian screen
        await services.clipboard.set(f"{notice.key}: {detail}")
        state.tell("copied")

    return ft.Container(
        bgcolor=Tone.ERROR_CONTAINER if is_error else Tone.INFO_CONTAINER,
        padding=ft.Padding.symmetric(horizontal=Space.L, vertical=Space.S),
        data=f"notice-{notice.level}",
        content=ft.Row(
            [
                ft.Icon(ft.Icons.ERROR_OUTLINE if is_error else ft.Icons.CHECK_CIRCLE_OUTLINE, color=foreground),
                ft.Text(unbroken_names(message), style=Type.BODY, color=foreground, expand=True, data="notice-text"),
                *(
                    [
                        icon_button(
                            ft.Icons.CONTENT_COPY,
                            state.t("copy_details"),
                            icon_color=foreground,
                            on_click=copy_detail,
                            data="copy-notice-detail",
                        )
                    ]
                    if detail
                    else []
                ),
                icon_button(
                    ft.Icons.CLOSE,
                    state.t("dismiss"),
                    icon_color=foreground,
                    on_click=state.dismiss_notice,
                    data="dismiss-notice",
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
    )
