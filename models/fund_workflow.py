"""The application workflow: who may make which move from which state, and what each move does.

``MOVES`` is the table (docs/fund.md prints it): for each event, the actors who may make it and the
states it starts from. ``decide`` is the one function the server calls for a pushed event: it finds
the actor (``actor_of``), checks the table and the move's own rules, and returns the records to store —
or raises ``FundRefused`` with a stable code and parameters (the push answer's ``rejected`` reason).
The device runs the same checks to show only the moves its account may make (``allowed_events``).

Pure: the caller hands in everything a move depends on (``Context``: the server's clock, the call, the
programme, the applicant's directory entry, the reviewer accounts, the application's reviews, the
next tracking number).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from models.fund_applications import ApplicationContent, content_json, content_sha256, seal_problems
from models.fund_award import add_months
from models.fund_eligibility import guarantee_estimate, supplier_reasons
from models.fund_events import (
    ApplyThresholds,
    AssignReviewers,
    Close,
    Decide,
    DeclareConflict,
    Disburse,
    EventType,
    FundEvent,
    JudgeLate,
    MilestoneEvidence,
    RecordRepayment,
    Review,
    ReviewMilestone,
    Screen,
    SignAgreement,
    StartScreening,
    Submit,
    VerifyFx,
    Withdraw,
    note,
)
from models.fund_programmes import Call, Instrument, Programme, ProgrammeStatus, tehran
from models.fund_records import (
    REVISABLE_STATES,
    Agreement,
    ApplicationRecord,
    AppState,
    Assignment,
    Closure,
    ClosureOutcome,
    Collateral,
    Decision,
    DecisionOutcome,
    Disbursement,
    Feedback,
    FxSaving,
    HistoryEntry,
    IssuedGuarantee,
    Milestone,
    MilestoneState,
    Repayment,
    ReviewHistoryEntry,
    ReviewRecord,
    Revision,
    Screening,
    ScreeningOutcome,
    Stage,
    Timing,
    stage_of,
)
from models.fund_scoring import apply_thresholds, score_problem
from models.orgs import Role
from models.suppliers import Supplier


class Actor(StrEnum):
    """Who someone is to one application."""

    APPLICANT = "applicant"  # an account of the supplier that applied
    OFFICER = "officer"  # a fund officer or an admin of the association
    REVIEWER = "reviewer"  # a reviewer assigned to it who has not declared a conflict


@dataclass(frozen=True)
class Reader:
    """A signed-in account as the Fund's rules see it."""

    username: str
    role: Role
    org_id: str | None = None


def actor_of(reader: Reader, record: ApplicationRecord | None) -> Actor | None:
    """What ``reader`` is to ``record`` (None: nothing — they may not even see it)."""
    if record is None:
        return None
    if reader.role in (Role.FUND_OFFICER, Role.ADMIN):
        return Actor.OFFICER
    if reader.role is Role.SUPPLIER and reader.org_id is not None and reader.org_id == record.supplier_id:
        return Actor.APPLICANT
    if reader.role is Role.REVIEWER:
        assignment = record.assignment(reader.username)
        if assignment is not None and assignment.active:
            return Actor.REVIEWER
    return None


@dataclass(frozen=True)
class Move:
    actors: frozenset[Actor]
    #: States the move starts from; None stands for "no application yet" (a first submission).
    from_states: frozenset[AppState | None]
    #: Where it goes; None when the move decides (screening, thresholds, the committee) or stays put.
    to: AppState | None = None


_BEFORE_DECISION = frozenset(
    {
        AppState.SUBMITTED,
        AppState.LATE,
        AppState.SCREENING,
        AppState.MORE_INFO,
        AppState.ELIGIBLE,
        AppState.UNDER_REVIEW,
        AppState.COMMITTEE,
        AppState.RETURNED,
        AppState.APPROVED,
        AppState.APPROVED_CONDITIONAL,
    }
)
_A, _O, _R = Actor.APPLICANT, Actor.OFFICER, Actor.REVIEWER

