"""Raising a need for one of the organisation's plants, or editing one: every field checked in the member's
language before it is queued, the draft kept on the device as it is typed, nothing lost when saving fails."""

from __future__ import annotations

from typing import Any

import flet as ft

from models.countries import COUNTRY_NAMES
from models.needs import Criticality, Need, QuantityUnit
from views.needs.context import use_needs
from views.needs.drafts import NeedDraft, draft_problems
from views.needs.state import NeedsState
from views.shell import i18n, labels, paths
from views.shell.buttons import icon_button
from views.shell.directory_labels import category_name, criticality_name
from views.shell.facts import caption, section
from views.shell.loading import loading
from views.shell.menus import labelled_dropdown
from views.shell.theme import Size, Space, Tone, Type
from views.shell.typing_field import TypingField

NONE = "none"


def _categories(state: NeedsState) -> list[ft.DropdownOption]:
    """Every category beneath a supply group (a need is never filed under a bare group), in the tree's order."""
    app = state.app
    tree, lang = app.directory.tree, app.lang
    options: list[ft.DropdownOption] = []
    for root in tree.children(None):
        for child in tree.children(root.code):
            options.append(ft.DropdownOption(key=child.code, text=category_name(child.code, lang, tree)))
            for grandchild in tree.children(child.code):
                name = f"{category_name(child.code, lang, tree)} › {category_name(grandchild.code, lang, tree)}"
                options.append(ft.DropdownOption(key=grandchild.code, text=name))
    return options


def _countries(lang: str) -> list[ft.DropdownOption]:
    names = sorted(COUNTRY_NAMES.items(), key=lambda pair: pair[1][0 if lang == "fa" else 1])
    return [ft.DropdownOption(key=NONE, text=i18n.t("need_form_unknown", lang))] + [
        ft.DropdownOption(key=code, text=fa if lang == "fa" else en) for code, (fa, en) in names
    ]


