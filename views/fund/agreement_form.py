"""The officer records an approved application's agreement: contract number, amount, rate, term and grace,
collateral, guarantees (a guarantee programme), and the milestones with their tranches — prefilled from the
decision and the applicant's plan, kept on the device as typed, sent as one ``sign_agreement`` event."""

from __future__ import annotations

from typing import Any

import flet as ft

from models.fund_award import add_months
from models.fund_events import SignAgreement
from models.fund_programmes import Instrument, Programme
from models.fund_records import ApplicationRecord, AppState
from models.fund_words import COLLATERAL_NAMES, GUARANTEE_NAMES, STATE_NAMES, digits, name
from sync import clock
from views.fund.award_forms import (
    KeptForm,
    award_desk,
    award_path,
    number_text,
    read_day,
    read_int,
    text_field,
    to_float,
    to_int,
    use_kept_form,
)
from views.fund.context import use_fund
from views.fund.state import FundState
from views.fund.words import money, months, num
from views.shell import i18n, paths
from views.shell.buttons import icon_button
from views.shell.facts import caption, section
from views.shell.theme import Space, Tone, Type

_STAFF = ("fund_officer", "admin")


def _initial(state: FundState, record: ApplicationRecord) -> dict[str, Any]:
    """The form as it starts: the committee's amount, the programme's lowest rate, the applicant's term, grace and
    milestones (each due its month after a start a month from today)."""
    lang = state.app.lang
    content = record.content
    call = state.client.call(record.call_id)
    programme = state.programme_of(call) if call is not None else None
    start = add_months(clock.now().date(), 1)
    decided = record.decision.amount_irr if record.decision is not None else None
    values: dict[str, Any] = {
        "contract_no": "",
        "amount": number_text(decided or content.requested_irr, lang),
        "rate": number_text(programme.rate_pct.min, lang) if programme and programme.rate_pct else "",
        "term": number_text(content.term_months, lang),
        "grace": number_text(content.grace_months, lang),
        "start": i18n.date_to_edit(start, lang),
        "signed": i18n.date_to_edit(clock.now().date(), lang),
        "collateral": [],
        "guarantees": [],
        "milestones": [
            {
                "id": m.id,
                "title": m.title,
                "deliverable": m.deliverable,
                "due": i18n.date_to_edit(add_months(start, m.month), lang),
                "tranche": number_text(m.tranche_irr, lang),
            }
            for m in content.milestones
        ],
    }
    if programme is not None and programme.guarantee is not None and content.guarantee is not None:
        g = content.guarantee
        values["guarantees"] = [
            {
                "kind": g.kind.value,
                "beneficiary": g.beneficiary,
                "amount": values["amount"],
                "months": number_text(g.months, lang),
                "security": g.security.value,
                "deposit": number_text(programme.guarantee.deposit_pct_min, lang),
            }
        ]
    return values


@ft.component
def AgreementFormView() -> ft.Control:
    state = use_fund()
    app = state.app
    record_id = paths.use_path_id(f"{paths.FUND}/agreement/")
    record = state.application(record_id)
    back = icon_button(
        ft.Icons.ARROW_BACK,
        app.t("fund_back"),
        data="back",
        on_click=lambda: paths.go(paths.fund_application_path(record_id)),
    )
    form = use_kept_form(state, "agreement", record_id, lambda: _initial(state, record) if record else {})
    if record is None or state.role not in _STAFF:
        words = app.t("fund_no_applications") if record is None else app.t("fund_officer_only")
        return ft.Container(ft.Column([back, caption(words)], tight=True), padding=Space.XL)
    if record.agreement is not None:  # recorded: what was typed for it is no longer needed
        award_desk(state).drop_form("agreement", record.id)
        return ft.Container(
            ft.Column(
                [
                    back,
                    ft.TextButton(
                        content=app.t("fund_award_open"),
                        data="fund-award-open",
                        on_click=lambda: paths.go(award_path(record.id)),
                    ),
                ],
                tight=True,
            ),
            padding=Space.XL,
        )
    call = state.client.call(record.call_id)
    programme = state.programme_of(call) if call is not None else None
    body: list[ft.Control] = [
        ft.Row([back, ft.Text(app.t("fund_agreement_title"), style=Type.TITLE, color=Tone.TEXT, expand=True)]),
        caption(f"{digits(record.tracking_no, app.lang)} — {_title(record, app.lang)}"),
        caption(app.t("fund_agreement_hint")),
    ]
    if record.state not in (AppState.APPROVED, AppState.APPROVED_CONDITIONAL):
        body.append(caption(app.t("fund_state", state=name(STATE_NAMES, record.state, app.lang))))
    body.append(_terms(state, record, programme, form))
    body.append(_collateral(state, programme, form))
    if programme is not None and programme.guarantee is not None:
        body.append(_guarantees(state, programme, form))
    body.append(_milestones(state, form))
    body.append(
        ft.FilledButton(
            content=app.t("fund_agreement_sign"),
            icon=ft.Icons.HANDSHAKE,
            on_click=lambda: _sign(state, record, form),
            data="fund-agreement-sign",
        )
    )
    for pending in state.pending(record.id):
        body.append(
            caption(
                app.t("fund_pending", what=pending["type"]) + (f" — {pending['reason']}" if pending["reason"] else "")
            )
        )
    return ft.ListView(body, padding=Space.L, spacing=Space.M, expand=True, data="fund-agreement-form")


