"""What every session has, whatever screen it shows: language, theme, width, the notice, and the atlas figures.

``SessionState`` is the base of a session's state and the one place a ``ZanjirehError`` from below
becomes a notice in the member's language. Each feature keeps its own state beside it: the atlas
feature extends it (views/atlas/state.py), other features' states are made by the app and reached
with :meth:`SessionState.part` (views/session.py puts them together). Screens reach it through
``views.shell.context.use_app`` and never touch the store.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import flet as ft

from models.atlas import Asset, Source
from sync.errors import ZanjirehError
from sync.store import LocalStore
from views.shell import i18n
from views.shell.atlas_data import AtlasData, AtlasSnapshot
from views.shell.directory_data import DirectoryData, DirectorySnapshot
from views.shell.export import ExportFailed, FileExport
from views.shell.i18n import LANGS, Lang
from views.shell.identity import Identity, identity_of
from views.shell.theme import PHONE_MAX_WIDTH

log = logging.getLogger("zanjireh.app")

T = TypeVar("T")
#: A directory this small is indexed while the screen draws (well under a second); a bigger one in the background.
SMALL_DIRECTORY = 5_000


@dataclass(frozen=True)
class Notice:
    """Something to tell the member. The words are made in their language when shown (see SessionState)."""

    serial: int
    level: str  # "error" | "info"
    key: str = "error"
    params: dict[str, Any] = field(default_factory=dict)
    error: ZanjirehError | None = None
    detail: str = ""


@ft.observable
@dataclass
class SessionState:
    """What one session shows on every screen. Build it with :meth:`open`; public fields notify screens when set."""

    lang: Lang = "fa"
    theme: str = "light"
    width: float = 412
    notice: Notice | None = None
    #: Who is signed in, as what, for whom (None: no one); the header shows it.
    who: Identity | None = None

    @classmethod
    def open(
        cls: type[T],
        store: LocalStore,
        atlas: AtlasData | None = None,
        *,
        call_soon: Callable[[Callable[[], None]], None] | None = None,
        width: float | None = None,
        developer: bool = False,
    ) -> T:
        """The state of a new session on ``store``; settings come from the device, figures from ``atlas``.

        ``call_soon`` runs a callback on this session's event loop: store changes made elsewhere (another
        session, an import thread) are handed over through it. ``developer`` (``main.py --developer``) shows
        what only a developer needs: the data folder, the import from files and its command line.
        """
        settings = store.device.settings()
        lang = settings.get("language")
        state = cls(
            lang=lang if lang in LANGS else "fa",
            theme="dark" if settings.get("theme") == "dark" else "light",
            width=width or 412,
        )
        assert isinstance(state, SessionState)
        # underscore names: plain attributes, no notifications
        state._store = store
        state._atlas = atlas or AtlasData(store)
        state._call_soon = call_soon
        state._developer = developer
        state._serial = 0
        state._makers = {}
        state._parts = {}
        state._snapshot = state._atlas.snapshot()
        state._directory = DirectoryData.of(store)
        state.who = state._identity()
        state._opened()
        state._listen_to(store)
        for store_notice in store.notices:  # what the store repaired at start-up
            state._inform(f"store_{store_notice.code}", detail=store_notice.detail)
        return state

    def _opened(self) -> None:
        """A subclass's own start, after the atlas is loaded and before store changes are heard."""

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

    # ---- each feature's own state ---------------------------------------------------------------------
    def provide(self, kind: type[T], make: Callable[[], T]) -> None:
        """Say how this session makes the state of one feature (the app does, when it builds the session)."""
        self._makers[kind] = make

    def part(self, kind: type[T]) -> T:
        """The state of one feature in this session (views/balance's, views/sync's…), made on first use."""
        found = self._parts.get(kind)
        if found is None:
            make = self._makers.get(kind)
            if make is None:
                raise LookupError(f"this session has no {kind.__name__}: the app provides it (views/session.py)")
            found = self._parts[kind] = make()
        return found

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
        params = {k: i18n.param_text(v, self.lang) for k, v in notice.params.items()}
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

    # ---- who is using the app -----------------------------------------------------------------------
    @property
    def developer(self) -> bool:
        """Started with ``--developer``: a developer's checkout, where files and commands may be shown."""
        return self._developer

    @property
    def role(self) -> str | None:
        """The signed-in account's role on the association's server (member, field_staff, admin), or None."""
        try:
            session = self._store.user.auth()
        except ZanjirehError:
            return None
        return None if session is None else session.get("role")

    @property
    def signed_in(self) -> bool:
        return self.role is not None

    @property
    def may_import(self) -> bool:
        """Importing a GEM release is an administrator's or a developer's job; a member's atlas comes by sync."""
        return self._developer or self.role == "admin"

    # ---- exports (views/shell/export_action.py) -------------------------------------------------------
    def export_saved(self, export: FileExport, path: str | None) -> None:
        """The device took the file: saved at ``path`` (desktop, phone), or handed to the browser's downloads."""
        if export.format == "pdf":
            if path:
                self._inform("export_file_saved", path=i18n.ltr(path))
            else:
                self._inform("export_file_downloaded", file=i18n.ltr(export.file_name))
        elif path:
            self._inform("export_saved", count=export.rows, path=i18n.ltr(path))
        else:
            self._inform("export_downloaded", count=export.rows, file=i18n.ltr(export.file_name))

    def export_failed(self, reason: str) -> None:
        """The file was made but the device did not take it (the save dialog or the download failed)."""
        self.report(ExportFailed(reason))

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
        self._language_changed()

    def _language_changed(self) -> None:
        """A subclass's answer to a language switch (the atlas sorts names differently in each language)."""

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

    # ---- the atlas figures ----------------------------------------------------------------------------
    @property
    def atlas(self) -> AtlasSnapshot:
        return self._snapshot

    @property
    def has_data(self) -> bool:
        return not self._snapshot.is_empty

    def refresh(self) -> None:
        """Pick up store changes: a new atlas (import, sync), who is signed in; then each feature's state that
        follows the store (a ``session_refreshed`` method: the directory's, the needs') hears of it."""
        snapshot = self._atlas.snapshot()
        if snapshot is not self._snapshot:
            self._snapshot = snapshot
            self._atlas_changed()
        who = self._identity()
        if who != self.who:
            self.who = who
        for part in list(self._parts.values()):
            follow = getattr(part, "session_refreshed", None)
            if follow is not None:
                follow()

    def _atlas_changed(self) -> None:
        """A subclass's answer to a new atlas (the atlas feature recomputes its results)."""

    # ---- the directory, the needs, who is signed in -------------------------------------------------------
    @property
    def directory(self) -> DirectorySnapshot:
        """Suppliers, categories, needs and answers as loaded now (built on first use, shared by sessions)."""
        return self._directory.snapshot()

    @property
    def directory_ready(self) -> bool:
        """Whether the directory is loaded for the store as it is now; when it is not, its loading has begun
        (in the background) and a screen shows that it is on its way."""
        if self._directory.ready():
            return True
        if len(self._store.suppliers) + len(self._store.needs) <= SMALL_DIRECTORY:
            self._directory.snapshot()  # a moment's work: no "loading" to flash
            return True
        self._directory.warm()
        return False

    def directory_key(self) -> tuple[object, ...]:
        """What the directory would be loaded from now (cheap): a feature's state compares it with what it drew,
        and redraws its own screens only — a sync's every page must not redraw every screen."""
        return self._directory.current_key()

    def directory_as_of(self, collection: str) -> str | None:
        """When this device last received ``collection`` ("suppliers", "needs"), ISO 8601, or None."""
        return self._directory.as_of(collection)

    def _identity(self) -> Identity | None:
        try:
            session = self._store.user.auth()
        except ZanjirehError as error:
            self.report(error)
            return None

        def owner_names(org_id: str) -> tuple[str | None, str | None] | None:
            found = next((f for f in self._snapshot.owners if f.key == org_id), None)
            return None if found is None else (found.name_fa, found.name)

        def supplier_names(org_id: str) -> tuple[str | None, str | None] | None:
            supplier = self._store.suppliers.get(org_id)
            return None if supplier is None else (supplier.name_fa, supplier.name_en)

        return identity_of(session, owner_names=owner_names, supplier_names=supplier_names)

    @property
    def store(self) -> LocalStore:
        """The data folder's store, for a feature's state made by the app (views/session.py); screens never."""
        return self._store

    def asset(self, asset_id: str) -> Asset | None:
        return self._snapshot.index.get(asset_id)

    def source(self, source_id: str) -> Source | None:
        return self._snapshot.sources.get(source_id)

    def sources(self) -> list[Source]:
        return sorted(self._snapshot.sources.values(), key=lambda s: s.title)
