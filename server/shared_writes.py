"""Pushed writes of shared records (needs, answers): who may write what, versions, and what is stored.

The rules are the pure functions of ``models/access.py`` and ``models/needs.py``; this module reads
what they decide on (the stored record, the need's plant and its owners, the category tree) and writes
the outcome. The order of the checks is part of the contract (docs/sync-protocol.md, "Writing shared
records"): the data must be a record at all, then the author must be allowed to write it, then the
versions must match (a ``conflict`` carries the server's copy), then the status move must be one the
workflow allows. Needs are versioned as a whole; an answer per side — the supplier's offer and the
producer's reply each check ``base_version`` against their own part only, so neither clobbers the other.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from models.access import (
    VISIBILITY,
    WriteRefused,
    check_answer_write,
    check_delete,
    check_need_author,
    check_need_status,
)
from models.needs import (
    SERVER_NEED_FIELDS,
    Answer,
    AnswerSide,
    Need,
    OfferPart,
    ReplyPart,
    is_need_id,
    side_of,
    split_answer_id,
)
from models.orgs import Role, Viewer
from models.suppliers import Origin
from models.user_records import unstorable_characters
from server import persistence
from server.feed import item_of
from server.orgs import plant_owners_of
from server.schemas import Item, PushOp, PushResult

SHARED_OWNER = ""  # shared records are stored once, for everyone
ACTIONS = ("upsert", "delete")
#: The shared collections clients write record by record (the Fund's are written through its events).
WRITTEN_BY_PUSH = ("needs", "answers")
_PARTS: dict[AnswerSide, type[BaseModel]] = {AnswerSide.OFFER: OfferPart, AnswerSide.REPLY: ReplyPart}


@dataclass(frozen=True)
class Author:
    """Who pushed the op: the account's name (stamped on what it writes) and what it may see and do."""

    username: str
    viewer: Viewer


class _Answered(Exception):
    """Ends an op early with its result (a refusal or a conflict)."""

    def __init__(self, result: PushResult) -> None:
        super().__init__(result.status)
        self.result = result


def apply(session: Session, *, op: PushOp, author: Author, now: dt.datetime) -> PushResult:
    """Decide one op on a shared collection and write it; the caller consumes the seq in the same transaction."""
    writer = _Writer(session, op, author, now)
    try:
        if op.action not in ACTIONS:
            writer.refuse(f"invalid_action: {op.action!r} is not upsert or delete")
        if op.collection == "needs":
            return writer.need()
        return writer.answer()
    except WriteRefused as refused:
        return writer.result("rejected", reason=f"{refused.code}: {refused.message}")
    except _Answered as answered:
        return answered.result


def current_copy(session: Session, *, op: PushOp, viewer: Viewer) -> Item | None:
    """The server's copy of the record an op wrote, as ``viewer`` may see it (a replayed conflict's record)."""
    stored = persistence.get_record(session, collection=op.collection, owner=SHARED_OWNER, record_id=op.record_id)
    return None if stored is None else _as_seen(stored, op.collection, viewer)


def _as_seen(stored: Any, collection: str, viewer: Viewer) -> Item:
    """A stored shared record as ``viewer`` may see it: a tombstone when they may not."""
    item = item_of(stored)
    if item.data is not None and not VISIBILITY[collection](viewer, item.data):
        return Item(id=item.id, version=item.version, deleted=True, data=None)
    return item


