"""One application: what the applicant may read (stage, tracking number, decision, notes meant for them), the
officer's moves, a reviewer's conflict declaration and scoring form — only what this role may do."""

from __future__ import annotations

from typing import Any

import flet as ft

from models.fund_events import (
    ApplyThresholds,
    AssignReviewers,
    Decide,
    DeclareConflict,
    Review,
    Screen,
    StartScreening,
)
from models.fund_records import ApplicationRecord, AppState, Stage
from models.fund_words import STAGE_NAMES, STATE_NAMES, digits, name
from views.fund.application_moves import award_links, late_part, timing_lines, withdraw_part
from views.fund.award_forms import use_kept_form
from views.fund.context import use_fund
from views.fund.documents import documents_section_lines, save_copy
from views.fund.guarantees import guarantees_card
from views.fund.state import FundState
from views.fund.words import money, num, when
from views.shell import i18n, paths
from views.shell.buttons import icon_button
from views.shell.context import use_services
from views.shell.facts import caption, fact, section
from views.shell.theme import Space, Tone, Type


@ft.component
def ApplicationView() -> ft.Control:
    state = use_fund()
    app = state.app
    lang = app.lang
    record_id = paths.use_path_id(f"{paths.FUND}/application/")
    form, set_form = ft.use_state({})
    asked, set_asked = ft.use_state(False)
    kept = use_kept_form(state, "application", record_id, dict)
    picker = use_services().file_picker
    web = bool(ft.context.page.web)
    record = state.application(record_id)
    back = icon_button(ft.Icons.ARROW_BACK, app.t("fund_back"), data="back", on_click=lambda: paths.go(paths.FUND))
    if record is None:
        return ft.Container(ft.Column([back, caption(app.t("fund_no_applications"))], tight=True), padding=Space.XL)
    content = record.content

    def put(key: str) -> Any:
        return lambda e: set_form({**form, key: e.control.value or ""})

    stage_words = name(STAGE_NAMES, record.stage, lang)
    top: list[ft.Control] = [
        ft.Row([back, ft.Text(content.title_fa if lang == "fa" else (content.title_en or content.title_fa),
                              style=Type.TITLE, color=Tone.TEXT, expand=True)]),
        caption(app.t("fund_tracking", no=i18n.ltr(digits(record.tracking_no, lang)))),
        ft.Text(stage_words, style=Type.BODY_STRONG, color=Tone.PRIMARY, data=f"fund-stage-{record.stage}"),
    ]  # fmt: skip
    if record.state is not None:
        top.append(caption(app.t("fund_state", state=name(STATE_NAMES, record.state, lang))))
    top += timing_lines(state, record)
    top += award_links(state, record)
    warning = guarantees_card(state, record.id)
    if warning is not None:
        top.append(warning)
    facts = [
        fact(app.t("fund_requested"), money(content.requested_irr, lang)),
        fact(app.t("fund_field_trl_now"), num(content.trl_now, lang)),
        fact(app.t("fund_field_trl_target"), num(content.trl_target, lang)),
        fact(app.t("fund_field_fx"), num(content.fx_saving_planned_eur, lang)),
    ]
    body: list[ft.Control] = [*top, section(app.t("fund_section_project"), [caption(content.summary), *facts])]
    call = state.client.call(record.call_id)
    body.append(
        section(app.t("fund_section_documents"), documents_section_lines(state, call, content.attachments,
                                         on_open=lambda ref: save_copy(state, picker, web, ref)),
                data="fund-documents")
    )  # fmt: skip
    if record.decision is not None:
        d = record.decision
        lines: list[ft.Control] = [
            ft.Text(
                app.t(f"fund_outcome_{d.outcome.value}"),
                style=Type.BODY_STRONG,
                color=Tone.TEXT,
                data=f"fund-decision-{d.outcome.value}",
            ),
            caption(when(d.decided_at, lang)),
        ]
        if d.amount_irr:
            lines.append(ft.Text(app.t("fund_awarded", amount=money(d.amount_irr, lang)), style=Type.BODY))
        if d.note_to_applicant:
            lines.append(ft.Text(d.note_to_applicant, style=Type.BODY, color=Tone.TEXT))
        body.append(section(app.t("fund_decision"), lines, data="fund-decision"))
    if record.feedback:
        notes = [ft.Text("• " + f.note, style=Type.BODY) for f in record.feedback]
        body.append(section(app.t("fund_notes_to_you"), notes,
                            data="fund-feedback"))  # fmt: skip
    history = [
        caption(f"{when(h.at, lang)} — {name(STAGE_NAMES, h.to_stage, lang) if h.to_stage else h.type}"
                + (f": {h.note_to_applicant}" if h.note_to_applicant else ""))
        for h in record.history
    ]  # fmt: skip
    if history:
        body.append(section(app.t("fund_history"), history))
    for pending in state.pending(record.id):
        body.append(
            caption(
                app.t("fund_pending", what=pending["type"]) + (f" — {pending['reason']}" if pending["reason"] else "")
            )
        )
    role = state.role
    body += late_part(state, record, kept)
    body += withdraw_part(state, record, kept, asked, lambda: set_asked(True))
    if role == "supplier" and record.stage in (Stage.MORE_INFO, Stage.RETURNED):
        body.append(
            ft.FilledButton(content=app.t("fund_revise"), icon=ft.Icons.EDIT,
                            on_click=lambda: _revise(state, record), data="fund-revise")
        )  # fmt: skip
    if role in ("fund_officer", "admin"):
        body.append(_officer(state, record, form, put))
    if role == "reviewer":
        body.append(_reviewer(state, record, form, put))
    return ft.ListView(body, padding=Space.L, spacing=Space.M, expand=True, data="fund-application")


