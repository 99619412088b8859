"""The needs' state in one session: the list's filters, a need's ranked matches, who may do what, exports.

One ``NeedsState`` per session, made by the app (views/session.py) and reached with ``use_needs``. The
needs themselves are the shell's ``DirectorySnapshot`` (what this account may see, from the local cache);
matches are ranked here, on the device, from the cached suppliers (models/matching.py). What the role may do
is asked of the same rules the server applies (models/access.py), so a screen never offers an action the
server would refuse.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import flet as ft

from models.access import WriteRefused, check_answer_write, check_need_write
from models.atlas import Asset
from models.collation import collation_string
from models.matching import Match, rank_matches
from models.need_query import NeedFilter
from models.needs import STATUS_ORDER, Answer, Criticality, Need, NeedStatus, ReplyState, allowed_moves, new_need_id
from models.orgs import Role
from sync import clock
from sync.errors import ZanjirehError
from sync.shared_records import NEED_FORM_FIELDS, Shared, SharedRecords
from views.needs.drafts import NeedDraft
from views.needs.export import need_table
from views.shell import i18n, labels
from views.shell.directory_labels import category_name, criticality_name, status_name
from views.shell.export import ExportFailed, FileExport, file_name, write
from views.shell.identity import asset_orgs, org_assets
from views.shell.session import SessionState

log = logging.getLogger("zanjireh.needs")

DRAFTS_SETTING = "need_drafts"
SET_FACETS = ("statuses", "categories", "plants", "provinces", "criticality", "producers")
#: Matches a need's screen shows at first; "more" shows the next as many.
MATCHES_SHOWN = 20


@ft.observable
@dataclass(eq=False)
class NeedsState:
    """What the member does with the needs in one session; public fields notify the screens when set."""

    filter: NeedFilter = NeedFilter()  # noqa: RUF009 — frozen: one shared empty filter is fine
    busy: str | None = None
    #: Bumped when the needs, their answers or the directory changed in the store: the needs' screens redraw.
    data_version: int = 0

    @classmethod
    def open(cls, app: SessionState) -> NeedsState:
        state = cls()
        state._app = app
        state._seen = (app.directory_key(), app.directory_ready)
        state._token = None
        state._results = []
        state._matches = {}
        state._writes = SharedRecords(app.store)  # the write path: the outbox's shared collections
        return state

    @property
    def app(self) -> SessionState:
        return self._app

    def session_refreshed(self) -> None:
        key = (self._app.directory_key(), self._app.directory_ready)
        if key != self._seen:  # new data, or its index just finished loading in the background
            self._seen = key
            self.data_version += 1

    # ---- the list -----------------------------------------------------------------------------------
    @property
    def results(self) -> list[Need]:
        directory = self._app.directory
        token = (directory.key, self.filter)
        if token != self._token:
            self._results = directory.needs.search(self.filter)
            self._token = token
        return self._results

    @property
    def results_key(self) -> str:
        return str(hash((self._app.directory.key, self.filter, self._app.lang)))

    def search(self, text: str) -> None:
        self.set_filter(text=text)

    def set_filter(self, **changes: Any) -> None:
        new_filter = dataclasses.replace(self.filter, **changes)
        if new_filter != self.filter:
            self.filter = new_filter

    def toggle(self, facet: str, value: Any) -> None:
        if facet not in SET_FACETS:
            raise ValueError(f"unknown facet {facet!r}")
        chosen: frozenset[Any] = getattr(self.filter, facet)
        self.set_filter(**{facet: chosen - {value} if value in chosen else chosen | {value}})

    def clear_filters(self) -> None:
        self.set_filter(**{facet: frozenset() for facet in SET_FACETS})

    def only_ours(self, on: bool) -> None:
        """Only the needs of the member's own organisation ("our needs")."""
        who = self._app.who
        org = who.org_id if who is not None else None
        self.set_filter(producers=frozenset({org}) if on and org else frozenset())

    def follow_link(self, query: Mapping[str, str]) -> None:
        """A link into the list (``/needs?plant=…``, from a plant's screen): that plant's needs, nothing else."""
        plant = query.get("plant")
        if plant:
            self.filter = NeedFilter(plants=frozenset({plant}))

    @property
    def facet_count(self) -> int:
        return sum(len(getattr(self.filter, facet)) for facet in SET_FACETS)

    # ---- a need -------------------------------------------------------------------------------------
    def need(self, need_id: str) -> Need | None:
        return self._app.directory.need(need_id)

    def plant(self, need: Need) -> Asset | None:
        return self._app.asset(need.plant_id)

    def answers(self, need: Need) -> list[Answer]:
        return self._app.directory.answers_to(need.id)

    def matches(self, need: Need) -> list[Match]:
        """The suppliers that fit the need, best first (docs/matching.md), ranked once per load of the data."""
        directory = self._app.directory
        key = (directory.key, need.id, need.category, need.processes, need.part_weight_kg)
        found = self._matches.get(key)
        if found is None:
            if len(self._matches) > 32:  # a session opens a few needs; keep the memory flat
                self._matches.clear()
            place = directory.needs.place(need.plant_id)
            point = (place.lat, place.lon) if place and place.lat is not None and place.lon is not None else None
            candidates = directory.suppliers.candidates(need.category)
            found = self._matches[key] = rank_matches(need, candidates, plant_point=point, on=directory.day)
        return found

    # ---- writing: raising and editing needs, answers, replies (through the outbox) -----------------------
    @property
    def can_write(self) -> bool:
        """Whether someone with a role is signed in on this device (the outbox queues their writes)."""
        who = self._app.who
        return who is not None and who.viewer is not None

    def pending_ids(self) -> frozenset[str]:
        """Needs written here that the server has not taken yet (shown "waiting to sync")."""
        return self._app.directory.pending_needs()

    def write_of(self, need: Need) -> Shared[Need] | None:
        """This user's unsettled write of the need: pending, refused (with the server's reason) or in conflict."""
        return self._app.directory.write_of("needs", need.id)

    def answer_write(self, answer: Answer) -> Shared[Answer] | None:
        return self._app.directory.write_of("answers", f"{answer.need_id}:{answer.supplier_id}")

    def refusal_words(self, shown: Shared[Any]) -> str:
        """The server's reason for refusing a write, in the member's language (its code's words, else its own)."""
        code = shown.refusal or ""
        key = f"refusal_{code}"
        words = self._app.t(key)
        return words if words != key else (shown.reason or code)

    def move(self, need: Need, target: NeedStatus) -> bool:
        if target not in self.moves(need):
            return False
        return self._write(lambda: self._writes.move_need(need.id, target))

    def answer(self, need: Need, note: str) -> bool:
        if not self.may_answer(need):
            return False
        return self._write(lambda: self._writes.answer_need(need.id, note=note))

    def reply(self, need: Need, answer: Answer, choice: ReplyState, note: str | None = None) -> bool:
        if not self.may_reply(need, answer):
            return False
        record_id = f"{answer.need_id}:{answer.supplier_id}"
        return self._write(lambda: self._writes.reply_to_answer(record_id, state=choice, note=note))

    def retry(self, collection: str, record_id: str) -> bool:
        """Send a refused write again."""
        return self._write(lambda: self._writes.retry(collection, record_id))

    def discard(self, collection: str, record_id: str) -> bool:
        """Drop a refused write: back to the server's copy (a refused new need disappears)."""
        return self._write(lambda: self._writes.discard(collection, record_id))

    def _write(self, action: Any) -> bool:
        """Save through the outbox; a refusal or a failure becomes a notice in the member's words, never a crash."""
        try:
            action()
        except ZanjirehError as error:
            self._app.report(error)
            return False
        self.data_version += 1  # the screens redraw with the write laid over (pending)
        return True

    # ---- the form's drafts: kept on the device as they are typed --------------------------------------------
    def draft(self, key: str) -> NeedDraft | None:
        raw = (self._app.store.device.settings().get(DRAFTS_SETTING) or {}).get(key)
        return NeedDraft.from_json(raw)

    def keep_draft(self, key: str, draft: NeedDraft) -> None:
        self._set_draft(key, draft.to_json())

    def drop_draft(self, key: str) -> None:
        self._set_draft(key, None)

    def _set_draft(self, key: str, value: dict[str, Any] | None) -> None:
        device = self._app.store.device
        drafts = dict(device.settings().get(DRAFTS_SETTING) or {})
        if value is None:
            drafts.pop(key, None)
        else:
            drafts[key] = value
        try:
            device.set_setting(DRAFTS_SETTING, drafts)
        except ZanjirehError as error:
            self._app.report(error)

    def write_refusal(self, data: Mapping[str, Any], stored: Need | None) -> str | None:
        """Why the server would refuse this need from this account, in the member's words; None when it would not."""
        who = self._app.who
        viewer = who.viewer if who is not None else None
        if viewer is None:
            return self._app.t("refusal_role_may_not_write")
        plant = self._app.asset(str(data.get("plant_id")))
        orgs = asset_orgs(plant) if plant is not None else frozenset()
        raw = stored.model_dump(mode="json") if stored is not None else None
        try:
            check_need_write(viewer, stored=raw, incoming=data, plant_orgs=orgs)
        except WriteRefused as refused:
            return self._app.t(f"refusal_{refused.code}")
        return None

    def producer_for(self, plant_id: str) -> str:
        """The organisation a new need is raised in the name of: the member's own; for an admin, the plant's
        first owner (models/access.py: a need's producer owns its plant)."""
        who = self._app.who
        if who is not None and who.role is Role.MEMBER and who.org_id:
            return who.org_id
        plant = self._app.asset(plant_id)
        return next(iter(sorted(asset_orgs(plant))), "") if plant is not None else ""

    def save_need(self, draft: NeedDraft, stored: Need | None) -> str | None:
        """Queue the need (new, or an edit of ``stored``) through the outbox; its id, or None (with a notice)."""
        data = draft.data(need_id=stored.id if stored is not None else new_need_id(), producer_org="", stored=stored)
        if stored is None:
            fields = {k: v for k, v in data.items() if k in NEED_FORM_FIELDS}
            producer = self.producer_for(draft.plant_id)
            if producer:
                fields["producer_org"] = producer
            saved: list[str] = []
            ok = self._write(lambda: saved.append(self._writes.raise_need(fields).record.id))
            return saved[0] if ok else None
        before = stored.model_dump(mode="json")
        changes = {k: v for k, v in data.items() if k in NEED_FORM_FIELDS and k != "plant_id" and before.get(k) != v}
        if not changes:
            return stored.id
        return stored.id if self._write(lambda: self._writes.edit_need(stored.id, changes)) else None

    def source_words(self, need: Need) -> str:
        """Where the need comes from and when this device received it: the register, the app, or made-up demo."""
        app = self._app
        as_of = app.directory_as_of("needs")
        received = i18n.date(dt.datetime.fromisoformat(as_of).date(), app.lang) if as_of else app.t("as_of_never")
        return app.t("needs_source_demo" if need.demo else "needs_source_register", as_of=received)

    # ---- who may do what (the server's own rules, models/access.py) -------------------------------------
    def raisable_plants(self) -> list[Asset]:
        """The plants and mines this account may raise needs for: its organisation's (a member), any (an admin)."""
        who = self._app.who
        if who is None or who.role not in (Role.MEMBER, Role.ADMIN):
            return []
        entries = [e.asset for e in self._app.atlas.index.entries.values()]
        mine = entries if who.role is Role.ADMIN else org_assets(who.org_id, entries)
        return sorted(mine, key=lambda a: collation_string(labels.display_name(a, self._app.lang)))

    def may_raise(self, plant: Asset | None = None) -> bool:
        """Whether this account may raise a need (for ``plant``, when given) and this app can send it."""
        who = self._app.who
        viewer = who.viewer if who is not None else None
        if viewer is None:
            return False
        if plant is None:
            return bool(self.raisable_plants())
        draft = {"plant_id": plant.id, "producer_org": viewer.org_id or "", "status": NeedStatus.OPEN.value}
        return _allowed(lambda: check_need_write(viewer, stored=None, incoming=draft, plant_orgs=asset_orgs(plant)))

    def may_edit(self, need: Need) -> bool:
        """Whether this account may edit the need (its fields, its status) and this app can send it."""
        who = self._app.who
        viewer = who.viewer if who is not None else None
        if viewer is None:
            return False
        stored = need.model_dump(mode="json")
        plant = self.plant(need)
        orgs = asset_orgs(plant) if plant is not None else frozenset({need.producer_org})
        return _allowed(lambda: check_need_write(viewer, stored=stored, incoming=stored, plant_orgs=orgs))

    def moves(self, need: Need) -> list[NeedStatus]:
        """The statuses this account may move the need to (none unless it may edit it)."""
        return allowed_moves(need.status) if self.may_edit(need) else []

    def may_answer(self, need: Need) -> bool:
        """A supplier's "we can make this", on a published need that is not closed (and this app can send it)."""
        who = self._app.who
        viewer = who.viewer if who is not None else None
        if viewer is None:
            return False
        stored = next((a for a in self.answers(need) if a.supplier_id == viewer.org_id), None)
        raw = stored.model_dump(mode="json") if stored is not None else None
        return _allowed(lambda: check_answer_write(viewer, need=need.model_dump(mode="json"), stored=raw, side="offer"))

    def may_reply(self, need: Need, answer: Answer) -> bool:
        """The need's producer (or an admin) replying to a supplier's answer (when this app can send it)."""
        who = self._app.who
        viewer = who.viewer if who is not None else None
        if viewer is None:
            return False
        need_raw, answer_raw = need.model_dump(mode="json"), answer.model_dump(mode="json")
        return _allowed(lambda: check_answer_write(viewer, need=need_raw, stored=answer_raw, side="reply"))

    def own_answer(self, need: Need) -> Answer | None:
        """This supplier account's answer to the need, if it gave one."""
        who = self._app.who
        if who is None or who.role is not Role.SUPPLIER:
            return None
        return next((a for a in self.answers(need) if a.supplier_id == who.org_id), None)

    # ---- export -------------------------------------------------------------------------------------
    def filter_summary(self) -> str:
        app, chosen = self._app, self.filter
        lang, directory = app.lang, app.directory
        comma = "، " if lang == "fa" else ", "

        def facet(key: str, values: list[str]) -> str:
            return app.t("export_filter_facet", facet=app.t(key), values=comma.join(values))

        parts: list[str] = []
        if chosen.text.strip():
            parts.append(app.t("export_filter_search", text=chosen.text.strip()))
        if chosen.statuses:
            parts.append(
                facet("needs_filter_status", [status_name(s, lang) for s in STATUS_ORDER if s in chosen.statuses])
            )
        if chosen.categories:
            names = [category_name(c, lang, directory.tree) for c in sorted(chosen.categories)]
            parts.append(facet("needs_filter_category", names))
        if chosen.plants:
            plants = [labels.display_name(a, lang) if (a := app.asset(p)) else p for p in sorted(chosen.plants)]
            parts.append(facet("needs_filter_plant", plants))
        if chosen.provinces:
            parts.append(facet("province", sorted(labels.province_name(c, lang) or c for c in chosen.provinces)))
        if chosen.criticality:
            levels = [criticality_name(c, lang) for c in Criticality if c in chosen.criticality]
            parts.append(facet("needs_filter_criticality", levels))
        if chosen.producers:
            parts.append(app.t("needs_filter_ours"))
        return " · ".join(parts) or app.t("needs_filter_none")

    async def export(self, fmt: str) -> FileExport | None:
        app = self._app
        needs, lang, directory = list(self.results), app.lang, app.directory
        summary, as_of = self.filter_summary(), app.directory_as_of("needs")
        self.busy = "export"
        try:
            data = await asyncio.to_thread(lambda: write(need_table(needs, directory, lang, summary, as_of), fmt))
        except ZanjirehError as error:
            app.report(error)
            return None
        except Exception as error:  # openpyxl's own failure must become words, not a dead button
            log.exception("export of %d needs failed", len(needs))
            app.report(ExportFailed(f"{type(error).__name__}: {error}"))
            return None
        finally:
            self.busy = None
        return FileExport(file_name("needs", clock.now().astimezone().date(), lang, fmt), data, len(needs), fmt)


def _allowed(check: Any) -> bool:
    try:
        check()
    except WriteRefused:
        return False
    return True
