"""An answer with the device's side laid over it, and merging a need or an answer side edited on two devices."""

from __future__ import annotations

from typing import Any

from models.needs import AnswerSide
from models.shared_edits import answer_with_side, merge_need, merge_side, side_part

NEED = {"id": "N2031", "plant_id": "P100000120584", "producer_org": "E100000001959"}


def need(**changes: Any) -> dict[str, Any]:
    return NEED | {"item_fa": "آجر", "category": "consumables.refractories.shaped", "status": "published"} | changes


def test_a_new_offer_becomes_an_answer_copied_from_the_need_and_signed_by_the_account() -> None:
    shown = answer_with_side(
        None, {"offer": "can_make", "note": "we cast these"}, need=NEED, need_id="N2031", supplier_id="S1042",
        username="sepahan1",
    )  # fmt: skip

    assert shown == {
        "need_id": "N2031",
        "supplier_id": "S1042",
        "producer_org": "E100000001959",
        "plant_id": "P100000120584",
        "offer": "can_make",
        "note": "we cast these",
        "offered_at": None,
        "offered_by": "sepahan1",
        "demo": False,
    }


def test_a_reply_keeps_the_suppliers_side_as_stored() -> None:
    stored = {"need_id": "N2031", "supplier_id": "S1042", "offer": "can_make", "note": "ours", "reply": None}

    shown = answer_with_side(
        stored, {"reply": {"state": "interested"}}, need=NEED, need_id="N2031", supplier_id="S1042", username="msc1"
    )

    assert shown["note"] == "ours" and shown["reply"] == {"state": "interested", "note": None, "at": None, "by": "msc1"}
    assert side_part(shown, AnswerSide.REPLY) == {"reply": shown["reply"]}
    assert side_part(shown, AnswerSide.OFFER) == {"note": "ours", "offer": "can_make", "offered_at": None}


def test_edits_of_different_fields_of_a_need_merge_cleanly() -> None:
    base = need()
    result = merge_need(base, need(annual_qty=1500.0), need(oem="RHI Magnesita", updated_by="msc2"))

    assert result.clean
    assert result.merged["annual_qty"] == 1500.0 and result.merged["oem"] == "RHI Magnesita"
    assert "updated_by" not in result.merged  # the server's own fields are not merged


def test_the_same_field_changed_on_both_sides_is_a_clash_for_the_member() -> None:
    result = merge_need(need(), need(annual_qty=1500.0), need(annual_qty=900.0))

    assert result.clashes == ["annual_qty"]


def test_a_merged_status_the_workflow_does_not_allow_from_theirs_is_a_clash() -> None:
    # mine moved published → matched while a colleague moved it back to open: open → matched is no move
    result = merge_need(need(), need(status="matched"), need(status="open", oem="X"))

    assert "status" in result.clashes


def test_a_merged_status_one_move_from_theirs_is_clean() -> None:
    result = merge_need(need(), need(status="matched"), need(oem="X"))

    assert result.clean and result.merged["status"] == "matched"


def test_two_staff_of_a_supplier_writing_notes_keep_both_texts() -> None:
    result = merge_side(None, {"offer": "can_make", "note": "from x2"}, {"offer": "can_make", "note": "from x1"})

    assert result.clashes == ["note"] and "from x2" in result.merged["note"] and "from x1" in result.merged["note"]