#: The workflow: every move, who makes it, from where (docs/fund.md, "The workflow").
MOVES: dict[EventType, Move] = {
    EventType.SUBMIT: Move(frozenset({_A}), frozenset({None, *REVISABLE_STATES})),
    EventType.WITHDRAW: Move(frozenset({_A}), _BEFORE_DECISION, AppState.WITHDRAWN),
    EventType.START_SCREENING: Move(frozenset({_O}), frozenset({AppState.SUBMITTED}), AppState.SCREENING),
    EventType.SCREEN: Move(frozenset({_O}), frozenset({AppState.SUBMITTED, AppState.SCREENING})),
    EventType.JUDGE_LATE: Move(frozenset({_O}), frozenset({AppState.LATE})),
    EventType.ASSIGN_REVIEWERS: Move(
        frozenset({_O}), frozenset({AppState.ELIGIBLE, AppState.UNDER_REVIEW}), AppState.UNDER_REVIEW
    ),
    EventType.DECLARE_CONFLICT: Move(frozenset({_R}), frozenset({AppState.UNDER_REVIEW})),
    EventType.REVIEW: Move(frozenset({_R}), frozenset({AppState.UNDER_REVIEW})),
    EventType.APPLY_THRESHOLDS: Move(frozenset({_O}), frozenset({AppState.UNDER_REVIEW})),
    EventType.DECIDE: Move(frozenset({_O}), frozenset({AppState.COMMITTEE})),
    EventType.SIGN_AGREEMENT: Move(
        frozenset({_O}), frozenset({AppState.APPROVED, AppState.APPROVED_CONDITIONAL}), AppState.ACTIVE
    ),
    EventType.MILESTONE_EVIDENCE: Move(frozenset({_A}), frozenset({AppState.ACTIVE})),
    EventType.REVIEW_MILESTONE: Move(frozenset({_O}), frozenset({AppState.ACTIVE})),
    EventType.DISBURSE: Move(frozenset({_O}), frozenset({AppState.ACTIVE})),
    EventType.RECORD_REPAYMENT: Move(frozenset({_O}), frozenset({AppState.ACTIVE, AppState.CLOSED})),
    EventType.VERIFY_FX: Move(frozenset({_O}), frozenset({AppState.ACTIVE, AppState.CLOSED})),
    EventType.CLOSE: Move(frozenset({_O}), frozenset({AppState.ACTIVE}), AppState.CLOSED),
}

#: Roles that never make a Fund move, whatever the application (answered before anything is looked up).
NO_FUND_ROLES = frozenset({Role.MEMBER, Role.FIELD_STAFF})


