"""The app state screens read and call: observable, UI-free, and the one place errors become notices.

One ``AtlasData`` per store (shared by every browser session) keeps the search index and headline
figures, rebuilt only when the store's collections change. One ``AppState`` per session holds what
that member sees: language, theme, filter, results, favourites and the notice to show. Screens
reach it through ``views.context.use_app`` and never touch the store.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
import uuid
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import flet as ft

from models.atlas import Asset, Mine, Plant, Source
from models.atlas_query import AtlasFilter, AtlasIndex, OwnerFacet
from models.capacity import CapacityTotals, capacity_totals
from models.enums import Process, Status
from models.search import normalize, tokens
from sync import clock
from sync.atlas_import import ImportReport, import_gem_into_store
from sync.errors import ImportFailed, ZanjirehError
from sync.store import LocalStore
from views.atlas.export import ExportFailed, atlas_workbook, export_file_name
from views.balance.state import BalanceState
from views.shell import i18n, labels
from views.shell.i18n import LANGS, Lang
from views.shell.theme import PHONE_MAX_WIDTH

log = logging.getLogger("zanjireh.app")

FAVOURITES = "favourites"
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


# ---- shared per store -----------------------------------------------------------------------------
@dataclass(frozen=True)
class AtlasSnapshot:
    """The atlas as one load of the store: index, counts, headline totals, sources."""

    generations: tuple[int, ...]
    index: AtlasIndex
    plants: int
    mines: int
    plant_totals: CapacityTotals
    mine_totals: CapacityTotals
    sources: dict[str, Source]
    owners: list[OwnerFacet]
    processes: list[Process]
    statuses: list[Status]
    provinces: dict[str, int]

    @property
    def is_empty(self) -> bool:
        return not self.plants and not self.mines


class AtlasData:
    """Builds the atlas snapshot of one store, again only when one of its collections has changed."""

    def __init__(self, store: LocalStore) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._snapshot: AtlasSnapshot | None = None

    def _generations(self) -> tuple[int, ...]:
        store = self._store
        return (store.plants.generation, store.mines.generation, store.sources.generation)

    def snapshot(self) -> AtlasSnapshot:
        with self._lock:
            generations = self._generations()
            if self._snapshot is None or self._snapshot.generations != generations:
                self._snapshot = self._build(generations)
            return self._snapshot

    def _build(self, generations: tuple[int, ...]) -> AtlasSnapshot:
        plants: list[Plant] = self._store.plants.all()
        mines: list[Mine] = self._store.mines.all()
        index = AtlasIndex.build([*plants, *mines])
        return AtlasSnapshot(
            generations=generations,
            index=index,
            plants=len(plants),
            mines=len(mines),
            plant_totals=capacity_totals(plants),
            mine_totals=capacity_totals(mines),
            sources={s.id: s for s in self._store.sources.all()},
            owners=index.owners(),
            processes=labels.ordered_processes(set(index.processes())),
            statuses=[s for s in labels.STATUS_ORDER if s in index.statuses()],
            provinces=dict(index.provinces()),
        )


# ---- per session ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SortOrder:
    column: str
    ascending: bool = True


@dataclass(frozen=True)
class Notice:
    """Something to tell the member. The words are made in their language when shown (see AppState)."""

    serial: int
    level: str  # "error" | "info"
    key: str = "error"
    params: dict[str, Any] = field(default_factory=dict)
    error: ZanjirehError | None = None
    detail: str = ""


@dataclass(frozen=True)
class AtlasExport:
    """An Excel workbook of what the member was looking at, and the name to offer it under."""

    file_name: str
    data: bytes
    rows: int


@ft.observable
@dataclass
class AppState:
    """What one session shows. Build it with :meth:`open`; public fields notify the screens when set."""

    lang: Lang = "fa"
    theme: str = "light"
    width: float = 412
    filter: AtlasFilter = AtlasFilter()  # noqa: RUF009 — frozen and hashable: one shared empty filter is fine
    sort: SortOrder | None = None
    results_version: int = 0  # bumped whenever the results are recomputed (filter, sort, language, new data)
    favourites: frozenset[str] = frozenset()
    notice: Notice | None = None
    busy: str | None = None
    uploading: int = 0  # files of the browser's upload still on their way (then they are imported)
    last_import: ImportReport | None = None

    @classmethod
    def open(
        cls,
        store: LocalStore,
        atlas: AtlasData | None = None,
        *,
        call_soon: Callable[[Callable[[], None]], None] | None = None,
        data_dir: Path | None = None,
        upload_dir: Path | None = None,
        width: float | None = None,
    ) -> AppState:
        """The state of a new session on ``store``; settings come from the device, figures from ``atlas``.

        ``call_soon`` runs a callback on this session's event loop: store changes made elsewhere (another
        session, an import thread) are handed over through it.
        """
        settings = store.device.settings()
        lang = settings.get("language")
        state = cls(
            lang=lang if lang in LANGS else "fa",
            theme="dark" if settings.get("theme") == "dark" else "light",
            width=width or 412,
        )
        # underscore names: plain attributes, no notifications
        state._store = store
        state._atlas = atlas or AtlasData(store)
        state._call_soon = call_soon
        state._data_dir = data_dir if data_dir is not None else store.folder
        state._upload_dir = upload_dir
        state._upload = None
        state._serial = 0
        state._snapshot = state._atlas.snapshot()
        state._results = []
        state._recompute()
        state.favourites = state._read_favourites()
        state._listen_to(store)
        for store_notice in store.notices:  # what the store repaired at start-up
            state._inform(f"store_{store_notice.code}", detail=store_notice.detail)
        return state

    def _listen_to(self, store: LocalStore) -> None:
        # A weak reference: a closed browser session must not be kept alive by the store.
        me = weakref.ref(self)
        unsubscribe: list[Callable[[], None]] = []

        def on_store_change(_what: str) -> None:
            state = me()
            if state is None:
                unsubscribe[0]()
            elif state._call_soon is not None:
                state._call_soon(state.refresh)
            else:
                state.refresh()

        unsubscribe.append(store.subscribe(on_store_change))

    # ---- words --------------------------------------------------------------------------------------
    def t(self, key: str, **params: object) -> str:
        return i18n.t(key, self.lang, **params)

    @property
    def rtl(self) -> bool:
        return self.lang == "fa"

    @property
    def notice_message(self) -> str | None:
        """The notice in the member's current language (it follows a language switch)."""
        notice = self.notice
        if notice is None:
            return None
        if notice.error is not None:
            return i18n.error_message(notice.error, self.lang)
        params = {k: i18n.number(v, self.lang) if isinstance(v, int) else v for k, v in notice.params.items()}
        return i18n.t(notice.key, self.lang, **params)

    # ---- errors → notices: the only place a ZanjirehError is caught ---------------------------------
    @contextmanager
    def _reporting(self) -> Iterator[None]:
        try:
            yield
        except ZanjirehError as error:
            self.report(error)

    def report(self, error: ZanjirehError) -> None:
        log.warning("%s: %s %s", error.code, error.detail, error.params or "")
        self._serial += 1
        self.notice = Notice(self._serial, "error", key=error.code, error=error, detail=error.detail)

    def error_words(self, error: ZanjirehError) -> str:
        """An error in the member's language, for a screen that shows it beside what it concerns (a form)."""
        return i18n.error_message(error, self.lang)

    def _inform(self, key: str, detail: str = "", **params: Any) -> None:
        if detail:
            log.info("%s: %s", key, detail)
        self._serial += 1
        self.notice = Notice(self._serial, "info", key=key, params=params, detail=detail)

    def tell(self, key: str, **params: Any) -> None:
        """Confirm something to the member (a catalogue message, shown in the notice banner)."""
        self._inform(key, **params)

    def dismiss_notice(self) -> None:
        self.notice = None

    # ---- layout, language, theme --------------------------------------------------------------------
    @property
    def is_phone(self) -> bool:
        return self.width < PHONE_MAX_WIDTH

    def set_width(self, width: float | None) -> None:
        if width:
            self.width = width

    def set_language(self, lang: Lang) -> None:
        if lang not in LANGS or lang == self.lang:
            return
        self.lang = lang
        with self._reporting():
            self._store.device.set_setting("language", lang)
        self._recompute()  # names and provinces sort differently in each language

    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "fa" else "fa")

    def set_theme(self, theme: str) -> None:
        if theme not in ("light", "dark") or theme == self.theme:
            return
        self.theme = theme
        with self._reporting():
            self._store.device.set_setting("theme", theme)

    def toggle_theme(self) -> None:
        self.set_theme("dark" if self.theme == "light" else "light")

    # ---- the atlas ------------------------------------------------------------------------------------
    @property
    def atlas(self) -> AtlasSnapshot:
        return self._snapshot

    @property
    def balance(self) -> BalanceState:
        """The chain balance's scenario, ratios and what-ifs (views/balance_state.py), made on first use."""
        balance = getattr(self, "_balance", None)
        if balance is None:
            balance = self._balance = BalanceState.open(self, self._store.device)
        return balance

    @property
    def has_data(self) -> bool:
        return not self._snapshot.is_empty

    def refresh(self) -> None:
        """Pick up store changes: a new atlas (import, sync) and favourites changed elsewhere."""
        snapshot = self._atlas.snapshot()
        if snapshot is not self._snapshot:
            self._snapshot = snapshot
            self._recompute()  # bumps results_version: every screen showing the atlas redraws
        favourites = self._read_favourites()
        if favourites != self.favourites:
            self.favourites = favourites

    def asset(self, asset_id: str) -> Asset | None:
        return self._snapshot.index.get(asset_id)

    def source(self, source_id: str) -> Source | None:
        return self._snapshot.sources.get(source_id)

    def sources(self) -> list[Source]:
        return sorted(self._snapshot.sources.values(), key=lambda s: s.title)

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
        query_tokens = tokens(query)
        chosen = self.filter.owners
        out = []
        for facet in self._snapshot.owners:
            haystack = normalize(f"{facet.name} {facet.name_fa or ''}")
            if facet.key in chosen or all(token in haystack for token in query_tokens):
                out.append(facet)
        return sorted(out, key=lambda f: f.key not in chosen)[:limit]

    def owner_facet(self, key: str) -> OwnerFacet | None:
        return next((f for f in self._snapshot.owners if f.key == key), None)

    # ---- favourites ------------------------------------------------------------------------------------
    @staticmethod
    def favourite_id(asset: Asset) -> str:
        return f"{asset.kind}:{asset.id}"

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
        self._inform("notice_imported", plants=report.plants, mines=report.mines)
        return report

    # ---- exporting ---------------------------------------------------------------------------------------
    def filter_summary(self) -> str:
        """The filter, search and order in words (the workbook says what it holds: "DRI · Isfahan · …")."""
        lang, chosen = self.lang, self.filter

        def facet(key: str, values: list[str]) -> str:
            return self.t(
                "export_filter_facet",
                facet=self.t(key),
                values="، ".join(values) if lang == "fa" else ", ".join(values),
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

    async def export_atlas(self) -> AtlasExport | None:
        """What the member is looking at (the results, in the order shown, in their language) as an Excel
        workbook and the file name to offer; None, with a notice, when it cannot be made.

        The workbook is made off the event loop: thousands of rows take a moment, and the session stays live."""
        assets = list(self._results)
        lang = self.lang
        cited = {asset.source_id for asset in assets}
        sources = [source for source in self.sources() if source.id in cited]
        summary = self.filter_summary()
        self.busy = "export"
        try:
            data = await asyncio.to_thread(atlas_workbook, assets, sources, lang, summary)
        except ZanjirehError as error:
            self.report(error)
            return None
        except Exception as error:  # openpyxl's own failure must become words, not a dead button
            log.exception("export of %d rows failed", len(assets))
            self.report(ExportFailed(f"{type(error).__name__}: {error}"))
            return None
        finally:
            self.busy = None
        return AtlasExport(export_file_name(clock.now().astimezone().date(), lang), data, len(assets))

    def export_saved(self, export: AtlasExport, path: str | None) -> None:
        """The device took the file: saved at ``path`` (desktop, phone), or handed to the browser's downloads."""
        if path:
            self._inform("export_saved", count=export.rows, path=i18n.ltr(path))
        else:
            self._inform("export_downloaded", count=export.rows, file=i18n.ltr(export.file_name))

    def export_failed(self, reason: str) -> None:
        """The file was made but the device did not take it (the save dialog or the download failed)."""
        self.report(ExportFailed(reason))
