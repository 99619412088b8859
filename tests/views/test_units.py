"""One unit per view: a list, chart or comparison shows its tonnages in one unit, named once; palettes apart."""

from __future__ import annotations

import re

import flet as ft

from sync.store import LocalStore
from tests.views.conftest import DESKTOP, PHONE, run, start_app
from views.shell import units
from views.shell.theme import Palette
from views.shell.units import Scale


def test_a_view_reaching_a_million_tonnes_is_in_mt_with_a_decimal_else_in_kt() -> None:
    assert units.scale_for([9_100, 11_000]) is Scale.MT
    assert [units.figure(v, Scale.MT, "en") for v in (9_100, 11_000)] == ["9.1", "11.0"]  # 9.1 reads smaller
    assert units.scale_for([950, 400, None]) is Scale.KT
    assert units.figure(950, Scale.KT, "fa") == "۹۵۰" and units.figure(2.5, Scale.KT, "en") == "2.5"
    assert units.scale_for([-1_200]) is Scale.MT  # a removal of 1.2 Mt/y counts as much as an addition


def test_a_small_value_in_a_list_of_millions_is_not_written_as_zero() -> None:
    assert units.figure(30, Scale.MT, "en") == "0.03"
    assert units.figure(3, Scale.MT, "en") == "0.003"
    assert units.figure(0, Scale.MT, "en") == "0.0"
    assert units.figure(60, Scale.MT, "fa") == "۰٫۱"


def test_amounts_carry_their_unit_and_a_real_minus_sign() -> None:
    assert units.amount(43_900, Scale.MT, "en") == "43.9 Mt/y"
    assert units.amount(43_900, None, "fa") == "۴۳٫۹ میلیون تن در سال"
    assert units.amount(800, None, "en", per_year=False) == "800 kt"
    assert units.amount(-800, Scale.KT, "en") == "\u2212800 kt/y"
    assert units.amount(2_500, Scale.MT, "en", signed=True) == "+2.5 Mt/y"
    assert re.fullmatch("\u2066\u2212۸۰۰\u2069 هزار تن در سال", units.amount(-800, Scale.KT, "fa"))
    assert units.unit_note(Scale.MT, "fa") == "ارقام به میلیون تن در سال"
    assert units.unit_note(Scale.KT, "en", per_year=False) == "Figures in kt"


def test_no_colour_means_two_things() -> None:
    meanings = {
        "process": set(Palette.PROCESS.values()),
        "status": set(Palette.STATUS.values()),
        "supply and need": {Palette.SUPPLY, Palette.REQUIREMENT},
        "gap": {Palette.DEFICIT, Palette.SURPLUS},
    }
    seen: dict[str, str] = {}
    for meaning, colours in meanings.items():
        for colour in colours:
            assert colour not in seen, f"{colour} is both {seen.get(colour)} and {meaning}"
            seen[colour] = meaning
    assert len(set(Palette.PROCESS.values())) == len(Palette.PROCESS)
    assert len(set(Palette.STATUS.values())) == len(Palette.STATUS)


def _headline_figures(texts: list[str]) -> list[str]:
    return [t.split(": ", 1)[1] for t in texts if re.match(r"^(Crude steel|Iron|Pellet|iron ore).*: [\d.,]+$", t)]


def test_the_atlas_list_writes_every_capacity_in_one_unit_said_once(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        gem_store.device.set_setting("language", "en")
        h = await start_app(gem_store, PHONE, route="/atlas")
        texts = h.texts()
        assert h.by_data("list-unit").value == "Figures in Mt/y"
        figures = _headline_figures(texts)
        assert figures and all(re.fullmatch(r"\d+\.\d+", f) for f in figures), figures  # "1.0", never "1,000"
        assert not any("kt/y" in t or "Mt/y" in t for t in texts if t != "Figures in Mt/y")

        await h.resize(*DESKTOP)
        header = " ".join(h.texts(h.by_data("sort:capacity")))
        assert "Operating capacity" in header and "Mt/y" in header  # the column's unit, in its title

    run(scenario())


def test_home_figures_share_one_unit_and_each_is_read_with_it(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/")
        assert h.by_data("home-figures-unit").value == "ارقام به میلیون تن در سال"
        steel = h.by_data("figure:home_crude_steel_operating")
        assert isinstance(steel, ft.Semantics) and steel.label == "ظرفیت فعال فولاد خام: ۴۳٫۹ میلیون تن در سال"
        values = [c.value for c in h.find(ft.Text, data="figure-value")]
        assert "۴۳٫۹" in values and not any("تن" in v for v in values)

    run(scenario())
