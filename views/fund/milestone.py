"""One milestone of an award: its result, due date and tranche, the evidence sent and the notes both ways; the
applicant gathers evidence files (checked against the limits before they are taken, kept on the device until
sent) and sends them; the officer accepts the milestone or asks for changes, and pays its tranche once
accepted — only what the role may do."""

from __future__ import annotations

from typing import Any

import flet as ft

from models.fund_award import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, payable_irr
from models.fund_events import Disburse, ReviewMilestone
from models.fund_records import ApplicationRecord, AppState, Milestone, MilestoneState
from models.fund_words import MILESTONE_NAMES, digits, name
from sync import clock
from sync.errors import ZanjirehError
from views.fund.award_forms import (
    KeptForm,
    award_desk,
    award_path,
    pending_lines,
    read_day,
    read_int,
    text_field,
    use_kept_form,
)
from views.fund.context import use_fund
from views.fund.state import FundState
from views.fund.words import money, size, when
from views.shell import i18n, paths
from views.shell.buttons import icon_button
from views.shell.context import use_services
from views.shell.facts import caption, section
from views.shell.theme import Space, Tone, Type

_STAFF = ("fund_officer", "admin")
_MIME_OF = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png"}


@ft.component
def MilestoneView() -> ft.Control:
    state = use_fund()
    app = state.app
    lang = app.lang
    services = use_services()
    record_id = paths.use_path_id(f"{paths.FUND}/milestone/")
    milestone_id = paths.use_query().get("m", "")
    record = state.application(record_id)
    _version, set_version = ft.use_state(0)  # bumped when the evidence kept on the device changes
    review_form = use_kept_form(state, f"milestone-{milestone_id}", record_id, dict)
    pay_form = use_kept_form(
        state, f"disburse-{milestone_id}", record_id, lambda: {"paid_on": i18n.date_to_edit(clock.now().date(), lang)}
    )
    back = icon_button(
        ft.Icons.ARROW_BACK, app.t("fund_back"), data="back", on_click=lambda: paths.go(award_path(record_id))
    )
    agreement = record.agreement if record is not None else None
    milestone = agreement.milestone(milestone_id) if agreement is not None else None
    if record is None or milestone is None:
        return ft.Container(ft.Column([back, caption(app.t("fund_no_milestone"))], tight=True), padding=Space.XL)
    body: list[ft.Control] = [
        ft.Row([back, ft.Text(milestone.title, style=Type.TITLE, color=Tone.TEXT, expand=True)]),
        caption(f"{app.t('fund_milestone_title_screen')} — {digits(record.tracking_no, lang)}"),
        ft.Text(
            name(MILESTONE_NAMES, milestone.state, lang),
            style=Type.BODY_STRONG,
            color=Tone.PRIMARY,
            data=f"fund-milestone-state-{milestone.state.value}",
        ),
        caption(milestone.deliverable),
        caption(
            app.t(
                "fund_milestone_line",
                due=when(milestone.due_date, lang),
                tranche=money(milestone.tranche_irr, lang),
                paid=money(milestone.disbursed_irr, lang),
            )
        ),
        _sent(state, milestone),
    ]
    active = record.state is AppState.ACTIVE or (record.state is None and record.stage == "under_way")
    role = state.role
    if role == "supplier" and active and milestone.state in (MilestoneState.PLANNED, MilestoneState.CHANGES_REQUESTED):
        body.append(_gather(state, services, record, milestone, lambda: set_version(lambda v: v + 1)))
    if role in _STAFF and record.state is AppState.ACTIVE:
        if milestone.state is not MilestoneState.ACCEPTED:
            body.append(_review(state, record, milestone, review_form))
        elif payable_irr(milestone) > 0 and record.instrument.value != "guarantee":
            body.append(_disburse(state, record, milestone, pay_form))
    body += pending_lines(state, record.id)
    return ft.ListView(body, padding=Space.L, spacing=Space.M, expand=True, data="fund-milestone")


