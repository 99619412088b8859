"""Start a field visit to one supplier: which of its categories, which checklist (those written for its
categories first), the planned date. The draft exists, saved on the device, from the tap on "start"."""

from __future__ import annotations

import flet as ft

from views.shell import i18n, paths
from views.shell.buttons import icon_button
from views.shell.directory_labels import category_name, supplier_name
from views.shell.facts import caption, empty_line, section
from views.shell.theme import Space, Tone, Type
from views.visits.context import use_visits
from views.visits.state import today


@ft.component
def NewVisitView() -> ft.Control:
    state = use_visits()
    app = state.app
    lang = app.lang
    supplier_id = paths.use_query().get("supplier", "")
    supplier = app.directory.suppliers.get(supplier_id)
    templates = state.work.templates_for_supplier(supplier_id) if supplier is not None else []
    chosen, set_chosen = ft.use_state(lambda: tuple(supplier.categories[:1]) if supplier is not None else ())
    template, set_template = ft.use_state(lambda: templates[0].key if templates else "")
    planned, set_planned = ft.use_state(lambda: i18n.date_to_edit(today(), lang))
    problem, set_problem = ft.use_state("")

    back = icon_button(
        ft.Icons.ARROW_BACK,
        app.t("visits_back"),
        on_click=lambda: paths.go(paths.supplier_path(supplier_id) if supplier else paths.VISITS),
        data="back",
    )
    if supplier is None or not state.field_staff:
        words = app.t("visits_not_for_role") if supplier is not None else app.t("visit_no_supplier", id=supplier_id)
        return ft.ListView([back, empty_line(words)], padding=Space.L, spacing=Space.M, expand=True)

    def toggle(code: str, on: bool) -> None:
        set_chosen(tuple(c for c in supplier.categories if (c == code and on) or (c != code and c in chosen)))

    def start() -> None:
        if not chosen:
            set_problem(app.t("visit_new_pick_category"))
            return
        if not template:
            set_problem(app.t("visit_new_no_checklist"))
            return
        visit_id = state.start(supplier_id, list(chosen), template, planned)
        if visit_id is not None:
            paths.go(paths.visit_path(visit_id))

    tree = app.directory.tree
    categories = [
        ft.Checkbox(
            label=category_name(code, lang, tree),
            value=code in chosen,
            on_change=lambda e, c=code: toggle(c, bool(e.control.value)),
            data=f"visit-category:{code}",
        )
        for code in supplier.categories
    ] or [empty_line(app.t("visit_new_no_categories"))]
    checklists: list[ft.Control]
    if templates:
        checklists = [
            ft.RadioGroup(
                value=template,
                on_change=lambda e: set_template(e.control.value or ""),
                content=ft.Column(
                    [
                        ft.Radio(
                            value=t.key,
                            label=app.t(
                                "visit_report_version",
                                title=t.title.get(lang),
                                version=i18n.digits(str(t.version), lang),
                            ),
                            data=f"visit-checklist:{t.key}",
                        )
                        for t in templates
                    ],
                    spacing=0,
                    tight=True,
                ),
            )
        ]
    else:
        checklists = [empty_line(app.t("visit_new_no_checklist"))]
    return ft.ListView(
        [
            ft.Row([back, ft.Text(app.t("visit_new_title"), style=Type.TITLE, color=Tone.TEXT, expand=True)]),
            ft.Text(supplier_name(supplier, lang), style=Type.SECTION, color=Tone.PRIMARY),
            section(app.t("visit_report_categories"), categories, data="visit-new-categories"),
            section(app.t("visit_report_checklist"), checklists, data="visit-new-checklists"),
            section(
                app.t("visit_report_planned"),
                [
                    ft.TextField(
                        value=planned,
                        on_change=lambda e: set_planned(e.control.value or ""),
                        hint_text=app.t("visit_date_hint"),
                        rtl=False,
                        data="visit-planned",
                    ),
                    caption(app.t("visit_date_hint")),
                ],
            ),
            *([ft.Text(problem, color=Tone.ERROR, style=Type.BODY)] if problem else []),
            ft.FilledButton(
                content=app.t("visit_new_start"), icon=ft.Icons.PLAY_ARROW, on_click=start, data="visit-start"
            ),
            caption(app.t("visit_new_offline_note")),
        ],
        padding=Space.L,
        spacing=Space.M,
        expand=True,
        data="visit-new",
    )