class FundRefused(Exception):
    """A move the rules do not allow: ``code`` is stable (the push answer's ``rejected`` reason starts with it)
    and ``params`` carries what the app needs to word it."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Context:
    """Everything a move depends on beyond the application and the event."""

    reader: Reader
    now: dt.datetime  # the server's clock (aware)
    event_id: str
    call: Call | None = None
    programme: Programme | None = None
    supplier: Supplier | None = None
    #: Usernames of enabled accounts with the reviewer role.
    reviewer_accounts: frozenset[str] = frozenset()
    #: This application's reviews by reviewer.
    reviews: Mapping[str, ReviewRecord] = field(default_factory=dict)
    #: The tracking number a first submission gets (the server draws it).
    tracking_no: Callable[[], str] | None = None
    #: The applicant's other applications to the call, withdrawn ones aside (first submissions only).
    applications_in_call: int = 0


@dataclass(frozen=True)
class Outcome:
    """What a move changes: the application (None: unchanged) and one review (None: none)."""

    record: ApplicationRecord | None
    review: ReviewRecord | None = None


def check_move(reader: Reader, record: ApplicationRecord | None, event_type: EventType) -> Actor:
    """The actor ``reader`` is for this move, or ``FundRefused``: ``role_may_not_act`` for roles that never
    make it, ``no_such_application`` for an application they may not see (whether or not it exists),
    ``state_move_not_allowed`` from the wrong state."""
    event_type = EventType(event_type)
    move = MOVES[event_type]
    if reader.role in NO_FUND_ROLES:
        raise FundRefused("role_may_not_act", f"a {reader.role.value} account makes no Fund moves", role=reader.role)
    if record is None:
        if event_type is not EventType.SUBMIT:
            raise FundRefused("no_such_application", "no such application")
        if reader.role is not Role.SUPPLIER:
            raise FundRefused("role_may_not_act", "only a supplier submits an application", role=reader.role)
        return Actor.APPLICANT
    actor = actor_of(reader, record)
    if actor is None:
        raise FundRefused("no_such_application", "no such application")
    if actor not in move.actors:
        message = f"{actor.value} does not make the move {event_type.value}"
        raise FundRefused("role_may_not_act", message, actor=actor, event=event_type)
    assert record.state is not None
    if record.state not in move.from_states:
        raise FundRefused(
            "state_move_not_allowed",
            f"{event_type.value} is not a move from {record.state.value}",
            state=record.state,
            event=event_type,
        )
    return actor


def allowed_events(reader: Reader, record: ApplicationRecord) -> list[EventType]:
    """The moves ``reader`` may make on ``record`` now, by the table (a move's own rules may still refuse)."""
    out: list[EventType] = []
    for event_type in MOVES:
        try:
            check_move(reader, record, event_type)
        except FundRefused:
            continue
        out.append(event_type)
    return out


def decide(record: ApplicationRecord | None, event: FundEvent, ctx: Context) -> Outcome:
    """Apply ``event`` to ``record`` as ``ctx.reader``: the records to store, or ``FundRefused``."""
    event_type = EventType(event.type)
    actor = check_move(ctx.reader, record, event_type)
    if isinstance(event, Submit):
        return _submit(record, event, ctx) if record is not None else _first_submission(event, ctx)
    assert record is not None
    handler = _HANDLERS[event_type]
    return handler(_Step(record, ctx, actor, event_type), event)


# ---- helpers -------------------------------------------------------------------------------------------
class _Step:
    """One move under way: a deep copy of the record to change, and how to record the move in its history."""

    def __init__(self, record: ApplicationRecord, ctx: Context, actor: Actor, event_type: EventType) -> None:
        self.before = record
        self.record = record.model_copy(deep=True)
        self.ctx = ctx
        self.actor = actor
        self.event_type = event_type

    def done(
        self, to: AppState | None = None, *, note_to_applicant: str | None = None, public: bool = False
    ) -> Outcome:
        record, before = self.record, self.before
        assert before.state is not None
        if to is not None:
            record.state = to
        assert record.state is not None
        record.stage = stage_of(record.state, record.closure)
        record.updated_at = self.ctx.now
        shown = public or self.actor is Actor.APPLICANT or record.stage != before.stage or bool(note_to_applicant)
        record.history.append(
            HistoryEntry(
                event_id=self.ctx.event_id,
                type=self.event_type.value,
                from_state=before.state,
                to_state=record.state,
                to_stage=record.stage,
                at=self.ctx.now,
                by=self.ctx.reader.username,
                role=self.ctx.reader.role.value,
                public=shown,
                note_to_applicant=note_to_applicant,
            )
        )
        return Outcome(ApplicationRecord.model_validate(record.model_dump(mode="json")))


def _validated_content(raw: dict[str, Any]) -> ApplicationContent:
    try:
        return ApplicationContent.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'content'}: {e['msg']}" for e in error.errors(include_url=False)
        )
        raise FundRefused("invalid_data", f"content: {problems}") from None


def _check_seal(event: Submit, content: ApplicationContent, revision: int) -> None:
    if event.seal.revision != revision:
        raise FundRefused("revision_mismatch", f"the next revision is {revision}", expected=revision)
    if content_sha256(content_json(content)) != event.seal.sha256:
        raise FundRefused("hash_mismatch", "the content does not hash to the seal's SHA-256")


def _timing(call: Call, now: dt.datetime, sealed_at: dt.datetime) -> Timing:
    """How a first submission arrives against the deadline, by the server's ``now``; refuses what comes too
    early or too late. ``sealed_at`` (the device's claim) only decides whether a submission past the grace
    period is kept for the Fund to judge."""
    if now < call.opens_at:
        raise FundRefused("call_not_open", "the call is not open yet", opens_at=call.opens_at.isoformat())
    if now <= call.closes_at:
        return Timing.ON_TIME
    if now <= call.grace_ends_at:
        return Timing.IN_GRACE
    if sealed_at <= call.closes_at:
        return Timing.LATE
    raise FundRefused(
        "call_closed",
        "the call closed before this was sealed and its grace period is over",
        closes_at=call.closes_at.isoformat(),
        grace_ends_at=call.grace_ends_at.isoformat(),
        server_time=now.isoformat(),
    )