def _sent(state: FundState, milestone: Milestone) -> ft.Control:
    """What the Fund holds of the milestone: evidence files, the notes each way, a field visit."""
    app = state.app
    lang = app.lang
    lines: list[ft.Control] = []
    if milestone.evidence:
        lines.append(caption(app.t("fund_evidence_sent")))
        for a in milestone.evidence:
            lines.append(
                ft.Text(
                    app.t("fund_attached", name=a.file_name, size=size(a.bytes, lang)),
                    style=Type.BODY,
                    color=Tone.TEXT,
                    data="fund-evidence-sent",
                )
            )
    if milestone.submitted_at is not None:
        lines.append(caption(when(milestone.submitted_at, lang)))
    if milestone.note_from_applicant:
        lines.append(caption(app.t("fund_from_applicant", note=milestone.note_from_applicant)))
    if milestone.note_to_applicant:
        lines.append(
            ft.Text(
                app.t("fund_to_applicant", note=milestone.note_to_applicant),
                style=Type.BODY,
                color=Tone.TEXT,
                data="fund-milestone-note",
            )
        )
    if milestone.visit_id:
        lines.append(caption(app.t("fund_checked_by_visit", visit=milestone.visit_id)))
    if not lines:
        lines.append(caption(app.t("fund_evidence_none")))
    return section(app.t("fund_evidence"), lines, data="fund-milestone-evidence")


def _gather(
    state: FundState, services: Any, record: ApplicationRecord, milestone: Milestone, changed: Any
) -> ft.Control:
    """The applicant's evidence: files picked (kept on the device), a note, then send."""
    app = state.app
    lang = app.lang
    desk = award_desk(state)
    files, note = desk.evidence(record.id, milestone.id)

    async def pick() -> None:
        picked = await services.file_picker.pick_files(
            file_type=ft.FilePickerFileType.CUSTOM,
            allowed_extensions=list(_MIME_OF),
            with_data=True,
            allow_multiple=True,
        )
        for f in picked or []:
            data = getattr(f, "bytes", None)
            if data is None and getattr(f, "path", None):
                with open(f.path, "rb") as handle:
                    data = handle.read()
            if data is None:
                continue
            ext = f.name.rsplit(".", 1)[-1].lower()
            try:
                desk.take_evidence(record.id, milestone.id, f.name, _MIME_OF.get(ext, "application/octet-stream"), data)
            except ZanjirehError as error:
                state.app.report(error)
        changed()

    def drop(sha256: str) -> None:
        desk.drop_evidence(record.id, milestone.id, sha256)
        changed()

    def keep_note(e: ft.ControlEvent) -> None:
        desk.set_evidence_note(record.id, milestone.id, e.control.value or "")

    def send() -> None:
        if not files:
            state.app.report(_empty(state))
            return
        try:
            desk.send_evidence(record.id, milestone.id)
        except ZanjirehError as error:
            state.app.report(error)
            return
        state.app.tell("fund_move_queued")
        changed()

    lines: list[ft.Control] = [
        caption(
            app.t(
                "fund_evidence_limits", size=size(EVIDENCE_MAX_BYTES, lang), count=digits(str(EVIDENCE_MAX_FILES), lang)
            )
        ),
        caption(app.t("fund_evidence_kept")),
    ]
    for a in files:
        lines.append(
            ft.Row(
                [
                    ft.Text(
                        app.t("fund_attached", name=a.file_name, size=size(a.bytes, lang)),
                        style=Type.BODY,
                        color=Tone.TEXT,
                        expand=True,
                        data="fund-evidence-picked",
                    ),
                    icon_button(ft.Icons.DELETE_OUTLINE, app.t("fund_remove"), on_click=lambda _e, s=a.sha256: drop(s)),
                ]
            )
        )
    lines += [
        ft.OutlinedButton(
            content=app.t("fund_evidence_pick"), icon=ft.Icons.ATTACH_FILE, on_click=pick, data="fund-evidence-pick"
        ),
        # A node of its own: without it Flutter merges the card's heading and captions (the limits, "kept on
        # this device") into the field's name, so a screen reader reads them only as a long name of the note
        # field, and the field is not found by its label.
        ft.Semantics(
            container=True,
            content=ft.TextField(
                label=app.t("fund_evidence_note"),
                value=note,
                multiline=True,
                min_lines=2,
                dense=True,
                on_blur=keep_note,
                data="fund-evidence-note",
            ),
        ),
        ft.FilledButton(
            content=app.t("fund_evidence_send"), icon=ft.Icons.SEND, on_click=send, data="fund-evidence-send"
        ),
    ]
    return section(app.t("fund_evidence_send"), lines, data="fund-evidence-gather")


