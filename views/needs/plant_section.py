"""On a plant's (or mine's) screen: its open needs, "raise a need here" for those who may, and how many qualified
suppliers are near it in each category, each a way into the directory (nearest first)."""

from __future__ import annotations

import flet as ft

from models.atlas import Asset
from models.needs import NeedStatus
from views.needs.context import use_needs
from views.shell import i18n, paths
from views.shell.badges import demo_badge
from views.shell.directory_labels import category_name, need_item, status_name
from views.shell.facts import caption, empty_line
from views.shell.loading import loading
from views.shell.theme import Size, Space, Tone, Type, card_style

#: "Near" for a plant's count of qualified suppliers: a day's drive, and the distance matching stops paying at half.
NEAR_KM = 250.0
NEEDS_SHOWN = 3


@ft.component
def PlantNeedsSection(asset: Asset) -> ft.Control:
    state = use_needs()
    app = state.app
    if not app.directory_ready:
        return ft.Container(
            loading(app.t("directory_loading"), "plant-localization-loading"), col={"xs": 12}, **card_style()
        )
    lang, directory = app.lang, app.directory
    mine = asset.kind == "mine"  # a need may be raised for a mine as for a plant: the words say which
    title = ft.Row(
        [
            ft.Icon(ft.Icons.HANDSHAKE_OUTLINED, color=Tone.PRIMARY, size=Size.ICON_M),
            ft.Text(app.t("plant_localization_title"), style=Type.SECTION, color=Tone.TEXT, expand=True),
        ],
        spacing=Space.S,
    )
    if state.may_raise(asset):
        title.controls.append(
            ft.TextButton(
                content=app.t("needs_raise_here_mine" if mine else "needs_raise_here"),
                icon=ft.Icons.ADD,
                on_click=lambda: paths.go(paths.new_need_path(asset.id)),
                data="plant-raise-need",
            )
        )
    lines: list[ft.Control] = [title]
    needs = [n for n in directory.needs.for_plant(asset.id) if n.status is not NeedStatus.CLOSED]
    pending = state.pending_ids()
    lines.append(
        ft.Text(
            app.t("mine_needs_open" if mine else "plant_needs_open", count=i18n.number(len(needs), lang)),
            style=Type.LABEL,
            color=Tone.MUTED,
            data="plant-needs-count",
        )
    )
    for need in needs[:NEEDS_SHOWN]:
        marks: list[ft.Control] = []
        if need.demo:
            marks.append(demo_badge(lang))
        if need.id in pending:
            marks.append(ft.Text(app.t("needs_pending"), style=Type.CAPTION, color=Tone.MUTED))
        lines.append(
            ft.ListTile(
                title=ft.Text(need_item(need, lang), style=Type.BODY),
                subtitle=ft.Text(f"{status_name(need.status, lang)} · {need.criticality.value}", style=Type.CAPTION),
                trailing=ft.Row(marks, tight=True, spacing=Space.XS) if marks else None,
                leading=ft.Icon(ft.Icons.ASSIGNMENT_OUTLINED),
                on_click=lambda _e, n=need: paths.go(paths.need_path(n.id)),
                content_padding=0,
                data=f"plant-need:{need.id}",
            )
        )
    if len(needs) > NEEDS_SHOWN:
        lines.append(
            ft.TextButton(
                content=app.t("plant_needs_all", count=i18n.number(len(needs), lang)),
                on_click=lambda: paths.go(f"{paths.NEEDS}?plant={asset.id}"),
                data="plant-needs-all",
            )
        )
    point = asset.place.point
    if not len(directory.suppliers):
        lines.append(empty_line(app.t("plant_suppliers_not_synced")))
    elif point is None:
        lines.append(empty_line(app.t("plant_suppliers_no_point")))
    else:
        counts = directory.suppliers.qualified_near(point.lat, point.lon, NEAR_KM)
        lines.append(
            ft.Text(app.t("plant_suppliers_near", km=i18n.number(NEAR_KM, lang)), style=Type.LABEL, color=Tone.MUTED)
        )
        chips: list[ft.Control] = []
        for code, count in sorted(counts.items(), key=lambda pair: -pair[1]):
            label = f"{category_name(code, lang, directory.tree)} ({i18n.number(count, lang)})"
            chips.append(
                ft.OutlinedButton(
                    content=label,
                    on_click=lambda _e, c=code: paths.go(paths.suppliers_path(c, asset.id)),
                    tooltip=app.t("plant_suppliers_open", category=category_name(code, lang, directory.tree)),
                    data=f"near-category:{code}",
                )
            )
        if chips:
            lines.append(ft.Row(chips, wrap=True, spacing=Space.S, run_spacing=Space.S))
        else:
            lines.append(empty_line(app.t("plant_suppliers_none", km=i18n.number(NEAR_KM, lang))))
        lines.append(caption(app.t("plant_suppliers_how")))
    return ft.Container(
        content=ft.Column(lines, spacing=Space.S, tight=True), data="plant-localization", col={"xs": 12}, **card_style()
    )
