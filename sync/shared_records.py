"""Needs and answers on the device: what the app state reads and writes (docs/architecture.md).

Reads lay the signed-in user's own writes over the server's copies in the shared files, so a need
raised offline shows at once, marked pending, and a refused one shows with the server's reason.
Writes are checked here first with the server's own rules (``models/access.py``, ``models/needs.py``)
so that a member hears at once what the server would refuse, then saved with their outbox op in one
commit (``UserStore.save``): nothing typed is lost, whatever the network does. The sync engine sends
them; the server decides (docs/sync-protocol.md, "Writing shared records").

Every write raises ``InvalidInput`` (the form's values make no valid record: nothing saved),
``WriteNotAllowed`` (the account may not do this: the same reason codes as the server's) or
``AuthRequired`` (nobody is signed in on this device).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from models.access import WriteRefused, check_answer_write, check_need_author, check_need_status
from models.needs import (
    SERVER_NEED_FIELDS,
    TRANSITIONS,
    Answer,
    AnswerSide,
    Need,
    NeedStatus,
    Offer,
    OfferPart,
    ReplyPart,
    ReplyState,
    allowed_moves,
    answer_id,
    new_need_id,
    split_answer_id,
)
from models.orgs import Role, Viewer
from models.shared_edits import answer_with_side, side_part
from models.suppliers import Origin
from sync import clock
from sync.errors import AuthRequired, InvalidInput, StoreError, WriteNotAllowed
from sync.reference_store import ServerItem
from sync.registers import PlantOwners, plant_owners
from sync.store import LocalStore
from sync.user_store import OpState

M = TypeVar("M", bound=BaseModel)

#: Fields a member fills in on the need form; the rest are fixed by who raises it and where.
NEED_FORM_FIELDS = frozenset(Need.model_fields) - SERVER_NEED_FIELDS - {"id", "producer_org", "origin", "demo"}


class WriteState(StrEnum):
    """Where the user's own write of a record stands."""

    SYNCED = "synced"  # as the server has it (or accepted by it and arriving with the next pull)
    PENDING = "pending"  # saved here, not yet accepted by the server (waiting to be sent, or sent)
    REFUSED = "refused"  # the server refused it: kept with its reason until the member retries or discards it
    CONFLICT = "conflict"  # changed here and by someone else, and the two could not be merged: the member chooses


@dataclass(frozen=True)
class Shared(Generic[M]):
    """A need or an answer as this device shows it, with where the user's own write of it stands."""

    record: M
    state: WriteState = WriteState.SYNCED
    #: REFUSED: the server's reason, ``<code>: <English words>`` (the app has words for each code).
    reason: str | None = None
    #: The server version this copy is, or is based on (None: never on the server yet).
    version: int | None = None

    @property
    def refusal(self) -> str | None:
        """The reason's code (``plant_not_owned``, ``status_move_not_allowed``, …) when refused."""
        return self.reason.split(":", 1)[0].strip() if self.reason else None

    @property
    def pending(self) -> bool:
        return self.state is WriteState.PENDING


@dataclass(frozen=True)
class Account:
    """Who is signed in on this device, as the rules see them."""

    username: str
    role: Role
    org_id: str | None

    @property
    def viewer(self) -> Viewer:
        return Viewer(role=self.role, org_id=self.org_id)


