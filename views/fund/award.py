"""An award under way: the agreement, its milestones (each opens its own screen), what was paid out, a loan's
repayment schedule with its grace and the repayments against it, the FX saving planned and verified, and the
closing — for the applicant to read, and with the officer's forms for repayments, the verified saving and
closing (only what the role may do)."""

from __future__ import annotations

import datetime as dt

import flet as ft

from models.fund_award import InstalmentState, Schedule, overdue_milestones, record_schedule
from models.fund_events import Close, RecordRepayment, VerifyFx
from models.fund_records import ApplicationRecord, AppState, ClosureOutcome, MilestoneState
from models.fund_words import COLLATERAL_NAMES, GUARANTEE_NAMES, MILESTONE_NAMES, STAGE_NAMES, digits, name
from sync import clock
from views.fund.award_forms import (
    KeptForm,
    award_desk,
    milestone_path,
    pending_lines,
    read_day,
    read_int,
    text_field,
    to_float,
    use_kept_form,
)
from views.fund.context import use_fund
from views.fund.state import FundState
from views.fund.words import money, months, num, when
from views.shell import i18n, paths
from views.shell.buttons import icon_button
from views.shell.facts import caption, fact, section
from views.shell.theme import Space, Tone, Type, card_style

_STAFF = ("fund_officer", "admin")
#: Instalments shown before "all instalments" (a 36-month loan's table is long on a phone).
_FIRST_ROWS = 6


@ft.component
def AwardView() -> ft.Control:
    state = use_fund()
    app = state.app
    lang = app.lang
    record_id = paths.use_path_id(f"{paths.FUND}/award/")
    record = state.application(record_id)
    all_rows, set_all_rows = ft.use_state(False)
    today = clock.now().date()
    back = icon_button(
        ft.Icons.ARROW_BACK,
        app.t("fund_back"),
        data="back",
        on_click=lambda: paths.go(paths.fund_application_path(record_id)),
    )
    repay_form = use_kept_form(state, "repayment", record_id, lambda: {"paid_on": i18n.date_to_edit(today, lang)})
    fx_form = use_kept_form(state, "fx", record_id, lambda: {"verified_on": i18n.date_to_edit(today, lang)})
    close_form = use_kept_form(state, "close", record_id, dict)
    if record is None or record.agreement is None:
        return ft.Container(ft.Column([back, caption(app.t("fund_no_applications"))], tight=True), padding=Space.XL)
    award_desk(state).drop_form("agreement", record.id)  # recorded: what was typed for it is no longer needed
    officer = state.role in _STAFF
    content = record.content
    title = content.title_fa if lang == "fa" else (content.title_en or content.title_fa)
    body: list[ft.Control] = [
        ft.Row([back, ft.Text(title, style=Type.TITLE, color=Tone.TEXT, expand=True)]),
        caption(app.t("fund_tracking", no=digits(record.tracking_no, lang))),
        ft.Text(
            name(STAGE_NAMES, record.stage, lang),
            style=Type.BODY_STRONG,
            color=Tone.PRIMARY,
            data=f"fund-stage-{record.stage}",
        ),
        _agreement(state, record),
        _milestones(state, record, today),
        _disbursements(state, record),
    ]
    plan = record_schedule(record, today)
    if plan is not None:
        body.append(_schedule(state, plan, all_rows, lambda: set_all_rows(True)))
        body.append(_repayments(state, record, plan, repay_form if officer else None))
    body.append(_fx(state, record, fx_form if officer else None))
    if record.closure is not None:
        outcome = app.t(f"fund_close_{record.closure.outcome.value}")
        lines = [caption(app.t("fund_closed_line", outcome=outcome, day=when(record.closure.at, lang)))]
        if record.closure.note_to_applicant:
            lines.append(ft.Text(record.closure.note_to_applicant, style=Type.BODY, color=Tone.TEXT))
        body.append(section(app.t("fund_close"), lines, data="fund-closure"))
    elif officer and record.state is AppState.ACTIVE:
        body.append(_close(state, record, close_form))
    body += pending_lines(state, record.id)
    return ft.ListView(body, padding=Space.L, spacing=Space.M, expand=True, data="fund-award")


