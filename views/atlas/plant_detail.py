"""A plant: names, capacities by process and status, owners, place, dates, products, production, source."""

from __future__ import annotations

import re

import flet as ft

from models.atlas import Plant
from views.atlas.capacity_table import capacity_table
from views.atlas.context import use_atlas
from views.atlas.detail_header import DetailHeader, MissingAsset
from views.atlas.owners import owners_block
from views.atlas.place import place_facts
from views.atlas.production import production_rows
from views.atlas.site_map import SiteMap
from views.atlas.state import AtlasState
from views.shell import i18n, paths
from views.shell.context import slots
from views.shell.facts import HALF, caption, fact, paired, section
from views.shell.i18n import Lang
from views.shell.source_line import source_line
from views.shell.theme import Space


def _list_or_none(state: AtlasState, values: tuple[str, ...]) -> str:
    return ", ".join(values) if values else state.t("not_given")


def gem_word(value: str, lang: Lang) -> str:
    """One of GEM's few fixed words (state ownership "Full", a product category, an end user) in the member's
    language; a word the app does not know yet stays as GEM writes it, kept left to right."""
    key = "gem_word_" + re.sub(r"[^a-z]+", "_", value.strip().lower()).strip("_")
    return i18n.t(key, lang) if key in i18n.CATALOGUE else i18n.ltr(value) if lang == "fa" else value


def _words_or_none(state: AtlasState, values: tuple[str, ...]) -> str:
    separator = "، " if state.lang == "fa" else ", "
    return separator.join(gem_word(v, state.lang) for v in values) if values else state.t("not_given")


@ft.component
def PlantDetailView() -> ft.Control:
    state = use_atlas()
    asset_id = paths.use_asset_id()
    plant = state.asset(asset_id)
    if not isinstance(plant, Plant):
        return MissingAsset(asset_id)
    lang = state.lang
    the_source = state.source(plant.source_id)

    def source() -> ft.Control:  # one per section: a control has one parent
        return source_line(the_source, lang, plant.source_id)

    dates = [
        fact(state.t("date_announced"), i18n.partial_date(plant.announced, lang)),
        fact(state.t("date_construction"), i18n.partial_date(plant.construction, lang)),
        fact(state.t("date_started"), i18n.partial_date(plant.started, lang)),
    ]
    products = [
        fact(state.t("product_categories"), _words_or_none(state, plant.product_categories)),
        fact(state.t("products"), _list_or_none(state, plant.products), ltr=lang == "fa"),
        fact(state.t("end_users"), _words_or_none(state, plant.end_users)),
        fact(state.t("main_equipment"), _list_or_none(state, plant.main_equipment), ltr=lang == "fa"),
        fact(
            state.t("workforce"),
            i18n.number(plant.workforce, lang) if plant.workforce is not None else state.t("not_given"),
        ),
        fact(state.t("state_owned"), gem_word(plant.state_owned, lang) if plant.state_owned else state.t("not_given")),
        caption(state.t("products_in_source_language")),
    ]
    sections = [
        section(
            state.t("section_capacity"),
            [
                capacity_table(plant.capacities, lang, not state.is_phone),
                caption(state.t("capacity_totals_note")),
                source(),
            ],
            data="section-capacity",
        ),
        section(state.t("section_owners"), owners_block(plant.owners, plant.parents, lang), col=HALF),
        section(state.t("section_location"), [SiteMap(plant), *place_facts(plant.place, lang)], col=HALF),
        section(state.t("section_dates"), dates, col=HALF),
        section(state.t("section_production"), [*production_rows(plant.production, lang), source()], col=HALF),
        section(state.t("section_products"), products),
        section(state.t("section_source"), [source(), caption(state.t("source_judge"))], data="section-source"),
    ]
    # One list item per row of sections: each is read out on its own, not as one block of text.
    rows = [ft.ResponsiveRow(row, spacing=Space.M, run_spacing=Space.M) for row in paired(sections)]
    return ft.ListView(
        [DetailHeader(plant), *(extra(plant) for extra in slots().asset_sections), *rows],
        padding=Space.L,
        spacing=Space.M,
        expand=True,
        data="plant-detail",
    )