class SharedRecords:
    """The device's needs and answers for one signed-in user: reads, permissions and writes."""

    def __init__(self, store: LocalStore) -> None:
        self.store = store
        self._owned: tuple[tuple[int, int, str | None], dict[str, PlantOwners]] | None = None

    # ---- who ----------------------------------------------------------------------------------------
    def account(self) -> Account | None:
        """The signed-in account (None when nobody is, or the session predates roles)."""
        session = self.store.user.auth()
        if not session or not session.get("role"):
            return None
        try:
            role = Role(session["role"])
        except ValueError:
            return None
        return Account(str(session["username"]), role, session.get("org_id"))

    def _signed_in(self) -> Account:
        account = self.account()
        if account is None:
            raise AuthRequired("sign in to write needs and answers")
        return account

    # ---- reading ------------------------------------------------------------------------------------
    def needs(self) -> list[Shared[Need]]:
        """Every need this user may see, with their own unsent ones, in no particular order."""
        states = self._states("needs")
        local_ids = {r.id for r in self.store.user.records("needs", include_deleted=True)}
        shared = self.store.needs
        out = [
            Shared(model, version=shared.version(need_id))
            for need_id, model in list(shared.models.items())
            if need_id not in local_ids
        ]
        out += [shown for need_id in local_ids if (shown := self._need(need_id, states)) is not None]
        return out

    def need(self, need_id: str) -> Shared[Need] | None:
        return self._need(need_id, self._states("needs", need_id))

    def _need(self, need_id: str, states: dict[str, tuple[WriteState, str | None]]) -> Shared[Need] | None:
        state, reason = states.get(need_id, (WriteState.SYNCED, None))
        local = self._local("needs", need_id, state)
        if local is not None:
            if local.deleted or local.data is None:
                return None
            record = _model(Need, local.data)
            return None if record is None else Shared(record, state, reason, local.server_version)
        shared = self.store.needs.get(need_id)
        return None if shared is None else Shared(shared, version=self.store.needs.version(need_id))

    def answers(self, need_id: str | None = None) -> list[Shared[Answer]]:
        """The answers this user may see (to one need, or to all), with their own unsent ones."""
        ids = set(self.store.answers.models) | {r.id for r in self.store.user.records("answers", include_deleted=True)}
        if need_id is not None:
            ids = {i for i in ids if i.startswith(f"{need_id}:")}
        states = self._states("answers")
        return [shown for record_id in ids if (shown := self._answer(record_id, states)) is not None]

    def answer(self, record_id: str) -> Shared[Answer] | None:
        return self._answer(record_id, self._states("answers", record_id))

    def _answer(self, record_id: str, states: dict[str, tuple[WriteState, str | None]]) -> Shared[Answer] | None:
        ids = split_answer_id(record_id)
        if ids is None:
            return None
        state, reason = states.get(record_id, (WriteState.SYNCED, None))
        local = self._local("answers", record_id, state)
        shared = self.store.answers.get(record_id)
        if local is None or local.data is None:
            return None if shared is None else Shared(shared, version=self.store.answers.version(record_id))
        need = self.need(ids[0])
        account = self.account()
        data = answer_with_side(
            shared.model_dump(mode="json") if shared is not None else None,
            local.data,
            need=need.record.model_dump(mode="json") if need is not None else None,
            need_id=ids[0],
            supplier_id=ids[1],
            username=account.username if account else "",
        )
        record = _model(Answer, data)
        return None if record is None else Shared(record, state, reason, local.server_version)

    def my_answer(self, need_id: str) -> Shared[Answer] | None:
        """A supplier's own answer to a need, if it has given one."""
        account = self.account()
        if account is None or account.role is not Role.SUPPLIER or not account.org_id:
            return None
        return self.answer(answer_id(need_id, account.org_id))

    def own_writes(self) -> tuple[dict[str, Shared[Need] | None], dict[str, Shared[Answer] | None]]:
        """The needs and answers this user wrote on this device, by id, as shown now (None: shown no more — a
        refused new need discarded); what a list lays over the shared copies it indexed."""
        user = self.store.user
        need_states, answer_states = self._states("needs"), self._states("answers")
        needs = {r.id: self._need(r.id, need_states) for r in user.records("needs", include_deleted=True)}
        answers = {r.id: self._answer(r.id, answer_states) for r in user.records("answers", include_deleted=True)}
        return needs, answers

    def refused(self) -> list[Shared[Any]]:
        """The user's writes of needs and answers the server refused, each with its reason."""
        out: list[Shared[Any]] = []
        for op in self.store.user.outbox():
            if op.state is OpState.REJECTED and op.collection in ("needs", "answers"):
                shown = self.need(op.record_id) if op.collection == "needs" else self.answer(op.record_id)
                if shown is not None:
                    out.append(shown)
        return out

    def _states(self, collection: str, record_id: str | None = None) -> dict[str, tuple[WriteState, str | None]]:
        """Where the user's writes of a collection's records stand (records not named: synced), read
        once for a whole list: a conflict over anything, an op on its way over a refused one."""
        user = self.store.user
        states: dict[str, tuple[WriteState, str | None]] = {}
        for op in user.outbox():
            if op.collection != collection or record_id not in (None, op.record_id):
                continue
            if op.state is not OpState.REJECTED:
                states[op.record_id] = (WriteState.PENDING, None)
            elif states.get(op.record_id, (WriteState.REFUSED,))[0] is WriteState.REFUSED:
                states[op.record_id] = (WriteState.REFUSED, op.reason)
        for conflict in user.conflicts():
            if conflict.collection == collection and record_id in (None, conflict.id):
                states[conflict.id] = (WriteState.CONFLICT, None)
        return states

    def _local(self, collection: str, record_id: str, state: WriteState) -> Any:
        """The user's own write of a record when it is what to show: unsettled, or newer than the shared copy."""
        local = self.store.user.record(collection, record_id)
        if local is None:
            return None
        if state is not WriteState.SYNCED:
            return local
        shared_version = self.store.reference[collection].version(record_id)
        if shared_version is None or (local.server_version or 0) > shared_version:
            return local
        return None

    # ---- what this account may do (to show only the actions its role may take) ------------------------
    def plants_owned(self) -> set[str]:
        """Plants and mines of the atlas the account may raise needs for (an admin: all of them)."""
        account = self.account()
        if account is None or account.role not in (Role.MEMBER, Role.ADMIN):
            return set()
        owners = self._owners_by_asset()
        if account.role is Role.ADMIN:
            return {asset for asset, o in owners.items() if o.orgs}
        if not account.org_id:
            return set()
        return {asset for asset, o in owners.items() if o.resolve(account.org_id) is not None}

    def may_raise_need(self, plant_id: str) -> bool:
        return plant_id in self.plants_owned()

    def may_edit_need(self, need_id: str) -> bool:
        shown, account = self.need(need_id), self.account()
        if shown is None or account is None:
            return False
        data = shown.record.model_dump(mode="json")
        try:
            check_need_author(account.viewer, stored=data, incoming=data, plant_orgs=())
        except WriteRefused:
            return False
        return True

    def moves(self, need_id: str) -> list[NeedStatus]:
        """The statuses this account may move a need to now, in workflow order (none when it may not edit it)."""
        shown = self.need(need_id)
        if shown is None or not self.may_edit_need(need_id):
            return []
        return allowed_moves(shown.record.status)

    def may_answer(self, need_id: str) -> bool:
        account, shown = self.account(), self.need(need_id)
        if account is None or shown is None or not account.org_id:
            return False
        mine = self.my_answer(need_id)
        stored = mine.record.model_dump(mode="json") if mine is not None else None
        try:
            check_answer_write(
                account.viewer,
                need=shown.record.model_dump(mode="json"),
                stored=stored,
                side="offer",
                supplier_id=account.org_id,
            )
        except WriteRefused:
            return False
        return True

    def may_reply(self, record_id: str) -> bool:
        account, shown = self.account(), self.answer(record_id)
        if account is None or shown is None:
            return False
        need = self.need(shown.record.need_id)
        try:
            check_answer_write(
                account.viewer,
                need=need.record.model_dump(mode="json") if need is not None else None,
                stored=shown.record.model_dump(mode="json"),
                side="reply",
            )
        except WriteRefused:
            return False
        return True

    # ---- writing --------------------------------------------------------------------------------------
    def raise_need(self, fields: Mapping[str, Any]) -> Shared[Need]:
        """Raise a need for a plant the account's organisation owns (``fields``: the form's values by
        ``Need`` field name; ``status`` open (the default) or published). Saved here at once, pending."""
        account = self._signed_in()
        unknown = set(fields) - NEED_FORM_FIELDS - {"producer_org"}
        if unknown:
            raise InvalidInput("not fields of the need form", [(name, "unknown field") for name in sorted(unknown)])
        plant_id = str(fields.get("plant_id") or "")
        owners = self._owners_by_asset().get(plant_id)
        if owners is None:
            raise WriteNotAllowed("no_such_plant", f"the atlas on this device has no plant {plant_id!r}")
        producer = fields.get("producer_org") or (account.org_id if account.role is Role.MEMBER else None)
        if producer is None and owners.orgs:
            producer = owners.orgs[0]  # an admin raises it in the name of the plant's first owner
        data = {
            "status": NeedStatus.OPEN.value,
            **fields,
            "id": new_need_id(),
            "producer_org": producer,
            "origin": Origin.APP.value,
            "demo": False,
        }
        need = self._valid_need(data)
        incoming = need.model_dump(mode="json")
        self._refuse_unless(
            lambda: check_need_author(
                account.viewer, stored=None, incoming=incoming, plant_orgs={*owners.orgs, *owners.merged}
            )
        )
        if account.role is Role.ADMIN and owners.resolve(str(producer)) is None:
            raise WriteNotAllowed("plant_not_owned", f"{producer} is not an owner of the plant {plant_id}")
        self._refuse_unless(lambda: check_need_status(None, incoming))
        self.store.user.save("needs", need.id, _without_server_fields(incoming))
        return self._shown_need(need.id)

    def edit_need(self, need_id: str, changes: Mapping[str, Any]) -> Shared[Need]:
        """Change fields of a need (``status`` included: a move the workflow allows)."""
        account = self._signed_in()
        shown = self.need(need_id)
        if shown is None:
            raise WriteNotAllowed("no_such_need", f"there is no need {need_id} on this device")
        fixed = set(changes) & {"id", "producer_org", "origin", "demo", *SERVER_NEED_FIELDS}
        if fixed:
            raise WriteNotAllowed("fixed_field", f"{', '.join(sorted(fixed))} stay as the need was raised")
        unknown = set(changes) - NEED_FORM_FIELDS
        if unknown:
            raise InvalidInput("not fields of the need form", [(name, "unknown field") for name in sorted(unknown)])
        current = shown.record.model_dump(mode="json")
        need = self._valid_need({**_without_server_fields(current), **changes})
        incoming = need.model_dump(mode="json")
        self._refuse_unless(lambda: check_need_author(account.viewer, stored=current, incoming=incoming, plant_orgs=()))
        self._refuse_unless(lambda: check_need_status(current, incoming))
        separate = not self._folds_into_queued(need_id, incoming["status"])
        self.store.user.save(
            "needs", need_id, _without_server_fields(incoming), self._based_on("needs", need_id), separate
        )
        return self._shown_need(need_id)

    def move_need(self, need_id: str, status: NeedStatus | str) -> Shared[Need]:
        """Move a need along the workflow (``allowed_moves`` of its status)."""
        return self.edit_need(need_id, {"status": NeedStatus(status).value})

    def answer_need(
        self, need_id: str, *, offer: Offer | str = Offer.CAN_MAKE, note: str | None = None
    ) -> Shared[Answer]:
        """A supplier's "we can make this" (or ``Offer.WITHDRAWN``), with a note, for a need it can see."""
        account = self._signed_in()
        if account.role is not Role.SUPPLIER or not account.org_id:
            raise WriteNotAllowed("role_may_not_write", "only a supplier answers a need")
        shown = self.need(need_id)
        record_id = answer_id(need_id, account.org_id)
        mine = self.answer(record_id)
        self._refuse_unless(
            lambda: check_answer_write(
                account.viewer,
                need=shown.record.model_dump(mode="json") if shown is not None else None,
                stored=mine.record.model_dump(mode="json") if mine is not None else None,
                side=AnswerSide.OFFER.value,
                supplier_id=account.org_id,
            )
        )
        part = self._valid(OfferPart, {"offer": Offer(offer).value, "note": _text(note), "offered_at": clock.now_iso()})
        part.pop("offered_by", None)  # the server's to set
        self.store.user.save("answers", record_id, part, self._based_on("answers", record_id))
        return self._shown_answer(record_id)

    def reply_to_answer(
        self, record_id: str, *, state: ReplyState | str | None, note: str | None = None
    ) -> Shared[Answer]:
        """The need's producer's reply to an answer (``state`` None takes the reply back)."""
        account = self._signed_in()
        shown = self.answer(record_id)
        need = self.need(shown.record.need_id) if shown is not None else None
        self._refuse_unless(
            lambda: check_answer_write(
                account.viewer,
                need=need.record.model_dump(mode="json") if need is not None else None,
                stored=shown.record.model_dump(mode="json") if shown is not None else None,
                side=AnswerSide.REPLY.value,
            )
        )
        reply = (
            None if state is None else {"state": ReplyState(state).value, "note": _text(note), "at": clock.now_iso()}
        )
        part = self._valid(ReplyPart, {"reply": reply})
        if part["reply"] is not None:
            part["reply"].pop("by", None)  # the server's to set
        self.store.user.save("answers", record_id, part, self._based_on("answers", record_id))
        return self._shown_answer(record_id)

    def retry(self, collection: str, record_id: str) -> None:
        """Send a refused write again (after the member changed what the reason asked for)."""
        self.store.user.retry_rejected(self._parked_seq(collection, record_id))

    def discard(self, collection: str, record_id: str) -> None:
        """Drop a refused write and go back to the server's copy (a refused new need disappears)."""
        self.store.user.discard_rejected(self._parked_seq(collection, record_id))

    # ---- helpers ----------------------------------------------------------------------------------------
    def _parked_seq(self, collection: str, record_id: str) -> int:
        for op in self.store.user.outbox():
            if op.state is OpState.REJECTED and op.collection == collection and op.record_id == record_id:
                assert op.seq is not None
                return op.seq
        raise StoreError(f"no refused write of {collection}/{record_id} on this device")

    def _based_on(self, collection: str, record_id: str) -> ServerItem | None:
        """The shared copy the member saw, as the base of their edit."""
        shared = self.store.reference[collection]
        model, version = shared.get(record_id), shared.version(record_id)
        if model is None or version is None:
            return None
        data = model.model_dump(mode="json")
        if collection == "answers":
            account = self.account()
            side = AnswerSide.OFFER if account is not None and account.role is Role.SUPPLIER else AnswerSide.REPLY
            data = side_part(data, side) or {}
        else:
            data = _without_server_fields(data)
        return ServerItem(record_id, version, False, data)

    def _folds_into_queued(self, need_id: str, status: str) -> bool:
        """Whether an edit may fold into the need's op still waiting here: only when the server, which
        will see one write, sees one move the workflow allows. Folded, open → published → matched made
        offline would arrive as open → matched, which it refuses; so the second move becomes its own op,
        sent after the first."""
        user = self.store.user
        queued = user.queued("needs", need_id)
        if queued is None:
            return True
        before: str | None = None  # the status the server will hold when the queued op arrives
        ahead = [op for op in user.outbox() if op.op_id == queued.after]
        if ahead:
            before = (ahead[0].data or {}).get("status")
        else:
            record = user.record("needs", need_id)
            before = (record.server_data or {}).get("status") if record is not None and record.server_data else None
        if before is None:
            return status in (NeedStatus.OPEN.value, NeedStatus.PUBLISHED.value)
        return status == before or NeedStatus(status) in TRANSITIONS[NeedStatus(before)]

    def _owners_by_asset(self) -> dict[str, PlantOwners]:
        plants, mines = self.store.plants, self.store.mines
        key = (plants.generation, mines.generation, None)
        if self._owned is None or self._owned[0] != key:
            owners = {asset.id: plant_owners(asset.model_dump(mode="json")) for asset in [*plants.all(), *mines.all()]}
            self._owned = (key, owners)
        return self._owned[1]

    def _valid_need(self, data: Mapping[str, Any]) -> Need:
        need = self._valid(Need, data)
        categories = self.store.categories
        if len(categories) and categories.get(str(data.get("category"))) is None:
            raise InvalidInput("category: not a category of the tree", [("category", "not a category of the tree")])
        return Need.model_validate(need)

    @staticmethod
    def _valid(model: type[BaseModel], data: Mapping[str, Any]) -> dict[str, Any]:
        try:
            return model.model_validate(dict(data)).model_dump(mode="json")
        except ValidationError as error:
            problems = [
                (".".join(str(part) for part in e["loc"]) or "data", e["msg"]) for e in error.errors(include_url=False)
            ]
            raise InvalidInput("; ".join(f"{f}: {m}" for f, m in problems), problems) from None

    @staticmethod
    def _refuse_unless(check: Any) -> None:
        try:
            check()
        except WriteRefused as refused:
            raise WriteNotAllowed(refused.code, refused.message) from None

    def _shown_need(self, need_id: str) -> Shared[Need]:
        shown = self.need(need_id)
        assert shown is not None
        return shown

    def _shown_answer(self, record_id: str) -> Shared[Answer]:
        shown = self.answer(record_id)
        assert shown is not None
        return shown


def _model(model: type[M], data: Mapping[str, Any]) -> M | None:
    try:
        return model.model_validate(dict(data))
    except ValidationError:
        return None  # a copy this version cannot read is not shown rather than breaking the list


def _without_server_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in SERVER_NEED_FIELDS}


def _text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None
