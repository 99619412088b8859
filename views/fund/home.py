"""The Fund's screen: calls with eligibility (a supplier), my applications, the officer's queue, a reviewer's
assignments and the public ledger — the tabs this account's role has."""

from __future__ import annotations

from collections import defaultdict

import flet as ft

from models.fund_eligibility import CallEligibility
from models.fund_ledger import by_category, by_stage, concentration, totals
from models.fund_programmes import Call, GuaranteeSecurity, Programme
from models.fund_records import ApplicationRecord
from models.fund_words import GUARANTEE_NAMES, INSTRUMENT_NAMES, STAGE_NAMES, STATE_NAMES, digits, name, reason_text
from sync.fund import MyApplication
from views.fund.context import use_fund
from views.fund.documents import document_limit
from views.fund.guarantees import guarantees_card
from views.fund.state import FundState
from views.fund.words import money, num, stamp, when
from views.shell import i18n, labels, paths
from views.shell.badges import demo_badge
from views.shell.directory_switch import directory_switch, sees_visits
from views.shell.facts import caption, empty_line, fact, section
from views.shell.session import SessionState
from views.shell.theme import Space, Tone, Type, card_style

TABS = ("calls", "mine", "queue", "reviews", "ledger")


def fund_tabs(state: FundState) -> list[str]:
    role = state.role
    if role == "supplier":
        return ["calls", "mine", "ledger"]
    if role in ("fund_officer", "admin"):
        return ["queue", "calls", "ledger"]
    if role == "reviewer":
        return ["reviews", "ledger"]
    return ["calls", "ledger"]


@ft.component
def FundView() -> ft.Control:
    state = use_fund()
    app = state.app
    tabs = fund_tabs(state)
    wanted = paths.use_query().get("tab")
    tab = wanted if wanted in tabs else tabs[0]
    body: list[ft.Control]
    if tab == "calls":
        body = calls_tab(state)
    elif tab == "mine":
        body = mine_tab(state)
    elif tab in ("queue", "reviews"):
        body = queue_tab(state)
    else:
        body = ledger_tab(state)
    switch = ft.Row(
        [
            ft.FilledTonalButton(content=app.t(f"fund_tab_{t}"), data=f"fund-tab-{t}",
                                 icon=ft.Icons.CHECK if t == tab else None,
                                 on_click=lambda _e, t=t: paths.go(f"{paths.FUND}?tab={t}"))
            if t == tab
            else ft.OutlinedButton(content=app.t(f"fund_tab_{t}"), data=f"fund-tab-{t}",
                                   on_click=lambda _e, t=t: paths.go(f"{paths.FUND}?tab={t}"))
            for t in tabs
        ],
        wrap=True,
        spacing=Space.S,
        run_spacing=Space.S,
    )  # fmt: skip
    head: list[ft.Control] = [
        directory_switch(paths.FUND, app.lang, visits=sees_visits(app.role), phone=app.is_phone),
        ft.Text(app.t("fund_title"), style=Type.TITLE, color=Tone.TEXT),
        switch,
    ]
    if not app.signed_in:
        head.append(caption(app.t("fund_sign_in_hint"), data="fund-sign-in-hint"))
    return ft.ListView([*head, *body], padding=Space.L, spacing=Space.M, expand=True, data=f"fund-{tab}")


# ---- calls ------------------------------------------------------------------------------------------------
def calls_tab(state: FundState) -> list[ft.Control]:
    app = state.app
    if state.supplier_id:
        seen = state.calls()
        if not seen:
            return [empty_line(app.t("fund_no_calls"))]
        return [call_card(state, c.call, c) for c in seen]
    calls = state.all_calls()
    if not calls:
        return [empty_line(app.t("fund_no_calls"))]
    return [call_card(state, call, None) for call in calls]


