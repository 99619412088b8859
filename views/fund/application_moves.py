"""Parts of the application screen for the moves around an award: the applicant's withdrawal (asked twice),
the officer's judgement of a submission that arrived after the grace period, and the ways on to the agreement's
form and to the award under way."""

from __future__ import annotations

import flet as ft

from models.fund_events import JudgeLate, Withdraw
from models.fund_records import ApplicationRecord, AppState, Stage
from models.fund_words import digits
from views.fund.award_forms import KeptForm, agreement_path, award_path, text_field
from views.fund.state import FundState
from views.fund.words import when
from views.shell import paths
from views.shell.facts import caption, section
from views.shell.theme import Space, Tone, Type

#: The applicant's stages from which they may withdraw (the server's rule: any state before the agreement).
WITHDRAWABLE = frozenset(
    {
        Stage.RECEIVED,
        Stage.RECEIVED_LATE,
        Stage.MORE_INFO,
        Stage.IN_ASSESSMENT,
        Stage.RETURNED,
        Stage.APPROVED,
        Stage.APPROVED_WITH_CONDITIONS,
    }
)


def award_links(state: FundState, record: ApplicationRecord) -> list[ft.Control]:
    """The way on to the award (anyone who reads it, once there is an agreement) or to the agreement's form (the
    officer, once approved)."""
    app = state.app
    if record.agreement is not None:
        return [
            ft.FilledButton(
                content=app.t("fund_award_open"),
                icon=ft.Icons.ACCOUNT_TREE,
                on_click=lambda: paths.go(award_path(record.id)),
                data="fund-award-open",
            )
        ]
    if state.role in ("fund_officer", "admin") and record.state in (AppState.APPROVED, AppState.APPROVED_CONDITIONAL):
        return [
            ft.FilledButton(
                content=app.t("fund_sign_open"),
                icon=ft.Icons.HANDSHAKE,
                on_click=lambda: paths.go(agreement_path(record.id)),
                data="fund-sign-open",
            )
        ]
    return []


def withdraw_part(
    state: FundState, record: ApplicationRecord, form: KeptForm, asked: bool, ask: object
) -> list[ft.Control]:
    """The applicant's withdrawal: a first tap asks, the second (with an optional reason) queues it."""
    app = state.app
    if state.role != "supplier" or record.stage not in WITHDRAWABLE or record.agreement is not None:
        return []
    if not asked:
        return [ft.TextButton(content=app.t("fund_withdraw"), icon=ft.Icons.UNDO, on_click=ask, data="fund-withdraw")]

    def send() -> None:
        form.keep()
        event = state.build(Withdraw, application_id=record.id, note=form.get("withdraw_note") or None)
        if event is not None and state.move(event):
            form.clear()

    return [
        section(
            app.t("fund_withdraw"),
            [
                ft.Text(app.t("fund_withdraw_confirm"), style=Type.BODY, color=Tone.ERROR),
                text_field(
                    form, "withdraw_note", app.t("fund_withdraw_note"), multiline=True, data="fund-withdraw-note"
                ),
                ft.Row(
                    [
                        ft.FilledButton(content=app.t("fund_withdraw_yes"), on_click=send, data="fund-withdraw-yes"),
                        ft.OutlinedButton(
                            content=app.t("fund_cancel"),
                            on_click=lambda: paths.go(paths.fund_application_path(record.id)),
                        ),
                    ],
                    wrap=True,
                    spacing=Space.S,
                    run_spacing=Space.S,
                ),
            ],
            data="fund-withdraw-confirm",
        )
    ]


def timing_lines(state: FundState, record: ApplicationRecord) -> list[ft.Control]:
    """How each revision arrived against the deadline (the Fund's staff: on time, in grace, late, asked for)."""
    app = state.app
    if record.state is None:
        return []
    out = []
    for r in record.revisions:
        out.append(
            caption(
                app.t(
                    "fund_received_as",
                    revision=digits(str(r.revision), app.lang),
                    timing=app.t(f"fund_timing_{r.timing.value}"),
                )
                + f" — {when(r.received_at, app.lang)}"
            )
        )
    return out


def late_part(state: FundState, record: ApplicationRecord, form: KeptForm) -> list[ft.Control]:
    """The officer's judgement of a late submission, with both clocks side by side."""
    app = state.app
    lang = app.lang
    if state.role not in ("fund_officer", "admin") or record.state is not AppState.LATE:
        return []
    call = state.client.call(record.call_id)
    first = record.revisions[0]
    facts = app.t(
        "fund_late_facts",
        closes=when(call.closes_at, lang) if call else "—",
        grace=when(call.grace_ends_at, lang) if call else "—",
        sealed=when(first.sealed_at, lang),
        received=when(first.received_at, lang),
    )

    def send(accept: bool) -> None:
        form.keep()
        event = state.build(
            JudgeLate,
            application_id=record.id,
            accept=accept,
            note_to_applicant=form.get("late_note") or None,
            internal_note=form.get("late_internal") or None,
        )
        if event is not None and state.move(event):
            form.clear()

    return [
        section(
            app.t("fund_late_title"),
            [
                ft.Text(facts, style=Type.BODY, color=Tone.TEXT, data="fund-late-facts"),
                caption(app.t("fund_late_hint")),
                text_field(form, "late_note", app.t("fund_note_to_applicant"), multiline=True, data="fund-late-note"),
                text_field(
                    form, "late_internal", app.t("fund_internal_note"), multiline=True, data="fund-late-internal"
                ),
                ft.Row(
                    [
                        ft.FilledButton(
                            content=app.t("fund_late_accept"), on_click=lambda: send(True), data="fund-late-accept"
                        ),
                        ft.OutlinedButton(
                            content=app.t("fund_late_refuse"), on_click=lambda: send(False), data="fund-late-refuse"
                        ),
                    ],
                    wrap=True,
                    spacing=Space.S,
                    run_spacing=Space.S,
                ),
            ],
            data="fund-late",
        )
    ]
