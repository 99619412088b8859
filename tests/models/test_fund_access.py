"""What each reader's copy of an application and a review holds: never a reviewer's name or score for the applicant."""

from __future__ import annotations

import json

from models.fund_access import project_application, project_ledger, project_review
from models.fund_records import ApplicationRecord, ReviewRecord, dump
from tests.fund_factories import BN, Desk


def decided() -> Desk:
    desk = Desk()
    desk.to_committee()
    desk.move(
        "officer",
        "decide",
        outcome="approved_with_conditions",
        minutes="صورتجلسه کارگروه — سهم داور الف بالا بود",
        meeting_no="14",
        amount_irr=8 * BN,
        conditions=["ضمانت‌نامه بانکی"],
        note_to_applicant="با شرط تصویب شد",
    )
    return desk


def test_the_applicant_sees_the_stage_decision_and_notes_but_no_reviewer_names_scores_or_minutes() -> None:
    desk = decided()
    seen = project_application(desk.readers["applicant"], dump(desk.record))
    assert seen is not None
    record = ApplicationRecord.model_validate(seen)
    assert record.state is None and record.stage.value == "approved_with_conditions"
    assert record.reviewers == [] and record.scoring is None
    assert record.decision is not None and record.decision.minutes is None and record.decision.by is None
    assert record.decision.conditions == ["ضمانت‌نامه بانکی"] and record.decision.amount_irr == 8 * BN
    assert {f.note for f in record.feedback} == {"روش آزمون روشن است", "برنامه بازار قوی است"}
    text = json.dumps(seen, ensure_ascii=False)
    for secret in ("rev_a", "rev_b", "officer1", "private note", "4.25", "صورتجلسه", "technical", "overall"):
        assert secret not in text, secret


def test_the_applicants_history_shows_stages_not_internal_states_nor_who_moved_them() -> None:
    desk = decided()
    seen = project_application(desk.readers["applicant"], dump(desk.record))
    history = ApplicationRecord.model_validate(seen).history
    assert [h.to_stage.value for h in history] == ["received", "in_assessment", "approved_with_conditions"]
    assert all(h.from_state is None and h.to_state is None for h in history)
    assert history[0].by == "sepahan1" and {h.by for h in history[1:]} == {None}
    assert {h.role for h in history[1:]} == {"fund"}


def test_internal_moves_are_no_news_to_the_applicant() -> None:
    desk = Desk()
    desk.to_review()
    before = project_application(desk.readers["applicant"], dump(desk.record))
    desk.move("rev_a", "declare_conflict", conflict=False)
    after = project_application(desk.readers["applicant"], dump(desk.record))
    assert before is not None and after is not None
    assert {k: v for k, v in before.items() if k != "updated_at"} == {
        k: v for k, v in after.items() if k != "updated_at"
    }


def test_a_reviewer_sees_the_content_and_only_their_own_assignment() -> None:
    desk = Desk()
    desk.to_review()
    seen = project_application(desk.readers["rev_a"], dump(desk.record))
    assert seen is not None
    assert [a["username"] for a in seen["reviewers"]] == ["rev_a"]
    assert seen["revisions"][0]["content"]["title_fa"] == "ساخت آجر منیزیا-کربن پاتیل"
    assert seen["history"] == [] and "scoring" not in seen and "decision" not in seen


def test_no_one_else_sees_an_application() -> None:
    desk = Desk()
    desk.to_review()
    data = dump(desk.record)
    for who in ("other_supplier", "member", "field_staff", "rev_c"):
        assert project_application(desk.readers[who], data) is None, who


def test_a_reviewer_who_declared_a_conflict_no_longer_sees_the_application() -> None:
    desk = Desk()
    desk.to_review()
    desk.move("rev_b", "declare_conflict", conflict=True)
    assert project_application(desk.readers["rev_b"], dump(desk.record)) is None


def test_officers_and_admins_see_everything() -> None:
    desk = decided()
    data = dump(desk.record)
    assert project_application(desk.readers["officer"], data) == data
    assert project_application(desk.readers["admin"], data) == data


def test_a_review_is_seen_by_its_reviewer_and_the_funds_staff_only() -> None:
    desk = decided()
    review: ReviewRecord = desk.reviews["rev_a"]
    data = dump(review)
    assert project_review(desk.readers["rev_a"], data) == data
    assert project_review(desk.readers["officer"], data) == data
    for who in ("applicant", "rev_b", "other_supplier", "member", "field_staff"):
        assert project_review(desk.readers[who], data) is None, who


def test_the_ledger_is_public_to_every_signed_in_account() -> None:
    readers = Desk().readers
    assert all(project_ledger(r, {"id": "x"}) == {"id": "x"} for r in readers.values())