def _title(record: ApplicationRecord, lang: str) -> str:
    content = record.content
    return content.title_fa if lang == "fa" else (content.title_en or content.title_fa)


def _terms(state: FundState, record: ApplicationRecord, programme: Programme | None, form: KeptForm) -> ft.Control:
    app = state.app
    lang = app.lang
    rows: list[ft.Control] = []
    if record.decision is not None and record.decision.amount_irr:
        rows.append(caption(app.t("fund_approved_amount", amount=money(record.decision.amount_irr, lang))))
    if programme is not None:
        rate = (
            f"{num(programme.rate_pct.min, lang)}–{num(programme.rate_pct.max, lang)}٪" if programme.rate_pct else "—"
        )
        term = (
            months(f"{num(programme.term_months.min, lang)}–{num(programme.term_months.max, lang)}", lang)
            if programme.term_months
            else "—"
        )
        rows.append(
            caption(
                app.t("fund_programme_terms", rate=rate, term=term, grace=months(programme.grace_months_max or 0, lang))
            )
        )
    rows += [
        text_field(form, "contract_no", app.t("fund_contract_no"), data="fund-agreement-contract"),
        text_field(form, "amount", app.t("fund_agreement_amount"), number=True, data="fund-agreement-amount"),
        caption(app.t("fund_amount_in_tomans", amount=money(to_int(form.get("amount")), lang))),
    ]
    if programme is None or programme.is_loan or programme.instrument is Instrument.INTEREST_SUBSIDY:
        rows.append(
            ft.ResponsiveRow(
                [
                    ft.Container(
                        text_field(form, "rate", app.t("fund_rate"), number=True, data="fund-agreement-rate"),
                        col={"xs": 12, "sm": 4},
                    ),
                    ft.Container(
                        text_field(form, "term", app.t("fund_term"), number=True, data="fund-agreement-term"),
                        col={"xs": 6, "sm": 4},
                    ),
                    ft.Container(
                        text_field(form, "grace", app.t("fund_grace"), number=True, data="fund-agreement-grace"),
                        col={"xs": 6, "sm": 4},
                    ),
                ],
                spacing=Space.S,
                run_spacing=Space.S,
            )
        )
    rows.append(
        ft.ResponsiveRow(
            [
                ft.Container(
                    text_field(form, "start", app.t("fund_start_date"), data="fund-agreement-start"),
                    col={"xs": 6, "sm": 6},
                ),
                ft.Container(
                    text_field(form, "signed", app.t("fund_signed_on"), data="fund-agreement-signed"),
                    col={"xs": 6, "sm": 6},
                ),
            ],
            spacing=Space.S,
            run_spacing=Space.S,
        )
    )
    return section(app.t("fund_agreement"), rows, data="fund-agreement-terms")


def _rows_editor(state: FundState, form: KeptForm, key: str) -> tuple[list[dict[str, Any]], Any, Any, Any]:
    """The rows of a list in the form (collateral, guarantees, milestones) and how to change one, add, remove."""
    rows: list[dict[str, Any]] = [dict(r) for r in form.get(key, [])]

    def set_cell(index: int, cell: str, value: Any) -> None:
        changed = [dict(r) for r in form.get(key, [])]
        changed[index][cell] = value
        form.put(key, changed)

    def add(row: dict[str, Any]) -> None:
        form.put(key, [*form.get(key, []), row])
        form.keep()

    def remove(index: int) -> None:
        changed = [dict(r) for r in form.get(key, [])]
        del changed[index]
        form.put(key, changed)
        form.keep()

    return rows, set_cell, add, remove


def _cell(
    form: KeptForm,
    set_cell: Any,
    index: int,
    row: dict[str, Any],
    cell: str,
    label: str,
    *,
    number: bool = False,
    col: dict[str, int] | None = None,
    data: str | None = None,
) -> ft.Control:
    return ft.Container(
        ft.TextField(
            label=label,
            value=str(row.get(cell, "")),
            dense=True,
            data=data,
            keyboard_type=ft.KeyboardType.NUMBER if number else None,
            on_change=lambda e: set_cell(index, cell, e.control.value or ""),
            on_blur=lambda _e: form.keep(),
        ),
        col=col or {"xs": 12},
    )


