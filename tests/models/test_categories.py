"""The category tree: the codes the issue names, a whole tree, and the four supply groups on five roots."""

from __future__ import annotations

import pytest

from models.categories import (
    CATEGORIES,
    DEFAULT_TREE,
    ROOT_GROUPS,
    Category,
    SupplyGroup,
    ancestor_codes,
    is_within,
)

REQUIRED = [
    "consumables.refractories",
    "consumables.graphite_electrodes",
    "consumables.ferroalloys",
    "mechanical.rolls",
    "mechanical.bearings",
    "mechanical.hydraulics",
    "electrical.drives",
    "electrical.automation",
    "mechanical.spare_parts",
]


@pytest.mark.parametrize("code", REQUIRED)
def test_tree_has_every_category_the_issue_names(code: str) -> None:
    assert code in DEFAULT_TREE


def test_tree_is_whole_with_unique_codes_and_both_languages() -> None:
    codes = [c.code for c in CATEGORIES]

    assert DEFAULT_TREE.problems() == []
    assert len(codes) == len(set(codes))
    assert all(c.name_fa and c.name_en and c.name_fa != c.name_en for c in CATEGORIES)


def test_mechanical_and_electrical_are_two_roots_of_one_supply_group() -> None:
    roots = {c.code: c.group for c in DEFAULT_TREE.children(None)}

    assert roots == ROOT_GROUPS
    assert roots["mechanical"] is roots["electrical"] is SupplyGroup.MECHANICAL_ELECTRICAL
    assert set(roots.values()) == set(SupplyGroup)


def test_refractories_have_real_subcategories() -> None:
    children = [c.code for c in DEFAULT_TREE.children("consumables.refractories")]

    assert "consumables.refractories.shaped" in children and "consumables.refractories.monolithic" in children
    assert set(children) <= set(DEFAULT_TREE.descendants("consumables"))


def test_paths_know_their_ancestors() -> None:
    assert ancestor_codes("consumables.refractories.shaped") == ["consumables.refractories", "consumables"]
    assert is_within("consumables.refractories.shaped", "consumables.refractories")
    assert not is_within("consumables.refractories_x", "consumables.refractories")


def test_a_category_must_sit_under_its_parent_and_in_its_group() -> None:
    with pytest.raises(ValueError, match="parent"):
        Category(
            code="mechanical.rolls",
            parent="mechanical.gearboxes",
            group="mechanical_electrical",
            name_fa="غ",
            name_en="Rolls",
        )
    with pytest.raises(ValueError, match="group"):
        Category(code="mechanical.rolls", parent="mechanical", group="consumables", name_fa="غ", name_en="Rolls")
