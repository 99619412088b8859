"""A localization need: the item, its plant (a tap into the atlas), its facts, where it stands in the workflow,
its ranked matches with their reasons, the answers — and only the actions this account's role may take."""

from __future__ import annotations

import flet as ft

from models.needs import Need
from views.needs.answers import AnswersSection
from views.needs.context import use_needs
from views.needs.need_sections import MatchesSection, facts_section, plant_line, workflow_section, write_state
from views.needs.state import NeedsState
from views.shell import paths
from views.shell.badges import demo_badge
from views.shell.buttons import icon_button
from views.shell.directory_labels import criticality_name, need_item, need_other_item, status_name
from views.shell.facts import caption, paired
from views.shell.loading import loading
from views.shell.theme import Space, Tone, Type


def _moves(state: NeedsState, need: Need) -> list[ft.Control]:
    """Buttons for the workflow moves this account may make (none for a role that may not edit the need)."""
    app = state.app
    out: list[ft.Control] = []
    for target in state.moves(need):
        out.append(
            ft.OutlinedButton(
                content=app.t("needs_move_to", status=status_name(target, app.lang)),
                icon=ft.Icons.ARROW_FORWARD,
                on_click=lambda _e, t=target: state.move(need, t),
                data=f"move:{target.value}",
            )
        )
    return [ft.Row(out, wrap=True, spacing=Space.S, run_spacing=Space.S)] if out else []


def _header(state: NeedsState, need: Need) -> ft.Control:
    app = state.app
    lang = app.lang
    actions: list[ft.Control] = [
        icon_button(ft.Icons.ARROW_BACK, app.t("needs_back"), on_click=lambda: paths.go(paths.NEEDS), data="back"),
        ft.Text(status_name(need.status, lang), style=Type.LABEL, color=Tone.PRIMARY, expand=True, data="need-status"),
    ]
    if state.may_edit(need):
        actions.append(
            icon_button(
                ft.Icons.EDIT_OUTLINED,
                app.t("needs_edit"),
                on_click=lambda: paths.go(paths.need_edit_path(need.id)),
                data="need-edit",
            )
        )
    names: list[ft.Control] = [ft.Text(need_item(need, lang), style=Type.TITLE, color=Tone.TEXT, data="need-item")]
    other = need_other_item(need, lang)
    if other:
        names.append(ft.Text(other, style=Type.BODY, color=Tone.MUTED, rtl=False if lang == "fa" else None))
    marks: list[ft.Control] = [
        ft.Text(criticality_name(need.criticality, lang), style=Type.LABEL, color=Tone.TEXT, data="need-criticality")
    ]
    if need.demo:
        marks.append(demo_badge(lang))
    if need.id in state.pending_ids():
        marks.append(ft.Text(app.t("needs_pending"), style=Type.LABEL, color=Tone.MUTED, data="need-pending"))
    shown = state.write_of(need)
    lines: list[ft.Control] = [
        ft.Row(actions, vertical_alignment=ft.CrossAxisAlignment.CENTER, spacing=Space.XS),
        *names,
        ft.Row(marks, spacing=Space.S, vertical_alignment=ft.CrossAxisAlignment.CENTER),
        *(write_state(state, "needs", need.id, shown) if shown is not None and not shown.pending else []),
        plant_line(state, need),
    ]
    if need.demo:
        lines.append(caption(app.t("needs_demo_note")))
    return ft.Column(lines, spacing=Space.XS, tight=True)


@ft.component
def MissingNeed(need_id: str) -> ft.Control:
    state = use_needs()
    app = state.app
    return ft.Container(
        padding=Space.XL,
        data="need-missing",
        content=ft.Column(
            [
                ft.Text(app.t("needs_missing", id=need_id), style=Type.BODY, color=Tone.MUTED),
                ft.TextButton(
                    content=app.t("nav_needs"), icon=ft.Icons.ARROW_BACK, on_click=lambda: paths.go(paths.NEEDS)
                ),
            ],
            tight=True,
        ),
    )


@ft.component
def NeedDetailView() -> ft.Control:
    state = use_needs()
    need_id = paths.use_path_id("/need/")
    if not state.app.directory_ready:
        return loading(state.app.t("directory_loading"), "need-loading")
    need = state.need(need_id)
    if need is None:
        return MissingNeed(need_id)
    sections = [facts_section(state, need), workflow_section(state, need, _moves(state, need))]
    rows = [ft.ResponsiveRow(row, spacing=Space.M, run_spacing=Space.M) for row in paired(sections)]
    return ft.ListView(
        [
            _header(state, need),
            AnswersSection(need, key=f"answers-{need.id}"),
            *rows,
            MatchesSection(need, key=f"matches-{need.id}"),
            caption(state.source_words(need)),
        ],
        padding=Space.L,
        spacing=Space.M,
        expand=True,
        data="need-detail",
    )