class _Writer:
    def __init__(self, session: Session, op: PushOp, author: Author, now: dt.datetime) -> None:
        self.session, self.op, self.author, self.now = session, op, author, now
        self.viewer = author.viewer

    # ---- answers to the client ----------------------------------------------------------------------
    def result(self, status: str, **fields: Any) -> PushResult:
        return PushResult(seq=self.op.seq, op_id=self.op.op_id, status=status, **fields)  # type: ignore[arg-type]

    def refuse(self, reason: str, problems: list[dict[str, str]] | None = None) -> None:
        raise _Answered(self.result("rejected", reason=reason, problems=problems or None))

    def conflict(self, stored: Any, reason: str) -> None:
        raise _Answered(self.result("conflict", version=stored.version, record=self._seen(stored), reason=reason))

    def _seen(self, stored: Any) -> Item:
        return _as_seen(stored, self.op.collection, self.viewer)

    def _get(self, collection: str, record_id: str) -> Any:
        return persistence.get_record(self.session, collection=collection, owner=SHARED_OWNER, record_id=record_id)

    def _write(self, record_id: str, data: dict[str, Any] | None, version: int, collection: str | None = None) -> None:
        persistence.write_record(
            self.session,
            collection=collection or self.op.collection,
            owner=SHARED_OWNER,
            record_id=record_id,
            version=version,
            data=data,
            now=self.now,
        )

    def _validated(self, model: type[BaseModel], data: dict[str, Any]) -> BaseModel:
        try:
            return model.model_validate(data)
        except ValidationError as error:
            problems = [
                {"field": ".".join(str(part) for part in e["loc"]) or "data", "message": e["msg"]}
                for e in error.errors(include_url=False)
            ]
            self.refuse("invalid_data: " + "; ".join(f"{p['field']}: {p['message']}" for p in problems), problems)
            raise AssertionError("unreachable") from None

    def _object(self) -> dict[str, Any]:
        data = self.op.data
        if not isinstance(data, dict):
            self.refuse("invalid_data: data must be a JSON object")
        field = _unstorable(data)
        if field is not None:
            self.refuse(f"invalid_data: {field}: contains characters that cannot be stored")
        return data  # type: ignore[return-value]

    # ---- needs --------------------------------------------------------------------------------------
    def need(self) -> PushResult:
        op = self.op
        if self.viewer.role not in (Role.MEMBER, Role.ADMIN):
            raise WriteRefused("role_may_not_write", f"a {self.viewer.role.value} account does not write needs")
        if not is_need_id(op.record_id):
            self.refuse("invalid_record_id: a need's id is a UUID made on the device (or a register number)")
        stored = self._get("needs", op.record_id)
        live = stored if stored is not None and not stored.deleted else None
        if op.action == "delete":
            return self._delete_need(stored)
        incoming = self._need_data()
        if live is None:
            return self._create_need(stored, incoming)
        return self._update_need(live, incoming)

    def _need_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self._object().items() if k not in SERVER_NEED_FIELDS}
        unknown = sorted(set(data) - set(Need.model_fields))
        if unknown:
            problems = [{"field": name, "message": "Extra inputs are not permitted"} for name in unknown]
            self.refuse("invalid_data: " + "; ".join(f"{p['field']}: {p['message']}" for p in problems), problems)
        need = self._validated(Need, data)
        if need.id != self.op.record_id:  # type: ignore[attr-defined]
            self.refuse(f"invalid_record_id: the op is for {self.op.record_id} and the need's id is {data.get('id')}")
        if self._get("categories", need.category) is None:  # type: ignore[attr-defined]
            problems = [{"field": "category", "message": "not a category of the tree"}]
            self.refuse(f"invalid_data: category: {data['category']} is not a category of the tree", problems)
        return {k: v for k, v in need.model_dump(mode="json").items() if k not in SERVER_NEED_FIELDS}

    def _create_need(self, stored: Any, incoming: dict[str, Any]) -> PushResult:
        op = self.op
        if stored is not None and op.base_version is not None and op.base_version != stored.version:
            self.conflict(stored, "deleted_on_server")
        if stored is None:
            # A new record: the app's own (registers and the demo set bring theirs by import).
            try:
                uuid.UUID(op.record_id)
            except ValueError:
                self.refuse("invalid_record_id: a need raised in the app has a UUID made on the device as its id")
            if incoming["origin"] != Origin.APP.value or incoming["demo"]:
                raise WriteRefused("fixed_field", 'a need raised in the app says origin "app" and demo false')
        owners = plant_owners_of(self.session, incoming["plant_id"])
        if owners is None:
            raise WriteRefused("no_such_plant", f"the atlas has no plant {incoming['plant_id']}")
        check_need_author(self.viewer, stored=None, incoming=incoming, plant_orgs={*owners.orgs, *owners.merged})
        producer = owners.resolve(incoming["producer_org"])
        if producer is None:
            raise WriteRefused(
                "plant_not_owned", f"{incoming['producer_org']} is not an owner of the plant {incoming['plant_id']}"
            )
        if self.viewer.role is Role.ADMIN:
            incoming["producer_org"] = producer  # the id the atlas uses for a company the names table merged
        check_need_status(None, incoming)
        stamped = incoming | {"raised_by": self.author.username, "updated_by": self.author.username}
        return self._store_need(stamped)

    def _update_need(self, live: Any, incoming: dict[str, Any]) -> PushResult:
        op, stored = self.op, live.data
        check_need_author(self.viewer, stored=stored, incoming=incoming, plant_orgs=())
        for name in ("producer_org", "origin", "demo"):
            if incoming[name] != stored.get(name):
                raise WriteRefused("fixed_field", f"{name} stays as the need was raised")
        if op.base_version is None:
            self.conflict(live, "already_exists")
        if op.base_version != live.version:
            self.conflict(live, "base_version_mismatch")
        check_need_status(stored, incoming)
        unchanged = {k: v for k, v in stored.items() if k not in SERVER_NEED_FIELDS} == incoming
        if unchanged:
            return self.result("applied", version=live.version)  # nothing to write, and no news for anyone
        return self._store_need(incoming | {"raised_by": stored.get("raised_by"), "updated_by": self.author.username})

    def _store_need(self, data: dict[str, Any]) -> PushResult:
        version = persistence.next_version(self.session)
        data = data | {"updated_at": self.now.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")}
        self._write(self.op.record_id, data, version)
        return self.result("applied", version=version)

    def _delete_need(self, stored: Any) -> PushResult:
        check_delete(self.viewer, "needs")
        if stored is None:
            raise WriteRefused("no_such_need", f"there is no need {self.op.record_id}")
        if stored.deleted:
            return self.result("applied", version=stored.version)  # already gone: nothing to write
        newer = self.op.base_version != stored.version  # read before the write below changes ``stored``
        version = persistence.next_version(self.session)
        self._write(self.op.record_id, None, version)
        # Its answers go with it, under the same version: nobody keeps an answer to nothing.
        for answer in persistence.records_with_prefix(
            self.session, collection="answers", owner=SHARED_OWNER, prefix=f"{self.op.record_id}:"
        ):
            if not answer.deleted:
                self._write(answer.record_id, None, version, collection="answers")
        return self.result("applied", version=version, reason="overrode_newer_edit" if newer else None)

    # ---- answers ------------------------------------------------------------------------------------
    def answer(self) -> PushResult:
        op = self.op
        ids = split_answer_id(op.record_id)
        if ids is None:
            self.refuse("invalid_record_id: an answer's id is '<need id>:<supplier id>'")
        need_id, supplier_id = ids  # type: ignore[misc]
        need_record = self._get("needs", need_id)
        need = need_record.data if need_record is not None and not need_record.deleted else None
        stored = self._get("answers", op.record_id)
        live = stored if stored is not None and not stored.deleted else None
        if op.action == "delete":
            return self._delete_answer(stored)
        data = self._object()
        side = side_of(data)
        if side is None:
            self.refuse(
                "invalid_data: an answer op carries the supplier's part (offer, note, offered_at) or the "
                "producer's part (reply), not both and not nothing",
                [{"field": "data", "message": "one side's fields"}],
            )
        assert side is not None
        part = self._validated(_PARTS[side], data).model_dump(mode="json")
        check_answer_write(
            self.viewer, need=need, stored=live.data if live else None, side=side.value, supplier_id=supplier_id
        )
        self._check_side_version(stored, live, side)
        assert need is not None
        answer = dict(live.data) if live is not None else _new_answer(need_id, supplier_id, need)
        if side is AnswerSide.OFFER:
            mine = {**part, "offered_by": self.author.username}
        else:
            reply = part["reply"]
            mine = {"reply": None if reply is None else {**reply, "by": self.author.username}}
        if live is not None and all(answer.get(k) == v for k, v in mine.items()):
            return self.result("applied", version=live.version)  # nothing to write
        version = persistence.next_version(self.session)
        answer |= mine | {f"{side.value}_version": version}
        stored_data = self._validated(Answer, answer).model_dump(mode="json")
        self._write(op.record_id, stored_data, version)
        return self.result("applied", version=version)

    def _check_side_version(self, stored: Any, live: Any, side: AnswerSide) -> None:
        """``base_version`` is the record version the author's edit started from; it conflicts only when
        *their* side was written after it (the other side's writes never make a conflict)."""
        base = self.op.base_version
        if live is None:
            if stored is not None and base is not None and base < stored.version:
                self.conflict(stored, "deleted_on_server")  # an edit of an answer an admin removed since
            return
        data = live.data
        written = data.get(f"{side.value}_version")
        if written is None and (side is AnswerSide.OFFER or data.get("reply") is not None):
            written = live.version  # a side written by an import carries no version of its own
        if written is None:
            return
        if base is None:
            self.conflict(live, "already_exists")
        if base < written:
            self.conflict(live, "base_version_mismatch")

    def _delete_answer(self, stored: Any) -> PushResult:
        check_delete(self.viewer, "answers")
        if stored is None:
            raise WriteRefused("no_such_answer", f"there is no answer {self.op.record_id}")
        if stored.deleted:
            return self.result("applied", version=stored.version)
        version = persistence.next_version(self.session)
        self._write(self.op.record_id, None, version)
        return self.result("applied", version=version)


def _new_answer(need_id: str, supplier_id: str, need: dict[str, Any]) -> dict[str, Any]:
    """An answer before either side wrote: who it concerns, copied from the need (so that who sees it
    is decided from the answer alone)."""
    return {
        "need_id": need_id,
        "supplier_id": supplier_id,
        "producer_org": need["producer_org"],
        "plant_id": need["plant_id"],
        "offer": "can_make",
        "demo": False,
    }


def _unstorable(value: Any, path: str = "data") -> str | None:
    """The first field holding text no database of ours can store (``unstorable_characters``), or None."""
    if isinstance(value, str):
        return path if unstorable_characters(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _unstorable(key, path) or _unstorable(item, f"{path}.{key}" if path != "data" else str(key))
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _unstorable(item, f"{path}.{index}")
            if found:
                return found
    return None
