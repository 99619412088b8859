"""One field visit: the checklist with only the questions the answers call for, each answer saved on the device
at once; the visit's date, who was met, its photos and the device's location (with the distance to the
supplier's site); the score per section; findings; the proposed outcome; submit, which seals it read-only.
An admin decides here on a submitted visit. The report (PDF) is made from here."""

from __future__ import annotations

import flet as ft

from models.checklists import Outcome
from models.qualification import DecisionOutcome
from models.visits import LocationSource, Severity, VisitState
from sync.fieldwork import VisitDetail, VisitStatus
from views.shell import i18n, paths
from views.shell.buttons import icon_button
from views.shell.context import use_services
from views.shell.directory_labels import categories_line, supplier_name
from views.shell.export_action import ExportAction, ExportChoice
from views.shell.facts import caption, empty_line, fact, section, written_words
from views.shell.pdf import pdf_available
from views.shell.theme import Space, Tone, Type
from views.shell.typing_field import TypingField
from views.visits.context import use_visits
from views.visits.device_location import Fix, find_location
from views.visits.location_map import PickOnMap, coordinates
from views.visits.photos import photo_picker, photo_strip, pick_for
from views.visits.questions import TYPING_SAVE_SECONDS, QuestionCard
from views.visits.state import VisitsState
from views.visits.visits_list import STATUS_TONES

REPORT_PDF = ExportChoice("pdf", "visit_report_pdf_action", ft.Icons.PICTURE_AS_PDF_OUTLINED, "export-pdf")


def _problem_words(state: VisitsState, detail: VisitDetail) -> list[str]:
    """What still stands between the draft and its submission, in the auditor's words."""
    app = state.app
    template = detail.template
    out: list[str] = []
    for problem in detail.problems:
        field = problem.field
        if field.startswith("answers.") and template is not None:
            question = template.question(field.removeprefix("answers."))
            name = question.text.get(app.lang) if question is not None else field
            out.append(app.t(f"visit_problem_{problem.code}", name=name) if problem.code == "required" else name)
        else:
            out.append(app.t(f"visit_field_{field.replace('.', '_')}"))
    return out