def call_card(state: FundState, call: Call, seen: CallEligibility | None) -> ft.Control:
    app = state.app
    lang = app.lang
    programme = state.programme_of(call)
    title = call.title_fa if lang == "fa" else call.title_en
    head: list[ft.Control] = [ft.Text(title, style=Type.BODY_STRONG, color=Tone.TEXT, expand=True)]
    if call.demo:
        head.append(demo_badge(lang))
    lines: list[ft.Control] = [ft.Row(head, vertical_alignment=ft.CrossAxisAlignment.START)]
    if programme is not None:
        lines.append(
            caption(
                f"{programme.title_fa if lang == 'fa' else programme.title_en} — "
                f"{name(INSTRUMENT_NAMES, programme.instrument, lang)}"
            )
        )
        lines.append(
            caption(
                app.t(
                    "fund_programme_amount",
                    min=money(programme.amount_irr.min, lang),
                    max=money(programme.amount_irr.max, lang),
                )
            )
        )
        if programme.rate_pct is not None:
            lines.append(
                caption(app.t("fund_programme_rate", min=num(programme.rate_pct.min, lang),
                              max=num(programme.rate_pct.max, lang)))
            )  # fmt: skip
        if programme.term_months is not None:
            lines.append(
                caption(app.t("fund_programme_term", min=num(programme.term_months.min, lang),
                              max=num(programme.term_months.max, lang)))
            )  # fmt: skip
    lines.append(caption(app.t("fund_call_window", opens=when(call.opens_at, lang), closes=when(call.closes_at, lang))))
    if call.grace_minutes:
        lines.append(caption(app.t("fund_call_grace", count=num(call.grace_minutes, lang))))
    lines.append(caption(app.t("fund_call_budget", amount=money(call.budget_irr, lang))))
    if call.required_documents:
        lines.append(ft.Text(app.t("fund_documents_limits"), style=Type.LABEL, color=Tone.MUTED))
        for doc in call.required_documents:
            lines.append(caption(document_limit(app, doc)))
    if seen is not None:
        if seen.eligible:
            lines.append(ft.Text(app.t("fund_eligible"), style=Type.BODY_STRONG, color=Tone.PRIMARY,
                                 data=f"fund-eligible-{call.id}"))  # fmt: skip
        else:
            lines.append(ft.Text(app.t("fund_not_eligible"), style=Type.BODY_STRONG, color=Tone.ERROR))
            for reason in seen.reasons:
                lines.append(
                    ft.Text("• " + reason_text(reason.code, reason.params, lang), style=Type.BODY, color=Tone.TEXT,
                            data=f"fund-reason-{reason.code}")
                )  # fmt: skip
        if seen.priority:
            lines.append(caption(app.t("fund_priority")))
        if programme is not None and programme.guarantee is not None:
            lines.append(GuaranteeEstimateBox(state, programme))
        if seen.eligible:
            buttons: list[ft.Control] = [
                ft.FilledButton(
                    content=app.t("fund_start_draft"),
                    icon=ft.Icons.EDIT_NOTE,
                    on_click=lambda _e, c=call.id: _start(state, c, ()),
                    data=f"fund-start-{call.id}",
                )
            ]
            for need in state.needs_for(call)[:3]:
                item = need.item_fa if lang == "fa" else (need.item_en or need.item_fa)
                buttons.append(
                    ft.OutlinedButton(
                        content=f"{app.t('fund_start_from_need')}: {item}",
                        on_click=lambda _e, c=call.id, n=need.id: _start(state, c, (n,)),
                        data=f"fund-start-{call.id}-{need.id}",
                    )
                )
            lines.append(ft.Row(buttons, wrap=True, spacing=Space.S, run_spacing=Space.S))
    return ft.Container(content=ft.Column(lines, spacing=Space.XS, tight=True), data=f"fund-call-{call.id}", **_card())


def _card() -> dict:
    return card_style()


def _start(state: FundState, call_id: str, need_ids: tuple[str, ...]) -> None:
    draft_id = state.start_draft(call_id, need_ids)
    if draft_id is not None:
        paths.go(paths.fund_draft_path(draft_id))


@ft.component
def GuaranteeEstimateBox(state: FundState, programme: Programme) -> ft.Control:
    """The cash deposit and fee a guarantee would ask for, for an amount the supplier types."""
    app = state.app
    lang = app.lang
    # typed in rials, as the application's amount fields are (the estimate is shown in tomans, as every amount)
    amount, set_amount = ft.use_state(i18n.digits(str(programme.amount_irr.min), lang))
    typed = i18n.parse_number(amount)
    rials = max(0, int(typed)) if typed is not None else 0
    estimate = state.client.estimate(programme, rials, 12, GuaranteeSecurity.CASH_DEPOSIT.value)
    terms = programme.guarantee
    kinds = i18n.joined((name(GUARANTEE_NAMES, k, lang) for k in terms.kinds), lang) if terms else ""
    return ft.Column(
        [
            caption(kinds),
            ft.TextField(
                value=amount,
                label=app.t("fund_guarantee_amount"),
                keyboard_type=ft.KeyboardType.NUMBER,
                on_change=lambda e: set_amount(e.control.value or "0"),
                data="fund-guarantee-amount",
                dense=True,
            ),
            ft.Text(
                app.t(
                    "fund_guarantee_estimate",
                    amount=money(rials, lang),
                    months=num(12, lang),
                    dmin=money(estimate.deposit_min_irr, lang),
                    dmax=money(estimate.deposit_max_irr, lang),
                    fee=money(estimate.fee_irr, lang),
                ),
                style=Type.BODY,
                color=Tone.TEXT,
                data="fund-guarantee-estimate",
            ),
        ],
        tight=True,
        spacing=Space.XS,
    )


