"""Home: the member's own things first (favourites, notes), then what is new, the chain's balance and the atlas
in figures (one unit, said once; source and as-of under them)."""

from __future__ import annotations

import flet as ft

from models.atlas import Asset
from models.capacity import CapacityTotals
from models.enums import Process, Status
from views.atlas.context import use_atlas
from views.atlas.empty_state import EmptyStateView
from views.atlas.state import AtlasState
from views.balance.headline import balance_headline
from views.shell import i18n, labels, paths, units
from views.shell.facts import caption, empty_line, section
from views.shell.source_line import source_line
from views.shell.theme import Size, Space, Tone, Type, card_style
from views.sync.news import SyncNewsCard
from views.sync.notes import RecentNotes

FIGURE_COL = {"xs": 6, "md": 4, "xl": 3}
#: The headline capacities: (label, which totals, status, process).
HEADLINES: tuple[tuple[str, str, Status, Process], ...] = (
    ("home_crude_steel_operating", "plants", Status.OPERATING, Process.CRUDE_STEEL),
    ("home_crude_steel_construction", "plants", Status.CONSTRUCTION, Process.CRUDE_STEEL),
    ("home_iron_operating", "plants", Status.OPERATING, Process.IRON),
    # GEM gives pellet capacity per plant with no status: shown as such, not as "operating"
    ("home_pellet", "plants", Status.UNKNOWN, Process.PELLET),
    ("home_ore_operating", "mines", Status.OPERATING, Process.IRON_ORE),
)


def _figure(label: str, amount: str, spoken: str, note: str = "", data: str | None = None) -> ft.Control:
    """A headline figure, the amount large. A node of its own for a screen reader, read with its unit
    (``spoken``): the unit is printed once over the figures, but a figure is often heard alone."""
    lines: list[ft.Control] = [
        ft.Text(label, style=Type.LABEL, color=Tone.MUTED),
        ft.Text(amount, style=Type.FIGURE, color=Tone.TEXT, data="figure-value"),
    ]
    if note:
        lines.append(caption(note))
    card = ft.Container(content=ft.Column(lines, spacing=Space.XS, tight=True), expand=True, **card_style())
    words = f"{label}: {spoken}" + (f". {note}" if note else "")
    return ft.Semantics(content=card, label=words, container=True, exclude_semantics=True, col=FIGURE_COL, data=data)


def _headline(
    state: AtlasState, key: str, totals: CapacityTotals, status: Status, process: Process, scale: units.Scale
) -> ft.Control:
    if not totals.assets:  # e.g. only the steel tracker was imported: no mines is not "0 Mt/y"
        words = state.t("home_not_imported")
        return _figure(state.t(key), words, words, data=f"figure:{key}")
    total = totals.get(status, process)
    unknown = totals.unknown_count(status, process)
    note = state.t("home_unknown_not_counted", count=i18n.number(unknown, state.lang)) if unknown else ""
    return _figure(
        state.t(key),
        units.figure(total, scale, state.lang),
        units.amount(total, scale, state.lang),
        note,
        data=f"figure:{key}",
    )


def _favourite_tile(state: AtlasState, asset: Asset, scale: units.Scale) -> ft.Control:
    return ft.Container(
        data=f"favourite:{asset.id}",
        on_click=lambda: paths.go(paths.asset_path(asset)),
        padding=ft.Padding.symmetric(horizontal=Space.M, vertical=Space.S),
        border_radius=Size.RADIUS_S,
        bgcolor=Tone.CARD_HIGH,
        content=ft.Row(
            [
                ft.Icon(ft.Icons.STAR, color=Tone.FAVOURITE, size=Size.ICON_S),
                ft.Column(
                    [
                        ft.Text(labels.display_name(asset, state.lang), style=Type.BODY_STRONG, color=Tone.TEXT),
                        caption(labels.headline_text(asset, state.lang, scale)),
                    ],
                    spacing=0,
                    tight=True,
                    expand=True,
                ),
                ft.Icon(ft.Icons.CHEVRON_LEFT if state.rtl else ft.Icons.CHEVRON_RIGHT, color=Tone.MUTED),
            ],
            spacing=Space.S,
        ),
    )


def favourites_section(state: AtlasState) -> ft.Control:
    """The member's favourites, newest first, capacities in one unit said once."""
    favourites = state.favourite_assets()
    if not favourites:
        return section(state.t("home_favourites"), [empty_line(state.t("home_no_favourites"))], data="home-favourites")
    scale = labels.headline_scale(favourites)
    rows: list[ft.Control] = [caption(units.unit_note(scale, state.lang))]
    rows += [_favourite_tile(state, asset, scale) for asset in favourites]
    return section(state.t("home_favourites"), rows, data="home-favourites")


def atlas_figures(state: AtlasState) -> list[ft.Control]:
    """Counts and headline capacities side by side: one comparison, so one unit, said once over them."""
    atlas = state.atlas
    lang = state.lang
    totals = {"plants": atlas.plant_totals, "mines": atlas.mine_totals}
    values = [totals[which].get(status, process) for _, which, status, process in HEADLINES if totals[which].assets]
    scale = units.scale_for(values)
    plants, mines = i18n.number(atlas.plants, lang), i18n.number(atlas.mines, lang)
    figures = [
        _figure(state.t("home_plants"), plants, plants, data="figure:plants"),
        _figure(state.t("home_mines"), mines, mines, data="figure:mines"),
        *(_headline(state, key, totals[which], status, process, scale) for key, which, status, process in HEADLINES),
    ]
    return [
        ft.Text(state.t("home_figures_title"), style=Type.SECTION, color=Tone.TEXT),
        caption(units.unit_note(scale, lang), data="home-figures-unit"),
        ft.ResponsiveRow(figures, spacing=Space.M, run_spacing=Space.M),
        ft.Column([source_line(s, lang) for s in state.sources()], spacing=Space.XS, data="home-sources"),
    ]


@ft.component
def HomeView() -> ft.Control:
    state = use_atlas()
    if not state.has_data:
        return EmptyStateView()
    return ft.ListView(
        [
            ft.Text(state.t("home_title"), style=Type.TITLE, color=Tone.TEXT),
            ft.FilledButton(
                content=state.t("home_open_atlas"),
                icon=ft.Icons.SEARCH,
                on_click=lambda: paths.go(paths.ATLAS),
                data="open-atlas",
            ),
            # the member's own things first: what they keep an eye on and what they wrote
            favourites_section(state),
            RecentNotes(),
            SyncNewsCard(),  # what changed since the last sync
            balance_headline(state),
            *atlas_figures(state),
            caption(state.t("home_subtitle")),
        ],
        padding=Space.L,
        spacing=Space.L,
        expand=True,
        data="home",
    )
