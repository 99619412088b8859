"""The Persian names table on the real GEM data: every plant, mine, owner and town named in Persian and found by it.

What the data holds is read straight from the raw CSVs in ../shared/data (no importer code), so the
tests are parametrised over GEM's own rows, and a new release with a plant the table does not know
fails here instead of showing an English name on a Persian screen.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from models.atlas import Asset, OwnerShare
from models.atlas_query import AtlasFilter, AtlasIndex, OwnerFacet
from models.names import Checked, PersianNames, is_persian_text
from models.provinces import province_code_for_name
from sync.gem_import import GemImport, read_gem
from sync.geometry import province_locator
from sync.names_table import DEFAULT_NAMES_DIR, NamesTableInvalid, bundled_names, load_names
from tests.conftest import SHARED_DATA

STEEL = SHARED_DATA / "gem-iron-steel-2025-09"
MINES = SHARED_DATA / "gem-iron-ore-mines-2024-11"
ZWNJ = "\u200c"


# ---- GEM's rows, read without the importer -----------------------------------------------------------
def _csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _ids(text: str) -> list[str]:
    return [re.sub(r"\s*\[.*\]$", "", part.strip()) for part in text.split(";") if part.strip()]


PLANT_ROWS = _csv(STEEL / "iran_plant_data.csv")
MINE_ROWS = _csv(MINES / "iran_iron_ore_mines.csv")
RAW_ASSETS = {r["Plant ID"]: ("plant", r["Plant name (English)"]) for r in PLANT_ROWS} | {
    r["GEM Asset ID"]: ("mine", r["Asset name (English)"]) for r in MINE_ROWS
}
RAW_MINE_IDS = sorted(r["GEM Asset ID"] for r in MINE_ROWS)


def _owner_spellings(rows: list[dict[str, str]], pairs: list[tuple[str, str]]) -> dict[str, set[str]]:
    """GEM entity id → every spelling GEM gives it, from the (name, id) column pairs of ``rows``."""
    spellings: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for name_column, id_column in pairs:
            if name_column not in row or id_column not in row:
                continue
            for name, entity in zip(_ids(row[name_column]), _ids(row[id_column]), strict=False):
                if entity.startswith("E"):
                    spellings[entity].add(name)
    return spellings


#: Owners and parents of the sheets the importer reads (Plant data, the mines sheet).
IMPORTED_OWNERS = _owner_spellings(
    PLANT_ROWS + MINE_ROWS,
    [
        ("Owner", "Owner GEM ID"),
        ("Parent", "Parent GEM ID"),
        ("Owner", "Owner GEM Entity ID"),
        ("Parent", "Parent GEM Entity ID"),
    ],
)
#: Every owner and parent of every iran_*.csv, GEM's map files included.
ALL_OWNERS = defaultdict(set, IMPORTED_OWNERS)
for _path in sorted(SHARED_DATA.glob("*/iran_*.csv")):
    for _entity, _names in _owner_spellings(
        _csv(_path), [("owner", "owner-gem-id"), ("parent", "parent-gem-id")]
    ).items():
        ALL_OWNERS[_entity] |= _names
RAW_TOWNS = {(r["Municipality"], r["Subnational unit (province/state)"]) for r in PLANT_ROWS} | {
    (r["Municipality"], r["Subnational unit"]) for r in MINE_ROWS
}


# ---- the import and its index --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def imported(shared_data: Path) -> GemImport:
    return read_gem(shared_data, locate_province=province_locator())


@pytest.fixture(scope="module")
def index(imported: GemImport) -> AtlasIndex:
    return AtlasIndex.build([*imported.plants, *imported.mines])


def found(index: AtlasIndex, typed: str) -> list[str]:
    return [asset.id for asset in index.search(AtlasFilter(text=typed))]


def on_an_arabic_keyboard(text: str) -> str:
    """As typed on an Arabic keyboard that has no ZWNJ: ي and ك, the joined halves run together."""
    return text.replace("ی", "ي").replace("ک", "ك").replace(ZWNJ, "")


def with_spaces(text: str) -> str:
    """As typed by someone who puts a space where the ZWNJ goes («گل گهر» for «گل‌گهر»)."""
    return text.replace(ZWNJ, " ")


def every_owner(imported: GemImport) -> list[OwnerShare]:
    assets: list[Asset] = [*imported.plants, *imported.mines]
    return [owner for asset in assets for owner in (*asset.owners, *asset.parents)]


# ---- search finds every plant and mine by its Persian name ----------------------------------------------
@pytest.mark.parametrize("asset_id", sorted(RAW_ASSETS))
def test_every_plant_and_mine_is_found_first_by_its_persian_name_and_its_spelling_variants(
    asset_id: str, index: AtlasIndex
) -> None:
    asset = index.get(asset_id)
    assert asset is not None and asset.name_fa and is_persian_text(asset.name_fa), asset_id

    for typed in {asset.name_fa, on_an_arabic_keyboard(asset.name_fa), with_spaces(asset.name_fa)}:
        assert found(index, typed)[:1] == [asset_id], typed
    row = bundled_names().assets[asset_id]
    assert row.aliases_fa, "every asset row gives at least one other spelling"
    for alias in row.aliases_fa:
        assert asset_id in found(index, alias), alias
        assert asset_id in found(index, on_an_arabic_keyboard(alias)), alias


@pytest.mark.parametrize(
    ("typed", "mine"),
    [
        ("گل گهر", "Gol Gohar Mine"),
        ("گلگهر", "Gol Gohar Mine"),
        ("گل‌گهر", "Gol Gohar Mine"),
        ("سنگان", "NISCO Sangan Mine"),
        ("چغارت", "Choghart Mine"),
        ("چادرملو", "Chadormalu Mine"),
        ("چادر ملو", "Chadormalu Mine"),
        ("جلال آباد", "IMPASCO Jalal Abad Mine"),
    ],
)
def test_a_mine_is_the_first_answer_to_the_persian_name_members_type(typed: str, mine: str, index: AtlasIndex) -> None:
    assert index.search(AtlasFilter(text=typed))[0].name_en == mine


@pytest.mark.parametrize("typed", ["معدن", "سنگ آهن", "سنگ‌آهن", "معدن سنگ آهن", "iron ore mine"])
def test_the_words_for_mine_and_iron_ore_find_all_twelve_mines_first(typed: str, index: AtlasIndex) -> None:
    assert len(RAW_MINE_IDS) == 12
    results = found(index, typed)

    assert sorted(results[: len(RAW_MINE_IDS)]) == RAW_MINE_IDS  # every mine, and mines before plants


def test_the_word_for_plant_finds_every_plant_and_the_word_for_steel_every_steelmaker(
    imported: GemImport, index: AtlasIndex
) -> None:
    steelmakers = {p.id for p in imported.plants if any(c.process.value in {"eaf", "bof"} for c in p.capacities)}

    assert set(found(index, "کارخانه")) == {p.id for p in imported.plants}
    assert steelmakers <= set(found(index, "فولاد"))


# ---- owners ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("entity_id", sorted(IMPORTED_OWNERS))
def test_every_owner_is_reachable_in_the_owner_picker_by_its_persian_name(entity_id: str, index: AtlasIndex) -> None:
    row = bundled_names().owner(entity_id)
    assert row is not None, f"{entity_id} {IMPORTED_OWNERS[entity_id]} has no row in assets/names/owners.csv"
    facet = next(f for f in index.owners() if f.key == row.gem_id)
    assert facet.name_fa and is_persian_text(facet.name_fa)

    for typed in {facet.name_fa, on_an_arabic_keyboard(facet.name_fa), with_spaces(facet.name_fa)}:
        assert facet in index.find_owners(typed), typed
    for alias in (a for a in facet.aliases if is_persian_text(a)):
        assert facet in index.find_owners(alias), alias


def _facet(index: AtlasIndex, key: str) -> OwnerFacet:
    return next(f for f in index.owners() if f.key == key)


def test_chadormalus_three_gem_spellings_and_ids_are_one_owner_with_one_persian_and_one_english_name(
    imported: GemImport, index: AtlasIndex
) -> None:
    spellings = {"E100001012537", "E100001016281", "E100001016286"}
    chadormalu = [o for o in every_owner(imported) if o.gem_id in spellings or o.source_gem_id in spellings]

    assert {(o.name, o.name_fa, o.gem_id) for o in chadormalu} == {
        ("Chadormalu Mining & Industrial Co", "شرکت معدنی و صنعتی چادرملو", "E100001012537")
    }
    assert {o.source_gem_id for o in chadormalu} == {None, "E100001016281", "E100001016286"}  # GEM's ids kept
    facets = [f for f in index.find_owners("چادرملو") if f.name_fa and "چادرملو" in f.name_fa]
    assert [f.key for f in facets] == ["E100001012537"]
    # the mine, the Ardakan plant, and Arfa, Ghadir and Sarmad where GEM misspells it
    assert facets[0].count == 5
    assert index.find_owners("Chadelmu") == facets == index.find_owners("Chadormello")


def test_a_truncated_or_labelled_persian_owner_name_never_reaches_a_record(imported: GemImport) -> None:
    raw = [r["Owner (other language)"] for r in PLANT_ROWS]
    assert any(name.startswith("رکت ") for name in raw)  # GEM's broken «رکت معدنی و صنعتی چادرملو»

    for owner in every_owner(imported):
        assert owner.name_fa and is_persian_text(owner.name_fa), owner
        assert not owner.name_fa.startswith("رکت "), owner
        assert "Persian" not in owner.name_fa


@pytest.mark.parametrize(
    ("merged", "into", "name_fa"),
    [
        ("E100000131079", "E100000000544", "شرکت معدنی و صنعتی گل‌گهر"),  # Gol-e-Gohar Iron Ore Co
        ("E100001016089", "E100002003826", "شرکت کیمیا معادن سپاهان"),  # Sepahan Mines Kimia
    ],
)
def test_one_company_under_two_gem_ids_is_one_owner_in_the_picker(
    merged: str, into: str, name_fa: str, index: AtlasIndex
) -> None:
    keys = {f.key for f in index.owners()}

    assert merged not in keys and into in keys
    facet = _facet(index, into)
    assert facet.name_fa == name_fa
    assert all(spelling in facet.aliases for spelling in IMPORTED_OWNERS[merged])  # GEM's spelling still finds it


# ---- towns -------------------------------------------------------------------------------------------------
def test_every_town_of_the_data_has_its_persian_name(imported: GemImport) -> None:
    for asset in [*imported.plants, *imported.mines]:
        assert asset.place.municipality, asset.id
        assert asset.place.municipality_fa and is_persian_text(asset.place.municipality_fa), asset.id


def test_a_town_is_found_by_its_persian_name(index: AtlasIndex) -> None:
    assert {"P100000128563", "P100000120607", "P100000121225"} <= set(found(index, "اردکان"))  # Ardakan, Yazd


# ---- the table itself cannot rot silently ------------------------------------------------------------------
def test_every_plant_mine_owner_and_town_of_the_data_has_a_row_in_the_table(imported: GemImport) -> None:
    assert imported.missing_names == []
    assert {e for e in ALL_OWNERS if e.startswith("E")} <= set(bundled_names().owners)


def test_every_asset_row_is_a_gem_asset_of_that_kind_and_name() -> None:
    for gem_id, row in bundled_names().assets.items():
        assert gem_id in RAW_ASSETS, f"{gem_id} is not in the GEM data"
        assert RAW_ASSETS[gem_id] == (row.kind, row.name_en), gem_id


def test_every_owner_row_is_a_gem_entity_spelled_as_gem_spells_it() -> None:
    for gem_id, row in bundled_names().owners.items():
        assert gem_id in ALL_OWNERS, f"{gem_id} is not in the GEM data"
        assert row.gem_name in ALL_OWNERS[gem_id], (gem_id, row.gem_name, ALL_OWNERS[gem_id])


def test_every_town_row_is_a_gem_municipality_in_that_province() -> None:
    in_data = {(town, province_code_for_name(province)) for town, province in RAW_TOWNS}
    for row in bundled_names().towns.values():
        assert (row.municipality, row.province) in in_data, row


def test_every_name_is_in_persian_script_and_every_row_says_where_it_comes_from() -> None:
    table = bundled_names()
    rows = [*table.assets.values(), *table.owners.values(), *table.towns.values()]
    for row in rows:
        names = [row.name_fa, *row.aliases_fa]
        assert all(is_persian_text(n) for n in names if n), row
        assert row.source.ref and row.source.kind, row
        assert row.source.checked is not Checked.VERIFIED or row.source.checked_on, row
    assert len(rows) == len(table.assets) + len(table.owners) + len(table.towns)


def _copy_table(tmp_path: Path) -> Path:
    folder = tmp_path / "names"
    shutil.copytree(DEFAULT_NAMES_DIR, folder)
    return folder


def _edit(path: Path, edit) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize(
    ("file", "edit", "problem"),
    [
        ("assets.csv", lambda rows: rows.append(rows[1]), "appears twice"),
        ("assets.csv", lambda rows: rows[1].__setitem__(3, "Baft Steel"), "is not in Persian script"),
        ("assets.csv", lambda rows: rows[1].__setitem__(3, ""), "has no Persian name"),
        ("assets.csv", lambda rows: rows[1].__setitem__(6, ""), "no source_ref"),
        ("assets.csv", lambda rows: rows[1].__setitem__(5, "hearsay"), "source_kind 'hearsay'"),
        ("assets.csv", lambda rows: rows[1].__setitem__(7, "verified"), "verified without checked_on"),
        ("owners.csv", lambda rows: rows[3].__setitem__(6, "E999"), "which has no row"),
        ("towns.csv", lambda rows: rows[1].__setitem__(1, "Atlantis"), "is not one of Iran's provinces"),
        ("towns.csv", lambda rows: rows[1].__setitem__(3, "Abarkuh"), "is not in Persian script"),
    ],
)
def test_the_loader_refuses_a_table_that_does_not_hold_together(tmp_path: Path, file: str, edit, problem: str) -> None:
    folder = _copy_table(tmp_path)
    _edit(folder / file, edit)

    with pytest.raises(NamesTableInvalid) as raised:
        load_names(folder)

    assert problem in raised.value.detail


def test_what_the_table_lacks_keeps_gems_own_words_and_is_reported(shared_data: Path) -> None:
    raw = read_gem(shared_data, names=PersianNames.empty())

    gol_gohar = next(m for m in raw.mines if m.name_en == "Gol Gohar Mine")
    assert gol_gohar.name_fa is None and gol_gohar.place.municipality_fa is None
    assert {m.key for m in raw.missing_names if m.kind in ("plant", "mine")} == set(RAW_ASSETS)
    assert {m.key for m in raw.missing_names if m.kind == "owner"} == set(IMPORTED_OWNERS)
    assert len([m for m in raw.missing_names if m.kind == "town"]) == len({t for t, _ in RAW_TOWNS})