def _choice(
    set_cell: Any,
    form: KeptForm,
    index: int,
    value: str,
    label: str,
    options: list[tuple[str, str]],
    cell: str,
    col: dict[str, int],
) -> ft.Control:
    def chosen(e: ft.ControlEvent) -> None:
        set_cell(index, cell, e.control.value)
        form.keep()

    return ft.Container(
        ft.Dropdown(
            label=label,
            value=value,
            dense=True,
            expand=True,
            on_select=chosen,
            options=[ft.DropdownOption(key=k, text=t) for k, t in options],
        ),
        col=col,
    )


def _collateral(state: FundState, programme: Programme | None, form: KeptForm) -> ft.Control:
    app = state.app
    lang = app.lang
    kinds = (
        list(programme.collateral_kinds)
        if programme is not None and programme.collateral_kinds
        else list(COLLATERAL_NAMES)
    )
    rows, set_cell, add, remove = _rows_editor(state, form, "collateral")
    out: list[ft.Control] = []
    for i, row in enumerate(rows):
        out.append(
            ft.ResponsiveRow(
                [
                    _choice(
                        set_cell,
                        form,
                        i,
                        row.get("kind", kinds[0].value),
                        app.t("fund_collateral_kind"),
                        [(k.value, name(COLLATERAL_NAMES, k, lang)) for k in kinds],
                        "kind",
                        {"xs": 12, "sm": 4},
                    ),
                    _cell(
                        form, set_cell, i, row, "description", app.t("fund_collateral_desc"), col={"xs": 12, "sm": 4}
                    ),
                    _cell(
                        form,
                        set_cell,
                        i,
                        row,
                        "value",
                        app.t("fund_collateral_value"),
                        number=True,
                        col={"xs": 10, "sm": 3},
                    ),
                    ft.Container(
                        icon_button(ft.Icons.DELETE_OUTLINE, app.t("fund_remove"), on_click=lambda _e, i=i: remove(i)),
                        col={"xs": 2, "sm": 1},
                    ),
                ],
                spacing=Space.S,
                run_spacing=Space.S,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            )
        )
    out.append(
        ft.OutlinedButton(
            content=app.t("fund_collateral"),
            icon=ft.Icons.ADD,
            data="fund-collateral-add",
            on_click=lambda: add({"kind": kinds[0].value, "description": "", "value": ""}),
        )
    )
    return section(app.t("fund_collateral"), out, data="fund-agreement-collateral")


def _guarantees(state: FundState, programme: Programme, form: KeptForm) -> ft.Control:
    app = state.app
    lang = app.lang
    terms = programme.guarantee
    assert terms is not None
    rows, set_cell, add, remove = _rows_editor(state, form, "guarantees")
    out: list[ft.Control] = []
    for i, row in enumerate(rows):
        out.append(
            ft.ResponsiveRow(
                [
                    _choice(
                        set_cell,
                        form,
                        i,
                        row.get("kind", terms.kinds[0].value),
                        app.t("fund_guarantee_kind"),
                        [(k.value, name(GUARANTEE_NAMES, k, lang)) for k in terms.kinds],
                        "kind",
                        {"xs": 12, "sm": 4},
                    ),
                    _cell(form, set_cell, i, row, "beneficiary", app.t("fund_beneficiary"), col={"xs": 12, "sm": 8}),
                    _cell(
                        form,
                        set_cell,
                        i,
                        row,
                        "amount",
                        app.t("fund_amount_rials"),
                        number=True,
                        col={"xs": 12, "sm": 5},
                    ),
                    _cell(
                        form,
                        set_cell,
                        i,
                        row,
                        "months",
                        app.t("fund_guarantee_months"),
                        number=True,
                        col={"xs": 5, "sm": 3},
                    ),
                    _cell(
                        form,
                        set_cell,
                        i,
                        row,
                        "deposit",
                        app.t("fund_deposit_pct"),
                        number=True,
                        col={"xs": 5, "sm": 3},
                    ),
                    ft.Container(
                        icon_button(ft.Icons.DELETE_OUTLINE, app.t("fund_remove"), on_click=lambda _e, i=i: remove(i)),
                        col={"xs": 2, "sm": 1},
                    ),
                ],
                spacing=Space.S,
                run_spacing=Space.S,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            )
        )
    out.append(
        ft.OutlinedButton(
            content=app.t("fund_guarantee"),
            icon=ft.Icons.ADD,
            on_click=lambda: add(
                {"kind": terms.kinds[0].value, "beneficiary": "", "amount": "", "months": "12", "deposit": ""}
            ),
        )
    )
    return section(app.t("fund_guarantee"), out, data="fund-agreement-guarantees")


