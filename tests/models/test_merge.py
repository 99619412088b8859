"""Three-way merge of notes edited on two devices."""

from __future__ import annotations

from models.merge import TEXT_SEPARATOR, merge_records


def test_fields_changed_on_one_side_take_that_side() -> None:
    base = {"text": "furnace 2", "kind": "plant", "asset_id": "P1"}
    mine = {**base, "text": "furnace 2 relined"}
    theirs = {**base, "asset_id": "P2"}
    result = merge_records(base, mine, theirs)
    assert result.clean and result.merged == {"text": "furnace 2 relined", "kind": "plant", "asset_id": "P2"}


def test_text_changed_on_both_sides_keeps_both_versions_for_the_user() -> None:
    base = {"text": "v1", "updated_at": "2026-11-01T10:00:00Z"}
    mine = {"text": "v1 mine", "updated_at": "2026-11-02T10:00:00Z"}
    theirs = {"text": "v1 theirs", "updated_at": "2026-11-03T10:00:00Z"}
    result = merge_records(base, mine, theirs)
    assert result.clashes == ["text"]
    assert result.merged["text"] == "v1 mine" + TEXT_SEPARATOR + "v1 theirs"
    assert result.merged["updated_at"] == "2026-11-03T10:00:00Z"


def test_same_change_on_both_sides_is_no_clash() -> None:
    result = merge_records({"text": "a"}, {"text": "b"}, {"text": "b"})
    assert result.clean and result.merged == {"text": "b"}


def test_without_a_base_every_difference_clashes() -> None:
    result = merge_records(None, {"text": "mine"}, {"text": "theirs"})
    assert result.clashes == ["text"]