def _agreement(state: FundState, record: ApplicationRecord) -> ft.Control:
    app = state.app
    lang = app.lang
    a = record.agreement
    assert a is not None
    lines: list[ft.Control] = [
        fact(app.t("fund_agreement_amount_fact"), money(a.amount_irr, lang)),
        caption(
            app.t(
                "fund_contract_line",
                no=digits(a.contract_no, lang),
                signed=when(a.signed_on, lang),
                start=when(a.start_date, lang),
            )
        ),
    ]
    if a.rate_pct is not None or a.term_months is not None:
        lines.append(
            caption(
                app.t(
                    "fund_terms_line",
                    rate=num(a.rate_pct, lang),
                    term=months(a.term_months, lang),
                    grace=months(a.grace_months or 0, lang),
                )
            )
        )
    for c in a.collateral:
        value = f" — {money(c.value_irr, lang)}" if c.value_irr else ""
        lines.append(
            caption(
                f"{app.t('fund_collateral')}: {name(COLLATERAL_NAMES, c.kind, lang)}"
                f"{' — ' + c.description if c.description else ''}{value}"
            )
        )
    for g in a.guarantees:
        lines.append(
            caption(
                app.t(
                    "fund_guarantee_line",
                    kind=name(GUARANTEE_NAMES, g.kind, lang),
                    beneficiary=g.beneficiary,
                    amount=money(g.amount_irr, lang),
                    deposit=money(g.deposit_irr, lang),
                    fee=money(g.fee_irr, lang),
                    expires=when(g.expires_on, lang),
                )
            )
        )
    return section(app.t("fund_agreement"), lines, data="fund-award-agreement")


def _milestones(state: FundState, record: ApplicationRecord, today: dt.date) -> ft.Control:
    app = state.app
    lang = app.lang
    a = record.agreement
    assert a is not None
    late = {m.id for m in overdue_milestones(a, today)}
    cards: list[ft.Control] = []
    for m in a.milestones:
        tone = Tone.PRIMARY if m.state is MilestoneState.ACCEPTED else Tone.TEXT
        head: list[ft.Control] = [
            ft.Text(m.title, style=Type.BODY_STRONG, color=Tone.TEXT, expand=True),
            ft.Text(
                name(MILESTONE_NAMES, m.state, lang),
                style=Type.CAPTION,
                color=tone,
                data=f"fund-milestone-state-{m.id}-{m.state.value}",
            ),
        ]
        lines: list[ft.Control] = [
            ft.Row(head, vertical_alignment=ft.CrossAxisAlignment.START),
            caption(m.deliverable),
            caption(
                app.t(
                    "fund_milestone_line",
                    due=when(m.due_date, lang),
                    tranche=money(m.tranche_irr, lang),
                    paid=money(m.disbursed_irr, lang),
                )
            ),
        ]
        if m.id in late:
            lines.append(ft.Text(app.t("fund_overdue"), style=Type.CAPTION, color=Tone.ERROR))
        cards.append(
            ft.Container(
                content=ft.Column(lines, spacing=Space.XS, tight=True),
                on_click=lambda _e, i=m.id: paths.go(milestone_path(record.id, i)),
                data=f"fund-milestone-{m.id}",
                **card_style(),
            )
        )
    return section(app.t("fund_milestones"), cards, data="fund-award-milestones")


def _disbursements(state: FundState, record: ApplicationRecord) -> ft.Control:
    app = state.app
    lang = app.lang
    a = record.agreement
    assert a is not None
    titles = {m.id: m.title for m in a.milestones}
    lines: list[ft.Control] = [
        ft.Text(
            app.t("fund_disbursed_total", amount=money(record.disbursed_irr, lang), of=money(a.amount_irr, lang)),
            style=Type.BODY,
            color=Tone.TEXT,
            data="fund-disbursed-total",
        ),
    ]
    if not record.disbursements:
        lines.append(caption(app.t("fund_no_disbursements")))
    for d in record.disbursements:
        ref = f" — {digits(d.bank_ref, lang)}" if d.bank_ref else ""
        lines.append(
            caption(
                app.t(
                    "fund_disbursement_line",
                    day=when(d.paid_on, lang),
                    amount=money(d.amount_irr, lang),
                    milestone=titles.get(d.milestone_id, d.milestone_id),
                )
                + ref
            )
        )
    return section(app.t("fund_disbursements"), lines, data="fund-award-disbursements")


