"""The atlas feature's state: search, filters, sort order, favourites, importing and exporting.

``AtlasState`` extends the session's base state (views/shell/session.py): the session's state is an
atlas state with each other feature's state beside it (views/session.py). Screens reach it through
``views.atlas.context.use_atlas`` and never touch the store.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import flet as ft

from models.atlas import Asset
from models.atlas_query import AtlasFilter, OwnerFacet
from sync import clock
from sync.atlas_import import ImportReport, import_gem_into_store
from sync.errors import ImportFailed, ZanjirehError
from sync.store import LocalStore
from views.atlas.export import atlas_table, export_file_name
from views.shell import i18n, labels
from views.shell.atlas_data import AtlasData
from views.shell.export import ExportFailed, FileExport, write
from views.shell.records import FAVOURITES, favourite_id
from views.shell.session import SessionState

log = logging.getLogger("zanjireh.app")

A = TypeVar("A", bound="AtlasState")
SORT_COLUMNS = ("name", "owner", "province", "processes", "capacity")
FILTER_FACETS = ("kinds", "processes", "statuses", "provinces", "owners")
#: The words of each sortable column's title (the desktop table's, and the export's summary of the order).
SORT_LABELS = {
    "name": "column_name",
    "owner": "column_owner",
    "province": "column_province",
    "processes": "column_processes",
    "capacity": "column_capacity",
}
OWNER_PICKER_LIMIT = 40


@dataclass
class _UploadBatch:
    """Files the browser is uploading for one import."""

    folder: str
    waiting: set[str]
    release: str | None


@dataclass(frozen=True)
class SortOrder:
    column: str
    ascending: bool = True


@ft.observable
@dataclass
class AtlasState(SessionState):
    """What the member does with the atlas in one session: search, filters, order, favourites, import, export.

    The session's state is one (views/session.py): build it with :meth:`open`; public fields notify the
    screens when set.
    """

    filter: AtlasFilter = AtlasFilter()  # noqa: RUF009 — frozen and hashable: one shared empty filter is fine
    sort: SortOrder | None = None
    results_version: int = 0  # bumped whenever the results are recomputed (filter, sort, language, new data)
    favourites: frozenset[str] = frozenset()
    busy: str | None = None
    uploading: int = 0  # files of the browser's upload still on their way (then they are imported)
    last_import: ImportReport | None = None

    @classmethod
    def open(
        cls: type[A],
        store: LocalStore,
        atlas: AtlasData | None = None,
        *,
        call_soon: Callable[[Callable[[], None]], None] | None = None,
        data_dir: Path | None = None,
        upload_dir: Path | None = None,
        width: float | None = None,
        developer: bool = False,
    ) -> A:
        """The state of a new session on ``store`` (see :meth:`SessionState.open`); imports read from
        ``data_dir`` and, in a browser, from the uploads in ``upload_dir``."""
        state = super().open(store, atlas, call_soon=call_soon, width=width, developer=developer)
        state._data_dir = data_dir if data_dir is not None else store.folder
        state._upload_dir = upload_dir
        state._upload = None
        return state

    def _opened(self) -> None:
        self._results = []
        self._recompute()
        self.favourites = self._read_favourites()

    def _language_changed(self) -> None:
        self._recompute()  # names and provinces sort differently in each language

    def _atlas_changed(self) -> None:
        self._recompute()  # bumps results_version: every screen showing the atlas redraws

    def refresh(self) -> None:
        """Pick up store changes: a new atlas (import, sync) and favourites changed elsewhere."""
        super().refresh()
        favourites = self._read_favourites()
        if favourites != self.favourites:
            self.favourites = favourites

    # ---- the province the screens follow ------------------------------------------------------------
    @property
    def province(self) -> str | None:
        """The one province the filter names (the map and the balance show it), or None (Iran)."""
        chosen = self.filter.provinces
        return next(iter(chosen)) if len(chosen) == 1 else None

    def set_province(self, code: str | None) -> None:
        """Show one province (or Iran): the list, the map and the balance follow, as they share the filter."""
        self.set_filter(provinces=frozenset({code}) if code else frozenset())

    # ---- search, filters, sorting ---------------------------------------------------------------------
    @property
    def results(self) -> list[Asset]:
        return self._results

    def search(self, text: str) -> None:
        self.set_filter(text=text)

    def set_filter(self, **changes: Any) -> None:
        new_filter = dataclasses.replace(self.filter, **changes)
        if new_filter != self.filter:
            self.filter = new_filter
            self._recompute()

    def toggle_filter(self, facet: str, value: Any) -> None:
        """Add ``value`` to one facet of the filter (kinds, processes, statuses, provinces, owners), or remove it."""
        if facet not in FILTER_FACETS:
            raise ValueError(f"unknown filter facet {facet!r}")
        chosen: frozenset[Any] = getattr(self.filter, facet)
        self.set_filter(**{facet: chosen - {value} if value in chosen else chosen | {value}})

    def set_kind(self, kind: str | None) -> None:
        """Show plants, mines, or (None) both."""
        self.set_filter(kinds=frozenset({kind}) if kind else frozenset())

    def clear_filters(self) -> None:
        """Drop every facet; the search text stays (it is in the box in front of the member)."""
        self.set_filter(**{facet: frozenset() for facet in FILTER_FACETS})

    def show_province(self, code: str) -> None:
        """Every plant and mine of one province, nothing else narrowing it: the way from a site's own screen
        into the atlas map ("what else is around it"), whatever search led the member to that site."""
        changes: dict[str, Any] = {facet: frozenset() for facet in FILTER_FACETS}
        changes["provinces"] = frozenset({code})
        self.set_filter(text="", **changes)

    @property
    def has_facets(self) -> bool:
        return any(getattr(self.filter, facet) for facet in FILTER_FACETS)

    def set_sort(self, column: str | None) -> None:
        """Sort by ``column``; the same column again flips the order; None goes back to best match."""
        if column is not None and column not in SORT_COLUMNS:
            raise ValueError(f"unknown sort column {column!r}")
        if column is None:
            self.sort = None
        elif self.sort is not None and self.sort.column == column:
            self.sort = SortOrder(column, not self.sort.ascending)
        else:
            self.sort = SortOrder(column, column != "capacity")  # biggest capacity first
        self._recompute()

    def _recompute(self) -> None:
        found = self._snapshot.index.search(self.filter)
        if self.sort is not None:
            found = self._sorted(found, self.sort)
        elif not self.filter.text.strip():  # no query to rank by: alphabetical, as the member reads the names
            found = self._sorted(found, SortOrder("name"))
        self._results = found
        self.results_version += 1

    def _sorted(self, assets: list[Asset], order: SortOrder) -> list[Asset]:
        lang = self.lang
        keys: dict[str, Callable[[Asset], Any]] = {
            "name": lambda a: labels.sort_key(labels.display_name(a, lang)),
            "owner": lambda a: labels.sort_key(labels.owners_line(a, lang)) or None,
            "province": lambda a: labels.sort_key(labels.province_name(a.place.province, lang) or "") or None,
            "processes": lambda a: [labels.CHAIN_ORDER.index(p) for p in labels.main_processes(a)] or None,
            "capacity": labels.headline_ktpa,
        }
        key = keys[order.column]
        known = [a for a in assets if key(a) is not None]
        missing = [a for a in assets if key(a) is None]  # unknowns go last in either direction
        return sorted(known, key=key, reverse=not order.ascending) + missing

    # ---- facets for the filter pickers ----------------------------------------------------------------
    def owner_choices(self, query: str = "", limit: int = OWNER_PICKER_LIMIT) -> list[OwnerFacet]:
        """Owners matching ``query`` in either language, most assets first; chosen ones always included."""
        chosen = self.filter.owners
        # The model's rule: curated names, GEM's own spellings, short names and symbols, both languages.
        out = [facet for facet in self._snapshot.owners if facet.key in chosen or facet.matches(query)]
        return sorted(out, key=lambda f: f.key not in chosen)[:limit]

    def owner_facet(self, key: str) -> OwnerFacet | None:
        return next((f for f in self._snapshot.owners if f.key == key), None)

    # ---- favourites ------------------------------------------------------------------------------------
    @staticmethod
    def favourite_id(asset: Asset) -> str:
        return favourite_id(asset)

    def is_favourite(self, asset: Asset) -> bool:
        return self.favourite_id(asset) in self.favourites

    def toggle_favourite(self, asset: Asset) -> None:
        record_id = self.favourite_id(asset)
        with self._reporting():
            if record_id in self.favourites:
                self._store.user.delete(FAVOURITES, record_id)
            else:
                data = {"kind": asset.kind, "asset_id": asset.id, "created_at": clock.now_iso()}
                self._store.user.save(FAVOURITES, record_id, data)
        self.favourites = self._read_favourites()

    def favourite_assets(self) -> list[Asset]:
        """Favourites, newest first; those no longer in the atlas (a later release dropped them) are left out."""
        records = sorted(
            (r for r in self._favourite_records() if r.data), key=lambda r: str(r.data.get("created_at")), reverse=True
        )
        found = (self.asset(str(r.data.get("asset_id"))) for r in records if r.data)
        return [a for a in found if a is not None]

    def _favourite_records(self) -> list[Any]:
        try:
            return self._store.user.records(FAVOURITES)
        except ZanjirehError as error:
            self.report(error)
            return []

    def _read_favourites(self) -> frozenset[str]:
        return frozenset(r.id for r in self._favourite_records())

    # ---- importing ---------------------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path | None:
        return self._data_dir

    @property
    def upload_dir(self) -> Path | None:
        """Where the web client's uploads land (None when uploads are not served)."""
        return self._upload_dir

    def begin_upload(self, file_names: list[str], release: str | None = None) -> str:
        """The browser is about to upload ``file_names``: the folder (under ``upload_dir``) to send them to.

        The batch lives here, not in the screen that started it: the member may switch language or
        screens while the files travel, and the import must still follow when the last one arrives.
        """
        folder = f"import-{uuid.uuid4().hex[:12]}"  # one folder per import: the importer reads it as a whole
        self._upload = _UploadBatch(folder, set(file_names), release)
        self.uploading = len(file_names)
        return folder

    async def upload_progress(self, file_name: str, progress: float | None, error: str | None = None) -> None:
        """What the browser reports of one file; the import starts when the batch's last file is in."""
        batch: _UploadBatch | None = self._upload
        if batch is None or file_name not in batch.waiting:
            return  # a report of a batch that already failed, or of a file already counted
        if error:
            self._upload = None
            self.uploading = 0
            self.report(ImportFailed(f"upload of {file_name} failed: {error}", path=file_name))
            return
        if progress is None or progress < 1.0:
            return
        batch.waiting.discard(file_name)
        self.uploading = len(batch.waiting)
        if not batch.waiting:
            self._upload = None
            await self.import_gem(self.upload_dir / batch.folder, batch.release)

    async def import_gem(self, path: Path, release: str | None = None) -> ImportReport | None:
        """Import a GEM folder or workbook; the screens show ``busy`` meanwhile and the report after.

        ``release`` ("September 2025 (V1)") is for files that do not say which release they are: an
        uploaded file arrives without the folder name that usually says it.
        """
        self.busy = "import"
        try:
            report = await asyncio.to_thread(import_gem_into_store, self._store, path, (release or "").strip() or None)
        except ZanjirehError as error:
            self.report(error)
            return None
        except Exception as error:  # a file no reader expected must not take the screen down with it
            log.exception("import of %s failed", path)
            self.report(ImportFailed(f"{type(error).__name__}: {error}", path=str(path)))
            return None
        finally:
            self.busy = None
        self.last_import = report
        self.refresh()
        self._inform(
            "notice_imported",
            plants=i18n.Counted("count_plants", report.plants),
            mines=i18n.Counted("count_mines", report.mines),
        )
        return report

    # ---- exporting ---------------------------------------------------------------------------------------
    def filter_summary(self) -> str:
        """The filter, search and order in words (the workbook says what it holds: "DRI · Isfahan · …")."""
        lang, chosen = self.lang, self.filter

        def facet(key: str, values: list[str]) -> str:
            return self.t(
                "export_filter_facet",
                facet=self.t(key),
                values=i18n.joined(values, lang),
            )

        parts: list[str] = []
        if chosen.text.strip():
            parts.append(self.t("export_filter_search", text=chosen.text.strip()))
        if chosen.kinds:
            parts.append(facet("export_filter_kind", [labels.kind_name(k, lang) for k in sorted(chosen.kinds)]))
        if chosen.processes:
            ordered = labels.ordered_processes(set(chosen.processes))
            parts.append(facet("filter_process", [labels.process_name(p, lang) for p in ordered]))
        if chosen.statuses:
            ordered_statuses = [s for s in labels.STATUS_ORDER if s in chosen.statuses]
            parts.append(facet("filter_status", [labels.status_name(s, lang) for s in ordered_statuses]))
        if chosen.provinces:
            names = [labels.province_name(code, lang) or code for code in sorted(chosen.provinces)]
            parts.append(facet("filter_province", names))
        if chosen.owners:
            owners = []
            for key in sorted(chosen.owners):
                found = self.owner_facet(key)
                owners.append(key if found is None else found.name_fa if lang == "fa" and found.name_fa else found.name)
            parts.append(facet("export_filter_owner", owners))
        if not parts:
            parts.append(self.t("export_filter_none"))
        if self.sort is not None:
            direction = self.t("export_sort_ascending" if self.sort.ascending else "export_sort_descending")
            parts.append(
                self.t("export_filter_sort", column=self.t(SORT_LABELS[self.sort.column]), direction=direction)
            )
        return " · ".join(parts)

    async def export_atlas(self, fmt: str = "xlsx") -> FileExport | None:
        """What the member is looking at (the results, in the order shown, in their language) as an Excel
        workbook or CSV and the file name to offer; None, with a notice, when it cannot be made.

        The file is made off the event loop: thousands of rows take a moment, and the session stays live."""
        assets = list(self._results)
        lang = self.lang
        cited = {asset.source_id for asset in assets}
        sources = [source for source in self.sources() if source.id in cited]
        summary = self.filter_summary()
        self.busy = "export"
        try:
            data = await asyncio.to_thread(lambda: write(atlas_table(assets, sources, lang, summary), fmt))
        except ZanjirehError as error:
            self.report(error)
            return None
        except Exception as error:  # openpyxl's own failure must become words, not a dead button
            log.exception("export of %d rows failed", len(assets))
            self.report(ExportFailed(f"{type(error).__name__}: {error}"))
            return None
        finally:
            self.busy = None
        name = export_file_name(clock.now().astimezone().date(), lang, fmt)
        return FileExport(name, data, len(assets), fmt)