def _header(state: VisitsState, detail: VisitDetail) -> ft.Control:
    app = state.app
    lang = app.lang
    summary = detail.summary
    supplier = summary.supplier
    name = supplier_name(supplier, lang) if supplier is not None else detail.visit.supplier_id
    template = detail.template
    checklist = (
        app.t("visit_report_version", title=template.title.get(lang), version=i18n.digits(str(template.version), lang))
        if template is not None
        else detail.visit.template_key
    )
    status = ft.Text(
        state.status_words(summary), style=Type.LABEL, color=STATUS_TONES[summary.status], data="visit-status"
    )
    lines: list[ft.Control] = [
        ft.Row(
            [
                icon_button(
                    ft.Icons.ARROW_BACK, app.t("visits_back"), on_click=lambda: paths.go(paths.VISITS), data="back"
                ),
                ft.Text(app.t("visit_title"), style=Type.LABEL, color=Tone.MUTED, expand=True),
                ExportAction(
                    lambda _fmt: state.report(detail.visit.id),
                    compact=app.is_phone,
                    busy=False,
                    nothing=False,
                    choices=(REPORT_PDF,),
                    unavailable=frozenset() if pdf_available() else frozenset({"pdf"}),
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        ft.TextButton(
            content=ft.Text(name, style=Type.TITLE, color=Tone.PRIMARY),
            on_click=lambda: paths.go(paths.supplier_path(detail.visit.supplier_id)),
            data="visit-supplier",
        ),
        caption(categories_line(detail.visit.categories, lang, app.directory.tree)),
        caption(checklist),
        status,
    ]
    if summary.editable:
        saved = app.t("visit_saved_on_device")
        lines.append(ft.Text(saved, style=Type.CAPTION, color=Tone.MUTED, data="visit-saved"))
    elif detail.visit.state is not VisitState.DRAFT:
        lines.append(
            ft.Container(
                ft.Text(app.t("visit_sealed_note"), style=Type.BODY, color=Tone.TEXT),
                bgcolor=Tone.CARD_HIGH,
                padding=Space.S,
                border_radius=6,
                data="visit-sealed",
            )
        )
    if summary.resumable:
        lines.append(
            ft.FilledTonalButton(
                content=app.t("visit_resume_here"),
                icon=ft.Icons.EDIT,
                on_click=lambda: state.resume(detail.visit.id),
                data="visit-resume",
            )
        )
    return ft.Column(lines, spacing=Space.XS, tight=True)


def _score_section(state: VisitsState, detail: VisitDetail) -> ft.Control:
    app = state.app
    lang = app.lang
    score = detail.score
    template = detail.template
    if score is None or template is None:
        return section(app.t("visit_report_scores"), [empty_line(app.t("visit_no_checklist"))])
    titles = {s.id: s.title.get(lang) for s in template.sections}
    lines: list[ft.Control] = []
    total = (
        app.t("visit_report_not_scored")
        if score.percent is None
        else app.t("visit_percent", percent=i18n.number(score.percent, lang))
    )
    lines.append(fact(app.t("visit_report_total"), total))
    for s in score.sections:
        if s.percent is None:
            words = app.t("visit_report_not_scored")
            colour = Tone.MUTED
        else:
            verdict = app.t("visit_report_passed" if s.passed else "visit_report_failed")
            words = app.t(
                "visit_report_section_score",
                percent=i18n.number(s.percent, lang),
                pass_mark=i18n.number(s.pass_mark, lang),
                verdict=verdict,
            )
            colour = Tone.TEXT if s.passed else Tone.ERROR
        progress = app.t("visit_progress", answered=i18n.number(s.answered, lang), count=i18n.number(s.asked, lang))
        lines.append(
            ft.Column(
                [
                    ft.Text(titles.get(s.section_id, s.section_id), style=Type.LABEL, color=Tone.MUTED),
                    ft.Text(f"{words} · {progress}", style=Type.BODY, color=colour),
                ],
                spacing=0,
                tight=True,
                data=f"score:{s.section_id}",
            )
        )
    if score.missing_required:  # "suggests: Approved" after two answers of forty read as a verdict
        missing = i18n.number(len(score.missing_required), lang)
        lines.append(caption(app.t("visit_suggestion_pending", count=missing), data="visit-suggestion"))
    else:
        suggested = app.t(f"visit_outcome_{score.suggested.value}")
        lines.append(caption(app.t("visit_report_suggested", outcome=suggested), data="visit-suggestion"))
    if score.critical_failures:
        lines.append(ft.Text(app.t("visit_critical_failed"), style=Type.BODY_STRONG, color=Tone.ERROR))
    return section(app.t("visit_report_scores"), lines, data="visit-scores")


@ft.component
def WhenWhere(detail: VisitDetail) -> ft.Control:
    """The visit's date, who was met, and where it was filled in (the device's location, or typed)."""
    state = use_visits()
    services = use_services()
    app = state.app
    lang = app.lang
    visit = detail.visit
    editable = detail.summary.editable
    date_error, set_date_error = ft.use_state("")
    coords_error, set_coords_error = ft.use_state("")
    typing, set_typing = ft.use_state(False)
    lat, set_lat = ft.use_state("")
    lon, set_lon = ft.use_state("")
    locating, set_locating = ft.use_state(False)
    picking, set_picking = ft.use_state(False)
    problem = state.location_problem_of(visit.id)

    async def locate() -> None:
        set_locating(True)
        try:
            found = await find_location(services.geolocator)
        finally:
            set_locating(False)
        if isinstance(found, Fix):
            state.device_location(visit.id, found.lat, found.lon, found.accuracy_m)
            set_picking(False)
        else:
            state.location_refused(visit.id, found)
            set_picking(True)  # the map at once: where the auditor stands is one tap away

    def save_typed() -> None:
        problem = state.typed_location(visit.id, lat, lon)
        set_coords_error(problem or "")
        if problem is None:
            set_typing(False)

    lines: list[ft.Control] = [
        TypingField(
            i18n.date_to_edit(visit.visited_on, lang) if visit.visited_on else "",
            lambda text: set_date_error(state.set_date(visit.id, "visited_on", text) or ""),
            debounce=TYPING_SAVE_SECONDS,
            label=app.t("visit_report_visited"),
            hint_text=app.t("visit_date_hint"),
            error=date_error or None,
            rtl=False,
            disabled=not editable,
            data="visit-visited-on",
        )
    ]
    if visit.visited_on:
        lines.append(caption(i18n.date(visit.visited_on, lang, with_gregorian=True)))
    lines.append(
        TypingField(
            visit.met_with or "",
            lambda text: state.set_text(visit.id, "met_with", text),
            debounce=TYPING_SAVE_SECONDS,
            label=app.t("visit_report_met_with"),
            disabled=not editable,
            data="visit-met-with",
        )
    )
    # ---- location ----
    lines.append(ft.Text(app.t("visit_report_location"), style=Type.BODY_STRONG, color=Tone.TEXT))
    where = visit.location
    check = detail.location
    if where is None:
        lines.append(empty_line(app.t("visit_location_none")))
    else:
        words = [
            coordinates(where.lat, where.lon, lang),
            app.t(f"visit_location_{where.source.value}"),
        ]
        if where.accuracy_m is not None:
            words.append(app.t("visit_location_accuracy", metres=i18n.number(where.accuracy_m, lang)))
        by_hand = where.source is not LocationSource.DEVICE  # the reviewer weighs a hand-set point differently
        lines.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.TOUCH_APP_OUTLINED if by_hand else ft.Icons.GPS_FIXED, size=18, color=Tone.MUTED),
                    ft.Text(" · ".join(words), style=Type.BODY, color=Tone.TEXT, expand=True),
                ],
                spacing=Space.XS,
                vertical_alignment=ft.CrossAxisAlignment.START,
                data=f"visit-location:{where.source.value}",
            )
        )
        if check.distance_km is None:
            lines.append(caption(app.t("visit_location_no_site")))
        else:
            km = i18n.number(check.distance_km, lang, decimals=1)
            lines.append(
                ft.Text(
                    app.t("visit_location_distance", km=km),
                    style=Type.BODY,
                    color=Tone.ERROR if check.far else Tone.TEXT,
                    data="visit-distance",
                )
            )
            if check.far:
                threshold = i18n.number(check.threshold_km, lang)
                lines.append(
                    ft.Text(app.t("visit_location_far", km=threshold), style=Type.BODY_STRONG, color=Tone.ERROR)
                )
    if problem and editable:
        lines.append(
            ft.Container(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.LOCATION_OFF_OUTLINED, color=Tone.ON_ERROR_CONTAINER, size=20),
                        ft.Text(app.t(problem), style=Type.BODY, color=Tone.ON_ERROR_CONTAINER, expand=True),
                    ],
                    spacing=Space.S,
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
                bgcolor=Tone.ERROR_CONTAINER,
                border_radius=6,
                padding=Space.S,
                data="visit-location-problem",
            )
        )
        lines.append(caption(app.t("visit_location_still_saved")))
    if editable:
        lines.append(
            ft.Row(
                [
                    ft.OutlinedButton(
                        content=app.t("visit_locating") if locating else app.t("visit_use_device_location"),
                        icon=ft.Icons.MY_LOCATION,
                        on_click=locate,
                        disabled=locating,
                        data="visit-locate",
                    ),
                    ft.TextButton(
                        content=app.t("visit_pick_on_map"),
                        icon=ft.Icons.MAP_OUTLINED,
                        on_click=lambda: set_picking(not picking),
                        data="visit-pick-on-map",
                    ),
                    ft.TextButton(
                        content=app.t("visit_type_location"),
                        icon=ft.Icons.EDIT_LOCATION_ALT_OUTLINED,
                        on_click=lambda: set_typing(not typing),
                        data="visit-type-location",
                    ),
                ],
                wrap=True,
                spacing=Space.S,
            )
        )
        # What comes before the map varies (a location saved, a problem cleared): in one column of its own, so the
        # map keeps its place among the section's children and, with it, its zoom and the point just picked.
        lines = [ft.Column(lines, spacing=Space.S, tight=True)]
        if picking:
            lines.append(PickOnMap(detail, lambda: set_picking(False)))
        if typing:
            lines.append(
                ft.Row(
                    [
                        ft.TextField(
                            label=app.t("visit_lat"),
                            value=lat,
                            on_change=lambda e: set_lat(e.control.value or ""),
                            rtl=False,
                            expand=True,
                            data="visit-lat",
                        ),
                        ft.TextField(
                            label=app.t("visit_lon"),
                            value=lon,
                            on_change=lambda e: set_lon(e.control.value or ""),
                            rtl=False,
                            expand=True,
                            data="visit-lon",
                        ),
                        ft.FilledTonalButton(
                            content=app.t("visit_save_location"), on_click=save_typed, data="visit-save-location"
                        ),
                    ],
                    spacing=Space.S,
                    wrap=True,
                )
            )
            if coords_error:
                lines.append(ft.Text(coords_error, color=Tone.ERROR, style=Type.CAPTION))
            lines.append(caption(app.t("visit_lat_lon_hint")))
    return section(app.t("visit_when_where"), lines, data="visit-when-where", stretch=True)


