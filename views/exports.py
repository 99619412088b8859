"""`main.py export`: any list (plants, mines, suppliers, needs) to CSV or XLSX, a supplier's profile to PDF, from
the local data, with the same columns, words and about-lines as the app's own exports.

This module sits with the composition root: it is the one place that knows every feature's export; each
feature's columns stay in its own folder (views/<feature>/export.py) and every file is written by
views/shell/export.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from models.atlas_query import AtlasFilter, AtlasIndex
from models.need_query import NeedFilter
from models.needs import NeedStatus
from models.supplier_query import SupplierFilter
from sync import clock
from sync.errors import ZanjirehError
from sync.reports import BadReportArgument, NoAtlasData
from sync.store import LocalStore
from views.atlas.export import atlas_table
from views.fund.ledger_export import ledger_json, ledger_table
from views.needs.export import need_table
from views.shell import i18n
from views.shell.directory_data import DirectoryData
from views.shell.export import write
from views.shell.i18n import Lang
from views.suppliers.export import supplier_table
from views.suppliers.profile_pdf import supplier_pdf

LISTS = ("plants", "mines", "suppliers", "needs")


class NothingToExport(ZanjirehError):
    """The data folder holds none of what was asked for (not synced yet, or a wrong id)."""

    code = "bad_argument"


@dataclass(frozen=True)
class ExportRequest:
    """What the command line asked for."""

    what: str  # plants | mines | suppliers | needs | supplier
    fmt: str  # csv | xlsx | pdf
    out: Path
    lang: Lang = "fa"
    record_id: str | None = None  # the supplier, for a profile
    search: str = ""
    provinces: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    statuses: frozenset[str] = field(default_factory=frozenset)


def export(store: LocalStore, request: ExportRequest) -> tuple[int, bytes]:
    """The file's bytes and how many rows it holds (1 for a profile)."""
    if request.what == "supplier":
        return 1, _profile(store, request)
    if request.what == "ledger":
        return _ledger(store, request)
    if request.fmt not in ("csv", "xlsx"):
        raise BadReportArgument(f"a list is exported as csv or xlsx, not {request.fmt}")
    if request.what in ("plants", "mines"):
        return _atlas(store, request)
    directory = DirectoryData.of(store).snapshot()
    lang = request.lang
    as_of = store.reference[request.what].state.updated_at
    summary = request.search and i18n.t("export_filter_search", lang, text=request.search)
    if request.what == "suppliers":
        query = SupplierFilter(text=request.search, provinces=request.provinces, categories=request.categories)
        suppliers = directory.suppliers.search(query)
        return len(suppliers), write(supplier_table(suppliers, directory, lang, summary or "", as_of), request.fmt)
    if request.what == "needs":
        try:
            statuses = frozenset(NeedStatus(s) for s in request.statuses)
        except ValueError as error:
            raise BadReportArgument(str(error)) from error
        query = NeedFilter(
            text=request.search, provinces=request.provinces, categories=request.categories, statuses=statuses
        )
        needs = directory.needs.search(query)
        return len(needs), write(need_table(needs, directory, lang, summary or "", as_of), request.fmt)
    raise BadReportArgument(f"unknown list {request.what!r}: plants, mines, suppliers, needs or supplier ID")


def _atlas(store: LocalStore, request: ExportRequest) -> tuple[int, bytes]:
    if store.is_empty:
        raise NoAtlasData("the data folder holds no plants or mines: import a GEM release first")
    kind = "plant" if request.what == "plants" else "mine"
    query = AtlasFilter(text=request.search, provinces=request.provinces, kinds=frozenset({kind}))
    assets = AtlasIndex.build([*store.plants.all(), *store.mines.all()]).search(query)
    cited = {a.source_id for a in assets}
    sources = [s for s in store.sources.all() if s.id in cited]
    summary = request.search and i18n.t("export_filter_search", request.lang, text=request.search)
    return len(assets), write(atlas_table(assets, sources, request.lang, summary or ""), request.fmt)


def _profile(store: LocalStore, request: ExportRequest) -> bytes:
    if request.fmt != "pdf":
        raise BadReportArgument(f"a supplier's profile is exported as pdf, not {request.fmt}")
    if not request.record_id:
        raise BadReportArgument("name the supplier: export supplier ID --format pdf --out FILE")
    directory = DirectoryData.of(store).snapshot()
    supplier = directory.suppliers.get(request.record_id)
    if supplier is None:
        raise NothingToExport(f"no supplier {request.record_id!r} in this data folder: sync first, or check the id")
    lang = request.lang
    as_of = store.suppliers.state.updated_at
    received = i18n.date(dt.datetime.fromisoformat(as_of).date(), lang) if as_of else i18n.t("as_of_never", lang)
    source = i18n.t("directory_source_demo" if supplier.demo else "directory_source_register", lang, as_of=received)
    made_on = clock.now().astimezone().date()
    return supplier_pdf(supplier, directory, lang, made_on=made_on, source=source)


def _ledger(store: LocalStore, request: ExportRequest) -> tuple[int, bytes]:
    """The Fund's public ledger as this device holds it: CSV/XLSX under 360Giving's column titles, or its JSON
    package (docs/fund.md, "The public ledger")."""
    entries = store.reference["fund_ledger"].all()
    if request.fmt == "json":
        return len(entries), ledger_json(entries)
    if request.fmt not in ("csv", "xlsx"):
        raise BadReportArgument(f"the ledger is exported as csv, xlsx or json, not {request.fmt}")
    as_of = store.reference["fund_ledger"].state.updated_at
    return len(entries), write(ledger_table(entries, request.lang, as_of), request.fmt)
