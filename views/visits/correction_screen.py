"""One proposed correction: the record and field, the value now beside the proposed one, the proposer's note,
photos and location (with the distance to the recorded site), where it stands and the decision. An admin
accepts or declines it here (with a note to the proposer); the proposer may withdraw it while it waits."""

from __future__ import annotations

import flet as ft

from models.corrections import CorrectedField, CorrectionState
from models.geo import haversine_km
from sync.fieldwork import CorrectionSummary
from views.shell import i18n, paths
from views.shell.buttons import icon_button
from views.shell.facts import caption, empty_line, fact, section
from views.shell.theme import Space, Tone, Type
from views.visits.context import use_visits
from views.visits.correction_words import (
    STATUS_TONES,
    current_value,
    status_words,
    target,
    target_name,
    target_path,
    value_words,
)
from views.visits.photos import THUMB, photo_strip
from views.visits.state import VisitsState

TONES = {"favourite": Tone.FAVOURITE, "primary": Tone.PRIMARY, "error": Tone.ERROR, "muted": Tone.MUTED}


def status_line(state: VisitsState, row: CorrectionSummary) -> ft.Text:
    return ft.Text(
        status_words(state.app, row),
        style=Type.LABEL,
        color=TONES[STATUS_TONES.get(row.status, "muted")],
        data="correction-status",
    )


def _distance_words(state: VisitsState, row: CorrectionSummary) -> str | None:
    """How far the proposer's device was from the record's recorded site (None when either is unknown)."""
    correction = row.correction
    site = current_value(target(state.app, correction.target_kind, correction.target_id), CorrectedField.LOCATION)
    if correction.location is None or site is None:
        return None
    km = haversine_km(correction.location.lat, correction.location.lon, site["lat"], site["lon"])
    return state.app.t("correction_distance", km=i18n.number(km, state.app.lang, 1))


def _photos_here(state: VisitsState, hashes: list[str]) -> ft.Control:
    """Another user's photos: the thumbnail when this device holds it, else a tile saying it is not here."""
    tiles: list[ft.Control] = []
    for sha in hashes:
        thumb = state.work.thumbnail(sha)
        if thumb:
            tiles.append(ft.Image(src=thumb, width=THUMB, height=THUMB, fit=ft.BoxFit.COVER, border_radius=6))
            continue
        tiles.append(
            ft.Container(
                ft.Column(
                    [
                        ft.Icon(ft.Icons.IMAGE_NOT_SUPPORTED_OUTLINED, color=Tone.MUTED),
                        ft.Text(state.app.t("visit_report_photo_missing"), style=Type.CAPTION, color=Tone.MUTED,
                                text_align=ft.TextAlign.CENTER),
                    ],
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                    alignment=ft.MainAxisAlignment.CENTER,
                    spacing=2,
                ),
                width=THUMB + 24,
                height=THUMB,
                padding=4,
                bgcolor=Tone.CARD_HIGH,
                border_radius=6,
                data=f"correction-photo-missing:{sha[:12]}",
            )
        )  # fmt: skip
    return ft.Row(tiles, wrap=True, spacing=Space.S, run_spacing=Space.S)