@ft.component
def Findings(detail: VisitDetail) -> ft.Control:
    state = use_visits()
    app = state.app
    visit = detail.visit
    editable = detail.summary.editable
    severity, set_severity = ft.use_state(Severity.MINOR.value)
    text, set_text = ft.use_state("")
    lines: list[ft.Control] = []
    for finding in visit.findings:
        row: list[ft.Control] = [
            ft.Text(app.t(f"visit_severity_{finding.severity.value}"), style=Type.LABEL, color=Tone.PRIMARY),
            # in the direction its words read: an English finding in the Persian layout starts at the left,
            # its wrapped line under its start (it was set right-aligned, «calibration» under «of»)
            written_words(finding.text, style=Type.BODY, color=Tone.TEXT, expand=True),
        ]
        if editable:
            row.append(
                icon_button(
                    ft.Icons.DELETE_OUTLINE,
                    app.t("visit_remove_finding"),
                    on_click=lambda _e, f=finding.id: state.remove_finding(visit.id, f),
                )
            )
        lines.append(ft.Row(row, spacing=Space.S, vertical_alignment=ft.CrossAxisAlignment.START, data="finding"))
    if not visit.findings:
        lines.append(empty_line(app.t("visit_report_no_findings")))
    if editable:

        def add() -> None:
            if state.add_finding(visit.id, severity, text):
                set_text("")

        lines.append(
            ft.Dropdown(
                value=severity,
                options=[ft.DropdownOption(key=s.value, text=app.t(f"visit_severity_{s.value}")) for s in Severity],
                on_select=lambda e: set_severity(e.control.value or Severity.MINOR.value),
                label=app.t("visit_finding_kind"),
                data="finding-severity",
            )
        )
        lines.append(
            ft.TextField(
                value=text,
                on_change=lambda e: set_text(e.control.value or ""),
                label=app.t("visit_finding_text"),
                multiline=True,
                min_lines=1,
                max_lines=4,
                data="finding-text",
            )
        )
        lines.append(
            ft.OutlinedButton(content=app.t("visit_add_finding"), icon=ft.Icons.ADD, on_click=add, data="finding-add")
        )
    return section(app.t("visit_report_findings"), lines, data="visit-findings")