@ft.component
def NeedFormView() -> ft.Control:
    state = use_needs()
    app = state.app
    lang = app.lang
    location = ft.context.page.route or ""
    editing_id = paths.use_path_id("/need/") if location.startswith("/need/") else ""
    draft = ft.use_ref(None)
    problems, set_problems = ft.use_state({})
    _, set_redraw = ft.use_state(0)
    if not app.directory_ready:
        return loading(app.t("directory_loading"), "need-form-loading")
    stored: Need | None = state.need(editing_id) if editing_id else None
    plant_asked = paths.query_params(location).get("plant")
    key = f"edit:{editing_id}" if editing_id else f"new:{plant_asked or ''}"
    if draft.current is None:
        draft.current = state.draft(key) or NeedDraft.start(stored, plant_asked, state.raisable_plants(), app.lang)

    if editing_id and (stored is None or not state.may_edit(stored)):
        return _refused(state, "need_form_cannot_edit")
    if not editing_id and not state.may_raise():
        return _refused(state, "need_form_cannot_raise")

    def setter(name: str, redraw: bool = False) -> Any:
        def on_value(value: Any) -> None:
            draft.current = draft.current.with_value(name, value)
            state.keep_draft(key, draft.current)
            if problems.get(name):
                set_problems({k: v for k, v in problems.items() if k != name})
            elif redraw:
                set_redraw(lambda n: n + 1)

        return on_value

    def on_select(name: str) -> Any:
        return lambda e: setter(name, redraw=True)(e.control.value)

    def on_save() -> None:
        found = draft_problems(draft.current, state, stored)
        if found:
            set_problems(found)
            return
        need_id = state.save_need(draft.current, stored)
        if need_id is None:  # the notice says why; the form keeps every value
            set_problems({"form": app.t("need_form_not_saved")})
            return
        state.drop_draft(key)
        paths.go(paths.need_path(need_id))

    def on_cancel() -> None:
        state.drop_draft(key)
        paths.go(paths.need_path(editing_id) if editing_id else paths.NEEDS)

    value = draft.current
    plants = state.raisable_plants()

    def field(name: str, label_key: str, **props: Any) -> list[ft.Control]:
        out: list[ft.Control] = [
            TypingField(getattr(value, name), setter(name), label=app.t(label_key), data=f"need-form-{name}", **props)
        ]
        if problems.get(name):
            out.append(ft.Text(problems[name], style=Type.CAPTION, color=Tone.ERROR, data=f"need-form-problem-{name}"))
        return out

    def choice(name: str, label_key: str, options: list[ft.DropdownOption], **props: Any) -> list[ft.Control]:
        out: list[ft.Control] = [
            labelled_dropdown(
                lang,
                value=getattr(value, name) or NONE,
                options=options,
                label=app.t(label_key),
                on_select=on_select(name),
                data=f"need-form-{name}",
                **props,
            )
        ]
        if problems.get(name):
            out.append(ft.Text(problems[name], style=Type.CAPTION, color=Tone.ERROR, data=f"need-form-problem-{name}"))
        return out

    plant_options = [ft.DropdownOption(key=p.id, text=labels.display_name(p, lang)) for p in plants]
    if stored is not None:  # a need stays with its plant
        plant = state.plant(stored)
        plant_line: list[ft.Control] = [
            ft.Text(
                app.t("need_form_plant_fixed", plant=labels.display_name(plant, lang) if plant else stored.plant_id),
                style=Type.BODY,
                color=Tone.TEXT,
            )
        ]
    else:
        plant_line = choice("plant_id", "needs_filter_plant", plant_options, width=None)
    units = [ft.DropdownOption(key=u.value, text=app.t(f"need_unit_{u.value}")) for u in QuantityUnit]
    deadline_words = value.deadline_words(lang)
    what = [
        *plant_line,
        *field("item_fa", "need_form_item_fa"),
        *field("item_en", "need_form_item_en"),
        *choice("category", "needs_filter_category", _categories(state), enable_filter=True, editable=True),
        *field("oem", "needs_export_oem"),
        *field("part_number", "needs_export_part_number"),
        *field("summary_fa", "need_form_summary_fa", multiline=True, min_lines=2, max_lines=6),
        *field("summary_en", "need_form_summary_en", multiline=True, min_lines=2, max_lines=6),
    ]
    how_much = [
        ft.Row(
            [
                ft.Container(
                    ft.Column(field("annual_qty", "needs_quantity", keyboard_type=ft.KeyboardType.NUMBER), tight=True),
                    expand=True,
                ),
                ft.Container(
                    ft.Column(
                        choice(
                            "unit",
                            "needs_export_unit",
                            units,
                            enable_filter=False,
                            editable=False,
                            width=Size.YEAR_WIDTH,
                        ),
                        tight=True,
                    )
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
            spacing=Space.S,
        ),
        *field("annual_fx_eur", "needs_export_spend", keyboard_type=ft.KeyboardType.NUMBER),
        *choice("origin_country", "needs_export_origin", _countries(lang)),
        ft.Text(app.t("needs_filter_criticality"), style=Type.LABEL, color=Tone.MUTED),
        ft.SegmentedButton(
            selected=[value.criticality],
            segments=[ft.Segment(value=c.value, label=ft.Text(criticality_name(c, lang))) for c in Criticality],
            on_change=lambda e: setter("criticality", redraw=True)((e.control.selected or ["B"])[0]),
            data="need-form-criticality",
        ),
        *field("deadline", "need_form_deadline", hint_text=app.t("need_form_deadline_hint")),
        *([caption(deadline_words)] if deadline_words else []),
    ]
    if stored is None:
        what.append(
            ft.Switch(
                label=app.t("need_form_publish"),
                value=value.publish,
                on_change=lambda e: setter("publish", redraw=True)(bool(e.control.value)),
                data="need-form-publish",
            )
        )
        what.append(caption(app.t("need_form_publish_hint")))
    foot: list[ft.Control] = []
    if problems.get("form"):
        foot.append(ft.Text(problems["form"], style=Type.BODY, color=Tone.ERROR, data="need-form-problem"))
    if problems:
        foot.append(ft.Text(app.t("need_form_fix"), style=Type.CAPTION, color=Tone.ERROR))
    foot.append(
        ft.Row(
            [
                ft.FilledButton(
                    content=app.t("need_form_save" if stored else "need_form_raise"),
                    icon=ft.Icons.SAVE,
                    on_click=on_save,
                    data="need-form-save",
                ),
                ft.TextButton(content=app.t("need_form_cancel"), on_click=on_cancel, data="need-form-cancel"),
            ],
            wrap=True,
            spacing=Space.S,
        )
    )
    foot.append(caption(app.t("need_form_offline")))
    title = app.t("need_form_edit_title" if stored else "need_form_new_title")
    return ft.ListView(
        [
            ft.Row(
                [
                    icon_button(ft.Icons.ARROW_BACK, app.t("need_form_cancel"), on_click=on_cancel, data="back"),
                    ft.Text(title, style=Type.TITLE, color=Tone.TEXT, expand=True),
                ],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
            section(app.t("need_form_what"), what),
            section(app.t("need_form_how_much"), how_much),
            *foot,
        ],
        padding=Space.L,
        spacing=Space.M,
        expand=True,
        data="need-form",
    )


def _refused(state: NeedsState, key: str) -> ft.Control:
    app = state.app
    return ft.Container(
        padding=Space.XL,
        data="need-form-refused",
        content=ft.Column(
            [
                ft.Text(app.t(key), style=Type.BODY, color=Tone.MUTED),
                ft.TextButton(
                    content=app.t("nav_needs"), icon=ft.Icons.ARROW_BACK, on_click=lambda: paths.go(paths.NEEDS)
                ),
            ],
            tight=True,
        ),
    )
