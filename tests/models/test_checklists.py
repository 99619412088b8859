"""Checklist templates and the scoring of a visit's answers, checked against figures worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from models.checklists import (
    MAX_SCORE,
    NOT_APPLICABLE,
    ChecklistTemplate,
    Outcome,
    QuestionKind,
    TemplateStatus,
    latest_templates,
    score_visit,
    templates_for,
    visible_questions,
)

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "checklists"


def text(words: str) -> dict[str, str]:
    return {"fa": f"«{words}»", "en": words}


def anchors() -> list[dict[str, str]]:
    return [text(f"level {n}") for n in range(MAX_SCORE + 1)]


def template(**overrides: Any) -> ChecklistTemplate:
    """Two sections: A (weight 2, pass 60) and B (weight 1, pass 50)."""
    data: dict[str, Any] = {
        "id": "hand-checked",
        "version": 1,
        "title": text("hand checked"),
        "pass_mark": 70,
        "conditional_mark": 55,
        "sections": [
            {
                "id": "a",
                "title": text("A"),
                "weight": 2,
                "pass_mark": 60,
                "questions": [
                    {"id": "a.score", "kind": "score", "text": text("score"), "weight": 2, "anchors": anchors()},
                    {"id": "a.yes", "kind": "yes_no", "text": text("yes"), "weight": 1},
                    {
                        "id": "a.choice",
                        "kind": "choice",
                        "text": text("choice"),
                        "weight": 1,
                        "options": [
                            {"id": "best", "label": text("best"), "points": 3},
                            {"id": "middle", "label": text("middle"), "points": 2},
                            {"id": "none", "label": text("none"), "points": 0},
                        ],
                    },
                    {
                        "id": "a.why_none",
                        "kind": "text",
                        "text": text("why none"),
                        "show_if": {"question": "a.choice", "equals": ["none"]},
                    },
                    {
                        "id": "a.why_detail",
                        "kind": "photo",
                        "text": text("photo of why"),
                        "show_if": {"question": "a.why_none", "equals": ["see photo"]},
                    },
                ],
            },
            {
                "id": "b",
                "title": text("B"),
                "weight": 1,
                "pass_mark": 50,
                "questions": [
                    {
                        "id": "b.on_time",
                        "kind": "number",
                        "text": text("on time"),
                        "unit": text("%"),
                        "min": 0,
                        "max": 100,
                        "bands": [
                            {"at_least": 0, "points": 0},
                            {"at_least": 70, "points": 2},
                            {"at_least": 80, "points": 3},
                            {"at_least": 90, "points": 4},
                            {"at_least": 95, "points": 5},
                        ],
                    },
                    {
                        "id": "b.fatal",
                        "kind": "yes_no",
                        "text": text("fatal accident"),
                        "good": False,
                        "critical": True,
                    },
                    {"id": "b.count", "kind": "number", "text": text("count"), "unit": text("n"), "weight": 0},
                    {
                        "id": "b.optional",
                        "kind": "score",
                        "text": text("optional"),
                        "required": False,
                        "allow_na": True,
                        "anchors": anchors(),
                    },
                ],
            },
        ],
    }
    data.update(overrides)
    return ChecklistTemplate.model_validate(data)


GOOD = {"a.score": 4, "a.yes": True, "a.choice": "middle", "b.on_time": 92, "b.fatal": False, "b.count": 3}


# ---- hand-checked scores --------------------------------------------------------------------------------
def test_section_percent_is_the_weighted_share_of_full_marks() -> None:
    score = score_visit(template(), GOOD)
    a = score.section("a")
    assert a is not None
    # score 4/5 × weight 2 = 1.6; yes = 1 × 1; middle = 2/3 × 1; out of 2 + 1 + 1 = 4
    assert a.earned == pytest.approx(1.6 + 1 + 2 / 3)
    assert a.possible == 4
    assert a.percent == pytest.approx(100 * (1.6 + 1 + 2 / 3) / 4)  # 81.67
    assert a.passed is True


def test_a_number_earns_the_points_of_the_band_it_falls_in() -> None:
    b = score_visit(template(), GOOD).section("b")
    assert b is not None
    # 92 % is in the 90 band: 4/5; no fatal accident (the good answer): 1; the count is unscored
    assert b.earned == pytest.approx(0.8 + 1.0)
    assert b.possible == 2
    assert b.percent == pytest.approx(90.0)


def test_visit_percent_averages_sections_by_their_weights_and_suggests_approval() -> None:
    score = score_visit(template(), GOOD)
    a_percent = 100 * (1.6 + 1 + 2 / 3) / 4
    assert score.percent == pytest.approx((a_percent * 2 + 90.0 * 1) / 3)  # 84.44
    assert score.passed is True
    assert score.suggested is Outcome.APPROVED
    assert score.complete


def test_not_applicable_and_unanswered_optional_questions_count_neither_way() -> None:
    plain = score_visit(template(), GOOD).section("b")
    with_na = score_visit(template(), {**GOOD, "b.optional": NOT_APPLICABLE}).section("b")
    with_zero = score_visit(template(), {**GOOD, "b.optional": 0}).section("b")
    assert plain is not None and with_na is not None and with_zero is not None
    assert with_na.percent == plain.percent == pytest.approx(90.0)
    assert with_zero.percent == pytest.approx(100 * 1.8 / 3)  # the zero does count


def test_a_critical_failure_fails_the_section_and_the_visit_whatever_the_percent() -> None:
    score = score_visit(template(), {**GOOD, "b.fatal": True})
    b = score.section("b")
    assert b is not None
    assert b.critical_failures == ("b.fatal",)
    assert b.passed is False
    assert score.passed is False
    assert score.suggested is Outcome.REJECTED  # no conditional approval with a critical failure


def test_a_failed_section_with_a_good_total_suggests_a_conditional_approval() -> None:
    # B: 60 % on time is the 0 band → 0; fatal no → 1: 50 % — passes B (50). Make A fail instead:
    answers = {**GOOD, "a.score": 2, "a.yes": False, "a.choice": "best", "b.on_time": 96}
    score = score_visit(template(), answers)
    a, b = score.section("a"), score.section("b")
    assert a is not None and b is not None
    assert a.percent == pytest.approx(100 * (2 * 2 / 5 + 0 + 1) / 4)  # 45 % < 60: fails
    assert a.passed is False
    assert b.percent == pytest.approx(100.0)
    assert score.percent == pytest.approx((45 * 2 + 100) / 3)  # 63.3: between 55 and 70
    assert score.suggested is Outcome.CONDITIONAL


def test_a_low_total_suggests_rejection() -> None:
    answers = {**GOOD, "a.score": 0, "a.yes": False, "a.choice": "none", "a.why_none": "closed", "b.on_time": 50}
    score = score_visit(template(), answers)
    assert score.percent == pytest.approx((0 * 2 + 50 * 1) / 3)
    assert score.suggested is Outcome.REJECTED


def test_critical_score_below_its_floor_fails_and_at_the_floor_does_not() -> None:
    data = template().model_dump(mode="json")
    data["sections"][0]["questions"][0] |= {"critical": True, "critical_min": 2}
    critical = ChecklistTemplate.model_validate(data)
    assert score_visit(critical, {**GOOD, "a.score": 1}).critical_failures == ("a.score",)
    assert score_visit(critical, {**GOOD, "a.score": 2}).critical_failures == ()


# ---- conditional questions and required answers ------------------------------------------------------------
def test_a_question_is_asked_only_when_the_earlier_answer_calls_for_it() -> None:
    t = template()
    assert "a.why_none" not in visible_questions(t, GOOD)
    assert "a.why_none" in visible_questions(t, {**GOOD, "a.choice": "none"})


def test_a_question_hangs_on_a_hidden_one_is_hidden_too() -> None:
    t = template()
    chain = {**GOOD, "a.choice": "none", "a.why_none": "see photo"}
    assert "a.why_detail" in visible_questions(t, chain)
    # the choice changes: why_none is hidden, and with it why_detail, although its own answer still says so
    assert "a.why_detail" not in visible_questions(t, {**chain, "a.choice": "best"})


def test_hidden_required_questions_are_not_missing_and_shown_ones_are() -> None:
    t = template()
    assert score_visit(t, GOOD).missing_required == ()
    missing = score_visit(t, {**GOOD, "a.choice": "none"}).missing_required
    assert missing == ("a.why_none",)
    assert not score_visit(t, {**GOOD, "a.choice": "none"}).complete


def test_answers_of_the_wrong_kind_are_listed_and_not_scored() -> None:
    score = score_visit(template(), {**GOOD, "a.score": 7, "a.yes": "yes", "b.on_time": 120})
    assert dict(score.invalid) == {
        "a.score": "expected_score_0_to_5",
        "a.yes": "expected_yes_or_no",
        "b.on_time": "above_maximum",
    }
    assert not score.complete


def test_not_applicable_is_refused_where_the_question_does_not_allow_it() -> None:
    score = score_visit(template(), {**GOOD, "a.yes": NOT_APPLICABLE})
    assert dict(score.invalid) == {"a.yes": "not_applicable_not_allowed"}


def test_a_photo_question_needs_its_number_of_photos() -> None:
    data = template().model_dump(mode="json")
    data["sections"][1]["questions"].append(
        {"id": "b.photos", "kind": "photo", "text": text("photos"), "min_photos": 2, "weight": 0}
    )
    t = ChecklistTemplate.model_validate(data)
    one = ["a" * 64]
    two = ["a" * 64, "b" * 64]
    assert score_visit(t, {**GOOD, "b.photos": one}).missing_required == ("b.photos",)
    assert score_visit(t, {**GOOD, "b.photos": two}).missing_required == ()
    assert dict(score_visit(t, {**GOOD, "b.photos": ["not a hash"]}).invalid) == {"b.photos": "expected_photo_hashes"}


# ---- templates that cannot be ---------------------------------------------------------------------------
def test_a_question_may_hang_only_on_an_earlier_question() -> None:
    data = template().model_dump(mode="json")
    data["sections"][0]["questions"][0]["show_if"] = {"question": "b.fatal", "equals": [True]}
    with pytest.raises(ValidationError, match="not earlier"):
        ChecklistTemplate.model_validate(data)


def test_a_score_question_has_six_anchors_and_a_number_its_unit() -> None:
    data = template().model_dump(mode="json")
    data["sections"][0]["questions"][0]["anchors"] = data["sections"][0]["questions"][0]["anchors"][:5]
    with pytest.raises(ValidationError, match="anchor for each level"):
        ChecklistTemplate.model_validate(data)
    data = template().model_dump(mode="json")
    data["sections"][1]["questions"][2]["unit"] = None
    with pytest.raises(ValidationError, match="states its unit"):
        ChecklistTemplate.model_validate(data)


def test_a_condition_value_must_be_an_answer_of_the_earlier_question() -> None:
    data = template().model_dump(mode="json")
    data["sections"][0]["questions"][3]["show_if"] = {"question": "a.choice", "equals": ["no such option"]}
    with pytest.raises(ValidationError, match=r"no answer to a\.choice"):
        ChecklistTemplate.model_validate(data)


def test_latest_active_version_of_each_template_is_offered() -> None:
    v1 = template()
    v2 = template(version=2)
    v3_retired = template(version=3, status=TemplateStatus.RETIRED)
    assert [t.key for t in latest_templates([v1, v3_retired, v2])] == ["hand-checked@2"]


# ---- the shipped templates ------------------------------------------------------------------------------
def shipped() -> list[ChecklistTemplate]:
    return [ChecklistTemplate.model_validate(json.loads(p.read_text("utf-8"))) for p in sorted(ASSETS.glob("*.json"))]


def best_answers(t: ChecklistTemplate) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for _, q in t.questions():
        if q.kind is QuestionKind.YES_NO:
            answers[q.id] = q.good
        elif q.kind is QuestionKind.SCORE:
            answers[q.id] = MAX_SCORE
        elif q.kind is QuestionKind.CHOICE:
            answers[q.id] = max(q.options, key=lambda o: o.points or 0).id
        elif q.kind is QuestionKind.NUMBER:
            answers[q.id] = max(q.bands, key=lambda b: b.points).at_least if q.bands else (q.min or 0)
        elif q.kind is QuestionKind.TEXT:
            answers[q.id] = "seen"
        else:
            answers[q.id] = ["c" * 64] * q.min_photos
    return answers


def test_the_shipped_templates_are_the_general_audit_and_the_refractories_audit() -> None:
    keys = [t.key for t in shipped()]
    assert keys == ["general-supplier-audit@1", "refractories-audit@1"]
    general = shipped()[0]
    assert [s.id for s in general.sections] == [
        "quality_system", "production", "inspection", "equipment", "traceability", "delivery", "safety",
    ]  # fmt: skip


def test_the_shipped_templates_file_names_say_their_id_and_version() -> None:
    for path in sorted(ASSETS.glob("*.json")):
        t = ChecklistTemplate.model_validate(json.loads(path.read_text("utf-8")))
        assert path.name == f"{t.id}.v{t.version}.json"


def test_every_shipped_question_reads_in_both_languages_and_scores_to_full_marks_at_best() -> None:
    for t in shipped():
        for _, q in t.questions():
            assert q.text.fa.strip() and q.text.en.strip()
            assert any("\u0600" <= ch <= "\u06ff" for ch in q.text.fa), q.id
        score = score_visit(t, best_answers(t))
        assert score.complete, (t.key, score.missing_required, score.invalid)
        assert score.percent == pytest.approx(100.0)
        assert score.suggested is Outcome.APPROVED


def test_a_refractory_supplier_is_offered_the_refractories_audit_first() -> None:
    offered = templates_for(shipped(), ["consumables.refractories.shaped"])
    assert [t.id for t in offered] == ["refractories-audit", "general-supplier-audit"]
    assert [t.id for t in templates_for(shipped(), ["mechanical.rolls"])] == ["general-supplier-audit"]