@ft.component
def ProposalSection(detail: VisitDetail) -> ft.Control:
    state = use_visits()
    app = state.app
    lang = app.lang
    visit = detail.visit
    editable = detail.summary.editable
    proposal = visit.proposal
    error, set_error = ft.use_state("")
    outcome = proposal.outcome.value if proposal is not None else None
    reasons = proposal.reasons if proposal is not None and proposal.reasons != "—" else ""
    lines: list[ft.Control] = [
        TypingField(
            visit.summary or "",
            lambda text: state.set_text(visit.id, "summary", text),
            debounce=TYPING_SAVE_SECONDS,
            label=app.t("visit_report_summary"),
            multiline=True,
            min_lines=2,
            max_lines=8,
            disabled=not editable,
            data="visit-summary",
        ),
        ft.RadioGroup(
            value=outcome,
            on_change=lambda e: set_error(state.propose(visit.id, outcome=Outcome(e.control.value)) or ""),
            content=ft.Column(
                [
                    ft.Radio(
                        value=o.value,
                        label=app.t(f"visit_outcome_{o.value}"),
                        disabled=not editable,
                        data=f"proposal:{o.value}",
                    )
                    for o in Outcome
                ],
                spacing=0,
                tight=True,
            ),
        ),
        TypingField(
            reasons,
            lambda text: set_error(state.propose(visit.id, reasons=text) or ""),
            debounce=TYPING_SAVE_SECONDS,
            label=app.t("visit_report_reasons"),
            multiline=True,
            min_lines=1,
            max_lines=6,
            disabled=not editable or outcome is None,
            data="proposal-reasons",
        ),
    ]
    if outcome == Outcome.CONDITIONAL.value:
        due = proposal.conditions_due if proposal is not None else None
        lines += [
            TypingField(
                (proposal.conditions or "") if proposal is not None else "",
                lambda text: set_error(state.propose(visit.id, conditions=text) or ""),
                debounce=TYPING_SAVE_SECONDS,
                label=app.t("visit_report_conditions"),
                multiline=True,
                disabled=not editable,
                data="proposal-conditions",
            ),
            TypingField(
                i18n.date_to_edit(due, lang) if due else "",
                lambda text: set_error(state.propose(visit.id, conditions_due=text) or ""),
                debounce=TYPING_SAVE_SECONDS,
                label=app.t("visit_report_conditions_due"),
                hint_text=app.t("visit_date_hint"),
                rtl=False,
                disabled=not editable,
                data="proposal-due",
            ),
        ]
        if due:
            lines.append(caption(i18n.date(due, lang, with_gregorian=True)))
    if error:
        lines.append(ft.Text(error, color=Tone.ERROR, style=Type.CAPTION))
    return section(app.t("visit_report_proposal"), lines, data="visit-proposal", stretch=True)