def _revise(state: FundState, record: ApplicationRecord) -> None:
    draft_id = state.revise(record)
    if draft_id:
        paths.go(paths.fund_draft_path(draft_id))


def _officer(state: FundState, record: ApplicationRecord, form: dict[str, str], put: Any) -> ft.Control:
    app = state.app
    a = record.id
    note = form.get("note") or None
    out: list[ft.Control] = [
        ft.TextField(label=app.t("fund_note_to_applicant"), value=form.get("note", ""), on_change=put("note"),
                     multiline=True, dense=True, data="fund-officer-note"),
    ]  # fmt: skip

    def button(key: str, make: Any, data: str) -> ft.Control:
        def click() -> None:
            event = make()
            if event is not None:
                state.move(event)

        return ft.OutlinedButton(content=app.t(key), on_click=click, data=data)

    s = record.state
    buttons: list[ft.Control] = []
    if s in (AppState.SUBMITTED,):
        buttons.append(button("fund_start_screening", lambda: StartScreening(application_id=a), "fund-move-screening"))
    if s is AppState.SCREENING:
        for outcome, key in (("eligible", "fund_screen_eligible"), ("ineligible", "fund_screen_ineligible"),
                             ("more_info", "fund_screen_more_info")):  # fmt: skip
            reasons = [] if outcome == "eligible" else ["other"]
            buttons.append(button(key, lambda o=outcome, r=reasons: state.build(
                Screen, application_id=a, outcome=o, reasons=r, note_to_applicant=note),
                f"fund-move-{outcome}"))  # fmt: skip
    if s in (AppState.ELIGIBLE, AppState.UNDER_REVIEW):
        out.append(ft.TextField(label=app.t("fund_reviewers_field"), value=form.get("reviewers", ""),
                                on_change=put("reviewers"), dense=True, data="fund-officer-reviewers"))  # fmt: skip
        buttons.append(button("fund_assign", lambda: state.build(
            AssignReviewers, application_id=a,
            reviewers=[r.strip() for r in form.get("reviewers", "").replace("،", ",").split(",") if r.strip()]),
            "fund-move-assign"))  # fmt: skip
        buttons.append(
            button("fund_apply_thresholds", lambda: ApplyThresholds(application_id=a), "fund-move-thresholds")
        )
    if s is AppState.COMMITTEE:
        out.append(
            ft.TextField(
                label=app.t("fund_minutes"),
                value=form.get("minutes", ""),
                on_change=put("minutes"),
                multiline=True,
                dense=True,
                data="fund-officer-minutes",
            )
        )
        out.append(ft.TextField(label=app.t("fund_amount_irr"), value=form.get("amount", ""), on_change=put("amount"),
                                dense=True, data="fund-officer-amount"))  # fmt: skip
        amount = "".join(ch for ch in form.get("amount", "") if ch.isdigit())
        for outcome, key in (("approved", "fund_decide_approve"), ("rejected", "fund_decide_reject")):
            buttons.append(button(key, lambda o=outcome: state.build(
                Decide, application_id=a, outcome=o, minutes=form.get("minutes", ""),
                amount_irr=int(amount) if amount and o == "approved" else None, note_to_applicant=note),
                f"fund-move-{outcome}"))  # fmt: skip
    if record.scoring is not None:  # staff only: the criteria's means over the reviews, the weighted overall
        scoring = record.scoring
        for code, mean in scoring.per_criterion.items():
            out.append(fact(code, num(mean, app.lang) + (" ✗" if code in scoring.failed else "")))
        out.append(fact(app.t("fund_overall"), num(scoring.overall, app.lang) + ("" if scoring.passed else " ✗")))
    out.append(ft.Row(buttons, wrap=True, spacing=Space.S, run_spacing=Space.S))
    return section(app.t("fund_officer_moves"), out, data="fund-officer")