# ---- my applications ------------------------------------------------------------------------------------------
def mine_tab(state: FundState) -> list[ft.Control]:
    app = state.app
    rows = state.mine()
    if not rows:
        return [empty_line(app.t("fund_no_applications"))]
    warning = guarantees_card(state)
    return [*([warning] if warning else []), *(my_row(state, row) for row in rows)]


def my_row(state: FundState, row: MyApplication) -> ft.Control:
    app = state.app
    lang = app.lang
    lines: list[ft.Control] = [ft.Text(row.title or app.t("fund_draft_title"), style=Type.BODY_STRONG, color=Tone.TEXT)]
    if row.record is not None:
        lines.append(caption(app.t("fund_tracking", no=i18n.ltr(digits(row.record.tracking_no, lang)))))
        lines.append(
            ft.Text(name(STAGE_NAMES, row.record.stage, lang), style=Type.BODY, color=Tone.PRIMARY,
                    data=f"fund-stage-{row.record.stage}")
        )  # fmt: skip
    if row.draft is not None:
        why = state.read_only(row.draft)
        status = app.t("fund_waiting") if row.draft.sealed else app.t("fund_draft")
        if why == "closed":
            status = app.t("fund_read_only_closed")
        lines.append(caption(status))
        lines.append(caption(app.t("fund_last_saved", time=stamp(row.draft.saved_at, lang))))
        if row.refused:
            lines.append(ft.Text(app.t("fund_refused", reason=reason_text(row.refused, {}, lang)), color=Tone.ERROR))
    target = paths.fund_draft_path(row.id) if row.draft is not None else paths.fund_application_path(row.id)
    return ft.Container(
        content=ft.Column(lines, spacing=Space.XS, tight=True),
        on_click=lambda _e, t=target: paths.go(t),
        data=f"fund-mine-{row.id}",
        **_card(),
    )


# ---- the queue (officer) and assignments (reviewer) ----------------------------------------------------------------
def queue_tab(state: FundState) -> list[ft.Control]:
    app = state.app
    lang = app.lang
    records = state.applications()
    if not records:
        return [empty_line(app.t("fund_no_applications"))]
    warning = guarantees_card(state)
    out: list[ft.Control] = [warning] if warning else []
    for record in records:
        out.append(queue_row(state, record, lang))
    return out


def queue_row(state: FundState, record: ApplicationRecord, lang: str) -> ft.Control:
    app = state.app
    content = record.content
    who = (record.supplier_name_fa if lang == "fa" else record.supplier_name_en) or record.supplier_id
    state_words = name(STATE_NAMES, record.state, lang) if record.state else name(STAGE_NAMES, record.stage, lang)
    lines: list[ft.Control] = [
        ft.Text(content.title_fa if lang == "fa" else (content.title_en or content.title_fa), style=Type.BODY_STRONG,
                color=Tone.TEXT),
        caption(f"{i18n.ltr(digits(record.tracking_no, lang))} — {who} — {money(content.requested_irr, lang)}"),
        ft.Text(app.t("fund_state", state=state_words), style=Type.BODY, color=Tone.PRIMARY,
                data=f"fund-state-{record.state or record.stage}"),
    ]  # fmt: skip
    if record.demo:
        lines.insert(0, demo_badge(app.lang))
    return ft.Container(
        content=ft.Column(lines, spacing=Space.XS, tight=True),
        on_click=lambda _e, i=record.id: paths.go(paths.fund_application_path(i)),
        data=f"fund-queue-{record.id}",
        **_card(),
    )