@ft.component
def SubmitSection(detail: VisitDetail) -> ft.Control:
    state = use_visits()
    app = state.app
    visit = detail.visit
    confirming, set_confirming = ft.use_state(False)
    problems = _problem_words(state, detail)
    lines: list[ft.Control] = []
    if problems:
        lines.append(
            ft.Text(app.t("visit_missing", count=i18n.number(len(problems), app.lang)), style=Type.BODY_STRONG)
        )
        lines += [ft.Text("• " + p, style=Type.BODY, color=Tone.ERROR) for p in problems[:12]]
        if len(problems) > 12:
            lines.append(caption(app.t("visit_missing_more", count=i18n.number(len(problems) - 12, app.lang))))
    else:
        lines.append(ft.Text(app.t("visit_ready"), style=Type.BODY, color=Tone.TEXT))
    buttons: list[ft.Control] = []
    if confirming:
        lines.append(ft.Text(app.t("visit_submit_confirm"), style=Type.BODY_STRONG, color=Tone.TEXT))

        def seal() -> None:
            set_confirming(False)
            state.submit(visit.id)

        buttons += [
            ft.FilledButton(
                content=app.t("visit_submit_seal"), icon=ft.Icons.LOCK_OUTLINE, on_click=seal, data="visit-seal"
            ),
            ft.TextButton(content=app.t("visit_cancel"), on_click=lambda: set_confirming(False)),
        ]
    else:
        buttons.append(
            ft.FilledButton(
                content=app.t("visit_submit"),
                icon=ft.Icons.SEND,
                disabled=bool(problems),
                on_click=lambda: set_confirming(True),
                data="visit-submit",
            )
        )
        buttons.append(
            ft.TextButton(
                content=app.t("visit_discard"),
                icon=ft.Icons.DELETE_OUTLINE,
                on_click=lambda: (state.discard(visit.id), paths.go(paths.VISITS)),
                data="visit-discard",
            )
        )
    lines.append(ft.Row(buttons, wrap=True, spacing=Space.S))
    lines.append(caption(app.t("visit_submit_offline")))
    return section(app.t("visit_submit_title"), lines, data="visit-submit-section")


