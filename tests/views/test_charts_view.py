"""The charts: every province with capacity, with totals summed here independently; the pipeline by status."""

from __future__ import annotations

from collections import defaultdict

import flet as ft

from models.enums import Process, Status
from sync.store import LocalStore
from tests.views.conftest import DESKTOP, PHONE, run, start_app
from views.shell import i18n, units
from views.shell.units import Scale

#: GEM's nominal totals repeat their parts; the charts leave them out.
TOTALS = {Process.IRON, Process.CRUDE_STEEL}
OPERATING = {Status.OPERATING, Status.OPERATING_PRE_RETIREMENT, Status.UNKNOWN}


def figure(value_kt: float, lang: i18n.Lang) -> str:
    """A chart's figure: bare, in Mt/y with a decimal (the chart's one unit, named on its axis)."""
    return units.figure(value_kt, Scale.MT, lang)


def province_totals(store: LocalStore) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for asset in [*store.plants.all(), *store.mines.all()]:
        for capacity in asset.capacities:
            value = capacity.amount_ktpa.value
            if asset.place.province and value and capacity.process not in TOTALS and capacity.status in OPERATING:
                totals[asset.place.province] += value
    return dict(totals)


def charted(h, prefix: str) -> list[str]:
    found = [c.data for c in h.walk() if isinstance(c.data, str) and c.data.startswith(prefix)]
    return [d.split(":", 1)[1] for d in found if d.count(":") == 1 and not d.endswith(("-bar", "-total", "-parts"))]


def test_every_province_with_capacity_is_charted_with_its_total_biggest_first(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/balance/charts")
        expected = province_totals(gem_store)
        shown = charted(h, "province-chart:")
        assert set(shown) == set(expected) and len(shown) == len(expected) > 10
        assert [expected[c] for c in shown] == sorted(expected.values(), reverse=True)
        for code, total in expected.items():
            assert h.by_data(f"province-chart:{code}-total").value == f"جمع {figure(total, 'fa')}"

    run(scenario())


def test_pipeline_sums_each_process_by_status_in_english(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/balance/charts")
        await h.fire(h.by_data("toggle-language"))
        eaf: dict[str, float] = defaultdict(float)
        for plant in gem_store.plants.all():
            for capacity in plant.capacity(Process.EAF):
                if capacity.amount_ktpa.value:
                    eaf[capacity.status.value] += capacity.amount_ktpa.value
        live = eaf["operating"] + eaf["operating_pre_retirement"] + eaf["construction"]
        live += eaf["announced"] + eaf["proposed"]
        assert h.by_data("pipeline:eaf-total").value == f"Total {figure(live, 'en')}"  # a label: sentence case
        parts = h.by_data("pipeline:eaf-parts").value
        assert parts.startswith(f"Operating: {figure(eaf['operating'] + eaf['operating_pre_retirement'], 'en')}")
        assert f"under construction: {figure(eaf['construction'], 'en')}" in parts
        # GEM's pellet capacity has no status: shown as such, not as operating
        assert h.by_data("pipeline:pellet-parts").value.startswith("Status not given: 52.1")

    run(scenario())


def test_switching_scenario_adds_capacity_under_construction(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/balance/charts")
        before = h.by_data("province-chart:IR-10-total").value
        await h.fire(h.by_data("scenario:announced"))  # a tap on the segment
        assert h.by_data("province-chart:IR-10-total").value != before
        for name in ("province-axis-top", "province-axis", "pipeline-axis-top", "pipeline-axis"):
            axis = h.by_data(name)  # each end of a scale says its unit: no bare «۱۰۰٫۰» under a long chart
            assert any(isinstance(c, ft.Text) and c.value.endswith("میلیون تن در سال") for c in axis.controls), name

    run(scenario())
