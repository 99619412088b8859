"""A device's own unsent writes of shared records: an answer with the device's side laid over it, and
merging a member's edit with one a colleague synced first (the field-by-field merge the app does on
``conflict`` before asking anyone, docs/sync-protocol.md, "Writing shared records")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from models.merge import MergeResult, merge_records
from models.needs import (
    SERVER_NEED_FIELDS,
    SIDE_FIELDS,
    AnswerSide,
    MoveRefused,
    Need,
    NeedStatus,
    check_move,
    side_of,
)


def answer_with_side(
    stored: Mapping[str, Any] | None,
    part: Mapping[str, Any],
    *,
    need: Mapping[str, Any] | None,
    need_id: str,
    supplier_id: str,
    username: str,
) -> dict[str, Any]:
    """The answer as it will be once the server takes ``part`` (one side's fields) from ``username``:
    the stored answer (or a new one, from the need) with that side replaced, as the server does it."""
    answer: dict[str, Any] = dict(stored) if stored is not None else {
        "need_id": need_id,
        "supplier_id": supplier_id,
        "producer_org": (need or {}).get("producer_org"),
        "plant_id": (need or {}).get("plant_id"),
        "offer": "can_make",
        "demo": False,
    }  # fmt: skip
    side = side_of(part)
    if side is AnswerSide.OFFER:
        answer |= {"note": None, "offered_at": None} | dict(part) | {"offered_by": username}
    elif side is AnswerSide.REPLY:
        reply = part.get("reply")
        answer["reply"] = None if reply is None else {"note": None, "at": None, **reply, "by": username}
    return answer


def side_part(answer: Mapping[str, Any] | None, side: AnswerSide) -> dict[str, Any] | None:
    """One side's fields of a stored answer (as an op would carry them), or None when it has none."""
    if answer is None:
        return None
    if side is AnswerSide.REPLY:
        return {"reply": answer.get("reply")} if answer.get("reply") is not None else None
    return {name: answer.get(name) for name in sorted(SIDE_FIELDS[side]) if name != "offered_by"}


def merge_need(base: Mapping[str, Any] | None, mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> MergeResult:
    """Merge a member's edit (``mine``, made from ``base``) with the copy another edit left on the server
    (``theirs``), field by field. Clean only when no field was changed differently on both sides and
    the status the merge ends in is one the workflow lets ``theirs`` move to."""
    result = merge_records(_need_fields(base), _need_fields(mine), _need_fields(theirs))
    status = result.merged.get("status")
    if "status" not in result.clashes and status is not None and status != theirs.get("status"):
        try:
            check_move(NeedStatus(theirs["status"]), NeedStatus(status))
        except (MoveRefused, ValueError, KeyError):
            result.clashes.append("status")
    return result


def _need_fields(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """A need's fields as the model fills them (a field left out is its default, never "removed"),
    without those the server owns; a copy that is no valid need is taken as it is."""
    if data is None:
        return {}
    try:
        full = Need.model_validate(dict(data)).model_dump(mode="json")
    except ValidationError:
        full = dict(data)
    return {k: v for k, v in full.items() if k not in SERVER_NEED_FIELDS}


def merge_side(
    base: Mapping[str, Any] | None, mine: Mapping[str, Any], theirs: Mapping[str, Any] | None
) -> MergeResult:
    """Merge one side of an answer written here (``mine``, from ``base``) with the same side another
    account of the same organisation synced first (``theirs``)."""
    return merge_records(dict(base or {}), dict(mine), dict(theirs or {}))


def merge_shared(
    collection: str, base: Mapping[str, Any] | None, mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The clean merge of this device's write of a shared record (``mine``, made from ``base``: a whole
    need, or one side of an answer) with the server's newer copy ``theirs`` (a whole record), or None
    when the member has to choose."""
    if collection == "needs":
        result = merge_need(base, mine, theirs)
        return result.merged if result.clean else None
    side = side_of(mine)
    if side is None:
        return None
    result = merge_side(base, mine, side_part(theirs, side))
    return result.merged if result.clean else None


def server_copy(collection: str, mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """The server's copy in the terms this device writes it: the whole need, or the side of the answer
    ``mine`` writes."""
    if collection == "needs":
        return dict(theirs)
    side = side_of(mine)
    return (side_part(theirs, side) if side is not None else None) or {}