def _decision_section(state: VisitsState, detail: VisitDetail) -> ft.Control | None:
    decision = detail.decision
    if decision is None:
        return None
    app = state.app
    lang = app.lang
    lines: list[ft.Control] = [
        ft.Text(app.t(f"visit_outcome_{decision.outcome.value}"), style=Type.SECTION, color=Tone.PRIMARY),
        fact(app.t("visit_report_decided_by"), app.t("visit_report_decided", by=decision.decided_by,
                                                      date=i18n.date(decision.since, lang, with_gregorian=True))),
        fact(app.t("visit_report_reasons"), decision.reasons),
    ]  # fmt: skip
    if decision.expires:
        lines.append(fact(app.t("visit_report_valid_until"), i18n.date(decision.expires, lang, with_gregorian=True)))
    if decision.conditions:
        lines.append(fact(app.t("visit_report_conditions"), decision.conditions))
    if decision.conditions_due:
        lines.append(fact(app.t("visit_report_conditions_due"), i18n.date(decision.conditions_due, lang)))
    return section(app.t("visit_report_decision"), lines, data="visit-decision")


@ft.component
def DecideSection(detail: VisitDetail) -> ft.Control:
    """An admin's decision on a submitted visit: approve, conditional (conditions and a date), reject, re-visit."""
    state = use_visits()
    app = state.app
    visit = detail.visit
    outcome, set_outcome = ft.use_state(DecisionOutcome.APPROVED.value)
    reasons, set_reasons = ft.use_state("")
    conditions, set_conditions = ft.use_state("")
    due, set_due = ft.use_state("")
    error, set_error = ft.use_state("")
    if state.work.decision_waiting(visit.id):
        return section(app.t("visit_decide_title"), [ft.Text(app.t("visit_decision_waiting"), style=Type.BODY)],
                       data="visit-decide")  # fmt: skip
    check = detail.location
    facts_lines: list[ft.Control] = []
    if check.far:
        facts_lines.append(ft.Text(app.t("visit_far_flag"), style=Type.BODY_STRONG, color=Tone.ERROR))
    lines: list[ft.Control] = [
        *facts_lines,
        ft.RadioGroup(
            value=outcome,
            on_change=lambda e: set_outcome(e.control.value or DecisionOutcome.APPROVED.value),
            content=ft.Column(
                [
                    ft.Radio(value=o.value, label=app.t(f"visit_outcome_{o.value}"), data=f"decide:{o.value}")
                    for o in DecisionOutcome
                ],
                spacing=0,
                tight=True,
            ),
        ),
        ft.TextField(
            value=reasons,
            on_change=lambda e: set_reasons(e.control.value or ""),
            label=app.t("visit_report_reasons"),
            multiline=True,
            data="decide-reasons",
        ),
    ]
    if outcome == DecisionOutcome.CONDITIONAL.value:
        lines += [
            ft.TextField(
                value=conditions,
                on_change=lambda e: set_conditions(e.control.value or ""),
                label=app.t("visit_report_conditions"),
                multiline=True,
                data="decide-conditions",
            ),
            ft.TextField(
                value=due,
                on_change=lambda e: set_due(e.control.value or ""),
                label=app.t("visit_report_conditions_due"),
                hint_text=app.t("visit_date_hint"),
                rtl=False,
                data="decide-due",
            ),
        ]
    if error:
        lines.append(ft.Text(error, color=Tone.ERROR, style=Type.CAPTION))

    def decide() -> None:
        set_error(state.decide(visit.id, outcome, reasons, conditions, due) or "")

    lines.append(ft.FilledButton(content=app.t("visit_decide"), icon=ft.Icons.GAVEL, on_click=decide, data="decide"))
    lines.append(caption(app.t("visit_decide_terms")))
    return section(app.t("visit_decide_title"), lines, data="visit-decide")


