"""Fixtures for the UI tests: stores with the real GEM data or with generated plants, and a running app."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

from models.atlas import GeoPoint, OwnerShare, Place
from models.enums import Process, Status
from sync import atlas_import
from sync.atlas_import import import_gem_into_store
from sync.gem_import import GemImport, read_gem
from sync.store import LocalStore
from tests.factories import TEST_SOURCE, make_capacity, make_plant
from tests.support.flet_harness import FletHarness
from views.app import make_main
from views.session import AppState

T = TypeVar("T")

PHONE = (412, 860)
DESKTOP = (1366, 860)
MOBARAKEH_STEEL = "P100000120584"  # Mobarakeh Steel Complex Isfahan — «فولاد مبارکه اصفهان»
MOBARAKEH_STEEL_CO = "E100000001959"  # GEM entity id of the owner «شرکت فولاد مبارکه اصفهان»


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


_GEM_READS: dict[tuple[str, str | None], GemImport] = {}


def _read_gem_once(path: Path, **options: Any) -> GemImport:
    """``read_gem`` for the unchanging files of ../shared/data, read once per process: three hundred UI tests
    start from the same release, and reading it was most of their set-up. The models are frozen."""
    if set(options) - {"locate_province", "release"}:
        return read_gem(path, **options)
    key = (str(Path(path).resolve()), options.get("release"))
    if key not in _GEM_READS:
        _GEM_READS[key] = read_gem(path, **options)
    read = _GEM_READS[key]  # its lists are copied: a store may keep what it is given
    lists = {f.name: list(value) for f in dataclasses.fields(read) if isinstance(value := getattr(read, f.name), list)}
    return dataclasses.replace(read, **lists)


def import_gem_once(store: LocalStore, shared_data: Path) -> None:
    """``import_gem_into_store`` as the app runs it, every step of it, but the files read only once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(atlas_import, "read_gem", _read_gem_once)
        import_gem_into_store(store, shared_data)


@pytest.fixture
def gem_store(shared_data: Path) -> LocalStore:
    """An in-memory store holding the real GEM releases from ../shared/data."""
    store = LocalStore.in_memory()
    import_gem_once(store, shared_data)
    return store


@pytest.fixture
def gem_folder(shared_data: Path, tmp_path: Path) -> Path:
    """A data folder on disk with the real GEM releases imported (closed again: open it to use it)."""
    folder = tmp_path / "data"
    store = LocalStore.open(folder)
    try:
        import_gem_once(store, shared_data)
    finally:
        store.close()
    return folder


def big_store(count: int = 5000) -> LocalStore:
    """A store of ``count`` generated plants spread over provinces, processes and statuses."""
    provinces = ["IR-10", "IR-21", "IR-08", "IR-06", "IR-23"]
    processes = [Process.EAF, Process.DRI, Process.BOF, Process.PELLET]
    statuses = [Status.OPERATING, Status.CONSTRUCTION, Status.ANNOUNCED]
    plants = [
        make_plant(
            n,
            name_en=f"Generated Steel {n:05d}",
            name_fa=f"فولاد ساختگی {n:05d}",
            place=Place(point=GeoPoint(lat=32.0, lon=52.0), province=provinces[n % len(provinces)]),
            owners=(OwnerShare(name=f"Owner {n % 50}", gem_id=f"E9{n % 50:011d}"),),
            capacities=(make_capacity(processes[n % len(processes)], statuses[n % len(statuses)], 100.0 + n),),
        )
        for n in range(count)
    ]
    store = LocalStore.in_memory()
    store.replace_reference({"plants": plants, "sources": [TEST_SOURCE]}, origin="test")
    return store


async def start_app(
    store: LocalStore,
    size: tuple[int, int] = PHONE,
    route: str = "/",
    data_dir: Path | None = None,
    upload_dir: Path | None = None,
    developer: bool = False,
) -> FletHarness:
    """The app on ``store``; ``developer`` as ``main.py --developer`` starts it (importing from files shown)."""
    harness = FletHarness(width=size[0], height=size[1])
    await harness.start(make_main(store, data_dir=data_dir, upload_dir=upload_dir, developer=developer), route=route)
    await harness.settle()
    return harness


def app_state(harness: FletHarness) -> AppState:
    """The session's state, as the root component received it."""
    controls = harness.page.views[0].controls  # page.render puts the App component there, alone
    root = controls[0] if isinstance(controls, list) else controls
    return root.args[0].state


def row_ids(harness: FletHarness) -> list[str]:
    """Asset ids of the rows the list holds right now (what was sent to the client)."""
    return [c.data.split(":", 1)[1] for c in harness.walk() if isinstance(c.data, str) and c.data.startswith("open:")]
