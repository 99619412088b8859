"""An application's content: prefilled from a need, checked before sealing, sealed by a hash of its canonical JSON."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from models.fund_applications import (
    ApplicationContent,
    AttachmentRef,
    GuaranteeRequest,
    PlannedMilestone,
    attachment_problem,
    canonical_json,
    content_json,
    content_sha256,
    need_ref,
    seal,
    seal_problems,
)
from models.fund_programmes import FormQuestion, GuaranteeKind, QuestionKind
from tests.fund_factories import (
    BN,
    NOW,
    PDF_SHA,
    make_call,
    make_content,
    make_guarantee_programme,
    make_need,
    make_programme,
)


def problems(content: ApplicationContent, call=None, programme=None) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = seal_problems(content, call or make_call(), programme or make_programme())
    return [(p.code, p.field) for p in found]


def test_a_need_prefills_item_oem_part_number_quantity_origin_and_fx_spend() -> None:
    ref = need_ref(make_need())
    assert (ref.item_fa, ref.oem, ref.part_number) == ("آجر منیزیا-کربن پاتیل", "RHI Magnesita", "MC-LADLE-12")
    assert (ref.annual_qty, ref.unit, ref.origin_country, ref.annual_fx_eur) == (1200.0, "t", "AT", 1_450_000.0)
    assert ref.plant_id == "P900000000001"


def test_the_plants_behind_an_applications_needs_are_listed_once_each() -> None:
    second = need_ref(make_need(id="N2032"))
    content = make_content(needs=(need_ref(make_need()), second))
    assert content.plant_ids == ["P900000000001"]
    assert content.needs_fx_eur == 2_900_000.0


def test_a_complete_application_has_nothing_stopping_its_seal() -> None:
    assert problems(make_content()) == []


def test_an_empty_draft_is_a_valid_draft_but_lists_what_it_lacks() -> None:
    draft = ApplicationContent(call_id="FC-T1", supplier_id="S1042")
    found = problems(draft)
    assert {"required", "budget_empty", "milestones_empty", "no_targeted_need", "document_missing"} <= {
        code for code, _ in found
    }
    required = {field for code, field in found if code == "required"}
    assert required == {"title_fa", "summary", "contact_name", "contact_phone", "requested_irr", "term_months",
                        "trl_now", "trl_target"}  # fmt: skip


def test_the_amount_must_lie_in_the_programmes_range() -> None:
    assert ("amount_out_of_range", "requested_irr") in problems(make_content(requested_irr=40 * BN))


def test_the_milestones_tranches_must_add_up_to_the_amount_requested() -> None:
    short = (PlannedMilestone(id="m1", title="یک", deliverable="نمونه", month=6, tranche_irr=4 * BN),)
    found = seal_problems(make_content(milestones=short), make_call(), make_programme())
    tranche = next(p for p in found if p.code == "tranches_not_request")
    assert tranche.params == {"tranches": 4 * BN, "requested": 10 * BN}


def test_the_budget_must_cover_the_amount_requested() -> None:
    assert ("budget_below_request", "budget") in problems(make_content(requested_irr=13 * BN))


def test_the_target_technology_level_is_above_todays() -> None:
    assert ("trl_target_not_above_now", "trl_target") in problems(make_content(trl_now=6, trl_target=6))


def test_a_call_with_target_needs_wants_one_of_them_answered() -> None:
    elsewhere = need_ref(make_need(id="N7777"))
    assert ("no_targeted_need", "needs") in problems(make_content(needs=(elsewhere,)))


def test_a_missing_required_document_and_a_file_over_the_limit_are_caught() -> None:
    big = AttachmentRef(document="proposal", sha256=PDF_SHA, file_name="p.pdf", mime="application/pdf", bytes=6_000_000)
    assert ("document_missing", "attachments") in problems(make_content(attachments=()))
    assert ("file_too_large", "attachments") in problems(make_content(attachments=(big,)))


def test_files_are_checked_against_the_calls_limits_before_they_are_attached() -> None:
    call = make_call()
    assert attachment_problem("proposal", call, "application/pdf", 1000) is None
    wrong = attachment_problem("proposal", call, "image/heic", 1000)
    assert wrong is not None and wrong.code == "file_type" and wrong.params["allowed"] == ["application/pdf"]
    assert attachment_problem("cv", call, "application/pdf", 10).code == "unknown_document"  # type: ignore[union-attr]


def test_the_calls_own_questions_are_checked_by_kind() -> None:
    call = make_call(
        form_questions=(
            FormQuestion(
                code="buyer_letter", label_fa="نامه", label_en="Letter", kind=QuestionKind.YES_NO, required=True
            ),
            FormQuestion(code="staff", label_fa="کارکنان", label_en="Staff", kind=QuestionKind.NUMBER),
        )
    )
    assert ("required", "answers.buyer_letter") in problems(make_content(), call)
    wrong = make_content(answers={"buyer_letter": "yes", "staff": "twelve", "colour": "red"})
    found = problems(wrong, call)
    assert ("answer_kind", "answers.buyer_letter") in found
    assert ("answer_kind", "answers.staff") in found
    assert ("unknown_question", "answers.colour") in found
    assert problems(make_content(answers={"buyer_letter": True, "staff": 12}), call) == []


def test_a_guarantee_application_names_its_kind_and_beneficiary_and_has_no_project_plan() -> None:
    programme = make_guarantee_programme()
    call = make_call(programme_id=programme.id)
    content = make_content(
        requested_irr=5 * BN,
        term_months=None,
        grace_months=None,
        budget=(),
        milestones=(),
        trl_now=None,
        trl_target=None,
        guarantee=GuaranteeRequest(kind=GuaranteeKind.BID, beneficiary="فولاد مبارکه"),
    )
    assert problems(content, call, programme) == [("guarantee_kind_not_offered", "guarantee.kind")]
    ok = content.model_copy(update={"guarantee": GuaranteeRequest(kind=GuaranteeKind.ADVANCE_PAYMENT, beneficiary="x")})
    assert problems(ok, call, programme) == []


def test_the_canonical_json_does_not_depend_on_key_order_and_keeps_persian_as_is() -> None:
    data = content_json(make_content())
    shuffled = json.loads(json.dumps(dict(reversed(list(data.items())))))
    assert canonical_json(shuffled) == canonical_json(data)
    assert "آجر".encode() in canonical_json(data)


def test_a_seal_fixes_the_contents_hash_and_any_change_breaks_it() -> None:
    content = make_content()
    sealed = seal(content, 1, NOW)
    assert sealed.sha256 == content_sha256(content_json(content))
    assert sealed.sealed_at.utcoffset() is not None
    changed = content.model_copy(update={"summary": content.summary + "."})
    assert content_sha256(content_json(changed)) != sealed.sha256


def test_a_field_the_form_does_not_know_is_refused_not_dropped() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        ApplicationContent.model_validate({**content_json(make_content()), "colour": "red"})


def test_a_missing_document_is_named_in_the_readers_language_not_by_its_code() -> None:
    from models.fund_words import reason_text

    call = make_call()
    (missing, *_) = [p for p in seal_problems(make_content(attachments=()), call, make_programme())
                     if p.code == "document_missing"]  # fmt: skip
    document = next(d for d in call.required_documents if d.code == missing.params["document"])
    assert reason_text(missing.code, missing.params, "fa") == f"مدرک {document.name_fa} پیوست نشده است"
    assert reason_text(missing.code, missing.params, "en") == f"The document {document.name_en} is missing"