def _check_problems(content: ApplicationContent, call: Call, programme: Programme) -> None:
    problems = seal_problems(content, call, programme)
    if problems:
        codes = ", ".join(sorted({p.code for p in problems}))
        raise FundRefused("seal_problems", f"the application is not complete: {codes}", problems=problems)


def _first_submission(event: Submit, ctx: Context) -> Outcome:
    reader, call, programme = ctx.reader, ctx.call, ctx.programme
    content = _validated_content(event.content)
    if reader.org_id is None or content.supplier_id != reader.org_id:
        raise FundRefused("not_your_organisation", "a supplier applies in its own name only")
    if call is None or programme is None or content.call_id != call.id:
        raise FundRefused("no_such_call", f"there is no call {content.call_id}")
    if programme.status is not ProgrammeStatus.ACTIVE:
        raise FundRefused("programme_not_active", "the programme takes no applications", status=programme.status)
    _check_seal(event, content, 1)
    timing = _timing(call, ctx.now, event.seal.sealed_at)
    supplier = ctx.supplier
    if supplier is None:
        raise FundRefused("no_such_supplier", f"the directory has no supplier {content.supplier_id}")
    reasons = supplier_reasons(programme, supplier, tehran(ctx.now).date())
    if reasons:
        raise FundRefused("not_eligible", ", ".join(r.code for r in reasons), reasons=reasons)
    if ctx.applications_in_call >= call.max_applications_per_supplier:
        raise FundRefused(
            "application_limit",
            "the supplier has made as many applications to this call as it may",
            limit=call.max_applications_per_supplier,
        )
    _check_problems(content, call, programme)
    if ctx.tracking_no is None:
        raise ValueError("a first submission needs a tracking number")
    state = AppState.LATE if timing is Timing.LATE else AppState.SUBMITTED
    fx = content.fx_saving_planned_eur if content.fx_saving_planned_eur is not None else content.needs_fx_eur or None
    record = ApplicationRecord(
        id=event.application_id,
        call_id=call.id,
        programme_id=programme.id,
        instrument=programme.instrument,
        supplier_id=supplier.id,
        supplier_name_fa=supplier.name_fa,
        supplier_name_en=supplier.name_en,
        province=supplier.province,
        tracking_no=ctx.tracking_no(),
        state=state,
        stage=stage_of(state),
        revisions=[
            Revision(
                revision=1,
                sha256=event.seal.sha256,
                sealed_at=event.seal.sealed_at,
                received_at=ctx.now,
                timing=timing,
                content=content,
            )
        ],
        submitted_at=ctx.now,
        updated_at=ctx.now,
        fx=FxSaving(planned_eur=fx),
        history=[
            HistoryEntry(
                event_id=ctx.event_id,
                type=EventType.SUBMIT.value,
                from_state=None,
                to_state=state,
                to_stage=stage_of(state),
                at=ctx.now,
                by=reader.username,
                role=reader.role.value,
                public=True,
            )
        ],
        demo=call.demo,
    )
    return Outcome(record)


def _submit(record: ApplicationRecord, event: Submit, ctx: Context) -> Outcome:
    """A new revision the Fund asked for: no deadline applies; it goes back to screening."""
    call, programme = ctx.call, ctx.programme
    content = _validated_content(event.content)
    if content.call_id != record.call_id or content.supplier_id != record.supplier_id:
        raise FundRefused("fixed_field", "a revision stays with its call and its supplier")
    _check_seal(event, content, record.revision + 1)
    if call is None or programme is None:
        raise FundRefused("no_such_call", f"there is no call {record.call_id}")
    _check_problems(content, call, programme)
    step = _Step(record, ctx, Actor.APPLICANT, EventType.SUBMIT)
    step.record.revisions.append(
        Revision(
            revision=event.seal.revision,
            sha256=event.seal.sha256,
            sealed_at=event.seal.sealed_at,
            received_at=ctx.now,
            timing=Timing.REQUESTED,
            content=content,
        )
    )
    if content.fx_saving_planned_eur is not None:
        step.record.fx.planned_eur = content.fx_saving_planned_eur
    return step.done(AppState.SCREENING)


def _withdraw(step: _Step, event: Withdraw) -> Outcome:
    return step.done(AppState.WITHDRAWN)


def _start_screening(step: _Step, event: StartScreening) -> Outcome:
    return step.done(AppState.SCREENING)


