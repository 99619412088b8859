"""An iron-ore mine: status, design capacity, reserves and resources, production, owners, place, source."""

from __future__ import annotations

import flet as ft

from models.atlas import Mine
from views.atlas.context import use_atlas
from views.atlas.detail_header import DetailHeader, MissingAsset
from views.atlas.owners import owners_block
from views.atlas.place import place_facts
from views.atlas.production import production_rows
from views.atlas.site_map import SiteMap
from views.shell import i18n, labels, paths
from views.shell.context import slots
from views.shell.facts import HALF, caption, fact, paired, section
from views.shell.source_line import source_line
from views.shell.theme import Space


@ft.component
def MineDetailView() -> ft.Control:
    state = use_atlas()
    asset_id = paths.use_asset_id()
    mine = state.asset(asset_id)
    if not isinstance(mine, Mine):
        return MissingAsset(asset_id)
    lang = state.lang
    the_source = state.source(mine.source_id)

    def source() -> ft.Control:  # one per section: a control has one parent
        return source_line(the_source, lang, mine.source_id)

    figures = [
        fact(state.t("mine_status"), labels.status_name(mine.status, lang)),
        fact(state.t("design_capacity"), labels.capacity_text(mine.design_capacity_ktpa, lang)),
        fact(state.t("reserves"), labels.tonnage_text(mine.reserves_kt, lang)),
        fact(state.t("resources"), labels.tonnage_text(mine.resources_kt, lang)),
        caption(state.t("mine_figures_note")),
        source(),
    ]
    dates = [
        fact(state.t("date_started"), i18n.partial_date(mine.started, lang)),
        fact(state.t("date_stopped"), i18n.partial_date(mine.stopped, lang) if mine.stopped else state.t("not_given")),
    ]
    sections = [
        section(state.t("section_mine_figures"), figures, data="section-capacity"),
        section(state.t("section_production"), [*production_rows(mine.production, lang), source()], col=HALF),
        section(state.t("section_owners"), owners_block(mine.owners, mine.parents, lang), col=HALF),
        section(state.t("section_location"), [SiteMap(mine), *place_facts(mine.place, lang)], col=HALF),
        section(state.t("section_dates"), dates, col=HALF),
        section(state.t("section_source"), [source(), caption(state.t("source_judge"))], data="section-source"),
    ]
    # One list item per row of sections: each is read out on its own, not as one block of text.
    rows = [ft.ResponsiveRow(row, spacing=Space.M, run_spacing=Space.M) for row in paired(sections)]
    return ft.ListView(
        [DetailHeader(mine), *(extra(mine) for extra in slots().asset_sections), *rows],
        padding=Space.L,
        spacing=Space.M,
        expand=True,
        data="mine-detail",
    )
