"""A dialog to pick owners by name in either language: the list is long, so it is searched, not scrolled."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from views.atlas.context import use_atlas
from views.shell import i18n
from views.shell.theme import Size, Space, Tone, Type
from views.shell.typing_field import TypingField


@ft.component
def OwnerPicker(is_open: bool, on_close: Callable[[], None]) -> ft.Control:
    state = use_atlas()
    query, set_query = ft.use_state("")
    dialog: ft.AlertDialog | None = None
    if is_open:
        chosen = state.filter.owners
        choices = state.owner_choices(query)

        def toggler(key: str) -> Callable[[], None]:
            return lambda: state.toggle_filter("owners", key)

        rows: list[ft.Control] = []
        for facet in choices:
            name = facet.name_fa or facet.name if state.lang == "fa" else facet.name
            other = facet.name if state.lang == "fa" else facet.name_fa
            label = f"{name} ({i18n.number(facet.count, state.lang)})"
            toggle = toggler(facet.key)
            names: list[ft.Control] = [ft.Text(label, style=Type.BODY, color=Tone.TEXT)]
            if other and other != name:  # the other language's name, as a member may know the owner by it
                names.append(
                    ft.Text(i18n.ltr(other) if state.lang == "fa" else other, style=Type.CAPTION, color=Tone.MUTED)
                )
            # A row rather than the checkbox's own label: owner names are long and must wrap, not be cut. The row
            # is the one check box a screen reader and a finger find: Flutter sizes the box itself 40 px on a
            # desktop browser (a desktop's shrink-wrapped tap target, which flet 1.0.5 cannot set), and the row's
            # own tap made a second node, a button; so the row's contents are left out of the semantics tree and
            # the row (48 px high) is a named check box that says whether it is checked. Flutter web sends a
            # tap on it as the semantic tap or as the row's click, never both.
            checked = facet.key in chosen
            rows.append(
                ft.Semantics(
                    label=label,
                    checked=checked,
                    on_tap=toggle,
                    exclude_semantics=True,
                    content=ft.Container(
                        on_click=toggle,
                        padding=ft.Padding.symmetric(vertical=Space.XS),  # 48 px high: the row takes the tap
                        content=ft.Row(
                            [
                                ft.Checkbox(
                                    value=checked,
                                    on_change=toggle,
                                    semantics_label=label,
                                    data=f"owner:{facet.key}",
                                ),
                                ft.Column(names, spacing=0, tight=True, expand=True),
                            ],
                            spacing=Space.XS,
                        ),
                    ),
                )
            )
        if not rows:
            rows = [ft.Text(state.t("owner_picker_none"), style=Type.BODY, color=Tone.MUTED)]
        dialog = ft.AlertDialog(
            title=ft.Text(state.t("owner_picker_title"), style=Type.SECTION),
            semantics_label=state.t("owner_picker_title"),  # announced by its name, not as an "Alert"
            content=ft.Column(
                [
                    TypingField(
                        query,  # not "": the field would take that for the app clearing it, and erase what was typed
                        set_query,
                        debounce=0.15,
                        hint_text=state.t("owner_picker_hint"),
                        hint_max_lines=2,  # wraps in a phone's dialog rather than ending in «…یا انگلی…»
                        prefix_icon=ft.Icons.SEARCH,
                        autofocus=True,
                        dense=True,
                        data="owner-search",
                    ),
                    ft.Column(
                        rows, scroll=ft.ScrollMode.AUTO, spacing=0, height=Size.PICKER_HEIGHT, width=Size.PICKER_WIDTH
                    ),
                ],
                tight=True,
                spacing=Space.S,
                # the search field as wide as the list under it (by itself it took 300 of a desktop's 440 px,
                # and wrapped its hint)
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            ),
            actions=[ft.TextButton(content=state.t("done"), on_click=lambda: on_close(), data="owner-picker-done")],
            # a phone gives the dialog its width less the page's margins, not Material's 40 px a side (a 280 px
            # dialog at 360 px, where owner names wrapped to four lines and the search hint was cut)
            inset_padding=ft.Padding.symmetric(horizontal=Space.L, vertical=Space.XL) if state.is_phone else None,
            on_dismiss=lambda: on_close(),
        )
    ft.use_dialog(dialog)
    return ft.Container(visible=False)