def _screen(step: _Step, event: Screen) -> Outcome:
    message = note(event.note_to_applicant)
    if event.outcome is ScreeningOutcome.INELIGIBLE and not event.reasons:
        raise FundRefused("reasons_required", "say why the application is not eligible")
    if event.outcome is ScreeningOutcome.MORE_INFO and message is None:
        raise FundRefused("note_required", "say what the applicant must add")
    step.record.screening = Screening(
        outcome=event.outcome,
        reasons=[r.value for r in event.reasons],
        note_to_applicant=message,
        internal_note=note(event.internal_note),
        at=step.ctx.now,
        by=step.ctx.reader.username,
    )
    to = {
        ScreeningOutcome.ELIGIBLE: AppState.ELIGIBLE,
        ScreeningOutcome.INELIGIBLE: AppState.INELIGIBLE,
        ScreeningOutcome.MORE_INFO: AppState.MORE_INFO,
    }[event.outcome]
    return step.done(to, note_to_applicant=message)


def _judge_late(step: _Step, event: JudgeLate) -> Outcome:
    return step.done(
        AppState.SUBMITTED if event.accept else AppState.REFUSED_LATE, note_to_applicant=note(event.note_to_applicant)
    )


def _assign(step: _Step, event: AssignReviewers) -> Outcome:
    ctx, record = step.ctx, step.record
    for username in event.reviewers:
        if username not in ctx.reviewer_accounts:
            raise FundRefused("unknown_reviewer", f"{username} is not a reviewer's account", username=username)
        held = record.assignment(username)
        if held is not None and held.conflict is True:
            raise FundRefused("reviewer_recused", f"{username} declared a conflict", username=username)
    call = ctx.call
    minimum = call.criteria.min_reviewers if call is not None else 2
    if len(event.reviewers) < minimum:
        raise FundRefused("too_few_reviewers", f"at least {minimum} reviewers", min=minimum)
    kept = [a for a in record.reviewers if a.conflict is True or a.username in event.reviewers]
    known = {a.username for a in kept}
    kept += [Assignment(username=u, assigned_at=ctx.now) for u in event.reviewers if u not in known]
    record.reviewers = kept
    return step.done(AppState.UNDER_REVIEW)


def _review_record(step: _Step) -> ReviewRecord:
    ctx = step.ctx
    stored = ctx.reviews.get(ctx.reader.username)
    if stored is not None:
        return stored.model_copy(deep=True)
    return ReviewRecord(
        application_id=step.record.id, reviewer=ctx.reader.username, call_id=step.record.call_id, demo=step.record.demo
    )


def _declare_conflict(step: _Step, event: DeclareConflict) -> Outcome:
    ctx = step.ctx
    assignment = step.record.assignment(ctx.reader.username)
    assert assignment is not None
    review = _review_record(step)
    review.conflict, review.conflict_note = event.conflict, note(event.note)
    review.history.append(
        ReviewHistoryEntry(
            event_id=ctx.event_id, type=EventType.DECLARE_CONFLICT.value, at=ctx.now, conflict=event.conflict
        )
    )
    assignment.conflict, assignment.declared_at = event.conflict, ctx.now
    outcome = step.done()
    return Outcome(outcome.record, review)


def _review(step: _Step, event: Review) -> Outcome:
    ctx, call = step.ctx, step.ctx.call
    assignment = step.record.assignment(ctx.reader.username)
    assert assignment is not None
    if assignment.conflict is not False:
        raise FundRefused("conflict_not_declared", "declare whether you have a conflict of interest first")
    if call is None:
        raise FundRefused("no_such_call", f"there is no call {step.record.call_id}")
    problem = score_problem(call.criteria, event.scores)
    if problem is not None:
        code, params = problem
        raise FundRefused(code, f"the scores do not fit the call's criteria: {params}", **params)
    review = _review_record(step)
    review.scores = dict(event.scores)
    review.recommendation = event.recommendation
    review.note_to_applicant = note(event.note_to_applicant)
    review.private_note = note(event.private_note)
    review.submitted_at = ctx.now
    review.history.append(
        ReviewHistoryEntry(event_id=ctx.event_id, type=EventType.REVIEW.value, at=ctx.now, scores=dict(event.scores))
    )
    return Outcome(None, review)  # the application itself does not change: scores live apart from it


