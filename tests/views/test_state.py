"""The app state without any screen: search, filters, sorting, favourites, settings, notices."""

from __future__ import annotations

from pathlib import Path

from models.atlas import Mine, Plant
from models.enums import Process, Status
from sync.errors import StoreWriteFailed
from sync.store import LocalStore
from tests.views.conftest import MOBARAKEH_STEEL, MOBARAKEH_STEEL_CO, run
from views.session import AppState

ZWNJ = "\u200c"


def ids(state: AppState) -> list[str]:
    return [a.id for a in state.results]


def test_search_finds_plant_by_persian_name(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    state.search("مبارکه")
    assert MOBARAKEH_STEEL in ids(state)


def test_search_finds_plant_by_arabic_letter_forms(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    state.search("مباركه")  # Arabic kaf
    assert MOBARAKEH_STEEL in ids(state)
    state.search("فولاد مباركه")
    assert ids(state)[0] == MOBARAKEH_STEEL


def test_search_finds_plant_typed_with_zwnj_or_without_space(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    for query in (f"فولاد{ZWNJ}مبارکه", "فولادمبارکه"):
        state.search(query)
        assert MOBARAKEH_STEEL in ids(state), query


def test_search_finds_plant_by_english_name_and_ranks_names_first(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    state.search("Mobarakeh")
    found = state.results
    assert MOBARAKEH_STEEL in ids(state)
    # every result names Mobarakeh in a name or alias before any result matching only by owner
    names_first = ["mobarakeh" in (a.name_en + " ".join(a.aliases_en)).lower() for a in found]
    assert names_first == sorted(names_first, reverse=True)


def test_search_finds_plant_by_persian_digits(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    expected = {p.id for p in gem_store.plants.all() if "45" in (p.place.address or "")}
    assert expected, "the reference data has an address with 45 in it"
    state.search("۴۵")  # Persian digits find the Latin ones
    assert expected <= set(ids(state))


def test_search_finds_plant_by_owner_and_place(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    state.search("Chamgordan")  # a municipality
    assert ids(state) == [p.id for p in gem_store.plants.all() if p.place.municipality == "Chamgordan"]
    state.search("اصفهان")  # a province, in Persian
    isfahan = {a.id for a in [*gem_store.plants.all(), *gem_store.mines.all()] if a.place.province == "IR-10"}
    assert isfahan <= set(ids(state))


def test_filters_narrow_the_list_as_an_independent_count_says(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    plants, mines = gem_store.plants.all(), gem_store.mines.all()

    state.toggle_filter("processes", Process.EAF)
    assert set(ids(state)) == {p.id for p in plants if any(c.process is Process.EAF for c in p.capacities)}

    state.toggle_filter("statuses", Status.CONSTRUCTION)  # EAF capacity under construction, in one row
    expected = {
        p.id for p in plants if any(c.process is Process.EAF and c.status is Status.CONSTRUCTION for c in p.capacities)
    }
    assert set(ids(state)) == expected and 0 < len(expected) < len(plants)

    state.clear_filters()
    state.set_filter(provinces=frozenset({"IR-10"}))
    assert set(ids(state)) == {a.id for a in [*plants, *mines] if a.place.province == "IR-10"}

    state.clear_filters()
    state.toggle_filter("owners", MOBARAKEH_STEEL_CO)
    owned = {a.id for a in [*plants, *mines] if any(o.gem_id == MOBARAKEH_STEEL_CO for o in (*a.owners, *a.parents))}
    assert set(ids(state)) == owned and MOBARAKEH_STEEL in owned

    state.clear_filters()
    state.set_kind("mine")
    assert set(ids(state)) == {m.id for m in mines} and len(mines) == 12
    assert all(isinstance(a, Mine) for a in state.results)


def test_filter_toggle_twice_gives_the_whole_atlas_back(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    everything = len(state.results)
    state.toggle_filter("processes", Process.DRI)
    assert len(state.results) < everything
    state.toggle_filter("processes", Process.DRI)
    assert len(state.results) == everything == len(gem_store.plants) + len(gem_store.mines)


def test_owner_choices_search_both_languages(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    assert MOBARAKEH_STEEL_CO in [f.key for f in state.owner_choices("فولاد مباركه")]
    assert MOBARAKEH_STEEL_CO in [f.key for f in state.owner_choices("mobarakeh steel")]
    assert state.owner_choices("no such owner anywhere") == []


CHADORMALU_CO = "E100001012537"  # «شرکت معدنی و صنعتی چادرملو», which GEM also spells Chadelmu and Chadormello


def test_owner_choices_find_an_owner_by_its_short_name_symbol_or_gems_own_spelling(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    for typed in ("چادرملو", "چادر ملو", "كچاد", "Chadelmu", "chadormello", "Chadormalu Mining"):
        assert [f.key for f in state.owner_choices(typed)] == [CHADORMALU_CO], typed


def test_every_owner_in_the_picker_is_found_by_its_persian_name(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    facets = state.owner_choices(limit=1000)
    assert len(facets) > 50 and all(f.name_fa for f in facets)

    for facet in facets:
        assert facet.key in [f.key for f in state.owner_choices(facet.name_fa or "")], facet.name_fa


def test_no_matches_is_not_the_same_as_no_data(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    state.search("qqqqqq")
    assert state.results == [] and state.has_data
    empty = AppState.open(LocalStore.in_memory())
    assert empty.results == [] and not empty.has_data


def test_sort_by_capacity_puts_the_biggest_first_and_unknowns_last(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    state.set_kind("plant")
    state.set_sort("capacity")
    first = state.results[0]
    assert isinstance(first, Plant)
    steel = [
        c.amount_ktpa.value
        for p in gem_store.plants.all()
        for c in p.capacities
        if c.process is Process.CRUDE_STEEL and c.status is Status.OPERATING and c.amount_ktpa.is_known
    ]
    assert first.capacity(Process.CRUDE_STEEL, Status.OPERATING)[0].amount_ktpa.value == max(steel)
    last = state.results[-1]
    assert not any(c.status is Status.OPERATING for c in last.capacities)
    state.set_sort("capacity")  # again: the other way round, unknowns still last
    assert state.results[-1] == last or not any(c.status is Status.OPERATING for c in state.results[-1].capacities)


def test_without_a_query_the_list_is_alphabetical_in_the_members_language(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    persian_names = [a.name_fa for a in state.results if a.name_fa]
    # «آهن» / «ا» before «ب» before «پ» (U+067E, which code-point order would put after «ی»-adjacent letters)
    firsts = [name.replace("آ", "ا")[0] for name in persian_names]
    alphabet = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
    assert [alphabet.index(c) for c in firsts if c in alphabet] == sorted(
        alphabet.index(c) for c in firsts if c in alphabet
    )


def test_favourite_is_a_user_record_and_toggles_off(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    plant = state.asset(MOBARAKEH_STEEL)
    assert plant is not None
    state.toggle_favourite(plant)
    records = gem_store.user.records("favourites")
    assert [r.id for r in records] == [f"plant:{MOBARAKEH_STEEL}"]
    assert records[0].data is not None and records[0].data["kind"] == "plant"
    assert records[0].data["asset_id"] == MOBARAKEH_STEEL and records[0].data["created_at"]
    assert state.is_favourite(plant) and state.favourite_assets() == [plant]
    state.toggle_favourite(plant)
    assert gem_store.user.records("favourites") == [] and not state.is_favourite(plant)


def test_language_and_theme_are_remembered_by_the_data_folder(gem_folder: Path) -> None:
    store = LocalStore.open(gem_folder)
    try:
        state = AppState.open(store)
        assert state.lang == "fa" and state.rtl  # Persian first
        state.set_language("en")
        state.set_theme("dark")
    finally:
        store.close()
    store = LocalStore.open(gem_folder)
    try:
        again = AppState.open(store)
        assert (again.lang, again.theme, again.rtl) == ("en", "dark", False)
    finally:
        store.close()


def test_a_failed_write_becomes_a_notice_in_the_members_language(gem_store: LocalStore, monkeypatch) -> None:
    state = AppState.open(gem_store)

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise StoreWriteFailed("disk full")

    monkeypatch.setattr(gem_store.user, "save", disk_full)
    plant = state.asset(MOBARAKEH_STEEL)
    assert plant is not None
    state.toggle_favourite(plant)
    assert state.notice is not None and state.notice.level == "error" and state.notice.detail == "disk full"
    # the exception's English is not put on a Persian screen (it is in the log, and copied for support)
    assert state.notice_message == "ذخیره نشد و داده‌های قبلی سالم ماند."
    state.set_language("en")
    assert state.notice_message == "Not saved; the previous data is intact: disk full"
    assert not state.is_favourite(plant)


def test_import_reports_counts_and_a_bad_folder_as_a_notice(shared_data: Path, tmp_path: Path) -> None:
    state = AppState.open(LocalStore.in_memory())
    report = run(state.import_gem(shared_data))
    assert report is not None and state.last_import is report
    assert (state.atlas.plants, state.atlas.mines) == (report.plants, report.mines) == (47, 12)
    assert state.has_data and state.notice is not None and state.notice.level == "info"
    assert state.busy is None

    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert run(state.import_gem(tmp_path)) is None
    assert state.notice is not None and state.notice.level == "error" and state.notice.key == "import_failed"
    assert state.atlas.plants == 47  # nothing was lost


def test_browser_upload_imports_when_the_last_file_is_in_whatever_screen_is_showing(
    shared_data: Path, tmp_path: Path
) -> None:
    state = AppState.open(LocalStore.in_memory(), upload_dir=tmp_path)
    sheets = sorted((shared_data / "gem-iron-steel-2025-09").glob("iran_*.csv"))
    folder = state.begin_upload([p.name for p in sheets], release="September 2025 (V1)")
    assert state.uploading == 3
    state.set_language("en")  # the screen that started the upload is redrawn meanwhile: the batch is not its own
    for sheet in sheets:
        run(state.upload_progress(sheet.name, 0.0))
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / sheet.name).write_bytes(sheet.read_bytes())  # what flet's upload handler writes
        run(state.upload_progress(sheet.name, 1.0))
        run(state.upload_progress(sheet.name, 1.0))  # a repeated report counts once
    assert state.uploading == 0 and state.atlas.plants == 47
    assert state.last_import is not None
    assert any("September 2025 (V1)" in line for line in state.last_import.attributions)


def test_a_failed_browser_upload_is_told_and_imports_nothing(tmp_path: Path) -> None:
    state = AppState.open(LocalStore.in_memory(), upload_dir=tmp_path)
    state.begin_upload(["a.csv", "b.csv"])
    run(state.upload_progress("a.csv", 1.0))
    run(state.upload_progress("b.csv", None, error="connection reset"))
    assert state.uploading == 0 and not state.has_data
    assert state.notice is not None and state.notice.level == "error"
    assert state.notice_message == "هیچ داده‌ای وارد نشد؛ فایل‌ها خوانده نشدند."
    assert "connection reset" in state.notice.detail  # kept for support
    run(state.upload_progress("b.csv", 1.0))  # a late report of the failed batch starts nothing
    assert state.last_import is None


def test_the_index_is_built_once_per_store_change_not_per_search(gem_store: LocalStore) -> None:
    state = AppState.open(gem_store)
    before = state.atlas
    for text in ("م", "مب", "مبا", "مبار"):
        state.search(text)
    assert state.atlas is before
    gem_store.replace_reference({"mines": []}, origin="test")  # another writer changes the store
    assert state.atlas is not before and state.atlas.mines == 0
