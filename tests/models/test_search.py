"""Search normalisation and the atlas index: Persian and Arabic letter forms, ZWNJ, marks, digits, filters."""

from __future__ import annotations

import random
import re
import sys
import unicodedata

import pytest

from models.atlas import OwnerShare
from models.atlas_query import AtlasFilter, AtlasIndex, owner_key
from models.enums import Process, Status
from models.search import _DIGITS, _INVISIBLE, _LETTER_FOLDS, _NON_WORD, normalize, normalize_joined
from tests.factories import make_capacity, make_mine, make_plant


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("مباركه", "مبارکه"),  # Arabic kaf
        ("علي", "علی"),  # Arabic yeh
        ("فولاد\u200cمبارکه", "فولادمبارکه"),  # zero-width non-joiner
        ("فولادِ مُبارَکه", "فولاد مبارکه"),  # diacritics
        ("آهن", "اهن"),  # madda
        ("۱۲۳ ١٢٣", "123 123"),  # Persian and Arabic digits
        ("Mobārakeh", "mobarakeh"),  # Latin accents and case
        ("شرکت فولاد مبارکه (\u200ePersian)", "شرکت فولاد مبارکه persian"),  # direction marks
    ],
)
def test_normalize_folds_what_keyboards_and_sources_vary_on(typed: str, stored: str) -> None:
    assert normalize(typed) == normalize(stored)


def _normalize_by_definition(text: str) -> str:
    """normalize() as first written, step by step: the one-table version must give the same text."""
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_LETTER_FOLDS).translate(_DIGITS).casefold()
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def test_combining_marks_all_lie_where_the_fold_table_looks_for_them() -> None:
    outside = [cp for cp in (*range(0x300), *range(0x1F000, sys.maxunicode + 1)) if unicodedata.combining(chr(cp))]
    assert outside == []


def test_normalize_gives_what_its_definition_gives_for_any_text() -> None:
    rng = random.Random(20261201)
    alphabet = [chr(cp) for cp in (*range(0x20, 0x250), *range(0x600, 0x700), *range(0xFB50, 0xFF00))]
    alphabet += ["\u200c", "\u200d", "\u200e", "\u2066", "\u0301", "\u064e", " ", "_", "-"]
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    samples += ["شرکت فولاد مبارکه اصفهان", "ۀ أ إ آ ؤ ئ ي ك ة ى", "Mobārakeh Ⅻ ﬁ ①", "ﻓﻮﻻﺩ"]
    assert [normalize(s) for s in samples] == [_normalize_by_definition(s) for s in samples]
    assert not re.search(r"\s\s", "".join(normalize(s) for s in samples))


def test_parts_normalised_one_by_one_give_the_text_of_the_parts_joined_and_normalised() -> None:
    rng = random.Random(20261202)
    alphabet = [chr(cp) for cp in (*range(0x20, 0x250), *range(0x600, 0x700), *range(0xFB50, 0xFF00))]
    alphabet += ["\u200c", "\u200d", "\u200e", "\u2066", "\u0301", "\u064e", " ", "_", "-", "|"]
    words = ["آجر نسوز", "Graphite ELECTRODE", "", " ", "\u0301ب", "ۀ", "S-DEMO-000017", "ﻓﻮﻻﺩ", "a_b", "x |"]
    for _ in range(3000):
        parts = [
            rng.choice(words) if rng.random() < 0.3 else "".join(rng.choices(alphabet, k=rng.randint(0, 12)))
            for _ in range(rng.randint(0, 6))
        ]
        assert normalize_joined(parts) == normalize(" | ".join(parts)), parts


@pytest.fixture
def index() -> AtlasIndex:
    mobarakeh = make_plant(
        1,
        name_en="Mobarakeh Steel Complex Isfahan",
        name_fa="شرکت فولاد مبارکه",
        owners=(OwnerShare(name="Mobarakeh Steel Co", gem_id="E1"),),
        capacities=(make_capacity(Process.EAF, Status.OPERATING, 7200.0),
                    make_capacity(Process.DRI, Status.CONSTRUCTION, 1000.0)),
    )  # fmt: skip
    khouzestan = make_plant(
        2, name_en="Khouzestan Steel plant", name_fa=None, aliases_en=("KSC",),
        owners=(OwnerShare(name="Khouzestan Steel Co", gem_id="E2"),),
        place=make_plant(2).place.model_copy(update={"province": "IR-06", "municipality": "Ahvaz"}),
        capacities=(make_capacity(Process.DRI, Status.OPERATING, 5000.0),),
    )  # fmt: skip
    return AtlasIndex.build([mobarakeh, khouzestan, make_mine(1, name_en="Chadormalu Mine")])


def names(assets: list) -> list[str]:
    return [a.name_en for a in assets]


def test_search_finds_plant_by_arabic_letter_forms(index: AtlasIndex) -> None:
    assert names(index.search(AtlasFilter(text="فولاد مباركه"))) == ["Mobarakeh Steel Complex Isfahan"]


def test_search_finds_plant_typed_without_a_space(index: AtlasIndex) -> None:
    assert names(index.search(AtlasFilter(text="فولادمبارکه"))) == ["Mobarakeh Steel Complex Isfahan"]


def test_search_matches_aliases_owners_and_places(index: AtlasIndex) -> None:
    assert names(index.search(AtlasFilter(text="ksc"))) == ["Khouzestan Steel plant"]
    assert names(index.search(AtlasFilter(text="ahvaz"))) == ["Khouzestan Steel plant"]
    assert names(index.search(AtlasFilter(text="خوزستان"))) == ["Khouzestan Steel plant"]  # province in Persian


def test_name_matches_rank_before_owner_or_place_matches(index: AtlasIndex) -> None:
    found = names(index.search(AtlasFilter(text="steel")))
    assert found[0] in {"Mobarakeh Steel Complex Isfahan", "Khouzestan Steel plant"}
    assert "Chadormalu Mine" not in found


def test_process_and_status_filters_require_one_capacity_with_both(index: AtlasIndex) -> None:
    dri_operating = AtlasFilter(processes=frozenset({Process.DRI}), statuses=frozenset({Status.OPERATING}))
    assert names(index.search(dri_operating)) == ["Khouzestan Steel plant"]
    dri_any = AtlasFilter(processes=frozenset({Process.DRI}))
    assert set(names(index.search(dri_any))) == {"Mobarakeh Steel Complex Isfahan", "Khouzestan Steel plant"}


def test_owner_province_and_kind_filters(index: AtlasIndex) -> None:
    assert names(index.search(AtlasFilter(owners=frozenset({"E2"})))) == ["Khouzestan Steel plant"]
    assert names(index.search(AtlasFilter(provinces=frozenset({"IR-21"})))) == ["Chadormalu Mine"]
    assert names(index.search(AtlasFilter(kinds=frozenset({"mine"})))) == ["Chadormalu Mine"]
    assert owner_key(OwnerShare(name="No Id Co")) == "name:no id co"


def test_facets_count_assets_per_owner_province_and_status(index: AtlasIndex) -> None:
    owners = {f.key: f.count for f in index.owners()}
    assert owners == {"E1": 1, "E2": 1}
    assert index.provinces() == {"IR-10": 1, "IR-06": 1, "IR-21": 1}
    assert index.statuses()[Status.OPERATING] == 3
