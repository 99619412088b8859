"""Applying the Persian names table to records: names, aliases, merged owners, towns, and what it lacks."""

from __future__ import annotations

from models.atlas import OwnerShare, Place
from models.atlas_query import AtlasFilter, AtlasIndex
from models.names import (
    AssetName,
    Checked,
    NameSource,
    OwnerName,
    PersianNames,
    SourceKind,
    TownName,
    apply_names,
    is_persian_text,
)
from tests.factories import make_mine, make_plant

SOURCE = NameSource(SourceKind.COMPANY_NAME, "example.ir", Checked.UNVERIFIED)


def owner_row(gem_id: str, gem_name: str, name_fa: str | None = None, **fields) -> OwnerName:
    values = {"name_en": None, "aliases_fa": (), "aliases_en": (), "same_as": None} | fields
    return OwnerName(gem_id=gem_id, gem_name=gem_name, name_fa=name_fa, source=SOURCE, **values)


def table(**parts) -> PersianNames:
    names, problems = PersianNames.build(parts.get("assets", ()), parts.get("owners", ()), parts.get("towns", ()))
    assert problems == []
    return names


def test_the_tables_persian_name_leads_and_gems_own_stays_searchable_as_an_alias() -> None:
    plant = make_plant(1, name_fa="شرکت فولاد آزمایشی (یک)")
    names = table(assets=[AssetName(plant.id, "plant", plant.name_en, "فولاد آزمایشی", ("فولاد آزمون",), SOURCE)])

    named = apply_names([plant], [], names).plants[0]

    assert named.name_fa == "فولاد آزمایشی"
    assert named.aliases_fa == ("شرکت فولاد آزمایشی (یک)", "فولاد آزمون")


def test_an_owner_gem_spells_under_two_ids_becomes_one_owner_and_keeps_gems_words_for_tracing() -> None:
    names = table(
        owners=[
            owner_row("E1", "Chadormalu Mining & Industrial Co", "شرکت معدنی و صنعتی چادرملو", aliases_fa=("چادرملو",)),
            owner_row("E2", "Chadelmu Mining and Industrial Co", same_as="E1"),
        ]
    )
    plant = make_plant(
        1,
        owners=(
            OwnerShare(name="Chadormalu Mining & Industrial Co", name_fa="رکت معدنی و صنعتی چادرملو", gem_id="E1"),
        ),
        parents=(OwnerShare(name="Chadelmu Mining and Industrial Co", gem_id="E2", share_pct=43.7),),
    )

    named = apply_names([plant], [], names).plants[0]

    owner, parent = named.owners[0], named.parents[0]
    assert (owner.name, owner.name_fa, owner.gem_id) == (parent.name, parent.name_fa, parent.gem_id)
    assert parent.name_fa == "شرکت معدنی و صنعتی چادرملو" and parent.share_pct == 43.7
    assert (parent.source_name, parent.source_gem_id) == ("Chadelmu Mining and Industrial Co", "E2")
    assert (owner.source_name, owner.source_gem_id) == (None, None)
    assert "Chadelmu Mining and Industrial Co" in owner.aliases_en
    assert len(AtlasIndex.build([named]).owners()) == 1


def test_a_town_is_named_by_gems_spelling_within_the_province_gem_names_whatever_its_spelling() -> None:
    names = table(towns=[TownName("Khorramshahr", "IR-06", "خرمشهر", (), SOURCE)])
    mines = [
        make_mine(1, place=Place(province="IR-06", source_province="Khouzestan", municipality="Khorramshahr")),
        make_mine(2, place=Place(province="IR-06", source_province="Khuzestan", municipality="khorramshahr")),
        make_mine(3, place=Place(province="IR-21", source_province="Yazd", municipality="Khorramshahr")),
    ]

    named = apply_names([], mines, names)

    assert [m.place.municipality_fa for m in named.mines] == ["خرمشهر", "خرمشهر", None]
    assert [str(m) for m in named.missing if m.kind == "town"] == ["town Khorramshahr, Yazd (Khorramshahr)"]


def test_what_the_table_lacks_is_listed_once_and_keeps_gems_names() -> None:
    owner = OwnerShare(name="New Steel Co", gem_id="E9")
    plants = [make_plant(1, owners=(owner,)), make_plant(2, owners=(owner,))]

    named = apply_names(plants, [], PersianNames.empty())

    assert named.plants[0].owners[0] == owner
    assert [m.key for m in named.missing if m.kind == "owner"] == ["E9"]
    assert [m.kind for m in named.missing].count("plant") == 2


def test_the_table_reports_a_merge_into_a_merge_and_names_outside_persian_script() -> None:
    _, problems = PersianNames.build(
        [],
        [
            owner_row("E1", "A", "الف"),
            owner_row("E2", "B", same_as="E1"),
            owner_row("E3", "C", same_as="E2"),
            owner_row("E4", "D", "Steel Co"),
        ],
        [],
    )

    assert any("E3 points to E2" in p for p in problems)
    assert any("'Steel Co' is not in Persian script" in p for p in problems)


def test_persian_script_means_persian_letters_only() -> None:
    assert is_persian_text("فولاد مبارکه") and is_persian_text("گل\u200cگهر") and is_persian_text("مجتمع (سهامی عام)")
    assert not is_persian_text("FALCO شرکت فولاد") and not is_persian_text("فولاد 2") and not is_persian_text("()")


def test_a_mine_without_a_persian_name_is_still_found_by_the_words_for_mine_and_iron_ore() -> None:
    index = AtlasIndex.build([make_mine(1, name_en="New Mine"), make_plant(1)])

    for typed in ("معدن", "سنگ آهن", "iron ore"):
        assert [a.name_en for a in index.search(AtlasFilter(text=typed))] == ["New Mine"], typed
