"""`main.py export`: any list (plants, mines, suppliers, needs, visits) to CSV or XLSX, a supplier's profile or a
visit's report to PDF, from the local data, with the same columns, words and about-lines as the app's own exports.

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
from views.visits.export import visit_table
from views.visits.report_pdf import visit_pdf

LISTS = ("plants", "mines", "suppliers", "needs", "visits")


class NothingToExport(ZanjirehError):
    """The data folder holds none of what was asked for (not synced yet, or a wrong id)."""

    code = "bad_argument"


@dataclass(frozen=True)
class ExportRequest:
    """What the command line asked for."""

    what: str  # plants | mines | suppliers | needs | visits | supplier | visit
    fmt: str  # csv | xlsx | pdf
    out: Path
    lang: Lang = "fa"
    record_id: str | None = None  # the supplier, for a profile; the visit, for its report
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
    if request.what == "visit":
        return 1, _visit_report(store, request)
    if request.fmt not in ("csv", "xlsx"):
        raise BadReportArgument(f"a list is exported as csv or xlsx, not {request.fmt}")
    if request.what in ("plants", "mines"):
        return _atlas(store, request)
    if request.what == "visits":
        return _visits(store, request)
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
    raise BadReportArgument(
        f"unknown list {request.what!r}: plants, mines, suppliers, needs, visits, supplier ID or visit ID"
    )


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


def _visits(store: LocalStore, request: ExportRequest) -> tuple[int, bytes]:
    """The visits this account may see (its own on the device, and what the server shares with it)."""
    from sync.fieldwork import Fieldwork

    work = Fieldwork(store)
    ids = dict.fromkeys([r.id for r in work.my_visits()] + [v.id for v in store.reference["visits"].all()])
    details = [d for d in (work.visit(i) for i in ids) if d is not None]
    if request.categories:
        details = [d for d in details if any(c in request.categories for c in d.visit.categories)]
    tree = DirectoryData.of(store).snapshot().tree
    as_of = store.reference["visits"].state.updated_at
    summary = request.search and i18n.t("export_filter_search", request.lang, text=request.search)
    return len(details), write(visit_table(details, tree, request.lang, summary or "", as_of), request.fmt)


def _visit_report(store: LocalStore, request: ExportRequest) -> bytes:
    from sync.errors import PhotoRefused
    from sync.fieldwork import Fieldwork

    if request.fmt != "pdf":
        raise BadReportArgument(f"a visit's report is exported as pdf, not {request.fmt}")
    if not request.record_id:
        raise BadReportArgument("name the visit: export visit ID --format pdf --out FILE")
    work = Fieldwork(store)
    detail = work.visit(request.record_id)
    if detail is None:
        raise NothingToExport(f"no visit {request.record_id!r} in this data folder: sync first, or check the id")

    def photo(sha: str) -> bytes | None:
        try:
            return work.photo(sha)
        except PhotoRefused:
            return None

    tree = DirectoryData.of(store).snapshot().tree
    return visit_pdf(detail, tree, photo, request.lang, made_on=clock.now().astimezone().date())