# ---- the public ledger -------------------------------------------------------------------------------------------
def ledger_tab(state: FundState) -> list[ft.Control]:
    app = state.app
    lang = app.lang
    entries = state.ledger()
    if not entries:
        return [empty_line(app.t("fund_ledger_empty"))]
    whole = totals(entries)
    spread = concentration(entries)
    out: list[ft.Control] = [
        caption(app.t("fund_ledger_summary")),
        ft.Text(
            app.t("fund_ledger_totals_screen", count=num(whole.awards, lang), applied=money(whole.applied_irr, lang),
                  awarded=money(whole.awarded_irr, lang), disbursed=money(whole.disbursed_irr, lang)),
            style=Type.BODY, color=Tone.TEXT, data="fund-ledger-totals",
        ),
        caption(app.t("fund_ledger_concentration", share=num(round(spread.top_share * 100, 1), lang),
                      count=num(len(spread.repeat), lang))),
    ]  # fmt: skip
    demo = sum(1 for e in entries if e.demo)
    if demo:
        out.append(caption(app.t("fund_ledger_demo_rows_screen", count=num(demo, lang))))
    by_province: dict[str, int] = defaultdict(int)
    for e in entries:
        by_province[e.province or "—"] += e.amountAwarded
    top = max(by_province.values()) or 1
    bars: list[ft.Control] = []
    for province, amount in sorted(by_province.items(), key=lambda kv: -kv[1]):
        label = labels.province_name(province, lang) or province
        share = max(1, round(100 * amount / top))
        bars.append(
            ft.Column(
                [
                    ft.Row(
                        [
                            ft.Text(label, style=Type.CAPTION, color=Tone.TEXT, expand=True),
                            ft.Text(money(amount, lang), style=Type.CAPTION, color=Tone.MUTED),
                        ]
                    ),
                    ft.Row(
                        [
                            ft.Container(bgcolor=Tone.PRIMARY, height=10, border_radius=3, expand=share),
                            *([ft.Container(height=10, expand=100 - share)] if share < 100 else []),
                        ],
                        spacing=0,
                    ),
                ],
                spacing=2,
                tight=True,
            )
        )
    out.append(section(app.t("fund_ledger_by_province"), bars, data="fund-ledger-chart"))
    for title_key, breakdown in (("fund_ledger_by_stage", by_stage(entries)),
                                 ("fund_ledger_by_category", by_category(entries))):  # fmt: skip
        named = _stage_name if title_key == "fund_ledger_by_stage" else _category_name
        rows = [
            fact(named(app, key), f"{money(part.awarded_irr, lang)} ({num(part.awards, lang)})")
            for key, part in sorted(breakdown.items(), key=lambda kv: -kv[1].awarded_irr)
        ]
        out.append(section(app.t(title_key), rows))
    for e in sorted(entries, key=lambda e: (e.awardDate, e.id), reverse=True):
        recipient = (e.recipient.nameFa or e.recipient.name) if lang == "fa" else e.recipient.name
        programme = e.grantProgramme[0]
        line: list[ft.Control] = [
            ft.Text((e.titleFa or e.title) if lang == "fa" else e.title, style=Type.BODY_STRONG, color=Tone.TEXT),
            caption(f"{recipient} — {labels.province_name(e.province, lang) or ''}"),
            caption(f"{(programme.titleFa or programme.title) if lang == 'fa' else programme.title} — "
                    f"{name(INSTRUMENT_NAMES, e.instrument, lang)}"),
            ft.Text(app.t("fund_awarded", amount=money(e.amountAwarded, lang)) + " — " + when(e.awardDate, lang),
                    style=Type.BODY, color=Tone.PRIMARY, data=f"fund-ledger-{e.trackingNo}"),
            caption(app.t("fund_ledger_disbursed", amount=money(e.amountDisbursed, lang)),
                    data=f"fund-ledger-disbursed-{e.trackingNo}"),
            caption(app.t("fund_ledger_fx", planned=num(e.fxSavingPlannedEUR, lang),
                          verified=num(e.fxSavingVerifiedEUR, lang))),
        ]  # fmt: skip
        if e.demo:
            line.insert(0, demo_badge(lang))
        out.append(ft.Container(content=ft.Column(line, spacing=Space.XS, tight=True), **_card()))
    return out


def _stage_name(app: SessionState, stage: str) -> str:
    key = f"process_{stage}"
    return app.t(key) if key in i18n.CATALOGUE else app.t("not_given")


def _category_name(app: SessionState, code: str) -> str:
    if not code:
        return "—"
    fa, en = app.directory.tree.names(code)
    return (fa if app.lang == "fa" else en) or code