def _schedule(state: FundState, plan: Schedule, all_rows: bool, show_all: object) -> ft.Control:
    app = state.app
    lang = app.lang
    after = [i for i in plan.instalments if not i.in_grace]
    lines: list[ft.Control] = [
        caption(app.t("fund_schedule_hint")),
        ft.Text(
            app.t(
                "fund_schedule_summary",
                count=num(len(plan.instalments), lang),
                instalment=money(after[0].amount_irr if after else 0, lang),
                interest=money(plan.interest_irr, lang),
                repaid=money(plan.repaid_irr, lang),
                left=money(plan.outstanding_irr, lang),
            ),
            style=Type.BODY,
            color=Tone.TEXT,
            data="fund-schedule-summary",
        ),
    ]
    if plan.overdue_irr:
        lines.append(
            ft.Text(
                app.t("fund_schedule_overdue", amount=money(plan.overdue_irr, lang)),
                style=Type.BODY_STRONG,
                color=Tone.ERROR,
            )
        )
    upcoming = plan.next_due()
    if upcoming is not None:
        lines.append(
            caption(
                app.t(
                    "fund_schedule_next",
                    day=when(upcoming.due_on, lang),
                    amount=money(upcoming.amount_irr - upcoming.paid_irr, lang),
                )
            )
        )
    rows = plan.instalments if all_rows else plan.instalments[:_FIRST_ROWS]
    for i in rows:
        marks = [app.t("fund_instalment_grace")] if i.in_grace else []
        if i.state is not InstalmentState.DUE:
            marks.append(app.t(f"fund_instalment_{i.state.value}"))
        text = app.t(
            "fund_instalment_line", n=num(i.number, lang), day=when(i.due_on, lang), amount=money(i.amount_irr, lang)
        )
        color = (
            Tone.ERROR
            if i.state is InstalmentState.OVERDUE
            else Tone.MUTED
            if i.state is InstalmentState.PAID
            else Tone.TEXT
        )
        lines.append(
            ft.Text(
                text + (f" ({'، '.join(marks) if lang == 'fa' else ', '.join(marks)})" if marks else ""),
                style=Type.CAPTION,
                color=color,
            )
        )
    if not all_rows and len(plan.instalments) > _FIRST_ROWS:
        lines.append(
            ft.TextButton(
                content=app.t("fund_schedule_more", count=num(len(plan.instalments) - _FIRST_ROWS, lang)),
                on_click=show_all,
                data="fund-schedule-all",
            )
        )
    return section(app.t("fund_schedule"), lines, data="fund-award-schedule")


def _repayments(state: FundState, record: ApplicationRecord, plan: Schedule, form: KeptForm | None) -> ft.Control:
    app = state.app
    lang = app.lang
    lines: list[ft.Control] = []
    if not record.repayments:
        lines.append(caption(app.t("fund_no_repayments")))
    for r in record.repayments:
        lines.append(
            caption(
                app.t("fund_repayment_line", day=when(r.paid_on, lang), amount=money(r.amount_irr, lang))
                + (f" — {r.note}" if r.note else "")
            )
        )
    if form is not None:
        upcoming = plan.next_due()
        hint = "" if upcoming is None else digits(str(upcoming.amount_irr - upcoming.paid_irr), lang)

        def send() -> None:
            form.keep()
            amount = read_int(state, form.get("amount") or hint)
            day = read_day(state, form.get("paid_on"))
            if amount is None or day is None:
                return
            event = state.build(
                RecordRepayment, application_id=record.id, amount_irr=amount, paid_on=day, note=form.get("note") or None
            )
            if event is not None and state.move(event):
                form.clear()

        lines += [
            ft.ResponsiveRow(
                [
                    ft.Container(
                        text_field(
                            form,
                            "amount",
                            app.t("fund_amount_rials") + (f" — {hint}" if hint else ""),
                            number=True,
                            data="fund-repayment-amount",
                        ),
                        col={"xs": 12, "sm": 6},
                    ),
                    ft.Container(
                        text_field(form, "paid_on", app.t("fund_paid_on"), data="fund-repayment-day"),
                        col={"xs": 12, "sm": 6},
                    ),
                ],
                spacing=Space.S,
                run_spacing=Space.S,
            ),
            text_field(form, "note", app.t("fund_note"), data="fund-repayment-note"),
            ft.OutlinedButton(
                content=app.t("fund_record_repayment"),
                icon=ft.Icons.PAYMENTS,
                on_click=send,
                data="fund-repayment-send",
            ),
        ]
    return section(app.t("fund_repayments"), lines, data="fund-award-repayments")