@ft.component
def CorrectionView() -> ft.Control:
    state = use_visits()
    app = state.app
    lang = app.lang
    correction_id = paths.use_path_id("/correction/")
    row = state.work.correction(correction_id) if app.signed_in else None
    note, set_note = ft.use_state("")
    problem, set_problem = ft.use_state("")
    back = icon_button(
        ft.Icons.ARROW_BACK, app.t("correction_back"), on_click=lambda: paths.go(paths.CORRECTIONS), data="back"
    )
    title = ft.Row(
        [back, ft.Text(app.t("correction_title"), style=Type.TITLE, color=Tone.TEXT, expand=True)],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    if row is None:
        return ft.ListView(
            [title, empty_line(app.t("correction_not_found"))], padding=Space.L, spacing=Space.M, expand=True
        )
    correction = row.correction
    kind, record_id = correction.target_kind, correction.target_id
    record = target(app, kind, record_id)
    now = current_value(record, correction.field)
    facts: list[ft.Control] = [
        ft.TextButton(
            content=ft.Text(
                f"{app.t(f'correction_kind_{kind.value}')}: {target_name(app, kind, record_id)}",
                style=Type.SECTION,
                color=Tone.PRIMARY,
            ),
            on_click=lambda: paths.go(target_path(kind, record_id)),
            data="correction-target",
        ),
        status_line(state, row),
        fact(app.t("correction_field_label"), app.t(f"correction_field_{correction.field.value}")),
        fact(app.t("correction_now"), value_words(app, correction.field, now)),
        ft.Container(
            fact(app.t("correction_proposed_value"), value_words(app, correction.field, correction.value)),
            bgcolor=Tone.CARD_HIGH,
            padding=ft.Padding.symmetric(vertical=Space.XS),  # no side padding: its label stays in the column
            border_radius=6,
            data="correction-proposed",
        ),
    ]
    if correction.proposed_by:
        facts.append(fact(app.t("correction_proposed_by"), correction.proposed_by, ltr=True))
    made = correction.proposed_at or correction.made_at
    if made is not None:
        facts.append(fact(app.t("correction_made_at"), i18n.date(made.date(), lang, with_gregorian=lang == "fa")))
    if correction.note:
        facts.append(fact(app.t("correction_note_short"), correction.note, written=True))
    lines: list[ft.Control] = [title, ft.Column(facts, spacing=Space.XS, tight=True)]
    mine = correction.proposed_by == state.work.username or row.status in ("waiting", "refused")
    if correction.photos:
        hashes = [p.sha256 for p in correction.photos]
        # the proposer sees how far each upload got; a reviewer sees the photos this device holds
        strip = photo_strip(state, correction.id, hashes, False) if mine else _photos_here(state, hashes)
        lines.append(section(app.t("correction_photos"), [strip], data="correction-photos"))
    if correction.location is not None:
        where = correction.location
        coordinates = i18n.ltr(i18n.digits(f"{where.lat:.5f}, {where.lon:.5f}", lang))
        where_lines: list[ft.Control] = [ft.Text(coordinates, style=Type.BODY, color=Tone.TEXT)]
        if where.accuracy_m is not None:
            where_lines.append(caption(app.t("visit_location_accuracy", metres=i18n.number(where.accuracy_m, lang))))
        distance = _distance_words(state, row)
        if distance:
            where_lines.append(caption(distance, data="correction-distance"))
        lines.append(section(app.t("correction_where"), where_lines, data="correction-location"))
    if correction.state in (CorrectionState.ACCEPTED, CorrectionState.DECLINED):
        decided = [ft.Text(app.t(f"correction_status_{correction.state.value}"), style=Type.BODY_STRONG)]
        if correction.decided_by and correction.decided_at:
            when = i18n.date(correction.decided_at.date(), lang, with_gregorian=lang == "fa")
            decided.append(caption(app.t("correction_decided_by", who=correction.decided_by, date=when)))
        if correction.decision_note:
            decided.append(fact(app.t("correction_decision_note"), correction.decision_note, written=True))
        lines.append(section(app.t("correction_decided"), decided, data="correction-decision"))

    def decide(accept: bool) -> None:
        if not accept and not note.strip():
            set_problem(app.t("correction_decline_needs_note"))
            return
        state.work.decide_correction(correction.id, accept=accept, note=note.strip() or None)
        state.data_version += 1
        app.tell("correction_decision_queued")

    open_to_decide = correction.state is CorrectionState.PROPOSED and row.status == "proposed"
    if state.admin and open_to_decide:
        review: list[ft.Control] = [
            caption(app.t("correction_review_hint")),
            ft.TextField(
                value=note,
                label=app.t("correction_decision_note_label"),
                multiline=True,
                min_lines=1,
                max_lines=4,
                max_length=4000,
                on_change=lambda e: (set_note(e.control.value or ""), set_problem("")),
                data="correction-decision-note",
            ),
        ]
        if problem:
            review.append(ft.Text(problem, style=Type.BODY, color=Tone.ERROR, data="correction-problem"))
        review.append(
            ft.Row(
                [
                    ft.FilledButton(
                        content=app.t("correction_accept"),
                        icon=ft.Icons.CHECK,
                        on_click=lambda: decide(True),
                        data="correction-accept",
                    ),
                    ft.OutlinedButton(
                        content=app.t("correction_decline"),
                        icon=ft.Icons.CLOSE,
                        on_click=lambda: decide(False),
                        data="correction-decline",
                    ),
                ],
                wrap=True,
                spacing=Space.S,
                run_spacing=Space.S,
            )
        )
        lines.append(section(app.t("correction_review"), review, data="correction-review"))
    if mine and correction.state is CorrectionState.PROPOSED and row.status in ("waiting", "proposed", "refused"):

        def withdraw() -> None:
            state.work.withdraw_correction(correction.id)
            state.data_version += 1

        lines.append(
            ft.TextButton(
                content=app.t("correction_withdraw"),
                icon=ft.Icons.UNDO,
                on_click=withdraw,
                data="correction-withdraw",
            )
        )
    return ft.ListView(lines, padding=Space.L, spacing=Space.M, expand=True, data="correction-detail")