def _released_feedback(reviews: list[ReviewRecord]) -> list[Feedback]:
    """Reviewers' notes to the applicant, without names, in an order that says nothing of who wrote them."""
    notes = sorted({r.note_to_applicant for r in reviews if r.note_to_applicant})
    return [Feedback(note=text) for text in notes]


def _complete_reviews(step: _Step) -> list[ReviewRecord]:
    reviews = step.ctx.reviews
    return [reviews[u] for u in step.record.active_reviewers() if u in reviews and reviews[u].complete]


def _apply_thresholds(step: _Step, event: ApplyThresholds) -> Outcome:
    call, record = step.ctx.call, step.record
    if call is None:
        raise FundRefused("no_such_call", f"there is no call {record.call_id}")
    active = record.active_reviewers()
    done = _complete_reviews(step)
    missing = [u for u in active if u not in {r.reviewer for r in done}]
    if missing:
        raise FundRefused("reviews_missing", f"waiting for {len(missing)} reviews", reviewers=missing)
    if len(done) < call.criteria.min_reviewers:
        raise FundRefused("too_few_reviewers", "not enough reviews", min=call.criteria.min_reviewers)
    record.scoring = apply_thresholds(call.criteria, done, step.ctx.now)
    if record.scoring.passed:
        return step.done(AppState.COMMITTEE)
    record.feedback = _released_feedback(done)
    return step.done(AppState.BELOW_THRESHOLD)


_DECIDED = {
    DecisionOutcome.APPROVED: AppState.APPROVED,
    DecisionOutcome.APPROVED_WITH_CONDITIONS: AppState.APPROVED_CONDITIONAL,
    DecisionOutcome.REJECTED: AppState.REJECTED,
    DecisionOutcome.RETURNED: AppState.RETURNED,
}


def _decide(step: _Step, event: Decide) -> Outcome:
    record = step.record
    approves = event.outcome in (DecisionOutcome.APPROVED, DecisionOutcome.APPROVED_WITH_CONDITIONS)
    if approves and event.amount_irr is None:
        raise FundRefused("amount_required", "an approval says how much")
    if approves and event.amount_irr is not None and event.amount_irr > record.content.requested_irr:
        raise FundRefused("amount_over_request", "more than was applied for", requested=record.content.requested_irr)
    conditions = [text for c in event.conditions if (text := note(c))]
    if event.outcome is DecisionOutcome.APPROVED_WITH_CONDITIONS and not conditions:
        raise FundRefused("conditions_required", "an approval with conditions lists them")
    message = note(event.note_to_applicant)
    record.decision = Decision(
        outcome=event.outcome,
        meeting_no=note(event.meeting_no),
        minutes=note(event.minutes),
        minutes_sha256=event.minutes_sha256,
        amount_irr=event.amount_irr if approves else None,
        conditions=conditions,
        note_to_applicant=message,
        decided_at=step.ctx.now,
        by=step.ctx.reader.username,
    )
    record.feedback = _released_feedback(_complete_reviews(step))
    return step.done(_DECIDED[event.outcome], note_to_applicant=message)


def _sign(step: _Step, event: SignAgreement) -> Outcome:
    record, programme = step.record, step.ctx.programme
    if programme is None:
        raise FundRefused("no_such_call", f"there is no programme {record.programme_id}")
    decision = record.decision
    approved = decision.amount_irr if decision is not None and decision.amount_irr is not None else 0
    if event.amount_irr > approved:
        raise FundRefused("amount_over_decision", "more than the committee approved", approved=approved)
    if programme.is_loan or programme.instrument is Instrument.INTEREST_SUBSIDY:
        rates = programme.rate_pct
        if event.rate_pct is None or rates is None or not rates.min <= event.rate_pct <= rates.max:
            raise FundRefused(
                "rate_out_of_range",
                "the rate is outside the programme's",
                min=rates.min if rates else None,
                max=rates.max if rates else None,
            )
    terms = programme.term_months
    if terms is not None and (event.term_months is None or not terms.min <= event.term_months <= terms.max):
        raise FundRefused("term_out_of_range", "the term is outside the programme's", min=terms.min, max=terms.max)
    if event.grace_months and event.grace_months > (programme.grace_months_max or 0):
        raise FundRefused("grace_too_long", "more grace than the programme gives", max=programme.grace_months_max or 0)
    guarantees = _guarantees(programme, event)
    if programme.instrument is not Instrument.GUARANTEE:
        if not event.milestones:
            raise FundRefused("milestones_required", "an agreement pays in tranches against milestones")
        tranches = sum(m.tranche_irr for m in event.milestones)
        if tranches != event.amount_irr:
            raise FundRefused("tranches_not_amount", "the tranches add up to the amount", tranches=tranches)
    ids = [m.id for m in event.milestones]
    if len(set(ids)) != len(ids):
        raise FundRefused("invalid_data", "milestones: ids repeat")
    record.agreement = Agreement(
        contract_no=event.contract_no.strip(),
        amount_irr=event.amount_irr,
        rate_pct=event.rate_pct,
        term_months=event.term_months,
        grace_months=event.grace_months,
        collateral=[Collateral(**c.model_dump()) for c in event.collateral],
        guarantees=guarantees,
        start_date=event.start_date,
        signed_on=event.signed_on,
        milestones=[Milestone(**m.model_dump()) for m in event.milestones],
    )
    return step.done(AppState.ACTIVE)