def _empty(state: FundState) -> ZanjirehError:
    from sync.errors import FundMoveRefused

    return FundMoveRefused(state.app.t("fund_evidence_empty"), reason="evidence_missing", params={})


def _review(state: FundState, record: ApplicationRecord, milestone: Milestone, form: KeptForm) -> ft.Control:
    """The officer's judgement: accept (on the documents, or a field visit's id) or ask for changes (a note)."""
    app = state.app

    def send(accept: bool) -> None:
        form.keep()
        event = state.build(
            ReviewMilestone,
            application_id=record.id,
            milestone_id=milestone.id,
            accept=accept,
            visit_id=form.get("visit") or None,
            note_to_applicant=form.get("note") or None,
        )
        if event is not None and state.move(event):
            form.clear()

    return section(
        app.t("fund_officer_moves"),
        [
            text_field(
                form, "note", app.t("fund_note_to_applicant"), multiline=True, data="fund-milestone-review-note"
            ),
            text_field(form, "visit", app.t("fund_visit_id"), data="fund-milestone-visit"),
            ft.Row(
                [
                    ft.FilledButton(
                        content=app.t("fund_milestone_accept"),
                        icon=ft.Icons.TASK_ALT,
                        on_click=lambda: send(True),
                        data="fund-milestone-accept",
                    ),
                    ft.OutlinedButton(
                        content=app.t("fund_milestone_changes"),
                        on_click=lambda: send(False),
                        data="fund-milestone-changes",
                    ),
                ],
                wrap=True,
                spacing=Space.S,
                run_spacing=Space.S,
            ),
        ],
        data="fund-milestone-review",
    )


def _disburse(state: FundState, record: ApplicationRecord, milestone: Milestone, form: KeptForm) -> ft.Control:
    """Pay (part of) an accepted milestone's tranche: the amount left is offered."""
    app = state.app
    lang = app.lang
    left = payable_irr(milestone)

    def send() -> None:
        form.keep()
        amount = read_int(state, form.get("amount") or str(left))
        day = read_day(state, form.get("paid_on"))
        if amount is None or day is None:
            return
        event = state.build(
            Disburse,
            application_id=record.id,
            milestone_id=milestone.id,
            amount_irr=amount,
            paid_on=day,
            bank_ref=form.get("bank_ref") or None,
        )
        if event is not None and state.move(event):
            form.clear()

    return section(
        app.t("fund_disburse"),
        [
            caption(app.t("fund_payable", amount=money(left, lang))),
            text_field(
                form,
                "amount",
                app.t("fund_amount_rials") + f" — {digits(str(left), lang)}",
                number=True,
                data="fund-disburse-amount",
            ),
            text_field(form, "paid_on", app.t("fund_paid_on"), data="fund-disburse-day"),
            text_field(form, "bank_ref", app.t("fund_bank_ref"), data="fund-disburse-ref"),
            ft.FilledButton(
                content=app.t("fund_disburse"), icon=ft.Icons.PAYMENTS, on_click=send, data="fund-disburse-send"
            ),
        ],
        data="fund-milestone-disburse",
    )
