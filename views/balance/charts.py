"""Charts: capacity by province and process, and the pipeline of each process by status; side by side on desktop.

Each chart has its own palette (processes in their hues, statuses in shades of one other hue: views/shell/
theme.py), its figures in one unit named on its axis, and on a phone only what reads at a glance: the
bars and their totals (the parts are read out by a screen reader, and shown in words on a desktop).
"""

from __future__ import annotations

import flet as ft

from views.balance.chart_bars import axis, bar_row, nice_scale
from views.balance.controls import scenario_switch, screen_switch
from views.balance.state import PIPELINE_STATUSES
from views.balance.words import scenario_about, use_balance
from views.map.legend import group_legend, legend
from views.shell import i18n, labels, paths, units
from views.shell.context import no_data, use_app
from views.shell.facts import caption, empty_line, section
from views.shell.labels import CHART_GROUPS
from views.shell.source_line import source_line
from views.shell.theme import Palette, Space, Tone, Type

HALF = {"xs": 12, "lg": 6}


@ft.component
def ChartsView() -> ft.Control:
    state = use_app()
    balance = use_balance()
    if not state.has_data:
        return no_data()
    lang = state.lang
    compact = state.is_phone

    by_province = balance.capacity_by_province()
    totals = {code: sum(groups.values()) for code, groups in by_province.items()}
    order = sorted(totals, key=lambda code: -totals[code])
    province_scale = nice_scale(max(totals.values(), default=0.0))
    province_unit = units.scale_for(totals.values())
    province_rows: list[ft.Control] = [
        bar_row(
            labels.place_name(code, lang),
            [(i18n.t(f"group_{g}", lang), by_province[code].get(g, 0.0), Palette.PROCESS[g]) for g in CHART_GROUPS],
            province_scale,
            lang,
            province_unit,
            data=f"province-chart:{code}",
            compact=compact,
        )
        for code in order
    ]
    note = state.t("charts_by_province_note", scenario=scenario_about(balance.scenario, lang))
    shown_groups = [g for g in CHART_GROUPS if any(groups.get(g) for groups in by_province.values())]
    provinces = section(
        state.t("charts_by_province"),
        [
            scenario_switch(balance, lang, compact=compact),
            caption(note[:1].upper() + note[1:]),  # the sentence starts with the scenario's words
            group_legend(shown_groups, lang, round_=False),
            axis(province_scale, lang, province_unit, "province-axis-top"),  # the scale and unit where reading starts
            *(province_rows or [empty_line(state.t("chart_none"))]),
            axis(province_scale, lang, province_unit, "province-axis"),  # its end with the unit too: never a bare 100.0
        ],
        col=HALF,
        data="chart-provinces",
    )

    flows, unknown = balance.pipeline()
    pipeline_scale = nice_scale(max((sum(v.values()) for v in flows.values()), default=0.0))
    pipeline_unit = units.scale_for(sum(v.values()) for v in flows.values())
    pipeline_rows: list[ft.Control] = []
    for group, by_status in flows.items():
        segments = [(state.t(f"pipeline_{s}"), by_status[s], Palette.STATUS[s]) for s in PIPELINE_STATUSES]
        pipeline_rows.append(
            bar_row(
                state.t(f"group_{group}"),
                segments,
                pipeline_scale,
                lang,
                pipeline_unit,
                f"pipeline:{group}",
                largest_first=False,
                compact=compact,
            )
        )
        if unknown[group]:
            count = i18n.number(unknown[group], lang)
            pipeline_rows.append(caption(state.t("chart_unknown_count", count=count), data=f"pipeline-unknown:{group}"))
    status_legend = [(Palette.STATUS[s], state.t(f"pipeline_{s}")) for s in PIPELINE_STATUSES]
    pipeline = section(
        state.t("charts_pipeline"),
        [
            legend(status_legend, round_=False, data="status-legend"),
            caption(state.t("charts_pipeline_note")),
            axis(pipeline_scale, lang, pipeline_unit, "pipeline-axis-top"),
            *pipeline_rows,
            axis(pipeline_scale, lang, pipeline_unit, "pipeline-axis"),
        ],
        col=HALF,
        data="chart-pipeline",
    )
    sources = section(state.t("balance_sources"), [source_line(s, lang) for s in state.sources()], data="chart-sources")
    return ft.ListView(
        [
            ft.Text(state.t("balance_title"), style=Type.TITLE, color=Tone.TEXT),
            screen_switch(paths.BALANCE_CHARTS, lang),
            ft.ResponsiveRow([provinces, pipeline], spacing=Space.M, run_spacing=Space.M),
            sources,
        ],
        padding=Space.L,
        spacing=Space.M,
        expand=True,
        data="charts",
    )
