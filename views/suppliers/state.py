"""The supplier directory's state in one session: search, facets, order, "near this plant", favourites, export.

One ``SuppliersState`` per session, made by the app (views/session.py) and reached with ``use_suppliers``.
The directory itself (65,000 suppliers and more) is the shell's ``DirectorySnapshot``, shared by every
session; a query here filters its in-memory index and never sends more than a window of rows to a screen.
Results are worked out when a screen asks for them and only again when the filter, the order, the language
or the data changed.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import flet as ft

from models.collation import collation_string
from models.geo import haversine_km
from models.search import tokens
from models.supplier_query import QUALIFICATION_ORDER, SupplierFilter
from models.supplier_rows import SupplierRow
from models.suppliers import CompanyType, SizeBand, Supplier
from sync import clock
from sync.errors import ZanjirehError
from views.shell import i18n, labels
from views.shell.directory_labels import (
    categories_line,
    category_name,
    company_type_name,
    qualification_name,
    size_name,
)
from views.shell.export import ExportFailed, FileExport, file_name, write
from views.shell.records import FAVOURITES, subject_id
from views.shell.session import SessionState
from views.suppliers.export import supplier_table
from views.suppliers.profile_pdf import profile_file_name, supplier_pdf

log = logging.getLogger("zanjireh.suppliers")

#: Typed words shorter than this are a filter, not a ranking: the list stays in name order.
MIN_RANKED_CHARS = 2
SORT_COLUMNS = ("name", "type", "province", "standing", "certificates", "distance")
#: Facets that are sets of values (the rest are yes/no switches).
SET_FACETS = ("categories", "provinces", "schemes", "qualifications", "company_types", "sizes")
SORT_LABELS = {
    "name": "suppliers_column_name",
    "type": "suppliers_column_type",
    "province": "suppliers_column_place",
    "standing": "suppliers_column_standing",
    "certificates": "suppliers_column_certificates",
    "distance": "suppliers_column_distance",
}


@dataclass(frozen=True)
class SortOrder:
    column: str
    ascending: bool = True


@ft.observable
@dataclass(eq=False)
class SuppliersState:
    """What the member does with the directory in one session; public fields notify the screens when set."""

    filter: SupplierFilter = SupplierFilter()  # noqa: RUF009 — frozen: one shared empty filter is fine
    sort: SortOrder | None = None
    #: The plant distances are measured from (a plant's screen sends the member here with it), or None.
    near: str | None = None
    favourites: frozenset[str] = frozenset()
    busy: str | None = None
    #: Bumped when the directory changed in the store (a sync, an import): the directory's screens redraw.
    data_version: int = 0

    @classmethod
    def open(cls, app: SessionState) -> SuppliersState:
        state = cls()
        state._app = app
        state._token = None
        state._results = []
        state._distances = {}
        state._seen = (app.directory_key(), app.directory_ready)
        state.favourites = state._read_favourites()
        return state

    @property
    def app(self) -> SessionState:
        return self._app

    def session_refreshed(self) -> None:
        """The session heard of a store change: the directory or favourites may have changed."""
        key = (self._app.directory_key(), self._app.directory_ready)
        if key != self._seen:  # new data, or its index just finished loading in the background
            self._seen = key
            self.data_version += 1
        favourites = self._read_favourites()
        if favourites != self.favourites:
            self.favourites = favourites

    # ---- the results --------------------------------------------------------------------------------
    @property
    def results(self) -> Sequence[SupplierRow]:
        """The suppliers the filter finds, in the order asked for (worked out again only when needed): rows of
        the directory's index, made only for the part of the list a screen reads."""
        directory = self._app.directory
        token = (directory.key, self.filter, self.sort, self.near, self._app.lang)
        if token != self._token:
            self._results = self._compute()
            self._token = token
        return self._results

    @property
    def results_key(self) -> str:
        """Changes whenever the results may have: the list takes it as its key and starts again at the top."""
        return str(hash((self._app.directory.key, self.filter, self.sort, self.near, self._app.lang)))

    def _compute(self) -> Sequence[SupplierRow]:
        directory = self._app.directory
        # a letter or two typed ranks nothing (nearly every name holds it): by name, as with no words at all
        words = len("".join(tokens(self.filter.text))) >= MIN_RANKED_CHARS
        found = directory.suppliers.search(self.filter, ranked=words and self.sort is None and self.near is None)
        self._distances = self._measure(found)
        order = self.sort
        if order is None:
            if self.near is not None:
                order = SortOrder("distance")
            elif not words:
                order = SortOrder("name")
        if order is None:
            return found
        if order.column == "name":  # the index keeps the order of names: no row is made to sort them
            return directory.suppliers.in_name_order(found, self._app.lang, descending=not order.ascending)
        return self._sorted(list(found), order)

    def _measure(self, suppliers: Sequence[SupplierRow]) -> dict[str, float]:
        plant = self._app.asset(self.near) if self.near else None
        point = plant.place.point if plant is not None else None
        if point is None:
            return {}
        return {
            s.id: haversine_km(point.lat, point.lon, s.lat, s.lon)
            for s in suppliers
            if s.lat is not None and s.lon is not None
        }

    def distance(self, supplier: SupplierRow | Supplier) -> float | None:
        """Great-circle km from the ``near`` plant (None when no plant is chosen or a point is missing)."""
        if self.near is None:
            return None
        self.results  # noqa: B018 — makes sure the distances are of the current results
        return self._distances.get(supplier.id)

    def _sorted(self, suppliers: list[SupplierRow], order: SortOrder) -> list[SupplierRow]:
        lang, directory = self._app.lang, self._app.directory
        names = directory.name_keys(lang)
        index = directory.suppliers
        keys: dict[str, Callable[[SupplierRow], Any]] = {
            "type": lambda s: collation_string(company_type_name(s.company_type, lang)),
            "province": lambda s: collation_string(labels.province_name(s.province, lang) or "") or None,
            "standing": lambda s: QUALIFICATION_ORDER.index(index.best_standing(s.id)),
            "certificates": lambda s: -len(index.valid_schemes(s.id)),
            "distance": lambda s: self._distances.get(s.id),
        }
        key = keys[order.column]
        known = [(k, s) for s in suppliers if (k := key(s)) is not None]
        missing = [s for s in suppliers if key(s) is None]  # unknowns last in either direction
        known.sort(key=lambda pair: (pair[0], names.get(pair[1].id, "")), reverse=not order.ascending)
        return [s for _, s in known] + missing

    # ---- changing the query ---------------------------------------------------------------------------
    def search(self, text: str) -> None:
        self.set_filter(text=text)

    def set_filter(self, **changes: Any) -> None:
        new_filter = dataclasses.replace(self.filter, **changes)
        if new_filter != self.filter:
            self.filter = new_filter

    def toggle(self, facet: str, value: Any) -> None:
        """Add ``value`` to one facet of the filter, or remove it."""
        if facet not in SET_FACETS:
            raise ValueError(f"unknown facet {facet!r}")
        chosen: frozenset[Any] = getattr(self.filter, facet)
        self.set_filter(**{facet: chosen - {value} if value in chosen else chosen | {value}})

    def set_switch(self, facet: str, on: bool) -> None:
        if facet not in ("valid_certificate", "knowledge_based"):
            raise ValueError(f"unknown switch {facet!r}")
        self.set_filter(**{facet: on})

    def clear_filters(self) -> None:
        """Drop every facet and the plant distances are measured from; the words typed stay."""
        self.set_filter(**{facet: frozenset() for facet in SET_FACETS}, valid_certificate=False, knowledge_based=False)
        self.near = None

    def set_near(self, plant_id: str | None) -> None:
        if plant_id is not None and self._app.asset(plant_id) is None:
            plant_id = None  # an old link: the plant is not in this atlas
        if plant_id != self.near:
            self.near = plant_id
            if plant_id is None and self.sort is not None and self.sort.column == "distance":
                self.sort = None

    def set_sort(self, column: str | None) -> None:
        """Sort by ``column``; the same column again flips the order; None goes back to the default."""
        if column is not None and column not in SORT_COLUMNS:
            raise ValueError(f"unknown sort column {column!r}")
        if column is None:
            self.sort = None
        elif self.sort is not None and self.sort.column == column:
            self.sort = SortOrder(column, not self.sort.ascending)
        else:
            self.sort = SortOrder(column, True)

    def follow_link(self, query: dict[str, str]) -> None:
        """A link into the directory (``/suppliers?category=…&near=…``, from a plant's screen): narrow to that
        category, measure from that plant, nothing else narrowing it."""
        category = query.get("category")
        tree = self._app.directory.tree
        if category is None and "near" not in query:
            return
        self.filter = SupplierFilter(categories=frozenset({category}) if category and category in tree else frozenset())
        self.sort = None
        self.set_near(query.get("near"))

    @property
    def has_facets(self) -> bool:
        return self.filter.has_facets or self.near is not None

    @property
    def facet_count(self) -> int:
        chosen = self.filter
        count = sum(len(getattr(chosen, facet)) for facet in SET_FACETS)
        return count + int(chosen.valid_certificate) + int(chosen.knowledge_based) + int(self.near is not None)

    # ---- favourites (the member's own records, as for plants) ----------------------------------------
    def is_favourite(self, supplier: Supplier) -> bool:
        return subject_id("supplier", supplier.id) in self.favourites

    def toggle_favourite(self, supplier: Supplier) -> None:
        record_id = subject_id("supplier", supplier.id)
        store = self._app.store
        try:
            if record_id in self.favourites:
                store.user.delete(FAVOURITES, record_id)
            else:
                data = {"kind": "supplier", "asset_id": supplier.id, "created_at": clock.now_iso()}
                store.user.save(FAVOURITES, record_id, data)
        except ZanjirehError as error:
            self._app.report(error)
        self.favourites = self._read_favourites()

    def favourite_suppliers(self) -> list[Supplier]:
        """Favourite suppliers, newest first; those no longer in the directory are left out."""
        try:
            records = self._app.store.user.records(FAVOURITES)
        except ZanjirehError as error:
            self._app.report(error)
            return []
        mine = [r for r in records if r.data and r.data.get("kind") == "supplier"]
        mine.sort(key=lambda r: str(r.data.get("created_at")), reverse=True)
        found = (self._app.directory.suppliers.get(str(r.data.get("asset_id"))) for r in mine)
        return [s for s in found if s is not None]

    def _read_favourites(self) -> frozenset[str]:
        try:
            records = self._app.store.user.records(FAVOURITES)
        except ZanjirehError as error:
            self._app.report(error)
            return frozenset()
        return frozenset(r.id for r in records if r.id.startswith("supplier:"))

    # ---- export ------------------------------------------------------------------------------------------
    def filter_summary(self) -> str:
        """The filter, search, place and order in words (the export says what it holds)."""
        app, chosen = self._app, self.filter
        lang, tree = app.lang, app.directory.tree
        comma = "، " if lang == "fa" else ", "

        def facet(key: str, values: list[str]) -> str:
            return app.t("export_filter_facet", facet=app.t(key), values=comma.join(values))

        parts: list[str] = []
        if chosen.text.strip():
            parts.append(app.t("export_filter_search", text=chosen.text.strip()))
        if chosen.categories:
            parts.append(
                facet("suppliers_filter_category", [category_name(c, lang, tree) for c in sorted(chosen.categories)])
            )
        if chosen.provinces:
            names = sorted(labels.province_name(c, lang) or c for c in chosen.provinces)
            parts.append(facet("province", names))
        if chosen.valid_certificate:
            parts.append(app.t("suppliers_filter_valid_certificate"))
        if chosen.schemes:
            parts.append(facet("suppliers_filter_scheme", sorted(chosen.schemes)))
        if chosen.qualifications:
            states = [qualification_name(q, lang) for q in QUALIFICATION_ORDER if q in chosen.qualifications]
            parts.append(facet("suppliers_filter_standing", states))
        if chosen.company_types:
            types = [company_type_name(t, lang) for t in CompanyType if t in chosen.company_types]
            parts.append(facet("suppliers_filter_type", types))
        if chosen.sizes:
            parts.append(facet("suppliers_filter_size", [size_name(z, lang) for z in SizeBand if z in chosen.sizes]))
        if chosen.knowledge_based:
            parts.append(app.t("knowledge_based"))
        if self.near is not None:
            plant = app.asset(self.near)
            parts.append(app.t("suppliers_near_plant", plant=labels.display_name(plant, lang) if plant else self.near))
        if not parts:
            parts.append(app.t("suppliers_filter_none"))
        if self.sort is not None:
            direction = app.t("export_sort_ascending" if self.sort.ascending else "export_sort_descending")
            parts.append(app.t("export_filter_sort", column=app.t(SORT_LABELS[self.sort.column]), direction=direction))
        return " · ".join(parts)

    async def export(self, fmt: str) -> FileExport | None:
        """The list as shown (its rows, in its order, in the member's language) as CSV or Excel; None, with a
        notice, when it cannot be made. Made off the event loop: 65,000 rows take a moment."""
        app = self._app
        shown, lang, directory = list(self.results), app.lang, app.directory
        distances = dict(self._distances) if self.near else None
        summary = self.filter_summary()
        as_of = app.directory_as_of("suppliers")
        self.busy = "export"
        try:
            data = await asyncio.to_thread(
                lambda: write(supplier_table(shown, directory, lang, summary, as_of, distances), fmt)
            )
        except ZanjirehError as error:
            app.report(error)
            return None
        except Exception as error:  # openpyxl's own failure must become words, not a dead button
            log.exception("export of %d suppliers failed", len(shown))
            app.report(ExportFailed(f"{type(error).__name__}: {error}"))
            return None
        finally:
            self.busy = None
        return FileExport(file_name("suppliers", clock.now().astimezone().date(), lang, fmt), data, len(shown), fmt)

    async def export_profile(self, supplier: Supplier, fmt: str = "pdf") -> FileExport | None:
        """The supplier's profile as a PDF in the member's language; None, with a notice, when it cannot be made
        (a phone has no HarfBuzz: the screen says so before the member tries)."""
        app = self._app
        lang, directory = app.lang, app.directory
        source = self.source_words(supplier)
        made_on = clock.now().astimezone().date()
        self.busy = "profile"
        try:
            data = await asyncio.to_thread(supplier_pdf, supplier, directory, lang, made_on=made_on, source=source)
        except ZanjirehError as error:
            app.report(error)
            return None
        except Exception as error:  # fpdf2's own failure must become words, not a dead button
            log.exception("profile of %s failed", supplier.id)
            app.report(ExportFailed(f"{type(error).__name__}: {error}"))
            return None
        finally:
            self.busy = None
        return FileExport(profile_file_name(supplier, made_on, lang), data, 1, "pdf")

    def source_words(self, supplier: Supplier) -> str:
        """Where the record comes from and when this device received it: the register's, or made-up demo data."""
        app = self._app
        as_of = app.directory_as_of("suppliers")
        received = i18n.date(dt.datetime.fromisoformat(as_of).date(), app.lang) if as_of else app.t("as_of_never")
        return app.t("directory_source_demo" if supplier.demo else "directory_source_register", as_of=received)


def standing_words(state: SuppliersState, supplier: Supplier | SupplierRow) -> str:
    """The supplier's best standing on the day, in words ("approved", "not assessed")."""
    best = state.app.directory.suppliers.best_standing(supplier.id)
    return qualification_name(best, state.app.lang)


def trades_line(state: SuppliersState, supplier: Supplier | SupplierRow) -> str:
    return categories_line(supplier.categories, state.app.lang, state.app.directory.tree)