@ft.component
def VisitView() -> ft.Control:
    state = use_visits()
    services = use_services()
    app = state.app
    visit_id = paths.use_path_id("/visit/")
    detail = state.visit(visit_id)
    if detail is None:
        return ft.ListView(
            [
                icon_button(ft.Icons.ARROW_BACK, app.t("visits_back"), on_click=lambda: paths.go(paths.VISITS)),
                empty_line(app.t("visit_missing_id", id=visit_id)),
            ],
            padding=Space.L,
            expand=True,
            data="visit-missing",
        )
    visit = detail.visit
    editable = detail.summary.editable
    pick = photo_picker(state, services.file_picker, visit.id)
    controls: list[ft.Control] = [_header(state, detail)]
    decision = _decision_section(state, detail)
    if decision is not None:
        controls.append(decision)
    if state.admin and visit.state is VisitState.SUBMITTED and detail.decision is None:
        controls.append(DecideSection(detail, key=f"decide-{visit.id}"))
    controls.append(_score_section(state, detail))
    controls.append(WhenWhere(detail, key=f"where-{visit.id}"))
    template = detail.template
    if template is not None:
        by_question: dict[str, list[str]] = {}
        for ref in visit.photos:
            if ref.question:
                by_question.setdefault(ref.question, []).append(ref.sha256)
        for sec in template.sections:
            shown = [q for q in sec.questions if q.id in detail.asked]
            if not shown:
                continue
            cards: list[ft.Control] = []
            if sec.intro is not None:
                cards.append(caption(sec.intro.get(app.lang)))
            for q in shown:
                cards.append(
                    QuestionCard(
                        visit.id,
                        q,
                        visit.answers.get(q.id),
                        visit.notes.get(q.id, ""),
                        editable,
                        tuple(by_question.get(q.id, ())),
                        pick,
                        key=f"q-{visit.id}-{q.id}",
                    )
                )
            controls.append(section(sec.title.get(app.lang), cards, data=f"visit-section:{sec.id}"))
    general = [p.sha256 for p in visit.photos if not p.question]
    photo_lines: list[ft.Control] = [caption(app.t("visit_photos_note"))]
    with_questions = len(visit.photos) - len(general)
    if general:
        photo_lines.append(photo_strip(state, visit.id, general, editable))
    elif with_questions:  # «No photo added» under a visit with three photos read as if they were lost
        count = i18n.number(with_questions, app.lang)
        photo_lines.append(caption(app.t("visit_photos_with_questions", count=count), data="visit-photos-elsewhere"))
    else:
        photo_lines.append(empty_line(app.t("visit_no_photos")))
    if editable:
        photo_lines.append(
            ft.OutlinedButton(
                content=app.t("visit_adding_photos") if state.busy == "photos" else app.t("visit_add_photos"),
                icon=ft.Icons.ADD_A_PHOTO_OUTLINED,
                on_click=pick_for(pick, None),
                disabled=state.busy == "photos",
                data="visit-add-photos",
            )
        )
    controls.append(section(app.t("visit_report_photos"), photo_lines, data="visit-photos"))
    controls.append(Findings(detail, key=f"findings-{visit.id}"))
    controls.append(ProposalSection(detail, key=f"proposal-{visit.id}"))
    if editable:
        controls.append(SubmitSection(detail, key=f"submit-{visit.id}"))
    if detail.summary.status is VisitStatus.REFUSED:
        controls.append(ft.Text(state.status_words(detail.summary), color=Tone.ERROR, style=Type.BODY_STRONG))
    controls.append(caption(app.t("visit_report_ids", id=visit.id)))
    return ft.ListView(controls, padding=Space.L, spacing=Space.M, expand=True, data="visit-detail")