def _reviewer(state: FundState, record: ApplicationRecord, form: dict[str, str], put: Any) -> ft.Control:
    app = state.app
    lang = app.lang
    a = record.id
    call = state.client.call(record.call_id)
    mine = next((r for r in state.reviews(a) if r.reviewer == state.username), None)
    out: list[ft.Control] = []
    if mine is None or mine.conflict is None:
        out.append(ft.Row([
            ft.FilledButton(content=app.t("fund_no_conflict"), data="fund-no-conflict",
                            on_click=lambda: state.move(DeclareConflict(application_id=a, conflict=False))),
            ft.OutlinedButton(content=app.t("fund_conflict"), data="fund-conflict",
                              on_click=lambda: state.move(DeclareConflict(application_id=a, conflict=True))),
        ], wrap=True))  # fmt: skip
    elif mine.conflict is False and call is not None:
        for c in call.criteria.criteria:
            out.append(ft.TextField(
                label=app.t("fund_score", name=c.name_fa if lang == "fa" else c.name_en, weight=num(c.weight, lang),
                            threshold=num(c.threshold, lang)),
                value=form.get(f"score_{c.code}", digits(str(mine.scores.get(c.code, "")), lang)),
                on_change=put(f"score_{c.code}"), dense=True, keyboard_type=ft.KeyboardType.NUMBER,
                data=f"fund-score-{c.code}"))  # fmt: skip
        out.append(
            ft.TextField(
                label=app.t("fund_note_to_applicant"),
                value=form.get("note", mine.note_to_applicant or ""),
                on_change=put("note"),
                multiline=True,
                dense=True,
                data="fund-review-note",
            )
        )
        out.append(
            ft.TextField(
                label=app.t("fund_private_note"),
                value=form.get("private", mine.private_note or ""),
                on_change=put("private"),
                multiline=True,
                dense=True,
                data="fund-review-private",
            )
        )

        def send() -> None:
            scores: dict[str, float] = {}
            for c in call.criteria.criteria:
                raw = form.get(f"score_{c.code}", str(mine.scores.get(c.code, ""))).translate(
                    str.maketrans("۰۱۲۳۴۵۶۷۸۹٫", "0123456789.")
                )
                try:
                    scores[c.code] = float(raw)
                except ValueError:
                    continue
            event = state.build(
                Review,
                application_id=a,
                scores=scores,
                note_to_applicant=form.get("note") or None,
                private_note=form.get("private") or None,
            )
            if event is not None:
                state.move(event)

        out.append(ft.FilledButton(content=app.t("fund_send_review"), on_click=send, data="fund-send-review"))
    return section(app.t("fund_reviewer_form"), out, data="fund-reviewer")