def _fx(state: FundState, record: ApplicationRecord, form: KeptForm | None) -> ft.Control:
    app = state.app
    lang = app.lang
    fx = record.fx
    lines: list[ft.Control] = [caption(app.t("fund_fx_planned", eur=num(fx.planned_eur, lang)))]
    if fx.verified_eur is not None:
        lines.append(
            ft.Text(
                app.t("fund_fx_verified", eur=num(fx.verified_eur, lang), day=when(fx.verified_on, lang)),
                style=Type.BODY_STRONG,
                color=Tone.PRIMARY,
                data="fund-fx-verified",
            )
        )
        if fx.note:
            lines.append(caption(fx.note))
        if fx.visit_id:
            lines.append(caption(app.t("fund_checked_by_visit", visit=fx.visit_id)))
    else:
        lines.append(caption(app.t("fund_fx_not_verified")))
    if form is not None:

        def send() -> None:
            form.keep()
            eur = to_float(form.get("eur"))
            day = read_day(state, form.get("verified_on"))
            if eur is None:
                read_int(state, form.get("eur"))  # says which number could not be read
                return
            if day is None:
                return
            event = state.build(
                VerifyFx,
                application_id=record.id,
                verified_eur=eur,
                verified_on=day,
                note=form.get("note") or None,
                visit_id=form.get("visit") or None,
            )
            if event is not None and state.move(event):
                form.clear()

        lines += [
            ft.ResponsiveRow(
                [
                    ft.Container(
                        text_field(form, "eur", app.t("fund_fx_eur"), number=True, data="fund-fx-eur"),
                        col={"xs": 12, "sm": 6},
                    ),
                    ft.Container(
                        text_field(form, "verified_on", app.t("fund_fx_on"), data="fund-fx-day"),
                        col={"xs": 12, "sm": 6},
                    ),
                ],
                spacing=Space.S,
                run_spacing=Space.S,
            ),
            text_field(form, "visit", app.t("fund_visit_id"), data="fund-fx-visit"),
            text_field(form, "note", app.t("fund_note"), multiline=True, data="fund-fx-note"),
            ft.OutlinedButton(
                content=app.t("fund_fx_verify"), icon=ft.Icons.VERIFIED, on_click=send, data="fund-fx-send"
            ),
        ]
    return section(app.t("fund_fx"), lines, data="fund-award-fx")


def _close(state: FundState, record: ApplicationRecord, form: KeptForm) -> ft.Control:
    app = state.app

    def send(outcome: ClosureOutcome) -> None:
        form.keep()
        event = state.build(
            Close, application_id=record.id, outcome=outcome, note_to_applicant=form.get("note") or None
        )
        if event is not None and state.move(event):
            form.clear()

    return section(
        app.t("fund_close"),
        [
            caption(app.t("fund_close_hint")),
            text_field(form, "note", app.t("fund_note_to_applicant"), multiline=True, data="fund-close-note"),
            ft.Row(
                [
                    ft.OutlinedButton(
                        content=app.t("fund_close_completed"),
                        data="fund-close-completed",
                        on_click=lambda: send(ClosureOutcome.COMPLETED),
                    ),
                    ft.OutlinedButton(
                        content=app.t("fund_close_terminated"),
                        data="fund-close-terminated",
                        on_click=lambda: send(ClosureOutcome.TERMINATED),
                    ),
                ],
                wrap=True,
                spacing=Space.S,
                run_spacing=Space.S,
            ),
        ],
        data="fund-award-close",
    )
