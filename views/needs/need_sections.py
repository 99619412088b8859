"""The parts of a need's screen: its facts, its workflow, its ranked matches with their reasons, the answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import flet as ft

from models.match_words import PROCESS_NAMES, summary_line
from models.matching import Match
from models.needs import STATUS_ORDER, Answer, Need, NeedStatus
from sync.shared_records import Shared, WriteState
from views.needs.context import use_needs
from views.needs.state import MATCHES_SHOWN, NeedsState
from views.shell import i18n, labels, paths
from views.shell.badges import demo_badge
from views.shell.buttons import link_button
from views.shell.directory_labels import (
    category_name,
    country_name,
    quantity_words,
    spend_words,
    status_name,
    supplier_name,
)
from views.shell.facts import HALF, caption, empty_line, fact, section
from views.shell.theme import Size, Space, Tone, Type


def facts_section(state: NeedsState, need: Need) -> ft.Control:
    app = state.app
    lang, tree = app.lang, app.directory.tree
    comma = "، " if lang == "fa" else ", "
    summary = (need.summary_fa or need.summary_en) if lang == "fa" else (need.summary_en or need.summary_fa)
    processes = comma.join(
        PROCESS_NAMES.get(p.value, (p.value, p.value))[0 if lang == "fa" else 1] for p in need.processes
    )
    deadline = i18n.date(need.deadline, lang, with_gregorian=lang == "fa") if need.deadline else app.t("not_given")
    rows: list[ft.Control] = [
        fact(app.t("needs_filter_category"), category_name(need.category, lang, tree)),
        fact(app.t("needs_export_oem"), need.oem or app.t("not_given"), ltr=lang == "fa" and bool(need.oem)),
        fact(
            app.t("needs_export_part_number"),
            need.part_number or app.t("not_given"),
            ltr=lang == "fa" and bool(need.part_number),
        ),
        fact(app.t("needs_quantity"), quantity_words(need, lang)),
        fact(app.t("needs_spend"), spend_words(need, lang)),
        fact(app.t("needs_export_origin"), country_name(need.origin_country, lang)),
        fact(app.t("needs_export_deadline"), deadline),
        fact(app.t("needs_processes"), processes or app.t("not_given")),
    ]
    if need.part_weight_kg is not None:
        rows.append(fact(app.t("needs_part_weight"), app.t("needs_kg", value=i18n.number(need.part_weight_kg, lang))))
    if summary:
        rows.append(ft.Text(summary, style=Type.BODY, color=Tone.TEXT, data="need-summary"))
    return section(app.t("needs_section_facts"), rows, col=HALF, data="need-facts")


def workflow_section(state: NeedsState, need: Need, moves: list[ft.Control]) -> ft.Control:
    """The workflow's steps with this need's place in it, and the moves this account may make."""
    app = state.app
    lang = app.lang
    current = STATUS_ORDER.index(need.status)
    steps: list[ft.Control] = []
    for index, status in enumerate(STATUS_ORDER):
        here = status is need.status
        done = index < current and need.status is not NeedStatus.CLOSED
        icon = ft.Icons.RADIO_BUTTON_CHECKED if here else ft.Icons.CHECK_CIRCLE if done else ft.Icons.RADIO_BUTTON_OFF
        steps.append(
            ft.Row(
                [
                    ft.Icon(icon, size=Size.ICON_S, color=Tone.PRIMARY if here or done else Tone.MUTED),
                    ft.Text(
                        status_name(status, lang),
                        style=Type.BODY_STRONG if here else Type.BODY,
                        color=Tone.TEXT if here else Tone.MUTED,
                    ),
                ],
                spacing=Space.S,
                data=f"step:{status.value}" + (":current" if here else ""),
            )
        )
    return section(app.t("needs_section_workflow"), [*steps, *moves], col=HALF, data="need-workflow")


def match_row(state: NeedsState, match: Match, rank: int) -> ft.Control:
    """One ranked supplier: its name (demo marked), the score and the reasons in the member's language."""
    app = state.app
    lang, directory = app.lang, app.directory
    supplier = directory.suppliers.get(match.supplier_id)
    name = supplier_name(supplier, lang) if supplier else match.supplier_id
    head: list[ft.Control] = [
        ft.Text(i18n.digits(f"{rank}.", lang), style=Type.LABEL, color=Tone.MUTED),
        ft.Container(
            ft.Text(name, style=Type.BODY_STRONG, color=Tone.TEXT, max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
            expand=True,
        ),
    ]
    if match.demo:
        head.append(demo_badge(lang))
    head.append(
        ft.Text(app.t("needs_score", score=i18n.number(match.score, lang, 1)), style=Type.LABEL, color=Tone.PRIMARY)
    )
    return ft.Container(
        on_click=lambda: paths.go(paths.supplier_path(match.supplier_id)),
        padding=ft.Padding.symmetric(vertical=Space.S),
        border=ft.Border.only(bottom=ft.BorderSide(1, Tone.OUTLINE)),
        data=f"match:{match.supplier_id}",
        content=ft.Column(
            [
                ft.Row(head, spacing=Space.S, vertical_alignment=ft.CrossAxisAlignment.CENTER),
                ft.Text(
                    summary_line(match.reasons, lang, directory.tree),
                    style=Type.CAPTION,
                    color=Tone.TEXT,
                    data="match-reasons",
                ),
            ],
            spacing=Space.XS,
            tight=True,
        ),
    )


@ft.component
def MatchesSection(need: Need) -> ft.Control:
    """The suppliers that fit, best first, each with its reasons; a window of them, more on request."""
    state = use_needs()
    shown, set_shown = ft.use_state(MATCHES_SHOWN)
    app = state.app
    lang = app.lang
    matches = state.matches(need)
    lines: list[ft.Control] = [caption(app.t("needs_matches_how", count=i18n.number(len(matches), lang)))]
    lines += [match_row(state, m, i) for i, m in enumerate(matches[:shown], start=1)]
    if len(matches) > shown:
        lines.append(
            ft.TextButton(
                content=app.t("needs_matches_more", count=i18n.number(min(MATCHES_SHOWN, len(matches) - shown), lang)),
                icon=ft.Icons.EXPAND_MORE,
                on_click=lambda: set_shown(shown + MATCHES_SHOWN),
                data="matches-more",
            )
        )
    if not matches:
        lines.append(empty_line(app.t("needs_no_matches_found")))
    return section(app.t("needs_section_matches"), lines, data="need-matches")


def write_state(state: NeedsState, collection: str, record_id: str, shown: Shared[Any] | None) -> list[ft.Control]:
    """Where this user's own write of a need or an answer stands: waiting to sync, or refused by the server with
    its reason in the member's words and the two ways out (try again, drop it); nothing when it is synced."""
    if shown is None:
        return []
    app = state.app
    if shown.state is WriteState.PENDING:
        return [
            ft.Row(
                [
                    ft.Icon(ft.Icons.CLOUD_UPLOAD_OUTLINED, size=Size.ICON_S, color=Tone.MUTED),
                    ft.Text(app.t("needs_pending"), style=Type.LABEL, color=Tone.MUTED),
                ],
                spacing=Space.XS,
                data=f"{collection}-pending",
            )
        ]
    if shown.state is WriteState.CONFLICT:
        words = app.t("needs_write_conflict")
        return [ft.Text(words, style=Type.BODY, color=Tone.ERROR, data=f"{collection}-conflict")]
    return [
        ft.Container(
            content=ft.Column(
                [
                    ft.Text(app.t("needs_write_refused"), style=Type.BODY_STRONG, color=Tone.ERROR),
                    ft.Text(state.refusal_words(shown), style=Type.BODY, color=Tone.TEXT, data="refusal-reason"),
                    ft.Row(
                        [
                            ft.OutlinedButton(
                                content=app.t("sync_retry"),
                                icon=ft.Icons.REFRESH,
                                on_click=lambda: state.retry(collection, record_id),
                                data=f"{collection}-retry",
                            ),
                            ft.TextButton(
                                content=app.t("needs_write_discard"),
                                icon=ft.Icons.UNDO,
                                on_click=lambda: state.discard(collection, record_id),
                                data=f"{collection}-discard",
                            ),
                        ],
                        wrap=True,
                        spacing=Space.S,
                    ),
                ],
                spacing=Space.XS,
                tight=True,
            ),
            border=ft.Border.all(1, Tone.ERROR),
            border_radius=Size.RADIUS_S,
            padding=Space.S,
            data=f"{collection}-refused",
        )
    ]


def answer_card(state: NeedsState, need: Need, answer: Answer, reply_controls: list[ft.Control]) -> ft.Control:
    """A supplier's answer: who, when, its note; the producer's reply under it."""
    app = state.app
    lang, directory = app.lang, app.directory
    supplier = directory.suppliers.get(answer.supplier_id)
    name = supplier_name(supplier, lang) if supplier else answer.supplier_id
    head: list[ft.Control] = [
        link_button(
            name,
            lambda: paths.go(paths.supplier_path(answer.supplier_id)),
            lang,
            data=f"answer-supplier:{answer.supplier_id}",
        )
    ]
    if answer.demo or (supplier is not None and supplier.demo):
        head.append(demo_badge(lang))
    offer = app.t(f"answer_offer_{answer.offer.value}")
    when = _when(answer.offered_at, lang)
    lines: list[ft.Control] = [
        ft.Row(head, spacing=Space.S, vertical_alignment=ft.CrossAxisAlignment.CENTER),
        ft.Text(offer + (f" · {when}" if when else ""), style=Type.LABEL, color=Tone.PRIMARY, data="answer-offer"),
    ]
    if answer.note:
        lines.append(ft.Text(answer.note, style=Type.BODY, color=Tone.TEXT, data="answer-note"))
    if answer.reply is not None:
        reply = answer.reply
        words = app.t(f"reply_{reply.state.value}")
        lines.append(
            ft.Container(
                content=ft.Column(
                    [
                        ft.Text(app.t("answer_reply_title", state=words), style=Type.LABEL, color=Tone.TEXT),
                        *([ft.Text(reply.note, style=Type.BODY, color=Tone.TEXT)] if reply.note else []),
                        caption(_when(reply.at, lang)),
                    ],
                    spacing=Space.XS,
                    tight=True,
                ),
                bgcolor=Tone.CARD_HIGH,
                border_radius=Size.RADIUS_S,
                padding=Space.S,
                data="answer-reply",
            )
        )
    lines += write_state(state, "answers", f"{answer.need_id}:{answer.supplier_id}", state.answer_write(answer))
    lines += reply_controls
    return ft.Container(
        content=ft.Column(lines, spacing=Space.XS, tight=True),
        border=ft.Border.all(1, Tone.OUTLINE),
        border_radius=Size.RADIUS_S,
        padding=Space.M,
        data=f"answer:{answer.supplier_id}",
    )


def _when(moment: dt.datetime | None, lang: str) -> str:
    return i18n.date(moment.date(), lang) if moment is not None else ""


def plant_line(state: NeedsState, need: Need) -> ft.Control:
    """The need's plant, a tap into the atlas's screen of it; its province and owner beside it."""
    app = state.app
    lang = app.lang
    plant = state.plant(need)
    place = app.directory.needs.place(need.plant_id)
    if plant is not None:
        name = labels.display_name(plant, lang)
        where = labels.place_line(plant, lang)
    else:
        name = (place.name_fa or place.name_en) if place and lang == "fa" else place.name_en if place else need.plant_id
        where = ""
    link = ft.Row(
        [
            ft.Icon(ft.Icons.FACTORY_OUTLINED, color=Tone.PRIMARY, size=Size.ICON_M),
            link_button(
                name,
                lambda: paths.go(paths.plant_path(need.plant_id)),
                lang,
                tooltip=app.t("needs_open_plant"),
                data="need-plant",
            ),
        ],
        spacing=Space.XS,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    return ft.Column([link, caption(where)] if where else [link], spacing=0, tight=True)