def _guarantees(programme: Programme, event: SignAgreement) -> list[IssuedGuarantee]:
    if programme.guarantee is None:
        if event.guarantees:
            raise FundRefused("guarantee_not_offered", "the programme issues no guarantees")
        return []
    if not event.guarantees:
        raise FundRefused("guarantees_required", "a guarantee agreement lists the guarantees issued")
    terms = programme.guarantee
    issued: list[IssuedGuarantee] = []
    for g in event.guarantees:
        if g.kind not in terms.kinds:
            raise FundRefused("guarantee_kind_not_offered", f"{g.kind.value} is not offered", kind=g.kind)
        estimate = guarantee_estimate(programme, g.amount_irr, g.months, g.security)
        if estimate.deposit_max_irr and not terms.deposit_pct_min <= g.deposit_pct <= terms.deposit_pct_max:
            raise FundRefused(
                "deposit_out_of_range", "the deposit is outside the programme's", min=terms.deposit_pct_min,
                max=terms.deposit_pct_max,
            )  # fmt: skip
        deposit = round(g.amount_irr * g.deposit_pct / 100) if estimate.deposit_max_irr else 0
        expires = add_months(event.start_date, g.months)
        issued.append(
            IssuedGuarantee(
                kind=g.kind,
                beneficiary=g.beneficiary.strip(),
                amount_irr=g.amount_irr,
                months=g.months,
                security=g.security,
                deposit_irr=deposit,
                fee_irr=estimate.fee_irr,
                expires_on=expires,
            )
        )
    if sum(g.amount_irr for g in issued) > event.amount_irr:
        raise FundRefused("over_agreement", "the guarantees add up to more than the agreement")
    return issued


def _milestone(step: _Step, milestone_id: str) -> Milestone:
    agreement = step.record.agreement
    found = agreement.milestone(milestone_id) if agreement is not None else None
    if found is None:
        raise FundRefused("no_such_milestone", f"no milestone {milestone_id}", milestone_id=milestone_id)
    return found


def _milestone_evidence(step: _Step, event: MilestoneEvidence) -> Outcome:
    milestone = _milestone(step, event.milestone_id)
    if milestone.state not in (MilestoneState.PLANNED, MilestoneState.CHANGES_REQUESTED):
        raise FundRefused("milestone_state", f"the milestone is {milestone.state.value}", state=milestone.state)
    known = {a.sha256 for a in milestone.evidence}
    milestone.evidence += [a for a in event.attachments if a.sha256 not in known]
    milestone.note_from_applicant = note(event.note)
    milestone.state, milestone.submitted_at = MilestoneState.SUBMITTED, step.ctx.now
    return step.done()


def _review_milestone(step: _Step, event: ReviewMilestone) -> Outcome:
    milestone = _milestone(step, event.milestone_id)
    message = note(event.note_to_applicant)
    if milestone.state is MilestoneState.ACCEPTED:
        raise FundRefused("milestone_state", "the milestone is accepted already", state=milestone.state)
    if event.accept:
        if not milestone.evidence and event.visit_id is None:
            raise FundRefused("evidence_missing", "a milestone is accepted on documents or a field visit")
        milestone.state, milestone.accepted_at = MilestoneState.ACCEPTED, step.ctx.now
    else:
        if milestone.state is not MilestoneState.SUBMITTED:
            raise FundRefused("milestone_state", f"the milestone is {milestone.state.value}", state=milestone.state)
        if message is None:
            raise FundRefused("note_required", "say what the applicant must change")
        milestone.state = MilestoneState.CHANGES_REQUESTED
    if event.visit_id is not None:
        milestone.visit_id = event.visit_id
    milestone.note_to_applicant = message
    return step.done(note_to_applicant=message, public=True)


