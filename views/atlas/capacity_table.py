"""Capacities by process and status, every amount with its unit; a grid across the card on desktop, stacked on
phones."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import flet as ft

from models.atlas import Capacity
from models.enums import Process, Status
from views.shell import i18n, labels, units
from views.shell.facts import caption, empty_line
from views.shell.i18n import Lang
from views.shell.theme import Space, Tone, Type

#: Steel first (the nominal total, then its routes), then iron, then the raw-material steps.
DETAIL_ORDER: tuple[Process, ...] = (
    Process.CRUDE_STEEL,
    Process.EAF,
    Process.BOF,
    Process.OHF,
    Process.STEEL_OTHER,
    Process.IRON,
    Process.DRI,
    Process.BF,
    Process.IRON_OTHER,
    Process.PELLET,
    Process.SINTER,
    Process.COKE,
    Process.FERRONICKEL,
    Process.IRON_ORE,
    Process.CONCENTRATE,
    Process.ROLLING,
)


def _axes(capacities: Sequence[Capacity]) -> tuple[list[Process], list[Status]]:
    """The processes (rows) and statuses (columns) the capacities have, in display order."""
    processes = [p for p in DETAIL_ORDER if any(c.process is p for c in capacities)]
    statuses = [s for s in labels.STATUS_ORDER if any(c.status is s for c in capacities)]
    return processes, statuses


def capacity_scale(capacities: Sequence[Capacity]) -> units.Scale:
    """The table's one unit: Mt/y once any capacity reaches a million tonnes."""
    return units.scale_for(c.amount_ktpa.value for c in capacities if c.amount_ktpa.is_known)


def capacity_cells(
    capacities: Sequence[Capacity], lang: Lang, scale: units.Scale | None = None
) -> dict[tuple[Process, Status], str]:
    """Text per (process, status) in the table's unit; two rows for the same pair are both shown, never
    silently added."""
    chosen = scale or capacity_scale(capacities)
    texts: dict[tuple[Process, Status], list[str]] = defaultdict(list)
    for capacity in capacities:
        texts[(capacity.process, capacity.status)].append(labels.capacity_text(capacity.amount_ktpa, lang, chosen))
    return {key: " + ".join(values) for key, values in texts.items()}


def capacity_table(capacities: Sequence[Capacity], lang: Lang, wide: bool) -> ft.Control:
    """The grid (desktop) or the stacked blocks (phone), and over them the one unit of every figure."""
    processes, statuses = _axes(capacities)
    if not processes:
        return empty_line(i18n.t("capacity_none", lang))
    scale = capacity_scale(capacities)
    note = caption(units.unit_note(scale, lang), data="capacity-unit")
    return ft.Column([note, _grid(processes, statuses, capacities, lang, scale, wide)], spacing=Space.S, tight=True)


def _grid(
    processes: list[Process],
    statuses: list[Status],
    capacities: Sequence[Capacity],
    lang: Lang,
    scale: units.Scale,
    wide: bool,
) -> ft.Control:
    cells = capacity_cells(capacities, lang, scale)
    if wide:
        return _wide_grid(processes, statuses, cells, lang)
    blocks: list[ft.Control] = []
    for process in processes:
        lines: list[ft.Control] = [
            ft.Text(i18n.heading(labels.process_name(process, lang)), style=Type.BODY_STRONG, color=Tone.TEXT)
        ]
        for status in statuses:
            if (process, status) in cells:
                lines.append(
                    ft.Row(
                        [
                            ft.Text(
                                i18n.heading(labels.status_name(status, lang)),
                                style=Type.CAPTION,
                                color=Tone.MUTED,
                                expand=True,
                            ),
                            ft.Text(cells[(process, status)], style=Type.BODY, color=Tone.TEXT),
                        ],
                    )
                )
        blocks.append(
            ft.Container(
                ft.Column(lines, spacing=Space.XS, tight=True),
                padding=ft.Padding.only(bottom=Space.S),
                border=ft.Border.only(bottom=ft.BorderSide(1, Tone.OUTLINE)),
            )
        )
    return ft.Column(blocks, spacing=Space.S, tight=True, data="capacity-table")


#: The process column's share of the card against one status column's: process names are the longest words.
PROCESS_FLEX = 2
STATUS_FLEX = 1


def _wide_grid(
    processes: list[Process], statuses: list[Status], cells: dict[tuple[Process, Status], str], lang: Lang
) -> ft.Control:
    """Rows of cells that share the card's width (Material's DataTable sized itself to its content, so a Persian
    table sat in 460 px of a 1,150 px card with its values wrapping); a value never wraps."""

    def line(first: ft.Control, rest: list[ft.Control], data: str, rule: bool = True) -> ft.Control:
        return ft.Container(
            ft.Row(
                [ft.Container(first, expand=PROCESS_FLEX)] + [ft.Container(cell, expand=STATUS_FLEX) for cell in rest],
                spacing=Space.M,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
            padding=ft.Padding.symmetric(vertical=Space.S),
            border=ft.Border.only(bottom=ft.BorderSide(1, Tone.OUTLINE)) if rule else None,
            data=data,
        )

    head = line(
        ft.Text(i18n.t("column_process", lang), style=Type.LABEL, color=Tone.MUTED),
        [ft.Text(i18n.heading(labels.status_name(s, lang)), style=Type.LABEL, color=Tone.MUTED) for s in statuses],
        "capacity-head",
    )
    rows = [
        line(
            ft.Text(i18n.heading(labels.process_name(p, lang)), style=Type.BODY_STRONG, color=Tone.TEXT),
            [ft.Text(cells.get((p, s), "—"), style=Type.BODY, color=Tone.TEXT, no_wrap=True) for s in statuses],
            f"capacity-row:{p.value}",
            rule=index < len(processes) - 1,
        )
        for index, p in enumerate(processes)
    ]
    return ft.Column(
        [head, *rows], spacing=0, tight=True, horizontal_alignment=ft.CrossAxisAlignment.STRETCH, data="capacity-table"
    )