def _milestones(state: FundState, form: KeptForm) -> ft.Control:
    app = state.app
    lang = app.lang
    rows, set_cell, add, remove = _rows_editor(state, form, "milestones")
    out: list[ft.Control] = [caption(app.t("fund_milestones_from_plan"))]
    total = 0
    for i, row in enumerate(rows):
        total += to_int(row.get("tranche")) or 0
        out.append(
            ft.ResponsiveRow(
                [
                    _cell(
                        form,
                        set_cell,
                        i,
                        row,
                        "title",
                        app.t("fund_milestone_title"),
                        col={"xs": 12, "sm": 6},
                        data=f"fund-agreement-m{i}-title",
                    ),
                    _cell(
                        form,
                        set_cell,
                        i,
                        row,
                        "deliverable",
                        app.t("fund_milestone_deliverable"),
                        col={"xs": 12, "sm": 6},
                    ),
                    _cell(
                        form,
                        set_cell,
                        i,
                        row,
                        "due",
                        app.t("fund_due_date"),
                        col={"xs": 5, "sm": 4},
                        data=f"fund-agreement-m{i}-due",
                    ),
                    _cell(
                        form,
                        set_cell,
                        i,
                        row,
                        "tranche",
                        app.t("fund_milestone_tranche"),
                        number=True,
                        col={"xs": 5, "sm": 6},
                        data=f"fund-agreement-m{i}-tranche",
                    ),
                    ft.Container(
                        icon_button(ft.Icons.DELETE_OUTLINE, app.t("fund_remove"), on_click=lambda _e, i=i: remove(i)),
                        col={"xs": 2, "sm": 2},
                    ),
                ],
                spacing=Space.S,
                run_spacing=Space.S,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            )
        )
    out.append(caption(app.t("fund_tranches_total", amount=money(total, lang))))
    out.append(
        ft.OutlinedButton(
            content=app.t("fund_milestone_add"),
            icon=ft.Icons.ADD,
            data="fund-agreement-m-add",
            on_click=lambda: add({"id": f"m{len(rows) + 1}", "title": "", "deliverable": "", "due": "", "tranche": ""}),
        )
    )
    return section(app.t("fund_milestones"), out, data="fund-agreement-milestones")


def _sign(state: FundState, record: ApplicationRecord, form: KeptForm) -> None:
    """Read the form and queue the agreement; a value it cannot read is reported and nothing is sent."""
    form.keep()
    values = form.values
    amount = read_int(state, values.get("amount", ""))
    start = read_day(state, values.get("start", ""))
    signed = read_day(state, values.get("signed", ""))
    if amount is None or start is None or signed is None:
        return
    milestones = []
    for row in values.get("milestones", []):
        due = read_day(state, row.get("due", ""))
        tranche = read_int(state, row.get("tranche", ""))
        if due is None or tranche is None:
            return
        milestones.append(
            {
                "id": row.get("id") or f"m{len(milestones) + 1}",
                "title": row.get("title", ""),
                "deliverable": row.get("deliverable", ""),
                "due_date": due,
                "tranche_irr": tranche,
            }
        )
    collateral = []
    for row in values.get("collateral", []):
        value = read_int(state, row.get("value", ""), required=False)
        collateral.append({"kind": row.get("kind"), "description": row.get("description", ""), "value_irr": value})
    guarantees = []
    for row in values.get("guarantees", []):
        g_amount = read_int(state, row.get("amount", ""))
        months = read_int(state, row.get("months", ""))
        if g_amount is None or months is None:
            return
        guarantees.append(
            {
                "kind": row.get("kind"),
                "beneficiary": row.get("beneficiary", ""),
                "amount_irr": g_amount,
                "months": months,
                "security": row.get("security", "cash_deposit"),
                "deposit_pct": to_float(row.get("deposit")) or 0,
            }
        )
    term = read_int(state, values.get("term", ""), required=False)
    grace = read_int(state, values.get("grace", ""), required=False)
    event = state.build(
        SignAgreement,
        application_id=record.id,
        contract_no=values.get("contract_no", ""),
        amount_irr=amount,
        rate_pct=to_float(values.get("rate")),
        term_months=term,
        grace_months=grace,
        collateral=collateral,
        guarantees=guarantees,
        start_date=start,
        signed_on=signed,
        milestones=milestones,
    )
    if event is not None and state.move(event):
        # the values stay kept until the server holds the agreement (a refusal leaves them to correct)
        paths.go(paths.fund_application_path(record.id))