def _disburse(step: _Step, event: Disburse) -> Outcome:
    record = step.record
    if record.instrument is Instrument.GUARANTEE:
        raise FundRefused("no_disbursement", "a guarantee is issued, not paid out")
    milestone = _milestone(step, event.milestone_id)
    if milestone.state is not MilestoneState.ACCEPTED:
        raise FundRefused("milestone_not_accepted", "money follows an accepted milestone", state=milestone.state)
    remaining = milestone.tranche_irr - milestone.disbursed_irr
    if event.amount_irr > remaining:
        raise FundRefused("over_tranche", "more than is left of the milestone's tranche", remaining=remaining)
    milestone.disbursed_irr += event.amount_irr
    record.disbursements.append(
        Disbursement(
            id=step.ctx.event_id,
            milestone_id=milestone.id,
            amount_irr=event.amount_irr,
            paid_on=event.paid_on,
            bank_ref=note(event.bank_ref),
            at=step.ctx.now,
        )
    )
    return step.done(public=True)


def _repayment(step: _Step, event: RecordRepayment) -> Outcome:
    record = step.record
    if record.instrument not in (
        Instrument.PREFERENTIAL_LOAN,
        Instrument.INTEREST_FREE_LOAN,
        Instrument.LEASING,
        Instrument.INSTALMENT_SALE,
    ):
        raise FundRefused("not_a_loan", "only a loan is repaid")
    record.repayments.append(
        Repayment(
            id=step.ctx.event_id,
            amount_irr=event.amount_irr,
            paid_on=event.paid_on,
            note=note(event.note),
            at=step.ctx.now,
        )
    )
    return step.done(public=True)


def _verify_fx(step: _Step, event: VerifyFx) -> Outcome:
    fx = step.record.fx
    fx.verified_eur, fx.verified_on = event.verified_eur, event.verified_on
    fx.note, fx.visit_id = note(event.note), event.visit_id
    return step.done(public=True)


def _close(step: _Step, event: Close) -> Outcome:
    agreement = step.record.agreement
    if event.outcome is ClosureOutcome.COMPLETED and agreement is not None:
        open_ones = [m.id for m in agreement.milestones if m.state is not MilestoneState.ACCEPTED]
        if open_ones:
            raise FundRefused("milestones_open", "milestones are not all accepted", milestones=open_ones)
    message = note(event.note_to_applicant)
    step.record.closure = Closure(outcome=event.outcome, note_to_applicant=message, at=step.ctx.now)
    return step.done(AppState.CLOSED, note_to_applicant=message)


_HANDLERS: dict[EventType, Callable[[_Step, Any], Outcome]] = {
    EventType.WITHDRAW: _withdraw,
    EventType.START_SCREENING: _start_screening,
    EventType.SCREEN: _screen,
    EventType.JUDGE_LATE: _judge_late,
    EventType.ASSIGN_REVIEWERS: _assign,
    EventType.DECLARE_CONFLICT: _declare_conflict,
    EventType.REVIEW: _review,
    EventType.APPLY_THRESHOLDS: _apply_thresholds,
    EventType.DECIDE: _decide,
    EventType.SIGN_AGREEMENT: _sign,
    EventType.MILESTONE_EVIDENCE: _milestone_evidence,
    EventType.REVIEW_MILESTONE: _review_milestone,
    EventType.DISBURSE: _disburse,
    EventType.RECORD_REPAYMENT: _repayment,
    EventType.VERIFY_FX: _verify_fx,
    EventType.CLOSE: _close,
}


def applicant_stage(record: ApplicationRecord) -> Stage:
    return record.stage


def tracking_number(jalali_year: int, sequence: int) -> str:
    """``SF-1405-000123``: the Fund's prefix, the Jalali year of receipt, the year's running number."""
    return f"SF-{jalali_year:04d}-{sequence:06d}"
