"""Start the app: open the data folder, import the sample atlas on first run, serve one app state per session.

The composition root: it puts every feature's routes under the shell's frame and fills the shell's slots
(views/shell/context.py), so that no feature imports another and the shell imports none.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import flet as ft
from flet_geolocator import Geolocator
from flet_secure_storage import SecureStorage

from sync.atlas_import import ImportReport, import_gem_into_store
from sync.errors import ImportFailed
from sync.paths import bundled_sample_data, project_root
from sync.store import LocalStore
from views.atlas import routes as atlas_routes
from views.atlas.empty_state import EmptyStateView
from views.balance import routes as balance_routes
from views.fund import routes as fund_routes
from views.home import routes as home_routes
from views.home.home import HomeView
from views.needs import routes as need_routes
from views.needs.plant_section import PlantNeedsSection
from views.session import AppState, SessionParts
from views.settings import routes as settings_routes
from views.shell.atlas_data import AtlasData
from views.shell.context import AppContext, Services, ServicesContext, Slots, register_session
from views.shell.directory_data import DirectoryData
from views.shell.frame import Shell
from views.shell.i18n import error_message
from views.shell.theme import FONTS, build_theme, theme_mode
from views.suppliers import routes as supplier_routes
from views.sync import routes as sync_routes
from views.sync.hub import SyncHub, watch_device
from views.sync.indicator import SyncIndicator
from views.sync.notes import NotesSection
from views.sync.secure_tokens import SecureTokenKeeper
from views.sync.state import SyncSession
from views.visits import routes as visit_routes
from views.visits.record_corrections import AssetCorrectionsSection, SupplierCorrectionsSection
from views.visits.supplier_section import SupplierVisitsSection

ASSETS_DIR = project_root() / "assets"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550
#: Where one feature shows a part of another: the sync indicator in the app bar, the atlas's empty state on
#: the balance's screens, a plant's needs and nearby suppliers and the member's notes on a plant's or a mine's
#: screen, the member's notes on a supplier's, and "propose a correction" with its outcome on all three.
SLOTS = Slots(
    status=SyncIndicator,
    no_data=EmptyStateView,
    asset_sections=(PlantNeedsSection, NotesSection, AssetCorrectionsSection),
    notes=NotesSection,
    supplier_sections=(SupplierVisitsSection, SupplierCorrectionsSection),
)
LOCALES = {
    "fa": ft.Locale("fa", "IR"),
    "en": ft.Locale("en", "US"),
}


def run(
    data_dir: Path,
    web: bool = False,
    host: str | None = None,
    port: int | None = None,
    api: str | None = None,
    developer: bool = False,
) -> None:
    """Open ``data_dir`` (StoreLocked propagates: main.py prints it and exits non-zero) and run the app;
    ``developer`` shows what a member never needs (the data folder, importing from files and commands)."""
    store = LocalStore.open(data_dir)
    try:
        if api:  # the address the sync engine and the sign-in form use
            store.device.set_setting("api_url", api)
        import_sample_on_first_run(store)
        # the store's records live as long as the process: the cyclic collector need never walk them again
        # (a full collection over 65,000 suppliers froze every screen for half a second at a time)
        gc.freeze()
        sync = SyncHub(store)  # one engine per process (per store); started once the first session has drawn
        serve(store, data_dir, web=web, host=host, port=port, sync=sync, developer=developer)
    finally:
        store.close()


def import_sample_on_first_run(store: LocalStore) -> ImportReport | None:
    """A development checkout starts with the reference data beside it (../shared/data) rather than empty.

    ZANJIREH_NO_SAMPLE_DATA=1 starts empty anyway (to see what a new member sees).
    """
    sample = bundled_sample_data()
    if not store.is_empty or sample is None or os.environ.get("ZANJIREH_NO_SAMPLE_DATA") == "1":
        return None
    print(f"First run: importing the sample atlas from {sample}", flush=True)
    try:
        report = import_gem_into_store(store, sample)
    except ImportFailed as error:  # start empty: the empty screen explains how to import
        print(error_message(error, "en"), file=sys.stderr, flush=True)
        return None
    print("\n".join(report.lines()), flush=True)
    return report


def wants_browser(web: bool) -> bool:
    """Serve to a browser when asked, or when there is no display to open a window on."""
    headless_linux = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    return web or headless_linux


def serve(
    store: LocalStore,
    data_dir: Path,
    *,
    web: bool,
    host: str | None,
    port: int | None,
    sync: SyncHub | None = None,
    developer: bool = False,
) -> None:
    in_browser = wants_browser(web)
    atlas = AtlasData(store)
    upload_dir: Path | None = None
    try:
        if in_browser:
            host = host or DEFAULT_HOST
            port = port or DEFAULT_PORT
            # A browser cannot hand over a file's path: picked files are uploaded here, then imported.
            upload_dir = Path(tempfile.mkdtemp(prefix="zanjireh-uploads-"))
            os.environ.setdefault("FLET_SECRET_KEY", secrets.token_urlsafe(32))  # signs the upload URLs
            print(f"Zanjireh is served at http://{host}:{port}/ — open it in a browser (Ctrl+C stops it).", flush=True)
        ft.run(
            make_main(store, atlas, data_dir=data_dir, upload_dir=upload_dir, sync=sync, developer=developer),
            host=host,
            port=port or 0,
            view=ft.AppView.WEB_BROWSER if in_browser else ft.AppView.FLET_APP,
            assets_dir=str(ASSETS_DIR),
            upload_dir=str(upload_dir) if upload_dir else None,
            no_cdn=True,  # nothing may come from the internet: renderer and fonts are served from here
        )
    finally:
        if upload_dir is not None:
            shutil.rmtree(upload_dir, ignore_errors=True)


def make_main(
    store: LocalStore,
    atlas: AtlasData | None = None,
    *,
    data_dir: Path | None = None,
    upload_dir: Path | None = None,
    sync: SyncHub | None = None,
    developer: bool = False,
) -> Callable[[ft.Page], None]:
    """The per-session entry point: every browser tab gets its own AppState over the one store."""
    shared_atlas = atlas or AtlasData(store)
    hub = sync or SyncHub(store)

    def main(page: ft.Page) -> None:
        page.title = "Zanjireh"
        page.fonts = FONTS
        page.theme = build_theme()
        page.dark_theme = build_theme()
        page.views[0].padding = 0

        def call_soon(callback: Callable[[], None]) -> None:
            """Run ``callback`` on this session's loop. A session whose browser has gone (disconnected, or
            closed but not yet collected) is skipped: the sync engine and the store call this from their
            own work, which must not fail because a tab was closed; the next change redraws a tab that
            reconnects."""
            try:
                connection = page.session.connection
            except RuntimeError:  # the session was destroyed
                return
            # A closed loop refuses the task after run_task has made its coroutine, which is then never awaited.
            if connection is None or connection.loop.is_closed():
                return

            async def on_loop() -> None:
                callback()

            with contextlib.suppress(AttributeError, RuntimeError):  # it went away just now
                page.run_task(on_loop)

        state = AppState.open(
            store,
            shared_atlas,
            call_soon=call_soon,
            data_dir=data_dir,
            upload_dir=upload_dir,
            width=page.width,
            developer=developer,
        )
        page.on_resize = lambda e: state.set_width(e.width)
        sync_session = SyncSession.open(hub, state, call_soon=call_soon)
        state.provide(SyncSession, lambda: sync_session)
        watch_device(page, hub, sync_session)
        services = Services(
            file_picker=ft.FilePicker(),
            clipboard=ft.Clipboard(),
            url_launcher=ft.UrlLauncher(),
            geolocator=Geolocator(),
        )

        async def on_upload(e: ft.FilePickerUploadEvent) -> None:
            await state.upload_progress(e.file_name, e.progress, e.error)

        services.file_picker.on_upload = on_upload
        parts = SessionParts(state, services, SLOTS, sync=sync_session)
        register_session(page, parts)
        page.render(App, parts)
        secure = SecureTokenKeeper(SecureStorage()) if packaged_app(page) else None

        async def start_sync() -> None:
            if secure is not None:
                await hub.keep_tokens_in(secure)  # before the first cycle reads the session
            await hub.start()  # the "app start" trigger, after this session has drawn from the cache

        page.run_task(start_sync)
        page.run_task(warm_directory, store)

    return main


def packaged_app(page: ft.Page) -> bool:
    """A build made by ``flet build`` (its client carries the secure-storage extension), not a browser.

    A browser has no storage that protects anything, and the stock desktop client used in development
    knows no extensions: both keep the tokens in the app's data (sync/tokens.py) and say so.
    """
    return not page.web and bool(os.environ.get("FLET_APP_STORAGE_DATA"))


#: The directory's index is built in the background this long after a session first draws: soon enough to be
#: ready when the member opens it, late enough not to slow the first screen (the build shares the CPU).
WARM_DIRECTORY_AFTER_S = 3.0


async def warm_directory(store: LocalStore) -> None:
    await asyncio.sleep(WARM_DIRECTORY_AFTER_S)
    DirectoryData.of(store).warm()


@ft.component
def App(parts: SessionParts) -> ft.Control:
    """The root: page-wide direction, theme and locale follow the state; the Router draws the screen."""
    state, services = parts.state, parts.services
    ft.use_state(state)  # redraw the page settings when the language or theme changes
    page = ft.context.page
    page.rtl = state.rtl
    page.theme_mode = theme_mode(state.theme)
    page.title = state.t("app_title")
    page.locale_configuration = ft.LocaleConfiguration(
        supported_locales=list(LOCALES.values()), current_locale=LOCALES[state.lang]
    )
    return AppContext(state, lambda: ServicesContext(services, lambda: ft.Router(route_table())))


@functools.cache
def route_table() -> list[ft.Route]:
    """Every feature's routes inside the shell's frame; an unknown path shows Home."""
    screens = [
        *home_routes.routes(),
        *atlas_routes.routes(),
        *balance_routes.routes(),
        *supplier_routes.routes(),
        *need_routes.routes(),
        *fund_routes.routes(),
        *visit_routes.routes(),
        *settings_routes.routes(),
        *sync_routes.routes(),
    ]
    return [ft.Route(component=Shell, children=[*screens, ft.Route(path="*", component=HomeView)])]
