"""Home: what is new since the last sync, the atlas in figures (units, source, as-of), favourites, the way in."""

from __future__ import annotations

import flet as ft

from models.capacity import CapacityTotals
from models.enums import Process, Status
from views.atlas.context import use_atlas
from views.atlas.empty_state import EmptyStateView
from views.atlas.state import AtlasState
from views.balance.headline import balance_headline
from views.shell import i18n, labels, paths
from views.shell.facts import caption, empty_line, section
from views.shell.source_line import source_line
from views.shell.theme import Size, Space, Tone, Type, card_style
from views.sync.news import SyncNewsCard

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


def _figure(label: str, amount: str, unit: str = "", note: str = "", data: str | None = None) -> ft.Control:
    """A headline figure: the amount large, its unit under it (a narrow phone card would wrap it)."""
    lines: list[ft.Control] = [
        ft.Text(label, style=Type.LABEL, color=Tone.MUTED),
        ft.Text(amount, style=Type.FIGURE, color=Tone.TEXT, data="figure-value"),
    ]
    if unit:
        lines.append(ft.Text(unit, style=Type.LABEL, color=Tone.TEXT, data="figure-unit"))
    if note:
        lines.append(caption(note))
    return ft.Container(
        col=FIGURE_COL, data=data, content=ft.Column(lines, spacing=Space.XS, tight=True), **card_style()
    )


def _headline(state: AtlasState, key: str, totals: CapacityTotals, status: Status, process: Process) -> ft.Control:
    if not totals.assets:  # e.g. only the steel tracker was imported: no mines is not "0 kt/y"
        return _figure(state.t(key), state.t("home_not_imported"), data=f"figure:{key}")
    # i18n.ktpa gives «۴۳٫۹ میلیون تن در سال» / "43.9 Mt/y": the amount comes first, then its unit
    amount, _, unit = i18n.ktpa(totals.get(status, process), state.lang).partition(" ")
    unknown = totals.unknown_count(status, process)
    note = state.t("home_unknown_not_counted", count=i18n.number(unknown, state.lang)) if unknown else ""
    return _figure(state.t(key), amount, unit, note, data=f"figure:{key}")


def _favourite_tile(state: AtlasState, asset: object) -> ft.Control:
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
                        caption(labels.headline_text(asset, state.lang)),
                    ],
                    spacing=0,
                    tight=True,
                    expand=True,
                ),
            ],
            spacing=Space.S,
        ),
    )


@ft.component
def HomeView() -> ft.Control:
    state = use_atlas()
    if not state.has_data:
        return EmptyStateView()
    atlas = state.atlas
    lang = state.lang
    totals = {"plants": atlas.plant_totals, "mines": atlas.mine_totals}
    figures = [
        _figure(state.t("home_plants"), i18n.number(atlas.plants, lang), data="figure:plants"),
        _figure(state.t("home_mines"), i18n.number(atlas.mines, lang), data="figure:mines"),
        *(_headline(state, key, totals[which], status, process) for key, which, status, process in HEADLINES),
    ]
    favourites = state.favourite_assets()
    favourite_rows: list[ft.Control] = [_favourite_tile(state, a) for a in favourites] or [
        empty_line(state.t("home_no_favourites"))
    ]
    return ft.ListView(
        [
            ft.Text(state.t("home_title"), style=Type.TITLE, color=Tone.TEXT),
            ft.Text(state.t("home_subtitle"), style=Type.BODY, color=Tone.MUTED),
            SyncNewsCard(),  # first: what changed is why a member opens the app after a sync
            ft.ResponsiveRow(figures, spacing=Space.M, run_spacing=Space.M),
            ft.Column([source_line(s, lang) for s in state.sources()], spacing=Space.XS, data="home-sources"),
            balance_headline(state),
            ft.FilledButton(
                content=state.t("home_open_atlas"),
                icon=ft.Icons.SEARCH,
                on_click=lambda: paths.go(paths.ATLAS),
                data="open-atlas",
            ),
            section(state.t("home_favourites"), favourite_rows, data="home-favourites"),
        ],
        padding=Space.L,
        spacing=Space.L,
        expand=True,
        data="home",
    )
